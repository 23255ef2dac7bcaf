import Foundation
import MileQuestCore

/// A line chart of cumulative distance over time, one line per team or member, with a goal's
/// target line and the pace line it still needs to finish by its end date.
///
/// Days run left to right; day D covers [x(D), x(D + 1)), and a line's point at x(D + 1) is its
/// total at the end of day D. Lines are `<path id="PREFIX-series-N" data-name=...>`.
public struct ProgressChart: Sendable {
  /// The kinds of chart the CLI offers.
  public enum Kind: String, Sendable, CaseIterable {
    /// Cumulative distance over time (`ProgressChart`).
    case cumulative
    /// Distance per ISO week, a bar per member (`WeeklyChart`).
    case weekly
  }

  /// The line from where the leader stands to the target on the end date.
  public struct PaceLine: Sendable, Equatable {
    /// First day still left (the line starts at the beginning of it).
    public var from: LocalDate
    public var fromMetres: Double
    /// The end date (the line ends at the end of it).
    public var to: LocalDate
    public var toMetres: Double
    public var metresPerDay: Double

    public init(
      from: LocalDate, fromMetres: Double, to: LocalDate, toMetres: Double, metresPerDay: Double
    ) {
      self.from = from
      self.fromMetres = fromMetres
      self.to = to
      self.toMetres = toMetres
      self.metresPerDay = metresPerDay
    }
  }

  /// Size, unit, texts and the prefix of element ids (distinct per chart in one HTML page).
  public struct Options: Sendable {
    public var unit: DistanceUnit
    public var width: Double
    public var plotHeight: Double
    public var title: String
    public var subtitle: String
    public var idPrefix: String
    /// Draw the title and subtitle above the plot (off when a page has its own caption).
    public var showTitle: Bool

    public init(
      unit: DistanceUnit = .mi, width: Double = 960, plotHeight: Double = 320,
      title: String = "Progress", subtitle: String = "", idPrefix: String = "chart",
      showTitle: Bool = true
    ) {
      self.unit = unit
      self.width = width
      self.plotHeight = plotHeight
      self.title = title
      self.subtitle = subtitle
      self.idPrefix = idPrefix
      self.showTitle = showTitle
    }
  }

  public let series: [ChartSeries]
  /// The days the time axis spans.
  public let days: ClosedRange<LocalDate>
  /// Lines stop at the end of this day (today, or the goal's end).
  public let drawnUntil: LocalDate
  public let target: Double?
  public let pace: PaceLine?
  public let today: LocalDate?
  public let options: Options
  let frame: ChartFrame
  private let totals: [[DailyDistance]]

  /// A chart of `series` over `days`, drawn up to `drawnUntil`, with an optional target line,
  /// pace line and "today" rule.
  public init(
    series: [ChartSeries], days: ClosedRange<LocalDate>, drawnUntil: LocalDate,
    target: Double? = nil, pace: PaceLine? = nil, today: LocalDate? = nil,
    options: Options = Options()
  ) {
    self.series = series
    self.days = days
    self.drawnUntil = min(max(drawnUntil, days.lowerBound), days.upperBound)
    self.target = target
    self.pace = pace
    self.today = today
    self.options = options
    let drawn = days.lowerBound...self.drawnUntil
    let totals = series.map { $0.cumulative(over: drawn) }
    self.totals = totals
    let highest = totals.compactMap { $0.last?.metres }.max() ?? 0
    let maximum = max(highest, target ?? 0, pace?.toMetres ?? 0)
    let unit = options.unit
    var items = series.enumerated().map { index, line in
      SVGLegend.Item(
        symbol: .line(colour: Palette.colour(index), width: 3, dash: nil),
        text: PictureFormat.isolated(line.name) + " — "
          + PictureFormat.distance(totals[index].last?.metres ?? 0, unit))
    }
    if let target {
      items.append(
        .init(
          symbol: .line(colour: Palette.muted, width: 1.5, dash: "2 4"),
          text: "Target " + PictureFormat.distance(target, options.unit)))
    }
    if let pace {
      items.append(
        .init(
          symbol: .line(colour: Palette.ink, width: 2, dash: "8 5"),
          text: "Needed " + PictureFormat.distance(pace.metresPerDay, options.unit) + "/day"))
    }
    frame = ChartFrame(
      width: options.width, plotHeight: options.plotHeight, maximumMetres: maximum,
      unit: options.unit, legend: SVGLegend(items: items), idPrefix: options.idPrefix,
      showTitle: options.showTitle)
  }

