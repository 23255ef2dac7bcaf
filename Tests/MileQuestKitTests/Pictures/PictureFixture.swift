import Foundation
import Testing

@testable import MileQuestKit

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Routes, goals and a tiny XML reader shared by the picture tests.
enum PictureFixture {
  static let today = LocalDate(year: 2026, month: 3, day: 15)!
  static let start = LocalDate(year: 2026, month: 3, day: 1)!

  /// Honolulu to Suva by atolls: crosses the antimeridian between Tarawa and Funafuti.
  static let pacific = Route(
    id: 1, name: "Pacific",
    points: [
      RoutePoint(
        coordinate: Coordinate(latitude: 21.3069, longitude: -157.8583), label: "Honolulu"),
      RoutePoint(coordinate: Coordinate(latitude: 7.0897, longitude: 171.3803), label: "Majuro"),
      RoutePoint(coordinate: Coordinate(latitude: 1.4518, longitude: 173.0), label: "Tarawa"),
      RoutePoint(coordinate: Coordinate(latitude: -8.5211, longitude: 179.1983), label: "Funafuti"),
      RoutePoint(coordinate: Coordinate(latitude: -18.1416, longitude: 178.4419), label: "Suva"),
    ])

  /// Team names that must come out as text, never markup.
  static let nastyNames = ["<script>alert(1)</script> & \"Co\" 'x'", "Wallabies 🦘", "צוות שלום"]

  /// A race of three teams (one member each) on `route`; team i walks `daily[i]` metres a day
  /// from the start to today (an empty array means no walks at all).
  static func race(
    route: Route = pacific, names: [String] = nastyNames, daily: [Double] = [120_000, 90_000, 0]
  ) throws -> GoalProgress {
    let teams = names.enumerated().map { index, name in
      ProgressCalculator.TeamHistory(
        team: Team(id: Int64(index + 1), name: name),
        memberships: [
          Membership(
            teamId: Int64(index + 1), memberId: Int64(index + 1), role: .captain,
            joined: start)
        ])
    }
    var walks: [Walk] = []
    for (index, metres) in daily.enumerated() where metres > 0 {
      var day = start
      while day <= today {
        walks.append(Walk(memberId: Int64(index + 1), date: day, distanceMetres: metres))
        day = day.adding(days: 1)
      }
    }
    let geometry = try route.geometry()
    let goal = Goal(
      id: 1, name: "Race <b>&</b>", routeId: route.id, targetMetres: geometry.length,
      mode: .race, start: start, end: LocalDate(year: 2026, month: 6, day: 30),
      dailyCapMetres: nil, teamIds: teams.compactMap(\.team.id))
    return try ProgressCalculator.progress(
      goal: goal, route: route, teams: teams, walks: walks, today: today)
  }

  /// An XML element as parsed: name, attributes, text and children.
  final class Node {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [Node] = []

    init(name: String, attributes: [String: String]) {
      self.name = name
      self.attributes = attributes
    }

    /// This node and every node below it, depth first.
    var all: [Node] { [self] + children.flatMap(\.all) }

    func first(id: String) -> Node? { all.first { $0.attributes["id"] == id } }

    /// All text below this node.
    var allText: String { text + children.map(\.allText).joined() }
  }

  /// Parses `text` with Foundation's XMLParser; nil (and a recorded issue) when it is not
  /// well-formed XML.
  static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Node? {
    let delegate = TreeBuilder()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = delegate
    let ok = parser.parse()
    #expect(
      ok, "not well-formed XML: \(String(describing: parser.parserError))",
      sourceLocation: sourceLocation)
    return ok ? delegate.root : nil
  }

  private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: Node?
    var stack: [Node] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      let node = Node(name: elementName, attributes: attributes)
      if let parent = stack.last { parent.children.append(node) } else { root = node }
      stack.append(node)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack.last?.text += string
    }
  }

  /// A basic SVG check: an `svg` root in the SVG namespace with a viewBox and size, only
  /// known SVG element names, and numeric geometry attributes.
  static func checkSVG(_ root: Node?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let root else { return }
    #expect(root.name == "svg", sourceLocation: sourceLocation)
    #expect(
      root.attributes["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
    #expect(root.attributes["viewBox"] != nil, sourceLocation: sourceLocation)
    let known: Set<String> = [
      "svg", "g", "title", "desc", "defs", "clipPath", "rect", "circle", "line", "path", "text",
      "tspan",
    ]
    for node in root.all {
      #expect(
        known.contains(node.name), "unexpected element <\(node.name)>",
        sourceLocation: sourceLocation)
      for key in ["x", "y", "cx", "cy", "r", "width", "height", "x1", "y1", "x2", "y2"] {
        if let value = node.attributes[key] {
          #expect(
            Double(value)?.isFinite == true, "\(node.name) \(key)=\(value)",
            sourceLocation: sourceLocation)
        }
      }
    }
  }
}
