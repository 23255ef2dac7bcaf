import Foundation
import MileQuestCore
import Testing

/// `trimmedOfWhitespace` and `trimmedOfWhitespaceAndNewlines` drop exactly what Foundation's
/// `trimmingCharacters(in:)` drops with the sets they name.
@Suite("Trimming without Foundation")
struct TrimmingTests {
  @Test("each set holds the same scalars as Foundation's (every BMP scalar, a sample beyond)")
  func sameScalarsAsFoundation() {
    var differing: [String] = []
    for value in Array(UInt32(0)...0xFFFF)
      + Array(stride(from: UInt32(0x10000), to: 0x110000, by: 97))
    {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = "a\(Character(scalar))"
      let both = text.trimmedOfWhitespaceAndNewlines
      let spaces = text.trimmedOfWhitespace
      if both != text.trimmingCharacters(in: .whitespacesAndNewlines)
        || spaces != text.trimmingCharacters(in: .whitespaces)
      {
        differing.append(String(value, radix: 16))
      }
    }
    #expect(differing.isEmpty, "scalars trimmed differently: \(differing.prefix(20))")
  }

  @Test("random text with white space, line breaks, marks and emoji: Foundation's results")
  func randomText() {
    let pieces: [String] = [
      " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}",
      "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}",
      "\u{301}", "e\u{301}", "5", "km", "ß", "🚶🏽‍♀️", "🇬🇧", "x",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
      let length = Int.random(in: 0...8, using: &generator)
      let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
      #expect(
        text.trimmedOfWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
      #expect(
        text.trimmedOfWhitespace == text.trimmingCharacters(in: .whitespaces),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
      let slice = Substring(text).dropFirst(min(1, text.count))
      #expect(
        slice.trimmedOfWhitespaceAndNewlines
          == slice.trimmingCharacters(in: .whitespacesAndNewlines))
    }
  }
}
