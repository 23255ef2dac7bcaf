import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit

/// The path of a file in `Fixtures/files`.
func fixturePath(_ name: String) throws -> String {
  try #require(
    Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/files")
  ).path
}

/// Writes `text` to a fresh temporary directory as `name` and returns the file's path.
func exchangeTempFile(_ text: String, name: String = "test.gpx") throws -> String {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("milequest-exchange-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let url = directory.appendingPathComponent(name)
  try Data(text.utf8).write(to: url)
  return url.path
}

/// The track and route figures of one GPX file in expected.json.
private struct GPXExpectation: Decodable {
  struct Track: Decodable {
    let name: String?
    let segments: Int
    let trkpt: Int
    let haversineM: Double
    let haversineSegmentsJoinedM: Double
    let elapsedS: Double?
  }
  struct Route: Decodable {
    let rtept: Int
    let haversineM: Double
  }
  let file: String
  let tracks: [Track]?
  let routes: [Route]?

  static func named(_ name: String) throws -> GPXExpectation {
    struct Root: Decodable { let files: [GPXExpectation] }
    let url = try #require(
      Bundle.module.url(forResource: "expected", withExtension: "json", subdirectory: "Fixtures"))
    let root = try snakeCaseDecoder.decode(Root.self, from: Data(contentsOf: url))
    return try #require(root.files.first { $0.file == name })
  }
}

/// expected.json rounds lengths to 4 decimals, so allow that on top of 1e-9 relative.
private func lengthMatches(_ actual: Double, _ expected: Double) -> Bool {
  abs(actual - expected) <= max(1e-9 * expected, 5e-5)
}

/// The route length of points, through the Kit's own geometry.
private func routeLength(_ points: [RoutePoint]) throws -> Double {
  try RouteGeometry(points: points.map(\.coordinate)).length
}

/// A minimal GPX document around `body`.
private func gpx(_ body: String) -> String {
  #"<?xml version="1.0"?><gpx version="1.1" creator="t" "#
    + #"xmlns="http://www.topografix.com/GPX/1/1">"# + body + "</gpx>"
}

extension ExchangeTests {
  @Suite("GPXReader on the real fixtures")
  struct GPXReaderFixtureTests {
    @Test(arguments: [
      "applewatch_friday_run_extensions.gpx", "garmin_etrex20x_visnjan.gpx",
      "gpsies_alltrails_innrunde.gpx", "gpxpy_mojstrovka_gpx10.gpx",
    ])
    func tracksMatchExpected(_ name: String) throws {
      let expected = try #require(try GPXExpectation.named(name).tracks)
      let tracks = try GPXReader.tracks(at: fixturePath(name))
      #expect(tracks.count == expected.count)
      for (track, reference) in zip(tracks, expected) {
        #expect(track.name == reference.name)
        #expect(track.pointCount == reference.trkpt)
        #expect(track.segmentCount == reference.segments)
        #expect(lengthMatches(track.lengthMetres, reference.haversineM))
        let elapsed = try #require(track.elapsedSeconds)
        // Python keeps microseconds, so 7-digit fractions differ below 1e-6 s.
        #expect(abs(elapsed - (reference.elapsedS ?? -1)) < 1e-5)
        #expect(track.fingerprint.count == 16)
      }
    }

    @Test func appleWatchTimesAndSegments() throws {
      let track = try #require(
        try GPXReader.tracks(at: fixturePath("applewatch_friday_run_extensions.gpx")).first)
      let first = try #require(track.firstTime)
      let last = try #require(track.lastTime)
      #expect(abs(first.timeIntervalSince1970 - 1_746_201_075.692) < 1e-6)
      #expect(last.timeIntervalSince1970 == 1_746_203_645)
      #expect(track.segmentCount == 3)
    }

