import Foundation
import Testing

@testable import MileQuestKit

/// One pair from `Fixtures/gc_cases.json`: 50-digit mpmath values on the R = 6 371 008.8 m
/// sphere, produced independently of milequest (see Fixtures/README.md).
struct GreatCircleCase: Decodable, Sendable, CustomTestStringConvertible {
  struct Point: Decodable, Sendable {
    let lat: Double
    let lon: Double
    var coordinate: Coordinate { Coordinate(latitude: lat, longitude: lon) }
  }
  struct Sphere: Decodable, Sendable {
    let distanceM: Double
    let initialBearingDeg: Double?
    let finalBearingDeg: Double?
    /// Keys "0.25", "0.5", "0.75"; values [lat, lon], or null for antipodal pairs.
    let intermediate: [String: [Double]?]
  }
  let id: Int
  let category: String
  let label: String
  let p1: Point
  let p2: Point
  let flags: [String]
  let sphere: Sphere

  var testDescription: String { "#\(id) \(category)/\(label)" }
  var isCoincident: Bool { flags.contains("coincident") }
  var isAntipodal: Bool { flags.contains("antipodal") }
  var isNearAntipodal: Bool { flags.contains("near_antipodal") }

  /// All 200 cases, read from the test bundle.
  static func all() throws -> [GreatCircleCase] {
    struct File: Decodable { let cases: [GreatCircleCase] }
    let url = try #require(
      Bundle.module.url(forResource: "gc_cases", withExtension: "json", subdirectory: "Fixtures"))
    return try snakeCaseDecoder.decode(File.self, from: Data(contentsOf: url)).cases
  }
}

/// A decoder for the fixtures, whose keys are snake_case ("distance_m" → `distanceM`).
var snakeCaseDecoder: JSONDecoder {
  let decoder = JSONDecoder()
  decoder.keyDecodingStrategy = .convertFromSnakeCase
  return decoder
}

/// |a − b| for angles in degrees, taken modulo 360 (the fixture's longitudes are in
/// (−180, 180], ours in [−180, 180)).
func angleGap(_ a: Double, _ b: Double) -> Double {
  abs((a - b).remainder(dividingBy: 360))
}

/// Cached so the JSON is decoded once for all the parameterised tests.
let greatCircleCases: [GreatCircleCase] = (try? GreatCircleCase.all()) ?? []

@Suite("GreatCircle against gc_cases.json")
struct GreatCircleFixtureTests {
  @Test func fixtureHas200Cases() {
    #expect(greatCircleCases.count == 200)
  }

  /// Tolerance from GEODESY.md §8: 1e-6 m, or 1e-12 relative for long distances.
  @Test(arguments: greatCircleCases)
  func distance(_ c: GreatCircleCase) {
    let d = GreatCircle.distance(c.p1.coordinate, c.p2.coordinate)
    let tolerance = max(1e-6, 1e-12 * c.sphere.distanceM)
    #expect(abs(d - c.sphere.distanceM) <= tolerance, "got \(d), want \(c.sphere.distanceM)")
  }

  /// Bearings agree to 1e-7° (the fixture prints 7–10 decimals) and are nil exactly where the
  /// reference is null (coincident and antipodal pairs).
  @Test(arguments: greatCircleCases)
  func bearings(_ c: GreatCircleCase) {
    let a = c.p1.coordinate
    let b = c.p2.coordinate
    let pairs = [
      (GreatCircle.initialBearing(a, b), c.sphere.initialBearingDeg, "initial"),
      (GreatCircle.finalBearing(a, b), c.sphere.finalBearingDeg, "final"),
    ]
    for (got, want, name) in pairs {
      guard let want else {
        #expect(got == nil, "\(name) bearing should be undefined")
        continue
      }
      guard let got else {
        Issue.record("\(name) bearing is nil, want \(want)")
        continue
      }
      #expect((0..<360).contains(got), "\(name) bearing \(got) outside [0, 360)")
      #expect(angleGap(got, want) <= 1e-7, "\(name) bearing \(got), want \(want)")
    }
  }

