import Foundation
import Testing

@testable import MileQuestKit

/// Small builders for the rule tests (Progress, Leaderboard). Namespaced so that they cannot
/// clash with helpers of other test files.
enum RuleFixture {
  /// A date in 2026 by month and day (2026-03-01 is a Sunday, 2026-03-02 a Monday: 2026-01-01
  /// is a Thursday and March 1 is 59 days later, 59 = 8·7 + 3).
  static func day(_ month: Int, _ day: Int, year: Int = 2026) throws -> LocalDate {
    try date(year, month, day)
  }

  /// A walk of `metres` by member `member` on `date`.
  static func walk(
    _ member: Int64, _ date: LocalDate, _ metres: Double, deleted: Bool = false
  ) -> Walk {
    Walk(memberId: member, date: date, distanceMetres: metres, isDeleted: deleted)
  }

  /// A membership of `member` in `team` over `[joined, left)`.
  static func member(
    _ member: Int64, of team: Int64, joined: LocalDate, left: LocalDate? = nil,
    role: Role = .member
  ) -> Membership {
    Membership(teamId: team, memberId: member, role: role, joined: joined, left: left)
  }

  /// The day totals of `dailyPieces`, as (date, summed metres).
  static func dayTotals(_ days: [(date: LocalDate, pieces: [Double])]) -> [LocalDate: Double] {
    Dictionary(uniqueKeysWithValues: days.map { ($0.date, $0.pieces.exactSum()) })
  }
}

@Suite("WalkCounting")
struct WalkCountingTests {
  typealias F = RuleFixture

  /// Membership `[2026-03-05, 2026-03-10)`: joined day counts, left day does not.
  @Test(arguments: [
    (3, 4, false),  // the day before joining
    (3, 5, true),  // the joined day
    (3, 9, true),  // the last day before leaving
    (3, 10, false),  // the left day: first day that no longer counts
    (3, 11, false),
  ])
  func membershipWindowEdges(_ month: Int, _ day: Int, _ expected: Bool) throws {
    // Given
    let membership = F.member(1, of: 1, joined: try F.day(3, 5), left: try F.day(3, 10))
    let walk = F.walk(1, try F.day(month, day), 1000)
    // When
    let counted = WalkCounting.counts(walk, memberships: [membership], in: .all)
    let pieces = WalkCounting.dailyPieces(
      walks: [walk], memberships: [membership], window: .all, dailyCap: nil)
    // Then
    #expect(counted == expected)
    #expect(pieces.count == (expected ? 1 : 0))
  }

  /// Goal window `[2026-03-02, 2026-03-31]`: both ends inclusive.
  @Test(arguments: [(3, 1, false), (3, 2, true), (3, 31, true), (4, 1, false)])
  func goalWindowIsInclusiveAtBothEnds(_ month: Int, _ day: Int, _ expected: Bool) throws {
    // Given: a member in the team all year.
    let membership = F.member(1, of: 1, joined: try F.day(1, 1))
    let window = DateRange(from: try F.day(3, 2), to: try F.day(3, 31))
    let walk = F.walk(1, try F.day(month, day), 1234)
    // When
    let days = WalkCounting.dailyPieces(
      walks: [walk], memberships: [membership], window: window, dailyCap: nil)
    // Then
    #expect(WalkCounting.counts(walk, memberships: [membership], in: window) == expected)
    #expect(days.map(\.pieces) == (expected ? [[1234]] : []))
  }

