import Foundation
import MileQuestKit
@_spi(Testing) import MileQuestPostgres
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `map`, `chart` and `report` run as a user would run them; the pictures are checked for
/// structure without a browser, and rendered in headless Chromium when it is installed.
@Suite("End to end: pictures")
struct PictureTests {
  /// A three-team race from Fiji's Viti Levu across the antimeridian to Taveuni and on to
  /// Samoa, with names that must stay text, and a goal with no walks yet.
  static func challenge() throws -> CLI {
    let cli = try CLI()
    for handle in ["ann", "bob", "cat", "dan"] { cli.ok(["member", "add", handle]) }
    let teams = ["<script>alert(1)</script> & \"Co\"", "Wallabies 🦘", "צוות שלום"]
    for (team, captain) in zip(teams, ["ann", "bob", "cat"]) {
      cli.ok(["team", "create", team, "--as", captain, "--since", "2026-03-01"])
    }
    cli.ok(["team", "add", teams[0], "dan", "--as", "ann", "--since", "2026-03-01"])
    cli.ok([
      "route", "create", "Dateline", "--as", "ann",
      "--waypoint", "-17.7765,177.4356,Nadi", "--waypoint", "-16.77,179.33,Savusavu",
      "--waypoint", "-16.8,-179.9,Taveuni <Island>", "--waypoint", "-13.83,-171.76,Apia",
    ])
    cli.ok([
      "goal", "create", "Dateline race", "--team", teams[0], "--team", teams[1], "--team",
      teams[2], "--route", "Dateline", "--start", "2026-03-01", "--end", "2026-04-30", "--as",
      "ann",
    ])
    cli.ok([
      "goal", "create", "Empty", "--team", teams[1], "--route", "Dateline", "--start",
      "2026-03-20", "--as", "bob",
    ])
    for day in 1...14 {
      let date = String(format: "2026-03-%02d", day)
      cli.ok(["log", "30km", "--member", "ann", "--date", date])
      cli.ok(["log", "12km", "--member", "dan", "--date", date])
      cli.ok(["log", "25km", "--member", "bob", "--date", date])
      if day % 3 == 0 { cli.ok(["log", "20km", "--member", "cat", "--date", date]) }
    }
    return cli
  }

