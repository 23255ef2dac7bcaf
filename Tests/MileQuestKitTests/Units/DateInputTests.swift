import Foundation
import Testing

@testable import MileQuestKit

/// A date from its parts, failing the test when they are not a real day.
func date(_ year: Int, _ month: Int, _ day: Int) throws -> LocalDate {
  try #require(LocalDate(year: year, month: month, day: day))
}

@Suite("DateInput")
struct DateInputTests {
  /// Friday 2026-11-20 (weekday checked against Python's `datetime.date.isoweekday`).
  let friday = LocalDate(year: 2026, month: 11, day: 20)

  @Test(arguments: [
    ("2026-11-20", "2026-11-20"), ("2024-02-29", "2024-02-29"), ("2000-02-29", "2000-02-29"),
    ("today", "2026-11-20"), ("TODAY", "2026-11-20"), ("  today \n", "2026-11-20"),
    ("yesterday", "2026-11-19"), ("Yesterday", "2026-11-19"), ("tomorrow", "2026-11-21"),
    ("-3d", "2026-11-17"), ("-0d", "2026-11-20"), ("-30d", "2026-10-21"),
    ("-20d", "2026-10-31"), ("3d ago", "2026-11-17"), ("3 days ago", "2026-11-17"),
    ("1 day ago", "2026-11-19"), ("-2w", "2026-11-06"), ("2 weeks ago", "2026-11-06"),
    ("1 week ago", "2026-11-13"), ("2w ago", "2026-11-06"), ("-3 days", "2026-11-17"),
    ("-365d", "2025-11-20"),
    // Weekdays: the most recent one strictly before Friday the 20th.
    ("monday", "2026-11-16"), ("mon", "2026-11-16"), ("Tuesday", "2026-11-17"),
    ("tue", "2026-11-17"), ("wednesday", "2026-11-18"), ("WED", "2026-11-18"),
    ("thursday", "2026-11-19"), ("thu", "2026-11-19"), ("friday", "2026-11-13"),
    ("fri", "2026-11-13"), ("saturday", "2026-11-14"), ("sat", "2026-11-14"),
    ("sunday", "2026-11-15"), ("sun", "2026-11-15"),
  ])
  func parsesOnAFriday(_ text: String, _ expected: String) throws {
    let today = try #require(friday)
    #expect(try DateInput.parse(text, today: today).description == expected)
  }

  @Test func mondayOnAMondayMeansSevenDaysAgo() throws {
    // 2026-11-23 is a Monday (Python: isoweekday() == 1).
    let monday = try date(2026, 11, 23)
    #expect(try DateInput.parse("monday", today: monday) == date(2026, 11, 16))
    #expect(try DateInput.parse("mon", today: monday) == date(2026, 11, 16))
    #expect(try DateInput.parse("sunday", today: monday) == date(2026, 11, 22))
  }

  @Test func relativeDatesCrossYearAndLeapDayBoundaries() throws {
    let newYear = try date(2026, 1, 1)  // a Thursday
    #expect(try DateInput.parse("yesterday", today: newYear) == date(2025, 12, 31))
    #expect(try DateInput.parse("-1w", today: newYear) == date(2025, 12, 25))
    #expect(try DateInput.parse("friday", today: newYear) == date(2025, 12, 26))
    #expect(try DateInput.parse("tomorrow", today: date(2025, 12, 31)) == newYear)
    // 2024 is a leap year: the day before March 1 is February 29; in 2026 it is the 28th.
    #expect(try DateInput.parse("yesterday", today: date(2024, 3, 1)) == date(2024, 2, 29))
    #expect(try DateInput.parse("yesterday", today: date(2026, 3, 1)) == date(2026, 2, 28))
  }

  @Test func futureDatesAreNotRefusedHere() throws {
    #expect(try DateInput.parse("2030-01-01", today: date(2026, 1, 1)) == date(2030, 1, 1))
  }

  @Test(arguments: [
    "2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "1900-02-29",
  ])
  func refusesImpossibleDays(_ text: String) throws {
    let today = try date(2026, 11, 20)
    #expect {
      try DateInput.parse(text, today: today)
    } throws: { isBadData($0, containing: "bad date '\(text)'") }
  }

  @Test(arguments: [
    "", "someday", "2026-1-5", "2026/11/20", "20261120", "26-11-20", "2026-11-20T00:00",
    "3", "3d", "+3d", "-d", "- 3d", "-3x", "3 days", "3 days ago ago", "ago", "-1234567d",
    "mo", "mond", "next monday", "-3.5d", "۳ days ago",
  ])
  func refusesNonsense(_ text: String) throws {
    let today = try date(2026, 11, 20)
    #expect {
      try DateInput.parse(text, today: today)
    } throws: { isBadData($0, containing: "use YYYY-MM-DD") }
  }
}
