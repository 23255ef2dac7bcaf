import Foundation

/// Whether terminal output may use Unicode bars and symbols, or must stay plain ASCII.
enum Charset {
  /// ASCII when asked for (`--ascii`), or when the locale's character set is not UTF-8: the
  /// first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set decides, as for `setlocale`, and
  /// none at all means the "C" locale, which is ASCII.
  static func ascii(
    forced: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Bool {
    if forced { return true }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }
      .first { !$0.isEmpty }
    guard let locale else { return true }
    let normalised = locale.lowercased().replacingOccurrences(of: "-", with: "")
    return !normalised.contains("utf8")
  }
}