  @Test("map: valid SVG, every marker at the projection of its position, names as text")
  func mapStructure() throws {
    // Given
    let cli = try Self.challenge()
    let path = cli.directory.appendingPathComponent("race.svg").path

    // When
    cli.ok(["map", "Dateline race", "--graticule", "--unit", "km", "--output", path])
    let progress = J.object(try cli.json(["progress", "Dateline race"]))
    let route = J.object(try cli.json(["route", "show", "Dateline"]))

    // Then
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("<?xml"))
    #expect(!text.contains("<script>"))
    #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"))
    let root = try #require(SVGTree.parse(text))
    #expect(root.name == "svg" && root.attributes["viewBox"] != nil)
    #expect(root.all.allSatisfy { $0.name != "script" })
    // The same projection the map used: it depends only on the route and the picture width.
    let points = J.array(route["points"]).map { point in
      RoutePoint(
        coordinate: Coordinate(
          latitude: J.double(J.object(point)["lat"]) ?? 0,
          longitude: J.double(J.object(point)["lon"]) ?? 0),
        label: J.string(J.object(point)["label"]))
    }
    let projection = try RouteMap(route: Route(name: "Dateline", points: points)).projection
    let teams = J.array(progress["teams"]).map(J.object)
    #expect(teams.count == 3)
    for (index, team) in teams.enumerated() {
      let marker = try #require(root.first(id: "marker-\(index)"))
      #expect(marker.attributes["data-team"] == J.string(team["name"]))
      let position = J.object(team["position"])
      let lat = try #require(J.double(position["lat"]))
      let lon = try #require(J.double(position["lon"]))
      #expect(isClose(Double(marker.attributes["data-lat"] ?? ""), lat, within: 1e-9))
      #expect(isClose(Double(marker.attributes["data-lon"] ?? ""), lon, within: 1e-9))
      let expected = projection.project(Coordinate(latitude: lat, longitude: lon))
      #expect(abs((Double(marker.attributes["data-x"] ?? "") ?? -1) - expected.x) <= 0.01)
      #expect(abs((Double(marker.attributes["data-y"] ?? "") ?? -1) - expected.y) <= 0.01)
    }
    // The route crosses the antimeridian without streaking across the picture.
    let walked = root.first(id: "route-walked")?.attributes["d"] ?? ""
    #expect(walked.filter { $0 == "M" }.count == 1)
  }

  @Test("chart and report: files written, charts with axes, report self-contained")
  func chartAndReport() throws {
    // Given
    let cli = try Self.challenge()
    let directory = cli.directory.appendingPathComponent("out/report").path

    // When
    let chart = cli.ok(["chart", "Dateline race"])
    let weekly = cli.ok([
      "chart", "--team", "<script>alert(1)</script> & \"Co\"", "--kind", "weekly",
    ])
    cli.ok(["report", "Dateline race", "--output", directory])
    cli.ok(["report", "Empty", "--output", cli.directory.appendingPathComponent("e.html").path])
    let empty = cli.ok(["map", "Empty"])

    // Then
    let chartRoot = try #require(SVGTree.parse(chart))
    #expect(
      chartRoot.first(id: "chart-x-axis") != nil && chartRoot.first(id: "chart-y-axis") != nil)
    #expect(chartRoot.all.filter { $0.attributes["class"] == "series" }.count == 3)
    #expect(chartRoot.first(id: "chart-target") != nil && chartRoot.first(id: "chart-pace") != nil)
    let weeklyRoot = try #require(SVGTree.parse(weekly))
    #expect(Set(weeklyRoot.all.compactMap { $0.attributes["data-name"] }) == ["ann", "dan"])
    let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("src=") && !html.contains("<link"))
    #expect(html.contains("Taveuni &lt;Island&gt;"))
    let emptyHTML = try String(
      contentsOfFile: cli.directory.appendingPathComponent("e.html").path, encoding: .utf8)
    #expect(emptyHTML.contains("No walks yet"))
    let emptyRoot = try #require(SVGTree.parse(empty))
    #expect(emptyRoot.first(id: "marker-0") != nil && emptyRoot.first(id: "route-walked") == nil)
  }

  @Test("a distance goal has no map; unknown names exit 67")
  func errors() throws {
    let cli = try Self.challenge()
    cli.ok([
      "goal", "create", "Plain", "--team", "Wallabies 🦘", "--distance", "100km", "--as", "bob",
    ])
    #expect(cli.run(["map", "Plain"]).code == 65)
    #expect(cli.run(["map", "Nowhere"]).code == 67)
    #expect(cli.run(["chart"]).code == 64)
    #expect(
      cli.run(["report", "Nowhere", "--output", cli.directory.appendingPathComponent("x").path])
        .code == 67)
    #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("x").path))
  }

  @Test("progress shows a route strip and stats a sparkline, in ASCII when asked or needed")
  func terminal() throws {
    let cli = try Self.challenge()
    let ascii = cli.ok(["progress", "Dateline race"])
    #expect(ascii.contains("Nadi *"))
    #expect(ascii.contains(" Apia"))
    #expect(!ascii.contains("━") && !ascii.contains("●") && ascii.contains("[###"))
    let unicode = cli.ok(["progress", "Dateline race"], env: ["LC_ALL": "en_US.UTF-8"])
    #expect(unicode.contains("Nadi ●"))
    let forced = cli.ok(["progress", "Dateline race", "--ascii"], env: ["LC_ALL": "en_US.UTF-8"])
    #expect(!forced.contains("●") && !forced.contains("█"))
    let stats = cli.ok(["stats", "--member", "ann", "--ascii"])
    #expect(stats.contains("last 8 weeks"))
  }

  // MARK: Browser

  /// Headless Chromium, when installed.
  static let chromium: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for directory in directories
      where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
        return directory + "/" + name
      }
    }
    return nil
  }()

  @Test(
    "headless Chromium draws each marker in its colour at its computed pixel",
    .enabled(if: chromium != nil, "chromium is not installed: the browser check is skipped"))
  func browser() throws {
    // Given
    let cli = try Self.challenge()
    let map = cli.directory.appendingPathComponent("race.svg").path
    let report = cli.directory.appendingPathComponent("report.html").path
    cli.ok(["map", "Dateline race", "--output", map])
    cli.ok(["report", "Dateline race", "--output", report])
    let root = try #require(SVGTree.parse(try String(contentsOfFile: map, encoding: .utf8)))
    let width = Int((Double(root.attributes["width"] ?? "") ?? 960).rounded(.up))
    let height = Int((Double(root.attributes["height"] ?? "") ?? 700).rounded(.up))

    // When
    let mapShot = try Self.screenshot(map, width: width, height: height, in: cli.directory)
    let reportShot = try Self.screenshot(report, width: 1200, height: 900, in: cli.directory)

    // Then
    #expect(reportShot.count > 20_000, "the report rendered as a nearly empty page")
    #expect(mapShot.count > 10_000)
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
      // Not a failure: the PNG decoder is a Python one-off; without it only sizes are checked.
      print("PictureTests: python3 is missing, marker pixel colours not checked")
      return
    }
    let png = cli.directory.appendingPathComponent("map.png").path
    try mapShot.write(to: URL(fileURLWithPath: png))
    for index in 0..<3 {
      let marker = try #require(root.first(id: "marker-\(index)"))
      let x = Int((Double(marker.attributes["data-x"] ?? "") ?? 0).rounded(.down))
      let y = Int((Double(marker.attributes["data-y"] ?? "") ?? 0).rounded(.down))
      let colour = try Self.pixel(png, x: x, y: y, in: cli.directory)
      let expected = marker.attributes["data-colour"] ?? ""
      #expect(
        Self.close(colour, expected), "marker \(index) at (\(x), \(y)): \(colour) ≠ \(expected)")
    }
  }

  /// Renders `file` with headless Chromium and returns the PNG.
  static func screenshot(_ file: String, width: Int, height: Int, in directory: URL) throws -> Data
  {
    let output = directory.appendingPathComponent("shot-\(UUID().uuidString).png")
    _ = try ChildProcess.run(
      chromium ?? "/usr/bin/chromium",
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--force-device-scale-factor=1", "--user-data-dir=\(directory.path)/chromium-profile",
        "--screenshot=\(output.path)", "--window-size=\(width),\(height)",
        URL(fileURLWithPath: file).absoluteString,
      ],
      environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin"], timeout: 120)
    return try Data(contentsOf: output)
  }

  /// The colour of one pixel of a PNG, as "#RRGGBB", decoded by a few lines of Python (zlib
  /// and the five PNG filters; 8-bit RGB or RGBA, as Chromium writes them).
  static func pixel(_ png: String, x: Int, y: Int, in directory: URL) throws -> String {
    let script = """
      import sys, zlib, struct
      d = open(sys.argv[1], 'rb').read(); i = 8; idat = b''
      while i < len(d):
          n = struct.unpack('>I', d[i:i+4])[0]; t = d[i+4:i+8]; c = d[i+8:i+8+n]; i += 12 + n
          if t == b'IHDR': w, h, bd, ct = struct.unpack('>IIBB', c[:10])
          elif t == b'IDAT': idat += c
      bpp = 4 if ct == 6 else 3; raw = zlib.decompress(idat); s = w * bpp
      X, Y = int(sys.argv[2]), int(sys.argv[3]); prev = bytearray(s); p = 0
      for y in range(Y + 1):
          f = raw[p]; line = bytearray(raw[p+1:p+1+s]); p += 1 + s
          for k in range(s):
              a = line[k-bpp] if k >= bpp else 0; b = prev[k]; c = prev[k-bpp] if k >= bpp else 0
              if f == 1: line[k] = (line[k] + a) & 255
              elif f == 2: line[k] = (line[k] + b) & 255
              elif f == 3: line[k] = (line[k] + (a + b) // 2) & 255
              elif f == 4:
                  pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                  line[k] = (line[k] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
          prev = line
      print('#%02X%02X%02X' % tuple(prev[X*bpp:X*bpp+3]))
      """
    let scriptURL = directory.appendingPathComponent("pixel.py")
    try script.write(to: scriptURL, atomically: true, encoding: .utf8)
    let result = try ChildProcess.run(
      "/usr/bin/python3", [scriptURL.path, png, String(x), String(y)])
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Whether two "#RRGGBB" colours differ by at most 12 in each channel (anti-aliasing and
  /// colour management may nudge them).
  static func close(_ a: String, _ b: String) -> Bool {
    func channels(_ text: String) -> [Int]? {
      let hex = Array(text.uppercased().dropFirst())
      guard text.hasPrefix("#"), hex.count == 6 else { return nil }
      return stride(from: 0, to: 6, by: 2).compactMap { Int(String(hex[$0...$0 + 1]), radix: 16) }
    }
    guard let x = channels(a), let y = channels(b), x.count == 3, y.count == 3 else { return false }
    return zip(x, y).allSatisfy { abs($0 - $1) <= 12 }
  }
}

/// A small XML tree from Foundation's XMLParser, for checking SVG structure.
final class SVGTree {
  let name: String
  let attributes: [String: String]
  var children: [SVGTree] = []

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  var all: [SVGTree] { [self] + children.flatMap(\.all) }

  func first(id: String) -> SVGTree? { all.first { $0.attributes["id"] == id } }

  /// The tree of `text`, or nil (with a recorded issue) when it is not well-formed XML.
  static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SVGTree? {
    let builder = Builder()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = builder
    let ok = parser.parse()
    #expect(
      ok, "not well-formed XML: \(String(describing: parser.parserError))",
      sourceLocation: sourceLocation)
    return ok ? builder.root : nil
  }

  private final class Builder: NSObject, XMLParserDelegate {
    var root: SVGTree?
    var stack: [SVGTree] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      let node = SVGTree(name: elementName, attributes: attributes)
      if let parent = stack.last { parent.children.append(node) } else { root = node }
      stack.append(node)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      _ = stack.popLast()
    }
  }
}