    @Test func routeFromRte() throws {
      let name = "gpxpy_route_rte_gpx10.gpx"
      let expected = try #require(try GPXExpectation.named(name).routes?.first)
      let points = try GPXReader.route(at: fixturePath(name))
      #expect(points.count == expected.rtept)
      #expect(points.first?.label == "#001")
      #expect(points.last?.label == "#055")
      #expect(lengthMatches(try routeLength(points), expected.haversineM))
      let regexPoints = try gpxPoints(fixtureText(name))
      #expect(points.map(\.coordinate) == regexPoints)
    }

    /// A track becomes a route with its segments joined, so the gaps now count.
    @Test(arguments: [
      "applewatch_friday_run_extensions.gpx", "garmin_etrex20x_visnjan.gpx",
      "gpsies_alltrails_innrunde.gpx", "gpxpy_mojstrovka_gpx10.gpx",
    ])
    func routeFromTrack(_ name: String) throws {
      let expected = try #require(try GPXExpectation.named(name).tracks?.first)
      let points = try GPXReader.route(at: fixturePath(name))
      #expect(points.count == expected.trkpt)
      #expect(points.allSatisfy { $0.label == nil })
      #expect(lengthMatches(try routeLength(points), expected.haversineSegmentsJoinedM))
    }

    @Test func malformedCoordinatesNameTheirPosition() throws {
      let path = try fixturePath("malformed_undefined_coords.gpx")
      for read in [{ _ = try GPXReader.tracks(at: path) }, { _ = try GPXReader.route(at: path) }] {
        #expect {
          try read()
        } throws: { error in
          error as? MileQuestError == .badData("\(path):5:7: bad latitude 'undefined'")
        }
      }
    }
  }
}

extension ExchangeTests {
  @Suite("GPXReader on hand-written files")
  struct GPXReaderInlineTests {
    @Test func noNamespaceGPX10WithTimeZones() throws {
      let path = try exchangeTempFile(
        """
        <gpx version="1.0"><trk><name> Walk </name><trkseg>
        <trkpt lat="0" lon="0"><time>2024-01-01T00:00:00</time></trkpt>
        <trkpt lat="0" lon="1"><time>2024-01-01T01:00:00+01:00</time></trkpt>
        <trkpt lat="0" lon="2"><time>2024-01-01T00:30:00.5-0030</time></trkpt>
        </trkseg></trk></gpx>
        """)
      let track = try #require(try GPXReader.tracks(at: path).first)
      #expect(track.name == "Walk")
      #expect(track.pointCount == 3)
      #expect(abs(track.lengthMetres - 2 * .pi / 180 * 6_371_008.8) < 1e-6)
      #expect(track.firstTime == Date(timeIntervalSince1970: 1_704_067_200))
      #expect(track.elapsedSeconds == 3600.5)
    }

    @Test func prefixedElementsAndExtensions() throws {
      let path = try exchangeTempFile(
        """
        <g:gpx xmlns:g="http://www.topografix.com/GPX/1/1" xmlns:x="urn:x" version="1.1">
        <g:metadata><g:name>ignored</g:name><g:time>bad time is ignored here</g:time></g:metadata>
        <g:trk><g:trkseg>
        <g:trkpt lat="1" lon="2"><g:extensions><x:hr>90</x:hr></g:extensions></g:trkpt>
        <g:trkpt lat="1.5" lon="2"><g:extensions/><g:extensions><x:trkpt lat="x"/></g:extensions>
        </g:trkpt>
        </g:trkseg></g:trk></g:gpx>
        """)
      let track = try #require(try GPXReader.tracks(at: path).first)
      #expect(track.pointCount == 2)
      #expect(track.name == nil)
      #expect(track.elapsedSeconds == nil)
      #expect(abs(track.lengthMetres - 0.5 * .pi / 180 * 6_371_008.8) < 1e-6)
    }

