/// What kind of activity a walk was. Every walk has one; walks typed or imported before
/// activities existed are `walk`.
///
/// A goal counts `walk`, `run`, `hike` and `wheelchair` by default (`countedByDefault`);
/// it may count others through a conversion factor (distance counted per metre done).
public enum Activity: String, Sendable, Codable, CaseIterable, Comparable {
  case walk
  case run
  case hike
  case wheelchair
  case cycle
  case swim
  case other

  /// The kinds a goal counts when it names none.
  public static let countedByDefault: Set<Activity> = [.walk, .run, .hike, .wheelchair]

  /// Reads a name as people and other tools write it: the canonical names, plus the common
  /// verb forms (`walking`, `running`, `hiking`, `cycling`, `biking`, `swimming`), case
  /// insensitive. Nil for anything else.
  public init?(name: String) {
    let lowered = name.lowercased()
    if let exact = Activity(rawValue: lowered) {
      self = exact
      return
    }
    switch lowered {
    case "walking": self = .walk
    case "running": self = .run
    case "hiking": self = .hike
    case "cycling", "biking", "bike", "ride": self = .cycle
    case "swimming": self = .swim
    default: return nil
    }
  }

  /// Declaration order (walk first), so that lists print in one stable order.
  public static func < (lhs: Activity, rhs: Activity) -> Bool {
    let order = Activity.allCases
    return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
  }
}
