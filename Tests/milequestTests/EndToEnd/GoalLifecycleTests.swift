import Foundation
import Testing

/// Issue 12, "a challenge's whole life": goals end (with a grace period for late logs), their
/// results are final once closed, goals can be corrected with `goal edit`, and `progress`
/// picks a sensible goal.
@Suite("End to end: a goal's life")
struct GoalLifecycleTests {
  /// ann captains Alpha, bob captains Beta; route R is 0°,0° → 0°,1° (111.195 km) with a
  /// milestone Mid at 0°,0.5°.
  static func world(today: String = "2026-03-01") throws -> CLI {
    let cli = try CLI(today: today)
    for command in [
      ["member", "add", "ann"], ["member", "add", "bob"], ["member", "add", "cat"],
      ["team", "create", "Alpha", "--as", "ann"], ["team", "create", "Beta", "--as", "bob"],
      [
        "route", "create", "R", "--waypoint", "0,0,Start", "--waypoint", "0,0.5,Mid",
        "--waypoint", "0,1,End",
      ],
    ] {
      cli.ok(command)
    }
    return cli
  }

  func progress(_ cli: CLI, _ goal: String, today: String) throws -> [String: Any] {
    J.object(try cli.json(["progress", goal], env: ["MILEQUEST_TODAY": today]))
  }

  func doneByTeam(_ progress: [String: Any]) -> [String: Double] {
    var done: [String: Double] = [:]
    for team in J.array(progress["teams"]) {
      let team = J.object(team)
      done[J.string(team["name"]) ?? ""] = J.double(team["done_m"])
    }
    return done
  }

  @Test("Without grace a goal ends the day after its end date and stops projecting")
  func endsWithoutGrace() throws {
    let cli = try Self.world()
    cli.ok([
      "goal", "create", "G", "--team", "Alpha", "--route", "R", "--end", "2026-03-10",
      "--as", "ann",
    ])
    cli.ok(["log", "20km", "--as", "ann"])
    let lastDay = try progress(cli, "G", today: "2026-03-10")
    #expect(J.string(lastDay["status"]) == "active")
    #expect(J.string(lastDay["projected_on"]) != nil)
    let after = try progress(cli, "G", today: "2026-03-11")
    #expect(J.string(after["status"]) == "ended")
    #expect(J.isNull(after["projected_on"]))
    #expect(J.isNull(after["days_left"]))
    #expect(J.string(after["closed_on"]) == "2026-03-10")
    let text = cli.ok(["progress", "G"], env: ["MILEQUEST_TODAY": "2026-03-11"])
    // 20 km of 111.195 km: 17.99 %.
    #expect(text.contains("ended on 2026-03-10, 18.0 % of the way"), "\(text)")
    #expect(!text.contains("arriving"))
    #expect(!text.contains("days left"))
  }

