import Foundation
import Testing

@testable import MileQuestKit

/// The built-in catalogue: shape of the data, plausibility of every coordinate table, lookup.
struct BuiltinCatalogTests {
  /// The ocean crossing, whose "trail" is its own great-circle length.
  static let pacificKey = "pacific-island-hops"

  @Test func shipsAtLeastTenRoutes() {
    #expect(BuiltinCatalog.all.count >= 10)
  }

  @Test func keysAreUniqueAndLowerCase() {
    let keys = BuiltinCatalog.all.map(\.key)
    #expect(Set(keys).count == keys.count)
    for key in keys {
      #expect(key == key.lowercased())
      #expect(!key.isEmpty && !key.contains(" "))
    }
  }

  @Test func namesAreUnique() {
    let names = BuiltinCatalog.all.map { $0.name.lowercased() }
    #expect(Set(names).count == names.count)
  }

  @Test func lookupIgnoresCase() throws {
    let route = try #require(BuiltinCatalog.route(key: "Camino-FRANCES"))
    #expect(route.key == "camino-frances")
    #expect(BuiltinCatalog.route(key: "lejog")?.name == "Land's End to John o' Groats")
    #expect(BuiltinCatalog.route(key: "no-such-walk") == nil)
    #expect(BuiltinCatalog.route(key: "") == nil)
  }

  @Test func includesTheRoutesTheIssueNames() {
    for key in [
      "lejog", "camino-frances", "hadrians-wall", "west-highland-way", "route-66",
      "appalachian-trail", "pacific-crest-trail", "tour-du-mont-blanc", "kumano-kodo",
      Self.pacificKey,
    ] {
      #expect(BuiltinCatalog.route(key: key) != nil, "missing \(key)")
    }
  }

  @Test(arguments: BuiltinCatalog.all.map(\.key))
  func buildsAGeometryMatchingItsStatedLength(key: String) throws {
    let builtin = try #require(BuiltinCatalog.route(key: key))
    let route = builtin.route()
    #expect(route.name == builtin.name)
    #expect(route.points == builtin.points)
    #expect(route.id == nil)
    let geometry = try route.geometry()
    #expect(geometry.length == builtin.greatCircleLengthMetres)
  }

  @Test(arguments: BuiltinCatalog.all.map(\.key))
  func coordinatesAreInRange(key: String) throws {
    let builtin = try #require(BuiltinCatalog.route(key: key))
    #expect(builtin.points.count >= 6)
    for point in builtin.points {
      let c = point.coordinate
      #expect((-90.0...90.0).contains(c.latitude), "\(point)")
      #expect((-180.0...180.0).contains(c.longitude), "\(point)")
      // Shipped data must pass the same check as typed waypoints.
      #expect(throws: Never.self) {
        try Coordinate.validated(latitude: c.latitude, longitude: c.longitude)
      }
    }
  }

  @Test(arguments: BuiltinCatalog.all.map(\.key))
  func labelsAreUniqueAndEndsAreMilestones(key: String) throws {
    let builtin = try #require(BuiltinCatalog.route(key: key))
    let first = try #require(builtin.points.first)
    let last = try #require(builtin.points.last)
    #expect(first.label != nil)
    #expect(last.label != nil)
    let labels = builtin.points.compactMap(\.label)
    #expect(Set(labels).count == labels.count, "duplicate label in \(key)")
    for label in labels {
      #expect(!label.isEmpty && label == label.trimmingCharacters(in: .whitespaces))
    }
  }

  @Test(arguments: BuiltinCatalog.all.map(\.key))
  func lengthsArePlausible(key: String) throws {
    let builtin = try #require(BuiltinCatalog.route(key: key))
    let greatCircle = builtin.greatCircleLengthMetres
    for length in [greatCircle, builtin.trailLengthMetres] {
      #expect(length >= 100_000 && length <= 10_000_000, "\(key): \(length) m")
    }
    if key == Self.pacificKey {
      #expect(builtin.trailLengthMetres == greatCircle)
    } else {
      // Straight legs cut corners, so they come out shorter, but not absurdly so.
      let ratio = greatCircle / builtin.trailLengthMetres
      #expect(ratio >= 0.40 && ratio <= 1.005, "\(key): ratio \(ratio)")
    }
  }

  /// A mistyped coordinate shows up as one leg that swallows much of the route.
  @Test(arguments: BuiltinCatalog.all.map(\.key).filter { $0 != BuiltinCatalogTests.pacificKey })
  func noLegDominatesItsRoute(key: String) throws {
    let builtin = try #require(BuiltinCatalog.route(key: key))
    let total = builtin.greatCircleLengthMetres
    for (a, b) in zip(builtin.points, builtin.points.dropFirst()) {
      let leg = GreatCircle.distance(a.coordinate, b.coordinate)
      #expect(leg <= 0.25 * total, "\(key): \(a.label ?? "?") -> \(b.label ?? "?")")
    }
  }

  @Test func pacificRouteCrossesTheAntimeridian() throws {
    let builtin = try #require(BuiltinCatalog.route(key: Self.pacificKey))
    let pairs = zip(builtin.points, builtin.points.dropFirst())
    let crossings = pairs.filter { a, b in
      let lonA = a.coordinate.longitude
      let lonB = b.coordinate.longitude
      return (lonA < 0) != (lonB < 0) && abs(lonA - lonB) > 180
    }
    #expect(!crossings.isEmpty)
    // Crossing the date line must not mean going the long way round.
    let geometry = try builtin.route().geometry()
    #expect(geometry.length < 10_000_000)
  }
}
