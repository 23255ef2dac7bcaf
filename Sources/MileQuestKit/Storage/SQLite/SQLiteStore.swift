import Foundation
import GRDB

/// The SQLite engine: one file in WAL mode, foreign keys on, a busy timeout, created 0600.
public final class SQLiteStore: MileQuestStore, @unchecked Sendable {
  // @unchecked: DatabaseQueue serialises every access itself.
  let dbQueue: DatabaseQueue
  private let clock: @Sendable () -> Date
  private let triggers = WriteTriggers()

  /// How long a writer waits for another process's transaction before giving up (exit 75).
  public static let defaultBusyTimeout: TimeInterval = 5

  /// Opens (creating if needed, mode 0600) the database at `path` and migrates it.
  ///
  /// - Throws: `.configuration` when the file was written by a newer milequest.
  public init(
    path: String, busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    try DatabaseFile.createIfNeeded(path)
    self.clock = clock
    dbQueue = try Self.mapErrors(path: path) {
      try DatabaseQueue(path: path, configuration: Self.makeConfiguration(busyTimeout))
    }
    try Self.mapErrors(path: path) { try Self.migrate(dbQueue, path: path) }
  }

  private init(queue: DatabaseQueue, clock: @escaping @Sendable () -> Date) throws {
    dbQueue = queue
    self.clock = clock
    try Self.mapErrors(path: ":memory:") { try Self.migrate(queue, path: ":memory:") }
  }

  /// A private in-memory database, for tests.
  public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws
    -> SQLiteStore
  {
    try SQLiteStore(queue: DatabaseQueue(configuration: makeConfiguration(0)), clock: clock)
  }

  static func makeConfiguration(_ busyTimeout: TimeInterval) -> Configuration {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(busyTimeout)
    // WAL is a persistent property of the file: switch a new database once, here, rather than
    // through GRDB's `.wal` journal mode, which writes a throw-away table on every open and so
    // would change the file even for commands that fail or only read.
    configuration.prepareDatabase { db in
      RunningTotals.registerFunctions(db)
      if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal",
        db.configuration.readonly == false
      {
        try db.execute(sql: "PRAGMA journal_mode = WAL")
      }
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // The undo and running-total triggers are TEMP (see WriteTriggers): keep the temp
      // schema in memory rather than in a temporary file created for every process that writes.
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
    }
    return configuration
  }

  private static func migrate(_ queue: DatabaseQueue, path: String) throws {
    // Fast path: as many migrations applied as this version knows means exactly these (a
    // newer file has more): one count replaces the migrator's two read transactions.
    let applied = try? queue.inDatabase { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations")
    }
    if applied == Migrations.count { return }
    let migrator = Migrations.migrator
    let superseded = try queue.read { db in try migrator.hasBeenSuperseded(db) }
    if superseded {
      throw MileQuestError.configuration(
        "database '\(path)' was created by a newer milequest; upgrade milequest to use it")
    }
    let complete = try queue.read { db in try migrator.hasCompletedMigrations(db) }
    if !complete { try migrator.migrate(queue) }
  }

  /// Turns GRDB and SQLite errors into `MileQuestError`, so callers never see a DatabaseError.
  static func mapErrors<T>(path: String = "", _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as MileQuestError {
      throw error
    } catch let error as DatabaseError {
      switch error.resultCode {
      case .SQLITE_BUSY, .SQLITE_LOCKED:
        throw MileQuestError.databaseBusy
      case .SQLITE_CONSTRAINT:
        throw MileQuestError.ruleViolation(
          "the change breaks a database rule (\(error.message ?? "constraint"))")
      case .SQLITE_NOTADB, .SQLITE_CORRUPT:
        throw MileQuestError.badData("'\(path)' is not a milequest database or is damaged")
      case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
        throw MileQuestError.io("cannot open database '\(path)': \(error.message ?? "")")
      case .SQLITE_FULL, .SQLITE_IOERR:
        // A failed backup step reports the connection's last message, "not an error".
        let full = error.resultCode == .SQLITE_FULL ? "database or disk is full" : "disk I/O error"
        let message = error.message.flatMap { $0 == "not an error" ? nil : $0 } ?? full
        throw MileQuestError.io("database I/O error: \(message)")
      default:
        throw MileQuestError.internalError("database: \(error)")
      }
    }
  }

  public func read<T>(_ body: (any StoreReading) throws -> T) throws -> T {
    try Self.mapErrors {
      try dbQueue.read { db in try body(SQLiteSession(db: db)) }
    }
  }

  public func write<T>(change: String, _ body: (any StoreWriting) throws -> T) throws -> T {
    let madeAt = LocalTimestamp.string(from: clock())
    return try Self.mapErrors {
      try dbQueue.writeWithoutTransaction { db in
        // IMMEDIATE takes the write lock up front, so a concurrent writer waits on the busy
        // timeout instead of failing later on a stale snapshot.
        var result: T?
        do {
          try db.inTransaction(.immediate) {
            try UndoLog.begin(db, description: change, madeAt: madeAt)
            result = try body(SQLiteSession(db: db, triggers: triggers))
            return .commit
          }
          triggers.transactionEnded(committed: true)
        } catch {
          triggers.transactionEnded(committed: false)
          throw error
        }
        guard let result else { throw MileQuestError.internalError("empty transaction") }
        return result
      }
    }
  }

  public func undoLastChange() throws -> String? {
    try Self.mapErrors {
      try dbQueue.writeWithoutTransaction { db in
        var description: String?
        do {
          try db.inTransaction(.immediate) {
            // Undoing walks and memberships must move the running totals back.
            try triggers.prepareAll("walk", db)
            try triggers.prepareAll("membership", db)
            description = try UndoLog.undoLast(db)
            return .commit
          }
          triggers.transactionEnded(committed: true)
        } catch {
          triggers.transactionEnded(committed: false)
          throw error
        }
        return description
      }
    }
  }

  public func close() throws {
    try Self.mapErrors { try dbQueue.close() }
  }
}
