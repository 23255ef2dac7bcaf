import Foundation
import MileQuestCore
import MileQuestStore

/// The PostgreSQL engine: one libpq connection to a database whose schema `init` created.
///
/// Isolation: every write transaction first takes one transaction-scoped advisory lock (the
/// writers' lock), so milequest's writers run one at a time, as on SQLite (where a write
/// transaction is IMMEDIATE): a rule checked inside a write ("team full", "last captain") sees
/// every earlier write and no later one. Statements run at READ COMMITTED, each seeing what
/// was committed before it, which under the lock is everything. Reads outside a write run in
/// one REPEATABLE READ, READ ONLY transaction (a consistent snapshot). A serialisation failure
/// or deadlock (possible only with other clients, such as `psql`, which do not take the lock)
/// makes `write` run its transaction again, up to `retries` times, never reaching the user.
public final class PostgresStore: MileQuestStore, @unchecked Sendable {
  // @unchecked: one connection, used by the thread that owns the store.
  let connection: PGConnection
  /// The address without its password, for messages.
  public let address: String
  private let clock: @Sendable () -> Date
  private let busyTimeout: TimeInterval
  private var holding = false
  /// Whether the connection listens for changes (`waitForChanges`).
  var listening = false
  /// Whether a held transaction is open: a write happened since `holdChanges`.
  public private(set) var hasHeldChanges = false

  /// The key of the writers' advisory lock ("mileqst" in ASCII).
  static let writersLock: Int64 = 0x6d69_6c65_7173_74
  /// How many times a write transaction is run again after a serialisation failure.
  static let retries = 20

  /// Opens the milequest database at `address` (a `postgresql://` URI or libpq `key=value`
  /// string) and brings its schema up to date.
  ///
  /// - Parameter creating: whether an empty database may get milequest's schema (`init`);
  ///   otherwise a database without it is refused with 66.
  /// - Throws: `.unavailable` (69) when the server cannot be reached, `.notAllowed` (77) when
  ///   the login is refused, `.inputUnreadable` (66) for a database that does not exist or
  ///   holds no milequest schema, `.configuration` (78) for a schema of a newer milequest.
  public init(
    address: String, busyTimeout: TimeInterval = 5, creating: Bool = false,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    connection = try PGConnection(conninfo: address)
    self.address = connection.shownAddress
    self.clock = clock
    self.busyTimeout = busyTimeout
    try migrate(creating: creating)
  }

  /// The migrations applied, in order; nil when the database has no milequest schema.
  func appliedMigrations() throws -> [String]? {
    try mapErrors {
      let exists = try connection.exec(
        "SELECT to_regclass($1) IS NOT NULL", [PostgresMigrations.table])
      guard exists.rows.first?.first == "t" else { return nil }
      return try connection.exec(
        "SELECT identifier FROM \(PostgresMigrations.table) ORDER BY position"
      ).rows.compactMap { $0.first ?? nil }
    }
  }

  private func migrate(creating: Bool) throws {
    let known = PostgresMigrations.all.map(\.0)
    if let applied = try appliedMigrations(), applied == known { return }
    try mapErrors {
      do {
        try beginLocked()
        guard let applied = try appliedMigrations() else {
          if !creating {
            throw MileQuestError.inputUnreadable(
              path: address,
              reason: "the database holds no milequest data; create it with 'milequest init'")
          }
          let taken = try connection.exec(
            "SELECT to_regclass('member') IS NOT NULL OR to_regclass('walk') IS NOT NULL")
          if taken.rows.first?.first == "t" {
            throw MileQuestError.cannotCreateOutput(
              path: address,
              reason: "the database has tables named like milequest's but is not a milequest "
                + "database; it was left unchanged")
          }
          try connection.execScript(
            """
            CREATE TABLE \(PostgresMigrations.table) (
              position integer PRIMARY KEY, identifier text NOT NULL UNIQUE)
            """)
          try apply(from: 0)
          try connection.exec("COMMIT")
          return
        }
        if applied.count > known.count || Array(known.prefix(applied.count)) != applied {
          throw MileQuestError.configuration(
            "database '\(address)' was created by a newer milequest; upgrade milequest to use it")
        }
        try apply(from: applied.count)
        try connection.exec("COMMIT")
      } catch {
        _ = try? connection.exec("ROLLBACK")
        throw error
      }
    }
  }

