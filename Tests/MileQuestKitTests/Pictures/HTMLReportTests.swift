import Foundation
import Testing

@testable import MileQuestKit

@Suite("HTMLReport")
struct HTMLReportTests {
  static func report(daily: [Double] = [120_000, 90_000, 0]) throws -> String {
    let progress = try PictureFixture.race(daily: daily)
    let members = Leaderboard(
      scope: "goal:x", range: DateRange(from: nil, to: nil), metric: .total,
      entries: [
        .init(rank: 1, name: "<ann>", totalMetres: 1_000, walks: 2, value: 1_000),
        .init(rank: 2, name: "bob", totalMetres: 0, walks: 0, value: 0),
      ])
    return try HTMLReport(
      progress: progress, route: PictureFixture.pacific, members: members,
      memberSeries: [
        ChartSeries(name: "<ann>", daily: [.init(date: PictureFixture.start, metres: 1_000)])
      ], unit: .mi, today: PictureFixture.today
    ).render()
  }

  @Test("the report is one self-contained page: inline CSS and SVG, no script, no requests")
  func selfContained() throws {
    let html = try Self.report()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<meta name=\"viewport\""))
    #expect(html.contains("@media print"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<link"))
    #expect(!html.contains("src="))
    #expect(!html.contains("url(http"))
    // The only URLs are the SVG namespace names, which are never fetched.
    let urls = html.components(separatedBy: "http").dropFirst().map { $0.prefix(24) }
    #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") })
  }

  @Test("every inline SVG is well-formed and the map's markers are where the projection says")
  func inlineSVGs() throws {
    let html = try Self.report()
    let svgs = html.components(separatedBy: "<svg").dropFirst().map {
      "<svg" + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>"
    }
    #expect(svgs.count == 3)
    for svg in svgs { PictureFixture.checkSVG(PictureFixture.parse(svg)) }
    let map = try #require(
      try HTMLReport(
        progress: try PictureFixture.race(), route: PictureFixture.pacific, members: nil,
        memberSeries: [], unit: .mi, today: PictureFixture.today
      ).map())
    let root = PictureFixture.parse(svgs[0])
    let marker = try #require(root?.first(id: "marker-0"))
    let expected = try #require(map.markerPoint(0))
    #expect(abs((Double(marker.attributes["data-x"] ?? "") ?? 0) - expected.x) <= 0.01)
    #expect(abs((Double(marker.attributes["data-y"] ?? "") ?? 0) - expected.y) <= 0.01)
  }

  @Test("names are escaped and isolated, and the sections are all there")
  func content() throws {
    let html = try Self.report()
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<ann>"))
    #expect(
      html.contains(
        "<bdi>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;</bdi>"))
    #expect(html.contains("<bdi>צוות שלום</bdi>"))
    #expect(html.contains("<title>Race &lt;b&gt;&amp;&lt;/b&gt; — milequest report</title>"))
    for id in ["numbers", "map", "teams", "milestones", "members", "charts"] {
      #expect(html.contains("<section id=\"\(id)\""), "section \(id)")
    }
  }

  @Test("a goal with no walks still makes a full report")
  func noWalks() throws {
    let html = try Self.report(daily: [0, 0, 0])
    #expect(html.contains("0.0%"))
    #expect(html.contains("No walks yet"))
    #expect(html.contains("marker-2"))
  }
}
