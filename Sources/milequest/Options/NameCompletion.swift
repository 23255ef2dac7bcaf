import ArgumentParser
import Foundation
import MileQuestKit

/// Live completion of names from the database, for the generated bash/zsh/fish scripts: the
/// script stays fixed while the candidates come from the database at TAB time.
enum NameCompletion {
  static let members = kind(.member)
  static let teams = kind(.team)
  static let routes = kind(.route)
  static let goals = kind(.goal)

  /// Completion of the names of `kind` (an option table entry's `.names(kind)`).
  static func kind(_ kind: NameKind) -> CompletionKind {
    .custom { words, _, prefix in candidates(kind, words: words, prefix: prefix) }
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
    if let path = OptionKey.lastValue(of: .db, in: words) { return path }
    let environment = ProcessInfo.processInfo.environment
    return (try? Settings.resolve(GlobalValues(), environment).databasePath) ?? ""
  }
}