    @Test func emptyRoutesTracksAndElevationsAreSkipped() throws {
      let path = try exchangeTempFile(
        gpx(
          """
          <rte></rte><trk/><trk><name>Second</name><trkseg/><trkseg>
          <trkpt lat="1" lon="1"><ele/><time/></trkpt>
          </trkseg></trk>
          """))
      let tracks = try GPXReader.tracks(at: path)
      #expect(tracks.count == 1)
      #expect(tracks.first?.name == "Second")
      #expect(tracks.first?.segmentCount == 1)
      #expect(tracks.first?.lengthMetres == 0)
      #expect(tracks.first?.firstTime == nil)
      #expect {
        try GPXReader.route(at: path)
      } throws: {
        isBadData($0, containing: "the track in \(path) has only 1 point; a route needs at least 2")
      }
    }

    @Test func identicalTimesGiveNoElapsedTime() throws {
      let path = try exchangeTempFile(
        gpx(
          """
          <trk><trkseg>
          <trkpt lat="1" lon="1"><time>2024-05-01T10:00:00Z</time></trkpt>
          <trkpt lat="1" lon="1.001"><time>2024-05-01T10:00:00Z</time></trkpt>
          </trkseg></trk>
          """))
      let track = try #require(try GPXReader.tracks(at: path).first)
      #expect(track.elapsedSeconds == nil)
      #expect(track.firstTime == track.lastTime)
    }

