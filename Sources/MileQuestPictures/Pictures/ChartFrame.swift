import Foundation
import MileQuestCore

/// The common frame of a chart: picture size, plot rectangle, a distance axis with round ticks,
/// title and legend space. Shared by `ProgressChart` and `WeeklyChart`.
struct ChartFrame {
  let width: Double
  let height: Double
  let plot: MapProjection.Frame
  /// Top of the distance axis, in the display unit (a round number).
  let yMaximum: Double
  let yStep: Double
  let unit: DistanceUnit
  let legend: SVGLegend
  let idPrefix: String
  let showTitle: Bool

  static let titleHeight = 62.0
  static let left = 70.0
  static let right = 28.0
  static let axisBand = 40.0

  /// A frame for values up to `maximumMetres` with `legend` under the plot.
  init(
    width: Double, plotHeight: Double, maximumMetres: Double, unit: DistanceUnit,
    legend: SVGLegend, idPrefix: String, showTitle: Bool
  ) {
    self.width = width
    self.unit = unit
    self.legend = legend
    self.idPrefix = idPrefix
    self.showTitle = showTitle
    let top = max(unit.value(fromMetres: maximumMetres), 0) * 1.04
    // The round step whose axis wastes the least room above the data; on a tie, more ticks.
    let steps = (3...7).map { NiceNumbers.step(maximum: top > 0 ? top : 1, count: $0) }
    let step =
      steps.min { a, b in
        let (topA, topB) = ((top / a).rounded(.up) * a, (top / b).rounded(.up) * b)
        return topA != topB ? topA < topB : a < b
      } ?? 1
    yStep = step
    yMaximum = max(step, (top / step).rounded(.up) * step)
    plot = MapProjection.Frame(
      x: Self.left, y: (showTitle ? Self.titleHeight : 0) + 28,
      width: width - Self.left - Self.right, height: plotHeight)
    height = plot.y + plot.height + Self.axisBand + legend.height(width: width - 32) + 12
  }

  /// The pixel row of a distance in metres.
  func y(_ metres: Double) -> Double {
    plot.y + plot.height - unit.value(fromMetres: metres) / yMaximum * plot.height
  }

  /// Starts the picture: background, title, subtitle, horizontal grid and the distance axis.
  func begin(title: String, subtitle: String, axisLabel: String) -> SVGDocument {
    let n = SVGDocument.number
    var svg = SVGDocument(width: width, height: height, title: title, description: subtitle)
    svg.element("rect", [("width", n(width)), ("height", n(height)), ("fill", "#FFFFFF")])
    if showTitle { drawTitle(&svg, title: title, subtitle: subtitle) }
    drawAxis(&svg, axisLabel: axisLabel)
    return svg
  }

  private func drawTitle(_ svg: inout SVGDocument, title: String, subtitle: String) {
    svg.element(
      "text",
      [
        ("x", "16"), ("y", "28"), ("font-size", "20"), ("font-weight", "700"),
        ("fill", Palette.ink),
      ],
      text: TextMetrics.truncated(title, fontSize: 20, maxWidth: width - 32))
    svg.element(
      "text", [("x", "16"), ("y", "50"), ("font-size", "13"), ("fill", Palette.muted)],
      text: TextMetrics.truncated(subtitle, fontSize: 13, maxWidth: width - 32))
  }

  private func drawAxis(_ svg: inout SVGDocument, axisLabel: String) {
    let n = SVGDocument.number
    svg.begin(
      "g",
      [
        ("id", "\(idPrefix)-y-axis"), ("class", "axis y-axis"), ("font-size", "12"),
        ("fill", Palette.muted), ("data-max", NiceNumbers.label(yMaximum)),
        ("data-unit", unit.name),
      ])
    var value = 0.0
    while value <= yMaximum * (1 + 1e-9) {
      let y = plot.y + plot.height - value / yMaximum * plot.height
      svg.element(
        "line",
        [
          ("x1", n(plot.x)), ("y1", n(y)), ("x2", n(plot.x + plot.width)), ("y2", n(y)),
          ("stroke", value == 0 ? Palette.muted : Palette.grid), ("stroke-width", "1"),
        ])
      svg.element(
        "text",
        [("x", n(plot.x - 8)), ("y", n(y + 4)), ("text-anchor", "end"), ("class", "tick")],
        text: NiceNumbers.label(value))
      value += yStep
    }
    svg.element(
      "text",
      [
        ("x", n(plot.x - 8)), ("y", n(plot.y - 14)), ("text-anchor", "end"),
        ("font-weight", "700"), ("class", "axis-label"),
      ],
      text: axisLabel)
    svg.end()
  }

  /// Draws the legend under the plot and returns the finished SVG.
  func finish(_ svg: SVGDocument, standalone: Bool, kind: String) -> String {
    var svg = svg
    legend.draw(
      into: &svg, x: 16, y: plot.y + plot.height + Self.axisBand, width: width - 32,
      id: "\(idPrefix)-legend")
    return svg.rendered(
      standalone: standalone,
      attributes: [("font-family", RouteMap.fontFamily), ("class", "milequest-chart \(kind)")])
  }

  /// A "no walks yet" note in the middle of the plot.
  func emptyNote(_ svg: inout SVGDocument, text: String) {
    svg.element(
      "text",
      [
        ("x", SVGDocument.number(plot.x + plot.width / 2)),
        ("y", SVGDocument.number(plot.y + plot.height / 2)), ("text-anchor", "middle"),
        ("font-size", "16"), ("fill", Palette.muted), ("class", "empty-note"),
      ],
      text: text)
  }
}
