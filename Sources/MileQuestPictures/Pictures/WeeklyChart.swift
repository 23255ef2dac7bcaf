import Foundation
import MileQuestCore

/// A bar chart of distance per ISO week (Monday first), a bar per member in each week: side by
/// side for up to six members, stacked for more (so bars stay wide enough to read).
///
/// Bars are `<rect class="bar" data-name=... data-week=... data-metres=...>`.
public struct WeeklyChart: Sendable {
  /// Weeks shown at most (the most recent ones).
  public static let maximumWeeks = 12
  /// Up to this many members stand side by side; more are stacked.
  public static let maximumGrouped = 6

  public let series: [ChartSeries]
  /// Mondays of the weeks shown, oldest first.
  public let weeks: [LocalDate]
  public let options: ProgressChart.Options
  let frame: ChartFrame
  private let values: [[Double]]

  /// Bars for `series` over the weeks from `from` to `to` (the last `maximumWeeks` of them).
  public init(
    series: [ChartSeries], from: LocalDate, to: LocalDate,
    options: ProgressChart.Options = ProgressChart.Options(title: "Weekly distance")
  ) {
    var weeks: [LocalDate] = []
    var week = max(from, to.adding(days: -7 * (Self.maximumWeeks - 1))).startOfISOWeek
    while week <= to {
      weeks.append(week)
      week = week.adding(days: 7)
    }
    if weeks.isEmpty { weeks = [to.startOfISOWeek] }
    self.series = series
    self.weeks = weeks
    self.options = options
    let values = series.map { $0.weekly(weeks) }
    self.values = values
    let stacked = series.count > Self.maximumGrouped
    let maximum =
      stacked
      ? weeks.indices.map { index in values.map { $0[index] }.reduce(0, +) }.max() ?? 0
      : values.flatMap { $0 }.max() ?? 0
    let items = series.enumerated().map { index, line in
      SVGLegend.Item(
        symbol: .box(colour: Palette.colour(index)), text: PictureFormat.isolated(line.name))
    }
    frame = ChartFrame(
      width: options.width, plotHeight: options.plotHeight, maximumMetres: maximum,
      unit: options.unit, legend: SVGLegend(items: items), idPrefix: options.idPrefix,
      showTitle: options.showTitle)
  }

  /// Whether members' bars are stacked rather than side by side.
  public var isStacked: Bool { series.count > Self.maximumGrouped }

  /// The pixel row of a distance in metres.
  public func y(_ metres: Double) -> Double { frame.y(metres) }

  /// The SVG text: a standalone file, or (standalone = false) for inlining in HTML.
  public func svg(standalone: Bool = true) -> String {
    let n = SVGDocument.number
    let prefix = options.idPrefix
    var svg = frame.begin(
      title: options.title, subtitle: options.subtitle,
      axisLabel: "\(options.unit.name)/week")
    let plot = frame.plot
    let slot = plot.width / Double(weeks.count)
    let groupWidth = slot * 0.78
    let members = max(series.count, 1)
    let barWidth = isStacked ? groupWidth : groupWidth / Double(members)
    let bottom = plot.y + plot.height
    svg.begin(
      "g",
      [
        ("id", "\(prefix)-x-axis"), ("class", "axis x-axis"), ("font-size", "12"),
        ("fill", Palette.muted), ("data-from", weeks[0].description),
        ("data-to", weeks[weeks.count - 1].description),
      ])
    // Label every week when they fit, else every second or third one.
    let every = max(1, Int((70 / slot).rounded(.up)))
    var lastYear: Int?
    for (index, week) in weeks.enumerated() where index % every == 0 {
      let x = plot.x + slot * (Double(index) + 0.5)
      var label = PictureFormat.shortDate(week)
      if lastYear != week.year { label += " \(week.year)" }
      lastYear = week.year
      svg.element(
        "text",
        [
          ("x", n(x)), ("y", n(bottom + 19)), ("text-anchor", "middle"), ("class", "tick"),
          ("data-date", week.description),
        ],
        text: label)
    }
    svg.end()
    svg.begin("g", [("id", "\(prefix)-bars")])
    for (weekIndex, week) in weeks.enumerated() {
      let left = plot.x + slot * Double(weekIndex) + (slot - groupWidth) / 2
      var stackedMetres = 0.0
      for (memberIndex, line) in series.enumerated() {
        let metres = values[memberIndex][weekIndex]
        guard metres > 0 else { continue }
        let x = isStacked ? left : left + barWidth * Double(memberIndex)
        let top = y(stackedMetres + metres)
        let base = y(stackedMetres)
        if isStacked { stackedMetres += metres }
        svg.begin(
          "rect",
          [
            ("class", "bar"), ("data-name", line.name), ("data-week", week.description),
            ("data-metres", n(metres)), ("x", n(x + 0.5)), ("y", n(top)),
            ("width", n(max(barWidth - 1, 1))), ("height", n(max(base - top, 0.5))),
            ("fill", Palette.colour(memberIndex)), ("stroke", "#FFFFFF"),
            ("stroke-width", isStacked ? "0.75" : "0"),
          ])
        svg.element(
          "title",
          text: "\(line.name), week of \(week): "
            + PictureFormat.distance(metres, options.unit))
        svg.end()
      }
    }
    svg.end()
    if values.allSatisfy({ $0.allSatisfy { $0 == 0 } }) {
      frame.emptyNote(&svg, text: "No walks in these weeks")
    }
    return frame.finish(svg, standalone: standalone, kind: "weekly")
  }
}
