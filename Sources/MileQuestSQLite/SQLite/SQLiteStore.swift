import Foundation
import GRDB
import MileQuestCore
import MileQuestStore

/// The SQLite engine: one file in WAL mode, foreign keys on, a busy timeout, created 0600.
public final class SQLiteStore: MileQuestStore, @unchecked Sendable {
  // @unchecked: DatabaseQueue serialises every access itself.
  let dbQueue: DatabaseQueue
  /// The database file (`:memory:` for an in-memory store), named in errors.
  public let path: String
  private let clock: @Sendable () -> Date
  let triggers = WriteTriggers()
  /// Whether changes are held in one open transaction (`holdChanges`); used only inside the
  /// queue's serialised accesses and by the thread that owns the store.
  private var holding = false
  /// Whether a held transaction is open: a write happened since `holdChanges`.
  public private(set) var hasHeldChanges = false
  /// The `PRAGMA data_version` last seen by `waitForChanges` (nil before its first call).
  var watchedDataVersion: Int64?

  /// How long a writer waits for another process's transaction before giving up (exit 75).
  public static let defaultBusyTimeout: TimeInterval = 5

  /// Opens the milequest database at `path` and migrates it; `creating` says whether a missing
  /// or empty file may become a new database (mode 0600). The default suits tests and the
  /// tool's own files; the CLI passes `DatabaseLocation.creation`. A file that is not a milequest
  /// database is refused before anything is written to it (see `DatabaseCreation`).
  ///
  /// - Throws: `.inputUnreadable` (66) for a missing database that may not be created,
  ///   `.badData` (65) for a file that is not a milequest database, `.cannotCreateOutput` (73)
  ///   when it cannot be created, `.configuration` when it was written by a newer milequest.
  public init(
    path: String, busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout,
    creating creation: DatabaseCreation = .withDirectory,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    try DatabaseFile.prepare(path, creation: creation)
    self.path = path
    self.clock = clock
    dbQueue = try Self.mapErrors(path: path) {
      try DatabaseQueue(
        path: DatabaseFile.sqlitePath(path),
        configuration: Self.makeConfiguration(busyTimeout, path: path, creation: creation))
    }
    try Self.mapErrors(path: path) { try Self.migrate(dbQueue, path: path) }
  }

  private init(queue: DatabaseQueue, clock: @escaping @Sendable () -> Date) throws {
    dbQueue = queue
    path = ":memory:"
    self.clock = clock
    try Self.mapErrors(path: ":memory:") { try Self.migrate(queue, path: ":memory:") }
  }

  /// A private in-memory database, for tests.
  public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws
    -> SQLiteStore
  {
    try SQLiteStore(queue: DatabaseQueue(configuration: makeConfiguration(0)), clock: clock)
  }

