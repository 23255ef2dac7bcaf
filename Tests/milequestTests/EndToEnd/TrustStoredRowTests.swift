import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// Issue 11, stored rows: one out-of-range value written into the database by another program
/// (the sqlite3 shell here) never traps a command. Commands that meet the row exit 65 naming
/// the table and the id, `check` lists every such row (table and JSON), `export all` writes
/// everything else and names what it left out, and dates past 9999-12-31 are never stored.
///
/// Runs on `ErrorTests`' seed database: ann (1, captain of Kiwis, membership 1), bob (2,
/// member of Kiwis, membership 2), cat (3), route R (1), goal G (1), walk 1 (ann, 2026-03-10).
@Suite("End to end: trust, stored rows")
struct TrustStoredRowTests {
  /// Runs `sql` on the test's database with the sqlite3 shell, as a user editing it would.
  static func tamper(_ cli: CLI, _ sql: String) throws {
    let sqlite3 = try #require(findTool("sqlite3"), "sqlite3 is not installed; .ci/run installs it")
    let result = try ChildProcess.run(sqlite3, [cli.databasePath, sql])
    try #require(result.code == 0, "sqlite3 refused: \(sql): \(result.output)")
  }

  /// A tampered value, and the commands that must refuse to go on with it.
  struct BadRow: CustomTestStringConvertible, Sendable {
    let sql: String
    /// What the error must name: the table and the id.
    let names: String
    let commands: [[String]]
    var testDescription: String { sql }
  }

  static let badRows: [BadRow] = [
    BadRow(
      sql: "UPDATE walk SET date = '2026-02-30' WHERE id = 1", names: "walk 1",
      commands: [
        // (boards read the per-member per-day totals, issue 16, not the walks: `stats` does)
        ["walks"], ["stats", "--team", "Kiwis"], ["stats", "--member", "ann"],
        ["export", "walks"], ["walks", "--format", "json"],
        ["walks", "delete", "1", "--as", "ann"],
      ]),
    BadRow(
      sql: "UPDATE walk SET distanceMetres = 'far' WHERE id = 1", names: "walk 1",
      commands: [["walks"], ["stats", "--team", "Kiwis"], ["progress", "G"]]),
    BadRow(
      sql: "UPDATE walk SET source = 'strava' WHERE id = 1", names: "walk 1",
      commands: [["walks"], ["export", "walks", "--format", "json"]]),
    BadRow(
      sql: "UPDATE walk SET steps = 'many' WHERE id = 1", names: "walk 1",
      commands: [["walks"], ["walks", "edit", "1", "--note", "x", "--as", "ann"]]),
    BadRow(
      sql: "UPDATE membership SET role = 'emperor' WHERE id = 2", names: "membership 2",
      commands: [
        ["team", "show", "Kiwis"], ["leaderboard", "--teams", "--period", "year"],
        ["progress", "G"],
      ]),
    BadRow(
      sql: "UPDATE membership SET \"left\" = '10000-01-01' WHERE id = 2", names: "membership 2",
      commands: [["team", "show", "Kiwis"], ["team", "list"], ["progress", "G"]]),
    BadRow(
      sql: "UPDATE member SET strideMetres = 'long' WHERE id = 2", names: "member 2",
      commands: [["member", "list"], ["member", "show", "bob"], ["log", "1", "--as", "bob"]]),
    BadRow(
      sql: "UPDATE member SET archivedOn = '2026-13-01' WHERE id = 3", names: "member 3",
      commands: [["member", "list"], ["member", "show", "cat"]]),
    BadRow(
      sql: "UPDATE team SET maxMembers = 'lots' WHERE id = 1", names: "team 1",
      commands: [["team", "list"], ["team", "show", "Kiwis"]]),
    BadRow(
      sql: "UPDATE goal SET start = '2026-02-31' WHERE id = 1", names: "goal 1",
      commands: [["goal", "list"], ["progress", "G"]]),
    BadRow(
      sql: "UPDATE goal SET mode = 'relay' WHERE id = 1", names: "goal 1",
      commands: [["goal", "show", "G"]]),
    BadRow(
      sql: "UPDATE routePoint SET latitude = 'north' WHERE routeId = 1 AND position = 1",
      names: "route 1", commands: [["route", "show", "R"], ["route", "list"]]),
  ]

  @Test("a command that meets a bad stored row exits 65 naming it", arguments: badRows)
  func commandsRefuseBadRow(_ bad: BadRow) throws {
    // Given the seed database with one bad value
    let cli = try ErrorTests().seeded()
    try Self.tamper(cli, bad.sql)
    let before = cli.dbBytes()

    for command in bad.commands {
      // When
      let result = cli.run(command)

      // Then: one error line naming the row, not a trap (which is SIGILL, code 132)
      ErrorTests().expectOneErrorLine(result, code: 65, mentions: bad.names)
      #expect(cli.dbBytes() == before, "\(command) changed the database")
    }
  }

