import ArgumentParser
import Foundation
import MileQuestKit

/// The command tree the completion scripts are generated from (`--generate-completion-script`)
/// and that answers their calls for names (`---completion`): `milequest`'s own, with two
/// differences that only completion sees, so that what a person may type completes:
///
/// - the global options are accepted at the root too, as `MileQuest.movingGlobalOptions`
///   accepts them before the subcommand: `milequest --db x.db member show <TAB>` completes the
///   subcommand's arguments (names from x.db), where the scripts used to offer subcommands;
/// - `walks` takes its default subcommand's options (`walks list`), as the parse does:
///   `milequest walks --format <TAB>` offers the formats, `walks --member <TAB>` the members.
///
/// Only completion parses with this tree; every command still runs through `MileQuest`.
struct CompletionRoot: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "milequest",
    abstract: MileQuest.configuration.abstract,
    version: MilequestVersion.string,
    subcommands: MileQuest.configuration.subcommands.map {
      $0 == MileQuest.Walks.self ? CompletionWalks.self : $0
    })
  @OptionGroup var options: GlobalOptions

  /// Whether `arguments` (as typed, before any rewriting) are a completion request: a script
  /// to generate, or a script asking for candidates.
  static func handles(_ arguments: [String]) -> Bool {
    arguments.first == "---completion"
      || arguments.contains(where: { $0.hasPrefix("--generate-completion-script") })
  }

  /// Answers a completion request (`handles`) and exits: the script for a named shell,
  /// adjusted by `script(for:)`; anything else (a call for names, no shell named) as
  /// ArgumentParser answers it.
  static func answer(_ arguments: [String]) -> Never {
    let option = "--generate-completion-script"
    if let index = arguments.firstIndex(where: { $0.hasPrefix(option) }) {
      let word = arguments[index]
      let name =
        word.count > option.count
        ? String(word.dropFirst(option.count + 1))
        : (index + 1 < arguments.count ? arguments[index + 1] : "")
      if let shell = CompletionShell(rawValue: name) {
        print(script(for: shell), terminator: "")
        Foundation.exit(0)
      }
    }
    main(arguments)
    Foundation.exit(0)
  }

  /// What the bash script's root reads the words with: ArgumentParser's line, then ours.
  static let bashWords = #"    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")"#
  static let bashJoinedWords = #"""
        local -a unparsed_words=()
        local -i word_number
        for ((word_number = 1; word_number <= COMP_CWORD; word_number++)); do
            # --db=x.db arrives as --db, =, x.db: read it as --db x.db
            [[ "${COMP_WORDS[word_number]}" = '=' && "${COMP_WORDS[word_number - 1]}" = --* \
                && "${word_number}" -lt "${COMP_CWORD}" ]] && continue
            unparsed_words+=("${COMP_WORDS[word_number]}")
        done
    """#

  /// ArgumentParser's script for `shell`, with `--db=x.db` (one word, `=`) read like
  /// `--db x.db` before the subcommand as after it:
  /// - bash splits the word at `=` (`COMP_WORDBREAKS`), and the script took `=` for the
  ///   option's value and `x.db` for the subcommand: the root drops an `=` that follows an
  ///   option;
  /// - zsh's `_arguments` accepts `--db=x.db` only for a spec written `--db=`: every long
  ///   option that takes a value is written so (which still accepts `--db x.db`).
  static func script(for shell: CompletionShell) -> String {
    let script = completionScript(for: shell)
    switch shell {
    case .bash:
      guard let range = script.range(of: bashWords) else { return script }
      return script.replacingCharacters(in: range, with: bashJoinedWords)
    case .zsh:
      return script.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        // '--db[The database file.]:db:_files', '(--format -f)'{--format,-f}'[…]:format:…'
        guard line.hasPrefix("        '"), line.contains("]:") else { return String(line) }
        var text = String(line)
        if let match = text.range(of: #"\{--[a-z0-9-]+,"#, options: .regularExpression) {
          text.replaceSubrange(match, with: text[match].dropLast() + "=,")
        } else if let match = text.range(
          of: #"^        '--[a-z0-9-]+\["#, options: .regularExpression)
        {
          text.replaceSubrange(match, with: text[match].dropLast() + "=[")
        }
        return text
      }.joined(separator: "\n")
    default:
      return script
    }
  }
}

/// `walks` as completion sees it: the group, with `walks list`'s options (keep them equal to
/// `MileQuest.Walks.List`'s; `CompletionShellsTests` completes through them).
struct CompletionWalks: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "walks",
    abstract: MileQuest.Walks.configuration.abstract,
    subcommands: MileQuest.Walks.configuration.subcommands)
  @OptionGroup var options: GlobalOptions
  @Option(.walksMember) var member: String?
  @Option(.walksTeam) var team: String?
  @Option(.walksFrom) var from: String?
  @Option(.walksTo) var to: String?
  @Option(.walksLimit) var limit: Int?
  @Option(.walksActivity) var activity: String?
}
