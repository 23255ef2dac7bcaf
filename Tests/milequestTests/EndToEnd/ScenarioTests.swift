import Foundation
import Testing

/// A scripted challenge run through the built binary, compared with values computed
/// independently by `Reference/scenario_reference.py` (standard-library Python only).
///
/// Tolerances, per quantity:
/// - route lengths, milestone distances and anything derived from them (remaining, to next,
///   needed per day): 1 mm. Python uses the haversine form and milequest the atan2 form of the
///   central angle; both are well conditioned, so they agree to ~1e-10 m here, and 1 mm is the
///   precision anyone could care about on a walking route.
/// - positions: 1e-9° (≈ 0.11 mm of latitude, less of longitude): the same two-formula
///   difference gives ~1e-12°; 1e-9° stays below the 1 mm used for distances.
/// - totals of walks (leaderboards, done on a plain distance goal, stats): 1e-9 m. Both sides
///   are correctly rounded sums (`math.fsum`, milequest's exact sum) of the same stored
///   doubles, so they should agree to the last bit; 1e-9 m only leaves room for JSON text.
/// - percent: 1e-9 percentage points; ranks, dates, names and counts: exact.
enum Tolerance {
  static let distance = 1e-3
  static let degrees = 1e-9
  static let sum = 1e-9
  static let percent = 1e-9
}

/// The challenge; keep it identical to the scenario in `scenario_reference.py`.
enum Scenario {
  static let members: [(handle: String, extra: [String])] = [
    ("ann", ["--name", "Aroha Ngā"]), ("bob", ["--stride", "0.8m"]), ("cat", []), ("dan", []),
    ("hal", []), ("eve", ["--name", "Ева"]), ("fay", []), ("gus", []),
  ]

  static let setup: [[String]] = [
    ["team", "create", "Kiwis", "--as", "ann", "--since", "2026-02-01"],
    ["team", "add", "Kiwis", "bob", "cat", "hal", "--as", "ann", "--since", "2026-02-01"],
    // A late joiner: dan's walks before 2026-02-20 never count for Kiwis.
    ["team", "add", "Kiwis", "dan", "--as", "ann", "--since", "2026-02-20"],
    ["team", "create", "Islanders", "--as", "eve", "--since", "2026-02-01"],
    ["team", "add", "Islanders", "fay", "gus", "--as", "eve", "--since", "2026-02-01"],
    // A leaver: from 2026-03-01 on, fay's walks no longer count for Islanders.
    ["team", "remove", "Islanders", "fay", "--on", "2026-03-01", "--as", "eve"],
    // gus walks for both teams from 2026-03-05.
    ["team", "add", "Kiwis", "gus", "--as", "ann", "--since", "2026-03-05"],
    // The first leg crosses the antimeridian; the third point is not a milestone.
    [
      "route", "create", "Dateline", "--waypoint", "10,179.8,Start Isle", "--waypoint",
      "10.1,-179.9,Dateline Reef", "--waypoint", "10,-179.7", "--waypoint", "9.9,-179.5,Far Atoll",
    ],
    [
      "goal", "create", "Dateline Race", "--team", "Kiwis", "--team", "Islanders", "--route",
      "Dateline", "--start", "2026-02-02", "--end", "2026-04-30", "--as", "ann",
    ],
    [
      "goal", "create", "Kiwi Century", "--team", "Kiwis", "--distance", "200km", "--start",
      "2026-02-09", "--end", "2026-03-31", "--daily-cap", "8km", "--as", "ann",
    ],
    [
      "goal", "create", "Pooled", "--team", "Kiwis", "--team", "Islanders", "--mode", "together",
      "--route", "Dateline", "--start", "2026-03-01", "--as", "eve",
    ],
  ]

