import Foundation
import Testing

@testable import MileQuestExchange

/// The output contract's rows (`OutputRecords`, docs/output.md), without a process.
@Suite("OutputRecords")
struct OutputRecordsTests {
  private func names(_ row: OutputRecords.Row) -> [String] { row.map(\.0) }

  @Test func nestedObjectsFlattenWithUnderscores() {
    let row = OutputRecords.row(
      .object([
        ("name", .string("a")),
        ("position", .object([("lat", .double(50.5)), ("lon", .double(-5.25))])),
        ("period", .object([("from", .string("2026-01-01")), ("to", .null)])),
      ]))
    #expect(names(row) == ["name", "position_lat", "position_lon", "period_from", "period_to"])
    #expect(
      OutputRecords.cells(row, fields: names(row)) == ["a", "50.5", "-5.25", "2026-01-01", ""])
  }

  @Test func displayUnitFieldsAreLeftOut() {
    let row = OutputRecords.row(
      .object([
        ("distance_m", .double(1609.344)), ("distance", .double(1)), ("unit", .string("mi")),
        ("done_m", .double(5)), ("done", .double(0.005)),
      ]))
    #expect(names(row) == ["distance_m", "done_m"])
  }

  @Test func aDateBesideItsMetresIsKept() {
    let row = OutputRecords.row(
      .object([
        ("best_day", .string("2026-03-01")), ("best_day_m", .double(12)),
        ("best_week", .null), ("best_week_m", .double(0)),
      ]))
    #expect(names(row) == ["best_day", "best_day_m", "best_week", "best_week_m"])
  }

  @Test func unitIsDataWhereNothingIsDisplayed() {
    // `config list`: `unit` is a setting, not the display unit of a sibling.
    let row = OutputRecords.row(.object([("unit", .string("km")), ("member", .null)]))
    #expect(names(row) == ["unit", "member"])
  }

  @Test func aNullObjectFlattensToItsNamedFields() {
    let nullable: [OutputRecords.NullableObject] = [("position", ["lat", "lon"])]
    let row = OutputRecords.row(
      .object([("position", .null), ("other", .null)]), nullable: nullable)
    #expect(names(row) == ["position_lat", "position_lon", "other"])
  }

  @Test func shapes() {
    let document = JSONValue.object([
      ("by", .string("distance")),
      ("entries", .array([.object([("rank", .int(1))]), .object([("rank", .int(2))])])),
    ])
    #expect(OutputRecords.rows(document, shape: .list("entries")).count == 2)
    #expect(OutputRecords.rows(document, shape: .document).count == 1)
    #expect(
      OutputRecords.rows(.array([document, document, document]), shape: .document).count == 3)
    #expect(OutputRecords.rows(.array([]), shape: .document).isEmpty)
  }

  @Test func cellsAreCanonical() {
    #expect(OutputRecords.cell(.double(0.1 + 0.2)) == "0.30000000000000004")
    #expect(Double(OutputRecords.cell(.double(1234.5678901234567))) == 1234.5678901234567)
    #expect(OutputRecords.cell(.double(5)) == "5.0")
    #expect(OutputRecords.cell(.int(42)) == "42")
    #expect(OutputRecords.cell(.null) == "")
    #expect(OutputRecords.cell(.bool(true)) == "true")
    #expect(OutputRecords.cell(.bool(false)) == "false")
    #expect(OutputRecords.cell(.string("Land's End")) == "Land's End")
    #expect(OutputRecords.cell(.array([.string("a b"), .string("c")])) == #"["a b","c"]"#)
    #expect(OutputRecords.cell(.double(.nan)) == "")
  }

  @Test func unitColumnsAreComputedFromMetres() {
    let row = OutputRecords.row(.object([("distance_m", .double(3218.688)), ("id", .int(7))]))
    let fields = names(row)
    #expect(OutputRecords.isKnown("distance_km", in: fields))
    #expect(OutputRecords.isKnown("distance_mi", in: fields))
    #expect(!OutputRecords.isKnown("distance", in: fields))
    #expect(!OutputRecords.isKnown("id_km", in: fields))
    let picked = OutputRecords.selecting(["distance_mi", "id", "distance_km"], from: row)
    #expect(names(picked) == ["distance_mi", "id", "distance_km"])
    #expect(picked[0].1 == .double(2))
    #expect(picked[2].1 == .double(3.218688))
  }

  @Test func ndjsonLinesKeepNativeValues() {
    let row = OutputRecords.row(
      .object([
        ("teams", .array([.string("A")])), ("position", .object([("lat", .double(1))])),
        ("n", .int(3)),
      ]))
    #expect(OutputRecords.ndjsonLine(row) == #"{"teams":["A"],"position_lat":1.0,"n":3}"#)
  }
}
