import Testing

@testable import milequest

/// In-process parsing of command lines (no binary, no database).
@Suite("Parsing")
struct ParsingTests {
  @Test("log: distance, dash-leading date and note, global options after the subcommand")
  func log() throws {
    let command = try MileQuest.parseAsRoot([
      "log", "3.2mi", "--date", "-3d", "--note", "-x-", "--member", "ann", "--format", "json",
      "--unit", "km",
    ])
    let log = try #require(command as? MileQuest.Log)
    #expect(log.distance == "3.2mi")
    #expect(log.date == "-3d")
    #expect(log.note == "-x-")
    #expect(log.member == "ann")
    #expect(log.options.format == .json)
    #expect(log.options.unit == .km)
  }

  @Test("route create: repeated waypoints that start with '-'")
  func routeCreate() throws {
    let command = try MileQuest.parseAsRoot([
      "route", "create", "Cape", "--waypoint", "-33.92,18.42,Cape Town", "--waypoint",
      "-34.36,18.47,Cape Point",
    ])
    let create = try #require(command as? MileQuest.RouteCommand.Create)
    #expect(create.name == "Cape")
    #expect(create.waypoints == ["-33.92,18.42,Cape Town", "-34.36,18.47,Cape Point"])
  }

  @Test("team add: several handles, role and back-dated join")
  func teamAdd() throws {
    let command = try MileQuest.parseAsRoot([
      "team", "add", "Kiwis", "bob", "cat", "--role", "captain", "--since", "2026-02-01", "--as",
      "ann",
    ])
    let add = try #require(command as? MileQuest.TeamCommand.Add)
    #expect(add.name == "Kiwis")
    #expect(add.handles == ["bob", "cat"])
    #expect(add.role == .captain)
    #expect(add.since == "2026-02-01")
    #expect(add.options.actingMember == "ann")
  }

  @Test("leaderboard and goal create options")
  func leaderboardAndGoal() throws {
    let board = try #require(
      try MileQuest.parseAsRoot(["leaderboard", "--goal", "G", "--teams", "--limit", "3"])
        as? MileQuest.LeaderboardCommand)
    #expect(board.goal == "G")
    #expect(board.teams)
    #expect(board.limit == 3)
    let goal = try #require(
      try MileQuest.parseAsRoot([
        "goal", "create", "G", "--team", "A", "--team", "B", "--mode", "together", "--distance",
        "500km", "--daily-cap", "10km",
      ]) as? MileQuest.GoalCommand.Create)
    #expect(goal.teams == ["A", "B"])
    #expect(goal.mode == .together)
    #expect(goal.distance == "500km")
    #expect(goal.dailyCap == "10km")
  }

  @Test("bad flags and bad --format values are parse errors")
  func parseErrors() {
    #expect(throws: (any Error).self) { try MileQuest.parseAsRoot(["log", "3", "--bogus"]) }
    #expect(throws: (any Error).self) {
      try MileQuest.parseAsRoot(["member", "list", "--format", "xml"])
    }
  }

  @Test(
    "movingGlobalOptions moves leading global options after the subcommand",
    arguments: [
      (
        ["--db", "x.db", "--format", "json", "member", "list"],
        ["member", "list", "--db", "x.db", "--format", "json"]
      ),
      (["--quiet", "--as=ann", "log", "3"], ["log", "3", "--quiet", "--as=ann"]),
      (["--db", "x.db", "log", "--", "-5"], ["log", "--db", "x.db", "--", "-5"]),
      (["member", "list", "--db", "x.db"], ["member", "list", "--db", "x.db"]),
      (["--unit", "km"], ["--unit", "km"]),
      ([], []),
    ] as [([String], [String])])
  func movingGlobalOptions(input: [String], expected: [String]) {
    #expect(MileQuest.movingGlobalOptions(input) == expected)
  }

  @Test("moved global options parse like trailing ones")
  func movedOptionsParse() throws {
    let arguments = MileQuest.movingGlobalOptions(["--db", "x.db", "--as", "ann", "log", "3"])
    let log = try #require(try MileQuest.parseAsRoot(arguments) as? MileQuest.Log)
    #expect(log.options.db == "x.db")
    #expect(log.options.actingMember == "ann")
    #expect(log.distance == "3")
  }
}
