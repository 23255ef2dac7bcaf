import Foundation
import MileQuestCore

/// File formats for imports and exports.
public enum ExchangeFormat: String, Sendable, CaseIterable {
  case csv, tsv, json, ndjson

  /// The format a file name's extension names (`FileFormat`), if it is one of these.
  public init?(fileName: String) {
    switch FileFormat(path: fileName) {
    case .csv?: self = .csv
    case .tsv?: self = .tsv
    case .json?: self = .json
    case .ndjson?: self = .ndjson
    default: return nil
    }
  }
}

/// Rows with named columns, written as CSV, a JSON array of objects, or NDJSON.
public struct ExchangeTable: Sendable, Equatable {
  public var columns: [String]
  public var rows: [[JSONValue]]

  public init(columns: [String], rows: [[JSONValue]] = []) {
    self.columns = columns
    self.rows = rows
  }

  /// The table in `format`.
  public func rendered(as format: ExchangeFormat) -> String {
    switch format {
    case .csv:
      CSVWriter.document(header: columns, rows: rows.map { $0.map(Self.cell) })
    case .tsv:
      ([columns] + rows.map { $0.map(Self.cell) }).map { TSVWriter.line($0) + "\n" }.joined()
    case .json:
      objects().rendered() + "\n"
    case .ndjson:
      rows.map { row in JSONValue.object(Array(zip(columns, row))).compact() + "\n" }.joined()
    }
  }

  /// Each row as an object with the columns as keys, in column order.
  public func objects() -> JSONValue {
    .array(rows.map { .object(Array(zip(columns, $0))) })
  }

  /// A CSV cell: text as is, numbers in full precision, null as empty.
  static func cell(_ value: JSONValue) -> String {
    switch value {
    case .null: ""
    case .string(let text): text
    case .bool(let flag): flag ? "true" : "false"
    default: value.rendered()
    }
  }
}
