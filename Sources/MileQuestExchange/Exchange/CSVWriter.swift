import Foundation
import MileQuestCore

/// Writes CSV (RFC 4180 quoting, LF line ends) with cells neutralised against spreadsheet formula injection.
public enum CSVWriter {
  /// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
  /// Scalars, not Characters: "\r\n" is one Character, and must count as starting with "\r".
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// A cell made safe: text starting with a formula character gets a leading `'`; plain
  /// numbers (like a negative longitude) are left alone, since spreadsheets read them as
  /// numbers, not formulas. Text that already starts with `'` before such a cell gets one
  /// more, so that `restored` gives it back exactly.
  public static func neutralised(_ text: String) -> String {
    needsPrefix(Substring(text).unicodeScalars) ? "'" + text : text
  }

  /// Undoes `neutralised` on import.
  public static func restored(_ text: String) -> String {
    let scalars = Substring(text).unicodeScalars
    guard scalars.first == "'", needsPrefix(scalars.dropFirst()) else { return text }
    return String(scalars.dropFirst())
  }

  /// Whether `neutralised` prefixes `text`: a formula start that is not a plain number, or
  /// `'`s in front of such text (so that the prefix can be undone exactly).
  private static func needsPrefix(_ text: Substring.UnicodeScalarView) -> Bool {
    let rest = text.drop { $0 == "'" }
    guard let first = rest.first else { return false }
    return formulaStarts.contains(first) && Double(String(rest)) == nil
  }

  /// One CSV line (without the line end): fields neutralised and quoted where needed.
  public static func line(_ fields: [String]) -> String {
    fields.map { raw in
      let text = neutralised(raw)
      let needsQuotes = text.unicodeScalars.contains {
        $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r"
      }
      return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }.joined(separator: ",")
  }

  /// A whole document: header and rows, LF line ends (what Unix tools expect; every CSV
  /// reader, ours included, accepts both LF and CRLF).
  public static func document(header: [String], rows: [[String]]) -> String {
    ([header] + rows).map(line).joined(separator: "\n") + "\n"
  }
}