  /// Slerp at 1/4, 1/2, 3/4 within 1e-9° (1e-6° for near-antipodal pairs, which are
  /// ill-conditioned); nil for antipodes; longitude skipped at a pole, where it is arbitrary.
  @Test(arguments: greatCircleCases)
  func intermediatePoints(_ c: GreatCircleCase) throws {
    let tolerance = c.isNearAntipodal ? 1e-6 : 1e-9
    for (key, fraction) in [("0.25", 0.25), ("0.5", 0.5), ("0.75", 0.75)] {
      let got = GreatCircle.intermediate(c.p1.coordinate, c.p2.coordinate, fraction: fraction)
      guard let want = c.sphere.intermediate[key] ?? nil else {
        #expect(got == nil, "f=\(key) should be undefined")
        continue
      }
      let point = try #require(got, "f=\(key) is nil")
      #expect(abs(point.latitude - want[0]) <= tolerance, "f=\(key) lat \(point.latitude)")
      #expect((-180..<180).contains(point.longitude), "f=\(key) lon not normalised")
      if abs(want[0]) < 90 - 1e-9 {
        #expect(
          angleGap(point.longitude, want[1]) <= tolerance, "f=\(key) lon \(point.longitude)")
      }
    }
  }

  /// Walking the initial bearing for the full distance lands on p2 within 1e-6°.
  @Test(arguments: greatCircleCases.filter { !$0.isCoincident && !$0.isAntipodal })
  func destinationReachesSecondPoint(_ c: GreatCircleCase) throws {
    let bearing = try #require(c.sphere.initialBearingDeg)
    let end = GreatCircle.destination(
      from: c.p1.coordinate, bearing: bearing, distance: c.sphere.distanceM)
    #expect(abs(end.latitude - c.p2.lat) <= 1e-6, "lat \(end.latitude), want \(c.p2.lat)")
    #expect((-180..<180).contains(end.longitude))
    if abs(c.p2.lat) < 90 - 1e-6 {
      #expect(angleGap(end.longitude, c.p2.lon) <= 1e-6, "lon \(end.longitude)")
    }
  }
}

@Suite("GreatCircle hand cases")
struct GreatCircleHandTests {
  @Test(arguments: [
    (180.0, -180.0), (190, -170), (-180, -180), (540, -180), (-190, 170), (0, 0),
    (179.5, 179.5), (360, 0), (-360, 0), (720.25, 0.25), (-540, -180), (359, -1),
  ])
  func normalizedLongitude(_ input: Double, _ expected: Double) {
    #expect(GreatCircle.normalizedLongitude(input) == expected)
  }

  @Test func normalizedLongitudeKeepsInRangeValuesBitForBit() {
    for lon in [13.726695478, -179.99999999999997, 0.1, -0.0] {
      #expect(GreatCircle.normalizedLongitude(lon).bitPattern == lon.bitPattern)
    }
  }

  @Test func validatedTurnsNegativeZeroIntoZero() throws {
    let c = try Coordinate.validated(latitude: -0.0, longitude: -0.0)
    #expect(c.latitude.sign == .plus)
    #expect(c.longitude.sign == .plus)
    #expect(c == Coordinate(latitude: 0, longitude: 0))
  }

  @Test func validatedNormalises180() throws {
    #expect(try Coordinate.validated(latitude: 10, longitude: 180).longitude == -180)
    #expect(try Coordinate.validated(latitude: 90, longitude: -180).longitude == -180)
  }

