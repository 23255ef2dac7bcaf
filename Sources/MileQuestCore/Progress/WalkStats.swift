/// Totals, streaks and bests over a set of walks.
public struct WalkStats: Sendable, Equatable {
  public var totalMetres: Double
  public var walks: Int
  /// Days with at least one walk.
  public var activeDays: Int
  /// Consecutive days with a walk, ending today or yesterday; 0 otherwise.
  public var currentStreak: Int
  public var longestStreak: Int
  public var bestDay: LocalDate?
  public var bestDayMetres: Double
  /// Monday of the ISO week with the most distance.
  public var bestWeek: LocalDate?
  public var bestWeekMetres: Double
  /// Total distance divided by active days.
  public var averagePerActiveDayMetres: Double
  /// Distance per ISO week for the last `recentWeeks` weeks, oldest first (Monday, metres).
  public var recentWeeks: [(week: LocalDate, metres: Double)]

  public static func == (lhs: WalkStats, rhs: WalkStats) -> Bool {
    lhs.totalMetres == rhs.totalMetres && lhs.walks == rhs.walks
      && lhs.activeDays == rhs.activeDays && lhs.currentStreak == rhs.currentStreak
      && lhs.longestStreak == rhs.longestStreak && lhs.bestDay == rhs.bestDay
      && lhs.bestWeek == rhs.bestWeek
  }

  /// How many weeks `recentWeeks` covers.
  public static let recentWeekCount = 8

  /// Statistics of `walks` as of `today`.
  public init(walks: [Walk], today: LocalDate) {
    let counted = walks.filter { !$0.isDeleted }
    totalMetres = counted.map(\.distanceMetres).exactSum()
    self.walks = counted.count
    let perDay = Dictionary(grouping: counted, by: \.date).mapValues {
      $0.map(\.distanceMetres).exactSum()
    }
    activeDays = perDay.count
    let days = perDay.keys.sorted()
    var longest = 0
    var run = 0
    var previous: LocalDate?
    for day in days {
      run = (previous.map { day.days(from: $0) == 1 } ?? false) ? run + 1 : 1
      longest = max(longest, run)
      previous = day
    }
    longestStreak = longest
    var current = 0
    var cursor = perDay[today] != nil ? today : today.adding(days: -1)
    while perDay[cursor] != nil {
      current += 1
      cursor = cursor.adding(days: -1)
    }
    currentStreak = current
    let best = perDay.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
    bestDay = best?.key
    bestDayMetres = best?.value ?? 0
    let perWeek = Dictionary(grouping: counted, by: { $0.date.startOfISOWeek }).mapValues {
      $0.map(\.distanceMetres).exactSum()
    }
    let bestOfWeeks = perWeek.max { a, b in
      a.value != b.value ? a.value < b.value : a.key > b.key
    }
    bestWeek = bestOfWeeks?.key
    bestWeekMetres = bestOfWeeks?.value ?? 0
    averagePerActiveDayMetres = activeDays == 0 ? 0 : totalMetres / Double(activeDays)
    let thisWeek = today.startOfISOWeek
    recentWeeks = (0..<Self.recentWeekCount).reversed().map { back in
      let week = thisWeek.adding(days: -7 * back)
      return (week: week, metres: perWeek[week] ?? 0)
    }
  }
}
