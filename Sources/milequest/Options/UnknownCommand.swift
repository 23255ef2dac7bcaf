import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// The error for a command line whose command word is mistyped, or nil when its command
  /// words are all known. ArgumentParser, failing on such a line, blames whatever it tried
  /// last (`--unit km leaderbord` became "unknown option '--unit'", the global options having
  /// been moved after the word); this names the word and suggests the closest command.
  ///
  /// Follows `arguments` from the root through subcommand names; the first word that is
  /// not an option where a command with subcommands expects one is the unknown command.
  static func unknownCommand(_ arguments: [String]) -> MileQuestError? {
    var command: ParsableCommand.Type = MileQuest.self
    var path: [String] = []
    for (index, word) in arguments.enumerated() {
      // `milequest help team add` names a command path too.
      if index == 0 && word == "help" { continue }
      let subcommands = command.configuration.subcommands
      if word.hasPrefix("-") || subcommands.isEmpty || word == "help" { return nil }
      guard
        let next = subcommands.first(where: { $0.configuration.commandName == word })
      else {
        let names = subcommands.compactMap { $0.configuration.commandName }
        let typed = (path + [word]).joined(separator: " ")
        let hint =
          Suggestion.closest(to: word, among: names).map {
            "did you mean '\((path + [$0]).joined(separator: " "))'?"
          } ?? "see 'milequest \((path + ["--help"]).joined(separator: " "))'"
        return .usage("unknown command '\(typed)'; \(hint)")
      }
      command = next
      path.append(word)
    }
    return nil
  }
}

extension MileQuest {
  /// `message` (ArgumentParser's one line for `arguments`) with the closest option of the
  /// command suggested when it is "unknown option '--tema'": "...; did you mean '--team'?".
  /// Reads the command's options from ArgumentParser's own dump (`CommandTree`), on the
  /// error path only.
  static func suggestingOption(_ message: String, arguments: [String]) -> String {
    let prefix = "unknown option '--"
    guard message.hasPrefix(prefix),
      let end = message.dropFirst(prefix.count).firstIndex(of: "'"), let tree = CommandTree.load()
    else { return message }
    let typed = String(
      message[message.index(message.startIndex, offsetBy: prefix.count - 2)..<end])
    // The command: subcommand names in order, other words (values) skipped, since an
    // unknown option before the command was not moved after it.
    var command = tree
    for word in arguments where !word.hasPrefix("-") {
      if let next = command.subcommands?.first(where: { $0.commandName == word }) {
        command = next
      }
    }
    let names = command.options.flatMap(\.longNames).filter { $0 != "--help" }
    guard let name = Suggestion.closest(to: typed, among: names), name != typed else {
      return message
    }
    return String(message[...end]) + "; did you mean '\(name)'?"
  }
}
