import MileQuestKit

/// Writes listed walks as they are read, in the printer's format, so that `walks` over a
/// million walks runs in constant memory (it held them all: 612 MiB).
///
/// JSON, NDJSON, CSV and TSV go out row by row, the same bytes `WalkView.emit` prints. The
/// aligned table needs its column widths first: the first `tableWindow` rows set them (the
/// newest walks, so the longest ids), and later rows are padded to those widths, a wider cell
/// pushing its line out. A list that fits the window prints exactly as `WalkView.emit`.
struct WalkListWriter {
  static let tableWindow = 1_000

  private let printer: Printer
  private var table: TextTable
  /// The table's widths, once the window is written.
  private var widths: [Int]?
  private var chunk = ""
  private var count = 0

  init(_ printer: Printer) {
    self.printer = printer
    table = WalkView.table([], printer)
    switch printer.format {
    case .csv: chunk = CSVWriter.line(table.headers) + "\n"
    case .tsv: chunk = TextTable.tsvLine(table.headers) + "\n"
    case .json, .ndjson, .table: break
    }
  }

  mutating func add(_ walk: Walk, handle: String) throws {
    switch printer.format {
    case .json:
      chunk +=
        (count == 0 ? "[\n  " : ",\n  ")
        + WalkView.json(walk, handle: handle, printer).rendered(indent: "  ")
    case .ndjson: chunk += WalkView.json(walk, handle: handle, printer).compact() + "\n"
    case .csv: chunk += CSVWriter.line(WalkView.cells(walk, handle: handle, printer)) + "\n"
    case .tsv: chunk += TextTable.tsvLine(WalkView.cells(walk, handle: handle, printer)) + "\n"
    case .table:
      let cells = WalkView.cells(walk, handle: handle, printer)
      if let widths {
        chunk += table.line(cells, widths) + "\n"
      } else {
        table.append(cells)
        if table.rows.count == Self.tableWindow { writeWindow() }
      }
    }
    count += 1
    if chunk.utf8.count >= 1 << 16 {
      try printer.stream(chunk)
      chunk = ""
    }
  }

  /// Writes what is left (and the table's header and rows when it fit the window).
  mutating func finish() throws {
    switch printer.format {
    case .json: chunk += count == 0 ? "[]\n" : "\n]\n"
    case .table where widths == nil: writeWindow()
    case .ndjson, .csv, .tsv, .table: break
    }
    try printer.stream(chunk)
    chunk = ""
  }

  /// The header and the rows held so far, padded to their widths, which later rows keep.
  private mutating func writeWindow() {
    chunk += table.aligned { printer.style($0, .bold) }
    widths = table.widths()
    table.rows = []
  }
}