    @Test func routeOnlyFileHasNoTracks() throws {
      let path = try exchangeTempFile(gpx(#"<rte><rtept lat="1" lon="1"/></rte>"#))
      #expect(try GPXReader.tracks(at: path).isEmpty)
    }

    @Test func firstRteWinsOverTracksAndLongitudesAreNormalised() throws {
      let path = try exchangeTempFile(
        gpx(
          """
          <trk><trkseg><trkpt lat="5" lon="5"><name>t</name></trkpt>
          <trkpt lat="6" lon="5"/></trkseg></trk>
          <rte><name>R</name><rtept lat="10" lon="180"><name> A &amp; B </name></rtept>
          <rtept lat="11" lon="-179.5"/></rte>
          <rte><rtept lat="0" lon="0"/><rtept lat="0" lon="1"/></rte>
          """))
      let points = try GPXReader.route(at: path)
      #expect(
        points == [
          RoutePoint(coordinate: Coordinate(latitude: 10, longitude: -180), label: "A & B"),
          RoutePoint(coordinate: Coordinate(latitude: 11, longitude: -179.5)),
        ])
    }

    @Test func waypointsBecomeMilestonesAtTheirNearestPosition() throws {
      let path = try exchangeTempFile(
        gpx(
          """
          <wpt lat="0.001" lon="1"><name>Middle</name></wpt>
          <wpt lat="0.000001" lon="0"><name>Start</name></wpt>
          <wpt lat="0" lon="2"><name>Again</name></wpt>
          <wpt lat="5" lon="5"/>
          <rte><rtept lat="0" lon="0"/><rtept lat="0" lon="2"><name>End</name></rtept></rte>
          """))
      let points = try GPXReader.route(at: path)
      #expect(points.map(\.label) == ["Start", "Middle", "End", "Again"])
      // The middle milestone is the foot of the perpendicular, on the leg itself.
      #expect(abs(points[1].coordinate.latitude) < 1e-12)
      #expect(abs(points[1].coordinate.longitude - 1) < 1e-12)
      #expect(points[0].coordinate == Coordinate(latitude: 0, longitude: 0))
      #expect(points[3].coordinate == points[2].coordinate)
      #expect(abs(try routeLength(points) - 2 * .pi / 180 * 6_371_008.8) < 1e-6)
    }

    @Test func fingerprintDependsOnContentOnly() throws {
      let points = #"<trkpt lat="1" lon="1"/><trkpt lat="1.1" lon="1"/>"#
      let a = try exchangeTempFile(gpx("<trk><name>A</name><trkseg>\(points)</trkseg></trk>"))
      let b = try exchangeTempFile(
        "<gpx>\n<trk>\n<name>B</name>\n<trkseg>\n\(points)\n</trkseg>\n</trk>\n</gpx>")
      let moved = try exchangeTempFile(
        gpx(#"<trk><trkseg><trkpt lat="1" lon="1"/><trkpt lat="1.1" lon="1.0001"/></trkseg></trk>"#)
      )
      let split = try exchangeTempFile(
        gpx(
          #"<trk><trkseg><trkpt lat="1" lon="1"/></trkseg><trkseg><trkpt lat="1.1" lon="1"/>"#
            + "</trkseg></trk>"))
      let prints = try [a, b, moved, split].map { try GPXReader.tracks(at: $0)[0].fingerprint }
      #expect(prints[0] == prints[1])
      #expect(Set(prints).count == 3)
    }

    @Test(arguments: [
      (#"<wpt lat="91" lon="0"/>"#, "1:95: latitude 91 is out of range [-90, 90]"),
      (#"<wpt lat="1" lon="x"/>"#, "1:95: bad longitude 'x'"),
      (#"<wpt lat="1e1" lon="0"/>"#, "1:95: bad latitude '1e1'"),
      (#"<wpt lon="0"/>"#, "1:95: <wpt> has no lat attribute"),
      (
        #"<trk><trkseg><trkpt lat="1" lon="1"><time>yesterday</time></trkpt></trkseg></trk>"#,
        "1:137: bad time 'yesterday'"
      ),
      (
        #"<trk><trkseg><trkpt lat="1" lon="1"></trkseg></trk>"#,
        "1:131: mismatched end tag </trkseg>; expected </trkpt>"
      ),
    ])
    func badContentNamesFileLineAndColumn(_ body: String, _ message: String) throws {
      let path = try exchangeTempFile(gpx(body))
      #expect {
        try GPXReader.tracks(at: path)
      } throws: { error in
        error as? MileQuestError == .badData("\(path):\(message)")
      }
    }

    @Test(arguments: [
      ("<kml/>", "1:1: the root element is <kml>, not <gpx>; this is not a GPX file"),
      ("<gpx><metadata><name>x</name></metadata></gpx>", "has no points"),
      ("", "1:1: the file is empty"),
      (
        "<?xml version=\"1.0\"?>\n"
          + "<!DOCTYPE gpx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<gpx/>",
        "2:1: DTDs and entities are not allowed"
      ),
      (#"<gpx><trk><trkseg><trkpt lat="1" lon="1"><time>2020"#, "unexpected end of file"),
    ])
    func refusedFiles(_ text: String, _ fragment: String) throws {
      let path = try exchangeTempFile(text)
      #expect(throws: MileQuestError.self) { try GPXReader.tracks(at: path) }
      #expect { try GPXReader.route(at: path) } throws: { isBadData($0, containing: fragment) }
    }

    @Test func unreadableFiles() throws {
      let missing = "/nonexistent/milequest/x.gpx"
      #expect(
        throws: MileQuestError.inputUnreadable(path: missing, reason: "No such file or directory")
      ) {
        try GPXReader.tracks(at: missing)
      }
      let directory = FileManager.default.temporaryDirectory.path
      #expect(throws: MileQuestError.inputUnreadable(path: directory, reason: "it is a directory"))
      {
        try GPXReader.route(at: directory)
      }
    }

    @Test func routeFilesHaveASizeCap() throws {
      let path = try exchangeTempFile(gpx(#"<rte><rtept lat="1" lon="1"/></rte>"#))
      #expect { try GPXReader.route(at: path, maxBytes: 100) } throws: {
        isBadData($0, containing: "GPX route files are limited to")
      }
      #expect(GPXReader.maxRouteFileBytes == 50 * 1024 * 1024)
    }

    /// 200 000 points streamed; the length is checked against a plain haversine loop over the
    /// very coordinates written (as the reader sees them, i.e. parsed back from their text).
    @Test func largeGeneratedTrack() throws {
      let count = 200_000
      var text = gpx("").replacingOccurrences(of: "</gpx>", with: "<trk><trkseg>\n")
      var expectedLength = 0.0
      var previous: (Double, Double)?
      var lat = 47.0
      var lon = 8.0
      for i in 0..<count {
        lat += 0.00002 * sin(Double(i) / 40)
        lon += 0.00002 * cos(Double(i) / 60)
        let latText = String(format: "%.7f", lat)
        let lonText = String(format: "%.7f", lon)
        text += "<trkpt lat=\"\(latText)\" lon=\"\(lonText)\"><ele>1</ele></trkpt>\n"
        let point = (try #require(Double(latText)), try #require(Double(lonText)))
        if let (lat1, lon1) = previous {
          let (p1, p2) = (lat1 * .pi / 180, point.0 * .pi / 180)
          let dp = p2 - p1
          let dl = (point.1 - lon1) * .pi / 180
          let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
          expectedLength += 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
        }
        previous = point
      }
      text += "</trkseg></trk></gpx>\n"
      let path = try exchangeTempFile(text)
      defer {
        try? FileManager.default.removeItem(
          at: URL(fileURLWithPath: path).deletingLastPathComponent())
      }
      let track = try #require(try GPXReader.tracks(at: path).first)
      #expect(track.pointCount == count)
      #expect(abs(track.lengthMetres - expectedLength) <= 1e-9 * expectedLength)
    }
  }
}

extension ExchangeTests {
  @Suite("GPX numbers and times")
  struct GPXValueTests {
    @Test(arguments: [
      ("45.2787641494", 45.2787641494), ("+5", 5), ("-.5", -0.5), ("5.", 5), (" 12.25\n", 12.25),
      ("-0", 0), ("13.748273000", 13.748273),
      ("46.123456789012345678901234567890", 46.123456789012345678901234567890),
    ])
    func decimals(_ text: String, _ value: Double) {
      #expect(GPXEventReader.decimal(text) == value)
    }

    @Test(arguments: ["", "-", ".", "1e5", "nan", "inf", "0x10", "1.2.3", "1 2", "undefined"])
    func notDecimals(_ text: String) {
      #expect(GPXEventReader.decimal(text) == nil)
    }

    @Test(arguments: [
      ("2020-12-18T06:15:50Z", 1_608_272_150.0),
      ("2020-12-18T06:15:50", 1_608_272_150),
      ("2020-12-18T07:15:50+01:00", 1_608_272_150),
      ("2020-12-18T01:45:50-0430", 1_608_272_150),
      ("2025-05-02T15:51:15.692Z", 1_746_201_075.692),
      ("2000-02-29T24:00:00Z", 951_868_800),
      ("1901-12-13T20:45:52Z", -2_147_483_648),
    ])
    func times(_ text: String, _ seconds: Double) throws {
      let date = try #require(XSDDateTime.parse(text))
      #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test func sevenDigitFractionKeepsItsPrecision() throws {
      let a = try #require(XSDDateTime.parse("1901-12-13T20:45:52.2073437Z"))
      let b = try #require(XSDDateTime.parse("1901-12-13T20:45:52.207Z"))
      // Dates in 1901 are ~3.1e9 s from Foundation's 2001 reference: a Double resolves ~5e-7 s.
      #expect(abs(a.timeIntervalSince(b) - 0.0003437) < 1e-6)
    }

    @Test(arguments: [
      "", "2020-12-18", "2020-13-01T00:00:00Z", "2021-02-29T00:00:00Z", "2020-12-18T06:15:50.Z",
      "2020-12-18T24:00:01Z", "2020-12-18T06:15:50+1", "2020-12-18 06:15:50Z", "20-12-18T06:15:50Z",
      "2020-12-18T06:15:50Zjunk",
    ])
    func badTimes(_ text: String) {
      #expect(XSDDateTime.parse(text) == nil)
    }
  }
}
