import ArgumentParser
import Foundation
import MileQuestKit

/// The `milequest` command: parses, calls one Kit action, prints. Rules live in MileQuestKit.
@main
struct MileQuest: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "milequest",
    abstract: "Team walking challenges from the shell.",
    discussion: """
      Members log walks; teams pursue goals along real routes on the globe. The global options \
      (GLOBAL OPTIONS below) go before or after the subcommand. Exit codes follow sysexits: 64 \
      usage, 65 bad data or a broken rule, 66 unreadable input, 67 unknown name, 69 server \
      unavailable, 73 cannot create output, 74 I/O, 75 database busy, 77 not allowed, 78 \
      configuration.
      """,
    version: MilequestVersion.string,
    groupedSubcommands: [
      CommandGroup(name: "Walking", subcommands: [Log.self, Walks.self, Undo.self]),
      CommandGroup(
        name: "Reports",
        subcommands: [
          Progress.self, LeaderboardCommand.self, Stats.self, MapCommand.self, ChartCommand.self,
          ReportCommand.self, Demo.self,
        ]),
      CommandGroup(
        name: "Files",
        subcommands: [Import.self, Export.self, Backup.self, Restore.self, Check.self]),
      CommandGroup(
        name: "Setup",
        subcommands: [
          Init.self, MemberCommand.self, TeamCommand.self, RouteCommand.self, GoalCommand.self,
          ConfigCommand.self, Shell.self,
        ]),
    ]
  )

  static func main() {
    ProcessSignals.install()
    let typed = Array(CommandLine.arguments.dropFirst())
    if CompletionRoot.handles(typed) {
      // Generated scripts and their calls for names: the tree of `CompletionTree.swift`.
      CompletionRoot.answer(typed)
    }
    let arguments = Self.protectingNegativeNumbers(
      Self.joiningWaypointLabels(
        Self.movingGlobalOptions(Array(CommandLine.arguments.dropFirst()))))
    Printer.commandName = { commandName(arguments) }
    do {
      // Help for a mistyped command would be the root's help, exit 0: name the command.
      if arguments.contains(where: { $0 == "help" || $0 == "--help" || $0 == "-h" }),
        let unknown = unknownCommand(arguments)
      {
        throw unknown
      }
      if let run = quickParse(arguments) {
        try run()
      } else {
        var command = try parseTakenPath(arguments)
        try command.run()
      }
    } catch let error as MileQuestError {
      fail(error.cliDescription, hint: nil, code: error.exitCode)
    } catch let code as ExitCode {
      // Already reported (the shell stops at a script's first error with its code).
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // Help: the examples at the end, the global options once (`HelpText`).
        guard let help = helpText(for: error) else { exit(withError: error) }
        print(help)
        Foundation.exit(0)
      }
      if let unknown = unknownCommand(arguments) {
        fail(unknown.description, hint: nil, code: unknown.exitCode)
      }
      fail(
        oneLineMessage(for: error, arguments: arguments), hint: "see 'milequest help'",
        code: code.rawValue)
    }
  }

  /// The command `arguments` run, for messages: their first word and, when it names one of
  /// its subcommands, the second ("goal list").
  static func commandName(_ arguments: [String]) -> String {
    guard let first = arguments.first,
      let command = configuration.subcommands.first(where: {
        $0.configuration.commandName == first
      })
    else { return "this command" }
    if arguments.count > 1,
      command.configuration.subcommands.contains(where: {
        $0.configuration.commandName == arguments[1]
      })
    {
      return first + " " + arguments[1]
    }
    return first
  }

  /// Parses like `parseAsRoot`, but builds only the subcommand the first word names. From the
  /// root, ArgumentParser also builds the root's arguments, every subcommand's configuration
  /// and, twice more, the named subcommand's arguments (its passthrough checks); each build
  /// reflects over the command with `Mirror` and dynamic casts, which scan all of the binary's
  /// protocol conformances. Parsed from its own root, the subcommand decodes the same values.
  /// Whatever it does not accept (help, --version, errors, completion-script requests) is
  /// parsed again from the root, so every message and usage line stays `milequest`'s. The
  /// top-level subcommands name `milequest` as their `_superCommandName`, which ArgumentParser
  /// reads only for the root of a parse: there it skips the probe for
  /// `--generate-completion-script` (two more argument builds), left to the root parse here.
  static func parseTakenPath(_ arguments: [String]) throws -> ParsableCommand {
    if let first = arguments.first,
      let subcommand = configuration.subcommands.first(where: {
        $0.configuration.commandName == first
      }),
      !arguments.contains(where: { $0.hasPrefix("--generate-completion-script") }),
      let command = try? subcommand.parseAsRoot(Array(arguments.dropFirst()))
    {
      return command
    }
    return try parseAsRoot(arguments)
  }

  /// The work of the most used commands (`log`, `leaderboard`, `progress`) and of the small
  /// read commands (`stats`, `member show`, `team show`, `walks [list]`) from a plain command
  /// line, read without ArgumentParser (`QuickParse`); nil for any other line.
  static func quickParse(_ arguments: [String]) -> (() throws -> Void)? {
    guard let first = arguments.first else { return nil }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "stats":
      return Stats.quickRequest(rest).map { member, team, options in
        { try Stats.run(member: member, team: team, options) }
      }
    case "member" where rest.first == "show":
      return MemberCommand.Show.quickRequest(Array(rest.dropFirst())).map { handle, options in
        { try MemberCommand.Show.run(handle: handle, options) }
      }
    case "team" where rest.first == "show":
      return TeamCommand.Show.quickRequest(Array(rest.dropFirst())).map { name, options in
        { try TeamCommand.Show.run(name: name, options) }
      }
    case "walks":
      // `list` is the default subcommand; ArgumentParser takes a subcommand's name only as
      // the first word.
      let words = rest.first == "list" ? Array(rest.dropFirst()) : rest
      return Walks.List.quickRequest(words).map { request, options in
        { try Walks.List.run(request, options) }
      }
    case "log":
      return Log.quickRequest(rest).map { request, options in { try Log.run(request, options) } }
    case "leaderboard":
      return LeaderboardCommand.quickRequest(rest).map { request, options in
        { try LeaderboardCommand.run(request, options) }
      }
    case "progress":
      return Progress.quickRequest(rest).map { goal, options in
        { try Progress.run(goal: goal, options) }
      }
    default: return nil
    }
  }

  /// The one-line message for a parse error of `arguments`. ArgumentParser quotes values as
  /// typed, so a line break in one cuts its message short (`--unit $'k\nm'` gave "the value
  /// 'k"): when an argument holds characters `TerminalText` escapes, the line is parsed again
  /// with them escaped, and that parse's message (with the same exit code) is used.
  static func oneLineMessage(for error: any Error, arguments: [String]) -> String {
    let escaped = arguments.map(TerminalText.escaped)
    if escaped != arguments {
      do {
        _ = try parseAsRoot(escaped)
      } catch let again where exitCode(for: again) == exitCode(for: error) {
        return suggestingOption(oneLineMessage(for: again), arguments: escaped)
      } catch {}
    }
    return suggestingOption(oneLineMessage(for: error), arguments: arguments)
  }

  /// ArgumentParser's message for a parse error as one lower-case line, like our own errors.
  /// A list that follows the first line ("Please provide one of the following:" and `- walks`
  /// lines) is joined onto it: cut there, the line promised values it did not show.
  static func oneLineMessage(for error: any Error) -> String {
    let lines = message(for: error).split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let items = lines.dropFirst().prefix { $0.hasPrefix("- ") }.map { $0.dropFirst(2) }
    var message = lines.first ?? "\(error)"
    if !items.isEmpty { message += " " + items.joined(separator: ", ") }
    let text = message.replacingOccurrences(of: "Error: ", with: "")
    return text.prefix(1).lowercased() + text.dropFirst()
  }

  /// Prints one line on stderr and exits.
  static func fail(_ message: String, hint: String?, code: Int32) -> Never {
    var prefix = "milequest: error:"
    let arguments = CommandLine.arguments
    var choice =
      (try? Settings.resolve(GlobalValues(), ProcessInfo.processInfo.environment))?
      .color ?? .auto
    // The line may not have parsed: its colour options are read from the table's spellings.
    if OptionKey.lastValue(of: .noColor, in: arguments) != nil
      || OptionKey.lastValue(of: .color, in: arguments) == ColorChoice.never.rawValue
    {
      choice = .never
    }
    if Terminal.wantsColor(choice, fileDescriptor: 2) {
      prefix = Terminal.styled(prefix, .red)
    }
    // Kit errors are escaped already; ArgumentParser's messages echo arguments as typed.
    let line =
      "\(prefix) \(ErrorMessage.bounded(TerminalText.escapedKeepingLines(message)))"
      + (hint.map { " (\($0))" } ?? "")
    FileHandle.standardError.write(Data((line + "\n").utf8))
    Foundation.exit(code)
  }

  /// Moves global options typed before the subcommand to after it, where every subcommand's
  /// `GlobalOptions` group parses them (`milequest --db x.db log 3` = `milequest log 3 --db x.db`).
  static func movingGlobalOptions(_ arguments: [String]) -> [String] {
    var leading: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      let name = String(argument.prefix { $0 != "=" })
      if OptionKey.isGlobalFlag(argument) {
        leading.append(argument)
        index += 1
      } else if OptionKey.isGlobalValueOption(name) {
        leading.append(argument)
        if name == argument && index + 1 < arguments.count {
          leading.append(arguments[index + 1])
          index += 1
        }
        index += 1
      } else {
        break
      }
    }
    guard !leading.isEmpty else { return arguments }
    var rest = Array(arguments[index...])
    let terminator = rest.firstIndex(of: "--") ?? rest.endIndex
    rest.insert(contentsOf: leading, at: terminator)
    return rest
  }

  /// Lets an unquoted label with spaces work as typed: in
  /// `--waypoint -33.92,18.42,Cape Town`, the shell splits off `Town`; words that follow a
  /// labelled waypoint, up to the next option, are joined back onto its label.
  static func joiningWaypointLabels(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var extendingLabel = false
    for argument in arguments {
      if extendingLabel && !argument.hasPrefix("-"), let last = result.popLast() {
        result.append(last + " " + argument)
        continue
      }
      extendingLabel = false
      result.append(argument)
      if result.count >= 2, result[result.count - 2] == "--waypoint",
        argument.filter({ $0 == "," }).count >= 2
      {
        extendingLabel = true
      } else if argument.hasPrefix("--waypoint="), argument.filter({ $0 == "," }).count >= 2 {
        extendingLabel = true
      }
    }
    return result
  }
}
