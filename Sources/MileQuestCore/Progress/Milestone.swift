/// A named point along a goal, at a distance from its start.
public struct Milestone: Sendable, Equatable, Codable {
  public var name: String
  /// Distance from the start, in metres.
  public var atMetres: Double
  /// Index of the route point it sits on; nil for a plain distance goal.
  public var pointIndex: Int?

  public init(name: String, atMetres: Double, pointIndex: Int? = nil) {
    self.name = name
    self.atMetres = atMetres
    self.pointIndex = pointIndex
  }

  /// Fractions of a plain distance goal that are milestones (SPEC §1).
  public static let distanceGoalFractions: [Double] = [0.25, 0.5, 0.75, 0.9, 1.0]

  /// The milestones of a route: every labelled point, plus its two ends (always milestones,
  /// named "Start" and "Finish" when unlabelled).
  public static func of(route: Route, geometry: RouteGeometry) -> [Milestone] {
    route.points.enumerated().compactMap { index, point in
      let name: String?
      if let label = point.label {
        name = label
      } else if index == 0 {
        name = "Start"
      } else if index == route.points.count - 1 {
        name = "Finish"
      } else {
        name = nil
      }
      return name.map {
        Milestone(name: $0, atMetres: geometry.cumulative[index], pointIndex: index)
      }
    }
  }

  /// The milestones of a plain distance goal of `target` metres: 25, 50, 75, 90 and 100 %.
  public static func of(distanceTarget target: Double) -> [Milestone] {
    distanceGoalFractions.map { fraction in
      Milestone(name: "\(Int((fraction * 100).rounded()))%", atMetres: target * fraction)
    }
  }
}
