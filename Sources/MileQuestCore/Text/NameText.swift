import Foundation

/// How names are kept and compared: as Unicode NFC.
///
/// `Café` typed with a precomposed é (U+00E9) and with e + U+0301 looks the same and is the
/// same name: names are stored in NFC (Unicode Standard Annex #15) on every entrance, and
/// compared through `key`, so the two spellings find, and collide with, one team.
public enum NameText {
  /// `text` in Normalization Form C (canonical composition).
  public static func normalized(_ text: String) -> String {
    // Most names are ASCII, which NFC leaves as it is.
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    return text.precomposedStringWithCanonicalMapping
  }

  /// The form two names are compared in: NFC, lower-cased in every script. Lower-casing can
  /// decompose (İ becomes i + U+0307), hence NFC again after it.
  public static func key(_ name: String) -> String {
    normalized(normalized(name).lowercased())
  }

  /// Refuses a name (or note) that a new row must not carry: control, separator or bidirectional
  /// characters (`TerminalText.isUnsafe`). Every entrance validates names first; this is the
  /// store's own guard, so no path (an import, a future engine) can add one.
  ///
  /// - Parameter what: what the name names, for the message ("team name").
  public static func requireStorable(_ name: String, what: String) throws {
    guard let bad = name.unicodeScalars.first(where: TerminalText.isUnsafe) else { return }
    let kind = TerminalText.isBidiControl(bad) ? "bidirectional control" : "control"
    throw MileQuestError.badData("bad \(what) '\(name)': \(kind) characters")
  }
}
