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
  /// header line.
  func aligned(header: (String) -> String = { $0 }) -> String {
    let widths = widths()
    return ([header(line(headers, widths))] + rows.map { line($0, widths) })
      .joined(separator: "\n") + "\n"
  }

  /// Each column's width: its widest cell or header, in terminal columns (as shown: escaped).
  func widths() -> [Int] {
    var widths = headers.map { DisplayWidth.of(TerminalText.escaped($0)) }
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], DisplayWidth.of(TerminalText.escaped(cell)))
      }
    }
    return widths
  }

  /// One line of cells padded to `widths` (a wider cell is not cut, it pushes the line).
  /// Control and bidirectional characters in a cell are shown escaped (`TerminalText`): a
  /// table is for a terminal, and a stored name must not drive it.
  func line(_ cells: [String], _ widths: [Int]) -> String {
    // One string grown in place: a string of spaces per cell (`String(repeating:count:)`)
    // and the joining were most of printing `goal list`'s thousand lines.
    var line = ""
    for (index, raw) in cells.enumerated() {
      let cell = TerminalText.escaped(raw)
      let pad = max(0, widths[index] - DisplayWidth.of(cell))
      if index > 0 { line += "  " }
      if alignments[index] == .right {
        Self.appendSpaces(pad, to: &line)
        line += cell
      } else {
        line += cell
        if index < cells.count - 1 { Self.appendSpaces(pad, to: &line) }
      }
    }
    return line
  }

  private static let spaces = String(repeating: " ", count: 64)

  /// Appends `count` spaces to `line`, a slice of `spaces` at a time.
  private static func appendSpaces(_ count: Int, to line: inout String) {
    var left = count
    while left > 0 {
      let part = min(left, spaces.utf8.count)
      line += spaces[..<spaces.utf8.index(spaces.utf8.startIndex, offsetBy: part)]
      left -= part
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
