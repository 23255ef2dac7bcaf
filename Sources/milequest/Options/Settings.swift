import Foundation
import MileQuestKit

/// Every setting resolved by precedence: flag > environment > config file > default.
struct Settings {
  var databasePath: String
  /// The back end and address `databasePath` names.
  var databaseAddress: StoreAddress { (try? StoreAddress(databasePath)) ?? .file(databasePath) }
  /// Whether an ordinary command may create the database: only the default one.
  var databaseCreation: DatabaseCreation
  var actingHandle: String?
  var unit: DistanceUnit
  var weekStart: WeekStart
  var color: ColorChoice
  var today: LocalDate
  /// Seconds a writer waits for another process before exit 75 (`MILEQUEST_BUSY_TIMEOUT`).
  var busyTimeout: Double
  /// The config file in use (it may not exist).
  var configPath: String?

  static func resolve(_ options: GlobalValues, _ environment: [String: String]) throws
    -> Settings
  {
    func env(_ name: String) -> String? {
      environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
    let configPath = env("MILEQUEST_CONFIG") ?? Config.defaultPath(environment: environment)
    let config = try configPath.map(Config.load) ?? Config()
    let envUnit = try env("MILEQUEST_UNIT").map { text in
      guard let unit = DistanceUnit(rawValue: text.lowercased()) else {
        throw MileQuestError.configuration("bad MILEQUEST_UNIT '\(text)': use mi or km")
      }
      return unit
    }
    let database = try DatabaseLocation.resolve(
      flag: options.db, environment: env("MILEQUEST_DB"), config: config.database,
      home: env("HOME"), defaultPath: { try defaultDatabasePath(environment) })
    let busyTimeout =
      try env("MILEQUEST_BUSY_TIMEOUT").map { text in
        // At most a day: SQLite takes the timeout in milliseconds as an Int32, and a larger
        // value crashed the conversion (see RegressionTests).
        guard let seconds = Double(text), seconds >= 0, seconds <= 86_400 else {
          throw MileQuestError.configuration(
            "bad MILEQUEST_BUSY_TIMEOUT '\(text)': use a number of seconds from 0 to 86400")
        }
        return seconds
      } ?? StoreOpener.defaultBusyTimeout
    var color = options.color ?? config.color ?? .auto
    if options.noColor { color = .never }
    return Settings(
      databasePath: database.path, databaseCreation: database.creation,
      actingHandle: options.actingMember ?? env("MILEQUEST_USER") ?? config.member,
      unit: options.unit ?? envUnit ?? config.unit ?? .mi,
      weekStart: config.weekStart ?? .monday, color: color, today: try today(environment),
      busyTimeout: busyTimeout, configPath: configPath)
  }

  /// The process's environment, as `ProcessInfo.processInfo.environment` has it (for a name set
  /// twice, the last value), read straight from `environ`: Foundation's version costs several
  /// times more per variable, on every run.
  static func environment() -> [String: String] {
    var count = 0
    while environ[count] != nil { count += 1 }
    var result: [String: String] = [:]
    result.reserveCapacity(count)
    for index in 0..<count {
      guard let entry = environ[index], let equals = strchr(entry, 0x3D) else { continue }
      let name = UnsafeBufferPointer(
        start: UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self), count: equals - entry)
      result[String(decoding: name, as: UTF8.self)] = String(cString: equals + 1)
    }
    return result
  }

  /// Today in the process's time zone (`TZ`); `MILEQUEST_TODAY` pins it for tests and demos.
  static func today(_ environment: [String: String]) throws -> LocalDate {
    if let pinned = environment["MILEQUEST_TODAY"], !pinned.isEmpty {
      guard let date = LocalDate(pinned) else {
        throw MileQuestError.configuration("bad MILEQUEST_TODAY '\(pinned)': use YYYY-MM-DD")
      }
      return date
    }
    let today = LocalDate.today(in: TimeZone.current, now: Date())
    // A clock past 9999-12-31 gives dates "YYYY-MM-DD" cannot write (and a leave date of
    // tomorrow would be stored in year 10000): refuse it rather than store unreadable rows.
    guard today <= RecordRules.latestDate, today.year >= 1 else {
      throw MileQuestError.configuration(
        "the clock says \(today); milequest handles dates up to 9999-12-31 (check the system "
          + "clock or set MILEQUEST_TODAY)")
    }
    return today
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

  /// `$XDG_STATE_HOME/milequest`, or `~/.local/state/milequest` (shell history).
  static func stateDirectory(_ environment: [String: String]) -> String? {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/milequest"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.local/state/milequest"
  }
}
