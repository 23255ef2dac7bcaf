import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit

/// Reads a route from GeoJSON text in memory.
private func geoJSONRoute(_ json: String) throws -> [RoutePoint] {
  try GeoJSONReader.route(from: Data(json.utf8), name: "t.geojson")
}

private func point(_ lat: Double, _ lon: Double, _ label: String? = nil) -> RoutePoint {
  RoutePoint(coordinate: Coordinate(latitude: lat, longitude: lon), label: label)
}

extension ExchangeTests {
  @Suite("GeoJSONReader")
  struct GeoJSONReaderTests {
    @Test func antimeridianFixture() throws {
      let name = "antimeridian_line.geojson"
      let expected = try #require(try ExpectedFile.named(name).lines?.first)
      let points = try GeoJSONReader.route(at: fixturePath(name))
      #expect(points == [point(-10, 170), point(10, -170)])
      let length = try RouteGeometry(points: points.map(\.coordinate)).length
      #expect(abs(length - expected.haversineM) <= max(1e-9 * expected.haversineM, 5e-5))
    }

    /// RFC 7946 positions are [longitude, latitude], the reverse of speech order.
    @Test func positionsAreLongitudeThenLatitude() throws {
      let points = try geoJSONRoute(
        #"{"type":"LineString","coordinates":[[10,50],[11.5,51,300]]}"#)
      #expect(points == [point(50, 10), point(51, 11.5)])
    }

    @Test func featureWithLineString() throws {
      let points = try geoJSONRoute(
        #"{"type":"Feature","properties":null,"geometry":"#
          + #"{"type":"LineString","coordinates":[[0,0],[1,0]]}}"#)
      #expect(points == [point(0, 0), point(0, 1)])
    }

    @Test func featureCollectionWithMilestones() throws {
      let points = try geoJSONRoute(
        """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"Half"},
           "geometry":{"type":"Point","coordinates":[1,0.001]}},
          {"type":"Feature","properties":{"name":"route"},
           "geometry":{"type":"LineString","coordinates":[[0,0],[2,0]]}},
          {"type":"Feature","properties":{"name":"Goal"},
           "geometry":{"type":"Point","coordinates":[2,0]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[3,3]}},
          {"type":"Feature","properties":{"name":"nothing"},"geometry":null}
        ]}
        """)
      #expect(points.map(\.label) == [nil, "Half", "Goal"])
      #expect(abs(points[1].coordinate.longitude - 1) < 1e-12)
      #expect(abs(points[1].coordinate.latitude) < 1e-12)
    }

    /// Parts of an antimeridian cut share their crossing point, which is kept once.
    @Test func multiLineStringJoinsPartsDroppingTheSharedPoint() throws {
      let points = try geoJSONRoute(
        #"{"type":"MultiLineString","coordinates":[[[170,0],[180,5]],[[-180,5],[-170,10]]]}"#)
      #expect(points == [point(0, 170), point(5, -180), point(10, -170)])
    }

    @Test func disjointPartsAreJoinedWhole() throws {
      let points = try geoJSONRoute(
        #"{"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[2,0],[3,0]]]}"#)
      #expect(points.count == 4)
    }

    @Test(arguments: [
      ("{", "t.geojson: not valid JSON"),
      ("[1,2]", "t.geojson: the document is not an object"),
      (#"{"coordinates":[]}"#, "t.geojson: the document has no \"type\""),
      (#"{"type":"Point","coordinates":[1,2]}"#, "t.geojson: no LineString or MultiLineString"),
      (#"{"type":"Polygon","coordinates":[]}"#, "the geometry is a Polygon; a route needs"),
      (
        #"{"type":"LineString","coordinates":[[1,2]]}"#,
        "has 1 position; a line needs at least 2"
      ),
      (
        #"{"type":"LineString","coordinates":[[1,2],["a",3]]}"#,
        "the geometry, position 2 is not a [longitude, latitude] pair of numbers"
      ),
      (
        #"{"type":"LineString","coordinates":[[1,2],[true,3]]}"#,
        "the geometry, position 2 is not a [longitude, latitude] pair of numbers"
      ),
      (
        #"{"type":"LineString","coordinates":[[50,100],[1,2]]}"#,
        "latitude 100 is out of range [-90, 90] (GeoJSON positions are [longitude, latitude])"
      ),
      (#"{"type":"FeatureCollection"}"#, "the FeatureCollection has no \"features\" array"),
      (
        #"{"type":"FeatureCollection","features":[{"type":"Point"}]}"#, "feature 1 is not a Feature"
      ),
      (
        #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":"#
          + #"{"type":"LineString","coordinates":[[0,0],[1,1]]}},{"type":"Feature","geometry":"#
          + #"{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#,
        "the geometry of feature 2 is a second line; a route file must hold exactly one"
      ),
    ])
    func errorsNameWhatIsWrong(_ json: String, _ fragment: String) {
      #expect { try geoJSONRoute(json) } throws: { isBadData($0, containing: fragment) }
    }

    @Test func fileErrors() throws {
      #expect(throws: MileQuestError.self) { try GeoJSONReader.route(at: "/nonexistent/x.json") }
      let path = try exchangeTempFile("not json", name: "bad.geojson")
      #expect { try GeoJSONReader.route(at: path) } throws: {
        isBadData($0, containing: "bad.geojson: not valid JSON")
      }
      #expect(GeoJSONReader.maxFileBytes == 50 * 1024 * 1024)
    }
  }
}
