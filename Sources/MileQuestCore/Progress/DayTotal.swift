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
