/// Text made safe to echo on a terminal: what a hostile name, note, file header or argument
/// could use to move the cursor, recolour or clear the screen, set the window title, split an
/// error into several lines or reorder what is shown is written out as a visible escape.
///
/// Applied where values leave for a terminal: error messages (`MileQuestError.description`)
/// and aligned tables. JSON keeps the real value (its encoder escapes control characters),
/// and CSV/TSV keep the data (neutralised against formulas instead).
public enum TerminalText {
  /// Whether `scalar` must not reach a terminal as it is: C0 controls (NUL, BEL, tab, LF, CR,
  /// ESC ...), DEL, C1 controls (U+0080-U+009F, which some terminals read as CSI), the line
  /// and paragraph separators U+2028/U+2029, and the bidirectional controls (see
  /// `isBidiControl`), which make text show in another order than it is.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
    default: isBidiControl(scalar)
    }
  }

  /// The explicit bidirectional formatting characters (Unicode Standard Annex #9, table 1):
  /// embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069, and the implicit marks
  /// LRM U+200E, RLM U+200F and ALM U+061C. Used in "Trojan Source" attacks (CVE-2021-42574).
  public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
    default: false
    }
  }

  /// `text` with every unsafe scalar written as `\u{hex}` (lower-case hex, as Swift writes
  /// it), so the result is one line with no control characters. Escaping twice changes
  /// nothing more: the result has no unsafe scalar left.
  public static func escaped(_ text: String) -> String {
    // Printable ASCII has nothing unsafe: one pass over the bytes (every cell of a table).
    if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text }
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isUnsafe(scalar) {
        result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Like `escaped`, but each line break (LF) of `text` stays a line break: for text that is
  /// several lines by design (a command's report) and whose values cannot hold a line break.
  public static func escapedKeepingLines(_ text: String) -> String {
    // Line breaks are what this keeps: text whose only unsafe scalars are LFs (a view of
    // 10,000 board rows, every time) is returned as it is, without splitting it into lines.
    if text.utf8.allSatisfy({ $0 == 0x0A || (0x20...0x7E).contains($0) }) { return text }
    guard text.unicodeScalars.contains(where: { $0 != "\n" && isUnsafe($0) }) else { return text }
    // Split on the scalar: "\r\n" is one Character, which a Character split would not see.
    return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map { escaped(String(String.UnicodeScalarView($0))) }.joined(separator: "\n")
  }
}
