/// A famous walk shipped with milequest.
public struct BuiltinRoute: Sendable, Equatable {
  /// Lower-case identifier for `route add-builtin`, e.g. "camino-frances".
  public let key: String
  /// Display name, also the name the route gets when added.
  public let name: String
  /// One line describing the walk and where its trail length comes from.
  public let summary: String
  /// The real on-the-ground length in metres as commonly published.
  public let trailLengthMetres: Double
  /// Ordered points; every labelled point is a milestone.
  public let points: [RoutePoint]

  init(
    key: String, name: String, summary: String, trailLengthMetres: Double,
    points: [RoutePoint]
  ) {
    self.key = key
    self.name = name
    self.summary = summary
    self.trailLengthMetres = trailLengthMetres
    self.points = points
  }

  /// The walk as a route ready to store.
  public func route() -> Route {
    Route(name: name, points: points)
  }

  /// Length in metres of the great-circle legs between the points, as goals measure it.
  ///
  /// Summed leg by leg in order, as `RouteGeometry` does, so the two agree to the last bit.
  public var greatCircleLengthMetres: Double {
    Self.greatCircleLength(points)
  }

  /// Sum of the great-circle legs between consecutive points, in metres.
  static func greatCircleLength(_ points: [RoutePoint]) -> Double {
    var total = 0.0
    for (a, b) in zip(points, points.dropFirst()) {
      total += GreatCircle.distance(a.coordinate, b.coordinate)
    }
    return total
  }
}
