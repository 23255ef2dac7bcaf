import Foundation
import Testing

@testable import MileQuestKit

@Suite("Period and DateRange")
struct PeriodTests {
  /// Ranges by hand for Friday 2026-11-20 (its ISO week is Mon 16 … Sun 22 November).
  @Test(arguments: [
    (Period.today, "2026-11-20", "2026-11-20"), (.week, "2026-11-16", "2026-11-22"),
    (.month, "2026-11-01", "2026-11-30"), (.year, "2026-01-01", "2026-12-31"),
  ])
  func rangesForAFriday(_ period: Period, _ from: String, _ to: String) throws {
    let range = period.range(today: try date(2026, 11, 20))
    #expect(range.from?.description == from)
    #expect(range.to?.description == to)
  }

  @Test func allIsUnbounded() throws {
    let range = Period.all.range(today: try date(2026, 11, 20))
    #expect(range == DateRange(from: nil, to: nil))
    #expect(range == .all)
    #expect(range.contains(try date(1, 1, 1)))
    #expect(range.contains(try date(9999, 12, 31)))
  }

  @Test func weekAcrossTheYearBoundary() throws {
    // Thursday 2026-01-01: ISO week Monday 2025-12-29 … Sunday 2026-01-04.
    let range = Period.week.range(today: try date(2026, 1, 1))
    #expect(range == DateRange(from: try date(2025, 12, 29), to: try date(2026, 1, 4)))
    // On the Sunday that ends it, the week is the same one.
    #expect(Period.week.range(today: try date(2026, 1, 4)) == range)
    // The next day, Monday, starts a new week.
    #expect(Period.week.range(today: try date(2026, 1, 5)).from == (try date(2026, 1, 5)))
  }

  @Test func monthOfALeapFebruary() throws {
    let range = Period.month.range(today: try date(2024, 2, 29))
    #expect(range == DateRange(from: try date(2024, 2, 1), to: try date(2024, 2, 29)))
  }

  @Test func periodNamesAreStable() {
    #expect(Period.allCases.map(\.rawValue) == ["today", "week", "month", "year", "all"])
  }

  @Test func containsIsInclusive() throws {
    let range = DateRange(from: try date(2026, 11, 10), to: try date(2026, 11, 20))
    #expect(!range.contains(try date(2026, 11, 9)))
    #expect(range.contains(try date(2026, 11, 10)))
    #expect(range.contains(try date(2026, 11, 20)))
    #expect(!range.contains(try date(2026, 11, 21)))
    #expect(DateRange(from: try date(2026, 11, 10)).contains(try date(2099, 1, 1)))
    #expect(!DateRange(to: try date(2026, 11, 10)).contains(try date(2026, 11, 11)))
  }

  /// Range 10 … 20 November 2026 against membership windows [joined, left); `left` is the
  /// first day that no longer counts. nil day = unbounded.
  @Test(
    arguments: [
      (5, 10, false), (5, 11, true), (20, nil, true), (21, nil, false), (15, 15, false),
      (1, nil, true), (12, 14, true), (20, 21, true), (21, 25, false), (15, 12, false),
    ] as [(Int, Int?, Bool)])
  func overlapsHalfOpenWindows(_ joined: Int, _ left: Int?, _ expected: Bool) throws {
    let range = DateRange(from: try date(2026, 11, 10), to: try date(2026, 11, 20))
    let end = try left.map { try date(2026, 11, $0) }
    #expect(range.overlaps(from: try date(2026, 11, joined), toExclusive: end) == expected)
  }

  @Test func overlapsWithUnboundedRanges() throws {
    let joined = try date(2026, 11, 10)
    let left = try date(2026, 11, 15)
    #expect(DateRange.all.overlaps(from: joined, toExclusive: left))
    #expect(DateRange.all.overlaps(from: joined, toExclusive: nil))
    #expect(!DateRange.all.overlaps(from: joined, toExclusive: joined))
    #expect(DateRange(to: joined).overlaps(from: joined, toExclusive: nil))
    #expect(!DateRange(to: try date(2026, 11, 9)).overlaps(from: joined, toExclusive: nil))
    #expect(DateRange(from: try date(2026, 11, 14)).overlaps(from: joined, toExclusive: left))
    #expect(!DateRange(from: left).overlaps(from: joined, toExclusive: left))
    // An empty range (to before from) overlaps nothing.
    let empty = DateRange(from: left, to: joined)
    #expect(!empty.overlaps(from: joined, toExclusive: nil))
  }

  @Test func dateRangeIsCodable() throws {
    let range = DateRange(from: try date(2026, 1, 1), to: nil)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(range), as: UTF8.self)
    #expect(json == #"{"from":"2026-01-01"}"#)
    #expect(try JSONDecoder().decode(DateRange.self, from: Data(json.utf8)) == range)
  }
}
