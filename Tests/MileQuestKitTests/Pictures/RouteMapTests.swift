import Foundation
import Testing

@testable import MileQuestKit

@Suite("RouteMap")
struct RouteMapTests {
  @Test("a race map is valid SVG with each marker where the projection puts its position")
  func markersAtTheirPositions() throws {
    // Given
    let progress = try PictureFixture.race()
    let map = try RouteMap(
      route: PictureFixture.pacific, progress: progress,
      options: .init(unit: .km, graticule: true))

    // When
    let root = PictureFixture.parse(map.svg())

    // Then
    PictureFixture.checkSVG(root)
    #expect(progress.markers.count == 3)
    for (index, marker) in progress.markers.enumerated() {
      let node = try #require(root?.first(id: "marker-\(index)"))
      let position = try #require(marker.position)
      let expected = map.projection.project(position)
      let x = try #require(node.attributes["data-x"].flatMap(Double.init))
      let y = try #require(node.attributes["data-y"].flatMap(Double.init))
      #expect(abs(x - expected.x) <= 0.01 && abs(y - expected.y) <= 0.01)
      #expect(
        node.attributes["transform"]
          == "translate(\(node.attributes["data-x"] ?? "") \(node.attributes["data-y"] ?? ""))")
      let lat = try #require(node.attributes["data-lat"].flatMap(Double.init))
      let lon = try #require(node.attributes["data-lon"].flatMap(Double.init))
      #expect(abs(lat - position.latitude) < 1e-9 && abs(lon - position.longitude) < 1e-9)
      #expect(node.attributes["data-team"] == marker.name)
      // Inside the map, not in the title or legend bands.
      let frame = map.projection.frame
      #expect(x > frame.x && x < frame.x + frame.width && y > frame.y && y < frame.y + frame.height)
    }
    // Each team its own colour-blind-safe colour.
    let colours = (0..<3).compactMap { root?.first(id: "marker-\($0)")?.attributes["data-colour"] }
    #expect(colours == Array(Palette.series.prefix(3)))
  }

  @Test("walked and ahead parts are drawn apart, reached milestones carry their date")
  func walkedAndAhead() throws {
    // Given
    let progress = try PictureFixture.race()

    // When
    let root = PictureFixture.parse(
      try RouteMap(route: PictureFixture.pacific, progress: progress).svg())

    // Then
    let walked = try #require(root?.first(id: "route-walked"))
    let ahead = try #require(root?.first(id: "route-ahead"))
    #expect(ahead.attributes["stroke-dasharray"] != nil)
    #expect(walked.attributes["stroke-dasharray"] == nil)
    #expect(walked.attributes["stroke"] != ahead.attributes["stroke"])
    let milestones =
      root?.all.filter { $0.attributes["class"]?.hasPrefix("milestone") == true } ?? []
    #expect(
      milestones.map { $0.attributes["data-name"] } == [
        "Honolulu", "Majuro", "Tarawa", "Funafuti", "Suva",
      ])
    let honolulu = try #require(milestones.first)
    #expect(honolulu.attributes["data-reached"] == "2026-03-01")
    #expect(honolulu.allText.contains("2026-03-01"))
    #expect(milestones.last?.attributes["data-reached"] == nil)
    // The path never jumps across the picture at the antimeridian.
    let d = walked.attributes["d"] ?? "" + (ahead.attributes["d"] ?? "")
    #expect(d.filter { $0 == "M" }.count == 1)
  }

  @Test("names with markup, quotes, emoji and right-to-left script come out as text")
  func escapedNames() throws {
    // Given
    let progress = try PictureFixture.race()

    // When
    let text = try RouteMap(route: PictureFixture.pacific, progress: progress).svg()
    let root = PictureFixture.parse(text)

    // Then
    #expect(!text.contains("<script>"))
    #expect(!text.contains("<b>"))
    #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;"))
    #expect(root?.all.contains { $0.name == "script" || $0.name == "b" } == false)
    let legend = try #require(root?.first(id: "legend")).allText
    for name in PictureFixture.nastyNames { #expect(legend.contains(name)) }
    #expect(root?.allText.contains("Race <b>&</b>") == true)
  }

  @Test("a goal with no walks puts every marker on the start and draws no walked part")
  func noWalks() throws {
    // Given
    let progress = try PictureFixture.race(daily: [0, 0, 0])
    let map = try RouteMap(route: PictureFixture.pacific, progress: progress)

    // When
    let root = PictureFixture.parse(map.svg())

    // Then
    PictureFixture.checkSVG(root)
    #expect(root?.first(id: "route-walked") == nil)
    #expect(root?.first(id: "route-ahead") != nil)
    let start = map.projection.project(PictureFixture.pacific.points[0].coordinate)
    for index in 0..<3 {
      let node = try #require(root?.first(id: "marker-\(index)"))
      #expect(abs((Double(node.attributes["data-x"] ?? "") ?? 0) - start.x) <= 0.01)
      #expect(abs((Double(node.attributes["data-y"] ?? "") ?? 0) - start.y) <= 0.01)
    }
    // Markers on one spot are drawn as rings of different sizes, so all stay visible.
    let radii = (0..<3).compactMap { index in
      root?.first(id: "marker-\(index)")?.children.last { $0.name == "circle" }?.attributes["r"]
    }
    #expect(Set(radii).count == 3)
  }

  @Test("a bare route map has the route, its milestones and a scale bar in the display unit")
  func bareRoute() throws {
    // When
    let root = PictureFixture.parse(
      try RouteMap(route: PictureFixture.pacific, options: .init(unit: .mi)).svg())

    // Then
    PictureFixture.checkSVG(root)
    #expect(root?.first(id: "route") != nil)
    #expect(root?.all.contains { $0.attributes["class"] == "marker" } == false)
    let scale = try #require(root?.first(id: "scale-bar"))
    #expect(scale.allText.hasSuffix(" mi"))
    let metres = try #require(scale.attributes["data-metres"].flatMap(Double.init))
    let miles = metres / 1609.344
    #expect(abs(miles - NiceNumbers.floor(miles)) < 1e-6, "a round number of miles")
    #expect(root?.first(id: "graticule") == nil)
  }

  @Test("--no-scale and --graticule are honoured")
  func options() throws {
    let root = PictureFixture.parse(
      try RouteMap(
        route: PictureFixture.pacific, options: .init(graticule: true, scaleBar: false)
      ).svg())
    #expect(root?.first(id: "scale-bar") == nil)
    let graticule = try #require(root?.first(id: "graticule"))
    #expect(graticule.allText.contains("180°"))
  }
}
