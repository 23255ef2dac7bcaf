import ArgumentParser
import Foundation

/// The command line's shape (commands, options, value lists), read from ArgumentParser's own
/// help dump, so the shell's TAB completion always matches the real commands.
struct CommandTree: Decodable {
  struct Name: Decodable {
    var kind: String
    var name: String
  }

  struct Argument: Decodable {
    var kind: String
    var names: [Name]?
    var completionValues: [String]?
    var shouldDisplay: Bool?

    enum CodingKeys: String, CodingKey { case kind, names, completionKind, shouldDisplay }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      kind = try container.decode(String.self, forKey: .kind)
      names = try container.decodeIfPresent([Name].self, forKey: .names)
      shouldDisplay = try container.decodeIfPresent(Bool.self, forKey: .shouldDisplay)
      let completion = try? container.decodeIfPresent(CompletionKind.self, forKey: .completionKind)
      completionValues = completion?.list?.values
    }

    struct CompletionKind: Decodable {
      struct List: Decodable { var values: [String] }
      var list: List?
    }

    /// `--name` spellings.
    var longNames: [String] {
      (names ?? []).filter { $0.kind == "long" }.map { "--" + $0.name }
    }
  }

  var commandName: String
  var subcommands: [CommandTree]?
  var arguments: [Argument]?

  private struct Dump: Decodable { var command: CommandTree }

  /// The tree of `milequest`, or nil if ArgumentParser's dump format ever changes.
  static func load() -> CommandTree? {
    do {
      _ = try MileQuest.parseAsRoot(["--experimental-dump-help"])
    } catch {
      let json = MileQuest.fullMessage(for: error)
      return try? JSONDecoder().decode(Dump.self, from: Data(json.utf8)).command
    }
    return nil
  }

  /// The command reached by following `words` (subcommand names), and how many words it took.
  func descend(_ words: [String]) -> (command: CommandTree, depth: Int) {
    var node = self
    var depth = 0
    for word in words {
      guard let next = node.subcommands?.first(where: { $0.commandName == word }) else { break }
      node = next
      depth += 1
    }
    return (node, depth)
  }

  /// Options and flags of this command.
  var options: [Argument] { (arguments ?? []).filter { $0.kind != "positional" } }
}
