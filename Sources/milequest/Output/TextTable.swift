import MileQuestKit

/// Rows of cells, rendered as an aligned table (csv, tsv and ndjson print the JSON
/// document's rows instead: `Printer.emit`, `OutputRecords`).
struct TextTable {
  enum Alignment { case left, right }

  var headers: [String]
  var alignments: [Alignment]
  var rows: [[String]] = []

  init(_ columns: [(String, Alignment)]) {
    headers = columns.map(\.0)
    alignments = columns.map(\.1)
  }

  mutating func append(_ row: [String]) { rows.append(row) }

  /// Columns padded to the widest cell, measured in terminal columns; `header` styles the
  /// header line. Each line's cells are padded to the widths (a wider cell is not cut, it
  /// pushes the line). Control and bidirectional characters in a cell are shown escaped
  /// (`TerminalText`): a table is for a terminal, and a stored name must not drive it.
  func aligned(header: (String) -> String = { $0 }) -> String {
    // Each cell escaped and measured once, and the lines written as bytes into one buffer:
    // building a string per cell, per pad and per line was most of printing a board of
    // 10,000 teams.
    let shown = Shown(headers)
    let shownRows = rows.map(Shown.init)
    let widths = Self.widths(shown, shownRows)
    var headerLine: [UInt8] = []
    append(shown, widths, to: &headerLine)
    var body: [UInt8] = []
    for row in shownRows {
      body.append(UInt8(ascii: "\n"))
      append(row, widths, to: &body)
    }
    body.append(UInt8(ascii: "\n"))
    return header(String(decoding: headerLine, as: UTF8.self))
      + String(decoding: body, as: UTF8.self)
  }

  /// Each column's width: its widest cell or header, in terminal columns (as shown: escaped).
  func widths() -> [Int] { Self.widths(Shown(headers), rows.map(Shown.init)) }

  /// One line of cells padded to `widths`, as `aligned` writes it (later windows of a long
  /// listing keep the first window's widths).
  func line(_ cells: [String], _ widths: [Int]) -> String {
    var bytes: [UInt8] = []
    append(Shown(cells), widths, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func widths(_ headers: Shown, _ rows: [Shown]) -> [Int] {
    var widths = headers.widths
    for row in rows {
      for (index, width) in row.widths.enumerated() where index < widths.count {
        widths[index] = max(widths[index], width)
      }
    }
    return widths
  }

  /// A line's cells as shown (escaped), with their widths in terminal columns.
  private struct Shown {
    var cells: [String]
    var widths: [Int]

    init(_ cells: [String]) {
      self.cells = cells.map(TerminalText.escaped)
      widths = self.cells.map(DisplayWidth.of)
    }
  }

  /// Appends one line of `shown` cells padded to `widths`.
  private func append(_ shown: Shown, _ widths: [Int], to bytes: inout [UInt8]) {
    let space = UInt8(ascii: " ")
    for (index, cell) in shown.cells.enumerated() {
      let pad = index < widths.count ? max(0, widths[index] - shown.widths[index]) : 0
      if index > 0 { bytes.append(contentsOf: [space, space]) }
      if index < alignments.count && alignments[index] == .right {
        bytes.append(contentsOf: repeatElement(space, count: pad))
        bytes.append(contentsOf: cell.utf8)
      } else {
        bytes.append(contentsOf: cell.utf8)
        if index < shown.cells.count - 1 {
          bytes.append(contentsOf: repeatElement(space, count: pad))
        }
      }
    }
  }

  /// Tab-separated line; cells are neutralised against formulas as in CSV
  /// (`CSVWriter.neutralised`), then tabs and line breaks inside them become spaces.
  static func tsvLine(_ cells: [String]) -> String { TSVWriter.line(cells) }
}

/// How many terminal columns text takes: wide East Asian characters and emoji take two,
/// combining marks and zero-width characters none.
enum DisplayWidth {
  static func of(_ text: String) -> Int {
    // Printable ASCII (most names and every number): one column a byte, without splitting
    // into Characters (10,000 rows of a teams board spent a tenth of a second there).
    if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text.utf8.count }
    return text.reduce(0) { $0 + width(of: $1) }
  }

  static func width(of character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    if character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation })
      || character.unicodeScalars.contains(where: { $0.value == 0xFE0F })
    {
      return 2
    }
    switch first.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return 2
    default:
      let category = first.properties.generalCategory
      if category == .nonspacingMark || category == .enclosingMark || category == .format {
        return 0
      }
      return 1
    }
  }
}
