import MileQuestCore

/// Rough text widths for laying out labels without a font engine.
///
/// The estimate is deliberately generous (DejaVu Sans, Chromium's usual fallback on Linux,
/// runs about 0.6 em a lowercase letter; wide scripts and emoji about 1 em), so labels placed
/// with it do not overlap in practice.
public enum TextMetrics {
  /// Estimated width in pixels of `text` at `fontSize` pixels.
  public static func width(_ text: String, fontSize: Double) -> Double {
    var ems = 0.0
    for character in text {
      guard let scalar = character.unicodeScalars.first else { continue }
      switch scalar.value {
      case 0x200B...0x200F, 0x2066...0x2069, 0xFE00...0xFE0F: continue  // invisible marks
      case 0x20, 0x27, 0x2C, 0x2E, 0x3A, 0x3B, 0x69, 0x6A, 0x6C, 0x7C: ems += 0.34
      case 0x4D, 0x57, 0x6D, 0x77: ems += 0.9  // M W m w
      case 0x41...0x5A, 0x30...0x39, 0x3C, 0x3E, 0x26, 0x25: ems += 0.7
      case 0x21...0x7E: ems += 0.62
      case 0x1100...0x11FF, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60:
        ems += 1.0  // CJK, Hangul, full-width forms
      case 0x1F000...0x1FAFF, 0x2600...0x27BF: ems += 1.2  // emoji and symbols
      default: ems += 0.66
      }
    }
    return ems * fontSize
  }

  /// `text` cut to at most `maxWidth` pixels, ending in "…" when cut.
  public static func truncated(_ text: String, fontSize: Double, maxWidth: Double) -> String {
    guard width(text, fontSize: fontSize) > maxWidth else { return text }
    var result = ""
    for character in text {
      if width(result + String(character) + "…", fontSize: fontSize) > maxWidth { break }
      result.append(character)
    }
    return result + "…"
  }
}