  @Test(arguments: [
    (Double.nan, 0.0, "latitude nan"), (0, .nan, "longitude nan"),
    (.infinity, 0, "latitude inf"), (0, -.infinity, "longitude -inf"),
    (91, 0, "latitude 91 is out of range [-90, 90]"), (-90.5, 0, "latitude -90.5"),
    (0, 180.25, "longitude 180.25 is out of range [-180, 180]"), (0, -181, "longitude -181"),
  ])
  func validatedRefuses(_ lat: Double, _ lon: Double, _ message: String) {
    #expect {
      try Coordinate.validated(latitude: lat, longitude: lon)
    } throws: { error in
      guard case MileQuestError.badData(let text) = error else { return false }
      return text.contains(message)
    }
  }

  @Test(
    arguments: [
      ("51.5,-0.12", 51.5, -0.12, nil), (" 51.5 , -0.12 , London ", 51.5, -0.12, "London"),
      ("1,2,Paris, France", 1, 2, "Paris, France"), ("1,2,", 1, 2, nil), ("1,2,  ", 1, 2, nil),
      ("+1.,.5", 1, 0.5, nil), ("-90,180,South Pole", -90, -180, "South Pole"),
      ("-0,-0", 0, 0, nil),
    ] as [(String, Double, Double, String?)])
  func parsesWaypoints(_ text: String, _ lat: Double, _ lon: Double, _ label: String?) throws {
    let (coordinate, parsedLabel) = try Coordinate.parse(text)
    #expect(coordinate == Coordinate(latitude: lat, longitude: lon))
    #expect(parsedLabel == label)
  }

  @Test(arguments: [
    "", "1", "1,", ",2", "a,b", "1;2", "1,2e1", "nan,0", "inf,0", "0x1,2", "1,,x", "1 2,3",
    "--1,2", "1.2.3,4",
  ])
  func refusesMalformedWaypoints(_ text: String) {
    #expect {
      try Coordinate.parse(text)
    } throws: { error in
      isBadData(error, containing: "bad waypoint '\(text)': expected \"lat,lon[,label]\"")
    }
  }

  @Test func refusesOutOfRangeWaypointsNamingTheValue() {
    #expect {
      try Coordinate.parse("91,0,Too far north")
    } throws: { isBadData($0, containing: "latitude 91 is out of range [-90, 90]") }
    #expect {
      try Coordinate.parse("0,-180.5")
    } throws: { isBadData($0, containing: "longitude -180.5 is out of range") }
  }

  /// GEODESY.md §2.4 reference values, and arcs whose length is πR/2 or πR by hand.
  @Test func referenceDistances() {
    let quarter = Double.pi / 2 * 6_371_008.8  // 10 007 557.176 m
    let cases: [(Coordinate, Coordinate, Double, Double)] = [
      (
        .init(latitude: 0, longitude: 179.9), .init(latitude: 0, longitude: -179.9), 22_239.016,
        1e-3
      ),
      (
        .init(latitude: -17, longitude: 179.99), .init(latitude: -17, longitude: -179.99),
        2_126.728, 1e-3
      ),
      (.init(latitude: 89, longitude: 0), .init(latitude: 89, longitude: 180), 222_390.16, 1e-2),
      (.init(latitude: 0, longitude: 0), .init(latitude: 90, longitude: 0), quarter, 1e-6),
      (.init(latitude: 0, longitude: 0), .init(latitude: 0, longitude: 90), quarter, 1e-6),
      (.init(latitude: 0, longitude: 0), .init(latitude: 0, longitude: 180), 2 * quarter, 1e-6),
    ]
    for (a, b, want, tolerance) in cases {
      #expect(abs(GreatCircle.distance(a, b) - want) <= tolerance, "\(a) → \(b)")
      #expect(abs(GreatCircle.distance(b, a) - want) <= tolerance, "\(b) → \(a)")
    }
  }

  @Test func midpointAcrossTheAntimeridianIsOn180() throws {
    // GEODESY.md §2.4: (0,179.9)→(0,−179.9) has its midpoint at (0, 180), printed as −180.
    let mid = try #require(
      GreatCircle.intermediate(
        Coordinate(latitude: 0, longitude: 179.9), Coordinate(latitude: 0, longitude: -179.9),
        fraction: 0.5))
    #expect(abs(mid.latitude) < 1e-12)
    #expect(abs(mid.longitude + 180) < 1e-9)
  }

  @Test func intermediateReturnsEndpointsExactly() throws {
    let a = Coordinate(latitude: 45.278764149, longitude: 13.726695478)
    let b = Coordinate(latitude: -33.8688, longitude: 151.2093)
    #expect(GreatCircle.intermediate(a, b, fraction: 0) == a)
    #expect(GreatCircle.intermediate(a, b, fraction: 1) == b)
  }

  @Test func centralAngleDecidesCoincidenceNotCoordinates() {
    // GEODESY.md §2.4: these pairs differ only in longitude but are one point.
    let pairs: [(Coordinate, Coordinate)] = [
      (.init(latitude: 0, longitude: 180), .init(latitude: 0, longitude: -180)),
      (.init(latitude: 90, longitude: 0), .init(latitude: 90, longitude: 123)),
      (.init(latitude: 0, longitude: 190), .init(latitude: 0, longitude: -170)),
    ]
    for (a, b) in pairs {
      #expect(GreatCircle.distance(a, b) < 1e-6)
      #expect(GreatCircle.initialBearing(a, b) == nil)
      #expect(GreatCircle.intermediate(a, b, fraction: 0.5) == a.withNormalizedLongitude)
    }
  }

  @Test func destinationWrapsLongitude() {
    // Due east along the equator for a quarter of the circumference from 135°E: 135 + 90 =
    // 225°E, which is 135°W.
    let end = GreatCircle.destination(
      from: Coordinate(latitude: 0, longitude: 135), bearing: 90,
      distance: Double.pi / 2 * Earth.meanRadius)
    #expect(abs(end.latitude) < 1e-12)
    #expect(abs(end.longitude + 135) < 1e-9)
  }

  @Test func earthRadiusIsTheIUGGMeanRadius() {
    #expect(Earth.meanRadius == 6_371_008.8)
  }
}

extension Coordinate {
  /// The same point with its longitude in [−180, 180), for comparisons in tests.
  fileprivate var withNormalizedLongitude: Coordinate {
    Coordinate(latitude: latitude, longitude: GreatCircle.normalizedLongitude(longitude))
  }
}
