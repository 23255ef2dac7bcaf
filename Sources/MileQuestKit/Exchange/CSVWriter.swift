import Foundation

/// Writes CSV (RFC 4180 quoting, LF line ends) with cells neutralised against spreadsheet formula injection.
public enum CSVWriter {
  /// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
  static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  /// A cell made safe: text starting with a formula character gets a leading `'`; plain
  /// numbers (like a negative longitude) are left alone, since spreadsheets read them as
  /// numbers, not formulas.
  public static func neutralised(_ text: String) -> String {
    guard let first = text.first, formulaStarts.contains(first), Double(text) == nil else {
      return text
    }
    return "'" + text
  }

  /// Undoes `neutralised` on import.
  public static func restored(_ text: String) -> String {
    guard text.hasPrefix("'"), let second = text.dropFirst().first,
      formulaStarts.contains(second)
    else { return text }
    return String(text.dropFirst())
  }

  /// One CSV line (without the line end): fields neutralised and quoted where needed.
  public static func line(_ fields: [String]) -> String {
    fields.map { raw in
      let text = neutralised(raw)
      let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }.joined(separator: ",")
  }

  /// A whole document: header and rows, LF line ends (what Unix tools expect; every CSV
  /// reader, ours included, accepts both LF and CRLF).
  public static func document(header: [String], rows: [[String]]) -> String {
    ([header] + rows).map(line).joined(separator: "\n") + "\n"
  }
}