  private func apply(from first: Int) throws {
    for (index, (name, sql)) in PostgresMigrations.all.enumerated() where index >= first {
      try connection.execScript(sql)
      try connection.exec(
        "INSERT INTO \(PostgresMigrations.table)(position, identifier) VALUES ($1, $2)",
        [index + 1, name])
    }
  }

  /// `milequest init`: gives an existing, empty PostgreSQL database milequest's schema, or
  /// accepts one that has it (migrated to this version if older). The database itself is
  /// made by its administrator (`createdb`): milequest never creates databases on a server.
  public static func initialise(
    address: String, busyTimeout: TimeInterval = 5, dryRun: Bool = false
  ) throws -> Bool {
    if dryRun {
      let connection = try PGConnection(conninfo: address)
      defer { connection.close() }
      let found = try connection.exec(
        "SELECT to_regclass($1) IS NOT NULL", [PostgresMigrations.table])
      return found.rows.first?.first != "t"
    }
    let probe = try PGConnection(conninfo: address)
    let existed =
      try probe.exec("SELECT to_regclass($1) IS NOT NULL", [PostgresMigrations.table])
      .rows.first?.first == "t"
    probe.close()
    let store = try PostgresStore(address: address, busyTimeout: busyTimeout, creating: true)
    try store.close()
    return !existed
  }

  // MARK: - Errors

