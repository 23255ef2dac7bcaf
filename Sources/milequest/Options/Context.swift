import Foundation
import MileQuestKit

/// What a command runs with: the resolved settings, the store and the printer.
struct Context {
  let service: MileQuestService
  let printer: Printer
  let store: SQLiteStore
  let settings: Settings

  /// The database file in use.
  var databasePath: String { settings.databasePath }

  /// Resolves flags > environment > config > defaults and opens the database.
  init(_ options: GlobalValues, settings: Settings) throws {
    self.settings = settings
    printer = try Printer(options: options, settings: settings)
    store = try SQLiteStore(
      path: settings.databasePath, busyTimeout: settings.busyTimeout,
      creating: settings.databaseCreation)
    service = MileQuestService(
      store: store, today: settings.today, actingHandle: settings.actingHandle,
      unit: settings.unit, weekStart: settings.weekStart)
  }

  /// The store of the last command that succeeded, closed but kept until the next command or
  /// the exit: deinitialising GRDB's queue creates Foundation's `NotificationCenter` only to
  /// unregister from it, which a one-shot command would pay just before exiting.
  nonisolated(unsafe) private static var lastStore: SQLiteStore?

  /// Runs `body` with a context and always closes the database, so no WAL is left behind.
  static func run(_ options: GlobalOptions, _ body: (Context) throws -> Void) throws {
    try run(options.values, body)
  }

  /// Runs `body` with a context and always closes the database, so no WAL is left behind.
  static func run(_ options: GlobalValues, _ body: (Context) throws -> Void) throws {
    let settings = try Settings.resolve(options, Settings.environment())
    let path = settings.databasePath
    let existed = FileManager.default.fileExists(atPath: path)
    let context = try Context(options, settings: settings)
    do {
      try body(context)
    } catch {
      try? context.store.close()
      // A command that failed leaves no trace: not even a database it had to create
      // (a mistyped --db, say).
      if !existed {
        for suffix in ["", "-wal", "-shm"] {
          try? FileManager.default.removeItem(atPath: path + suffix)
        }
      }
      throw error
    }
    try context.store.close()
    lastStore = context.store
    try context.printer.finish()
  }
}
