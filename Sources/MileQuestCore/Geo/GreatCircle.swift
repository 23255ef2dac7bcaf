import Foundation

/// Great-circle geometry on a sphere of radius `Earth.meanRadius`.
///
/// Angles are in degrees and distances in metres unless a name says otherwise. Formulas follow
/// GEODESY.md §1.3 and §2 (after Vincenty 1975 on a sphere, and Ed Williams' Aviation
/// Formulary for bearings and slerp).
public enum GreatCircle {
  /// Central angles this close to 0 or π (radians) count as coincident or antipodal.
  ///
  /// It matches the threshold of the reference cases (`gc_cases.json`): about 6 µm on Earth.
  static let degenerateAngle = 1e-12

  /// Wraps a longitude into [−180, 180); values already in range come back bit-for-bit.
  public static func normalizedLongitude(_ lon: Double) -> Double {
    if lon >= -180, lon < 180 { return lon }
    // IEEE remainder is exact and lands in [−180, 180]; only +180 needs moving.
    let wrapped = lon.remainder(dividingBy: 360)
    return wrapped == 180 ? -180 : wrapped
  }

  /// The angle at the Earth's centre between two points, in radians, in [0, π].
  ///
  /// atan2 form (GEODESY.md §1.3, "Vincenty on a sphere"): well conditioned for 1 mm steps and
  /// for antipodes alike, unlike the law of cosines (0.1 m floor) or haversine near π.
  public static func centralAngle(_ a: Coordinate, _ b: Coordinate) -> Double {
    let (sinPhi1, cosPhi1) = sinCos(a.latitude)
    let (sinPhi2, cosPhi2) = sinCos(b.latitude)
    let (sinDLambda, cosDLambda) = sinCos(longitudeDifference(a, b))
    let y1 = cosPhi2 * sinDLambda
    let y2 = northComponent(a, b)
    let x = sinPhi1 * sinPhi2 + cosPhi1 * cosPhi2 * cosDLambda
    return atan2((y1 * y1 + y2 * y2).squareRoot(), x)
  }

