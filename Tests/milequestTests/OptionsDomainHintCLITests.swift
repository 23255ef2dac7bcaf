import Foundation
import Testing

@testable import MileQuestKit
@testable import milequest

/// Issue 13: the Kit's hints (`DomainHint`) are said by the command line with the option
/// table's names, on every path that prints an error.
@Suite("Options: the CLI renders the Kit's hints with its flags")
struct OptionsDomainHintCLITests {
  @Test("each hint names the table's option")
  func rendered() {
    let cases: [(DomainHint, String)] = [
      (.nameActingMember, "pass --as HANDLE or set MILEQUEST_USER"),
      (.giveDate, "pass --date"),
      (.useEmptyDatabase, "use --db with a new file"),
      (
        .moveJoinDate(team: "Fast Feet", handle: "ben"),
        "to move the join date: milequest team add \"Fast Feet\" ben --since DATE"
      ),
      (
        .moveLeaveDate(team: "Kiwis", handle: "ben"),
        "to move the leave date: milequest team remove Kiwis ben --on DATE"
      ),
      (
        .raiseMemberLimit(team: "Kiwis"),
        "raise the limit with milequest team edit Kiwis --max-members N, or remove someone"
      ),
      (.nameGoal, "name one (milequest goal list --all)"),
      (.giveDatabasePath, "give --db a path"),
      (.createDatabase(path: "a.db"), "'milequest init --db a.db' creates a new one"),
      (.initialiseDatabase(path: "a.db"), "'milequest init --db a.db' makes it one"),
    ]
    for (hint, text) in cases { #expect(hint.rendered == text) }
    let error = MileQuestError.usage("creating a team needs an acting member")
      .hinted(.nameActingMember)
    #expect(
      error.cliDescription
        == "creating a team needs an acting member; pass --as HANDLE or set MILEQUEST_USER")
  }

  @Test("the binary and the shell print the hint with the flag")
  func endToEnd() throws {
    let cli = try CLI()
    let team = cli.run(["team", "create", "Kiwis"])
    #expect(team.code == 64)
    #expect(team.stderr.contains("needs an acting member; pass --as HANDLE or set MILEQUEST_USER"))
    let empty = cli.run(["walks", "list", "--db", ""])
    #expect(empty.code == 64)
    #expect(empty.stderr.contains("the database path is empty; give --db a path"), "\(empty)")
    let missing = cli.run(["walks", "list", "--db", "typo.db"])
    #expect(missing.code == 66)
    #expect(missing.stderr.contains("'milequest init --db typo.db' creates a new one"))
    let shell = cli.run(["shell"], stdin: "team create Kiwis\n")
    #expect(shell.stderr.contains("pass --as HANDLE or set MILEQUEST_USER"), "\(shell)")
  }
}