  @Test("A late walk counts inside the grace period and not after it; the log says so")
  func graceThenFinal() throws {
    let cli = try Self.world()
    cli.ok([
      "goal", "create", "G", "--team", "Alpha", "--team", "Beta", "--route", "R",
      "--end", "2026-03-10", "--grace", "2", "--as", "ann",
    ])
    cli.ok(
      ["log", "20km", "--as", "ann", "--date", "2026-03-02"],
      env: ["MILEQUEST_TODAY": "2026-03-02"])
    cli.ok(
      ["log", "10km", "--as", "bob", "--date", "2026-03-02"],
      env: ["MILEQUEST_TODAY": "2026-03-02"])
    // Day 12 is the last day of grace: bob's late walk dated day 10 still counts.
    cli.ok(
      ["log", "5km", "--as", "bob", "--date", "2026-03-10"],
      env: ["MILEQUEST_TODAY": "2026-03-12"])
    let inGrace = try progress(cli, "G", today: "2026-03-12")
    #expect(J.string(inGrace["status"]) == "active")
    #expect(doneByTeam(inGrace)["Beta"] == 15_000)
    // Day 13: the goal has ended; a walk dated inside its window changes nothing.
    let late = cli.run(
      ["log", "30km", "--as", "bob", "--date", "2026-03-09"],
      env: ["MILEQUEST_TODAY": "2026-03-13"])
    #expect(late.code == 0)
    #expect(late.stderr.contains("goal G closed on 2026-03-10"), "\(late.stderr)")
    let ended = try progress(cli, "G", today: "2026-03-13")
    #expect(J.string(ended["status"]) == "ended")
    #expect(ended["final"] as? Bool == true)
    #expect(doneByTeam(ended) == ["Alpha": 20_000, "Beta": 15_000])
    // Final standings: Alpha leads the race at the end.
    #expect(J.string(J.object(J.array(ended["teams"]).first)["name"]) == "Alpha")
    // Edits, deletions and membership changes after the close change nothing either.
    cli.ok(["walks", "edit", "1", "--distance", "1km"], env: ["MILEQUEST_TODAY": "2026-03-14"])
    cli.ok(["walks", "delete", "2"], env: ["MILEQUEST_TODAY": "2026-03-14"])
    cli.ok(
      ["team", "add", "Alpha", "cat", "--since", "2026-03-01", "--as", "ann"],
      env: ["MILEQUEST_TODAY": "2026-03-14"])
    #expect(
      cli.run(
        ["log", "40km", "--as", "cat", "--date", "2026-03-05"],
        env: ["MILEQUEST_TODAY": "2026-03-14"]
      ).code == 0)
    let still = try progress(cli, "G", today: "2026-03-20")
    #expect(doneByTeam(still) == ["Alpha": 20_000, "Beta": 15_000])
    let board = J.object(
      try cli.json(
        ["leaderboard", "--goal", "G"],
        env: ["MILEQUEST_TODAY": "2026-03-20"]))
    let totals = J.array(board["entries"]).map {
      (J.string(J.object($0)["name"]) ?? "", J.double(J.object($0)["distance_m"]) ?? -1)
    }
    #expect(totals.first { $0.0 == "ann" }?.1 == 20_000)
    #expect(totals.first { $0.0 == "cat" } == nil)
  }

  @Test("export all and import all keep a closed goal's grace period and final results")
  func finalResultsMove() throws {
    let cli = try Self.world()
    cli.ok([
      "goal", "create", "G", "--team", "Alpha", "--distance", "100km",
      "--end", "2026-03-05", "--grace", "1", "--as", "ann",
    ])
    cli.ok(["log", "20km", "--as", "ann"])
    let late = ["MILEQUEST_TODAY": "2026-03-08"]
    #expect(cli.run(["log", "30km", "--as", "ann", "--date", "2026-03-04"], env: late).code == 0)
    let document = cli.ok(["export", "all"], env: late)
    let file = cli.directory.appendingPathComponent("all.json")
    try Data(document.utf8).write(to: file)
    let moved = cli.directory.appendingPathComponent("moved.db").path
    cli.initDatabase(moved)
    cli.ok(["import", "all", file.path, "--db", moved], env: late)
    let there = J.object(try cli.json(["progress", "G", "--db", moved], env: late))
    #expect(J.string(there["status"]) == "ended")
    #expect(there["final"] as? Bool == true)
    #expect(J.double(there["done_m"]) == 20_000)
    #expect(J.int(there["grace_days"]) == 1)
  }

  @Test("A completed goal is final: no days left, and a late walk changes nothing")
  func completedIsFinal() throws {
    let cli = try Self.world()
    cli.ok([
      "goal", "create", "G", "--team", "Alpha", "--team", "Beta", "--mode", "together",
      "--route", "R", "--end", "2026-04-30", "--as", "ann",
    ])
    cli.ok(["log", "60km", "--as", "ann", "--date", "2026-03-01"])
    cli.ok(
      ["log", "60km", "--as", "ann", "--date", "2026-03-03"],
      env: ["MILEQUEST_TODAY": "2026-03-03"])
    let done = try progress(cli, "G", today: "2026-03-04")
    #expect(J.string(done["status"]) == "completed")
    #expect(J.string(done["completed_on"]) == "2026-03-03")
    #expect(J.isNull(done["days_left"]))
    #expect(done["final"] as? Bool == true)
    let text = cli.ok(["progress", "G"], env: ["MILEQUEST_TODAY": "2026-03-04"])
    #expect(!text.contains("days left"), "\(text)")
    #expect(text.contains("completed on 2026-03-03"))
    // bob logs a late walk dated before the arrival: the goal's board does not change.
    let late = cli.run(
      ["log", "20km", "--as", "bob", "--date", "2026-03-02"],
      env: ["MILEQUEST_TODAY": "2026-03-04"])
    #expect(late.code == 0)
    #expect(late.stderr.contains("closed on 2026-03-03"))
    let board = J.object(
      try cli.json(
        ["leaderboard", "--goal", "G"],
        env: ["MILEQUEST_TODAY": "2026-03-04"]))
    let bob = J.array(board["entries"]).map(J.object).first { J.string($0["name"]) == "bob" }
    #expect(J.double(bob?["distance_m"]) == 0)
    // Undo of the late walk, then of the completing walk, opens the goal again.
    cli.ok(["undo"], env: ["MILEQUEST_TODAY": "2026-03-04"])
    cli.ok(["undo"], env: ["MILEQUEST_TODAY": "2026-03-04"])
    let reopened = try progress(cli, "G", today: "2026-03-04")
    #expect(J.string(reopened["status"]) == "active")
    #expect(reopened["final"] as? Bool == false)
  }

  @Test("A race goes on after the first arrival and closes when the last team arrives")
  func raceClosesAtTheLastArrival() throws {
    let cli = try Self.world()
    cli.ok([
      "goal", "create", "G", "--team", "Alpha", "--team", "Beta", "--route", "R",
      "--as", "ann",
    ])
    cli.ok(
      ["log", "120km", "--as", "ann", "--date", "2026-03-03"],
      env: ["MILEQUEST_TODAY": "2026-03-03"])
    let first = try progress(cli, "G", today: "2026-03-04")
    #expect(J.string(first["status"]) == "completed")
    #expect(first["final"] as? Bool == false)
    // Beta keeps going, and its arrival day is kept.
    cli.ok(
      ["log", "120km", "--as", "bob", "--date", "2026-03-05"],
      env: ["MILEQUEST_TODAY": "2026-03-05"])
    let both = try progress(cli, "G", today: "2026-03-06")
    #expect(both["final"] as? Bool == true)
    #expect(J.string(both["closed_on"]) == "2026-03-05")
    let arrivals = J.array(both["teams"]).map { J.string(J.object($0)["arrived_on"]) }
    #expect(arrivals == ["2026-03-03", "2026-03-05"])
  }

  @Test("goal edit: rename keeps milestones, dates and teams change, undo reverts, captains only")
  func goalEdit() throws {
    let cli = try Self.world()
    cli.ok([
      "goal", "create", "G", "--team", "Alpha", "--route", "R", "--end", "2026-03-10",
      "--daily-cap", "100km", "--as", "ann",
    ])
    cli.ok(["log", "60km", "--as", "ann"])
    let refused = cli.run(["goal", "edit", "G", "--name", "H", "--as", "bob"])
    #expect(refused.code == 77, "\(refused.stderr)")
    let before = cli.dbBytes()
    let dry = cli.run([
      "goal", "edit", "G", "--add-team", "Beta", "--dry-run", "--as", "ann",
      "--format", "json",
    ])
    #expect(dry.code == 0, "\(dry.stderr)")
    let dryJSON = J.object(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)))
    #expect(dryJSON["dry_run"] as? Bool == true)
    #expect(J.array(dryJSON["teams"]).count == 2)
    #expect(cli.dbBytes() == before)
    cli.ok(["goal", "edit", "G", "--name", "Grand Tour", "--as", "ann"])
    let renamed = try progress(cli, "Grand Tour", today: "2026-03-01")
    let mid = J.array(renamed["milestones"]).map(J.object).first { J.string($0["name"]) == "Mid" }
    #expect(J.string(mid?["reached_on"]) == "2026-03-01")
    #expect(cli.run(["progress", "G"]).code == 67)
    cli.ok([
      "goal", "edit", "Grand Tour", "--end", "2026-03-20", "--grace", "3", "--no-daily-cap",
      "--as", "ann",
    ])
    let edited = try progress(cli, "Grand Tour", today: "2026-03-01")
    #expect(J.string(edited["end"]) == "2026-03-20")
    #expect(J.int(edited["grace_days"]) == 3)
    #expect(J.isNull(edited["daily_cap_m"]))
    #expect(cli.ok(["undo"]).contains("undid: edit goal Grand Tour"))
    let undone = try progress(cli, "Grand Tour", today: "2026-03-01")
    #expect(J.string(undone["end"]) == "2026-03-10")
    #expect(J.double(undone["daily_cap_m"]) == 100_000)
    cli.ok(["undo"])
    #expect(cli.run(["progress", "G"]).code == 0)
    // Extending the end of an ended goal opens it again.
    let ended = try progress(cli, "G", today: "2026-03-12")
    #expect(J.string(ended["status"]) == "ended")
    cli.ok(["log", "1km", "--as", "ann"], env: ["MILEQUEST_TODAY": "2026-03-12"])
    cli.ok(
      ["goal", "edit", "G", "--end", "2026-03-31", "--as", "ann"],
      env: ["MILEQUEST_TODAY": "2026-03-12"])
    let open = try progress(cli, "G", today: "2026-03-12")
    #expect(J.string(open["status"]) == "active")
    #expect(open["final"] as? Bool == false)
  }

  @Test("goal create: start in the past is fine, an end already past or before the start is 65")
  func createDates() throws {
    let cli = try Self.world(today: "2026-03-15")
    cli.ok([
      "goal", "create", "Back", "--team", "Alpha", "--distance", "50km",
      "--start", "2026-03-01", "--as", "ann",
    ])
    let past = cli.run([
      "goal", "create", "Old", "--team", "Alpha", "--distance", "5km",
      "--start", "2026-03-01", "--end", "2026-03-14", "--as", "ann",
    ])
    #expect(past.code == 65, "\(past.stderr)")
    #expect(past.stderr.contains("already past"))
    let backwards = cli.run([
      "goal", "create", "Odd", "--team", "Alpha", "--distance", "5km",
      "--start", "2026-03-20", "--end", "2026-03-18", "--as", "ann",
    ])
    #expect(backwards.code == 65)
    #expect(
      cli.run([
        "goal", "create", "Bad", "--team", "Alpha", "--distance", "5km",
        "--grace", "-1", "--as", "ann",
      ]).code == 65)
  }

  @Test("progress with no goal: the newest active goal, else the most recently finished")
  func progressPicksAGoal() throws {
    let cli = try Self.world()
    cli.ok([
      "goal", "create", "First", "--team", "Alpha", "--distance", "100km",
      "--end", "2026-03-05", "--as", "ann",
    ])
    cli.ok(
      [
        "goal", "create", "Second", "--team", "Alpha", "--distance", "100km",
        "--start", "2026-03-02", "--end", "2026-03-08", "--as", "ann",
      ],
      env: ["MILEQUEST_TODAY": "2026-03-02"])
    let both = J.object(
      try cli.json(
        ["progress", "--as", "ann"],
        env: ["MILEQUEST_TODAY": "2026-03-03"]))
    #expect(J.string(both["goal"]) == "Second")
    let afterFirst = J.object(
      try cli.json(
        ["progress", "--as", "ann"],
        env: ["MILEQUEST_TODAY": "2026-03-07"]))
    #expect(J.string(afterFirst["goal"]) == "Second")
    let afterAll = J.object(
      try cli.json(
        ["progress", "--as", "ann"],
        env: ["MILEQUEST_TODAY": "2026-03-20"]))
    #expect(J.string(afterAll["goal"]) == "Second")
    #expect(J.string(afterAll["status"]) == "ended")
    let list = cli.ok(["goal", "list"], env: ["MILEQUEST_TODAY": "2026-03-20"])
    #expect(!list.contains("First"))
    let all = cli.ok(["goal", "list", "--all"], env: ["MILEQUEST_TODAY": "2026-03-20"])
    #expect(all.contains("First") && all.contains("ended") && all.contains("2026-03-05"))
  }
}
