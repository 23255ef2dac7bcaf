import MileQuestCore

/// The output contract's rows (docs/output.md): a command's JSON document made into flat
/// records of (field, value), which `--format csv|tsv|ndjson` print and `--fields` selects
/// from. The JSON document is the source: the other formats carry the same fields, under the
/// same names, in canonical units.
///
/// - Nested objects flatten with `_`: `position: {lat, lon}` gives `position_lat`,
///   `position_lon`.
/// - Display-unit fields are left out: a number `X` beside `X_m` (`distance` beside
///   `distance_m`), and `unit` in an object that has one. `--fields` may ask for `X_km` or `X_mi`, computed from `X_m`.
/// - Arrays stay whole: native in NDJSON, compact JSON text in a CSV/TSV cell.
public enum OutputRecords {
  /// Which part of a document makes the rows.
  public enum Shape: Equatable, Sendable {
    /// An object is one row; an array gives a row per element.
    case document
    /// Each element of the array under this key of the top-level object (a leaderboard's
    /// `entries`); the rest of the object is left out.
    case list(String)
  }

  /// One row: fields in output order.
  public typealias Row = [(String, JSONValue)]

  /// The field a metre field is shown in beside it, by unit: `distance_km`.
  static let unitSuffixes: [(suffix: String, metres: Double)] = [
    ("_km", 1_000), ("_mi", 1_609.344),
  ]

  /// An object field that may be null (a position not yet known), with the fields it has
  /// when it is not: a null one flattens to those fields, null, so every row has the same
  /// columns.
  public typealias NullableObject = (field: String, fields: [String])

  /// The rows of `document` in `shape`.
  public static func rows(
    _ document: JSONValue, shape: Shape, nullable: [NullableObject] = []
  ) -> [Row] {
    switch shape {
    case .document:
      if case .array(let items) = document { return items.map { row($0, nullable: nullable) } }
      return [row(document, nullable: nullable)]
    case .list(let key):
      guard case .array(let items)? = document[key] else { return [] }
      return items.map { row($0, nullable: nullable) }
    }
  }

  /// One element made into a row; a value that is not an object is a row of one field,
  /// `value`.
  public static func row(_ element: JSONValue, nullable: [NullableObject] = []) -> Row {
    guard case .object(let fields) = element else { return [("value", element)] }
    var row: Row = []
    flatten(fields, prefix: "", nullable: nullable, into: &row)
    return row
  }

  private static func flatten(
    _ fields: [(String, JSONValue)], prefix: String, nullable: [NullableObject],
    into row: inout Row
  ) {
    let displayed = fields.contains { isDisplayValue($0.0, $0.1, in: fields) }
    for (key, value) in fields {
      if key == "unit" && displayed { continue }
      if isDisplayValue(key, value, in: fields) { continue }
      let name = prefix + key
      switch value {
      case .object(let inner):
        flatten(inner, prefix: name + "_", nullable: nullable, into: &row)
      case .null:
        if let object = nullable.first(where: { $0.field == name }) {
          row += object.fields.map { (name + "_" + $0, JSONValue.null) }
        } else {
          row.append((name, value))
        }
      default:
        row.append((name, value))
      }
    }
  }

  /// Whether `key` holds a distance in the display unit: a number (or a null beside a null)
  /// with a sibling `key_m`. A date beside its metres (`best_day`, `best_day_m`) is data.
  static func isDisplayValue(_ key: String, _ value: JSONValue, in fields: [(String, JSONValue)])
    -> Bool
  {
    guard let metres = fields.first(where: { $0.0 == key + "_m" })?.1 else { return false }
    switch (value, metres) {
    case (.double, _), (.int, _), (.null, .null): return true
    default: return false
    }
  }

  /// The field names of `rows`, in order of first appearance.
  public static func fieldNames(_ rows: [Row]) -> [String] {
    var names: [String] = []
    for row in rows {
      for (name, _) in row where !names.contains(name) { names.append(name) }
    }
    return names
  }

  /// Whether `name` can be asked of rows with `fields`: one of them, or `X_km` / `X_mi` for
  /// a field `X_m`.
  public static func isKnown(_ name: String, in fields: [String]) -> Bool {
    fields.contains(name) || metresField(for: name, in: fields) != nil
  }

  /// For `X_km` or `X_mi`, the field `X_m` it is computed from and the metres in its unit.
  static func metresField(for name: String, in fields: [String]) -> (String, Double)? {
    for (suffix, metres) in unitSuffixes where name.hasSuffix(suffix) {
      let base = String(name.dropLast(suffix.count)) + "_m"
      if fields.contains(base) { return (base, metres) }
    }
    return nil
  }

  /// The value of `name` in `row`: the field, a unit column computed from its metres, or
  /// null when the row lacks it.
  public static func value(_ name: String, in row: Row) -> JSONValue {
    if let found = row.first(where: { $0.0 == name }) { return found.1 }
    for (suffix, metres) in unitSuffixes where name.hasSuffix(suffix) {
      let base = String(name.dropLast(suffix.count)) + "_m"
      guard let found = row.first(where: { $0.0 == base }) else { continue }
      switch found.1 {
      case .double(let value): return .double(value / metres)
      case .int(let value): return .double(Double(value) / metres)
      default: return .null
      }
    }
    return .null
  }

  /// `row` with exactly `fields`, in that order (absent ones null).
  public static func selecting(_ fields: [String], from row: Row) -> Row {
    fields.map { ($0, value($0, in: row)) }
  }

  /// A CSV/TSV cell: numbers in the shortest text that reads back to the same double, null
  /// empty, booleans `true`/`false`, strings as they are, arrays and objects as compact JSON.
  public static func cell(_ value: JSONValue) -> String {
    switch value {
    case .null: ""
    case .bool(let flag): flag ? "true" : "false"
    case .int(let number): String(number)
    case .double(let number): number.isFinite ? number.description : ""
    case .string(let text): text
    case .array, .object: value.compact()
    }
  }

  /// The cells of `row` under `fields`.
  public static func cells(_ row: Row, fields: [String]) -> [String] {
    fields.map { name in
      if let found = row.first(where: { $0.0 == name }) { return cell(found.1) }
      return cell(value(name, in: row))
    }
  }

  /// `row` as one NDJSON line (without the line end).
  public static func ndjsonLine(_ row: Row) -> String {
    JSONValue.object(row).compact()
  }
}
