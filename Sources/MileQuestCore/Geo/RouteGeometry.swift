import Foundation

/// A route's polyline with its cumulative great-circle lengths, for turning a distance walked
/// into a position on the map (GEODESY.md §3: cumulative sums, binary search, slerp).
public struct RouteGeometry: Sendable, Equatable {
  /// Legs whose ends are more than this many degrees apart are refused as nearly antipodal:
  /// the great circle through them is (nearly) undefined (GEODESY.md §2.4).
  public static let maxLegDegrees = 179.9

  /// The route's points in order, longitudes normalised to [−180, 180).
  public let points: [Coordinate]
  /// Metres from the start to each point; `cumulative[0] == 0`, non-decreasing.
  public let cumulative: [Double]
  /// Each leg's own length in metres (`legLengths[i]` runs from point i to point i + 1).
  ///
  /// Kept separately from `cumulative` so that a short leg late in a long route is not
  /// measured as the difference of two large, rounded sums.
  package let legLengths: [Double]

  /// Total length in metres: the sum of the legs' great-circle distances.
  public var length: Double { cumulative[cumulative.count - 1] }

  /// Builds the geometry, refusing fewer than 2 points, non-finite or out-of-range latitudes,
  /// a route of zero length, and nearly antipodal legs; coincident neighbours are zero-length
  /// legs.
  public init(points input: [Coordinate]) throws {
    guard input.count >= 2 else {
      throw MileQuestError.badData("a route needs at least 2 points, got \(input.count)")
    }
    var points: [Coordinate] = []
    points.reserveCapacity(input.count)
    for (index, point) in input.enumerated() {
      guard point.latitude.isFinite, point.longitude.isFinite,
        (-90.0...90.0).contains(point.latitude)
      else {
        throw MileQuestError.badData(
          "route point \(index + 1) (\(point.latitude.messageText), "
            + "\(point.longitude.messageText)) is not a valid coordinate")
      }
      points.append(
        Coordinate(
          latitude: point.latitude,
          longitude: GreatCircle.normalizedLongitude(point.longitude)))
    }
    var cumulative = [0.0]
    var legLengths: [Double] = []
    cumulative.reserveCapacity(points.count)
    legLengths.reserveCapacity(points.count - 1)
    let maxLegRadians = Self.maxLegDegrees * .pi / 180
    for i in 0..<(points.count - 1) {
      let angle = GreatCircle.centralAngle(points[i], points[i + 1])
      guard angle <= maxLegRadians else {
        let degrees = FixedDecimal.string(angle * 180 / .pi, places: 3)
        throw MileQuestError.badData(
          "route points \(i + 1) and \(i + 2) are \(degrees)° apart, nearly antipodal, so the "
            + "path between them is undefined; add an intermediate waypoint between them")
      }
      // The same distance function as everywhere else: R · central angle.
      let leg = Earth.meanRadius * angle
      legLengths.append(leg)
      cumulative.append(cumulative[i] + leg)
    }
    guard let total = cumulative.last, total > 0 else {
      throw MileQuestError.badData(
        "a route needs some length, but all \(Plural.count(points.count, "point")) are at "
          + "the same place")
    }
    self.points = points
    self.cumulative = cumulative
    self.legLengths = legLengths
  }

  /// The position `distance` metres from the start along the route: the first point for
  /// distances ≤ 0 (or NaN), the last point for distances ≥ `length`, else slerp on its leg.
  public func position(at distance: Double) -> Coordinate {
    guard distance > 0 else { return points[0] }
    guard distance < length else { return points[points.count - 1] }
    let i = searchLeg(distance)
    // Clamped because the leg's own length and the difference of the sums may differ by an ulp.
    let f = min(max((distance - cumulative[i]) / legLengths[i], 0), 1)
    // Legs are never antipodal (checked in init), so slerp always has an answer.
    return GreatCircle.intermediate(points[i], points[i + 1], fraction: f) ?? points[i]
  }

  /// The 0-based index of the leg that holds `distance`: the leg i with
  /// cumulative[i] ≤ d < cumulative[i + 1] (zero-length legs are skipped); 0 for distances
  /// ≤ 0 and the last leg for distances ≥ `length`.
  public func legIndex(at distance: Double) -> Int {
    guard distance > 0 else { return 0 }
    guard distance < length else { return points.count - 2 }
    return searchLeg(distance)
  }

  /// Binary search for the last i with cumulative[i] ≤ d, for 0 < d < length.
  ///
  /// Taking the *last* such i steps over zero-length legs, whose two ends share one sum, and
  /// since cumulative[n − 1] = length > d the answer is always a real leg (i ≤ n − 2).
  private func searchLeg(_ d: Double) -> Int {
    var low = 0
    var high = cumulative.count - 1
    // Invariant: cumulative[low] ≤ d < cumulative[high].
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if cumulative[mid] <= d {
        low = mid
      } else {
        high = mid
      }
    }
    return low
  }
}
