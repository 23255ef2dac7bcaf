import Foundation
import MileQuestCore

/// Puts named places (GPX `<wpt>`, GeoJSON `Point` features) onto a route as milestones.
///
/// Each place goes to the nearest position on the route's great-circle legs, not merely the
/// nearest vertex: on a sparse route (two cities, a handful of rtepts) the nearest vertex can be
/// hundreds of kilometres from the place. The projected point is inserted into its leg with
/// slerp, so it lies on the same great circle and the route's length is unchanged (to rounding).
/// Within `snapMetres` of an existing vertex the vertex is labelled instead; if that vertex
/// already has a label, a coincident copy carrying the new label is inserted after it (a
/// zero-length leg, which `RouteGeometry` accepts) so that neither milestone is lost.
/// Places are handled in file order; a place far from the route still becomes a milestone at
/// its nearest position.
enum MilestonePlacement {
  /// Closer than this to a vertex, a milestone labels the vertex rather than adding a point.
  static let snapMetres = 0.5

  /// The route with each milestone labelled or inserted at its nearest position.
  static func place(
    _ milestones: [(coordinate: Coordinate, label: String)], on points: [RoutePoint]
  ) -> [RoutePoint] {
    guard points.count >= 2 else { return points }
    var route = points
    var vectors = route.map { unitVector($0.coordinate) }
    for milestone in milestones {
      let p = unitVector(milestone.coordinate)
      let (leg, fraction) = nearest(p, on: vectors)
      let a = route[leg].coordinate
      let b = route[leg + 1].coordinate
      let legMetres = GreatCircle.distance(a, b)
      let index: Int
      if fraction * legMetres <= snapMetres {
        index = leg
      } else if (1 - fraction) * legMetres <= snapMetres {
        index = leg + 1
      } else {
        // Legs are shorter than 180°, so slerp is defined; the fallback is never taken.
        let inserted = GreatCircle.intermediate(a, b, fraction: fraction) ?? a
        route.insert(RoutePoint(coordinate: inserted, label: milestone.label), at: leg + 1)
        vectors.insert(unitVector(inserted), at: leg + 1)
        continue
      }
      if route[index].label == nil {
        route[index].label = milestone.label
      } else {
        let copy = RoutePoint(coordinate: route[index].coordinate, label: milestone.label)
        route.insert(copy, at: index + 1)
        vectors.insert(vectors[index], at: index + 1)
      }
    }
    return route
  }

  /// The leg and fraction along it (0 … 1, by angle) of the point of the polyline nearest `p`.
  private static func nearest(_ p: SIMD3<Double>, on vectors: [SIMD3<Double>]) -> (Int, Double) {
    var bestAngle = angle(p, vectors[0])
    var best = (0, 0.0)
    for i in 0..<(vectors.count - 1) {
      let a = vectors[i]
      let b = vectors[i + 1]
      let endAngle = angle(p, b)
      if endAngle < bestAngle {
        bestAngle = endAngle
        best = (i, 1)
      }
      // Project p onto the leg's great-circle plane; keep it only if it falls inside the arc.
      let normal = cross(a, b)
      let normalLength = length(normal)
      guard normalLength > 1e-15 else { continue }
      let n = normal / normalLength
      let inPlane = p - dot(p, n) * n
      let inPlaneLength = length(inPlane)
      guard inPlaneLength > 1e-15 else { continue }
      let q = inPlane / inPlaneLength
      guard dot(cross(a, q), n) > 0, dot(cross(q, b), n) > 0 else { continue }
      let offAngle = angle(p, q)
      if offAngle < bestAngle {
        bestAngle = offAngle
        best = (i, min(max(angle(a, q) / angle(a, b), 0), 1))
      }
    }
    return best
  }

  private static func unitVector(_ c: Coordinate) -> SIMD3<Double> {
    let phi = c.latitude * .pi / 180
    let lambda = c.longitude * .pi / 180
    return SIMD3(cos(phi) * cos(lambda), cos(phi) * sin(lambda), sin(phi))
  }

  /// The angle between two unit vectors, well conditioned near 0 and π (atan2 form).
  private static func angle(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
    atan2(length(cross(u, v)), dot(u, v))
  }

  private static func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
  }

  private static func dot(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
    (u * v).sum()
  }

  private static func length(_ u: SIMD3<Double>) -> Double {
    dot(u, u).squareRoot()
  }
}
