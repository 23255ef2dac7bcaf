import ArgumentParser
import MileQuestKit

/// A command line of the plainest shape, read without ArgumentParser's machinery.
///
/// ArgumentParser builds each command's argument set by reflection (`Mirror`, dynamic casts,
/// generic types made from mangled names). On Linux each first such cast or type scans all of
/// the binary's ~6,850 protocol conformance records, and together they cost about 12 M
/// instructions: two thirds of a one-team `leaderboard`, half of a `log` (README,
/// Performance). Even building a command's struct to fill it by hand costs three of those
/// scans. So the commands run most often (`log`, `leaderboard`, `progress`) first try this
/// reader, and on success run their work with plain values (`GlobalValues`, the Kit request).
///
/// It accepts only long options, each given at most once, as `--name value` or
/// `--name=value`, and plain positionals. Anything else makes it decline, and ArgumentParser
/// parses the line as before, with its own messages: help and version flags anywhere, `--`,
/// short options, repeats, unknown names, `--name=` with no value, a value that does not
/// convert, a value or positional that starts with `-` where ArgumentParser would read an
/// option. Values convert through the
/// same `ExpressibleByArgument` initialisers ArgumentParser calls, and a differential test
/// (`QuickParseTests`) holds both readers to the same result.
struct QuickParse {
  /// The options this line may use: the global ones, then the command's (`OptionKey.quick`).
  let options: [OptionKey]
  /// Each option's value, in `options` order: nil when absent, "" for a flag that is present.
  private(set) var values: [String?]
  private(set) var positionals: [String] = []

  /// Reads `arguments` (the words after the subcommand) against the option table's entries
  /// for `command`; nil when the line is not of the plain shape described above.
  init?(_ arguments: [String], command: String) {
    options = OptionKey.quick(for: command)
    values = Array(repeating: nil, count: options.count)
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      guard word.hasPrefix("-") else {
        positionals.append(word)
        continue
      }
      guard word.hasPrefix("--"), word.count > 2 else { return nil }
      let body = word.dropFirst(2)
      let equals = body.firstIndex(of: "=")
      let name = equals.map { body[..<$0] } ?? body
      guard let slot = options.firstIndex(where: { $0.entry.long == name }), values[slot] == nil
      else { return nil }
      let value = options[slot].entry.value
      if value == .flag {
        guard equals == nil else { return nil }
        values[slot] = ""
      } else if let equals {
        // `--name=` with nothing after it: ArgumentParser then takes the next word instead.
        let value = body[body.index(after: equals)...]
        guard !value.isEmpty else { return nil }
        values[slot] = String(value)
      } else {
        guard index < arguments.count else { return nil }
        let next = arguments[index]
        // ArgumentParser reads `--` as the end of options even where a value is due.
        guard (value == .unconditional && next != "--") || !next.hasPrefix("-") else {
          return nil
        }
        values[slot] = next
        index += 1
      }
    }
    // Help and version flags win wherever they stand, even as another option's value.
    for word in arguments where Self.isBuiltIn(word) { return nil }
  }

  private static func isBuiltIn(_ word: String) -> Bool {
    switch word {
    case "-h", "-help", "--help", "--version", "--experimental-dump-help": true
    default: word.hasPrefix("--generate-completion-script")
    }
  }

  /// The value of option `key`, as typed.
  func string(_ key: OptionKey) -> String? {
    options.firstIndex(of: key).flatMap { values[$0] }
  }

  /// Whether flag `key` is present.
  func flag(_ key: OptionKey) -> Bool { string(key) != nil }

  /// The value of option `key` converted as ArgumentParser converts it: `.some(nil)` when
  /// absent, nil when present but not convertible (the caller declines).
  func value<T: ExpressibleByArgument>(_ key: OptionKey, as type: T.Type) -> T?? {
    guard let text = string(key) else { return .some(nil) }
    guard let value = T(argument: text) else { return nil }
    return .some(value)
  }

  /// The global options of this line; nil when a closed-list value is not one of the list.
  func globalValues() -> GlobalValues? {
    var result = GlobalValues()
    for (slot, key) in options.enumerated() where key.isGlobal {
      guard let word = values[slot] else { continue }
      if key.entry.value == .choice && !key.accepts(word) { return nil }
      result[key] = word
    }
    return result
  }
}
