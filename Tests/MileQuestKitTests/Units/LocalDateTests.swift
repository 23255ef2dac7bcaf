import Foundation
import Testing

@testable import MileQuestKit

@Suite("LocalDate")
struct LocalDateTests {
  /// Every day 1900-01-01 … 2100-12-31 against Foundation's Gregorian calendar in UTC, an
  /// independent implementation: parts, day number, ISO weekday and the string form.
  @Test func matchesFoundationCalendarFor1900To2100() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
    // Day numbers of 1900-01-01 and 2100-12-31 (Python: (date - date(1970,1,1)).days).
    let first = -25_567
    let last = 47_846
    var mismatches: [String] = []
    for dayNumber in first...last {
      let instant = Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
      let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
      guard let y = parts.year, let m = parts.month, let d = parts.day, let w = parts.weekday
      else {
        mismatches.append("day \(dayNumber): calendar gave no parts")
        continue
      }
      let date = LocalDate(dayNumber: dayNumber)
      // Foundation's weekday is 1 = Sunday … 7 = Saturday; ISO is 1 = Monday … 7 = Sunday.
      let isoWeekday = (w + 5) % 7 + 1
      let text = String(format: "%04d-%02d-%02d", y, m, d)
      if date.year != y || date.month != m || date.day != d || date.isoWeekday != isoWeekday
        || LocalDate(year: y, month: m, day: d)?.dayNumber != dayNumber
        || date.description != text || LocalDate(text) != date
      {
        mismatches.append("day \(dayNumber): calendar says \(text)")
      }
      if mismatches.count > 10 { break }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// Day numbers by hand: 2000-01-01 is 30 × 365 + 7 leap days (1972 … 1996) = 10 957.
  @Test(arguments: [
    (1970, 1, 1, 0), (1969, 12, 31, -1), (1970, 1, 2, 1), (2000, 1, 1, 10_957),
    (1971, 1, 1, 365), (1973, 1, 1, 1096),
  ])
  func knownDayNumbers(_ y: Int, _ m: Int, _ d: Int, _ n: Int) throws {
    #expect(try #require(LocalDate(year: y, month: m, day: d)).dayNumber == n)
    #expect(LocalDate(dayNumber: n).description == String(format: "%04d-%02d-%02d", y, m, d))
  }

  @Test(arguments: [
    (2024, 2, 29, true), (2026, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false),
    (2026, 4, 31, false), (2026, 12, 31, true), (2026, 13, 1, false), (2026, 0, 1, false),
    (2026, 1, 0, false), (2026, 1, 32, false), (0, 1, 1, false), (10_000, 1, 1, false),
    (1, 1, 1, true), (9999, 12, 31, true),
  ])
  func validation(_ y: Int, _ m: Int, _ d: Int, _ valid: Bool) {
    #expect((LocalDate(year: y, month: m, day: d) != nil) == valid)
  }

  @Test(arguments: [
    "2026-1-05", "2026-01-5", " 2026-01-05", "2026-01-05 ", "20260105", "2026/01/05",
    "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01", "+2026-01-01", "２０２６-01-01",
    "2026-02-29", "", "2026-01-05T00:00:00Z", "2026-0a-05",
  ])
  func strictParsingRefuses(_ text: String) {
    #expect(LocalDate(text) == nil)
  }

  @Test func isoWeekdayAndWeekStart() throws {
    // 2026-01-01 is a Thursday, so its ISO week starts on Monday 2025-12-29.
    let newYear = try date(2026, 1, 1)
    #expect(newYear.isoWeekday == 4)
    #expect(newYear.startOfISOWeek == (try date(2025, 12, 29)))
    #expect(newYear.endOfISOWeek == (try date(2026, 1, 4)))
    // 1970-01-01 was a Thursday too; 1969-12-29 a Monday.
    #expect(LocalDate(dayNumber: 0).isoWeekday == 4)
    #expect(LocalDate(dayNumber: -3).isoWeekday == 1)
    // A Monday is its own week start, a Sunday its own week end.
    let monday = try date(2026, 11, 16)
    #expect(monday.startOfISOWeek == monday)
    let sunday = try date(2026, 11, 22)
    #expect(sunday.isoWeekday == 7)
    #expect(sunday.startOfISOWeek == monday)
    #expect(sunday.endOfISOWeek == sunday)
  }

  @Test func monthAndYearBounds() throws {
    let leap = try date(2024, 2, 10)
    #expect(leap.startOfMonth == (try date(2024, 2, 1)))
    #expect(leap.endOfMonth == (try date(2024, 2, 29)))
    #expect(try date(2026, 2, 10).endOfMonth == (try date(2026, 2, 28)))
    #expect(try date(2026, 12, 31).endOfMonth == (try date(2026, 12, 31)))
    #expect(try date(2026, 7, 4).startOfYear == (try date(2026, 1, 1)))
    #expect(try date(2026, 7, 4).endOfYear == (try date(2026, 12, 31)))
  }

  @Test func arithmeticAndOrder() throws {
    let a = try date(2024, 2, 28)
    #expect(a.adding(days: 1) == (try date(2024, 2, 29)))
    #expect(a.adding(days: 2) == (try date(2024, 3, 1)))
    #expect(a.adding(days: -59) == (try date(2023, 12, 31)))
    // 2024 has 366 days.
    #expect(try date(2025, 1, 1).days(from: date(2024, 1, 1)) == 366)
    #expect(try date(2024, 1, 1).days(from: date(2025, 1, 1)) == -366)
    #expect(a < a.adding(days: 1))
    #expect(
      [a.adding(days: 3), a, a.adding(days: -1)].sorted() == [
        a.adding(days: -1), a, a.adding(days: 3),
      ])
  }

  @Test func codableAsAString() throws {
    let d = try date(2026, 11, 20)
    let json = try JSONEncoder().encode([d])
    #expect(String(decoding: json, as: UTF8.self) == #"["2026-11-20"]"#)
    #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [d])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8))
    }
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([LocalDate].self, from: Data("[20777]".utf8))
    }
  }

  @Test func losslessStringRoundTrip() throws {
    let d = try date(987, 6, 5)
    #expect(d.description == "0987-06-05")
    #expect(LocalDate(d.description) == d)
  }

  /// The epoch instant is 1970-01-01 in UTC, still 1969-12-31 at UTC−5 and already
  /// 1970-01-01 09:00 at UTC+9.
  @Test func todayFollowsTheTimeZone() throws {
    let epoch = Date(timeIntervalSince1970: 0)
    let utc = try #require(TimeZone(secondsFromGMT: 0))
    let west = try #require(TimeZone(secondsFromGMT: -5 * 3600))
    let east = try #require(TimeZone(secondsFromGMT: 9 * 3600))
    #expect(LocalDate.today(in: utc, now: epoch) == LocalDate(dayNumber: 0))
    #expect(LocalDate.today(in: west, now: epoch) == LocalDate(dayNumber: -1))
    #expect(LocalDate.today(in: east, now: epoch) == LocalDate(dayNumber: 0))
    // 2026-11-20 23:30 UTC is already the 21st at UTC+9.
    let late = Date(timeIntervalSince1970: 20_777 * 86_400 + 23.5 * 3600)
    #expect(LocalDate.today(in: utc, now: late) == (try date(2026, 11, 20)))
    #expect(LocalDate.today(in: east, now: late) == (try date(2026, 11, 21)))
  }
}
