import ArgumentParser
import Foundation
import Testing

@testable import MileQuestKit
@testable import milequest

/// The option table (`OptionKey`) drives every reader of the command line: ArgumentParser's
/// declarations (help, completion scripts), the quick path, the shell's inherited options and
/// the completion of names. The debug-only entry `--test-probe` is an option added in one
/// place: it must show up in all of them.
@Suite("Option table")
struct OptionTableTests {
  /// Every key of the table.
  static let keys = OptionKey.allCases

  @Test("the test-only entry is in the help and completion scripts when shown")
  func probeInHelpAndCompletions() throws {
    let cli = try CLI()
    let shown = ["MILEQUEST_TEST_OPTION": "1"]
    // Listed once, under GLOBAL OPTIONS of the root's help (`HelpText`), not under each
    // subcommand, which still accepts it.
    let root = cli.run(["--help"], env: shown)
    #expect(root.stdout.contains("  --test-probe <test-probe>"), "\(root.stdout)")
    #expect(root.stdout.contains("A test-only option (debug builds)."))
    // Hidden otherwise, so the committed docs do not depend on the build.
    #expect(!cli.run(["--help"]).stdout.contains("--test-probe"))
    for command in [["log"], ["leaderboard"], ["progress"], ["walks", "list"], ["team", "add"]] {
      let help = cli.run(command + ["--help", "--test-probe", "x"], env: shown)
      #expect(help.code == 0, "\(command): \(help.stderr)")
      #expect(!help.stdout.contains("--test-probe"), "\(command): \(help.stdout)")
    }
    for shell in ["bash", "zsh", "fish"] {
      let script = cli.run(["--generate-completion-script", shell], env: shown)
      #expect(script.code == 0)
      #expect(script.stdout.contains("test-probe"), "\(shell)")
      #expect(!cli.run(["--generate-completion-script", shell]).stdout.contains("test-probe"))
    }
  }

