import MileQuestKit

/// What TAB offers in `milequest shell`: subcommands, options, closed value lists and the
/// names in the database. Pure, so it is testable without a terminal.
struct ShellCompletion {
  var tree: CommandTree
  /// Names in the database by kind.
  var names: [NameKind: [String]]

  /// The kind of name option `--long` takes, from the option table.
  static func nameKind(_ option: String) -> NameKind? {
    guard case .names(let kind) = OptionKey.named(option)?.entry.completion else { return nil }
    return kind
  }

  /// The kind of the positional arguments of a command path (for the first and later ones).
  static func positionalKinds(_ path: [String]) -> (first: NameKind?, rest: NameKind?) {
    switch path {
    case ["member", "show"], ["member", "edit"], ["member", "remove"]: (.member, nil)
    case ["team", "show"], ["team", "leave"], ["team", "edit"]: (.team, nil)
    case ["team", "add"], ["team", "remove"], ["team", "promote"], ["team", "demote"]:
      (.team, .member)
    case ["route", "show"], ["route", "export"]: (.route, nil)
    case ["goal", "show"], ["goal", "cancel"], ["progress"], ["chart"], ["report"]:
      (.goal, nil)
    case ["map"]: (.goal, nil)
    default: (nil, nil)
    }
  }

  /// Candidates for the word being typed (`prefix`), after `before` (the complete words).
  /// nil means "complete file names" (the caller's default).
  func candidates(before: [String], prefix: String) -> [String]? {
    let (command, depth) = tree.descend(before)
    let path = Array(before.prefix(depth))
    let rest = Array(before.dropFirst(depth))
    if depth == 0 && before.isEmpty {
      return matching((tree.subcommands ?? []).map(\.commandName) + ["exit", "as"], prefix)
    }
    if before == ["as"] { return matching(names[.member] ?? [], prefix) }
    if let previous = rest.last, previous.hasPrefix("--"),
      let option = command.options.first(where: { $0.longNames.contains(previous) }),
      option.kind == "option"
    {
      if let kind = Self.nameKind(previous) { return matching(names[kind] ?? [], prefix) }
      if let values = option.completionValues { return matching(values, prefix) }
      return nil
    }
    if prefix.hasPrefix("-") {
      // Hidden options are not offered (they are still read as options above).
      return matching(
        command.options.filter { $0.shouldDisplay != false }.flatMap(\.longNames), prefix)
    }
    if let subcommands = command.subcommands, !subcommands.isEmpty, rest.isEmpty {
      return matching(subcommands.map(\.commandName), prefix)
    }
    let positionals = rest.enumerated().filter { index, word in
      !word.hasPrefix("-")
        && !(index > 0 && rest[index - 1].hasPrefix("--")
          && command.options.contains {
            $0.kind == "option" && $0.longNames.contains(rest[index - 1])
          })
    }.count
    let kinds = Self.positionalKinds(path)
    if let kind = positionals == 0 ? kinds.first : kinds.rest {
      var candidates = names[kind] ?? []
      if path == ["map"] { candidates += names[.route] ?? [] }
      return matching(candidates, prefix)
    }
    return nil
  }

  private func matching(_ words: [String], _ prefix: String) -> [String] {
    words.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
  }
}
