import ArgumentParser
import Foundation
import MileQuestKit

/// Every option of the command line that more than one reader needs, declared once: the
/// global options and those of the hot commands (`log`, `leaderboard`, `progress`), which
/// have three entry points (ArgumentParser, `QuickParse`, the shell), and the options whose
/// values are names. Everything else is derived from this table:
///
/// - the ArgumentParser declarations take their name, help, parsing and completion from it
///   (`OptionKey.name`, `.help`, `.parsing`, `.completion`);
/// - `QuickParse` reads a command's entries (`OptionKey.quick(for:)`);
/// - `GlobalValues` stores the global entries' values by key, so the shell passes on the
///   entries marked `inShell` (`ShellSession.inherited`);
/// - moving global options before the subcommand (`OptionKey.isGlobalFlag`,
///   `.isGlobalValueOption`), the colour of the failure message (`OptionKey.lastValue`) and the
///   completion of names (`ShellCompletion`, `NameCompletion`) ask it.
///
/// Adding an option means one case here, one entry in `entry`, and (for ArgumentParser) a
/// property whose wrapper reads the entry; the compiler's exhaustive switches name the rest.
///
/// Speed: every question is a `switch` or a loop over the raw values, never a `Set` or a
/// dictionary (whose first use instantiates generic metadata at run time, on every
/// invocation), and nothing is built before it is asked for.
enum OptionKey: UInt8, CaseIterable {
  // Global options: the first `globalCount` cases, in the order the root's help lists them.
  case db, actingMember, format, unit, output, quiet, color, noColor, ascii, yes, dryRun
  #if DEBUG
    /// A global option that exists only in debug builds, for `OptionTableTests`: hidden
    /// unless `MILEQUEST_TEST_OPTION` is set, so that adding an entry is seen to reach help,
    /// completion scripts, the shell and the quick path.
    case testProbe
  #endif
  // `log`.
  case member, date, duration, steps, note
  // `leaderboard`.
  case team, teams, goal, period, from, to, by, averageOver, limit
  // Options of other commands whose values are names (shell completion).
  case route

  /// What an option takes.
  enum Value: Equatable {
    /// A flag: present or absent.
    case flag
    /// The next word, unless it looks like an option.
    case value
    /// The next word whatever it looks like (ArgumentParser's `.unconditional`): dates such as
    /// `-3d`, notes.
    case unconditional
    /// One of a closed list of words (an `ArgumentEnum`; `choices` lists them).
    case choice
  }

  /// What TAB offers for the value.
  enum Completion: Equatable {
    case none
    case file
    case names(NameKind)
    /// The values of a `.choice` (ArgumentParser lists them itself).
    case choices
  }

  /// Where an option is accepted.
  enum Scope: Equatable {
    /// Every command, before or after the subcommand (`GlobalOptions`).
    case global
    /// The command of that name (its `QuickParse` table, when it has one).
    case command(String)
    /// Several commands, each declaring it with its own help.
    case commands
  }

  /// One row of the table.
  struct Entry {
    var long: String
    var short: Character? = nil
    var value: Value
    var help: String
    var completion: Completion = .none
    var scope: Scope
    /// For a global option: `milequest shell` passes the session's value on to every line
    /// that does not set it.
    var inShell = false
  }

