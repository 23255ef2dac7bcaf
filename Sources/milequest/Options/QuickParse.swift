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
  /// One option the reader knows.
  struct Option {
    let name: String
    /// False for a flag.
    let takesValue: Bool
    /// The value is the next word whatever it looks like (ArgumentParser's `.unconditional`).
    let unconditional: Bool

    static func value(_ name: String) -> Option {
      Option(name: name, takesValue: true, unconditional: false)
    }
    static func unconditional(_ name: String) -> Option {
      Option(name: name, takesValue: true, unconditional: true)
    }
    static func flag(_ name: String) -> Option {
      Option(name: name, takesValue: false, unconditional: false)
    }
  }

  /// The options every command takes (`GlobalOptions`), first in every table.
  static let globalOptions: [Option] = [
    .value("db"), .value("as"), .value("format"), .value("unit"), .value("output"),
    .flag("quiet"), .flag("no-color"), .value("color"), .flag("yes"), .flag("dry-run"),
    .flag("ascii"),
  ]

  let options: [Option]
  /// Each option's value, in `options` order: nil when absent, "" for a flag that is present.
  private(set) var values: [String?]
  private(set) var positionals: [String] = []

  /// Reads `arguments` (the words after the subcommand) against `globalOptions` followed by
  /// `commandOptions`; nil when the line is not of the plain shape described above.
  init?(_ arguments: [String], commandOptions: [Option]) {
    options = Self.globalOptions + commandOptions
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
      guard let slot = options.firstIndex(where: { $0.name == name }), values[slot] == nil
      else { return nil }
      let option = options[slot]
      if !option.takesValue {
        guard equals == nil else { return nil }
        values[slot] = ""
      } else if let equals {
        // `--name=` with nothing after it: ArgumentParser then takes the next word instead.
        let value = body[body.index(after: equals)...]
        guard !value.isEmpty else { return nil }
        values[slot] = String(value)
      } else {
        guard index < arguments.count else { return nil }
        let value = arguments[index]
        guard option.unconditional || !value.hasPrefix("-") else { return nil }
        values[slot] = value
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

  /// The value of option `name`, as typed.
  func string(_ name: String) -> String? {
    options.firstIndex(where: { $0.name == name }).flatMap { values[$0] }
  }

  /// Whether flag `name` is present.
  func flag(_ name: String) -> Bool { string(name) != nil }

  /// The value of option `name` converted as ArgumentParser converts it: `.some(nil)` when
  /// absent, nil when present but not convertible (the caller declines).
  func value<T: ExpressibleByArgument>(_ name: String, as type: T.Type) -> T?? {
    guard let text = string(name) else { return .some(nil) }
    guard let value = T(argument: text) else { return nil }
    return .some(value)
  }

  /// The global options of this line.
  func globalValues() -> GlobalValues? {
    guard let format = value("format", as: OutputFormat.self),
      let unit = value("unit", as: DistanceUnit.self),
      let color = value("color", as: ColorChoice.self)
    else { return nil }
    return GlobalValues(
      db: string("db"), actingMember: string("as"), format: format, unit: unit,
      output: string("output"), quiet: flag("quiet"), noColor: flag("no-color"), color: color,
      yes: flag("yes"), dryRun: flag("dry-run"), ascii: flag("ascii"))
  }
}