  @Test func aMembershipOfAnotherMemberDoesNotCount() throws {
    // Given: member 2 is in the team, member 1 walks.
    let membership = F.member(2, of: 1, joined: try F.day(1, 1))
    let walk = F.walk(1, try F.day(3, 5), 1000)
    // Then
    #expect(!WalkCounting.counts(walk, memberships: [membership], in: .all))
    #expect(
      WalkCounting.dailyPieces(
        walks: [walk], memberships: [membership], window: .all, dailyCap: nil
      ).isEmpty)
  }

  @Test func aGapBetweenTwoMembershipsDoesNotCount() throws {
    // Given: in the team [03-01, 03-05) and again from 03-10.
    let memberships = [
      F.member(1, of: 1, joined: try F.day(3, 1), left: try F.day(3, 5)),
      F.member(1, of: 1, joined: try F.day(3, 10)),
    ]
    let walks = [
      F.walk(1, try F.day(3, 4), 100), F.walk(1, try F.day(3, 5), 200),
      F.walk(1, try F.day(3, 9), 400), F.walk(1, try F.day(3, 10), 800),
    ]
    // When
    let totals = F.dayTotals(
      WalkCounting.dailyPieces(walks: walks, memberships: memberships, window: .all, dailyCap: nil))
    // Then: 03-04 (first stretch) and 03-10 (second) count; 03-05 and 03-09 are in the gap.
    #expect(totals == [try F.day(3, 4): 100, try F.day(3, 10): 800])
  }

  @Test func dailyCapAppliesPerMemberPerDay() throws {
    // Given: a cap of 2000 m; member 1 walks 1500 + 1500 on 03-05 (3000 > cap), member 2
    // walks 1000 the same day (under the cap), member 1 walks 1800 on 03-06 (under) and
    // exactly 2000 on 03-07 (at the cap: kept whole).
    let memberships = [
      F.member(1, of: 1, joined: try F.day(1, 1)), F.member(2, of: 1, joined: try F.day(1, 1)),
    ]
    let walks = [
      F.walk(1, try F.day(3, 5), 1500), F.walk(1, try F.day(3, 5), 1500),
      F.walk(2, try F.day(3, 5), 1000), F.walk(1, try F.day(3, 6), 1800),
      F.walk(1, try F.day(3, 7), 2000),
    ]
    // When
    let days = WalkCounting.dailyPieces(
      walks: walks, memberships: memberships, window: .all, dailyCap: 2000)
    // Then: 03-05 = min(3000, 2000) + min(1000, 2000) = 3000 (not min(4000, 2000) = 2000,
    // which a per-day rather than per-member cap would give); 03-06 = 1800; 03-07 = 2000.
    #expect(days.map(\.date) == [try F.day(3, 5), try F.day(3, 6), try F.day(3, 7)])
    #expect(
      F.dayTotals(days) == [try F.day(3, 5): 3000, try F.day(3, 6): 1800, try F.day(3, 7): 2000])
    // The capped member contributes one piece equal to the cap.
    #expect(days[0].pieces.sorted() == [1000, 2000])
  }

  @Test func noCapKeepsEverything() throws {
    // Given: the same 3000 m day without a cap.
    let memberships = [F.member(1, of: 1, joined: try F.day(1, 1))]
    let walks = [F.walk(1, try F.day(3, 5), 1500), F.walk(1, try F.day(3, 5), 1500)]
    // When
    let days = WalkCounting.dailyPieces(
      walks: walks, memberships: memberships, window: .all, dailyCap: nil)
    // Then
    #expect(F.dayTotals(days) == [try F.day(3, 5): 3000])
  }

  @Test func aMemberInTwoTeamsOfATogetherGoalCountsOnce() throws {
    // Given: member 1 is in teams 1 and 2; the marker pools both teams' memberships.
    let memberships = [
      F.member(1, of: 1, joined: try F.day(1, 1)), F.member(1, of: 2, joined: try F.day(1, 1)),
      F.member(2, of: 2, joined: try F.day(1, 1)),
    ]
    let walks = [F.walk(1, try F.day(3, 3), 3000), F.walk(2, try F.day(3, 3), 500)]
    // When
    let days = WalkCounting.dailyPieces(
      walks: walks, memberships: memberships, window: .all, dailyCap: nil)
    // Then: 3000 + 500, not 3000·2 + 500.
    #expect(F.dayTotals(days) == [try F.day(3, 3): 3500])
  }

  @Test func deletedWalksAreIgnored() throws {
    // Given
    let memberships = [F.member(1, of: 1, joined: try F.day(1, 1))]
    let walks = [
      F.walk(1, try F.day(3, 3), 1000), F.walk(1, try F.day(3, 3), 5000, deleted: true),
      F.walk(1, try F.day(3, 4), 700, deleted: true),
    ]
    // When
    let days = WalkCounting.dailyPieces(
      walks: walks, memberships: memberships, window: .all, dailyCap: nil)
    // Then
    #expect(F.dayTotals(days) == [try F.day(3, 3): 1000])
    #expect(!WalkCounting.counts(walks[1], memberships: memberships, in: .all))
    #expect(WalkCounting.counts(walks[0], memberships: memberships, in: .all))
  }

  @Test func deletedWalksDoNotUseUpTheDailyCap() throws {
    // Given: cap 2000; a deleted 5000 and a live 1500 on the same day.
    let memberships = [F.member(1, of: 1, joined: try F.day(1, 1))]
    let walks = [
      F.walk(1, try F.day(3, 3), 5000, deleted: true), F.walk(1, try F.day(3, 3), 1500),
    ]
    // When
    let days = WalkCounting.dailyPieces(
      walks: walks, memberships: memberships, window: .all, dailyCap: 2000)
    // Then: 1500, not the cap.
    #expect(F.dayTotals(days) == [try F.day(3, 3): 1500])
  }

  @Test func daysComeOutInDateOrder() throws {
    // Given: walks listed out of order.
    let memberships = [F.member(1, of: 1, joined: try F.day(1, 1))]
    let dates = [try F.day(3, 9), try F.day(2, 28), try F.day(3, 1), try F.day(3, 5)]
    let walks = dates.map { F.walk(1, $0, 100) }
    // When
    let days = WalkCounting.dailyPieces(
      walks: walks, memberships: memberships, window: .all, dailyCap: nil)
    // Then
    #expect(days.map(\.date) == dates.sorted())
  }

  @Test func countsRespectsTheRange() throws {
    // Given
    let memberships = [F.member(1, of: 1, joined: try F.day(1, 1))]
    let range = DateRange(from: try F.day(3, 1), to: try F.day(3, 7))
    // Then: inclusive at both ends.
    #expect(WalkCounting.counts(F.walk(1, try F.day(3, 1), 1), memberships: memberships, in: range))
    #expect(WalkCounting.counts(F.walk(1, try F.day(3, 7), 1), memberships: memberships, in: range))
    #expect(
      !WalkCounting.counts(F.walk(1, try F.day(3, 8), 1), memberships: memberships, in: range))
    #expect(
      !WalkCounting.counts(F.walk(1, try F.day(2, 28), 1), memberships: memberships, in: range))
  }
}