  /// The table.
  var entry: Entry {
    switch self {
    case .db:
      Entry(
        long: "db", value: .value, help: "The database file (env MILEQUEST_DB).",
        completion: .file, scope: .global, inShell: true)
    case .actingMember:
      Entry(
        long: "as", value: .value, help: "The acting member's handle (env MILEQUEST_USER).",
        completion: .names(.member), scope: .global, inShell: true)
    case .format:
      Entry(
        long: "format", value: .choice, help: "Output format.",
        completion: .choices, scope: .global, inShell: true)
    case .unit:
      Entry(
        long: "unit", value: .choice,
        help: "Display unit (env MILEQUEST_UNIT).", completion: .choices, scope: .global,
        inShell: true)
    case .output:
      Entry(
        long: "output", value: .value,
        help: "Write the output to FILE; its extension picks the format.", completion: .file,
        scope: .global)
    case .quiet:
      Entry(
        long: "quiet", value: .flag, help: "Print only data and errors.", scope: .global,
        inShell: true)
    case .noColor:
      Entry(
        long: "no-color", value: .flag,
        help: "Never colour the output (same as --color never).", scope: .global, inShell: true)
    case .color:
      Entry(
        long: "color", value: .choice,
        help: "Colour: auto (terminals only, not with NO_COLOR), always, never.",
        completion: .choices, scope: .global, inShell: true)
    case .yes:
      Entry(
        long: "yes", value: .flag, help: "Do not ask before changes that touch many rows.",
        scope: .global)
    case .dryRun:
      Entry(
        long: "dry-run", value: .flag, help: "Report what would change, change nothing.",
        scope: .global)
    case .ascii:
      Entry(
        long: "ascii", value: .flag, help: "Plain ASCII output (no Unicode bars or symbols).",
        scope: .global)
    #if DEBUG
      case .testProbe:
        Entry(
          long: "test-probe", value: .value, help: "A test-only option (debug builds).",
          completion: .names(.team), scope: .global, inShell: true)
    #endif
    case .member:
      Entry(
        long: "member", value: .value, help: "Whose walk (default: the acting member).",
        completion: .names(.member), scope: .command("log"))
    case .date:
      Entry(
        long: "date", value: .unconditional,
        help: "When: YYYY-MM-DD, today, yesterday, -3d, '3 days ago' or a weekday.",
        scope: .command("log"))
    case .duration:
      Entry(
        long: "duration", value: .unconditional,
        help: "How long: 45m, 1h20m, 1:20:00 or 90 (minutes).", scope: .command("log"))
    case .steps:
      Entry(
        long: "steps", value: .unconditional, help: "Step count, kept with the walk.",
        scope: .command("log"))
    case .note:
      Entry(
        long: "note", value: .unconditional, help: "A note (at most 500 characters).",
        scope: .command("log"))
    case .team:
      Entry(
        long: "team", value: .value, help: "Rank this team's members.",
        completion: .names(.team), scope: .command("leaderboard"))
    case .teams:
      Entry(
        long: "teams", value: .flag,
        help: "Rank teams (with --goal: the goal's teams, a race by progress).",
        scope: .command("leaderboard"))
    case .goal:
      Entry(
        long: "goal", value: .value, help: "Rank the members counted for this goal.",
        completion: .names(.goal), scope: .command("leaderboard"))
    case .period:
      Entry(
        long: "period", value: .choice,
        help: "today, week (ISO, Monday first), month, year or all.", completion: .choices,
        scope: .command("leaderboard"))
    case .from:
      Entry(
        long: "from", value: .unconditional, help: "First day (inclusive).",
        scope: .command("leaderboard"))
    case .to:
      Entry(
        long: "to", value: .unconditional, help: "Last day (inclusive).",
        scope: .command("leaderboard"))
    case .by:
      Entry(
        long: "by", value: .choice,
        help: "Rank by total distance, average or number of walks.", completion: .choices,
        scope: .command("leaderboard"))
    case .averageOver:
      Entry(
        long: "average-over", value: .choice,
        help: "Team averages divide by members or walkers.", completion: .choices,
        scope: .command("leaderboard"))
    case .limit:
      Entry(
        long: "limit", value: .unconditional,
        help: "Keep the top N ranks (ties at the cut are kept).", scope: .command("leaderboard"))
    case .route:
      Entry(
        long: "route", value: .value, help: "Follow this route.", completion: .names(.route),
        scope: .commands)
    }
  }

  /// Whether help and completion show the option: all but the debug-only test entry, which
  /// shows only when `MILEQUEST_TEST_OPTION` is set.
  var isShown: Bool {
    #if DEBUG
      if self == .testProbe { return getenv("MILEQUEST_TEST_OPTION") != nil }
    #endif
    return true
  }

  /// The shown global options as the root's help lists them: `--db, --as, ...`.
  static var globalList: String {
    var list = ""
    var raw: UInt8 = 0
    while raw < globalCount, let key = OptionKey(rawValue: raw) {
      raw += 1
      guard key.isShown else { continue }
      list += (list.isEmpty ? "" : ", ") + key.flagName
    }
    return list
  }

  /// The number of global options: they are the first cases.
  static var globalCount: UInt8 {
    #if DEBUG
      OptionKey.testProbe.rawValue + 1
    #else
      OptionKey.dryRun.rawValue + 1
    #endif
  }

