import Foundation
import MileQuestCore

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
  /// False for a pipe or a device, which can be read only once, from the start.
  let isRegular: Bool
  private let descriptor: Int32
  /// False for standard input, which is read but never closed.
  private let ownsDescriptor: Bool

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
    ownsDescriptor = true
    size = Int(status.st_size)
    isRegular = (status.st_mode & S_IFMT) == S_IFREG
  }

  /// Adopts an open descriptor (a spooled copy, or standard input when `owned` is false).
  private init(descriptor: Int32, path: String, size: Int, regular: Bool = true, owned: Bool = true)
  {
    self.descriptor = descriptor
    self.path = path
    self.size = size
    isRegular = regular
    ownsDescriptor = owned
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// Standard input, read in place (once, from where it stands); named `name` in messages.
  static func standardInput(name: String = "-") -> InputFile {
    InputFile(descriptor: STDIN_FILENO, path: name, size: 0, regular: false, owned: false)
  }

  /// Standard input copied to a temporary file (see `spooled()`).
  static func spooledStandardInput(name: String = "-") throws -> InputFile {
    try spool(STDIN_FILENO, name: name)
  }

  /// This file copied to a temporary one, for a pipe (`import all <(gunzip -c all.json.gz)`)
  /// that must be read twice.
  func spooled() throws -> InputFile {
    try Self.spool(descriptor, name: path)
  }

  /// What `source` holds, copied to a temporary file so that it can be read twice (an
  /// `import all` document is checked from end to end before anything is imported) without
  /// holding it in memory. The file is unlinked at once: only the descriptor keeps it, and it
  /// goes with the process however that ends.
  private static func spool(_ source: Int32, name: String) throws -> InputFile {
    let directory = FileManager.default.temporaryDirectory.path
    var template = Array("\(directory)/milequest-spool.XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw MileQuestError.io(
        "cannot create a temporary file in \(directory) to hold \(name): \(systemReason())")
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    var size = 0
    var chunk = [UInt8](repeating: 0, count: XMLScanner.defaultChunkSize)
    while true {
      let n = chunk.withUnsafeMutableBytes { Foundation.read(source, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else {
        let reason = systemReason()
        close(fd)
        throw MileQuestError.inputUnreadable(path: name, reason: reason)
      }
      if n == 0 { break }
      var written = 0
      while written < n {
        let w = chunk.withUnsafeBytes { write(fd, $0.baseAddress! + written, n - written) }
        if w < 0 && errno == EINTR { continue }
        guard w > 0 else {
          let reason = systemReason()
          close(fd)
          throw MileQuestError.io("cannot copy \(name) to a temporary file: \(reason)")
        }
        written += w
      }
      size += n
    }
    // Back to the start for sequential reads (`readAll`); `pread` ignores the offset anyway.
    lseek(fd, 0, SEEK_SET)
    return InputFile(descriptor: fd, path: name, size: size)
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

  /// At most `count` bytes from `offset`, without moving the read position (`pread`), so
  /// readers at different places share one open file; empty at the end of the file.
  func read(upTo count: Int, at offset: Int) throws -> [UInt8] {
    try [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
      initialized = 0
      while true {
        let n = pread(descriptor, bytes.baseAddress, count, off_t(offset))
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
    let megabytes = { (n: Int) in FixedDecimal.string(Double(n) / 1_048_576, places: 1) }
    throw MileQuestError.badData(
      "\(path) is \(megabytes(max(bytes, size))) MB; \(what) files are limited to "
        + "\(megabytes(limit)) MB")
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno))
  }
}
