import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestPictures

@Suite("MapProjection")
struct MapProjectionTests {
  static let frame = MapProjection.Frame(x: 0, y: 60, width: 960, height: 600)

  @Test("a route across the antimeridian is drawn in one piece, centred near 180°")
  func antimeridianContiguous() throws {
    // Given
    let route = PictureFixture.pacific
    let path = RouteMap.trace(try route.geometry(), from: 0, to: try route.geometry().length)

    // When
    let projection = MapProjection(fitting: path, frame: Self.frame, margin: 40)
    let xs = path.map { projection.project($0).x }

    // Then: no jump across the picture between neighbours, and everything inside the frame.
    let jumps = zip(xs, xs.dropFirst()).map { abs($1 - $0) }
    #expect((jumps.max() ?? 0) < Self.frame.width / 10)
    #expect(xs.allSatisfy { $0 >= 40 - 1e-9 && $0 <= 920 + 1e-9 })
    // The central meridian is in the Pacific, not at Greenwich.
    #expect(abs(abs(projection.centralLongitude) - 180) < 20)
  }

  @Test("longitudes are unwrapped to follow on from each other")
  func unwrapping() {
    #expect(MapProjection.unwrapped([179, -179, -170, 175]) == [179, 181, 190, 175])
    #expect(MapProjection.unwrapped([-10, 10]) == [-10, 10])
  }

  @Test("a point 360° away projects to the same pixel, and the fit keeps the margins")
  func fitAndPeriodicity() {
    // Given
    let points = [
      Coordinate(latitude: -17, longitude: 179.5), Coordinate(latitude: -16, longitude: -179.5),
    ]

    // When
    let projection = MapProjection(fitting: points, frame: Self.frame, margin: 50)
    let a = projection.project(Coordinate(latitude: -16.5, longitude: 179.9))
    let b = projection.project(Coordinate(latitude: -16.5, longitude: -180.1))
    let corners = points.map(projection.project)

    // Then
    #expect(abs(a.x - b.x) < 1e-6 && abs(a.y - b.y) < 1e-6)
    let left = corners.map(\.x).min() ?? 0
    let right = corners.map(\.x).max() ?? 0
    let top = corners.map(\.y).min() ?? 0
    let bottom = corners.map(\.y).max() ?? 0
    // The tighter dimension touches its margins; the other is centred.
    #expect(abs(left - 50) < 1e-6 || abs(top - 110) < 1e-6)
    #expect(abs((left + right) / 2 - 480) < 1e-6)
    #expect(abs((top + bottom) / 2 - 360) < 1e-6)
  }

  @Test("east–west distances are scaled by cos φ0, so shapes keep their proportions")
  func cosineScaling() {
    // Given: a box 1° × 1° at 60° N.
    let points = [
      Coordinate(latitude: 59.5, longitude: 10), Coordinate(latitude: 60.5, longitude: 11),
    ]

    // When
    let projection = MapProjection(fitting: points, frame: Self.frame, margin: 50)
    let a = projection.project(points[0])
    let b = projection.project(points[1])

    // Then: 1° of longitude is half as wide as 1° of latitude is tall (cos 60° = 0.5).
    #expect(abs(abs(b.x - a.x) / abs(b.y - a.y) - 0.5) < 1e-9)
    #expect(abs(projection.metresPerPixel * projection.pixelsPerDegree - 111_195.08) < 0.01)
  }

  @Test("pixels map back to the longitude and latitude they show")
  func inverse() {
    let projection = MapProjection(
      fitting: [
        Coordinate(latitude: 0, longitude: 170), Coordinate(latitude: 10, longitude: -170),
      ],
      frame: Self.frame, margin: 20)
    let point = projection.project(Coordinate(latitude: 5, longitude: 175))
    let longitude = GreatCircle.normalizedLongitude(projection.longitude(atX: point.x))
    #expect(abs(longitude - 175) < 1e-9)
    #expect(abs(projection.latitude(atY: point.y) - 5) < 1e-9)
  }
}
