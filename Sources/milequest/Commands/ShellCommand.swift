import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest {
  /// `milequest shell`: an interactive session.
  struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "shell",
      _superCommandName: "milequest",
      abstract: "An interactive session: readline, history, TAB completion of names.",
      discussion: Examples.following(
        """
        Type commands without the word milequest. `as HANDLE` changes the acting member; \
        `exit` or Ctrl-D leaves. History is kept in $XDG_STATE_HOME/milequest/history. When \
        standard input is not a terminal, commands are read line by line and the first \
        error stops the session with its exit code.
        """,
        "milequest shell",
        "milequest shell --as bob"))
    @OptionGroup var options: GlobalOptions

    func run() throws {
      if options.dryRun {
        throw MileQuestError.usage(
          "--dry-run is for one command: inside the shell, add it to the commands to try")
      }
      var session = try ShellSession(options: options)
      let code = session.run(interactive: isatty(0) == 1)
      if code != 0 { throw ExitCode(code) }
    }
  }
}
