import Foundation

/// A regular file opened for reading, chunk by chunk or whole, with open and read failures
/// reported as `MileQuestError.inputUnreadable` (exit 66).
///
/// POSIX calls rather than `FileHandle`, so the reason in the message is the system's own
/// ("No such file or directory", "Permission denied") and chunks land in `[UInt8]` without a
/// `Data` copy.
final class InputFile {
  /// The path as the user gave it, for messages.
  let path: String
  /// Size in bytes when opened.
  let size: Int
  private let descriptor: Int32

  /// Opens `path` for reading; directories and unreadable files are refused.
  init(path: String) throws {
    self.path = path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw MileQuestError.inputUnreadable(path: path, reason: Self.systemReason())
    }
    var status = stat()
    guard fstat(fd, &status) == 0 else {
      let reason = Self.systemReason()
      close(fd)
      throw MileQuestError.inputUnreadable(path: path, reason: reason)
    }
    guard (status.st_mode & S_IFMT) != S_IFDIR else {
      close(fd)
      throw MileQuestError.inputUnreadable(path: path, reason: "it is a directory")
    }
    descriptor = fd
    size = Int(status.st_size)
  }

  deinit {
    close(descriptor)
  }

  /// The next at most `count` bytes; empty at the end of the file.
  func read(upTo count: Int) throws -> [UInt8] {
    try [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
      initialized = 0
      while true {
        let n = Foundation.read(descriptor, bytes.baseAddress, count)
        if n >= 0 {
          initialized = n
          return
        }
        if errno == EINTR { continue }
        throw MileQuestError.inputUnreadable(path: path, reason: Self.systemReason())
      }
    }
  }

  /// The whole file, refused with `.badData` when it is larger than `limit` bytes (checked
  /// before reading, and again while reading in case the file grows).
  func readAll(limit: Int, what: String) throws -> [UInt8] {
    try checkSize(size, limit: limit, what: what)
    var all: [UInt8] = []
    all.reserveCapacity(size)
    while true {
      let chunk = try read(upTo: XMLScanner.defaultChunkSize)
      if chunk.isEmpty { return all }
      all.append(contentsOf: chunk)
      try checkSize(all.count, limit: limit, what: what)
    }
  }

  /// Refuses sizes beyond `limit`, naming both in megabytes.
  func checkSize(_ bytes: Int, limit: Int, what: String) throws {
    guard bytes > limit else { return }
    let megabytes = { (n: Int) in String(format: "%.1f", Double(n) / 1_048_576) }
    throw MileQuestError.badData(
      "\(path) is \(megabytes(max(bytes, size))) MB; \(what) files are limited to "
        + "\(megabytes(limit)) MB")
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno))
  }
}
