import Foundation
import GRDB
import MileQuestCore
import MileQuestStore

/// What a database path holds.
public enum DatabaseFileKind: Sendable, Equatable {
  case missing
  case directory
  /// 0 bytes, or an SQLite file with no tables: nothing to lose.
  case blank
  /// An SQLite file with milequest's migrations.
  case milequest
  /// An SQLite file of another program (tables, but not milequest's).
  case foreign
  /// Not an SQLite file at all.
  case notSQLite
  /// Present but not readable.
  case unreadable
}

enum DatabaseFile {
  /// `path` as SQLite must be given it to open that very file. SQLite reads some names as
  /// something else: `file:x.db` as a URI (it opened `x.db`, created 0644), `:memory:` as a
  /// private in-memory database. With `./` in front, a relative name is just a file name.
  static func sqlitePath(_ path: String) -> String {
    path.hasPrefix("/") || path.hasPrefix("./") ? path : "./" + path
  }
  /// The first migration: a database that has applied it is a milequest database.
  static let firstMigration = "v1-initial"

  /// The first 16 bytes of every SQLite 3 file.
  static let magic = Array("SQLite format 3".utf8) + [0]

  /// What is at `path`, from its first bytes only (no SQLite connection): `.milequest` is
  /// never returned, an SQLite file is `.foreign` until its schema says otherwise.
  static func header(at path: String) -> DatabaseFileKind {
    switch FilePath.entry(at: path) {
    case .missing: return .missing
    case .directory: return .directory
    case .special: return .notSQLite  // never opened: a FIFO or a terminal would block
    case .file: break
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return .unreadable }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: magic.count)
    let count = read(fd, &bytes, bytes.count)
    if count == 0 { return .blank }
    if count < 0 { return .unreadable }
    return count == magic.count && bytes == magic ? .foreign : .notSQLite
  }

  /// What is at `path`, looking into an SQLite file's schema (reads only). The connection is
  /// not a read-only one: on a WAL file, a read-only connection leaves an empty `-wal` and
  /// `-shm` behind, which the last read-write connection removes as it closes.
  static func kind(at path: String) -> DatabaseFileKind {
    let kind = header(at: path)
    guard kind == .foreign else { return kind }
    var configuration = Configuration()
    configuration.busyMode = .timeout(SQLiteStore.defaultBusyTimeout)
    do {
      let queue = try DatabaseQueue(path: sqlitePath(path), configuration: configuration)
      defer { try? queue.close() }
      return try queue.read { db in try schemaKind(db) }
    } catch {
      return .notSQLite
    }
  }

  /// `.blank`, `.milequest` or `.foreign`, from the schema of an open connection (reads only).
  static func schemaKind(_ db: Database) throws -> DatabaseFileKind {
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT count(*), count(CASE WHEN type = 'table' AND name = 'grdb_migrations' THEN 1 END)
        FROM sqlite_master
        """)
    let objects: Int = row?[0] ?? 0
    let migrations: Int = row?[1] ?? 0
    if objects == 0 { return .blank }
    guard migrations == 1 else { return .foreign }
    let ours = try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)",
      arguments: [firstMigration])
    return ours == true ? .milequest : .foreign
  }

  /// Checks `path` before a store opens it, and creates it when `creation` allows: after this,
  /// `path` is a file SQLite may open (its schema is checked on the connection, see
  /// `refuseUnlessMilequest`).
  ///
  /// - Throws: `.inputUnreadable` (66) for a missing path that may not be created or a
  ///   directory; `.badData` (65) for a file that is not a milequest database;
  ///   `.cannotCreateOutput` (73) when creating fails (a missing directory, no permission).
  static func prepare(_ path: String, creation: DatabaseCreation) throws {
    switch header(at: path) {
    case .missing:
      switch creation {
      case .never:
        let directory = FilePath.directory(of: FilePath.followingSymlinks(path))
        if FilePath.entry(at: directory) != .directory {
          throw MileQuestError.inputUnreadable(
            path: path,
            reason: "the directory '\(directory)' does not exist (milequest never creates it)")
        }
        throw MileQuestError.inputUnreadable(path: path, reason: "no such database")
          .hinted(.createDatabase(path: path))
      case .withDirectory:
        try PrivateFile.createOwnDirectory(FilePath.directory(of: path))
        try PrivateFile.createIfMissing(path)
      case .inExistingDirectory:
        try PrivateFile.createIfMissing(path)
      }
    case .directory:
      throw MileQuestError.inputUnreadable(path: path, reason: "it is a directory, not a database")
    case .unreadable:
      throw MileQuestError.inputUnreadable(path: path, reason: "permission denied")
    case .notSQLite:
      throw notMilequest(path, "not an SQLite file")
    case .blank:
      if creation == .never {
        throw MileQuestError.badData("'\(path)' is an empty file, not a milequest database")
          .hinted(.initialiseDatabase(path: path))
      }
    case .foreign, .milequest:
      break
    }
  }

  /// Throws unless the connection's database is a milequest one, or a blank one `creation`
  /// may initialise. Reads only: runs before anything could write (the switch to WAL, the
  /// migrations).
  static func refuseUnlessMilequest(_ db: Database, path: String, creation: DatabaseCreation)
    throws
  {
    switch try schemaKind(db) {
    case .milequest: return
    case .blank:
      if creation != .never { return }
      throw MileQuestError.badData("'\(path)' is an empty database, not a milequest one")
        .hinted(.initialiseDatabase(path: path))
    default:
      throw notMilequest(path, "it belongs to another program")
    }
  }

  static func notMilequest(_ path: String, _ why: String) -> MileQuestError {
    .badData("'\(path)' is not a milequest database (\(why)); it was left unchanged")
  }
}
