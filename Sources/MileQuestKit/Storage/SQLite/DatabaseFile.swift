import Foundation

/// Creating the database file before SQLite does, so it never exists with wider permissions.
enum DatabaseFile {
  /// Creates `path` (and its directory) with mode 0600 unless it exists.
  static func createIfNeeded(_ path: String) throws {
    let manager = FileManager.default
    if manager.fileExists(atPath: path) { return }
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty && !manager.fileExists(atPath: directory) {
      do {
        try manager.createDirectory(
          atPath: directory, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
      } catch {
        throw MileQuestError.cannotCreateOutput(
          path: directory, reason: "cannot create the directory")
      }
    }
    // O_EXCL with mode 0600; SQLite gives its -wal and -shm files the same mode.
    let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
    if fd < 0 {
      if errno == EEXIST { return }
      throw MileQuestError.cannotCreateOutput(
        path: path, reason: String(cString: strerror(errno)))
    }
    close(fd)
  }
}
