import ArgumentParser
import Foundation
import MileQuestKit

/// Asking a person before a change that cannot be taken back with `undo`.
enum Confirmation {
  /// Asks `question` on a terminal and returns when the answer is yes; a no (the default)
  /// ends the command with nothing changed and exit status 0. Without a terminal there is no
  /// one to ask: the caller must pass --yes (64 otherwise), so a script never blocks on a
  /// question or changes everything by accident.
  static func ask(_ question: String, refusal: String) throws {
    guard isatty(0) == 1 else {
      throw MileQuestError.usage(
        "\(refusal): pass --yes to confirm (standard input is not a terminal)")
    }
    FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    guard answer == "y" || answer == "yes" else {
      FileHandle.standardError.write(Data("nothing changed\n".utf8))
      throw ExitCode.success
    }
  }
}
