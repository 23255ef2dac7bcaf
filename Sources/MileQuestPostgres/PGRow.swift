import MileQuestCore
import MileQuestStore

/// Reads the text columns of one row as milequest's types; a value that does not read is
/// `.badData` naming the table, the row and the column (exit 65), never a trap.
///
/// The schema's types and CHECKs keep such values out, so this guards only against a schema
/// changed by hand.
struct PGRow {
  let values: [String?]
  /// The table, as messages name it.
  let table: String

  init(_ values: [String?], table: String) {
    self.values = values
    self.table = table
  }

  private func bad(_ index: Int, _ column: String, _ expected: String) -> MileQuestError {
    let shown = String((values[index] ?? "NULL").prefix(60))
    return .badData(
      "stored \(table) \(values.first.flatMap { $0 } ?? "?") has a bad \(column) \(shown) "
        + "(expected \(expected)); the database was changed outside milequest")
  }

  func isNull(_ index: Int) -> Bool { values[index] == nil }

  func string(_ index: Int, _ column: String) throws -> String {
    guard let text = values[index] else { throw bad(index, column, "text") }
    return text
  }

  func optionalString(_ index: Int) -> String? { values[index] }

  func int64(_ index: Int, _ column: String) throws -> Int64 {
    guard let value = values[index].flatMap({ Int64($0) }) else {
      throw bad(index, column, "a whole number")
    }
    return value
  }

  func optionalInt64(_ index: Int, _ column: String) throws -> Int64? {
    values[index] == nil ? nil : try int64(index, column)
  }

  func int(_ index: Int, _ column: String) throws -> Int { Int(try int64(index, column)) }

  func optionalInt(_ index: Int, _ column: String) throws -> Int? {
    try optionalInt64(index, column).map { Int($0) }
  }

  func double(_ index: Int, _ column: String) throws -> Double {
    guard let value = values[index].flatMap(Self.double), value.isFinite else {
      throw bad(index, column, "a number")
    }
    return value
  }

  func optionalDouble(_ index: Int, _ column: String) throws -> Double? {
    values[index] == nil ? nil : try double(index, column)
  }

  /// A number held to `isValid`: the limits SQLite's stored-row reader holds the same column
  /// to (a row written by another client, or by a superuser past the triggers), refused with
  /// the same message, so both back ends name such a row alike (in commands and in `check`).
  func number(_ index: Int, _ column: String, _ rule: String, _ isValid: (Double) -> Bool)
    throws -> Double
  {
    let value = try double(index, column)
    guard isValid(value) else { throw outside(column, "\(value)", rule) }
    return value
  }

  /// `number`, or nil for NULL.
  func optionalNumber(
    _ index: Int, _ column: String, _ rule: String, _ isValid: (Double) -> Bool
  ) throws -> Double? {
    values[index] == nil ? nil : try number(index, column, rule, isValid)
  }

  /// A whole number in `range`, refused as `number` refuses.
  func int(_ index: Int, _ column: String, in range: ClosedRange<Int>, _ rule: String) throws
    -> Int
  {
    let value = try int(index, column)
    guard range.contains(value) else { throw outside(column, "\(value)", rule) }
    return value
  }

  private func outside(_ column: String, _ shown: String, _ rule: String) -> MileQuestError {
    .badData(
      "stored \(table) \(values.first.flatMap { $0 } ?? "?") has a bad \(column) "
        + "\(Validation.printable(String(shown.prefix(60)))) (\(rule))" + SkippedRows.hint)
  }

  func bool(_ index: Int, _ column: String) throws -> Bool {
    switch values[index] {
    case "t": return true
    case "f": return false
    default: throw bad(index, column, "true or false")
    }
  }

  func date(_ index: Int, _ column: String) throws -> LocalDate {
    guard let value = values[index].flatMap({ LocalDate($0) }) else {
      throw bad(index, column, "a date YYYY-MM-DD up to 9999-12-31")
    }
    return value
  }

  func optionalDate(_ index: Int, _ column: String) throws -> LocalDate? {
    values[index] == nil ? nil : try date(index, column)
  }

  func value<T: RawRepresentable>(_ index: Int, _ column: String, _ type: T.Type) throws -> T
  where T.RawValue == String {
    guard let value = values[index].flatMap({ T(rawValue: $0) }) else {
      throw bad(index, column, "one of milequest's values")
    }
    return value
  }

  /// A `double precision[]` as text (`{1.5,-2e-05}`).
  func doubles(_ index: Int, _ column: String) throws -> [Double] {
    guard var text = values[index], text.hasPrefix("{"), text.hasSuffix("}") else {
      throw bad(index, column, "an array of numbers")
    }
    text.removeFirst()
    text.removeLast()
    if text.isEmpty { return [] }
    var result: [Double] = []
    for part in text.split(separator: ",") {
      guard let value = Self.double(String(part)) else {
        throw bad(index, column, "an array of numbers")
      }
      result.append(value)
    }
    return result
  }

  /// PostgreSQL's float text: Swift reads all of it but the spelled-out infinities.
  static func double(_ text: String) -> Double? {
    switch text {
    case "Infinity": .infinity
    case "-Infinity": -.infinity
    case "NaN": .nan
    default: Double(text)
    }
  }
}

/// PostgreSQL array literals for `unnest`/`ANY` parameters.
enum PGArray {
  static func of(_ values: [Int64]) -> String {
    "{" + values.map(String.init).joined(separator: ",") + "}"
  }

  static func of(_ values: [Double]) -> String {
    "{" + values.map { "\($0)" }.joined(separator: ",") + "}"
  }

  static func of(_ values: [String?]) -> String {
    "{"
      + values.map { value in
        guard let value else { return "NULL" }
        var quoted = "\""
        for character in value.unicodeScalars {
          if character == "\"" || character == "\\" { quoted.unicodeScalars.append("\\") }
          quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
      }.joined(separator: ",") + "}"
  }
}
