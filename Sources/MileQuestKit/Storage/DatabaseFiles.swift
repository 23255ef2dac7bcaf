#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files that make up a database on disk, so that no output ever lands on one of them.
///
/// SQLite keeps a database in its main file plus companions named after it (`-wal` and `-shm`
/// in WAL mode, `-journal` otherwise). Writing an export, a picture or a backup over any of
/// them destroys data, however the path is spelled: relative or absolute, through `..`, a
/// symbolic link or a second hard link.
public enum DatabaseFiles {
  /// The companion suffixes SQLite may create beside a database file.
  public static let companionSuffixes = ["", "-wal", "-shm", "-journal"]

  /// Whether writing `path` would write the database at `database` or one of its companions.
  public static func isPart(of database: String, _ path: String) -> Bool {
    guard !database.isEmpty, !path.isEmpty else { return false }
    let target = FileIdentity(path)
    let spelled = canonical(path)
    for suffix in companionSuffixes {
      let companion = database + suffix
      if let target, let existing = FileIdentity(companion), target == existing { return true }
      if let spelled, spelled == canonical(companion) { return true }
    }
    return false
  }

  /// `path` made absolute with every symbolic link and `.`/`..` of its directory resolved, and
  /// of the file itself when it exists; nil when its directory does not exist.
  static func canonical(_ path: String) -> String? {
    if let whole = realPath(path) { return whole }
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard let resolved = realPath(directory) else { return nil }
    return resolved == "/" ? "/" + name : resolved + "/" + name
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}

/// A file's device and inode: two paths name the same file exactly when these are equal.
struct FileIdentity: Equatable {
  let device: UInt64
  let inode: UInt64

  /// The identity of the file at `path` (following links), or nil when there is none.
  init?(_ path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }
}
