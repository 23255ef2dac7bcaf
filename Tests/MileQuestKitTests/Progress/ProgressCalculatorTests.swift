import Foundation
import Testing

@testable import MileQuestKit

/// Expected values come from `Reference/progress_reference.py` (geometry per GEODESY.md §1.3 and
/// §2.2 with R = 6 371 008.8 m; rules from SPEC.md §1 and §3) or from hand arithmetic in the
/// comments. Dates: 2026-03-02 is a Monday.
@Suite("ProgressCalculator")
struct ProgressCalculatorTests {
  typealias F = RuleFixture

  // MARK: Route fixture

  /// Four points near Fiji; the leg from point 2 to point 3 crosses the antimeridian.
  /// Labels: "Pier" (start), none, "Dateline", none (so the end is named "Finish").
  static let route = Route(
    id: 1, name: "Dateline Walk",
    points: [
      RoutePoint(coordinate: Coordinate(latitude: -16.80, longitude: 179.95), label: "Pier"),
      RoutePoint(coordinate: Coordinate(latitude: -16.79, longitude: 179.99)),
      RoutePoint(coordinate: Coordinate(latitude: -16.78, longitude: -179.98), label: "Dateline"),
      RoutePoint(coordinate: Coordinate(latitude: -16.75, longitude: -179.93)),
    ])

  /// From the script: cumulative great-circle lengths in metres.
  static let cumulative = [0.0, 4400.873486630585, 7782.63908465253, 14064.910986995623]
  static let length = 14064.910986995623

  /// Lengths: the script and the Kit sum the same legs in the same order with the same formula;
  /// only libm's last-bit differences remain, so 1e-6 m (GEODESY.md §8) is ample.
  static let metresTolerance = 1e-6
  /// Positions: GEODESY.md's tolerance for slerp positions (≈ 0.1 mm on the ground).
  static let degreesTolerance = 1e-9

  /// Kiwis (team 1): ana (1) all along; ben (2) until he leaves on 03-10; cai (3) from 03-08.
  static func kiwis() throws -> ProgressCalculator.TeamHistory {
    ProgressCalculator.TeamHistory(
      team: Team(id: 1, name: "Kiwis"),
      memberships: [
        F.member(1, of: 1, joined: try F.day(2, 1), role: .captain),
        F.member(2, of: 1, joined: try F.day(2, 1), left: try F.day(3, 10)),
        F.member(3, of: 1, joined: try F.day(3, 8)),
      ])
  }

  /// Walks for the route goal (start 03-02, end 03-31). Counted: 2000 + 1500 + 2500 + 1000 +
  /// 1200 = 8200 m.
  static func routeWalks() throws -> [Walk] {
    [
      F.walk(1, try F.day(3, 1), 5000),  // before the goal starts
      F.walk(1, try F.day(3, 2), 2000),  // counted (start day)
      F.walk(2, try F.day(3, 3), 1500),  // counted
      F.walk(3, try F.day(3, 4), 3000),  // cai has not joined yet
      F.walk(1, try F.day(3, 5), 2500),  // counted: 6000
      F.walk(9, try F.day(3, 5), 7000),  // not a member of the team
      F.walk(3, try F.day(3, 9), 1000),  // counted: 7000
      F.walk(2, try F.day(3, 10), 4000),  // ben's left day
      F.walk(1, try F.day(3, 11), 1200),  // counted: 8200 ≥ 7782.64 (Dateline)
      F.walk(1, try F.day(3, 11), 900, deleted: true),
    ]
  }

  static func routeGoal(mode: GoalMode = .race, state: GoalState = .active) throws -> Goal {
    Goal(
      id: 1, name: "Fiji", routeId: 1, targetMetres: length, mode: mode,
      start: try F.day(3, 2), end: try F.day(3, 31), dailyCapMetres: nil, state: state,
      teamIds: [1])
  }

