import Foundation
import MileQuestKit

/// What a command runs with: the resolved settings, the store and the printer.
struct Context {
  private(set) var service: MileQuestService
  let printer: Printer
  let store: any MileQuestStore
  let settings: Settings

  /// The database file in use.
  var databasePath: String { settings.databasePath }

  /// Resolves flags > environment > config > defaults and opens the database (or uses
  /// `open`, a store already open on it).
  init(_ options: GlobalValues, settings: Settings, open: (any MileQuestStore)? = nil) throws {
    self.settings = settings
    printer = try Printer(options: options, settings: settings)
    store =
      try open
      ?? StoreOpener.open(
        settings.databaseAddress, creation: settings.databaseCreation,
        busyTimeout: settings.busyTimeout)
    service = MileQuestService(
      store: store, today: settings.today,
      actingHandle: try store.actingHandle(asked: settings.actingHandle),
      unit: settings.unit, weekStart: settings.weekStart)
    service.workListener = ProgressOutput.listener(quiet: options.quiet, output: options.output)
  }

  /// The store of the last command that succeeded, closed but kept until the next command or
  /// the exit: deinitialising GRDB's queue creates Foundation's `NotificationCenter` only to
  /// unregister from it, which a one-shot command would pay just before exiting.
  nonisolated(unsafe) private static var lastStore: (any MileQuestStore)?

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
    let address = settings.databaseAddress
    let existed = StoreOpener.exists(address)
    // What an interruption says (`ProcessSignals.sayOnInterrupt`) holds until the changes
    // are committed or dropped.
    defer { ProcessSignals.sayOnInterrupt(nil) }
    let kept = KeptStore.take(address, busyTimeout: settings.busyTimeout)
    let context: Context
    do {
      context = try Context(options, settings: settings, open: kept)
    } catch {
      try? kept?.close()
      throw error
    }
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
      if !existed { StoreOpener.remove(address) }
      throw error
    }
    if KeptStore.keep(context.store, address, busyTimeout: settings.busyTimeout) { return }
    try context.store.close()
    if options.dryRun && !existed { StoreOpener.remove(address) }
    lastStore = context.store
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
