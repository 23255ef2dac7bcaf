import MileQuestKit

/// Writes listed walks as they are read, in the printer's format, so that `walks` over a
/// million walks runs in constant memory (it held them all: 612 MiB).
///
/// JSON, NDJSON, CSV and TSV go out row by row, the same bytes `WalkView.emit` prints (the
/// rows of the output contract, `OutputRecords`, in all but plain JSON). The
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
  /// The columns of contract rows once the header is written (nil: not yet, or the
  /// printer failed on `--fields`).
  private var columns: [String]?
  /// Plain `--format json`: the documents as `WalkView.json` writes them, not rows.
  private let documents: Bool

  init(_ printer: Printer) {
    self.printer = printer
    table = WalkView.table([], printer)
    documents = printer.format == .json && printer.fields == nil
  }

  /// The fields of a walk's row (what an empty list's header shows, and what `--fields`
  /// is checked against).
  private var walkFields: [String] {
    let day = LocalDate(year: 2000, month: 1, day: 1)!
    let sample = Walk(memberId: 0, date: day, distanceMetres: 0)
    return OutputRecords.fieldNames([OutputRecords.row(WalkView.json(sample, handle: "", printer))])
  }

  /// Writes the rows' header (checking `--fields`); false when the printer failed.
  private mutating func startRows() -> Bool {
    if columns != nil { return true }
    guard let columns = printer.columns(walkFields, empty: false) else { return false }
    self.columns = columns
    chunk += printer.rowsHeader(columns)
    return true
  }

  mutating func add(_ walk: Walk, handle: String) throws {
    switch printer.format {
    case .json where documents:
      chunk +=
        (count == 0 ? "[\n  " : ",\n  ")
        + WalkView.json(walk, handle: handle, printer).rendered(indent: "  ")
    case .json, .ndjson, .csv, .tsv:
      guard startRows(), let columns else { return }
      chunk += printer.rowLine(
        OutputRecords.row(WalkView.json(walk, handle: handle, printer)), columns)
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
    case .json where documents: chunk += count == 0 ? "[]\n" : "\n]\n"
    case .json, .ndjson, .csv, .tsv:
      guard startRows() else { return }
      chunk += printer.rowsEnd()
    case .table where widths == nil: writeWindow()
    case .table: break
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
