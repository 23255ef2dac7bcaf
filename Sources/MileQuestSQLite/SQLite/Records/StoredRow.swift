import GRDB
import MileQuestCore
import MileQuestStore

/// Reads the columns of one stored row without ever trapping.
///
/// GRDB's `row[i]` stops the process when a value does not convert (a date `2026-02-30`, an
/// unknown role, a NULL in a non-optional column), and its fast numeric path silently reads
/// the text `abc` as 0. A database edited by another program can hold any of these, so every
/// record is read through this type instead: a value of the wrong storage class or out of its
/// range becomes `.badData` naming the table, the row id and the column (exit 65), and
/// `milequest check` lists every such row.
struct StoredRow {
  let row: Row
  /// The table, as messages name it ("walk", "membership").
  let table: String
  /// The column that identifies the row in messages (its id), read only for a message.
  let keyColumn: Int
  /// Text before the key column's value in messages ("3/" for point 12 of route 3).
  let keyPrefix: String

  init(_ row: Row, table: String, keyColumn: Int = 0, keyPrefix: String = "") {
    self.row = row
    self.table = table
    self.keyColumn = keyColumn
    self.keyPrefix = keyPrefix
  }

  /// The row's key as messages show it.
  var key: String { keyPrefix + (row[keyColumn] as DatabaseValue).description }

  /// What follows the row's problem in a command's error.
  static let hint = SkippedRows.hint

  /// The error for a stored value that does not fit.
  func bad(_ column: String, _ value: DatabaseValue, _ reason: String) -> MileQuestError {
    let shown = String(Validation.printable(value.description).prefix(60))
    return .badData("stored \(table) \(key) has a bad \(column) \(shown) (\(reason))" + Self.hint)
  }

  /// The value at `index`, or nil for NULL; anything else that does not convert is refused.
  func optional<Value: DatabaseValueConvertible>(_ index: Int, _ column: String) throws
    -> Value?
  {
    let value: DatabaseValue = row[index]
    if value.isNull { return nil }
    guard let converted = Value.fromDatabaseValue(value) else {
      throw bad(column, value, "expected \(Self.kind(Value.self))")
    }
    // GRDB reads the real 2.5 as the integer 2: a whole number must be stored whole.
    // (Metatype comparisons, not `is BinaryInteger.Type`: a dynamic cast per value cost a
    // tenth of a walk listing.)
    if case .double(let real) = value.storage, real.rounded(.towardZero) != real,
      Value.self == Int.self || Value.self == Int64.self
    {
      throw bad(column, value, "expected \(Self.kind(Value.self))")
    }
    return converted
  }

  /// The value at `index`; NULL and values that do not convert are refused.
  func required<Value: DatabaseValueConvertible>(_ index: Int, _ column: String) throws -> Value {
    guard let value: Value = try optional(index, column) else {
      throw bad(column, .null, "expected \(Self.kind(Value.self))")
    }
    return value
  }

  /// A number that must be finite and satisfy `isValid`.
  func number(_ index: Int, _ column: String, _ rule: String, _ isValid: (Double) -> Bool) throws
    -> Double
  {
    let value: Double = try required(index, column)
    guard value.isFinite, isValid(value) else { throw bad(column, row[index], rule) }
    return value
  }

  /// An optional number that, when present, must be finite and satisfy `isValid`.
  func optionalNumber(
    _ index: Int, _ column: String, _ rule: String, _ isValid: (Double) -> Bool
  ) throws -> Double? {
    guard let value: Double = try optional(index, column) else { return nil }
    guard value.isFinite, isValid(value) else { throw bad(column, row[index], rule) }
    return value
  }

  private static func kind(_ type: Any.Type) -> String {
    switch type {
    case is LocalDate.Type: "a date YYYY-MM-DD up to 9999-12-31"
    case is Double.Type: "a number"
    case is Int.Type, is Int64.Type: "a whole number"
    case is Bool.Type: "0 or 1"
    case is Role.Type: "captain or member"
    case is WalkSource.Type: "manual, gpx or import"
    case is GoalMode.Type: "race or together"
    case is GoalState.Type: "active or cancelled"
    case is Activity.Type: "walk, run, hike, wheelchair, cycle, swim or other"
    default: "text"
    }
  }
}
