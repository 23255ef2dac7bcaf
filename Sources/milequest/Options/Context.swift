import Foundation
import MileQuestKit

/// What a command runs with: the resolved settings, the store and the printer.
struct Context {
  let service: MileQuestService
  let printer: Printer
  private let store: SQLiteStore

  /// Resolves flags > environment > defaults and opens the database.
  init(_ options: GlobalOptions) throws {
    let environment = ProcessInfo.processInfo.environment
    let unit = try options.unit ?? Self.unit(from: environment["MILEQUEST_UNIT"]) ?? .mi
    let today = try Self.today(environment)
    let path = try options.db ?? environment["MILEQUEST_DB"].flatMap { $0.isEmpty ? nil : $0 }
      ?? Self.defaultDatabasePath(environment)
    printer = try Printer(options: options, unit: unit)
    store = try SQLiteStore(path: path)
    let acting = options.actingMember ?? environment["MILEQUEST_USER"].flatMap {
      $0.isEmpty ? nil : $0
    }
    service = MileQuestService(store: store, today: today, actingHandle: acting, unit: unit)
  }

  /// Runs `body` with a context and always closes the database, so no WAL is left behind.
  static func run(_ options: GlobalOptions, _ body: (Context) throws -> Void) throws {
    let context = try Context(options)
    do {
      try body(context)
    } catch {
      try? context.store.close()
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

  /// `$XDG_DATA_HOME/milequest/milequest.db`, or `~/.local/share/milequest/milequest.db`.
  static func defaultDatabasePath(_ environment: [String: String]) throws -> String {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return data + "/milequest/milequest.db"
    }
    guard let home = environment["HOME"], !home.isEmpty else {
      throw MileQuestError.configuration(
        "cannot find the database: set HOME, XDG_DATA_HOME, MILEQUEST_DB or pass --db")
    }
    return home + "/.local/share/milequest/milequest.db"
  }
}
