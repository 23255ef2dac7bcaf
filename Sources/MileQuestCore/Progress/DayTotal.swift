/// What one member walked on one day: the exact sum and the count of their walks of that day
/// that are not deleted (a store's per-member per-day rollup, `StoreSpeedUps.forEachDayTotal`).
public struct DayTotal: Sendable, Equatable {
  public var memberId: Int64
  public var date: LocalDate
  public var sum: ExactSum
  public var walks: Int

  public init(memberId: Int64, date: LocalDate, sum: ExactSum, walks: Int) {
    self.memberId = memberId
    self.date = date
    self.sum = sum
    self.walks = walks
  }

  public static func == (lhs: DayTotal, rhs: DayTotal) -> Bool {
    lhs.memberId == rhs.memberId && lhs.date == rhs.date && lhs.sum.value == rhs.sum.value
      && lhs.walks == rhs.walks
  }

  /// The day totals of these walk amounts (walks not deleted), in no particular order.
  public static func of<Amounts: Sequence<WalkAmount>>(_ amounts: Amounts) -> [DayTotal] {
    var days = Accumulator()
    for walk in amounts { days.add(walk) }
    return days.totals
  }

  /// Adds walk amounts up into day totals, one at a time.
  public struct Accumulator: Sendable {
    private var days: [Key: DayTotal] = [:]

    public init() {}

    /// Adds one walk (not deleted) to its member's day.
    public mutating func add(_ walk: WalkAmount) {
      let key = Key(memberId: walk.memberId, date: walk.date)
      days[
        key, default: DayTotal(memberId: walk.memberId, date: walk.date, sum: ExactSum(), walks: 0)
      ]
      .add(walk.distanceMetres)
    }

    /// The day totals so far, in no particular order.
    public var totals: [DayTotal] { Array(days.values) }
  }

  private mutating func add(_ metres: Double) {
    sum.add(metres)
    walks += 1
  }

  private struct Key: Hashable, Sendable {
    let memberId: Int64
    let date: LocalDate
  }
}

/// What one member walked in one calendar month: the exact sum and the count of their walks
/// of that month that are not deleted (a store's per-member per-month rollup,
/// `StoreSpeedUps.forEachMonthTotal`).
public struct MonthTotal: Sendable, Equatable {
  public var memberId: Int64
  /// The month's first day.
  public var month: LocalDate
  public var sum: ExactSum
  public var walks: Int

  public init(memberId: Int64, month: LocalDate, sum: ExactSum, walks: Int) {
    self.memberId = memberId
    self.month = month
    self.sum = sum
    self.walks = walks
  }

  public static func == (lhs: MonthTotal, rhs: MonthTotal) -> Bool {
    lhs.memberId == rhs.memberId && lhs.month == rhs.month && lhs.sum.value == rhs.sum.value
      && lhs.walks == rhs.walks
  }

  /// The month totals of these day totals, in no particular order.
  public static func of<Days: Sequence<DayTotal>>(_ days: Days) -> [MonthTotal] {
    var months: [MonthKey: MonthTotal] = [:]
    for day in days {
      let key = MonthKey(memberId: day.memberId, month: day.date.startOfMonth)
      months[
        key,
        default: MonthTotal(memberId: key.memberId, month: key.month, sum: ExactSum(), walks: 0)
      ]
      .add(day)
    }
    return Array(months.values)
  }

  private mutating func add(_ day: DayTotal) {
    sum.add(day.sum)
    walks += day.walks
  }

  private struct MonthKey: Hashable, Sendable {
    let memberId: Int64
    let month: LocalDate
  }
}

extension DateRange {
  /// The calendar months whose every day lies in this range, as the range of their first
  /// days (an open end stays open), and the days of this range outside them (at most two
  /// ranges, before and after); nil when no month lies wholly inside.
  public var wholeMonths: (months: DateRange, edges: [DateRange])? {
    let first = from.map { $0.day == 1 ? $0 : $0.endOfMonth.adding(days: 1) }
    let last = to.map {
      $0 == $0.endOfMonth ? $0.startOfMonth : $0.startOfMonth.adding(days: -1).startOfMonth
    }
    if let first, let last, first > last { return nil }
    var edges: [DateRange] = []
    if let from, let first, from < first {
      edges.append(DateRange(from: from, to: first.adding(days: -1)))
    }
    if let to, let last, last.endOfMonth < to {
      edges.append(DateRange(from: last.endOfMonth.adding(days: 1), to: to))
    }
    return (DateRange(from: first, to: last), edges)
  }
}
