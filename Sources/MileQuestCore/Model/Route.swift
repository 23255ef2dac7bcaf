/// One point of a route; a labelled point is a milestone.
public struct RoutePoint: Sendable, Equatable, Codable {
  public var coordinate: Coordinate
  public var label: String?

  public init(coordinate: Coordinate, label: String? = nil) {
    self.coordinate = coordinate
    self.label = label
  }
}

/// A path on the globe that goals follow.
public struct Route: Sendable, Equatable, Codable {
  /// The shortest route that can be created, in metres: shorter is no route to walk (and
  /// shows as a length of 0.00).
  public static let minimumLengthMetres = 1.0

  /// Database id; nil until stored.
  public var id: Int64?
  /// Unique (case-insensitive) name.
  public var name: String
  /// Ordered points, at least two.
  public var points: [RoutePoint]

  public init(id: Int64? = nil, name: String, points: [RoutePoint]) {
    self.id = id
    self.name = name
    self.points = points
  }

  /// The great-circle geometry of the points (throws for fewer than two or antipodal legs).
  public func geometry() throws -> RouteGeometry {
    try RouteGeometry(points: points.map(\.coordinate))
  }
}
