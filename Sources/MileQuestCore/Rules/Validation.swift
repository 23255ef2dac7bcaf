import Foundation

/// Checks for the free-text values of SPEC §1.
package enum Validation {
  /// A handle: `[a-z0-9][a-z0-9._-]{0,31}` after lower-casing.
  package static func handle(_ text: String) throws -> String {
    let handle = text.lowercased()
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
    guard let first = handle.first, first.isASCII, first.isLetter || first.isNumber,
      handle.count <= 32, handle.allSatisfy({ allowed.contains($0) })
    else {
      throw MileQuestError.badData(
        "bad handle '\(printable(text))': use 1-32 of a-z 0-9 . _ - starting with a letter or digit"
      )
    }
    return handle
  }

  /// A name or other one-line text: trimmed, in NFC (`NameText`), `range` characters, no
  /// control characters, line or paragraph separators, or bidirectional controls (which
  /// make a name show as another: `TerminalText.isBidiControl`).
  package static func text(_ text: String, what: String, length range: ClosedRange<Int>) throws
    -> String
  {
    let trimmed = NameText.normalized(text.trimmingCharacters(in: .whitespaces))
    if trimmed.unicodeScalars.contains(where: TerminalText.isBidiControl) {
      throw MileQuestError.badData(
        "bad \(what) '\(printable(text))': bidirectional control characters")
    }
    if trimmed.unicodeScalars.contains(where: {
      $0.properties.generalCategory == .control || TerminalText.isUnsafe($0)
    }) {
      throw MileQuestError.badData("bad \(what) '\(printable(text))': control characters")
    }
    guard range.contains(trimmed.count) else {
      throw MileQuestError.badData(
        "bad \(what) '\(printable(String(text.prefix(40))))\(text.count > 40 ? "…" : "")': "
          + "must be \(range.lowerBound)-\(range.upperBound) characters, got \(trimmed.count)")
    }
    return trimmed
  }

  /// An e-mail address: one `@` with text on both sides, no spaces.
  package static func email(_ text: String) throws -> String {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), text.count <= 254,
      !text.contains(where: { $0.isWhitespace || $0.unicodeScalars.first?.value ?? 0 < 32 }),
      !text.unicodeScalars.contains(where: TerminalText.isUnsafe)
    else {
      throw MileQuestError.badData("bad email '\(printable(text))'")
    }
    return text
  }

  /// A whole number in `range`.
  package static func count(_ value: Int, what: String, in range: ClosedRange<Int>) throws -> Int {
    guard range.contains(value) else {
      throw MileQuestError.badData(
        "bad \(what) \(value): must be \(range.lowerBound)-\(range.upperBound)")
    }
    return value
  }

  /// `text` with control characters shown as escapes, so an error message stays one line.
  package static func printable(_ text: String) -> String { TerminalText.escaped(text) }
}
