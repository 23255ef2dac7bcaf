import Foundation
import MileQuestKit

/// What a command runs with: the resolved settings, the store and the printer.
struct Context {
  let service: MileQuestService
  let printer: Printer
  let store: SQLiteStore
  /// The database file in use.
  let databasePath: String

  /// Resolves flags > environment > defaults and opens the database.
  init(_ options: GlobalOptions) throws {
    let environment = ProcessInfo.processInfo.environment
    let unit = try options.unit ?? Self.unit(from: environment["MILEQUEST_UNIT"]) ?? .mi
    let today = try Self.today(environment)
    let path = try Self.databasePath(options, environment)
    printer = try Printer(options: options, unit: unit)
    store = try SQLiteStore(path: path)
    databasePath = path
    let acting = options.actingMember ?? environment["MILEQUEST_USER"].flatMap {
      $0.isEmpty ? nil : $0
    }
    service = MileQuestService(store: store, today: today, actingHandle: acting, unit: unit)
  }

  /// Runs `body` with a context and always closes the database, so no WAL is left behind.
  static func run(_ options: GlobalOptions, _ body: (Context) throws -> Void) throws {
    let environment = ProcessInfo.processInfo.environment
    let path = try? databasePath(options, environment)
    let existed = path.map { FileManager.default.fileExists(atPath: $0) } ?? true
    let context = try Context(options)
    do {
      try body(context)
    } catch {
      try? context.store.close()
      // A command that failed leaves no trace: not even a database it had to create
      // (a mistyped --db, say).
      if !existed, let path {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      }
      throw error
    }
    try context.store.close()
    try context.printer.finish()
  }

  static func unit(from text: String?) throws -> DistanceUnit? {
    guard let text, !text.isEmpty else { return nil }
    guard let unit = DistanceUnit(rawValue: text.lowercased()) else {
      throw MileQuestError.configuration("bad MILEQUEST_UNIT '\(text)': use mi or km")
    }
    return unit
  }

  /// Today in the process's time zone (`TZ`); `MILEQUEST_TODAY` pins it for tests and demos.
  static func today(_ environment: [String: String]) throws -> LocalDate {
    if let pinned = environment["MILEQUEST_TODAY"], !pinned.isEmpty {
      guard let date = LocalDate(pinned) else {
        throw MileQuestError.configuration("bad MILEQUEST_TODAY '\(pinned)': use YYYY-MM-DD")
      }
      return date
    }
    return LocalDate.today(in: TimeZone.current, now: Date())
  }

  /// The database file: `--db`, else `MILEQUEST_DB`, else the default.
  static func databasePath(_ options: GlobalOptions, _ environment: [String: String]) throws
    -> String
  {
    if let path = options.db { return path }
    if let path = environment["MILEQUEST_DB"], !path.isEmpty { return path }
    return try defaultDatabasePath(environment)
  }

  /// `$XDG_DATA_HOME/milequest/milequest.db`, or `~/.local/share/milequest/milequest.db`.
  static func defaultDatabasePath(_ environment: [String: String]) throws -> String {
    try dataDirectory(environment) + "/milequest.db"
  }

  /// `$XDG_DATA_HOME/milequest`, or `~/.local/share/milequest`.
  static func dataDirectory(_ environment: [String: String]) throws -> String {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return data + "/milequest"
    }
    guard let home = environment["HOME"], !home.isEmpty else {
      throw MileQuestError.configuration(
        "cannot find the data directory: set HOME or XDG_DATA_HOME, or pass --db")
    }
    return home + "/.local/share/milequest"
  }
}
