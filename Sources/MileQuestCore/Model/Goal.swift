/// How several teams share one goal.
public enum GoalMode: String, Sendable, Codable, CaseIterable {
  /// Each team moves its own marker; teams are ranked by progress.
  case race
  /// All distance is pooled into one marker.
  case together
}

/// Whether a goal was cancelled; completion is derived from the walks.
public enum GoalState: String, Sendable, Codable {
  case active
  case cancelled
}

/// What one or more teams are going for.
public struct Goal: Sendable, Equatable, Codable {
  /// Database id; nil until stored.
  public var id: Int64?
  /// Unique (case-insensitive) name.
  public var name: String
  /// The route followed, or nil for a plain distance goal.
  public var routeId: Int64?
  /// Target distance in metres (the route length for a route goal).
  public var targetMetres: Double
  public var mode: GoalMode
  /// First day whose walks count.
  public var start: LocalDate
  /// Last day whose walks count (the deadline), inclusive; nil for none.
  public var end: LocalDate?
  /// At most this many metres per member per day count toward the goal; nil for no cap.
  public var dailyCapMetres: Double?
  /// Days after the end date during which late walks dated inside the window still count;
  /// the goal's results are final once they are over.
  public var graceDays: Int
  public var state: GoalState
  /// Teams pursuing the goal, in the order given at creation.
  public var teamIds: [Int64]
  /// Which activities count, and at what factor (`ActivityCounting.standard` by default).
  public var activities: ActivityCounting

  public init(
    id: Int64? = nil, name: String, routeId: Int64?, targetMetres: Double, mode: GoalMode,
    start: LocalDate, end: LocalDate?, dailyCapMetres: Double?, graceDays: Int = 0,
    state: GoalState = .active, teamIds: [Int64], activities: ActivityCounting = .standard
  ) {
    self.id = id
    self.name = name
    self.routeId = routeId
    self.targetMetres = targetMetres
    self.mode = mode
    self.start = start
    self.end = end
    self.dailyCapMetres = dailyCapMetres
    self.graceDays = graceDays
    self.state = state
    self.teamIds = teamIds
    self.activities = activities
  }

  /// The goal's window `[start, end]`.
  public var window: DateRange { DateRange(from: start, to: end) }

  /// The last day on which a late walk can still change the results (the end date plus the
  /// grace period); nil without an end date.
  public var lastOpenDay: LocalDate? { end.map { $0.adding(days: graceDays) } }

  /// Whether the deadline and its grace period are over on `today`.
  public func hasEnded(on today: LocalDate) -> Bool {
    lastOpenDay.map { today > $0 } ?? false
  }
}
