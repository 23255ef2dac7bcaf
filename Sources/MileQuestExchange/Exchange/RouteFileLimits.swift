import MileQuestCore

/// Limits on route files (`route create --gpx/--geojson`), so that creating a route stays
/// within the memory bound of every command (64 MiB): a route costs about 100 bytes a point
/// once measured, placed and stored (a 500,000-point route took 81 MB in all).
public enum RouteFileLimits {
  /// Most points in one route (a 2,000 km trail recorded every 10 m is 200,000).
  public static let maxPoints = 250_000

  /// The refusal of a route file with more points than `maxPoints`.
  static func tooManyPoints(_ name: String) -> MileQuestError {
    .badData(
      "\(name): a route is limited to \(maxPoints) points; simplify the line first "
        + "(for example with gpsbabel's simplify filter)")
  }
}