  /// (member, date, distance), logged in this order.
  static let walks: [(member: String, date: String, distance: String)] = [
    ("ann", "2026-02-01", "5km"), ("eve", "2026-02-02", "2km"), ("ann", "2026-02-03", "5km"),
    ("fay", "2026-02-03", "2km"), ("bob", "2026-02-04", "12000steps"),
    ("ann", "2026-02-05", "3.2mi"), ("cat", "2026-02-06", "8km"), ("gus", "2026-02-08", "1km"),
    ("eve", "2026-02-09", "2km"), ("ann", "2026-02-10", "5km"), ("ann", "2026-02-10", "5km"),
    ("dan", "2026-02-10", "5km"), ("bob", "2026-02-11", "12000steps"),
    ("fay", "2026-02-12", "2km"), ("cat", "2026-02-13", "8km"), ("gus", "2026-02-15", "1km"),
    ("eve", "2026-02-16", "2km"), ("ann", "2026-02-17", "800m"),
    ("bob", "2026-02-18", "12000 steps"), ("cat", "2026-02-20", "8km"),
    ("dan", "2026-02-21", "3.2mi"), ("eve", "2026-02-23", "3.2mi"), ("ann", "2026-02-24", "5km"),
    ("bob", "2026-02-25", "12000steps"), ("fay", "2026-02-26", "800m"),
    ("cat", "2026-02-27", "8km"), ("dan", "2026-02-28", "5km"), ("fay", "2026-03-01", "5km"),
    ("eve", "2026-03-02", "2km"), ("ann", "2026-03-03", "3.2mi"), ("bob", "2026-03-04", "9600m"),
    ("gus", "2026-03-05", "2km"), ("cat", "2026-03-06", "8km"), ("dan", "2026-03-07", "800m"),
    ("fay", "2026-03-08", "5km"), ("gus", "2026-03-09", "2km"), ("eve", "2026-03-09", "2km"),
    ("ann", "2026-03-10", "5km"), ("dan", "2026-03-12", "5km"), ("cat", "2026-03-13", "8km"),
    ("ann", "2026-03-14", "5km"), ("ann", "2026-03-15", "2"), ("gus", "2026-03-15", "1.5km"),
  ]

  /// The reports compared with the reference, by a short key.
  static let reports: [(key: String, args: [String])] = [
    ("progress race", ["progress", "Dateline Race"]),
    ("progress century", ["progress", "Kiwi Century"]),
    ("progress pooled", ["progress", "Pooled"]),
    ("route", ["route", "show", "Dateline"]),
    ("teams", ["leaderboard", "--teams"]),
    ("kiwis", ["leaderboard", "--team", "Kiwis"]),
    ("race teams", ["leaderboard", "--goal", "Dateline Race", "--teams"]),
    ("century members", ["leaderboard", "--goal", "Kiwi Century"]),
    ("stats ann", ["stats", "--member", "ann"]),
    ("stats kiwis", ["stats", "--team", "Kiwis"]),
  ]

  /// Builds the challenge in `cli`'s database; returns every `events` entry `log` printed.
  static func build(_ cli: CLI) throws -> [[String: Any]] {
    for (handle, extra) in members { cli.ok(["member", "add", handle] + extra) }
    for command in setup { cli.ok(command) }
    var events: [[String: Any]] = []
    for walk in walks {
      let logged = J.object(
        try cli.json(["log", walk.distance, "--member", walk.member, "--date", walk.date]))
      #expect(J.string(logged["date"]) == walk.date)
      #expect(J.string(logged["member"]) == walk.member)
      events += J.array(logged["events"]).map(J.object)
    }
    return events
  }

  /// Every report's raw JSON text, by key.
  static func reportTexts(_ cli: CLI) -> [String: String] {
    var texts: [String: String] = [:]
    for report in reports { texts[report.key] = cli.ok(report.args + ["--format", "json"]) }
    return texts
  }
}

typealias Position = (lat: Double, lon: Double)
typealias BoardRow = (rank: Int, name: String, distanceM: Double, walks: Int)
typealias TeamRow = (rank: Int, name: String, distanceM: Double, walks: Int, members: Int)

struct ExpectedProgress {
  var goal: String
  var team: String
  var status: String
  var targetM: Double
  var doneM: Double
  var remainingM: Double
  var percent: Double
  var position: Position?
  var lastMilestone: String?
  var nextMilestone: String?
  var toNextM: Double?
  var milestones: [(name: String, atM: Double, reachedOn: String?)]
  var completedOn: String?
  var paceMPerDay: Double
  var neededMPerDay: Double?
  var projectedOn: String?
  var teams:
    [(name: String, doneM: Double, percent: Double, position: Position?, arrivedOn: String?)]
}

struct ExpectedStats {
  var name: String
  var distanceM: Double
  var walks: Int
  var activeDays: Int
  var currentStreak: Int
  var longestStreak: Int
  var bestDay: String
  var bestDayM: Double
  var bestWeek: String
  var bestWeekM: Double
  var averagePerActiveDayM: Double
}

