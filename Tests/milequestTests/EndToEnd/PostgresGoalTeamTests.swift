import Foundation
import MileQuestKit
@_spi(Testing) import MileQuestPostgres
import Testing

/// A goal's teams on PostgreSQL, enforced by the server as the CLI enforces them: a member who
/// is not an organiser attaches teams only to a goal it creates or to one of a team it
/// captains, and a goal must have a team its creator captains, even through `psql`.
@Suite("PostgreSQL goal teams and psql", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresGoalTeamTests {
  /// Runs `sql` as a login would with `psql`; true when the server refused it (77).
  static func refused(_ sql: String, at address: String) -> Bool {
    do {
      return try ThrowawayCluster.execute(sql, at: address) == 0
    } catch let error as MileQuestError {
      return error.exitCode == 77
    } catch {
      return false
    }
  }

  /// One transaction of several statements, as psql runs a script between BEGIN and COMMIT.
  static func transaction(_ statements: [String]) -> String {
    "DO $$ BEGIN " + statements.map { $0 + ";" }.joined(separator: " ") + " END $$"
  }

  static func newGoal(_ id: Int, _ name: String) -> String {
    """
    INSERT INTO goal(id, name, nameKey, targetMetres, mode, start, state)
    VALUES (\(id), '\(name)', '\(name.lowercased())', 10000, 'race', '2026-11-01', 'active')
    """
  }

  static func attach(goal: Int, team: Int, position: Int) -> String {
    "INSERT INTO goalTeam(goalId, teamId, position) VALUES (\(goal), \(team), \(position))"
  }

  @Test("a member's new goal needs a team it captains; others' goals are not its to join")
  func goalTeamsThroughPsql() throws {
    // Given ann captaining Striders (team 1), bob a member of it and captain of Bobs (team 2),
    // and a goal of Striders made by ann
    let (cli, organiser, logins) = try PostgresIdentityTests.challenge()
    cli.ok(["team", "create", "Bobs", "--as", "bob", "--since", "2026-11-01"], env: organiser)
    cli.ok(
      ["goal", "create", "Walkabout", "--team", "Striders", "--distance", "50km"],
      env: logins["ann"]!)
    let bob = logins["bob"]!["MILEQUEST_DB"]!
    let walkabout = 1  // the first goal

    // Then bob cannot attach a goal of his own only to Striders: in one transaction…
    #expect(
      Self.refused(
        Self.transaction([Self.newGoal(20, "Sneaky"), Self.attach(goal: 20, team: 1, position: 0)]),
        at: bob))
    // …nor in two (the goal is no longer new: it must already have a team he captains)
    #expect(try ThrowawayCluster.execute(Self.newGoal(21, "Later"), at: bob) == 1)
    #expect(Self.refused(Self.attach(goal: 21, team: 1, position: 0), at: bob))
    // …nor attach his team to ann's goal
    #expect(Self.refused(Self.attach(goal: walkabout, team: 2, position: 1), at: bob))
    let after = J.array(try cli.json(["goal", "list", "--all"], env: organiser))
    #expect(!after.contains { J.string(J.object($0)["name"]) == "Sneaky" }, "\(after)")
    let walkaboutTeams = J.object(try cli.json(["goal", "show", "Walkabout"], env: organiser))
    #expect(!"\(walkaboutTeams)".contains("Bobs"), "\(walkaboutTeams)")

    // But a goal of his with a team he captains may include others, as the CLI allows
    #expect(
      try ThrowawayCluster.execute(
        Self.transaction([
          Self.newGoal(22, "Open"), Self.attach(goal: 22, team: 1, position: 0),
          Self.attach(goal: 22, team: 2, position: 1),
        ]), at: bob) == 0)
    let open = J.object(try cli.json(["goal", "show", "Open"], env: organiser))
    #expect("\(open)".contains("Bobs") && "\(open)".contains("Striders"), "\(open)")

    // And the CLI's own rules still pass: a captain's goal, refused for a non-captain
    cli.ok(
      ["goal", "create", "Duel", "--team", "Striders", "--team", "Bobs", "--distance", "9km"],
      env: logins["bob"]!)
    let refusedByCLI = cli.run(
      ["goal", "create", "Nope", "--team", "Striders", "--distance", "9km"], env: logins["bob"]!)
    #expect(refusedByCLI.code == 77, "\(refusedByCLI.stderr)")
  }

  @Test("check reports the same schema version on both back ends")
  func schemaVersion() throws {
    let (cli, env) = try PostgresEndToEndTests.postgresCLI()
    let postgres = J.object(try cli.json(["check"], env: env))
    let sqlite = J.object(try cli.json(["check"]))
    #expect(J.string(postgres["schema_version"]) == J.string(sqlite["schema_version"]))
    #expect(J.string(postgres["schema_version"]) == "v9-goal-team-by-team")
  }
}
