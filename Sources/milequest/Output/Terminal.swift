import Foundation
import MileQuestKit

/// Terminal facts and ANSI styling (a handful of escape codes, not worth a dependency).
enum Terminal {
  enum Style: String {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"
  }

  /// Whether output on `fileDescriptor` should be coloured: `always`, or `auto` on a terminal
  /// whose `TERM` is not `dumb` and with `NO_COLOR` unset or empty (no-color.org).
  static func wantsColor(_ choice: ColorChoice, fileDescriptor: Int32) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColor = variable("NO_COLOR"), !noColor.isEmpty { return false }
      if variable("TERM") == "dumb" { return false }
      return isatty(fileDescriptor) == 1
    }
  }

  /// Whether the terminal can show Unicode (a UTF-8 locale), for bars and strips.
  static var supportsUnicode: Bool {
    let environment = ProcessInfo.processInfo.environment
    let locale =
      environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
      ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
    if environment["TERM"] == "dumb" || locale == "C" || locale == "POSIX" { return false }
    return locale.isEmpty || locale.uppercased().contains("UTF-8")
      || locale.uppercased().contains("UTF8")
  }

  /// One environment variable (`getenv`: no dictionary of the whole environment per question).
  static func variable(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  static func styled(_ text: String, _ style: Style) -> String {
    "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
  }
}
