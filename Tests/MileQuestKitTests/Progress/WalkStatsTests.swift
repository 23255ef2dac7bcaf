import Foundation
import Testing

@testable import MileQuestKit

/// Dates: 2026-03-02, 03-09 and 03-16 are Mondays; 2026-03-20 is a Friday (see RuleFixture).
@Suite("WalkStats")
struct WalkStatsTests {
  typealias F = RuleFixture

  /// Twelve live walks and one deleted one, by member 1.
  ///
  /// Week of 03-02: 1000 (02), 2000 (03), 1500 (04), 5000 + 1000 (06)  = 10500, 5 walks, 4 days
  /// Week of 03-09: 800 (09), 900 (10), 1000 (11), 1100 (12), 3000 (15) = 6800, 5 walks, 5 days
  /// Week of 03-16: 2000 (18), 2000 (19)                                  = 4000, 2 walks, 2 days
  /// plus a deleted 1000 on 03-20.
  static func walks() throws -> [Walk] {
    let table: [(Int, Double)] = [
      (2, 1000), (3, 2000), (4, 1500), (6, 5000), (6, 1000), (9, 800), (10, 900), (11, 1000),
      (12, 1100), (15, 3000), (18, 2000), (19, 2000),
    ]
    return try table.map { F.walk(1, try F.day(3, $0.0), $0.1) }
      + [F.walk(1, try F.day(3, 20), 1000, deleted: true)]
  }

  @Test func totalsStreaksAndBests() throws {
    // When: today is Friday 03-20, with no (live) walk today.
    let stats = WalkStats(walks: try Self.walks(), today: try F.day(3, 20))
    // Then
    #expect(stats.totalMetres == 21_300)  // 10500 + 6800 + 4000
    #expect(stats.walks == 12)
    #expect(stats.activeDays == 11)  // 4 + 5 + 2
    // Runs: 02–04 (3), 06 (1), 09–12 (4), 15 (1), 18–19 (2).
    #expect(stats.longestStreak == 4)
    // Current: none today (the deleted walk does not count), so it ends yesterday: 18–19.
    #expect(stats.currentStreak == 2)
    #expect(stats.bestDay == (try F.day(3, 6)))
    #expect(stats.bestDayMetres == 6000)  // two walks on one day add up
    #expect(stats.bestWeek == (try F.day(3, 2)))  // the Monday
    #expect(stats.bestWeekMetres == 10_500)
    #expect(stats.averagePerActiveDayMetres == 21_300.0 / 11.0)
  }

  @Test func currentStreakCountsTodayWhenWalked() throws {
    // Given: a walk today too (03-20): 18, 19, 20.
    let walks = try Self.walks() + [F.walk(1, try F.day(3, 20), 500)]
    // When
    let stats = WalkStats(walks: walks, today: try F.day(3, 20))
    // Then
    #expect(stats.currentStreak == 3)
  }

  @Test func currentStreakIsZeroWhenTheLastWalkWasTheDayBeforeYesterday() throws {
    // When: today 03-21; the last walk was 03-19.
    let stats = WalkStats(walks: try Self.walks(), today: try F.day(3, 21))
    // Then
    #expect(stats.currentStreak == 0)
    #expect(stats.longestStreak == 4)
  }

  @Test func streakCrossesMonthAndYearEnds() throws {
    // Given: 2025-12-30, 12-31, 2026-01-01, 01-02 (and a lone 2025-12-27).
    let dates = [
      try date(2025, 12, 27), try date(2025, 12, 30), try date(2025, 12, 31),
      try date(2026, 1, 1), try date(2026, 1, 2),
    ]
    // When: today 2026-01-03.
    let stats = WalkStats(walks: dates.map { F.walk(1, $0, 1000) }, today: try date(2026, 1, 3))
    // Then
    #expect(stats.longestStreak == 4)
    #expect(stats.currentStreak == 4)
  }

  @Test func bestWeekUsesISOWeeksStartingOnMonday() throws {
    // Given: 2026-01-01 is a Thursday, so its ISO week starts on Monday 2025-12-29.
    // Wed 2025-12-31 (3000) and Fri 2026-01-02 (3000) share that week = 6000; Sunday
    // 2025-12-28 (5000) belongs to the week before (Monday 12-22). Calendar weeks starting on
    // Sunday would instead pair 12-28 with 12-31 (8000).
    let walks = [
      F.walk(1, try date(2025, 12, 28), 5000), F.walk(1, try date(2025, 12, 31), 3000),
      F.walk(1, try date(2026, 1, 2), 3000),
    ]
    // When
    let stats = WalkStats(walks: walks, today: try date(2026, 1, 5))
    // Then
    #expect(stats.bestWeek == (try date(2025, 12, 29)))
    #expect(stats.bestWeekMetres == 6000)
    #expect(stats.bestDay == (try date(2025, 12, 28)))
  }

  @Test func tiesGoToTheEarlierDayAndWeek() throws {
    // Given: 2000 on 03-03 and on 03-10 (a week later): equal days, equal weeks.
    let walks = [F.walk(1, try F.day(3, 10), 2000), F.walk(1, try F.day(3, 3), 2000)]
    // When
    let stats = WalkStats(walks: walks, today: try F.day(3, 20))
    // Then: deterministic — the earlier one.
    #expect(stats.bestDay == (try F.day(3, 3)))
    #expect(stats.bestWeek == (try F.day(3, 2)))
  }

  @Test func noWalks() throws {
    // When
    let stats = WalkStats(walks: [], today: try F.day(3, 20))
    // Then
    #expect(stats.totalMetres == 0)
    #expect(stats.walks == 0)
    #expect(stats.activeDays == 0)
    #expect(stats.currentStreak == 0)
    #expect(stats.longestStreak == 0)
    #expect(stats.bestDay == nil)
    #expect(stats.bestWeek == nil)
    #expect(stats.averagePerActiveDayMetres == 0)
  }

  @Test func recentWeeksAreEightMondaysOldestFirst() throws {
    // When: today 03-20 (week of 03-16).
    let stats = WalkStats(walks: try Self.walks(), today: try F.day(3, 20))
    // Then: Mondays 01-26, 02-02, 02-09, 02-16, 02-23, 03-02, 03-09, 03-16.
    let mondays = [
      try F.day(1, 26), try F.day(2, 2), try F.day(2, 9), try F.day(2, 16), try F.day(2, 23),
      try F.day(3, 2), try F.day(3, 9), try F.day(3, 16),
    ]
    #expect(stats.recentWeeks.map(\.week) == mondays)
    #expect(stats.recentWeeks.map(\.metres) == [0, 0, 0, 0, 0, 10_500, 6800, 4000])
  }
}
