import Foundation
import Testing

/// Issue 13: options that do not go together are refused by the CLI with the options' names,
/// the same on each path to the command (the quick path, ArgumentParser, the shell), with the
/// exit codes of SPEC §5 and the database unchanged.
@Suite("End to end: option combinations")
struct OptionCombinationTests {
  /// The same refusal through the quick path, ArgumentParser (a repeated option makes the
  /// quick reader decline) and a shell script.
  func refusedEverywhere(
    _ line: [String], repeating: [String], code: Int32, message: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let cli = try CLI()
    let before = cli.dbBytes()
    for arguments in [line, line + repeating] {
      let result = cli.run(arguments + ["--as", "ann"])
      #expect(result.code == code, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
      #expect(
        result.stderr == "milequest: error: \(message)\n", "\(arguments)",
        sourceLocation: sourceLocation)
    }
    let script = cli.run(["shell"], stdin: line.joined(separator: " ") + "\n")
    #expect(script.code == code, "shell: \(script.stderr)", sourceLocation: sourceLocation)
    #expect(
      script.stderr.contains(message), "shell: \(script.stderr)", sourceLocation: sourceLocation)
    #expect(cli.dbBytes() == before, sourceLocation: sourceLocation)
  }

  @Test("leaderboard: a period and a range of days")
  func periodAndRange() throws {
    try refusedEverywhere(
      ["leaderboard", "--period", "week", "--from", "2026-01-01"],
      repeating: ["--period", "week"], code: 64,
      message: "give either --period or --from/--to, not both")
  }

  @Test("leaderboard: two scopes")
  func twoScopes() throws {
    try refusedEverywhere(
      ["leaderboard", "--team", "Kiwis", "--teams"], repeating: ["--team", "Kiwis"], code: 64,
      message: "give one of --team T, --teams or --goal G")
  }

  @Test("stats, goal create and goal edit name their flags")
  func otherCommands() throws {
    let cli = try CLI()
    let cases: [([String], String)] = [
      (
        ["stats", "--member", "ann", "--team", "Kiwis"], "give either --member or --team, not both"
      ),
      (["goal", "create", "G", "--distance", "5km"], "a goal needs at least one --team"),
      (
        ["goal", "create", "G", "--team", "K", "--route", "R", "--distance", "5km"],
        "give a goal either --route R or --distance D"
      ),
      (
        ["goal", "edit", "G", "--daily-cap", "5km", "--no-daily-cap"],
        "give either --daily-cap or --no-daily-cap, not both"
      ),
    ]
    for (line, message) in cases {
      let result = cli.run(line + ["--as", "ann"])
      #expect(result.code == 64, "\(line): \(result.stderr)")
      #expect(result.stderr == "milequest: error: \(message)\n", "\(line)")
    }
  }
}
