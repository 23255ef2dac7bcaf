import MileQuestCore

/// Rows of an export in CSV, JSON or NDJSON, built a row at a time and handed out in pieces of
/// about 64 KiB: the same text as `ExchangeTable.rendered(as:)` for the same rows, without
/// holding them (a million walks, a 200,000-point route).
package struct ExchangeRowWriter {
  package let columns: [String]
  package let format: ExchangeFormat
  private var chunk = ""
  private var first = true

  package init(columns: [String], format: ExchangeFormat) {
    self.columns = columns
    self.format = format
    switch format {
    case .csv: chunk = CSVWriter.line(columns) + "\n"
    case .tsv: chunk = TSVWriter.line(columns) + "\n"
    case .json: chunk = "["
    case .ndjson: break
    }
  }

  /// Adds a row; returns the text to write once about 64 KiB have gathered.
  package mutating func add(_ row: [JSONValue]) -> String? {
    switch format {
    case .csv: chunk += CSVWriter.line(row.map(ExchangeTable.cell)) + "\n"
    case .tsv: chunk += TSVWriter.line(row.map(ExchangeTable.cell)) + "\n"
    case .ndjson: chunk += JSONValue.object(Array(zip(columns, row))).compact() + "\n"
    case .json:
      chunk +=
        (first ? "\n  " : ",\n  ")
        + JSONValue.object(Array(zip(columns, row))).rendered(indent: "  ")
    }
    first = false
    guard chunk.utf8.count > 1 << 16 else { return nil }
    defer { chunk = "" }
    return chunk
  }

  /// The rest of the text, to write last.
  package mutating func finish() -> String {
    if format == .json { chunk += first ? "]\n" : "\n]\n" }
    defer { chunk = "" }
    return chunk
  }
}
