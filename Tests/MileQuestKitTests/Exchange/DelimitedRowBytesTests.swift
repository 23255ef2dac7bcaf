import Foundation
import Testing

@testable import MileQuestExchange

/// The byte-level csv/tsv row writer prints exactly what the String path (`CSVWriter.line`,
/// `TSVWriter.line` of `ExchangeTable.cell`s) prints, for awkward cells and random ones.
@Suite("Delimited rows as bytes")
struct DelimitedRowBytesTests {
  static let awkward: [JSONValue] = [
    .null, .int(0), .int(-7), .int(Int64.max), .int(Int64.min), .int(1_000_000),
    .double(10774.2), .double(-0.5), .double(6.694777499403484), .double(1e-7), .double(.nan),
    .double(.infinity), .double(0), .double(-0.0), .bool(true), .bool(false), .string(""),
    .string("plain"), .string("a,b"), .string("say \"hi\""), .string("two\nlines"),
    .string("cr\rhere"), .string("crlf\r\nend"), .string("tab\there"), .string("=SUM(A1)"),
    .string("+1"), .string("-3"), .string("-3x"), .string("@x"), .string("\tx"), .string("\rx"),
    .string("'=x"), .string("''x"), .string("'"), .string("Zoë, \"Ünïcode\" 🚶"),
    .string("\u{2028}"), .array([.int(1), .string("a,b")]),
    .object([("k", .string("v")), ("n", .null)]),
  ]

  func old(_ row: [JSONValue], tabs: Bool) -> String {
    let cells = row.map(ExchangeTable.cell)
    return (tabs ? TSVWriter.line(cells) : CSVWriter.line(cells)) + "\n"
  }

  func new(_ rows: [[JSONValue]], tabs: Bool) -> String {
    var writer = DelimitedRowBytes(tabs: tabs)
    for row in rows { writer.append(row) }
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  @Test("each awkward cell, alone and between others", arguments: [false, true])
  func awkwardCells(tabs: Bool) {
    for cell in Self.awkward {
      for row in [[cell], [.string("x"), cell, .int(3)], [cell, cell]] {
        #expect(new([row], tabs: tabs) == old(row, tabs: tabs), "\(row)")
      }
    }
  }

  @Test("random rows of awkward cells", arguments: [false, true])
  func randomRows(tabs: Bool) {
    var generator = SystemRandomNumberGenerator()
    var rows: [[JSONValue]] = []
    for _ in 0..<500 {
      rows.append(
        (0..<Int.random(in: 1...12, using: &generator)).map { _ in
          Self.awkward.randomElement(using: &generator)!
        })
    }
    #expect(new(rows, tabs: tabs) == rows.map { old($0, tabs: tabs) }.joined())
  }

  /// A row given cell by cell, typed, as exports give theirs.
  struct TypedRow: ExportRow {
    let values: [JSONValue]
    func cells<Cells: RowCells>(into cells: inout Cells) {
      for value in values {
        switch value {
        case .int(let number): cells.cell(number)
        case .double(let number): cells.cell(number)
        case .string(let text): cells.cell(text)
        case .null: cells.cell(nil as String?)
        default: cells.cell(value)
        }
      }
    }
  }

  @Test("typed cells print as their values do, in every format", arguments: ExchangeFormat.allCases)
  func typedCells(format: ExchangeFormat) {
    var typed = ExchangeRowWriter(columns: ["a", "b", "c"], format: format)
    var values = ExchangeRowWriter(columns: ["a", "b", "c"], format: format)
    var typedText = ""
    var valuesText = ""
    for _ in 0..<3000 {
      let row = (0..<3).map { _ in Self.awkward.randomElement()! }
      typedText += typed.add(TypedRow(values: row)) ?? ""
      valuesText += values.add(row) ?? ""
    }
    typedText += typed.finish()
    valuesText += values.finish()
    #expect(typedText == valuesText)
  }
}
