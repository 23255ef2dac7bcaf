import Foundation
import TOMLKit

/// When to colour terminal output.
public enum ColorChoice: String, Sendable, CaseIterable {
  /// Only on a terminal, and never with `NO_COLOR` or `TERM=dumb`.
  case auto
  case always
  case never
}

/// The settings file, `$XDG_CONFIG_HOME/milequest/config.toml`.
///
/// Precedence is flag > environment > this file > default; this type only reads and writes
/// the file. Each line is checked to be a setting, a comment or blank (`SettingLine`), then
/// the text is parsed with TOMLKit (toml++), which reads the strings' escapes.
public struct Config: Sendable, Equatable {
  /// The keys the file may hold, with what each means.
  public static let keys: [(key: String, help: String)] = [
    ("member", "default acting member (handle)"),
    ("unit", "display unit: mi or km"),
    ("week_start", "first day of a week period: monday or sunday"),
    ("database", "path of the database file"),
    ("color", "auto, always or never"),
  ]

  public var member: String?
  public var unit: DistanceUnit?
  public var weekStart: WeekStart?
  public var database: String?
  public var color: ColorChoice?

  public init(
    member: String? = nil, unit: DistanceUnit? = nil, weekStart: WeekStart? = nil,
    database: String? = nil, color: ColorChoice? = nil
  ) {
    self.member = member
    self.unit = unit
    self.weekStart = weekStart
    self.database = database
    self.color = color
  }

  /// `$XDG_CONFIG_HOME/milequest/config.toml`, or `~/.config/milequest/config.toml`.
  public static func defaultPath(environment: [String: String]) -> String? {
    if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
      return base + "/milequest/config.toml"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.config/milequest/config.toml"
  }

