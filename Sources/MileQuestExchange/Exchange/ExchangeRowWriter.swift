import MileQuestCore

/// Rows of an export in CSV, JSON or NDJSON, built a row at a time and handed out in pieces of
/// about 64 KiB: the same text as `ExchangeTable.rendered(as:)` for the same rows, without
/// holding them (a million walks, a 200,000-point route).
package struct ExchangeRowWriter {
  package let columns: [String]
  package let format: ExchangeFormat
  private var chunk = ""
  /// csv and tsv rows, as bytes (`chunk` holds the other formats' text).
  private var delimited: DelimitedRowBytes?
  private var first = true

  package init(columns: [String], format: ExchangeFormat) {
    self.columns = columns
    self.format = format
    switch format {
    case .csv, .tsv:
      delimited = DelimitedRowBytes(tabs: format == .tsv)
      delimited?.append(columns.map { .string($0) })
    case .json: chunk = "["
    case .ndjson: break
    }
  }

  /// Adds a row; returns the text to write once about 64 KiB have gathered.
  package mutating func add(_ row: [JSONValue]) -> String? {
    switch format {
    case .csv, .tsv:
      delimited?.append(row)
      guard let bytes = delimited?.bytes, bytes.count > 1 << 16 else { return nil }
      delimited?.removeAll()
      return String(decoding: bytes, as: UTF8.self)
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

  /// Adds `row`; returns the text to write once about 64 KiB have gathered. csv and tsv
  /// cells go straight into bytes.
  package mutating func add(_ row: some ExportRow) -> String? {
    guard var bytes = delimited else { return add(JSONRowCells.values(of: row)) }
    delimited = nil  // uniquely referenced while filled: no copy of the bytes
    row.cells(into: &bytes)
    bytes.endRow()
    defer { delimited = bytes }
    guard bytes.bytes.count > 1 << 16 else { return nil }
    defer { bytes.removeAll() }
    return String(decoding: bytes.bytes, as: UTF8.self)
  }

  /// The rest of the text, to write last.
  package mutating func finish() -> String {
    if format == .json { chunk += first ? "]\n" : "\n]\n" }
    if let bytes = delimited?.bytes {
      delimited?.removeAll()
      return String(decoding: bytes, as: UTF8.self)
    }
    defer { chunk = "" }
    return chunk
  }
}
