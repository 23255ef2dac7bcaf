import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// `backup` and `restore` on PostgreSQL: the `export all` document, written atomically, and
/// put back in one transaction by an organiser.
@Suite("PostgreSQL backup and restore", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresBackupTests {
  /// The scenario's challenge on SQLite, moved to a fresh PostgreSQL database; returns the
  /// CLI (its own database is the SQLite one) and the PostgreSQL environment.
  static func movedChallenge() throws -> (CLI, [String: String]) {
    let cli = try CLI(today: "2026-11-20")
    for command in PostgresEndToEndTests.scenario where !["check", "export"].contains(command[0]) {
      _ = cli.run(command)
    }
    cli.ok(["export", "all", "--output", "sqlite.json"])
    let address = try ThrowawayCluster.shared().freshDatabase()
    let postgres = ["MILEQUEST_DB": address]
    cli.ok(["init", "--quiet"], env: postgres)
    cli.ok(["import", "all", "sqlite.json"], env: postgres)
    return (cli, postgres)
  }

  /// A fresh, initialised PostgreSQL database holding one member of its own.
  static func otherDatabase(_ cli: CLI) throws -> [String: String] {
    let env = ["MILEQUEST_DB": try ThrowawayCluster.shared().freshDatabase()]
    cli.ok(["init", "--quiet"], env: env)
    cli.ok(["member", "add", "zed"], env: env)
    return env
  }

  func text(_ cli: CLI, _ name: String) throws -> String {
    try String(contentsOfFile: cli.path(name), encoding: .utf8)
  }

  @Test("SQLite, backup on PostgreSQL, restore into another database: identical reports")
  func roundTrip() throws {
    // Given a challenge moved from SQLite to PostgreSQL, and another database with a member
    let (cli, postgres) = try Self.movedChallenge()
    let other = try Self.otherDatabase(cli)

    // When the first is backed up and the backup restored into the other
    #expect(cli.ok(["backup", "b.json"], env: postgres).contains("backed up to b.json"))
    #expect(try text(cli, "b.json") == text(cli, "sqlite.json"))
    let restored = cli.ok(["restore", "b.json", "--yes"], env: other)
    #expect(restored.contains("restored b.json: 5 members"), "\(restored)")

    // Then every report reads as on SQLite, zed is gone, and check finds nothing
    for report in PostgresMoveTests.reports {
      let arguments = report + ["--format", "json"]
      #expect(cli.ok(arguments, env: other) == cli.ok(arguments), "\(report)")
    }
    cli.ok(["check"], env: other)
    // The replaced challenge (zed alone) is kept in the backups directory.
    let backups = cli.path(".local/share/milequest/backups")
    let kept = try FileManager.default.contentsOfDirectory(atPath: backups)
    #expect(kept.count == 1 && kept[0].hasPrefix("challenge.json.replaced-"), "\(kept)")
    let keptText = try String(contentsOfFile: backups + "/" + kept[0], encoding: .utf8)
    #expect(keptText.contains("\"zed\"") && !keptText.contains("\"ann\""))
    // Nothing of the restore is undone: the history went with the replaced contents.
    let undo = cli.run(["undo"], env: other)
    #expect(undo.code == 65 && undo.stderr.contains("nothing to undo"), "\(undo.stderr)")
    #expect(cli.ok(["export", "all"], env: other) == (try text(cli, "b.json")))
  }

  @Test("a document bad half-way leaves the database exactly as it was (65)")
  func badDocumentChangesNothing() throws {
    let (cli, postgres) = try Self.movedChallenge()
    let before = cli.ok(["export", "all"], env: postgres)
    // The members, teams and routes are good; the third walk is 2000 mi long.
    var document = try #require(
      try JSONSerialization.jsonObject(with: Data(before.utf8)) as? [String: Any])
    var walks = try #require(document["walks"] as? [[String: Any]])
    #expect(walks.count > 3)
    walks[2]["distance_m"] = 3_218_688.0
    document["walks"] = walks
    try cli.write("bad.json", try JSONSerialization.data(withJSONObject: document))

    let result = cli.run(["restore", "bad.json", "--yes"], env: postgres)
    #expect(result.code == 65, "\(result.stderr)")
    #expect(result.stderr.contains("walks[2]"), "\(result.stderr)")
    #expect(cli.ok(["export", "all"], env: postgres) == before)
    cli.ok(["check"], env: postgres)
    // A dry run of a good document says what it would do and changes nothing either.
    let other = try Self.otherDatabase(cli)
    let otherBefore = cli.ok(["export", "all"], env: other)
    let dry = cli.ok(["restore", "sqlite.json", "--dry-run"], env: other)
    #expect(dry.contains("would restore sqlite.json"), "\(dry)")
    #expect(cli.ok(["export", "all"], env: other) == otherBefore)
  }

  @Test("only an organiser restores (77); logins stay linked to their handles")
  func organiserOnly() throws {
    let (cli, organiser, logins) = try PostgresIdentityTests.challenge()
    cli.ok(["log", "3", "--as", "ann"], env: organiser)
    cli.ok(["backup", "b.json"], env: organiser)
    cli.ok(["log", "4", "--as", "bob"], env: organiser)
    let before = cli.ok(["export", "all"], env: organiser)

    let refused = cli.run(["restore", "b.json", "--yes"], env: logins["bob"]!)
    #expect(refused.code == 77, "\(refused.stderr)")
    #expect(cli.ok(["export", "all"], env: organiser) == before)
    // Without a terminal to ask, an organiser's restore needs --yes, as on SQLite.
    let unasked = cli.run(["restore", "b.json"], env: organiser, stdin: "y\n")
    #expect(unasked.code == 64 && unasked.stderr.contains("--yes"), "\(unasked.stderr)")
    #expect(cli.ok(["export", "all"], env: organiser) == before)

    cli.ok(["restore", "b.json", "--yes"], env: organiser)
    let walks = J.array(try cli.json(["walks"], env: organiser))
    #expect(walks.map { J.string(J.object($0)["member"]) } == ["ann"])
    // bob's login is still bob after the restore, and still only bob.
    cli.ok(["log", "2"], env: logins["bob"]!)
    #expect(cli.run(["log", "2", "--as", "ann"], env: logins["bob"]!).code == 77)
    #expect(J.array(try cli.json(["walks"], env: organiser)).count == 2)
  }

  @Test("backup never overwrites what it must not; the wrong kind of backup is named (65)")
  func refusals() throws {
    let (cli, postgres) = try Self.movedChallenge()
    try cli.write("notes.txt", "my notes\n")
    let foreign = cli.run(["backup", "notes.txt", "--yes"], env: postgres)
    #expect(foreign.code == 73, "\(foreign.stderr)")
    #expect(try text(cli, "notes.txt") == "my notes\n")
    cli.ok(["backup", "b.json"], env: postgres)
    #expect(cli.run(["backup", "b.json"], env: postgres).code == 73)
    cli.ok(["backup", "b.json", "--yes"], env: postgres)
    // A database file on PostgreSQL, a document on SQLite: refused, saying what to do.
    cli.ok(["backup", "b.db"])
    let database = cli.run(["restore", "b.db", "--yes"], env: postgres)
    #expect(database.code == 65, "\(database.stderr)")
    #expect(database.stderr.contains("export all"), "\(database.stderr)")
    let document = cli.run(["restore", "b.json", "--yes"])
    #expect(document.code == 65, "\(document.stderr)")
    #expect(document.stderr.contains("import all"), "\(document.stderr)")
    // Without FILE: the dated document in the backups directory, rotated as copies are.
    let dated = cli.ok(["backup", "--rotate"], env: postgres)
    #expect(dated.contains("milequest-2026-11-20.json"), "\(dated)")
    #expect(
      try text(cli, ".local/share/milequest/backups/milequest-2026-11-20.json")
        == text(cli, "b.json"))
  }
}
