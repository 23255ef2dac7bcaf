import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit

private func routePoint(_ lat: Double, _ lon: Double, _ label: String? = nil) -> RoutePoint {
  RoutePoint(coordinate: Coordinate(latitude: lat, longitude: lon), label: label)
}

/// Sum of great-circle legs, in metres.
private func pathLength(_ points: [RoutePoint]) throws -> Double {
  try RouteGeometry(points: points.map(\.coordinate)).length
}

/// A walking route in Istria with awkward labels.
private let istria = Route(
  name: "Café & <Bar> \"tour\"",
  points: [
    routePoint(45.2787641494, 13.726695478, "Start: Poreč"),
    routePoint(45.2785961743, 13.7286695838),
    routePoint(45.2786546825, 13.7290772796, "Ørsted's <corner> & 'co'"),
    routePoint(-0.00000001, -0.00000001),
    routePoint(45.2794030162, 13.730610162, "End"),
  ])

/// The Pacific leg of GEODESY.md §5 plus a westward return, crossing twice.
private let pacific = Route(
  name: "Pacific",
  points: [
    routePoint(45.401171523, 178.578290065, "West"),
    routePoint(46.365335996, -170.887231372, "East"),
    routePoint(40, 175),
  ])

extension ExchangeTests {
  @Suite("GPXWriter")
  struct GPXWriterTests {
    @Test func writesGPX11WithNamespaceAndEscapes() {
      let text = GPXWriter.route(istria)
      #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
      #expect(
        text.contains(
          #"<gpx version="1.1" creator="milequest" xmlns="http://www.topografix.com/GPX/1/1">"#))
      #expect(text.contains("<name>Café &amp; &lt;Bar&gt; &quot;tour&quot;</name>"))
      #expect(
        text.contains(#"<rtept lat="45.2787641494" lon="13.726695478"><name>Start: Poreč</name>"#))
      #expect(text.contains(#"<rtept lat="-0.00000001" lon="-0.00000001"></rtept>"#))
    }

    @Test func roundTripKeepsPointsAndLabels() throws {
      let path = try exchangeTempFile(GPXWriter.route(istria))
      let points = try GPXReader.route(at: path)
      #expect(points.count == istria.points.count)
      for (read, original) in zip(points, istria.points) {
        #expect(read.label == original.label)
        // Coordinates are written in full round-trip precision: they come back bit for bit.
        #expect(read.coordinate.latitude == original.coordinate.latitude)
        #expect(
          read.coordinate.longitude
            == GreatCircle.normalizedLongitude(original.coordinate.longitude))
      }
    }

    @Test func longitudeNeverReaches180() throws {
      let route = Route(
        name: "dateline",
        points: [routePoint(1, 179.99999999), routePoint(1, 180), routePoint(2, -181)])
      let text = GPXWriter.route(route)
      #expect(!text.contains("lon=\"180."))
      #expect(text.contains(#"lon="179.99999999""#))
      #expect(text.contains(#"lon="-180.0""#))
      #expect(text.contains(#"lon="179.0""#))
      let points = try GPXReader.route(at: try exchangeTempFile(text))
      #expect(points.map(\.coordinate.longitude) == [179.99999999, -180, 179])
    }

    @Test func tinyCoordinatesAreWrittenWithoutExponent() {
      #expect(GPXWriter.decimal(1e-05) == "0.00001")
      #expect(GPXWriter.decimal(-0.0) == "0.0")
      #expect(GPXWriter.decimal(1.5e-9) == "0.0000000015")
      #expect(GPXWriter.decimal(-2.5e-7) == "-0.00000025")
      #expect(GPXWriter.decimal(1e22) == "10000000000000000000000.0")
      #expect(Double(GPXWriter.decimal(1.2345678901234567e-5)) == 1.2345678901234567e-5)
    }

    @Test func controlCharactersAreDroppedFromLabels() {
      #expect(GPXWriter.escape("a\u{1}b\tc") == "ab\tc")
    }
  }
}

extension ExchangeTests {
  @Suite("GeoJSONWriter")
  struct GeoJSONWriterTests {
    @Test func writesAFeatureCollectionWithMilestones() throws {
      let text = GeoJSONWriter.route(istria)
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      #expect(object["type"] as? String == "FeatureCollection")
      let features = try #require(object["features"] as? [[String: Any]])
      #expect(features.count == 4)
      let properties = try #require(features[0]["properties"] as? [String: Any])
      #expect(properties["name"] as? String == istria.name)
      let length = try #require(properties["length_m"] as? Double)
      #expect(length == (try pathLength(istria.points)))
      let geometry = try #require(features[0]["geometry"] as? [String: Any])
      #expect(geometry["type"] as? String == "LineString")
    }