  /// Great-circle distance in metres between two points (R = `Earth.meanRadius`).
  public static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
    Earth.meanRadius * centralAngle(a, b)
  }

  /// Direction of travel when leaving `a` for `b`, degrees clockwise from north in [0, 360);
  /// nil when the points coincide or are antipodal, where no single direction exists.
  ///
  /// θ = atan2(sin Δλ cos φ2, cos φ1 sin φ2 − sin φ1 cos φ2 cos Δλ) (GEODESY.md §2.1). From a
  /// pole the answer is relative to the pole's stored longitude, as GeographicLib does it.
  public static func initialBearing(_ a: Coordinate, _ b: Coordinate) -> Double? {
    guard !isDegenerate(centralAngle(a, b)) else { return nil }
    return rawBearing(a, b)
  }

  /// Direction of travel on arriving at `b` from `a`, degrees in [0, 360); nil when the points
  /// coincide or are antipodal. It is the reverse bearing from `b` to `a`, turned by 180°.
  public static func finalBearing(_ a: Coordinate, _ b: Coordinate) -> Double? {
    guard !isDegenerate(centralAngle(a, b)) else { return nil }
    return wrap360(rawBearing(b, a) + 180)
  }

  /// The point a fraction `f` of the way from `a` to `b` along the great circle (slerp); f = 0
  /// and f = 1 give the endpoints exactly, coincident points give `a`, antipodes give nil.
  ///
  /// A = sin((1−f)δ)/sin δ, B = sin(fδ)/sin δ applied to the unit vectors (GEODESY.md §2.2).
  /// Fractions outside [0, 1] extrapolate along the same circle. The longitude is in
  /// [−180, 180); at a pole it is 0.
  public static func intermediate(
    _ a: Coordinate, _ b: Coordinate, fraction f: Double
  ) -> Coordinate? {
    let delta = centralAngle(a, b)
    if delta > .pi - degenerateAngle { return nil }
    if f == 0 || delta < degenerateAngle { return normalized(a) }
    if f == 1 { return normalized(b) }
    let sinDelta = sin(delta)
    let weightA = sin((1 - f) * delta) / sinDelta
    let weightB = sin(f * delta) / sinDelta
    let va = unitVector(a)
    let vb = unitVector(b)
    return coordinate(
      x: weightA * va.x + weightB * vb.x,
      y: weightA * va.y + weightB * vb.y,
      z: weightA * va.z + weightB * vb.z)
  }

  /// The point reached by leaving `from` on `bearing` (degrees) for `distance` metres along a
  /// great circle; the longitude is wrapped into [−180, 180).
  ///
  /// Vector form of GEODESY.md §2.3: p2 = p1 cos δ + (n cos θ + e sin θ) sin δ, with n and e
  /// the local north and east unit vectors (Gade, "A non-singular horizontal position
  /// representation", J. Navigation 63, 2010). It is the same point as the asin/atan2 form, but
  /// the latitude comes from atan2, so it keeps full precision near the poles, and at a pole
  /// it reads the bearing relative to the pole's stored longitude, like `initialBearing`.
  public static func destination(
    from start: Coordinate, bearing: Double, distance: Double
  ) -> Coordinate {
    let delta = distance / Earth.meanRadius
    let (sinPhi, cosPhi) = sinCos(start.latitude)
    let (sinLambda, cosLambda) = sinCos(start.longitude)
    let (sinTheta, cosTheta) = sinCos(bearing)
    let (sinDelta, cosDelta) = (sin(delta), cos(delta))
    // North and east unit vectors at the start point.
    let north = (x: -sinPhi * cosLambda, y: -sinPhi * sinLambda, z: cosPhi)
    let east = (x: -sinLambda, y: cosLambda, z: 0.0)
    let p = unitVector(start)
    let dx = north.x * cosTheta + east.x * sinTheta
    let dy = north.y * cosTheta + east.y * sinTheta
    let dz = north.z * cosTheta + east.z * sinTheta
    return coordinate(
      x: p.x * cosDelta + dx * sinDelta,
      y: p.y * cosDelta + dy * sinDelta,
      z: p.z * cosDelta + dz * sinDelta)
  }

  // MARK: - Helpers

  /// True for central angles that make bearings and slerp undefined (0 or π).
  static func isDegenerate(_ delta: Double) -> Bool {
    delta < degenerateAngle || delta > .pi - degenerateAngle
  }

  /// λ2 − λ1 in degrees, reduced exactly into [−180, 180] so the trig sees a small angle even
  /// for unnormalised input such as 540.
  private static func longitudeDifference(_ a: Coordinate, _ b: Coordinate) -> Double {
    (b.longitude - a.longitude).remainder(dividingBy: 360)
  }

  /// The bearing formula of §2.1 without the degenerate-case check.
  private static func rawBearing(_ a: Coordinate, _ b: Coordinate) -> Double {
    let cosPhi2 = cos(b.latitude * .pi / 180)
    let sinDLambda = sin(longitudeDifference(a, b) * .pi / 180)
    let theta = atan2(sinDLambda * cosPhi2, northComponent(a, b))
    return wrap360(theta * 180 / .pi)
  }

  /// cos φ1 sin φ2 − sin φ1 cos φ2 cos Δλ, the northward part of the direction from a to b.
  ///
  /// Written as sin Δφ + 2 sin φ1 cos φ2 sin²(Δλ/2), an exact identity: the textbook form
  /// subtracts two nearly equal numbers for points centimetres apart and loses about 1e-6° of
  /// bearing; this one has no cancellation (measured on the 1 cm cases of gc_cases.json).
  private static func northComponent(_ a: Coordinate, _ b: Coordinate) -> Double {
    let sinDPhi = sin((b.latitude - a.latitude) * .pi / 180)
    let sinHalfDLambda = sin(longitudeDifference(a, b) * .pi / 360)
    let sinPhi1 = sin(a.latitude * .pi / 180)
    let cosPhi2 = cos(b.latitude * .pi / 180)
    return sinDPhi + 2 * sinPhi1 * cosPhi2 * sinHalfDLambda * sinHalfDLambda
  }

  /// Maps degrees into [0, 360); −0 and a rounding result of exactly 360 both become 0
  /// (GEODESY.md §2.1 warns about (10,180)→(20,−180) giving 360.0).
  private static func wrap360(_ degrees: Double) -> Double {
    var r = degrees.truncatingRemainder(dividingBy: 360)
    if r < 0 { r += 360 }
    return r >= 360 ? 0 : r + 0.0
  }

  /// Sine and cosine of an angle given in degrees.
  private static func sinCos(_ degrees: Double) -> (Double, Double) {
    let radians = degrees * .pi / 180
    return (sin(radians), cos(radians))
  }

  /// The Earth-centred unit vector of a coordinate.
  private static func unitVector(_ c: Coordinate) -> (x: Double, y: Double, z: Double) {
    let (sinPhi, cosPhi) = sinCos(c.latitude)
    let (sinLambda, cosLambda) = sinCos(c.longitude)
    return (cosPhi * cosLambda, cosPhi * sinLambda, sinPhi)
  }

  /// The coordinate of a (not necessarily unit) Earth-centred vector; atan2 for both angles
  /// keeps full precision everywhere, and at a pole atan2(0, 0) gives longitude 0.
  private static func coordinate(x: Double, y: Double, z: Double) -> Coordinate {
    let latitude = atan2(z, (x * x + y * y).squareRoot()) * 180 / .pi
    let longitude = atan2(y, x) * 180 / .pi
    return Coordinate(latitude: latitude, longitude: normalizedLongitude(longitude))
  }

  /// The same point with its longitude wrapped into [−180, 180).
  private static func normalized(_ c: Coordinate) -> Coordinate {
    Coordinate(latitude: c.latitude, longitude: normalizedLongitude(c.longitude))
  }
}