/// Output of `python3 Tests/milequestTests/Reference/scenario_reference.py`, pasted verbatim.
enum Expected {
  // Generated by Tests/milequestTests/Reference/scenario_reference.py (python 3.11.7); today = 2026-03-15.
  static let routeLengthM = 83802.22944378128
  static let routeCumulativeM: [Double] = [
    0.0, 34677.752581523, 59236.986094351465, 83802.22944378128,
  ]
  static let progress: [ExpectedProgress] = [
    // progress "Dateline Race"
    .init(
      goal: "Dateline Race", team: "Kiwis", status: "completed",
      targetM: 83802.22944378128, doneM: 83802.22944378128, remainingM: 0.0,
      percent: 100.0,
      position: (9.9, -179.5),
      lastMilestone: "Far Atoll", nextMilestone: nil, toNextM: nil,
      milestones: [
        ("Start Isle", 0.0, "2026-02-02"), ("Dateline Reef", 34677.752581523, "2026-02-10"),
        ("Far Atoll", 83802.22944378128, "2026-02-24"),
      ],
      completedOn: "2026-02-24", paceMPerDay: 3296.421485714286,
      neededMPerDay: nil, projectedOn: "2026-02-24",
      teams: [
        ("Kiwis", 83802.22944378128, 100.0, (9.9, -179.5), "2026-02-24"),
        ("Islanders", 27449.9008, 32.7555734282878, (10.079179381916244, -179.96254404362108), nil),
      ]),
    // progress "Kiwi Century"
    .init(
      goal: "Kiwi Century", team: "Kiwis", status: "active",
      targetM: 200000.0, doneM: 125618.4896, remainingM: 74381.5104,
      percent: 62.809244799999995,
      position: nil,
      lastMilestone: "50%", nextMilestone: "75%", toNextM: 24381.5104,
      milestones: [
        ("25%", 50000.0, "2026-02-24"), ("50%", 100000.0, "2026-03-10"), ("75%", 150000.0, nil),
        ("90%", 180000.0, nil), ("100%", 200000.0, nil),
      ],
      completedOn: nil, paceMPerDay: 3833.4706285714283,
      neededMPerDay: 4375.382964705882, projectedOn: "2026-04-04",
      teams: [("Kiwis", 125618.4896, 62.809244799999995, nil, nil)]),
    // progress "Pooled"
    .init(
      goal: "Pooled", team: "Kiwis + Islanders", status: "active",
      targetM: 83802.22944378128, doneM: 59268.5888, remainingM: 24533.640643781284,
      percent: 70.72435804319541,
      position: (9.99987142841985, -179.69974262510348),
      lastMilestone: "Dateline Reef", nextMilestone: "Far Atoll", toNextM: 24533.640643781284,
      milestones: [
        ("Start Isle", 0.0, "2026-03-01"), ("Dateline Reef", 34677.752581523, "2026-03-10"),
        ("Far Atoll", 83802.22944378128, nil),
      ],
      completedOn: nil, paceMPerDay: 4233.470628571428,
      neededMPerDay: nil, projectedOn: "2026-03-21",
      teams: [
        (
          "Kiwis + Islanders", 59268.5888, 70.72435804319541,
          (9.99987142841985, -179.69974262510348), nil
        )
      ]),
  ]
  // leaderboard --goal 'Dateline Race' --teams: (rank, name, distance_m, walks)
  // distance_m is everything counted (the sum of the walks shown), not capped
  static let raceBoard: [BoardRow] = [
    (1, "Kiwis", 161768.3904, 28), (2, "Islanders", 27449.9008, 14),
  ]
  // leaderboard --teams (all time): (rank, name, distance_m, walks, members)
  static let teamsBoard: [TeamRow] = [
    (1, "Kiwis", 166768.3904, 29, 6), (2, "Islanders", 27449.9008, 14, 3),
  ]
  // leaderboard --team Kiwis (all time)
  static let kiwisBoard: [BoardRow] = [
    (1, "ann", 49318.4896, 11), (2, "bob", 48000.0, 5), (2, "cat", 48000.0, 6),
    (4, "dan", 15949.9008, 4), (5, "gus", 5500.0, 3), (6, "hal", 0.0, 0),
  ]
  // leaderboard --goal 'Kiwi Century' (members, capped at 8 km per member per day)
  static let centuryBoard: [BoardRow] = [
    (1, "cat", 40000.0, 5), (2, "ann", 32168.5888, 8), (3, "bob", 32000.0, 4),
    (4, "dan", 15949.9008, 4), (5, "gus", 5500.0, 3), (6, "hal", 0.0, 0),
  ]
  // stats --member ann
  static let statsAnn = ExpectedStats(
    name: "ann", distanceM: 49318.4896, walks: 11, activeDays: 10, currentStreak: 2,
    longestStreak: 2, bestDay: "2026-02-10", bestDayM: 10000.0, bestWeek: "2026-03-09",
    bestWeekM: 13218.688, averagePerActiveDayM: 4931.84896)
  // stats --team Kiwis
  static let statsKiwis = ExpectedStats(
    name: "Kiwis", distanceM: 166768.3904, walks: 29, activeDays: 27, currentStreak: 4,
    longestStreak: 5, bestDay: "2026-02-10", bestDayM: 10000.0, bestWeek: "2026-03-09",
    bestWeekM: 29718.688000000002, averagePerActiveDayM: 6176.607051851852)
  // smallest |running total - milestone| seen: 97.57215621872456 m (must be >> 1e-6)
}