    @Test func roundTripGivesTheSamePointsAndLabels() throws {
      let path = try exchangeTempFile(GeoJSONWriter.route(istria), name: "r.geojson")
      #expect(try GeoJSONReader.route(at: path) == istria.points)
    }

    @Test func antimeridianCrossingIsCutAtTheGreatCircleLatitude() throws {
      let text = GeoJSONWriter.route(pacific)
      #expect(text.contains(#""type":"MultiLineString""#))
      let parts = GeoJSONWriter.lineParts(pacific.points.map(\.coordinate))
      #expect(parts.count == 3)
      #expect(parts[0].last?.lon == 180)
      #expect(parts[1].first?.lon == -180)
      #expect(parts[1].last?.lon == -180)
      #expect(parts[2].first?.lon == 180)
      // GEODESY.md §5 worked value.
      #expect(abs((parts[0].last?.lat ?? 0) - 45.590366539) < 1e-9)
      #expect(parts[0].last?.lat == parts[1].first?.lat)
    }

    @Test func antimeridianRoundTripKeepsTheLength() throws {
      let path = try exchangeTempFile(GeoJSONWriter.route(pacific), name: "p.geojson")
      let points = try GeoJSONReader.route(at: path)
      // The original points plus the two crossings, which lie on the legs.
      #expect(points.count == pacific.points.count + 2)
      #expect(points.map(\.label) == ["West", nil, "East", nil, nil])
      #expect(points[1].coordinate.longitude == -180)
      #expect(
        [points[0], points[2], points[4]].map(\.coordinate) == pacific.points.map(\.coordinate))
      #expect(abs(try pathLength(points) - pathLength(pacific.points)) < 1e-6)
    }

    /// The fixture's line crosses at 0° (GEODESY.md §5).
    @Test func fixtureLineCrossesAtTheEquator() throws {
      let points = try GeoJSONReader.route(at: fixturePath("antimeridian_line.geojson"))
      let parts = GeoJSONWriter.lineParts(points.map(\.coordinate))
      #expect(parts.count == 2)
      #expect(abs(parts[0][1].lat) < 1e-12)
      let route = Route(name: "line", points: points)
      let again = try GeoJSONReader.route(
        at: exchangeTempFile(GeoJSONWriter.route(route), name: "l.geojson"))
      #expect(abs(try pathLength(again) - pathLength(points)) < 1e-6)
    }

    /// A point exactly on the antimeridian ends one part and starts the next, in either direction.
    @Test func pointOnTheAntimeridian() throws {
      let route = Route(
        name: "on", points: [routePoint(0, 179), routePoint(1, 180), routePoint(2, 179)])
      let parts = GeoJSONWriter.lineParts(route.points.map(\.coordinate))
      #expect(parts.count == 2)
      #expect(parts[0].map(\.lon) == [179, 180])
      #expect(parts[1].map(\.lon) == [180, 179])
      let again = try GeoJSONReader.route(
        at: exchangeTempFile(GeoJSONWriter.route(route), name: "o.geojson"))
      #expect(again.map(\.coordinate) == route.points.map { $0.coordinate.withLongitudeWrapped })
    }

    @Test func westwardCrossing() throws {
      let route = Route(name: "w", points: [routePoint(-17, -179), routePoint(-17.5, 179)])
      let parts = GeoJSONWriter.lineParts(route.points.map(\.coordinate))
      #expect(parts.map { $0.map(\.lon) } == [[-179, -180], [180, 179]])
      let again = try GeoJSONReader.route(
        at: exchangeTempFile(GeoJSONWriter.route(route), name: "w.geojson"))
      #expect(again.count == 3)
      #expect(abs(try pathLength(again) - pathLength(route.points)) < 1e-6)
    }

    @Test func jsonStringsAreEscaped() {
      #expect(GeoJSONWriter.quoted("a\"b\\c\nd\u{1}é") == #""a\"b\\c\nd\u0001é""#)
    }
  }
}

extension Coordinate {
  /// The same point with its longitude in [−180, 180).
  fileprivate var withLongitudeWrapped: Coordinate {
    Coordinate(latitude: latitude, longitude: GreatCircle.normalizedLongitude(longitude))
  }
}