  /// The connection's configuration. `path` and `creation` are for the check that the file
  /// is a milequest database (or a blank one `creation` lets it initialise), which runs first.
  static func makeConfiguration(
    _ busyTimeout: TimeInterval, path: String = ":memory:",
    creation: DatabaseCreation = .inExistingDirectory
  ) -> Configuration {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(busyTimeout)
    // A command holds its changes in one transaction across several accesses until its
    // output is written (`holdChanges`).
    configuration.allowsUnsafeTransactions = true
    // WAL is a persistent property of the file: switch a new database once, here, rather than
    // through GRDB's `.wal` journal mode, which writes a throw-away table on every open and so
    // would change the file even for commands that fail or only read.
    configuration.prepareDatabase { db in
      // Before anything that writes: another program's file is never switched to WAL.
      try DatabaseFile.refuseUnlessMilequest(db, path: path, creation: creation)
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
      case .SQLITE_READONLY:
        throw MileQuestError.io(
          "cannot write to database '\(path)': it is read-only (check the permissions of the "
            + "file and of its directory)")
      case .SQLITE_CANTOPEN, .SQLITE_PERM:
        throw MileQuestError.io(
          "cannot open database '\(path)': \(error.message ?? "") (check the permissions of "
            + "the file and of its directory)")
      case .SQLITE_FULL, .SQLITE_IOERR:
        // A failed backup step reports the connection's last message, "not an error".
        let full = error.resultCode == .SQLITE_FULL ? "database or disk is full" : "disk I/O error"
        let message = error.message.flatMap { $0 == "not an error" ? nil : $0 } ?? full
        throw MileQuestError.io("database '\(path)' I/O error: \(message)")
      default:
        throw MileQuestError.internalError("database: \(error)")
      }
    } catch let error as RowDecodingError {
      // A stored value of the wrong kind read outside `StoredRow` (never a trap).
      throw MileQuestError.badData(
        "a stored value does not fit (\(Validation.printable(String(describing: error).prefix(160).description))); "
          + "'milequest check' lists the bad rows")
    }
  }

  public func readSalvaging<T>(
    _ skipped: SkippedRows, _ body: (any StoreReading) throws -> T
  ) throws -> T {
    try Self.mapErrors {
      try dbQueue.read { db in try body(SQLiteSession(db: db, skipped: skipped)) }
    }
  }

  public func read<T>(_ body: (any StoreReading) throws -> T) throws -> T {
    try Self.mapErrors(path: path) {
      try dbQueue.read { db in try body(SQLiteSession(db: db)) }
    }
  }

  public func write<T>(change: String, _ body: (any StoreWriting) throws -> T) throws -> T {
    let madeAt = LocalTimestamp.string(from: clock())
    return try inWriteTransaction { db in
      try UndoLog.begin(db, description: change, madeAt: madeAt)
      let result = try body(SQLiteSession(db: db, triggers: triggers))
      try UndoLog.end(db)
      return result
    }
  }

  public func undoLastChange() throws -> String? {
    try inWriteTransaction { db in
      // Undoing walks and memberships must move the running totals back.
      try triggers.prepareAll("walk", db)
      try triggers.prepareAll("membership", db)
      return try UndoLog.undoLast(db)
    }
  }

  /// Runs `body` in its own IMMEDIATE transaction, or, while changes are held, in a savepoint
  /// of the held transaction (begun here by the first write); when `body` throws, nothing it
  /// did is kept either way.
  private func inWriteTransaction<T>(_ body: (Database) throws -> T) throws -> T {
    try Self.mapErrors(path: path) {
      try dbQueue.writeWithoutTransaction { db in
        var result: T?
        if holding {
          // IMMEDIATE takes the write lock up front, so a concurrent writer waits on the
          // busy timeout instead of failing later on a stale snapshot.
          if !db.isInsideTransaction {
            try db.beginTransaction(.immediate)
            hasHeldChanges = true
          }
          do {
            try db.inSavepoint {
              result = try body(db)
              return .commit
            }
          } catch {
            triggers.savepointRolledBack()
            throw error
          }
        } else {
          do {
            try db.inTransaction(.immediate) {
              result = try body(db)
              return .commit
            }
            triggers.transactionEnded(committed: true)
          } catch {
            triggers.transactionEnded(committed: false)
            throw error
          }
        }
        guard let result else { throw MileQuestError.internalError("empty transaction") }
        return result
      }
    }
  }

  /// From now on, every `write` and `undoLastChange` joins one transaction, begun by the
  /// first of them, that stays open until `commitHeldChanges` or `discardHeldChanges`. A
  /// command holds its changes so that it commits only after its output is written (output
  /// that cannot be written leaves the database as it was, so a retried command does not do
  /// its work twice), and a dry run discards them. The write lock is held meanwhile.
  public func holdChanges() {
    holding = true
  }

  /// Commits the held changes (nothing when no write happened) and stops holding.
  public func commitHeldChanges() throws {
    try endHeldChanges(commit: true)
  }

  /// Rolls the held changes back (a dry run, or a command that failed) and stops holding.
  public func discardHeldChanges() throws {
    try endHeldChanges(commit: false)
  }

  private func endHeldChanges(commit: Bool) throws {
    guard holding else { return }
    holding = false
    hasHeldChanges = false
    try Self.mapErrors(path: path) {
      try dbQueue.writeWithoutTransaction { db in
        guard db.isInsideTransaction else { return }
        do {
          if commit { try db.commit() } else { try db.rollback() }
          triggers.transactionEnded(committed: commit)
        } catch {
          if db.isInsideTransaction { try? db.rollback() }
          triggers.transactionEnded(committed: false)
          throw error
        }
      }
    }
  }

  /// Releases the database (held changes not committed by then are discarded).
  public func close() throws {
    try discardHeldChanges()
    try Self.mapErrors(path: path) { try dbQueue.close() }
  }
}