  /// The chart of a goal: one line per marker (each team in a race), the target, and the
  /// pace still needed when the goal is active and has an end date.
  public static func goal(
    _ progress: GoalProgress, today: LocalDate, options: Options = Options()
  ) -> ProgressChart {
    let goal = progress.goal
    let lastDay = max(goal.end ?? today, today, goal.start)
    let until = min(today, goal.end ?? today)
    var pace: PaceLine?
    if let needed = progress.neededMetresPerDay, let end = goal.end {
      pace = PaceLine(
        from: max(today, goal.start), fromMetres: progress.leader.doneMetres, to: end,
        toMetres: progress.targetMetres, metresPerDay: needed)
    }
    var options = options
    if options.subtitle.isEmpty {
      options.subtitle =
        "Cumulative distance since \(goal.start)"
        + (goal.end.map { ", ends \($0)" } ?? "")
    }
    return ProgressChart(
      series: progress.markers.map(ChartSeries.init(marker:)),
      days: goal
        .start...(lastDay < goal.start.adding(days: 6) ? goal.start.adding(days: 6) : lastDay),
      drawnUntil: until, target: progress.targetMetres, pace: pace, today: today,
      options: options)
  }

  /// The chart of the members counted for a goal: one line per member (`series`, from
  /// `MileQuestService.memberSeries(goal:)`) over the goal's days so far.
  public static func goalMembers(
    _ progress: GoalProgress, series: [ChartSeries], today: LocalDate,
    options: Options = Options()
  ) -> ProgressChart {
    let goal = progress.goal
    let lastDay = max(min(today, goal.end ?? today), goal.start.adding(days: 6))
    var options = options
    if options.subtitle.isEmpty {
      options.subtitle = "Cumulative distance per member since \(goal.start)"
    }
    return ProgressChart(
      series: series, days: goal.start...lastDay, drawnUntil: min(today, goal.end ?? today),
      today: today, options: options)
  }

  /// The chart of a team's members over all their walks, from the first walk (or the last
  /// four weeks when there are none) to today.
  public static func team(
    _ series: [ChartSeries], today: LocalDate, options: Options = Options()
  ) -> ProgressChart {
    let first = series.compactMap(\.firstDate).min() ?? today.adding(days: -27)
    let start = min(first, today.adding(days: -6))
    var options = options
    if options.subtitle.isEmpty {
      options.subtitle = "Cumulative distance per member since \(start)"
    }
    return ProgressChart(
      series: series, days: start...today, drawnUntil: today, today: today, options: options)
  }

  /// The pixel column where `date` begins.
  public func x(_ date: LocalDate) -> Double {
    let span = Double(max(days.upperBound.days(from: days.lowerBound) + 1, 1))
    let plot = frame.plot
    return plot.x + Double(date.days(from: days.lowerBound)) / span * plot.width
  }

  /// The pixel row of a distance in metres.
  public func y(_ metres: Double) -> Double { frame.y(metres) }

  /// The top of the distance axis, in the display unit.
  public var yAxisMaximum: Double { frame.yMaximum }

