import MileQuestKit

/// How statistics look in every format.
enum StatsView {
  static func json(subject: String, _ stats: WalkStats, _ printer: Printer) -> JSONValue {
    .object(
      [("name", .string(subject)), ("unit", .string(printer.unit.rawValue))]
        + printer.distanceFields(stats.totalMetres)
        + [
          ("walks", .int(Int64(stats.walks))), ("active_days", .int(Int64(stats.activeDays))),
          ("current_streak", .int(Int64(stats.currentStreak))),
          ("longest_streak", .int(Int64(stats.longestStreak))),
          ("best_day", JSONValue(stats.bestDay?.description)),
          ("best_day_m", .double(stats.bestDayMetres)),
          ("best_week", JSONValue(stats.bestWeek?.description)),
          ("best_week_m", .double(stats.bestWeekMetres)),
          ("average_per_active_day_m", .double(stats.averagePerActiveDayMetres)),
          (
            "weeks",
            .array(
              stats.recentWeeks.map {
                .object([
                  ("week", .string($0.week.description)), ("distance_m", .double($0.metres)),
                ])
              })
          ),
        ])
  }

  /// The statistics as a two-column table; the recent weeks as a sparkline (`ascii`: plain
  /// ASCII characters).
  static func table(
    subject: String, _ stats: WalkStats, _ printer: Printer,
    ascii: Bool = Charset.ascii(forced: false)
  ) -> TextTable {
    let unit = printer.unit.rawValue
    var table = TextTable([("stat", .left), ("value", .left)])
    table.append(["name", subject])
    table.append(["total \(unit)", printer.distance(stats.totalMetres)])
    table.append(["walks", String(stats.walks)])
    table.append(["active days", String(stats.activeDays)])
    table.append(["current streak", Plural.count(stats.currentStreak, "day")])
    table.append(["longest streak", Plural.count(stats.longestStreak, "day")])
    table.append([
      "best day",
      stats.bestDay.map { "\($0) (\(printer.distance(stats.bestDayMetres)) \(unit))" } ?? "-",
    ])
    table.append([
      "best week",
      stats.bestWeek.map { "week of \($0) (\(printer.distance(stats.bestWeekMetres)) \(unit))" }
        ?? "-",
    ])
    table.append([
      "average per active day", "\(printer.distance(stats.averagePerActiveDayMetres)) \(unit)",
    ])
    let weekly = stats.recentWeeks.map(\.metres)
    var recent = sparkline(weekly, ascii: ascii)
    if let first = stats.recentWeeks.first, let top = weekly.max(), top > 0 {
      recent += "  from \(first.week), top week \(printer.distance(top)) \(unit)"
    }
    table.append(["last \(Plural.count(stats.recentWeeks.count, "week"))", recent])
    return table
  }

  /// One character per value, scaled to the largest (block heights, or ASCII with `ascii`).
  static func sparkline(_ values: [Double], ascii: Bool = false) -> String {
    RouteStrip.sparkline(values, ascii: ascii)
  }
}
