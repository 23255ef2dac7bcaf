import MileQuestCore

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
    let spelled = canonical(path)
    for suffix in companionSuffixes {
      let companion = database + suffix
      if FilePath.sameFile(path, companion) { return true }
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
