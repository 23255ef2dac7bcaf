import Foundation
import Testing

@testable import MileQuestKit

@Suite("Charts")
struct ChartTests {
  @Test("the goal chart has date and distance axes, a line per team, target and pace lines")
  func cumulative() throws {
    // Given
    let progress = try PictureFixture.race()
    let chart = ProgressChart.goal(
      progress, today: PictureFixture.today, options: .init(unit: .km, title: "Race"))

    // When
    let root = PictureFixture.parse(chart.svg())

    // Then
    PictureFixture.checkSVG(root)
    let xAxis = try #require(root?.first(id: "chart-x-axis"))
    #expect(xAxis.attributes["data-from"] == "2026-03-01")
    #expect(xAxis.attributes["data-to"] == "2026-06-30")
    #expect(!xAxis.children.filter { $0.name == "text" }.isEmpty)
    let yAxis = try #require(root?.first(id: "chart-y-axis"))
    let ticks = yAxis.children.filter { $0.attributes["class"] == "tick" }.compactMap {
      Double($0.text)
    }
    #expect(ticks.first == 0)
    #expect(ticks.count >= 4 && ticks.count <= 9)
    // The axis reaches past the target, and its top is a round number.
    let target = progress.targetMetres / 1000
    #expect(chart.yAxisMaximum >= target)
    #expect(ticks.last == chart.yAxisMaximum)
    let series = root?.all.filter { $0.attributes["class"] == "series" } ?? []
    #expect(series.map { $0.attributes["data-name"] } == progress.markers.map(\.name))
    let lead = try #require(series.first)
    let total = try #require(lead.attributes["data-total-m"].flatMap(Double.init))
    #expect(abs(total - progress.leader.countedMetres) < 0.01)
    #expect(root?.first(id: "chart-target") != nil)
    let pace = try #require(root?.first(id: "chart-pace"))
    #expect(
      Double(pace.attributes["y2"] ?? "")
        == Double(SVGDocument.number(chart.y(progress.targetMetres))))
  }

  @Test("a line's last point is its total at the end of today")
  func lineEndsAtToday() throws {
    let progress = try PictureFixture.race()
    let chart = ProgressChart.goal(progress, today: PictureFixture.today)
    let root = PictureFixture.parse(chart.svg())
    let d = try #require(root?.first(id: "chart-series-0")?.attributes["d"])
    let last = d.split(separator: "L").last.map {
      $0.split(separator: " ").compactMap { Double($0) }
    }
    #expect(last?.count == 2)
    #expect(abs((last?[0] ?? 0) - chart.x(PictureFixture.today.adding(days: 1))) <= 0.01)
    #expect(abs((last?[1] ?? 0) - chart.y(progress.leader.countedMetres)) <= 0.01)
  }

  @Test("with no walks the chart still has its axes and says so")
  func noWalks() throws {
    let progress = try PictureFixture.race(daily: [0, 0, 0])
    let text = ProgressChart.goal(progress, today: PictureFixture.today).svg()
    let root = PictureFixture.parse(text)
    PictureFixture.checkSVG(root)
    #expect(root?.first(id: "chart-x-axis") != nil && root?.first(id: "chart-y-axis") != nil)
    #expect(root?.all.contains { $0.attributes["class"] == "empty-note" } == true)
  }

  @Test("weekly bars: one per member and week, side by side, with escaped names")
  func weekly() throws {
    // Given: two members, 5 km a day on weekdays of the week of 2026-03-02.
    let days = (0..<5).map { PictureFixture.start.adding(days: 1 + $0) }
    let series = [
      ChartSeries(name: "<ann>", daily: days.map { DailyDistance(date: $0, metres: 5_000) }),
      ChartSeries(name: "bob 🦘", daily: [DailyDistance(date: days[0], metres: 2_000)]),
    ]

    // When
    let chart = WeeklyChart(
      series: series, from: PictureFixture.start, to: PictureFixture.today,
      options: .init(unit: .km, title: "Week & more"))
    let root = PictureFixture.parse(chart.svg())

    // Then
    PictureFixture.checkSVG(root)
    #expect(chart.weeks.map(\.description) == ["2026-02-23", "2026-03-02", "2026-03-09"])
    let bars = root?.all.filter { $0.attributes["class"] == "bar" } ?? []
    #expect(bars.count == 2)
    let ann = try #require(bars.first { $0.attributes["data-name"] == "<ann>" })
    #expect(ann.attributes["data-week"] == "2026-03-02")
    #expect(Double(ann.attributes["data-metres"] ?? "") == 25_000)
    let top = try #require(Double(ann.attributes["y"] ?? ""))
    #expect(abs(top - chart.y(25_000)) <= 0.01)
    #expect(!chart.isStacked)
  }

  @Test("round numbers for axes and scale bars")
  func niceNumbers() {
    #expect(NiceNumbers.floor(137) == 100)
    #expect(NiceNumbers.floor(260) == 200)
    #expect(NiceNumbers.floor(0.7) == 0.5)
    #expect(NiceNumbers.step(maximum: 1055, count: 6) == 200)
    #expect(NiceNumbers.label(2.5) == "2.5")
    #expect(PictureFormat.grouped(1234567.891, decimals: 1) == "1,234,567.9")
  }
}
