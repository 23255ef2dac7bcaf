import Foundation

/// The one shape of line a config file may hold, besides blank lines and comments:
/// `key = "value"` or `key = 'value'`, with an optional `# comment` after it.
///
/// A key is bare (`A-Z a-z 0-9 _ -`) or quoted; a value is a one-line TOML basic string
/// (backslash escapes) or literal string. Anything else — tables, arrays, numbers, dotted keys,
/// multi-line strings — is no milequest setting, and is refused before toml++ reads the file.
enum SettingLine {
  /// Why `line` (without its `\n`) is not a setting, comment or blank line; nil when it is one.
  static func problem(_ line: Substring.UnicodeScalarView) -> String? {
    var rest = line[...]
    if rest.last == "\r" { rest = rest.dropLast() }
    skipBlanks(&rest)
    guard let first = rest.first, first != "#" else { return nil }
    if first == "[" {
      let header = printable(String(String.UnicodeScalarView(rest.prefix(40))))
      return "'\(header.trimmingCharacters(in: .whitespaces))' is a table; "
        + "settings are plain key = \"value\" lines"
    }
    guard let key = readKey(&rest) else {
      return "not a setting; settings are plain key = \"value\" lines"
    }
    let shown = printable(key)
    skipBlanks(&rest)
    guard rest.first == "=" else {
      return rest.first == "."
        ? "'\(shown)' is followed by a dot; settings are plain key = \"value\" lines"
        : "'\(shown)' needs = and a quoted value"
    }
    rest = rest.dropFirst()
    skipBlanks(&rest)
    guard let quote = rest.first, quote == "\"" || quote == "'" else {
      return "'\(shown)' must be a quoted string"
    }
    if rest.starts(with: [quote, quote, quote]) {
      return "'\(shown)' must be a one-line quoted string"
    }
    rest = rest.dropFirst()
    guard readStringBody(&rest, quote: quote) else {
      return "'\(shown)' has an unterminated string"
    }
    skipBlanks(&rest)
    guard rest.isEmpty || rest.first == "#" else {
      return "unexpected text after the value of '\(shown)'"
    }
    return nil
  }

  private static func skipBlanks(_ rest: inout Substring.UnicodeScalarView) {
    rest = rest.drop { $0 == " " || $0 == "\t" }
  }

  /// A bare or quoted key, or nil when the line starts with neither.
  private static func readKey(_ rest: inout Substring.UnicodeScalarView) -> String? {
    guard let first = rest.first else { return nil }
    if first == "\"" || first == "'" {
      let body = rest.dropFirst()
      guard let end = body.firstIndex(where: { $0 == first || $0 == "\\" }), body[end] == first
      else { return nil }
      rest = body[body.index(after: end)...]
      return String(String.UnicodeScalarView(body[..<end]))
    }
    let bare = rest.prefix {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || $0 == "_" || $0 == "-"
    }
    guard !bare.isEmpty else { return nil }
    rest = rest[bare.endIndex...]
    return String(String.UnicodeScalarView(bare))
  }

  /// Moves past a string's body and its closing quote; false when the line ends first. In a
  /// basic string a backslash escapes the next character (toml++ then checks the escape).
  private static func readStringBody(
    _ rest: inout Substring.UnicodeScalarView, quote: Unicode.Scalar
  ) -> Bool {
    var index = rest.startIndex
    while index < rest.endIndex {
      let scalar = rest[index]
      if scalar == quote {
        rest = rest[rest.index(after: index)...]
        return true
      }
      if scalar == "\\" && quote == "\"" {
        index = rest.index(after: index)
        guard index < rest.endIndex else { return false }
      }
      index = rest.index(after: index)
    }
    return false
  }

  /// A key as an error message may show it: control characters as `?`.
  private static func printable(_ key: String) -> String {
    String(
      String.UnicodeScalarView(
        key.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }))
  }
}