  @Test("the test-only entry is parsed on both paths, moved, inherited and completed")
  func probeEverywhere() throws {
    // The quick path reads it, and ArgumentParser reads the same.
    let line = ["5km", "--test-probe", "Kiwis"]
    let (_, quick) = try #require(MileQuest.Log.quickRequest(line))
    #expect(quick[.testProbe] == "Kiwis")
    let parsed = try #require(try MileQuest.parseAsRoot(["log"] + line) as? MileQuest.Log)
    #expect(parsed.options.values == quick)
    #expect(MileQuest.quickParse(["leaderboard", "--test-probe=x"]) != nil)
    // Typed before the subcommand, it moves after it like every global option.
    #expect(
      MileQuest.movingGlobalOptions(["--test-probe", "x", "log", "5km"])
        == ["log", "5km", "--test-probe", "x"])
    // The shell passes the session's value on, unless the line sets it.
    var values = GlobalValues()
    values[.db] = "/nonexistent/session.db"
    values[.testProbe] = "Owls"
    let session = try ShellSession(values: values)
    #expect(session.inherited(["log", "5km"]).contains("--test-probe"))
    #expect(session.inherited(["log", "5km"]).split(separator: "--test-probe").count == 2)
    #expect(!session.inherited(["log", "5km", "--test-probe=x"]).contains("--test-probe"))
    // Its value completes with team names.
    #expect(ShellCompletion.nameKind("--test-probe") == .team)
  }

  @Test("every entry is declared where its scope says, with its help", arguments: keys)
  func entryInHelp(_ key: OptionKey) throws {
    #if DEBUG
      if key == .testProbe { return }  // hidden in-process; see probeInHelpAndCompletions
    #endif
    let entry = key.entry
    let commands: [any ParsableCommand.Type] =
      switch entry.scope {
      case .global: [MileQuest.Log.self, MileQuest.Walks.List.self, MileQuest.Init.self]
      case .command(let path): [try #require(OptionsEveryCommandTests.command(at: path))]
      case .commands:
        switch key {
        case .watch: [MileQuest.LeaderboardCommand.self, MileQuest.Progress.self]
        case .importMember:
          [MileQuest.Import.GPX.self, MileQuest.Import.Auto.self]
            + MileQuest.Import.formatCommands
        default: [MileQuest.GoalCommand.Create.self, MileQuest.GoalCommand.Edit.self]
        }
      }
    for command in commands {
      let help = MileQuest.helpMessage(for: command, columns: 1_000)
      #expect(help.contains(key.flagName), "\(command) lacks \(key.flagName)")
      #expect(help.contains(entry.help), "\(command): help of \(key.flagName)")
    }
  }

  @Test("every entry's spelling, kind and completion are what the readers see", arguments: keys)
  func entryReaders(_ key: OptionKey) throws {
    let entry = key.entry
    // Keys may share a spelling (`--team`); the readers by spelling see the first, which
    // agrees with every other on what they ask: flag or not, and the names it completes.
    let first = try #require(OptionKey.named(key.flagName))
    #expect(first.rawValue <= key.rawValue && first.entry.long == entry.long)
    #expect(first.isFlag == key.isFlag, "\(key) and \(first)")
    #expect(OptionKey.isGlobalFlag(key.flagName) == (first.isGlobal && key.isFlag))
    #expect(OptionKey.isGlobalValueOption(key.flagName) == (first.isGlobal && !key.isFlag))
    #expect(key.isGlobal == (entry.scope == .global))
    if case .names(let kind) = entry.completion {
      #expect(ShellCompletion.nameKind(key.flagName) == kind)
    } else {
      #expect(ShellCompletion.nameKind(key.flagName) == nil)
    }
    #expect((entry.value == .choice) == !key.choices.isEmpty)
    #expect((entry.value == .choice) == (entry.completion == .choices))
    for choice in key.choices { #expect(key.accepts(choice)) }
    if case .command(let command) = entry.scope {
      // Only the hot commands' keys, which come right after the global ones, are quick.
      #expect(
        OptionKey.quick(for: command).contains(key)
          == (key.rawValue <= OptionKey.lastQuick.rawValue))
      #expect(!OptionKey.quick(for: "progress").contains(key))
    }
  }

  @Test("every global entry round-trips through ArgumentParser and the quick path", arguments: keys)
  func globalRoundTrip(_ key: OptionKey) throws {
    guard key.isGlobal else { return }
    let value = key.choices.last ?? "some-value"
    let words = key.isFlag ? [key.flagName] : [key.flagName, value]
    let parsed = try #require(
      try MileQuest.parseAsRoot(["log", "5km"] + words) as? MileQuest.Log)
    #expect(parsed.options.values[key] == (key.isFlag ? "" : value))
    let (_, quick) = try #require(MileQuest.Log.quickRequest(["5km"] + words))
    #expect(quick == parsed.options.values)
  }

  @Test("the shell inherits exactly the entries marked for it")
  func shellInherits() throws {
    var values = GlobalValues()
    var raw: UInt8 = 0
    while raw < OptionKey.globalCount, let key = OptionKey(rawValue: raw) {
      raw += 1
      values[key] = key.isFlag ? "" : (key.choices.first ?? "v")
    }
    values[.db] = "/nonexistent/session.db"
    values[.color] = "always"
    let session = try ShellSession(values: values)
    let inherited = session.inherited(["walks"])
    for key in Self.keys where key.isGlobal {
      #expect(inherited.contains(key.flagName) == key.entry.inShell, "\(key.flagName)")
    }
    // The line's own colour choice wins over the session's --no-color and --color.
    let own = session.inherited(["walks", "--color", "always"])
    #expect(!own.contains("--no-color") && !own.contains("--color"))
    #expect(session.inherited(["walks", "--", "x"]).isEmpty)
  }

  @Test("the root's help lists the shown global options, in the table's order")
  func rootHelp() throws {
    let help = try CLI().ok(["--help"]).components(separatedBy: "\n")
    let start = try #require(help.firstIndex(of: "GLOBAL OPTIONS:"))
    let listed = help[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line -> String? in
      guard line.hasPrefix("  -") else { return nil }
      return line.split(separator: " ").map(String.init).first { $0.hasPrefix("--") }
    }
    let shown = Self.keys.filter { $0.isGlobal && $0.isShown }.map(\.flagName)
    #expect(listed == shown)
  }

  @Test("colour and database are read from a line that did not parse")
  func lastValue() {
    let line = ["log", "--color", "always", "--db=a.db", "--color=never", "--no-colour", "--db"]
    #expect(OptionKey.lastValue(of: .color, in: line) == "never")
    #expect(OptionKey.lastValue(of: .db, in: line) == "a.db")
    #expect(OptionKey.lastValue(of: .noColor, in: line) == nil)
    #expect(OptionKey.lastValue(of: .noColor, in: ["x", "--no-color"]) == "")
    #expect(OptionKey.lastValue(of: .noColor, in: ["--", "--no-color"]) == nil)
    #expect(NameCompletion.databasePath(words: ["log", "--db", "b.db"]) == "b.db")
  }
}
