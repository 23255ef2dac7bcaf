import ArgumentParser
import Testing

@testable import milequest

/// Issue 13: every option of every command is declared once, in the option table
/// (`OptionKey`); the commands only say `@Option(.key)` / `@Flag(.key)`. Read from
/// ArgumentParser's own dump of the command line (what help, man page, completion scripts
/// and the shell see), every option of every command must be a table entry whose scope names
/// that command (or a global one), with the entry's help.
@Suite("Option table: every command")
struct OptionsEveryCommandTests {
  /// The command type at `path` ("goal edit"), from the root's subcommands.
  static func command(at path: String) -> (any ParsableCommand.Type)? {
    var command: any ParsableCommand.Type = MileQuest.self
    for name in path.split(separator: " ") {
      guard
        let next = command.configuration.subcommands.first(where: {
          $0.configuration.commandName == String(name)
        })
      else { return nil }
      command = next
    }
    return command
  }

  /// Every command of the tree with its path ("" for the root).
  static func commands(_ tree: CommandTree, path: [String] = []) -> [(String, CommandTree)] {
    [(path.joined(separator: " "), tree)]
      + (tree.subcommands ?? []).flatMap { commands($0, path: path + [$0.commandName]) }
  }

  @Test("every option of every command comes from the table")
  func everyOptionIsAnEntry() throws {
    let tree = try #require(CommandTree.load())
    var seen = 0
    for (path, command) in Self.commands(tree) {
      for option in command.options {
        for name in option.longNames where name != "--help" && name != "--version" {
          seen += 1
          let keys = OptionKey.allCases.filter { $0.flagName == name }
          // The command's own entry first: `config list --format` is not the global one.
          let key =
            keys.first { $0.entry.scope == .command(path) }
            ?? keys.first { $0.entry.scope == .commands } ?? keys.first(where: \.isGlobal)
          #expect(key != nil, "\(path): \(name) is not in the option table")
          guard let key, key.isShown, !path.isEmpty, let type = Self.command(at: path) else {
            continue
          }
          let help = MileQuest.helpMessage(for: type, columns: 1_000)
          #expect(help.contains(key.entry.help), "\(path) \(name): help not the table's")
        }
      }
    }
    #expect(seen > 100)
  }

  @Test("every command path an entry names exists")
  func scopesExist() {
    for key in OptionKey.allCases {
      if case .command(let path) = key.entry.scope {
        #expect(Self.command(at: path) != nil, "\(key): no command '\(path)'")
      }
    }
  }

  @Test("the quick path stops at the hot commands' entries")
  func quickStops() {
    for key in OptionKey.allCases where key.rawValue > OptionKey.lastQuick.rawValue {
      #expect(!key.isGlobal)
      if case .command(let path) = key.entry.scope {
        #expect(!["log", "leaderboard", "progress"].contains(path), "\(key)")
      }
    }
  }
}
