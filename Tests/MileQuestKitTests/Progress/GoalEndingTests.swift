import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// A goal's ending (issue 12): status across the end date and grace period, no projection
/// once it cannot move, grace periods as typed, and final results read from their copy.
/// Values are by hand: a 10 km distance goal from 03-02 to 03-10.
@Suite("Goal endings")
struct GoalEndingTests {
  typealias F = RuleFixture

  static func goal(grace: Int, end: LocalDate? = nil) throws -> Goal {
    Goal(
      id: 1, name: "G", routeId: nil, targetMetres: 10_000, mode: .race,
      start: try F.day(3, 2), end: try end ?? F.day(3, 10), dailyCapMetres: nil,
      graceDays: grace, teamIds: [1])
  }

  static func team() throws -> ProgressCalculator.TeamHistory {
    ProgressCalculator.TeamHistory(
      team: Team(id: 1, name: "Kiwis"),
      memberships: [F.member(1, of: 1, joined: try F.day(3, 1), role: .captain)])
  }

  func progress(grace: Int, today: LocalDate, walks: [Walk]) throws -> GoalProgress {
    try ProgressCalculator.progress(
      goal: Self.goal(grace: grace), route: nil, teams: [Self.team()], walks: walks,
      today: today)
  }

  @Test(
    "Status by day: active through the end date and the grace period, then ended",
    arguments: [
      (0, 10, "active"), (0, 11, "ended"), (2, 11, "active"), (2, 12, "active"),
      (2, 13, "ended"),
    ])
  func statusByDay(grace: Int, day: Int, status: String) throws {
    let walks = [F.walk(1, try F.day(3, 3), 3000)]
    let result = try progress(grace: grace, today: try F.day(3, day), walks: walks)
    #expect(result.status.rawValue == status)
    if status == "ended" {
      #expect(result.closedOn == (try F.day(3, 10)))
      #expect(result.projectedOn == nil)
      #expect(result.neededMetresPerDay == nil)
      #expect(result.daysLeft == nil)
    }
  }

  @Test("Past the end date, in the grace period, no arrival is projected")
  func noProjectionAfterTheEnd() throws {
    // 3000 m on 03-03: at the end (03-10) the pace is 3000 / 9 m a day, and 7000 m remain.
    let walks = [F.walk(1, try F.day(3, 3), 3000)]
    let onLastDay = try progress(grace: 3, today: try F.day(3, 10), walks: walks)
    #expect(onLastDay.projectedOn != nil)
    let inGrace = try progress(grace: 3, today: try F.day(3, 11), walks: walks)
    #expect(inGrace.status == .active)
    #expect(inGrace.projectedOn == nil)
  }

  @Test("No projected arrival past 9999-12-31 (a huge target stored by another program)")
  func noProjectionPastTheCalendar() throws {
    let goal = Goal(
      id: 1, name: "G", routeId: nil, targetMetres: 1e300, mode: .race,
      start: try F.day(3, 2), end: nil, dailyCapMetres: nil, teamIds: [1])
    let result = try ProgressCalculator.progress(
      goal: goal, route: nil, teams: [Self.team()], walks: [F.walk(1, try F.day(3, 3), 1)],
      today: try F.day(3, 4))
    #expect(result.paceMetresPerDay > 0)
    #expect(result.projectedOn == nil)
    #expect(ProgressCalculator.wholeDays(2.5, before: try F.day(3, 4)) == 3)
    #expect(ProgressCalculator.wholeDays(.infinity, before: try F.day(3, 4)) == nil)
  }

  @Test("A completed goal says when, and has no days left")
  func completed() throws {
    let walks = [F.walk(1, try F.day(3, 3), 6000), F.walk(1, try F.day(3, 5), 4000)]
    let result = try progress(grace: 0, today: try F.day(3, 7), walks: walks)
    #expect(result.status == .completed)
    #expect(result.completedOn == (try F.day(3, 5)))
    #expect(result.closedOn == (try F.day(3, 5)))
    #expect(result.daysLeft == nil)
  }

  @Test(
    "Grace periods as typed",
    arguments: [("0", 0), ("7", 7), ("7d", 7), ("3 days", 3), ("1 day", 1)])
  func graceAsTyped(text: String, days: Int) throws {
    #expect(try MileQuestService.graceDays(text) == days)
  }

  @Test("Bad grace periods are bad data", arguments: ["-1", "367", "x", "1.5", ""])
  func badGrace(text: String) {
    #expect(throws: MileQuestError.self) { try MileQuestService.graceDays(text) }
  }

  @Test("Final results: the copy's memberships and walks, not the live ones")
  func finalResultsReader() throws {
    let store = try SQLiteStore.inMemory()
    let final = FinalResults(
      reason: .ended, closedOn: try F.day(3, 10),
      memberships: [F.member(1, of: 7, joined: try F.day(3, 1))],
      walks: [F.walk(1, try F.day(3, 3), 1000), F.walk(2, try F.day(3, 4), 500)])
    try store.read { db in
      let reader = FinalResultsReader(base: db, final: final)
      #expect(try reader.memberships(teamId: 7).count == 1)
      #expect(try reader.memberships(teamId: 8).isEmpty)
      let some = try reader.walks(
        WalkFilter(memberIds: [1], range: DateRange(from: try F.day(3, 1), to: try F.day(3, 9))))
      #expect(some.map(\.distanceMetres) == [1000])
      let newest = try reader.walks(WalkFilter(newestFirst: true))
      #expect(newest.map(\.distanceMetres) == [500, 1000])
    }
  }
}