@Suite("End to end: a scripted challenge against an independent reference")
struct ScenarioTests {
  @Test("matches the Python reference", arguments: ["UTC", "Pacific/Auckland"])
  func matchesReference(timeZone: String) throws {
    // Given
    let cli = try CLI(timeZone: timeZone)
    let events = try Scenario.build(cli)

    // Then: logging the walk that took Kiwis to the finish reported it, once.
    let completed = events.filter { J.string($0["kind"]) == "completed" }
    #expect(completed.count == 1)
    #expect(J.string(completed.first?["goal"]) == "Dateline Race")
    #expect(J.string(completed.first?["on"]) == "2026-02-24")
    let century = events.filter {
      J.string($0["goal"]) == "Kiwi Century" && J.string($0["kind"]) == "milestone"
    }
    #expect(century.map { J.string($0["milestone"]) ?? "" } == ["25%", "50%"])
    #expect(century.map { J.string($0["on"]) ?? "" } == ["2026-02-24", "2026-03-10"])

    // When / Then
    try checkRoute(cli)
    for expected in Expected.progress {
      try checkProgress(J.object(cli.json(["progress", expected.goal])), expected)
    }
    let teams = J.object(try cli.json(["leaderboard", "--teams"]))
    checkBoard(
      teams, scope: "teams", from: nil, to: nil,
      Expected.teamsBoard.map {
        (rank: $0.rank, name: $0.name, distanceM: $0.distanceM, walks: $0.walks)
      })
    #expect(
      J.array(teams["entries"]).map { J.int(J.object($0)["members"]) }
        == Expected.teamsBoard.map(\.members))
    checkBoard(
      J.object(try cli.json(["leaderboard", "--team", "Kiwis"])), scope: "team:Kiwis", from: nil,
      to: nil, Expected.kiwisBoard)
    // --limit 2 keeps the rows tied at the cut (ranks 1, 2, 2).
    let top = J.object(try cli.json(["leaderboard", "--team", "Kiwis", "--limit", "2"]))
    #expect(
      J.array(top["entries"]).map { J.string(J.object($0)["name"]) ?? "" }
        == Expected.kiwisBoard.filter { $0.rank <= 2 }.map(\.name))
    checkBoard(
      J.object(try cli.json(["leaderboard", "--goal", "Dateline Race", "--teams"])),
      scope: "goal:Dateline Race:teams", from: "2026-02-02", to: "2026-04-30", Expected.raceBoard)
    checkBoard(
      J.object(try cli.json(["leaderboard", "--goal", "Kiwi Century"])),
      scope: "goal:Kiwi Century", from: "2026-02-09", to: "2026-03-31", Expected.centuryBoard)
    // A leaderboard total is the sum of the walks it counts (SPEC §2): `walks --team` lists them.
    let kiwiWalks = J.array(try cli.json(["walks", "--team", "Kiwis"])).map(J.object)
    let kiwisRow = try #require(Expected.teamsBoard.first { $0.name == "Kiwis" })
    #expect(kiwiWalks.count == kiwisRow.walks)
    let listed = kiwiWalks.reduce(0.0) { $0 + (J.double($1["distance_m"]) ?? .nan) }
    // A plain running sum of 29 values: rounding error well under 1e-6 m.
    #expect(isClose(listed, kiwisRow.distanceM, within: 1e-6))
    checkStats(J.object(try cli.json(["stats", "--member", "ann"])), Expected.statsAnn)
    checkStats(J.object(try cli.json(["stats", "--team", "Kiwis"])), Expected.statsKiwis)
  }

  @Test("gives byte-identical reports in UTC and in Pacific/Auckland")
  func timeZonesAgree() throws {
    // Given: the same challenge in two time zones (MILEQUEST_TODAY pins the day in both).
    let utc = try CLI(timeZone: "UTC")
    let auckland = try CLI(timeZone: "Pacific/Auckland")
    _ = try Scenario.build(utc)
    _ = try Scenario.build(auckland)

    // When
    let a = Scenario.reportTexts(utc)
    let b = Scenario.reportTexts(auckland)

    // Then
    for report in Scenario.reports {
      #expect(a[report.key] == b[report.key], "\(report.key) differs between time zones")
      #expect(a[report.key]?.isEmpty == false)
    }
  }

  @Test(
    "log without --date uses the local date of TZ",
    arguments: ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
  func logUsesLocalDate(timeZone: String) throws {
    // Given: no MILEQUEST_TODAY, so the binary reads the clock in its TZ. Kiritimati (UTC+14)
    // and Pago Pago (UTC−11) are 25 hours apart: their dates always differ.
    let cli = try CLI(timeZone: timeZone, today: nil)
    cli.ok(["member", "add", "ann"])
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: timeZone))
    func localDate() -> String {
      let c = calendar.dateComponents([.year, .month, .day], from: Date())
      return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    // When
    let before = localDate()
    let walk = J.object(try cli.json(["log", "1km", "--as", "ann"]))
    let after = localDate()

    // Then (a run that straddles midnight may see either day)
    let logged = try #require(J.string(walk["date"]))
    #expect(logged == before || logged == after, "logged \(logged), local \(before)…\(after)")
  }

  // MARK: - Checks

  func checkRoute(_ cli: CLI) throws {
    let route = J.object(try cli.json(["route", "show", "Dateline"]))
    #expect(isClose(J.double(route["length_m"]), Expected.routeLengthM, within: Tolerance.distance))
    let points = J.array(route["points"]).map(J.object)
    try #require(points.count == Expected.routeCumulativeM.count)
    for (point, at) in zip(points, Expected.routeCumulativeM) {
      #expect(isClose(J.double(point["at_m"]), at, within: Tolerance.distance))
    }
    // Longitudes come back normalised to [-180, 180).
    #expect(points.map { J.double($0["lon"]) ?? .nan } == [179.8, -179.9, -179.7, -179.5])
  }

  func checkProgress(_ json: [String: Any], _ e: ExpectedProgress) throws {
    let goal = e.goal
    #expect(J.string(json["goal"]) == goal)
    #expect(J.string(json["team"]) == e.team, "\(goal)")
    #expect(J.string(json["status"]) == e.status, "\(goal)")
    #expect(isClose(J.double(json["target_m"]), e.targetM, within: Tolerance.distance), "\(goal)")
    #expect(isClose(J.double(json["done_m"]), e.doneM, within: Tolerance.distance), "\(goal)")
    #expect(
      isClose(J.double(json["remaining_m"]), e.remainingM, within: Tolerance.distance), "\(goal)")
    #expect(isClose(J.double(json["percent"]), e.percent, within: Tolerance.percent), "\(goal)")
    checkPosition(json["position"], e.position, "\(goal) position")
    #expect(J.string(json["last_milestone"]) == e.lastMilestone, "\(goal)")
    #expect(J.string(json["next_milestone"]) == e.nextMilestone, "\(goal)")
    if let toNext = e.toNextM {
      #expect(isClose(J.double(json["to_next_m"]), toNext, within: Tolerance.distance), "\(goal)")
    } else {
      #expect(J.isNull(json["to_next_m"]), "\(goal)")
    }
    let milestones = J.array(json["milestones"]).map(J.object)
    #expect(milestones.map { J.string($0["name"]) ?? "" } == e.milestones.map(\.name), "\(goal)")
    #expect(
      milestones.map { J.string($0["reached_on"]) } == e.milestones.map(\.reachedOn), "\(goal)")
    for (m, x) in zip(milestones, e.milestones) {
      #expect(isClose(J.double(m["at_m"]), x.atM, within: Tolerance.distance), "\(goal) \(x.name)")
    }
    #expect(J.string(json["completed_on"]) == e.completedOn, "\(goal)")
    #expect(
      isClose(J.double(json["pace_m_per_day"]), e.paceMPerDay, within: Tolerance.sum), "\(goal)")
    if let needed = e.neededMPerDay {
      #expect(
        isClose(J.double(json["needed_m_per_day"]), needed, within: Tolerance.distance), "\(goal)")
    } else {
      #expect(J.isNull(json["needed_m_per_day"]), "\(goal)")
    }
    #expect(J.string(json["projected_on"]) == e.projectedOn, "\(goal)")
    let teams = J.array(json["teams"]).map(J.object)
    #expect(teams.map { J.string($0["name"]) ?? "" } == e.teams.map(\.name), "\(goal)")
    for (t, x) in zip(teams, e.teams) {
      #expect(
        isClose(J.double(t["done_m"]), x.doneM, within: Tolerance.distance), "\(goal) \(x.name)")
      #expect(
        isClose(J.double(t["percent"]), x.percent, within: Tolerance.percent), "\(goal) \(x.name)")
      checkPosition(t["position"], x.position, "\(goal) \(x.name) position")
      #expect(J.string(t["arrived_on"]) == x.arrivedOn, "\(goal) \(x.name)")
    }
  }

  func checkPosition(_ value: Any?, _ expected: Position?, _ what: String) {
    guard let expected else {
      #expect(J.isNull(value), "\(what)")
      return
    }
    let position = J.object(value)
    #expect(isClose(J.double(position["lat"]), expected.lat, within: Tolerance.degrees), "\(what)")
    #expect(isClose(J.double(position["lon"]), expected.lon, within: Tolerance.degrees), "\(what)")
  }

  func checkBoard(
    _ json: [String: Any], scope: String, from: String?, to: String?, _ expected: [BoardRow]
  ) {
    #expect(J.string(json["scope"]) == scope)
    let period = J.object(json["period"])
    #expect(J.string(period["from"]) == from, "\(scope)")
    #expect(J.string(period["to"]) == to, "\(scope)")
    #expect(J.string(json["by"]) == "total")
    #expect(J.string(json["unit"]) == "mi")
    let entries = J.array(json["entries"]).map(J.object)
    #expect(entries.map { J.int($0["rank"]) ?? -1 } == expected.map(\.rank), "\(scope)")
    #expect(entries.map { J.string($0["name"]) ?? "" } == expected.map(\.name), "\(scope)")
    #expect(entries.map { J.int($0["walks"]) ?? -1 } == expected.map(\.walks), "\(scope)")
    for (entry, row) in zip(entries, expected) {
      // Every board's distance is a sum of stored walk distances.
      let tolerance = Tolerance.sum
      let metres = J.double(entry["distance_m"])
      #expect(isClose(metres, row.distanceM, within: tolerance), "\(scope) \(row.name)")
      #expect(
        isClose(J.double(entry["distance"]), (metres ?? .nan) / 1609.344, within: 1e-12),
        "\(scope) \(row.name)")
    }
  }

  func checkStats(_ json: [String: Any], _ e: ExpectedStats) {
    #expect(J.string(json["name"]) == e.name)
    #expect(isClose(J.double(json["distance_m"]), e.distanceM, within: Tolerance.sum), "\(e.name)")
    #expect(J.int(json["walks"]) == e.walks, "\(e.name)")
    #expect(J.int(json["active_days"]) == e.activeDays, "\(e.name)")
    #expect(J.int(json["current_streak"]) == e.currentStreak, "\(e.name)")
    #expect(J.int(json["longest_streak"]) == e.longestStreak, "\(e.name)")
    #expect(J.string(json["best_day"]) == e.bestDay, "\(e.name)")
    #expect(isClose(J.double(json["best_day_m"]), e.bestDayM, within: Tolerance.sum), "\(e.name)")
    #expect(J.string(json["best_week"]) == e.bestWeek, "\(e.name)")
    #expect(isClose(J.double(json["best_week_m"]), e.bestWeekM, within: Tolerance.sum), "\(e.name)")
    #expect(
      isClose(
        J.double(json["average_per_active_day_m"]), e.averagePerActiveDayM, within: Tolerance.sum),
      "\(e.name)")
  }
}
