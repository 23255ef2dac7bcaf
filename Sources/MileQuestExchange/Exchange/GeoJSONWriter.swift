import Foundation
import MileQuestCore

/// Writes a route as a GeoJSON (RFC 7946) FeatureCollection: one line Feature with properties
/// `name` and `length_m`, then one `Point` Feature per labelled point, with its `name`.
///
/// A route that crosses the antimeridian is cut there into a `MultiLineString` (RFC 7946
/// §3.1.9). The cut is at the exact latitude where the great-circle leg meets ±180°
/// (GEODESY.md §5), not a straight-line interpolation, so the inserted points lie on the legs
/// and the length is unchanged. Numbers are written with full (round-trip) precision rather
/// than RFC 7946's suggested 6 decimals, so that reading the file back gives the same points.
public enum GeoJSONWriter {
  /// The route as a GeoJSON FeatureCollection (UTF-8 text ending in a newline).
  public static func route(_ route: Route) -> String {
    let coordinates = route.points.map(\.coordinate)
    var length = 0.0
    for i in coordinates.indices.dropFirst() {
      length += GreatCircle.distance(coordinates[i - 1], coordinates[i])
    }
    let parts = lineParts(coordinates)
    let geometry: String
    if parts.count == 1 {
      geometry = #"{"type":"LineString","coordinates":\#(positions(parts[0]))}"#
    } else {
      let lines = parts.map(positions).joined(separator: ",")
      geometry = #"{"type":"MultiLineString","coordinates":[\#(lines)]}"#
    }
    var features = [
      #"{"type":"Feature","properties":{"name":\#(quoted(route.name)),"length_m":\#(length)},"#
        + #""geometry":\#(geometry)}"#
    ]
    for point in route.points {
      guard let label = point.label else { continue }
      let c = point.coordinate
      let position = "[\(GreatCircle.normalizedLongitude(c.longitude)),\(c.latitude)]"
      features.append(
        #"{"type":"Feature","properties":{"name":\#(quoted(label))},"#
          + #""geometry":{"type":"Point","coordinates":\#(position)}}"#)
    }
    return #"{"type":"FeatureCollection","features":["# + "\n"
      + features.joined(separator: ",\n") + "\n]}\n"
  }

  /// The polyline as [longitude, latitude] parts that never cross the antimeridian: a leg that
  /// crosses it ends one part at ±180° and starts the next at ∓180°, at the same latitude.
  static func lineParts(_ points: [Coordinate]) -> [[(lon: Double, lat: Double)]] {
    guard let first = points.first else { return [[]] }
    var parts: [[(lon: Double, lat: Double)]] = [
      [(GreatCircle.normalizedLongitude(first.longitude), first.latitude)]
    ]
    for (a, b) in zip(points, points.dropFirst()) {
      let la = GreatCircle.normalizedLongitude(a.longitude)
      let lb = GreatCircle.normalizedLongitude(b.longitude)
      // Where b is when walking the short way from a without wrapping: ≥ 180 or < −180 means
      // the leg crosses. (|Δλ| = 180 is a leg over a pole, which meets ±180° only at the pole.)
      let end = la + (lb - la).remainder(dividingBy: 360)
      if end >= 180 {
        if end == 180 {
          // b lies on the antimeridian itself: it ends this part and starts the next.
          parts[parts.count - 1].append((180, b.latitude))
          parts.append([(lb, b.latitude)])
        } else {
          let lat = crossingLatitude(a, b)
          parts[parts.count - 1].append((180, lat))
          parts.append([(-180, lat), (lb, b.latitude)])
        }
      } else if end < -180 {
        if la == -180 {
          // a lies on the antimeridian: this part already ends there; the next starts at +180.
          parts.append([(180, a.latitude), (lb, b.latitude)])
        } else {
          let lat = crossingLatitude(a, b)
          parts[parts.count - 1].append((-180, lat))
          parts.append([(180, lat), (lb, b.latitude)])
        }
      } else {
        parts[parts.count - 1].append((lb, b.latitude))
      }
    }
    // A part reduced to a single point on the antimeridian adds nothing to the line.
    let kept = parts.filter { $0.count >= 2 }
    return kept.isEmpty ? [parts[0]] : kept
  }

  /// Latitude in degrees where the great circle through a and b meets longitude 180°:
  /// φ = atan((sin φ1 cos φ2 sin λ2 − sin φ2 cos φ1 sin λ1) / (cos φ1 cos φ2 sin(λ1 − λ2)))
  /// (GEODESY.md §5 with λ = 180°, where sin(λ − λi) = sin λi).
  static func crossingLatitude(_ a: Coordinate, _ b: Coordinate) -> Double {
    let radians = Double.pi / 180
    let (phi1, phi2) = (a.latitude * radians, b.latitude * radians)
    let (lambda1, lambda2) = (a.longitude * radians, b.longitude * radians)
    let dLambda = (a.longitude - b.longitude).remainder(dividingBy: 360) * radians
    let numerator = sin(phi1) * cos(phi2) * sin(lambda2) - sin(phi2) * cos(phi1) * sin(lambda1)
    let denominator = cos(phi1) * cos(phi2) * sin(dLambda)
    guard denominator != 0 else {
      // A leg along a meridian can only meet 180° at a pole.
      return a.latitude + b.latitude >= 0 ? 90 : -90
    }
    return atan(numerator / denominator) / radians
  }

  private static func positions(_ part: [(lon: Double, lat: Double)]) -> String {
    "[" + part.map { "[\($0.lon),\($0.lat)]" }.joined(separator: ",") + "]"
  }

  /// A JSON string literal (the same escaping as every other JSON we write).
  static func quoted(_ text: String) -> String { JSONValue.quoted(text) }
}
