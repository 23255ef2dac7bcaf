/// An inclusive range of calendar dates; a nil end is unbounded on that side.
public struct DateRange: Sendable, Equatable, Codable {
  /// First day in the range, or nil for "since forever".
  public var from: LocalDate?
  /// Last day in the range (inclusive), or nil for "until forever".
  public var to: LocalDate?

  /// The range `from`…`to`, both inclusive; nil means unbounded.
  public init(from: LocalDate? = nil, to: LocalDate? = nil) {
    self.from = from
    self.to = to
  }

  /// The unbounded range that contains every date.
  public static let all = DateRange()

  /// True when `d` lies in the range, ends included.
  public func contains(_ d: LocalDate) -> Bool {
    if let from, d < from { return false }
    if let to, d > to { return false }
    return true
  }

  /// True when the half-open window [`from`, `toExclusive`) (a membership, whose `left` day no
  /// longer counts) shares at least one day with this range; empty windows share none.
  public func overlaps(from start: LocalDate, toExclusive end: LocalDate?) -> Bool {
    // The window's last day is end − 1; compare inclusive ends on both sides.
    let windowLast = end.map { $0.adding(days: -1) }
    if let windowLast, windowLast < start { return false }
    if let from = self.from, let to = self.to, to < from { return false }
    if let to = self.to, start > to { return false }
    if let from = self.from, let windowLast, windowLast < from { return false }
    return true
  }
}

/// A named reporting period, resolved against a given "today".
public enum Period: String, CaseIterable, Sendable {
  /// Just today.
  case today
  /// The ISO week (Monday to Sunday) that contains today.
  case week
  /// The calendar month that contains today.
  case month
  /// The calendar year that contains today.
  case year
  /// Every date.
  case all

  /// The inclusive date range this period covers when today is `today`.
  ///
  /// - Parameter weekStart: the first day of a week (ISO weeks start on Monday).
  public func range(today: LocalDate, weekStart: WeekStart = .monday) -> DateRange {
    switch self {
    case .today: DateRange(from: today, to: today)
    case .week where weekStart == .sunday:
      // isoWeekday: Monday 1 … Sunday 7, so Sunday is 0 days back, Monday 1, …
      DateRange(
        from: today.adding(days: -(today.isoWeekday % 7)),
        to: today.adding(days: 6 - today.isoWeekday % 7))
    case .week: DateRange(from: today.startOfISOWeek, to: today.endOfISOWeek)
    case .month: DateRange(from: today.startOfMonth, to: today.endOfMonth)
    case .year: DateRange(from: today.startOfYear, to: today.endOfYear)
    case .all: DateRange()
    }
  }
}
