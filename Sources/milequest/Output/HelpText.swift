import Foundation

/// The examples that end a command's help, and the rewriting of ArgumentParser's help text
/// that puts them there and lists the global options once.
///
/// Each command's `discussion` ends with `Examples.block(...)`, so the examples also reach
/// `--experimental-dump-help` and the man pages. ArgumentParser prints a discussion under
/// OVERVIEW, before USAGE; `HelpText.rewrite` moves the block to the end of the help, drops the
/// global options from a subcommand's OPTIONS and usage line (`milequest --help` lists them
/// once, under GLOBAL OPTIONS) and wraps the usage line to 80 columns. Completion scripts and
/// the dump are generated from the declarations, so they keep every global option.
enum Examples {
  /// The heading of the block (tests find the examples under it).
  static let heading = "EXAMPLES:"

  /// The examples, each on its own line, indented two spaces, under the heading.
  static func block(_ examples: String...) -> String {
    lines(examples)
  }

  /// `text`, then a blank line and the examples.
  static func following(_ text: String, _ examples: String...) -> String {
    text + "\n\n" + lines(examples)
  }

  /// `text`, then a blank line and `examples` (a list made elsewhere: an import format's).
  static func following(_ text: String, examples: [String]) -> String {
    text + "\n\n" + lines(examples)
  }

  private static func lines(_ examples: [String]) -> String {
    heading + "\n" + examples.map { "  " + $0 }.joined(separator: "\n")
  }
}

enum HelpText {
  /// The widest usage line.
  static let columns = 80

  /// ArgumentParser's help for one command, rewritten (see `Examples`). `globalSection`
  /// gives the global options' lines for the root's GLOBAL OPTIONS (asked only for the root).
  static func rewrite(_ text: String, isRoot: Bool, globalSection: () -> [String]) -> String {
    var lines = text.components(separatedBy: "\n")
    while lines.last == "" { lines.removeLast() }
    // The examples block: from its heading to the next blank line, before USAGE.
    var examples: [String] = []
    if let start = lines.firstIndex(where: { $0.trimmingPrefixSpaces == Examples.heading }),
      let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }), start < usage
    {
      var end = start + 1
      while end < lines.count && !lines[end].isEmpty { end += 1 }
      examples = lines[start..<end].map { $0.trimmingPrefixSpaces }.enumerated().map {
        $0.offset == 0 ? $0.element : "  " + $0.element
      }
      // The blank line before the block goes with it.
      let from = start > 0 && lines[start - 1].isEmpty ? start - 1 : start
      lines.removeSubrange(from..<end)
    }
    lines = rewriteUsage(lines, dropGlobals: !isRoot)
    if isRoot {
      let global = globalSection()
      if !global.isEmpty {
        lines += ["", "GLOBAL OPTIONS:"] + global
      }
    } else {
      lines = droppingGlobalOptions(lines)
    }
    if !examples.isEmpty { lines += [""] + examples }
    return lines.joined(separator: "\n")
  }

  /// The lines of the OPTIONS section of `help` that describe global options.
  static func globalOptionLines(of help: String) -> [String] {
    var result: [String] = []
    var inOptions = false
    var keeping = false
    for line in help.components(separatedBy: "\n") {
      if line == "OPTIONS:" {
        inOptions = true
        continue
      }
      guard inOptions else { continue }
      if line.isEmpty || !line.hasPrefix(" ") { break }
      if isEntryStart(line) { keeping = isGlobalEntry(line) }
      if keeping { result.append(line) }
    }
    return result
  }

  /// What a subcommand's OPTIONS say instead of the global options.
  static let seeGlobal = "  See 'milequest --help' for the global options."

  /// `lines` without the entries of global options under OPTIONS.
  static func droppingGlobalOptions(_ lines: [String]) -> [String] {
    var result: [String] = []
    var inOptions = false
    var dropping = false
    var dropped = false
    for line in lines {
      if line == "OPTIONS:" {
        inOptions = true
      } else if inOptions && (line.isEmpty || !line.hasPrefix(" ")) {
        if dropped { result += ["", seeGlobal] }
        inOptions = false
        dropping = false
      } else if inOptions {
        if isEntryStart(line) { dropping = isGlobalEntry(line) }
        if dropping {
          dropped = true
          continue
        }
      }
      result.append(line)
    }
    if inOptions && dropped { result += ["", seeGlobal] }
    return result
  }

  /// An option entry's first line ("  -f, --format <format>  ..."), not a continuation.
  static func isEntryStart(_ line: String) -> Bool {
    line.hasPrefix("  -")
  }

  /// Whether an entry's first line names a global option.
  static func isGlobalEntry(_ line: String) -> Bool {
    let names = line.trimmingPrefixSpaces.split(separator: " ").prefix(2).map {
      String($0.filter { $0 != "," })
    }
    return names.contains { isGlobalSpelling($0) }
  }

  /// `--db`, `-f`: a global option's spelling.
  static func isGlobalSpelling(_ word: String) -> Bool {
    var raw: UInt8 = 0
    while raw < OptionKey.globalCount, let key = OptionKey(rawValue: raw) {
      raw += 1
      let entry = key.entry
      if word == "--" + entry.long { return true }
      if let short = entry.short, word == "-" + String(short) { return true }
    }
    return false
  }

  /// The USAGE block with (for a subcommand) the global options' groups replaced by one
  /// `[<global options>]`, wrapped to `columns`.
  static func rewriteUsage(_ lines: [String], dropGlobals: Bool) -> [String] {
    guard let start = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }) else { return lines }
    var end = start + 1
    while end < lines.count && !lines[end].isEmpty { end += 1 }
    let joined = lines[start..<end].map { $0.trimmingPrefixSpaces }.joined(separator: " ")
    var words = groups(String(joined.dropFirst("USAGE:".count)))
    if dropGlobals {
      var removed = false
      words = words.filter { word in
        let first = word.trimmingCharacters(in: ["[", "]"]).split(separator: " ").first
        if let first, isGlobalSpelling(String(first)) {
          removed = true
          return false
        }
        return true
      }
      if removed {
        // After the command path, its arguments and its own options.
        words.append("[<global options>]")
      }
    }
    var wrapped: [String] = []
    var line = "USAGE:"
    let indent = String(repeating: " ", count: 9)
    for word in words {
      if line.count + 1 + word.count > columns && line != "USAGE:" && line != indent {
        wrapped.append(line)
        line = indent + word
      } else {
        line += (line == indent ? "" : " ") + word
      }
    }
    wrapped.append(line)
    var result = lines
    result.replaceSubrange(start..<end, with: wrapped)
    return result
  }

  /// The words of a usage line, keeping `[--db <db>]` and `<a> ...` groups whole.
  static func groups(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    var depth = 0
    for character in text {
      switch character {
      case "[", "<": depth += 1
      case "]", ">": depth -= 1
      default: break
      }
      if character == " " && depth == 0 {
        if !current.isEmpty { result.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }
}

extension String {
  fileprivate var trimmingPrefixSpaces: String {
    String(drop { $0 == " " })
  }
}

extension MileQuest {
  /// The help a clean exit (`--help`, `help`) prints, rewritten by `HelpText`; nil for any
  /// other clean exit (`--version`).
  static func helpText(for error: any Error) -> String? {
    let text = fullMessage(for: error)
    guard text.contains("USAGE:") else { return nil }
    return HelpText.rewrite(
      text, isRoot: text.hasPrefix("OVERVIEW: " + configuration.abstract),
      globalSection: { HelpText.globalOptionLines(of: Demo.helpMessage()) })
  }
}
