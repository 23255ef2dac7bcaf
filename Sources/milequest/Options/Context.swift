import Foundation
import MileQuestKit
import MileQuestPostgres

/// What a command needs of a store beyond `MileQuestStore`: changes held in one transaction
/// until the output is written (see `Context.run`). Both back ends have it.
// TEMPORARY (postgres branch): the store helper's "one place that picks the store" replaces
// this protocol and `Context.openStore` at merge time.
protocol CommandStore: MileQuestStore {
  func holdChanges()
  func commitHeldChanges() throws
  func discardHeldChanges() throws
  var hasHeldChanges: Bool { get }
}

extension SQLiteStore: CommandStore {}
extension PostgresStore: CommandStore {}

/// What a command runs with: the resolved settings, the store and the printer.
struct Context {
  let service: MileQuestService
  let printer: Printer
  let store: any CommandStore
  let settings: Settings

  /// The database file in use.
  var databasePath: String { settings.databasePath }

  /// Resolves flags > environment > config > defaults and opens the database.
  init(_ options: GlobalValues, settings: Settings) throws {
    self.settings = settings
    printer = try Printer(options: options, settings: settings)
    store = try Self.openStore(settings)
    // On PostgreSQL the acting member is the login's (only organisers may name another).
    let acting = try (store as? PostgresStore)?.actingHandle(asked: settings.actingHandle)
    service = MileQuestService(
      store: store, today: settings.today,
      actingHandle: store is PostgresStore ? acting : settings.actingHandle,
      unit: settings.unit, weekStart: settings.weekStart)
  }

  /// The store `settings` name: PostgreSQL for a `postgresql://` or `postgres://` address,
  /// else the SQLite file.
  static func openStore(_ settings: Settings) throws -> any CommandStore {
    if PostgresAddress.isAddress(settings.databasePath) {
      return try PostgresStore(address: settings.databasePath, busyTimeout: settings.busyTimeout)
    }
    return try SQLiteStore(
      path: settings.databasePath, busyTimeout: settings.busyTimeout,
      creating: settings.databaseCreation)
  }

  /// The SQLite store of a command that only SQLite has (`backup`, `restore`).
  ///
  /// - Throws: `.configuration` (78) on PostgreSQL.
  func sqliteStore(for command: String) throws -> SQLiteStore {
    guard let store = store as? SQLiteStore else {
      throw MileQuestError.configuration(
        "'\(command)' works on SQLite database files; on PostgreSQL use 'milequest export all' "
          + "and 'milequest import all', or the server's own pg_dump")
    }
    return store
  }

  /// The store of the last command that succeeded, closed but kept until the next command or
  /// the exit: deinitialising GRDB's queue creates Foundation's `NotificationCenter` only to
  /// unregister from it, which a one-shot command would pay just before exiting.
  nonisolated(unsafe) private static var lastStore: (any CommandStore)?

  /// What a command may do to the database, which decides what `--dry-run` means for it.
  enum Access {
    /// It only reads: `--dry-run` means nothing and is refused (64), so no one believes a
    /// report was checked for changes it never makes.
    case reads
    /// It changes the database: with `--dry-run` every change is made inside a transaction
    /// that is rolled back, so the command reports exactly what it would do.
    case writes
  }

  /// Runs `body` with a context and always closes the database, so no WAL is left behind.
  static func run(
    _ options: GlobalOptions, _ access: Access = .reads, _ body: (Context) throws -> Void
  ) throws {
    try run(options.values, access, body)
  }

  /// Runs `body` with a context and always closes the database, so no WAL is left behind.
  ///
  /// The changes `body` makes are committed only after its output has been written: a
  /// command whose output cannot be written (a full disk, a closed pipe) fails with nothing
  /// changed, so a script that retries it does not do the work twice. The exit status is the
  /// truth: 0 means changed and reported, anything else means unchanged. With `--dry-run` the
  /// changes are rolled back after the output is written, and the database file is left as
  /// it was, byte for byte.
  static func run(
    _ options: GlobalValues, _ access: Access = .reads, _ body: (Context) throws -> Void
  ) throws {
    if options.dryRun && access == .reads {
      throw MileQuestError.usage(
        "--dry-run is for commands that change the database; this one only reads")
    }
    let settings = try Settings.resolve(options, Settings.environment())
    let path = settings.databasePath
    // A PostgreSQL database is never created nor removed by a command (only `init` gives
    // one its schema).
    let existed =
      PostgresAddress.isAddress(path) || FileManager.default.fileExists(atPath: path)
    let context = try Context(options, settings: settings)
    context.store.holdChanges()
    do {
      try body(context)
      if options.dryRun { try context.store.discardHeldChanges() }
      do {
        try context.printer.finish()
      } catch let error as MileQuestError where context.store.hasHeldChanges {
        throw error.adding("nothing was changed")
      }
      try context.store.commitHeldChanges()
    } catch {
      try? context.store.close()
      // A command that failed leaves no trace: not even a database it had to create
      // (a mistyped --db, say).
      if !existed { removeDatabase(path) }
      throw error
    }
    try context.store.close()
    if options.dryRun && !existed { removeDatabase(path) }
    lastStore = context.store
  }

  private static func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }
}

extension MileQuestError {
  /// The same error with `note` appended to its message (after a semicolon).
  func adding(_ note: String) -> MileQuestError {
    switch self {
    case .io(let message): .io("\(message); \(note)")
    case .cannotCreateOutput(let path, let reason):
      .cannotCreateOutput(path: path, reason: "\(reason); \(note)")
    default: self
    }
  }
}
