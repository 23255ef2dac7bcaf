import Foundation

/// Every file the tool creates (database, backups, exports, pictures, shell history, config)
/// is created here, with mode 0600: readable and writable by its owner only, whatever the
/// umask, and also when the name is a symbolic link (the link is followed and its target,
/// created or replaced, gets 0600; the link itself stays).
public enum PrivateFile {
  /// Owner read and write.
  public static let mode: mode_t = 0o600
  /// Owner only, for the directories the tool creates (its XDG data and state directories).
  public static let directoryMode: mode_t = 0o700

  /// Creates `path` empty with mode 0600 unless something is there already; returns whether it
  /// created the file. A dangling symbolic link is followed and its target created.
  ///
  /// - Throws: `.cannotCreateOutput` naming `path` (a missing directory, no permission).
  @discardableResult
  public static func createIfMissing(_ path: String) throws -> Bool {
    let target = FilePath.followingSymlinks(path)
    let fd = open(target, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    if fd < 0 {
      if errno == EEXIST { return false }
      throw failure(path)
    }
    fchmod(fd, mode)
    close(fd)
    return true
  }

  /// Writes `text` to `path` atomically: a 0600 temporary file beside the target, synced, then
  /// renamed over it, so a reader never sees half a file and a failure leaves none. A symbolic
  /// link at `path` is followed: its target is replaced, the link stays.
  ///
  /// - Throws: `.cannotCreateOutput` when the file cannot be created, `.io` when writing fails.
  public static func write(_ text: String, to path: String) throws {
    let (fd, temporary, target) = try createTemporary(beside: path)
    do {
      try writeAll(fd, text)
      if !temporary.isEmpty && fsync(fd) != 0 && errno != EINVAL { throw writeFailure(path) }
      close(fd)
    } catch {
      close(fd)
      if !temporary.isEmpty { unlink(temporary) }
      throw error
    }
    try commit(temporary, to: target, named: path)
  }

  /// A new, empty 0600 file beside `path` (in the directory of the file `path` resolves to),
  /// for output written in pieces; returns its descriptor, its name and the final name to
  /// `commit` it to. A device or pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written
  /// directly, never replaced: then the temporary name is empty.
  public static func createTemporary(beside path: String) throws
    -> (fd: Int32, temporary: String, target: String)
  {
    // The kernel follows the links here, /proc's magic ones (/dev/stdout) too.
    switch FilePath.entry(at: path) {
    case .directory:
      throw MileQuestError.cannotCreateOutput(path: path, reason: "it is a directory")
    case .special:
      let fd = open(path, O_WRONLY | O_CLOEXEC)
      if fd < 0 { throw failure(path) }
      return (fd, "", path)
    case .missing, .file:
      break
    }
    let target = FilePath.followingSymlinks(path)
    let temporary = target + ".milequest-\(getpid())"
    unlink(temporary)  // a leftover of an earlier process with the same id
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    if fd < 0 { throw failure(path) }
    fchmod(fd, mode)
    return (fd, temporary, target)
  }

  /// Renames a finished temporary file to its final name (`target`, which `path` resolves to).
  public static func commit(_ temporary: String, to target: String, named path: String) throws {
    if temporary.isEmpty { return }  // a device or pipe, written directly
    if rename(temporary, target) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw MileQuestError.cannotCreateOutput(path: path, reason: reason)
    }
  }

  /// Writes every byte of `text` to `fd`, retrying after signals.
  public static func writeAll(_ fd: Int32, _ text: String) throws {
    var text = text
    try text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw MileQuestError.io("cannot write the output: \(String(cString: strerror(errno)))")
        }
        offset += written
      }
    }
  }

  /// Creates `path` and its missing parents with mode 0700. Only for the tool's own
  /// directories (`$XDG_DATA_HOME/milequest`, its `backups`, the shell history's directory):
  /// a directory the user names is never created.
  public static func createOwnDirectory(_ path: String) throws {
    if FilePath.entry(at: path) == .directory { return }
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true,
        attributes: [.posixPermissions: Int(directoryMode)])
    } catch {
      throw MileQuestError.cannotCreateOutput(path: path, reason: "cannot create the directory")
    }
  }

  /// The reason the last `open` failed, for `path`.
  private static func failure(_ path: String) -> MileQuestError {
    let code = errno
    let reason =
      switch code {
      case ENOENT: "the directory \(FilePath.directory(of: path)) does not exist"
      case EACCES, EPERM, EROFS: "permission denied (the directory is not writable)"
      case EISDIR: "it is a directory"
      default: String(cString: strerror(code))
      }
    return .cannotCreateOutput(path: path, reason: reason)
  }

  private static func writeFailure(_ path: String) -> MileQuestError {
    .io("cannot write '\(path)': \(String(cString: strerror(errno)))")
  }
}
