import Foundation

/// A file written under a temporary name beside its target and renamed into place only when
/// complete: an export or backup that fails (a full disk, a file-size limit) or is interrupted
/// (SIGINT, SIGTERM, SIGHUP: see `TemporaryFiles`) leaves no partial file at the target name
/// and no temporary file behind.
///
/// The temporary file is created with mode 0600 and `O_EXCL`; it is registered with
/// `TemporaryFiles` (with any `companions`, such as SQLite's journal) until it is renamed or
/// removed. A failed write is `.io` (exit 74) naming the target and the system's reason; a
/// file that cannot be created is `.cannotCreateOutput` (73).
///
/// A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is
/// written in place: renaming a file over a device would replace the device.
public final class OutputFile {
  /// Where the file ends up: the path given, or the file a symbolic link there points to
  /// (the link stays).
  public let path: String
  /// Where it is written until `commit`.
  public let temporaryPath: String
  private var descriptor: Int32
  private var registrations: [TemporaryFiles.Registration] = []
  private let companions: [String]
  /// Suffixes of files beside the target that belong to the file it replaces.
  private let staleBesideTarget: [String]
  private var done = false
  /// True when the target is written in place (it is not a regular file).
  public let writesInPlace: Bool

  /// Creates the temporary file for `path`; `companions` are suffixes of files another
  /// writer (SQLite) may create beside the temporary one, removed with it; files named by
  /// `staleBesideTarget` suffixes beside `path` (a replaced database's journal) are removed
  /// when the file is renamed into place.
  public init(path given: String, companions: [String] = [], staleBesideTarget: [String] = [])
    throws
  {
    path = Self.resolvingLink(given)
    self.companions = companions
    self.staleBesideTarget = staleBesideTarget
    var status = stat()
    if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
      let fd = open(path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else {
        throw MileQuestError.cannotCreateOutput(
          path: given, reason: String(cString: strerror(errno)))
      }
      descriptor = fd
      temporaryPath = path
      writesInPlace = true
      return
    }
    writesInPlace = false
    let directory = Self.directory(of: path)
    // Registered before it is created, so an interruption at any moment removes it. A random
    // name, created with O_EXCL (and not through a link), mode 0600.
    var attempt = 0
    while true {
      let name = "\(directory)/.milequest-" + String(UInt64.random(in: 0..<(1 << 48)), radix: 36)
      let registration = TemporaryFiles.register(name)
      let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      if fd >= 0 {
        descriptor = fd
        temporaryPath = name
        registrations.append(registration)
        break
      }
      let code = errno
      TemporaryFiles.unregister(registration)
      attempt += 1
      guard code == EEXIST && attempt < 100 else {
        throw MileQuestError.cannotCreateOutput(
          path: given, reason: String(cString: strerror(code)))
      }
    }
    for suffix in companions {
      registrations.append(TemporaryFiles.register(temporaryPath + suffix))
    }
  }

  deinit {
    discard()
  }

  /// Appends `text`.
  public func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
  }

  /// Appends `bytes`; a failed write (a full disk, a file-size limit) is `.io` (74).
  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard descriptor >= 0, let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw writeFailure(errno)
      }
      offset += written
    }
  }

  /// Closes the temporary file, for another writer (SQLite) to open by `temporaryPath`.
  public func closeForOtherWriter() {
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
  }

  /// Flushes the file to disk and renames it to `path`, replacing any file there (and the
  /// `staleBesideTarget` files: a replaced database's journal would be rolled back into the
  /// new file).
  public func commit() throws {
    if writesInPlace {
      done = true
      if descriptor >= 0 && close(descriptor) != 0 && errno != EINTR {
        descriptor = -1
        throw writeFailure(errno)
      }
      descriptor = -1
      return
    }
    if descriptor >= 0 {
      if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS {
        throw writeFailure(errno)
      }
      if close(descriptor) != 0 && errno != EINTR { throw writeFailure(errno) }
      descriptor = -1
    }
    for suffix in staleBesideTarget { _ = unlink(path + suffix) }
    guard rename(temporaryPath, path) == 0 else {
      let reason = String(cString: strerror(errno))
      discard()
      throw MileQuestError.cannotCreateOutput(path: path, reason: reason)
    }
    for suffix in companions { _ = unlink(temporaryPath + suffix) }
    for registration in registrations { TemporaryFiles.unregister(registration) }
    registrations = []
    done = true
  }

  /// Removes the temporary file (and its companions): the output is abandoned.
  public func discard() {
    guard !done else { return }
    done = true
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
    if writesInPlace { return }
    _ = unlink(temporaryPath)
    for suffix in companions { _ = unlink(temporaryPath + suffix) }
    for registration in registrations { TemporaryFiles.unregister(registration) }
    registrations = []
  }

  /// Writes `text` to `path` whole: temporary file, then rename.
  public static func write(_ text: String, to path: String) throws {
    let file = try OutputFile(path: path)
    try file.write(text)
    try file.commit()
  }

  /// The `.io` error of a failed write: the system's reason, with the file-size limit named
  /// when that is what was reached (EFBIG).
  func writeFailure(_ code: Int32) -> MileQuestError {
    var reason = String(cString: strerror(code))
    if code == EFBIG, let limit = Self.fileSizeLimit() {
      reason += " (the file-size limit, ulimit -f, is \(limit) bytes)"
    }
    return .io("cannot write '\(path)': \(reason); nothing was written there")
  }

  /// Why writing `bytes` to the temporary file failed when another writer (SQLite) only
  /// reported "I/O error" or "disk full": the file-size limit is below that size, or the file
  /// system has less room; nil when neither explains it.
  public func diagnoseFailure(writing bytes: Int) -> String? {
    if let limit = Self.fileSizeLimit(), bytes > limit {
      return "\(String(cString: strerror(EFBIG))) (the file-size limit, ulimit -f, is \(limit) "
        + "bytes; the copy needs \(bytes))"
    }
    var volume = statvfs()
    if statvfs(Self.directory(of: path), &volume) == 0,
      UInt64(volume.f_bavail) * UInt64(volume.f_frsize) < UInt64(bytes) + (1 << 20)
    {
      return String(cString: strerror(ENOSPC))
    }
    return nil
  }

  /// RLIMIT_FSIZE in bytes, or nil when unlimited.
  static func fileSizeLimit() -> Int? {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int64.max)
    else { return nil }
    return Int(clamping: limit.rlim_cur)
  }

  /// The directory part of `path` ("." for a bare name), without Foundation's path functions.
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The file a symbolic link at `path` points to (so replacing it keeps the link), else
  /// `path`.
  static func resolvingLink(_ path: String) -> String {
    // Also a link to a file not yet there: the file is created where the link points.
    FilePath.followingSymlinks(path)
  }
}