  @Test("check lists every bad row, in the table and in JSON")
  func checkListsEveryBadRow() throws {
    // Given several bad rows in several tables
    let cli = try ErrorTests().seeded()
    cli.ok(["log", "2", "--as", "bob", "--date", "2026-03-11"])
    #expect(cli.run(["check"]).code == 0)
    try Self.tamper(
      cli,
      """
      UPDATE walk SET date = '2026-02-30' WHERE id = 1;
      UPDATE walk SET distanceMetres = -5 WHERE id = 2;
      UPDATE membership SET role = 'emperor' WHERE id = 2;
      UPDATE member SET name = 'a' || char(27) || '[31m' WHERE id = 3;
      UPDATE goal SET "end" = '2026-01-01' WHERE id = 1;
      UPDATE team SET maxMembers = 0 WHERE id = 1;
      """)

    // When
    let table = cli.run(["check"])
    let json = cli.run(["check", "--format", "json"])

    // Then
    #expect(table.code == 65, "\(table.stderr)")
    for row in ["walk 1:", "walk 2:", "membership 2:", "member 3:", "goal 1:", "team 1:"] {
      #expect(table.stdout.contains(row), "check should list \(row): \(table.stdout)")
    }
    #expect(table.stdout.contains("2026-02-30"))
    #expect(!table.stdout.contains("\u{1b}"), "raw escape in check's output")
    // six bad rows, and the running, daily and monthly totals that the sqlite3 shell did
    // not keep up to date
    #expect(table.stdout.contains("running totals out of date"), "\(table.stdout)")
    #expect(table.stdout.contains("daily totals out of date"), "\(table.stdout)")
    #expect(table.stdout.contains("monthly totals out of date"), "\(table.stdout)")
    #expect(table.stderr.contains("the database has 9 problems"), "\(table.stderr)")
    #expect(json.code == 65)
    let report = J.object(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
    #expect(report["ok"] as? Bool == false)
    #expect(J.array(report["problems"]).count == 9, "\(json.stdout)")
  }

  @Test("check holds stored rows to the rules of their entrance")
  func checkAppliesTheRules() throws {
    // Given values that read fine but no command would have stored
    let cli = try ErrorTests().seeded()
    try Self.tamper(
      cli,
      """
      UPDATE walk SET date = '2026-12-01', steps = -3 WHERE id = 1;
      UPDATE membership SET role = 'member' WHERE id = 1;
      UPDATE membership SET "left" = '2026-01-01' WHERE id = 2;
      """)

    // When
    let result = cli.run(["check", "--format", "json"])

    // Then
    #expect(result.code == 65)
    let problems = J.array(
      J.object(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))["problems"]
    ).compactMap(J.string)
    #expect(problems.contains { $0.hasPrefix("walk 1:") && $0.contains("future") }, "\(problems)")
    #expect(problems.contains { $0.hasPrefix("membership 2:") && $0.contains("before") })
    #expect(problems.contains { $0.hasPrefix("team 1:") && $0.contains("no captain") })
  }

  @Test("export all writes every readable row and names the rest on stderr")
  func exportAllSalvages() throws {
    // Given two walks, one of them unreadable
    let cli = try ErrorTests().seeded()
    cli.ok(["log", "2", "--as", "bob", "--date", "2026-03-11"])
    try Self.tamper(cli, "UPDATE walk SET date = '2026-02-30' WHERE id = 1")

    // When
    let result = cli.run(["export", "all", "--output", "rescue.json"])

    // Then: exit 65, the bad row named, and a document with everything else
    #expect(result.code == 65, "\(result.stderr)")
    #expect(result.stderr.contains("skipped walk 1"), "\(result.stderr)")
    let data = try Data(contentsOf: cli.directory.appendingPathComponent("rescue.json"))
    let document = J.object(try JSONSerialization.jsonObject(with: data))
    #expect(J.array(document["members"]).count == 3)
    #expect(J.array(document["memberships"]).count == 2)
    #expect(J.array(document["goals"]).count == 1)
    let walks = J.array(document["walks"]).map(J.object)
    #expect(walks.count == 1)
    #expect(J.int(walks.first?["id"]) == 2)
    // and the rescued document imports into a new database
    cli.initDatabase(cli.directory.appendingPathComponent("new.db").path)
    let copy = cli.run([
      "--db", cli.directory.appendingPathComponent("new.db").path, "import", "all", "rescue.json",
    ])
    #expect(copy.code == 0, "\(copy.stderr)")
  }

  @Test("dates past 9999-12-31 are never stored")
  func noDatesPastYear9999() throws {
    // Given a clock on the last day there is
    let cli = try ErrorTests().seeded()
    let env = ["MILEQUEST_TODAY": "9999-12-31"]
    let before = cli.dbBytes()

    // When bob leaves "tomorrow" (the default leave date), or is removed (which ends his
    // memberships tomorrow)
    let leave = cli.run(["team", "remove", "Kiwis", "bob", "--as", "ann"], env: env)
    let remove = cli.run(["member", "remove", "bob"], env: env)

    // Then
    #expect(leave.code == 65, "\(leave.stderr)")
    #expect(leave.stderr.contains("10000-01-01"), "\(leave.stderr)")
    #expect(remove.code == 65, "\(remove.stderr)")
    #expect(cli.dbBytes() == before)
    #expect(cli.run(["check"], env: env).code == 0)
    let far = cli.run(["log", "1", "--as", "ann", "--date", "10000-01-01"], env: env)
    #expect(far.code == 65)
    #expect(cli.run(["walks"], env: ["MILEQUEST_TODAY": "10000-01-01"]).code == 78)
  }
}
