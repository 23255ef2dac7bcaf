import MileQuestCore

/// Where the cells of one export row go, in column order: a `[JSONValue]` (JSON, NDJSON, and
/// tables held whole), or csv/tsv bytes (`DelimitedRowBytes`), so that a row is defined once
/// and a long csv export builds no value per cell.
package protocol RowCells {
  mutating func cell(_ value: JSONValue)
  mutating func cell(_ number: Int64?)
  mutating func cell(_ number: Double?)
  mutating func cell(_ text: String?)
}

extension RowCells {
  package mutating func cell(_ number: Int?) { cell(number.map(Int64.init)) }
}

/// The cells as JSON values.
package struct JSONRowCells: RowCells {
  package private(set) var values: [JSONValue] = []

  package init() {}

  package mutating func cell(_ value: JSONValue) { values.append(value) }
  package mutating func cell(_ number: Int64?) { values.append(JSONValue(number)) }
  package mutating func cell(_ number: Double?) { values.append(JSONValue(number)) }
  package mutating func cell(_ text: String?) { values.append(JSONValue(text)) }

  /// The cells of `row` as values.
  package static func values(of row: some ExportRow) -> [JSONValue] {
    var cells = JSONRowCells()
    row.cells(into: &cells)
    return cells.values
  }
}

/// One row of an export, able to give its cells to any `RowCells`.
package protocol ExportRow {
  func cells<Cells: RowCells>(into cells: inout Cells)
}
