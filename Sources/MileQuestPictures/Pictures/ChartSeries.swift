import MileQuestCore

/// One named line (or set of bars) of a chart: distance per day, for a team or a member.
public struct ChartSeries: Sendable, Equatable {
  /// Team name or member handle, shown in the legend.
  public var name: String
  /// Counted metres per day, in date order; days without walks may be missing.
  public var daily: [DailyDistance]

  public init(name: String, daily: [DailyDistance]) {
    self.name = name
    self.daily = daily
  }

  /// The series of a goal's marker (its counted metres per day).
  public init(marker: GoalProgress.Marker) {
    self.init(
      name: marker.name,
      daily: marker.daily.map { DailyDistance(date: $0.date, metres: $0.metres) })
  }

  /// The running total at the end of each day of `days` (days before the first walk are 0).
  public func cumulative(over days: ClosedRange<LocalDate>) -> [DailyDistance] {
    var total = ExactSum()
    var index = daily.startIndex
    // Walks before the range still count toward the running total.
    while index < daily.endIndex && daily[index].date < days.lowerBound {
      total.add(daily[index].metres)
      index += 1
    }
    var result: [DailyDistance] = []
    var day = days.lowerBound
    while day <= days.upperBound {
      while index < daily.endIndex && daily[index].date == day {
        total.add(daily[index].metres)
        index += 1
      }
      result.append(DailyDistance(date: day, metres: total.value))
      day = day.adding(days: 1)
    }
    return result
  }

  /// Metres per ISO week (Monday first) for the weeks starting at `weeks`.
  public func weekly(_ weeks: [LocalDate]) -> [Double] {
    var perWeek: [LocalDate: ExactSum] = [:]
    for entry in daily { perWeek[entry.date.startOfISOWeek, default: ExactSum()].add(entry.metres) }
    return weeks.map { perWeek[$0]?.value ?? 0 }
  }

  /// The first day with any distance.
  public var firstDate: LocalDate? { daily.first { $0.metres > 0 }?.date }
}

/// Metres on one day.
public struct DailyDistance: Sendable, Equatable {
  public var date: LocalDate
  public var metres: Double

  public init(date: LocalDate, metres: Double) {
    self.date = date
    self.metres = metres
  }
}