  /// Reads the file at `path`; a missing file is an empty config.
  ///
  /// - Throws: `.configuration` (exit 78) naming the file and line of a syntax error, an
  ///   unknown key or a bad value.
  public static func load(path: String) throws -> Config {
    guard FileManager.default.fileExists(atPath: path) else { return Config() }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw MileQuestError.configuration("cannot read config file '\(path)'")
    }
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Parses config text; `path` names the file in errors.
  public static func parse(_ text: String, path: String) throws -> Config {
    // A byte-order mark is dropped here, before the checks below: one is allowed at the start
    // of a UTF-8 file, and toml++ skips it too.
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" {
      text = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst()))
    }
    try refuseWhatIsNotASetting(text, path: path)
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw MileQuestError.configuration(
        "\(path):\(error.source.begin.line): \(error.description.lowercased())")
    }
    var config = Config()
    // In file order, so that the first bad line is the one reported.
    for key in table.keys.sorted(by: { line(of: $0, in: text) < line(of: $1, in: text) }) {
      guard let value = table[key]?.string else {
        throw MileQuestError.configuration(
          "\(path):\(line(of: key, in: text)): '\(key)' must be a quoted string")
      }
      do {
        try config.set(key, to: value)
      } catch let error as MileQuestError {
        throw MileQuestError.configuration("\(path):\(line(of: key, in: text)): \(error)")
      }
    }
    return config
  }

  /// Refuses every line that is not a setting, before toml++ sees the text: a config file is
  /// blank lines, comments and one-line `key = "value"` (or `key = 'value'`) settings, each
  /// perhaps followed by a comment. Keys are bare or quoted, without dots.
  ///
  /// Why a whitelist: toml++ 3 (inside TOMLKit) fails an assertion and aborts the process on
  /// some malformed input rather than reporting it (fuzzing found table headers, arrays and
  /// inline tables, each behind byte-order marks or Unicode spaces; see RegressionTests).
  /// Refusing what is not one of our lines closes that whole class instead of one input at a
  /// time; toml++ still reads the strings (escapes, duplicate keys). Control characters but tab
  /// (and CR before LF) are refused as TOML refuses them, and NUL before toml++ would end the
  /// C string early.
  static func refuseWhatIsNotASetting(_ text: String, path: String) throws {
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      if let control = line.first(where: {
        ($0.value < 0x20 && $0 != "\t" && $0 != "\r") || (0x7F...0x9F).contains($0.value)
      }) {
        let name = control == "\0" ? "a NUL byte" : "control character U+\(hex(control))"
        throw MileQuestError.configuration(
          "\(path):\(index + 1): \(name) is not allowed in a config file")
      }
      if let problem = SettingLine.problem(line) {
        throw MileQuestError.configuration("\(path):\(index + 1): \(problem)")
      }
    }
  }

  private static func hex(_ scalar: Unicode.Scalar) -> String {
    String(format: "%04X", scalar.value)
  }

  /// The line a top-level key is set on (for error messages): the line of `key = ...` before
  /// any table header, or of the header `[key]` / `[key.sub]` / `[[key]]` or dotted key
  /// `key.sub = ...` that makes it a table. Bare and quoted keys (`"unit" = ...`) are read as
  /// TOML reads them; comments, other keys that merely start the same way (`units`, `data`
  /// before `database`), values that mention the key and lines inside multi-line strings are
  /// not taken for it. 1 when no line matches.
  static func line(of key: String, in text: String) -> Int {
    // "\r\n" is one Character: split on it too, or a CRLF file is one long line.
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    var insideTable = false
    var openString: String?
    for (index, raw) in lines.enumerated() {
      let line = Substring(raw).drop { $0 == " " || $0 == "\t" || $0 == "\u{feff}" }
      if let delimiter = openString {
        if line.contains(delimiter) { openString = nil }
        continue
      }
      if line.hasPrefix("[") {
        let header = line.drop { $0 == "[" }.drop { $0 == " " || $0 == "\t" }
        if firstKey(of: header) == key { return index + 1 }
        insideTable = true
        continue
      }
      guard !insideTable, let name = firstKey(of: line) else { continue }
      if name == key { return index + 1 }
      // A value that opens a multi-line string hides the lines up to its end.
      if let equals = line.firstIndex(of: "=") {
        let value = line[line.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
        for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
          if !value.dropFirst(3).contains(delimiter) { openString = delimiter }
        }
      }
    }
    return 1
  }

  /// The first segment of the key a line starts with (`unit` in `unit = ...`, `a` in
  /// `"a".b = ...`), or nil for a comment, a blank line or anything else.
  private static func firstKey(of line: Substring) -> String? {
    guard let first = line.first else { return nil }
    if first == "\"" || first == "'" {
      let body = line.dropFirst()
      guard let end = body.firstIndex(of: first) else { return nil }
      return String(body[..<end])
    }
    let bare = line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    return bare.isEmpty ? nil : String(bare)
  }

  /// Sets `key` from text, validating it.
  public mutating func set(_ key: String, to value: String) throws {
    func bad(_ allowed: String) -> MileQuestError {
      .configuration("bad \(key) '\(value)': use \(allowed)")
    }
    switch key {
    case "member": member = value.isEmpty ? nil : value.lowercased()
    case "unit":
      guard let unit = DistanceUnit(rawValue: value.lowercased()) else { throw bad("mi or km") }
      self.unit = unit
    case "week_start":
      guard let start = WeekStart(rawValue: value.lowercased()) else {
        throw bad("monday or sunday")
      }
      weekStart = start
    case "database": database = value.isEmpty ? nil : value
    case "color":
      guard let choice = ColorChoice(rawValue: value.lowercased()) else {
        throw bad("auto, always or never")
      }
      color = choice
    default:
      throw MileQuestError.configuration(
        "unknown setting '\(key)'; known: " + Self.keys.map(\.key).joined(separator: ", "))
    }
  }

  /// The value of `key` as text, or nil when unset.
  public func value(of key: String) throws -> String? {
    switch key {
    case "member": member
    case "unit": unit?.rawValue
    case "week_start": weekStart?.rawValue
    case "database": database
    case "color": color?.rawValue
    default:
      throw MileQuestError.configuration(
        "unknown setting '\(key)'; known: " + Self.keys.map(\.key).joined(separator: ", "))
    }
  }

  /// The file's text: every set key, in the documented order.
  public func rendered() -> String {
    Self.keys.compactMap { entry in
      (try? value(of: entry.key)).flatMap { $0 }.map {
        "\(entry.key) = \(JSONValue.quoted($0))"
      }
    }.joined(separator: "\n") + "\n"
  }

  /// Writes the file (mode 0600, creating its directory), replacing it atomically.
  public func save(path: String) throws {
    try PrivateFile.createOwnDirectory(FilePath.directory(of: FilePath.followingSymlinks(path)))
    try PrivateFile.write(rendered(), to: path)
  }
}