  /// The words a `.choice` option accepts (built when asked: not on the way to a command).
  var choices: [String] {
    switch self {
    case .format: OutputFormat.allValueStrings
    case .unit: DistanceUnit.allValueStrings
    case .color: ColorChoice.allValueStrings
    case .period: Period.allValueStrings
    case .by: LeaderboardMetric.allValueStrings
    case .averageOver: AverageBasis.allValueStrings
    default: []
    }
  }

  /// Whether a `.choice` option accepts `word`, converted as ArgumentParser converts it.
  func accepts(_ word: String) -> Bool {
    switch self {
    case .format: OutputFormat(argument: word) != nil
    case .unit: DistanceUnit(argument: word) != nil
    case .color: ColorChoice(argument: word) != nil
    case .period: Period(argument: word) != nil
    case .by: LeaderboardMetric(argument: word) != nil
    case .averageOver: AverageBasis(argument: word) != nil
    default: entry.value != .choice
    }
  }

  /// Whether the option is global.
  var isGlobal: Bool { rawValue < Self.globalCount }

  /// `--long`.
  var flagName: String { "--" + entry.long }

  /// Whether the option is a flag (no value).
  var isFlag: Bool { entry.value == .flag }

  // MARK: Lookups by spelling (a loop over raw values: no array, no set)

  /// The option spelled `--long` (or `-s`); with `globalOnly`, only a global one.
  static func named(_ word: some StringProtocol, globalOnly: Bool = false) -> OptionKey? {
    var raw: UInt8 = 0
    while let key = OptionKey(rawValue: raw), !globalOnly || key.isGlobal {
      raw += 1
      let entry = key.entry
      if word.hasPrefix("--") {
        if word.dropFirst(2) == entry.long { return key }
      } else if let short = entry.short, word.count == 2, word.hasPrefix("-"),
        word.last == short
      {
        return key
      }
    }
    return nil
  }

  /// Whether `word` is a global flag (`--quiet`): moved with the global options before the
  /// subcommand, and never followed by a value.
  static func isGlobalFlag(_ word: String) -> Bool {
    named(word, globalOnly: true)?.isFlag ?? false
  }

  /// Whether `name` (without `=value`) is a global option that takes a value.
  static func isGlobalValueOption(_ name: String) -> Bool {
    named(name, globalOnly: true).map { !$0.isFlag } ?? false
  }

  /// The options `QuickParse` reads for `command`: the global ones, then the command's own.
  static func quick(for command: String) -> [OptionKey] {
    var keys: [OptionKey] = []
    var raw: UInt8 = 0
    while let key = OptionKey(rawValue: raw) {
      raw += 1
      if key.isGlobal || key.entry.scope == .command(command) { keys.append(key) }
    }
    return keys
  }

  /// The value of the last `key` in `arguments` (`--name value`, `--name=value`, `-s value`),
  /// "" for a flag; nil when absent. For the questions asked before (or without) a parse: the
  /// colour of a failure message, the database of a completion request.
  static func lastValue(of key: OptionKey, in arguments: [String]) -> String? {
    var result: String?
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if word == "--" { break }
      let name = word.prefix { $0 != "=" }
      guard named(name) == key else { continue }
      if key.isFlag {
        if name.count == word.count { result = "" }
      } else if name.count < word.count {
        result = String(word.dropFirst(name.count + 1))
      } else if index < arguments.count {
        result = arguments[index]
        index += 1
      }
    }
    return result
  }
}

// MARK: ArgumentParser's view of an entry

extension OptionKey {
  /// The names ArgumentParser parses.
  var name: NameSpecification {
    let entry = entry
    guard let short = entry.short else { return [.customLong(entry.long)] }
    return [.customLong(entry.long), .customShort(short)]
  }

  /// The help line (hidden for the debug-only test entry unless a test asks for it).
  var help: ArgumentHelp {
    ArgumentHelp(entry.help, visibility: isShown ? .default : .private)
  }

  /// How ArgumentParser takes the value.
  var parsing: SingleValueParsingStrategy {
    entry.value == .unconditional ? .unconditional : .next
  }

  /// What the generated completion scripts offer; nil leaves ArgumentParser's default (the
  /// values of an enum, nothing for a string).
  var completion: CompletionKind? {
    switch entry.completion {
    case .none, .choices: nil
    case .file: .file()
    case .names(let kind): NameCompletion.kind(kind)
    }
  }
}
