import Foundation

/// Path arithmetic on plain strings, byte by byte on `/`.
///
/// Used everywhere instead of Foundation's `NSString` path functions: on Linux
/// `deletingLastPathComponent` traps (SIGILL) on a one-character path such as `a`, `-` or `é`,
/// so `--db a`, `--output -` or `backup x` crashed the tool (see `FilePathTests`). These
/// functions never trap, whatever the string.
public enum FilePath {
  /// The directory part of `path`: `"."` for a bare name (`a`), `"/"` at the root, the text
  /// before the last `/` otherwise. Trailing slashes are ignored (`a/b/` → `a`).
  public static func directory(of path: String) -> String {
    var bytes = Array(path.utf8)
    while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    var end = slash
    while end > 0 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
    if end == 0 { return "/" }
    return String(decoding: bytes[..<end], as: UTF8.self)
  }

  /// The last component of `path` (`a/b.csv` → `b.csv`, `a/b/` → `b`, `/` → `/`).
  public static func lastComponent(of path: String) -> String {
    var bytes = Array(path.utf8)
    while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
    guard bytes.count > 1, let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else {
      return String(decoding: bytes, as: UTF8.self)
    }
    return String(decoding: bytes[(slash + 1)...], as: UTF8.self)
  }

  /// The extension of the last component, without its dot: `walks.CSV` → `CSV`; empty for
  /// `a`, `.hidden`, `a.` and `-`.
  public static func pathExtension(of path: String) -> String {
    let name = Array(lastComponent(of: path).utf8)
    guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return "" }
    return String(decoding: name[(dot + 1)...], as: UTF8.self)
  }

  /// `directory/name`, with exactly one `/` between them.
  public static func appending(_ name: String, to directory: String) -> String {
    if directory.isEmpty { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// `~` and `~/...` with `home` in place of the tilde; any other path unchanged (`~user` is
  /// not expanded).
  ///
  /// - Throws: `.configuration` when the path starts with `~` and `home` is nil or empty.
  public static func expandingTilde(_ path: String, home: String?) throws -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    guard let home, !home.isEmpty else {
      throw MileQuestError.configuration(
        "cannot expand '~' in '\(path)': HOME is not set; give the full path")
    }
    return path == "~" ? home : appending(String(path.dropFirst(2)), to: home)
  }

  /// The scheme of an address such as `postgres://host/db` (`postgres`), or nil for a path.
  public static func urlScheme(of path: String) -> String? {
    guard let range = path.range(of: "://") else { return nil }
    let scheme = path[..<range.lowerBound]
    guard let first = scheme.unicodeScalars.first,
      ("a"..."z").contains(first) || ("A"..."Z").contains(first),
      scheme.unicodeScalars.allSatisfy({
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || "+-.".unicodeScalars.contains($0)
      })
    else { return nil }
    return scheme.lowercased()
  }

  /// The path a file created at `path` ends up at: `path` itself, or, when `path` is a
  /// symbolic link (even a dangling one), the file it points to, followed to the end.
  /// Relative link targets are read against the link's directory. A loop gives `path` back
  /// (the open that follows then fails with a message).
  public static func followingSymlinks(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { return current }
      let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = target.hasPrefix("/") ? target : appending(target, to: directory(of: current))
    }
    return path
  }

  /// Whether `a` and `b` name the same existing file (same device and inode, through links).
  public static func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat()
    var second = stat()
    guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
  }

  /// What is at `path`: nothing, a directory, a regular file, or something else.
  public enum Entry: Sendable, Equatable {
    case missing
    case directory
    case file
    /// A device, pipe or socket: reading one may block (`/dev/tty`, a FIFO) or never end.
    case special
  }

  /// What is at `path`, following symbolic links.
  public static func entry(at path: String) -> Entry {
    var info = stat()
    guard stat(path, &info) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .file
    default: return .special
    }
  }

  /// The size in bytes of the regular file at `path` (following symbolic links); nil for
  /// anything else.
  public static func size(of path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    return Int(info.st_size)
  }
}