  func expectPosition(
    _ position: Coordinate?, _ latitude: Double, _ longitude: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let position else {
      Issue.record("no position", sourceLocation: sourceLocation)
      return
    }
    #expect(
      abs(position.latitude - latitude) <= Self.degreesTolerance, "lat \(position.latitude)",
      sourceLocation: sourceLocation)
    #expect(
      angleGap(position.longitude, longitude) <= Self.degreesTolerance,
      "lon \(position.longitude)", sourceLocation: sourceLocation)
  }

  // MARK: Geometry

  @Test func routeLengthsMatchTheReference() throws {
    let geometry = try Self.route.geometry()
    for (got, want) in zip(geometry.cumulative, Self.cumulative) {
      #expect(abs(got - want) <= Self.metresTolerance, "got \(got), want \(want)")
    }
    #expect(abs(geometry.length - Self.length) <= Self.metresTolerance)
  }

  /// Positions along the route at a distance, from the script's slerp.
  @Test(arguments: [
    (1000.0, -16.797728402080974, 179.95908947472353),  // leg 1
    (4500.0, -16.789706941199245, 179.99087940671458),  // leg 2, east of the antimeridian
    (8200.0, -16.778007332509283, -179.97667777520041),  // leg 3, west of it
    (10000.0, -16.7694127184182, -179.96235043566162),
  ])
  func positionsAlongTheRoute(_ metres: Double, _ latitude: Double, _ longitude: Double) throws {
    expectPosition(try Self.route.geometry().position(at: metres), latitude, longitude)
  }

  // MARK: One team, active

  @Test func activeRouteGoal() throws {
    // Given: today 03-12.
    let today = try F.day(3, 12)
    // When
    let p = try ProgressCalculator.progress(
      goal: try Self.routeGoal(), route: Self.route, teams: [try Self.kiwis()],
      walks: try Self.routeWalks(), today: today)
    // Then: done 8200 (see routeWalks).
    #expect(p.status == .active)
    #expect(p.markers.count == 1)
    #expect(p.leader.name == "Kiwis")
    #expect(p.leader.doneMetres == 8200)
    #expect(p.leader.countedMetres == 8200)
    // percent = 8200 / 14064.910986995623 · 100 = 58.30111550355134 (script); one division
    // and one multiplication of a length known to 1e-6 m: 1e-12 relative.
    #expect(abs(p.leader.percent - 58.30111550355134) <= 1e-12 * 58.3)
    #expect(abs(p.remainingMetres - 5864.910986995623) <= Self.metresTolerance)
    expectPosition(p.leader.position, -16.778007332509283, -179.97667777520041)
    // Milestones: Pier at 0 (reached on the start day), Dateline reached 03-11, Finish not.
    #expect(p.leader.milestones.map(\.milestone.name) == ["Pier", "Dateline", "Finish"])
    #expect(p.leader.milestones.map(\.reachedOn) == [try F.day(3, 2), try F.day(3, 11), nil])
    #expect(p.leader.milestones.map(\.milestone.pointIndex) == [0, 2, 3])
    #expect(p.lastMilestone?.name == "Dateline")
    #expect(p.nextMilestone?.name == "Finish")
    #expect(abs((p.toNextMetres ?? -1) - 5864.910986995623) <= Self.metresTolerance)
    #expect(p.completedOn == nil)
    #expect(p.leader.arrivedOn == nil)
    // Pace: the goal is 11 days old (03-02 … 03-12), so 8200 / 11 = 745.4545… m/day.
    #expect(p.paceMetresPerDay == 8200.0 / 11.0)
    // Needed: 03-12 … 03-31 is 20 days: 5864.910986995623 / 20 = 293.24554934978113.
    #expect(p.daysLeft == 20)
    #expect(abs((p.neededMetresPerDay ?? -1) - 293.24554934978113) <= 1e-12 * 293.3)
    // Projected: 5864.91 / 745.45 = 7.87 days → ceil = 8 → 03-12 + 8 = 03-20.
    #expect(p.projectedOn == (try F.day(3, 20)))
    #expect(p.daysElapsed == 11)
  }

  @Test func beforeAnyWalkTheStartIsReachedButNothingElse() throws {
    // Given: the goal starts today and nobody has walked.
    let p = try ProgressCalculator.progress(
      goal: try Self.routeGoal(), route: Self.route, teams: [try Self.kiwis()], walks: [],
      today: try F.day(3, 2))
    // Then
    #expect(p.leader.doneMetres == 0)
    #expect(p.leader.percent == 0)
    #expect(p.leader.position == Self.route.points[0].coordinate)
    #expect(p.leader.milestones.map(\.reachedOn) == [try F.day(3, 2), nil, nil])
    #expect(p.lastMilestone?.name == "Pier")
    #expect(p.nextMilestone?.name == "Dateline")
    #expect(p.paceMetresPerDay == 0)
    #expect(p.projectedOn == nil)
    // 03-02 … 03-31 is 30 days: target / 30.
    #expect(abs((p.neededMetresPerDay ?? -1) - Self.length / 30) <= 1e-12 * Self.length)
  }

  // MARK: One team, completed

  @Test func completedRouteGoal() throws {
    // Given: three more walks; the running total is 8200, 11200 (03-14), 13200 (03-16) and
    // 14700 (03-18) ≥ 14064.91, so the goal completes on 03-18. Today 03-25.
    let walks =
      try Self.routeWalks() + [
        F.walk(1, try F.day(3, 14), 3000), F.walk(3, try F.day(3, 16), 2000),
        F.walk(1, try F.day(3, 18), 1500),
      ]
    // When
    let p = try ProgressCalculator.progress(
      goal: try Self.routeGoal(), route: Self.route, teams: [try Self.kiwis()], walks: walks,
      today: try F.day(3, 25))
    // Then
    #expect(p.status == .completed)
    #expect(p.completedOn == (try F.day(3, 18)))
    #expect(p.leader.arrivedOn == (try F.day(3, 18)))
    #expect(p.leader.doneMetres == Self.length)  // capped at the target
    #expect(p.leader.countedMetres == 14700)
    #expect(p.leader.percent == 100)
    #expect(p.remainingMetres == 0)
    expectPosition(p.leader.position, -16.75, -179.93)
    #expect(
      p.leader.milestones.map(\.reachedOn) == [try F.day(3, 2), try F.day(3, 11), try F.day(3, 18)])
    #expect(p.lastMilestone?.name == "Finish")
    #expect(p.nextMilestone == nil)
    #expect(p.toNextMetres == nil)
    // Pace window ends at the completion day: 03-05 … 03-18 (14 days) holds 2500 + 1000 +
    // 1200 + 3000 + 2000 + 1500 = 11200 → 800 m/day.
    #expect(p.paceMetresPerDay == 800)
    #expect(p.neededMetresPerDay == nil)
    #expect(p.projectedOn == (try F.day(3, 18)))
  }

  @Test func completionDateIsTheFirstDayTheTotalReachesTheTarget() throws {
    // Given: a plain 5000 m goal; running totals 2000 (03-03), 5000 (03-04, exactly the
    // target: "reaches" includes equality), 9000 (03-06).
    let goal = Goal(
      id: 2, name: "Five", routeId: nil, targetMetres: 5000, mode: .race,
      start: try F.day(3, 2), end: nil, dailyCapMetres: nil, teamIds: [1])
    let walks = [
      F.walk(1, try F.day(3, 3), 2000), F.walk(1, try F.day(3, 4), 3000),
      F.walk(1, try F.day(3, 6), 4000),
    ]
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [try Self.kiwis()], walks: walks, today: try F.day(3, 10))
    // Then
    #expect(p.completedOn == (try F.day(3, 4)))
    #expect(p.status == .completed)
    #expect(p.daysLeft == nil)
    #expect(p.neededMetresPerDay == nil)
  }

  // MARK: Plain distance goals

  @Test func plainDistanceGoalMilestones() throws {
    // Given: 8000 m; milestones at 25/50/75/90/100 % = 2000, 4000, 6000, 7200, 8000.
    // Running totals: 2000 (03-02), 4500 (03-04), 7300 (03-06).
    let goal = Goal(
      id: 3, name: "Eight", routeId: nil, targetMetres: 8000, mode: .race,
      start: try F.day(3, 2), end: nil, dailyCapMetres: nil, teamIds: [1])
    let walks = [
      F.walk(1, try F.day(3, 2), 2000), F.walk(1, try F.day(3, 4), 2500),
      F.walk(1, try F.day(3, 6), 2800),
    ]
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [try Self.kiwis()], walks: walks, today: try F.day(3, 7))
    // Then
    let milestones = p.leader.milestones
    #expect(milestones.map(\.milestone.name) == ["25%", "50%", "75%", "90%", "100%"])
    // 0.9 is not a binary fraction, so 7200 may be off by an ulp: compare to 1e-12 relative.
    for (got, want) in zip(milestones.map(\.milestone.atMetres), [2000.0, 4000, 6000, 7200, 8000]) {
      #expect(abs(got - want) <= 1e-12 * want)
    }
    #expect(milestones.allSatisfy { $0.milestone.pointIndex == nil })
    #expect(
      milestones.map(\.reachedOn) == [
        try F.day(3, 2), try F.day(3, 4), try F.day(3, 6), try F.day(3, 6), nil,
      ])
    #expect(p.leader.position == nil)
    #expect(p.routeName == nil)
    #expect(p.lastMilestone?.name == "90%")
    #expect(p.nextMilestone?.name == "100%")
    #expect(p.toNextMetres == 700)  // 8000 − 7300
    #expect(p.leader.percent == 91.25)  // 7300 / 8000 = 0.9125 exactly
  }

  // MARK: Pace, needed, projected

  @Test func paceWindowIs14DaysEndingAtTheEndDate() throws {
    // Given: start 03-02, end 03-20, today 04-10 (deadline passed, not completed). On March
    // day k (k = 2 … 20) the member walks 100·k m; a walk on 03-21 is after the end.
    let goal = Goal(
      id: 4, name: "Long", routeId: nil, targetMetres: 100_000, mode: .race,
      start: try F.day(3, 2), end: try F.day(3, 20), dailyCapMetres: nil, teamIds: [1])
    let walks =
      try (2...20).map { F.walk(1, try F.day(3, $0), Double(100 * $0)) }
      + [F.walk(1, try F.day(3, 21), 50_000)]
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [try Self.kiwis()], walks: walks, today: try F.day(4, 10))
    // Then: done = 100·(2 + … + 20) = 100·(210 − 1) = 20900.
    #expect(p.leader.doneMetres == 20_900)
    // Window 03-07 … 03-20: 100·(7 + … + 20) = 100·(210 − 21) = 18900 over 14 days = 1350.
    #expect(p.paceMetresPerDay == 1350)
    #expect(p.daysElapsed == 19)  // 03-02 … 03-20
    // The deadline and its grace period (none) are over: the goal has ended, so no days are
    // left, no pace is needed and no arrival is projected (issue 12).
    #expect(p.daysLeft == nil)
    #expect(p.neededMetresPerDay == nil)
    #expect(p.projectedOn == nil)
    #expect(p.status == .ended)
  }

  @Test(arguments: [
    // (today's March day, expected window days, expected window sum): walks of 100·k on day k
    // from 03-02; the window is [max(start, today − 13), today].
    (2, 1, 200.0),  // first day: 200 / 1
    (8, 7, 3500.0),  // 100·(2+…+8) = 100·35
    (15, 14, 11900.0),  // exactly 14 days old: 100·(2+…+15) = 100·119
    (16, 14, 13300.0),  // window 03-03 … 03-16: 100·(3+…+16) = 100·(136 − 3)
  ])
  func paceUsesFewerDaysWhenTheGoalIsYounger(
    _ todayDay: Int, _ windowDays: Int, _ windowSum: Double
  ) throws {
    // Given
    let goal = Goal(
      id: 5, name: "Young", routeId: nil, targetMetres: 1_000_000, mode: .race,
      start: try F.day(3, 2), end: nil, dailyCapMetres: nil, teamIds: [1])
    let walks = try (2...todayDay).map { F.walk(1, try F.day(3, $0), Double(100 * $0)) }
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [try Self.kiwis()], walks: walks,
      today: try F.day(3, todayDay))
    // Then: one division of exact integers, so the quotient is exact-rounded on both sides.
    #expect(p.paceMetresPerDay == windowSum / Double(windowDays))
  }

  @Test func neededPerDayCountsFromTheStartWhenItIsInTheFuture() throws {
    // Given: today 02-25, goal 03-02 … 03-11 (10 days), 5000 m.
    let goal = Goal(
      id: 6, name: "Soon", routeId: nil, targetMetres: 5000, mode: .race,
      start: try F.day(3, 2), end: try F.day(3, 11), dailyCapMetres: nil, teamIds: [1])
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [try Self.kiwis()],
      walks: [F.walk(1, try F.day(2, 24), 1000)], today: try F.day(2, 25))
    // Then: 5000 / 10 = 500; nothing elapsed, no pace, no projection.
    #expect(p.daysLeft == 10)
    #expect(p.neededMetresPerDay == 500)
    #expect(p.daysElapsed == 0)
    #expect(p.paceMetresPerDay == 0)
    #expect(p.projectedOn == nil)
    #expect(p.leader.doneMetres == 0)
    #expect(p.leader.milestones.allSatisfy { $0.reachedOn == nil })
  }

  @Test func neededOnTheLastDayIsAllThatRemains() throws {
    // Given: end = today = 03-11, 1500 of 5000 done.
    let goal = Goal(
      id: 7, name: "Last", routeId: nil, targetMetres: 5000, mode: .race,
      start: try F.day(3, 2), end: try F.day(3, 11), dailyCapMetres: nil, teamIds: [1])
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [try Self.kiwis()],
      walks: [F.walk(1, try F.day(3, 5), 1500)], today: try F.day(3, 11))
    // Then: (11 − 11 + 1) = 1 day left: 3500 m/day. Pace 1500/10 = 150; projected
    // ceil(3500 / 150) = ceil(23.3) = 24 days → 04-04.
    #expect(p.daysLeft == 1)
    #expect(p.neededMetresPerDay == 3500)
    #expect(p.paceMetresPerDay == 150)
    #expect(p.projectedOn == (try F.day(4, 4)))
  }

  @Test func dailyCapLimitsGoalProgress() throws {
    // Given: cap 2000 m; ana walks 5000 on 03-03 and 1500 on 03-04.
    let goal = Goal(
      id: 8, name: "Capped", routeId: nil, targetMetres: 10_000, mode: .race,
      start: try F.day(3, 2), end: nil, dailyCapMetres: 2000, teamIds: [1])
    let walks = [F.walk(1, try F.day(3, 3), 5000), F.walk(1, try F.day(3, 4), 1500)]
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [try Self.kiwis()], walks: walks, today: try F.day(3, 4))
    // Then: 2000 + 1500.
    #expect(p.leader.doneMetres == 3500)
    #expect(p.leader.daily.map(\.metres) == [2000, 1500])
  }

  // MARK: Status

  @Test func cancelledGoal() throws {
    // Given: the active scenario, but cancelled.
    let p = try ProgressCalculator.progress(
      goal: try Self.routeGoal(state: .cancelled), route: Self.route,
      teams: [try Self.kiwis()], walks: try Self.routeWalks(), today: try F.day(3, 12))
    // Then: progress is still shown, but nothing is projected or needed.
    #expect(p.status == .cancelled)
    #expect(p.leader.doneMetres == 8200)
    #expect(p.neededMetresPerDay == nil)
    #expect(p.projectedOn == nil)
  }

  // MARK: Several teams

  /// Five one-member teams (team i has member i, since 02-01).
  static func fiveTeams() throws -> [ProgressCalculator.TeamHistory] {
    try ["Alpha", "bravo", "Charlie", "Delta", "echo"].enumerated().map { index, name in
      let id = Int64(index + 1)
      return ProgressCalculator.TeamHistory(
        team: Team(id: id, name: name),
        memberships: [F.member(id, of: id, joined: try F.day(2, 1), role: .captain)])
    }
  }

  static func raceGoal() throws -> Goal {
    Goal(
      id: 9, name: "Race", routeId: nil, targetMetres: 10_000, mode: .race,
      start: try F.day(3, 2), end: nil, dailyCapMetres: nil, teamIds: [1, 2, 3, 4, 5])
  }

  @Test func raceOrderArrivedFirstThenDistanceThenName() throws {
    // Given: Alpha 6000 (03-03) + 6000 (03-06) → arrives 03-06 with 12000;
    // bravo 10000 on 03-05 → arrives first, with less distance; echo 9000; Charlie and
    // Delta 3000 each (tied: by name).
    let walks = [
      F.walk(1, try F.day(3, 3), 6000), F.walk(1, try F.day(3, 6), 6000),
      F.walk(2, try F.day(3, 5), 10_000), F.walk(3, try F.day(3, 7), 3000),
      F.walk(4, try F.day(3, 8), 3000), F.walk(5, try F.day(3, 4), 9000),
    ]
    // When
    let p = try ProgressCalculator.progress(
      goal: try Self.raceGoal(), route: nil, teams: try Self.fiveTeams(), walks: walks,
      today: try F.day(3, 12))
    // Then
    #expect(p.markers.map(\.name) == ["bravo", "Alpha", "echo", "Charlie", "Delta"])
    #expect(p.markers.map(\.arrivedOn) == [try F.day(3, 5), try F.day(3, 6), nil, nil, nil])
    #expect(p.markers.map(\.doneMetres) == [10_000, 10_000, 9000, 3000, 3000])
    #expect(p.markers[1].countedMetres == 12_000)
    #expect(p.completedOn == (try F.day(3, 5)))  // the first arrival
    #expect(p.status == .completed)
    #expect(p.leader.name == "bravo")

    // And the race board ranks them 1, 2, 3, 4, 4 (Charlie and Delta tie).
    let board = LeaderboardBuilder.race(
      p, walksPerMarker: ["Alpha": 2, "bravo": 1, "Charlie": 1, "Delta": 1, "echo": 1])
    #expect(board.map(\.rank) == [1, 2, 3, 4, 4])
    #expect(board.map(\.name) == ["bravo", "Alpha", "echo", "Charlie", "Delta"])
    #expect(board.map(\.walks) == [1, 2, 1, 1, 1])
    #expect(board.map(\.percent) == [100, 100, 90, 30, 30])
  }

  @Test func raceTeamsArrivingTheSameDayAreOrderedByDistance() throws {
    // Given: Alpha 12000 and bravo 10000, both on 03-05.
    let walks = [F.walk(1, try F.day(3, 5), 12_000), F.walk(2, try F.day(3, 5), 10_000)]
    // When
    let p = try ProgressCalculator.progress(
      goal: try Self.raceGoal(), route: nil, teams: try Array(Self.fiveTeams().prefix(2)),
      walks: walks, today: try F.day(3, 12))
    // Then
    #expect(p.markers.map(\.name) == ["Alpha", "bravo"])
    let board = LeaderboardBuilder.race(p, walksPerMarker: [:])
    #expect(board.map(\.rank) == [1, 2])
  }

  /// North: members 10, 11; South: members 10, 12. Member 10 is in both.
  static func northSouth() throws -> [ProgressCalculator.TeamHistory] {
    [
      ProgressCalculator.TeamHistory(
        team: Team(id: 1, name: "North"),
        memberships: [
          F.member(10, of: 1, joined: try F.day(2, 1), role: .captain),
          F.member(11, of: 1, joined: try F.day(2, 1)),
        ]),
      ProgressCalculator.TeamHistory(
        team: Team(id: 2, name: "South"),
        memberships: [
          F.member(10, of: 2, joined: try F.day(2, 1), role: .captain),
          F.member(12, of: 2, joined: try F.day(2, 1)),
        ]),
    ]
  }

  static func northSouthWalks() throws -> [Walk] {
    [
      F.walk(10, try F.day(3, 3), 3000), F.walk(11, try F.day(3, 4), 2000),
      F.walk(12, try F.day(3, 5), 1000),
    ]
  }

  @Test func togetherGoalPoolsAllTeamsIntoOneMarker() throws {
    // Given
    let goal = Goal(
      id: 10, name: "Pool", routeId: nil, targetMetres: 10_000, mode: .together,
      start: try F.day(3, 2), end: nil, dailyCapMetres: nil, teamIds: [1, 2])
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: try Self.northSouth(), walks: try Self.northSouthWalks(),
      today: try F.day(3, 6))
    // Then: 3000 (member 10, once) + 2000 + 1000 = 6000 on one marker.
    #expect(p.markers.count == 1)
    #expect(p.leader.name == "North + South")
    #expect(p.leader.doneMetres == 6000)
    #expect(p.leader.percent == 60)
  }

  @Test func theSameTeamsInARaceEachCountTheirOwnMembers() throws {
    // Given
    let goal = Goal(
      id: 11, name: "Split", routeId: nil, targetMetres: 10_000, mode: .race,
      start: try F.day(3, 2), end: nil, dailyCapMetres: nil, teamIds: [1, 2])
    // When
    let p = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: try Self.northSouth(), walks: try Self.northSouthWalks(),
      today: try F.day(3, 6))
    // Then: North 3000 + 2000, South 3000 + 1000 (member 10 walks for both).
    #expect(p.markers.map(\.name) == ["North", "South"])
    #expect(p.markers.map(\.doneMetres) == [5000, 4000])
    // The pace follows the leader: 5000 over 03-02 … 03-06 (5 days) = 1000.
    #expect(p.paceMetresPerDay == 1000)
  }
}
