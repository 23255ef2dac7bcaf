import Foundation
import Testing

/// Issue 16, end to end: boards over a period come from per-member per-day totals, which
/// `log`, `import walks`, `walks edit`, `walks delete` and `undo` keep equal to the walks
/// (`check` compares them after every step), and the boards show what the walks add up to.
@Suite("End to end: boards over a period from day totals")
struct RollupsEndToEndTests {
  /// Fast Feet: ann from 11-01, ben from 12-05; Slow: cat from 11-01. Today is 2026-12-20.
  static func challenge() throws -> CLI {
    let cli = try CLI(today: "2026-12-20")
    for command in [
      ["member", "add", "ann"], ["member", "add", "ben"], ["member", "add", "cat"],
      ["team", "create", "Fast Feet", "--as", "ann"],
      ["team", "add", "Fast Feet", "ann", "--since", "2026-11-01", "--as", "ann"],
      ["team", "add", "Fast Feet", "ben", "--since", "2026-12-05", "--as", "ann"],
      ["team", "create", "Slow", "--as", "cat"],
      ["team", "add", "Slow", "cat", "--since", "2026-11-01", "--as", "cat"],
    ] {
      cli.ok(command)
    }
    return cli
  }

  /// Each entry's name, metres and walks.
  static func board(_ cli: CLI, _ args: [String]) throws -> [String] {
    J.array(J.object(try cli.json(["leaderboard"] + args))["entries"]).map {
      let entry = J.object($0)
      return
        "\(J.string(entry["name"]) ?? "?") \(J.double(entry["distance_m"]) ?? -1) \(J.int(entry["walks"]) ?? -1)"
    }
  }

  static func expectSound(_ cli: CLI, _ when: String) {
    let check = cli.run(["check"])
    #expect(check.code == 0, "\(when): \(check.stdout) \(check.stderr)")
  }

  @Test("log, import, edit, delete and undo keep the period boards equal to the walks")
  func periodBoardsFollowEveryChange() throws {
    let cli = try Self.challenge()
    for (member, distance, date) in [
      ("ann", "5km", "2026-12-01"), ("ann", "3km", "2026-12-01"),
      ("ben", "2km", "2026-12-03"),  // before ben joined: counts for no team
      ("ben", "4km", "2026-12-10"), ("cat", "1.5km", "2026-11-20"),
    ] {
      cli.ok(["log", distance, "--member", member, "--date", date])
    }
    Self.expectSound(cli, "after log")
    let csv = cli.directory.appendingPathComponent("walks.csv").path
    try CLI.createFile(
      csv,
      Data(
        "member,date,distance_m\nben,2026-12-11,1000\nben,2026-12-11,2500\ncat,2026-12-12,700\n"
          .utf8))
    cli.ok(["import", "walks", csv])
    Self.expectSound(cli, "after import")
    #expect(
      try Self.board(cli, ["--teams", "--period", "month"])
        == ["Fast Feet 15500.0 5", "Slow 700.0 1"])
    #expect(
      try Self.board(cli, ["--teams", "--from", "2026-11-01", "--to", "2026-12-11"])
        == ["Fast Feet 15500.0 5", "Slow 1500.0 1"])
    #expect(
      try Self.board(cli, ["--team", "Fast Feet", "--period", "month"])
        == ["ann 8000.0 2", "ben 7500.0 3"])

    cli.ok(["walks", "edit", "1", "--distance", "6km", "--as", "ann"])
    cli.ok(["walks", "delete", "2", "--as", "ann"])
    Self.expectSound(cli, "after edit and delete")
    #expect(
      try Self.board(cli, ["--team", "Fast Feet", "--period", "month"])
        == ["ben 7500.0 3", "ann 6000.0 1"])
    #expect(
      try Self.board(cli, ["--teams", "--period", "month", "--by", "walks"])
        == ["Fast Feet 13500.0 4", "Slow 700.0 1"])

    cli.ok(["undo"])
    cli.ok(["undo"])
    Self.expectSound(cli, "after undoing the edit and the delete")
    #expect(
      try Self.board(cli, ["--team", "Fast Feet", "--period", "month"])
        == ["ann 8000.0 2", "ben 7500.0 3"])
    cli.ok(["undo"])
    Self.expectSound(cli, "after undoing the import")
    #expect(
      try Self.board(cli, ["--teams", "--period", "month"])
        == ["Fast Feet 12000.0 3", "Slow 0.0 0"])
  }
}
