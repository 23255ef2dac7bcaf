import ArgumentParser
import Foundation
import MileQuestKit

/// Live completion of names from the database, for the generated bash/zsh/fish scripts: the
/// script stays fixed while the candidates come from the database at TAB time.
enum NameCompletion {
  static let members = CompletionKind.custom { words, _, prefix in
    candidates(.member, words: words, prefix: prefix)
  }
  static let teams = CompletionKind.custom { words, _, prefix in
    candidates(.team, words: words, prefix: prefix)
  }
  static let routes = CompletionKind.custom { words, _, prefix in
    candidates(.route, words: words, prefix: prefix)
  }
  static let goals = CompletionKind.custom { words, _, prefix in
    candidates(.goal, words: words, prefix: prefix)
  }
  static let goalsAndRoutes = CompletionKind.custom { words, _, prefix in
    candidates(.goal, words: words, prefix: prefix)
      + candidates(.route, words: words, prefix: prefix)
  }

  /// Names of `kind` starting with `prefix`, from the database the command line names.
  static func candidates(_ kind: NameKind, words: [String], prefix: String) -> [String] {
    StoreOpener.names(kind, inDatabaseAt: databasePath(words: words)).filter {
      $0.lowercased().hasPrefix(prefix.lowercased())
    }
  }

  /// `--db` from the words typed so far, else the environment, config or default path.
  static func databasePath(words: [String]) -> String {
    for (index, word) in words.enumerated() {
      if word == "--db", index + 1 < words.count { return words[index + 1] }
      if word.hasPrefix("--db=") { return String(word.dropFirst(5)) }
    }
    let environment = ProcessInfo.processInfo.environment
    return (try? Settings.resolve(GlobalValues(), environment).databasePath) ?? ""
  }
}