  /// Turns server errors into `MileQuestError`, so callers never see a `PGServerError`.
  func mapErrors<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as PGServerError {
      throw Self.map(error)
    }
  }

  static func map(_ error: PGServerError) -> MileQuestError {
    switch error.sqlState {
    case "55P03", "57014":
      return .databaseBusy
    case "40001", "40P01":
      // A serialisation failure or deadlock inside a held transaction (a command's), which
      // cannot be run again from here: nothing was changed, try again (75). Only clients
      // that skip the writers' lock (psql) can cause one.
      return .databaseBusy
    case "42501":
      // Grants and row-level security (PostgresMigrations.access).
      return .notAllowed(action: "make this change", reason: error.message)
    case let state where state.hasPrefix("23"):
      return .ruleViolation("the change breaks a database rule (\(error.message))")
    case let state where state.hasPrefix("08"):
      return .unavailable("lost the connection to PostgreSQL: \(error.message)")
    case "53100":
      return .io("the PostgreSQL server's disk is full: \(error.message)")
    case "25006":
      return .notAllowed(action: "write", reason: "the database is read-only (\(error.message))")
    default:
      return .internalError("database: \(error.message) (SQLSTATE \(error.sqlState))")
    }
  }

  // MARK: - Transactions

  /// Begins a transaction and takes the writers' lock, waiting for it up to the busy
  /// timeout, then runs `then` (more statements), all in one round trip: the simple query
  /// protocol runs the statements in order and stops at the first error. Every value is a
  /// number written here, so nothing needs quoting. Fewer round trips while the lock is held
  /// is shorter holding when many writers share two cores (each round trip waits for the
  /// server's backend and then this process to get a core).
  private func beginLocked(then more: String = "") throws {
    let milliseconds = max(Int((busyTimeout * 1000).rounded()), 1)
    try connection.execScript(
      """
      BEGIN; SET LOCAL lock_timeout = '\(milliseconds)ms';
      SELECT pg_advisory_xact_lock(\(Self.writersLock)); SET LOCAL lock_timeout = 0\(more)
      """)
  }

  public func read<T>(_ body: (any StoreReading) throws -> T) throws -> T {
    let session = PostgresSession(connection: connection, writable: false)
    if connection.inTransaction { return try mapErrors { try body(session) } }
    return try mapErrors {
      try connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      do {
        let result = try body(session)
        try connection.exec("COMMIT")
        return result
      } catch {
        _ = try? connection.exec("ROLLBACK")
        throw error
      }
    }
  }

  /// Every row reads on PostgreSQL (its types and CHECKs keep out what SQLite lets in), so
  /// nothing is ever skipped.
  public func readSalvaging<T>(_ skipped: SkippedRows, _ body: (any StoreReading) throws -> T)
    throws -> T
  {
    try read(body)
  }

  public func write<T>(change: String, _ body: (any StoreWriting) throws -> T) throws -> T {
    let madeAt = LocalTimestamp.string(from: clock())
    return try inWriteTransaction { session in
      // The change row and the setting that makes the triggers record undo: one round trip.
      let changeId = try connection.exec(
        """
        WITH made AS (
          INSERT INTO change(id, description, madeAt)
          VALUES ((SELECT coalesce(max(id), 0) + 1 FROM change), $1, $2) RETURNING id)
        SELECT id, set_config('milequest.change', id::text, true) FROM made
        """, [change, madeAt]
      ).rows.first?.first.flatMap { $0 }.flatMap { Int64($0) }
      guard let changeId else { throw MileQuestError.internalError("change insert gave no id") }
      let result = try body(session)
      // Recording off; a change that recorded nothing is dropped, so `undo` never spends
      // itself on it; otherwise the acting login's changes beyond the newest 50 go. One round
      // trip (the id is a number read above).
      try connection.execScript(
        """
        SELECT set_config('milequest.change', '', true);
        DELETE FROM change WHERE id = \(changeId)
          AND NOT EXISTS (SELECT 1 FROM undoLog WHERE changeId = \(changeId));
        DELETE FROM change WHERE madeBy = session_user AND id NOT IN (
          SELECT id FROM change WHERE madeBy = session_user ORDER BY id DESC LIMIT 50)
        """)
      return result
    }
  }

  /// Reverts the acting login's newest change (never another login's).
  public func undoLastChange() throws -> String? {
    try inWriteTransaction { _ in
      guard
        let row = try connection.exec(
          """
          SELECT id, description FROM change WHERE madeBy = session_user
          ORDER BY id DESC LIMIT 1
          """
        ).rows.first
      else { return nil }
      try connection.exec("SELECT mq_undo_own($1::bigint)", [row[0]])
      return row[1]
    }
  }

  /// Runs `body` in its own transaction under the writers' lock, run again after a
  /// serialisation failure; while changes are held, in a savepoint of the held transaction
  /// (begun here by the first write).
  func inWriteTransaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    let session = PostgresSession(connection: connection, writable: true)
    return try mapErrors {
      if holding {
        if !connection.inTransaction {
          hasHeldChanges = true
          try beginLocked(then: "; SAVEPOINT mq_write")
        } else {
          try connection.exec("SAVEPOINT mq_write")
        }
        do {
          let result = try body(session)
          try connection.exec("RELEASE SAVEPOINT mq_write")
          return result
        } catch {
          _ = try? connection.exec("ROLLBACK TO SAVEPOINT mq_write")
          _ = try? connection.exec("RELEASE SAVEPOINT mq_write")
          throw error
        }
      }
      var attempt = 0
      while true {
        attempt += 1
        do {
          try beginLocked()
          let result = try body(session)
          try connection.exec("COMMIT")
          return result
        } catch let error as PGServerError where error.isRetryable && attempt < Self.retries {
          _ = try? connection.exec("ROLLBACK")
          usleep(UInt32.random(in: 1_000...20_000))
        } catch {
          _ = try? connection.exec("ROLLBACK")
          throw error
        }
      }
    }
  }

  /// From now on, every `write` and `undoLastChange` joins one transaction, begun by the
  /// first of them, that stays open until `commitHeldChanges` or `discardHeldChanges` (as
  /// `SQLiteStore.holdChanges`). The writers' lock is held meanwhile.
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
    guard connection.inTransaction else { return }
    try mapErrors {
      if commit && connection.transactionFailed {
        _ = try? connection.exec("ROLLBACK")
        throw MileQuestError.internalError("a failed statement left the transaction unusable")
      }
      do {
        try connection.exec(commit ? "COMMIT" : "ROLLBACK")
      } catch {
        _ = try? connection.exec("ROLLBACK")
        throw error
      }
    }
  }

  /// Ready for the shell's next command on the same connection: no transaction left open,
  /// no longer listening for changes (a `--watch` ended); `.unavailable` when the connection
  /// is gone (a restarted server), so the shell connects again.
  public func prepareForNextCommand() throws {
    guard !holding, !connection.inTransaction, connection.isUsable() else {
      throw MileQuestError.unavailable("the PostgreSQL connection cannot be used again")
    }
    if listening {
      try mapErrors { _ = try connection.exec("UNLISTEN *") }
      listening = false
    }
  }

  /// Releases the connection (held changes not committed by then are discarded).
  public func close() throws {
    try? discardHeldChanges()
    connection.close()
  }
}