  /// The SVG text: a standalone file, or (standalone = false) for inlining in HTML.
  public func svg(standalone: Bool = true) -> String {
    let n = SVGDocument.number
    let prefix = options.idPrefix
    var svg = frame.begin(
      title: options.title, subtitle: options.subtitle,
      axisLabel: options.unit.name)
    drawTimeAxis(&svg)
    let plot = frame.plot
    if let target {
      svg.begin("g", [("id", "\(prefix)-target"), ("data-metres", n(target))])
      svg.element(
        "line",
        [
          ("x1", n(plot.x)), ("y1", n(y(target))), ("x2", n(plot.x + plot.width)),
          ("y2", n(y(target))), ("stroke", Palette.muted), ("stroke-width", "1.5"),
          ("stroke-dasharray", "2 4"),
        ])
      svg.element(
        "text",
        [
          ("x", n(plot.x + 6)), ("y", n(y(target) - 6)), ("font-size", "12"),
          ("fill", Palette.muted),
        ],
        text: "Target " + PictureFormat.distance(target, options.unit))
      svg.end()
    }
    if let today, days.contains(today) {
      let x = x(today.adding(days: 1))
      svg.element(
        "line",
        [
          ("id", "\(prefix)-today"), ("x1", n(x)), ("y1", n(plot.y)), ("x2", n(x)),
          ("y2", n(plot.y + plot.height)), ("stroke", Palette.grid), ("stroke-width", "2"),
        ])
      svg.element(
        "text",
        [
          ("x", n(x - 4)), ("y", n(plot.y + 12)), ("text-anchor", "end"), ("font-size", "11"),
          ("fill", Palette.muted),
        ],
        text: "today")
    }
    if let pace {
      let x1 = x(pace.from)
      let x2 = x(pace.to.adding(days: 1))
      svg.element(
        "line",
        [
          ("id", "\(prefix)-pace"), ("x1", n(x1)), ("y1", n(y(pace.fromMetres))), ("x2", n(x2)),
          ("y2", n(y(pace.toMetres))), ("stroke", Palette.ink), ("stroke-width", "2"),
          ("stroke-dasharray", "8 5"),
          ("data-metres-per-day", n(pace.metresPerDay)),
        ])
    }
    svg.begin(
      "g",
      [
        ("id", "\(prefix)-series"), ("fill", "none"), ("stroke-width", "3"),
        ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
      ])
    for (index, line) in series.enumerated() {
      var points = [(x: x(days.lowerBound), y: y(0))]
      points += totals[index].map { (x: x($0.date.adding(days: 1)), y: y($0.metres)) }
      svg.begin(
        "path",
        [
          ("id", "\(prefix)-series-\(index)"), ("class", "series"), ("data-name", line.name),
          ("data-total-m", n(totals[index].last?.metres ?? 0)),
          ("d", SVGDocument.path(points)), ("stroke", Palette.colour(index)),
        ])
      svg.element("title", text: line.name)
      svg.end()
    }
    svg.end()
    if totals.allSatisfy({ ($0.last?.metres ?? 0) == 0 }) {
      frame.emptyNote(&svg, text: "No walks yet")
    }
    return frame.finish(svg, standalone: standalone, kind: "cumulative")
  }

  /// Date ticks under the plot: days, weeks (Mondays) or months, at most about ten.
  private func drawTimeAxis(_ svg: inout SVGDocument) {
    let n = SVGDocument.number
    let plot = frame.plot
    let span = days.upperBound.days(from: days.lowerBound) + 1
    var ticks: [LocalDate] = []
    if let step = [1, 2, 7, 14].first(where: { span / $0 <= 10 }) {
      var day = step >= 7 ? days.lowerBound.startOfISOWeek : days.lowerBound
      if day < days.lowerBound { day = day.adding(days: 7) }
      while day <= days.upperBound {
        ticks.append(day)
        day = day.adding(days: step)
      }
    } else {
      let months = [1, 2, 3, 6, 12].first { span / ($0 * 30) <= 10 } ?? 24
      var day = days.lowerBound.startOfMonth
      if day < days.lowerBound { day = day.endOfMonth.adding(days: 1) }
      while day <= days.upperBound {
        if (day.month - 1) % months == 0 { ticks.append(day) }
        day = day.endOfMonth.adding(days: 1)
      }
    }
    svg.begin(
      "g",
      [
        ("id", "\(options.idPrefix)-x-axis"), ("class", "axis x-axis"), ("font-size", "12"),
        ("fill", Palette.muted), ("data-from", days.lowerBound.description),
        ("data-to", days.upperBound.description),
      ])
    let bottom = plot.y + plot.height
    var lastYear: Int?
    for tick in ticks {
      let x = x(tick)
      svg.element(
        "line",
        [
          ("x1", n(x)), ("y1", n(bottom)), ("x2", n(x)), ("y2", n(bottom + 5)),
          ("stroke", Palette.muted),
        ])
      var label = PictureFormat.shortDate(tick)
      if lastYear != tick.year { label += " \(tick.year)" }
      lastYear = tick.year
      svg.element(
        "text",
        [
          ("x", n(x)), ("y", n(bottom + 19)), ("text-anchor", "middle"),
          ("class", "tick"), ("data-date", tick.description),
        ],
        text: label)
    }
    svg.end()
  }
}
