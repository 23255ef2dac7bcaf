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
  ///
  /// The prefix is the word as typed (`Land\'s`, `'Night O`): its shell quoting is removed
  /// before comparing. For bash each name is escaped for `compgen -W`, which the generated
  /// script passes the candidates through: it expands and removes quotes, so
  /// `Land's End to John o' Groats` came back as `Lands End to John o Groats`, a name that
  /// does not exist (`complete -o filenames` then quotes the name it inserts).
  static func candidates(_ kind: NameKind, words: [String], prefix: String) -> [String] {
    let typed = unquoted(prefix).lowercased()
    let names = StoreOpener.names(kind, inDatabaseAt: databasePath(words: words)).filter {
      $0.lowercased().hasPrefix(typed)
    }
    return CompletionShell.requesting == .bash ? names.map(escapedForCompgen) : names
  }

  /// `word` with shell quoting removed: backslash escapes, single and double quotes (an
  /// unclosed quote, as in a word being typed, runs to the end).
  static func unquoted(_ word: String) -> String {
    var result = ""
    var quote: Character?
    var escaped = false
    for character in word {
      if escaped {
        result.append(character)
        escaped = false
      } else if quote == "'" {
        if character == "'" { quote = nil } else { result.append(character) }
      } else if character == "\\" {
        escaped = true
      } else if quote == "\"" {
        if character == "\"" { quote = nil } else { result.append(character) }
      } else if character == "'" || character == "\"" {
        quote = character
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// `name` with a backslash before each character `compgen -W` would expand or remove.
  static func escapedForCompgen(_ name: String) -> String {
    var result = ""
    for character in name {
      if "\\'\"$`".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  /// `--db` from the words typed so far, else the environment, config or default path.
  static func databasePath(words: [String]) -> String {
    // bash splits `--db=x.db` into `--db`, `=`, `x.db`: joined again here.
    var joined: [String] = []
    var joining = false
    for word in words {
      if joining, let last = joined.popLast() {
        joined.append(last + word)
        joining = false
      } else if word == "=", let last = joined.popLast() {
        joined.append(last + "=")
        joining = last.hasPrefix("--") && !last.contains("=")
      } else {
        joined.append(word)
      }
    }
    if let path = OptionKey.lastValue(of: .db, in: joined) { return path }
    let environment = ProcessInfo.processInfo.environment
    return (try? Settings.resolve(GlobalValues(), environment).databasePath) ?? ""
  }
}
