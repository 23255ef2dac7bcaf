import Foundation

/// Whether terminal output may use Unicode bars and symbols, or must stay plain ASCII.
enum Charset {
  /// ASCII when asked for (`--ascii`), or when the locale's character set is not UTF-8: the
  /// first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set decides, as for `setlocale`, and
  /// none at all means the "C" locale, which is ASCII.
  ///
  /// Without `environment`, the three variables are read with `getenv`: building
  /// `ProcessInfo`'s dictionary of the whole environment, and Foundation's string search,
  /// cost `stats` a fifth of its instructions.
  static func ascii(forced: Bool, environment: [String: String]? = nil) -> Bool {
    if forced { return true }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap {
      environment == nil ? getenv($0).map { String(cString: $0) } : environment?[$0]
    }.first { !$0.isEmpty }
    guard let locale else { return true }
    return !namesUTF8(locale)
  }

  /// Whether a locale's name says UTF-8 ("utf8" in it, ignoring case and hyphens).
  static func namesUTF8(_ locale: String) -> Bool {
    // The usual names are ASCII: compared byte by byte. Any other goes through Foundation's
    // search, as it always did.
    guard locale.utf8.allSatisfy({ $0 < 0x80 }) else {
      let normalised = locale.lowercased().replacingOccurrences(of: "-", with: "")
      return normalised.contains("utf8")
    }
    let bytes = locale.utf8.lazy.filter { $0 != UInt8(ascii: "-") }.map {
      (0x41...0x5A).contains($0) ? $0 + 0x20 : $0
    }
    let wanted = Array("utf8".utf8)
    var matched = 0
    for byte in bytes {
      if byte == wanted[matched] {
        matched += 1
        if matched == wanted.count { return true }
      } else {
        matched = byte == wanted[0] ? 1 : 0
      }
    }
    return false
  }
}
