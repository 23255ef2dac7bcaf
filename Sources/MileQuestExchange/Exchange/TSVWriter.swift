/// Tab-separated lines: no quoting (TSV has none), so a tab or a line break inside a cell
/// becomes a space; cells a spreadsheet would read as formulas are neutralised as in CSV
/// (`CSVWriter.neutralised`).
public enum TSVWriter {
  public static func line(_ cells: [String]) -> String {
    cells.map { cell in
      let text = CSVWriter.neutralised(cell)
      return String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
    .joined(separator: "\t")
  }
}
