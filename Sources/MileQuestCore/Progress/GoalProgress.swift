/// Where a goal stands on a given day (SPEC §3).
public struct GoalProgress: Sendable, Equatable {
  /// `active`, `completed`, `ended` (its end date and grace period are over and it was not
  /// completed) or `cancelled`.
  public enum Status: String, Sendable, Codable {
    case active, completed, ended, cancelled
  }

  /// One team's marker (in a race each team has one; otherwise the one shared marker).
  public struct Marker: Sendable, Equatable {
    /// Team name, or the team names joined with " + " for a together goal.
    public var name: String
    /// Counted distance in metres, capped at the target.
    public var doneMetres: Double
    /// Counted distance in metres, not capped.
    public var countedMetres: Double
    public var percent: Double
    /// Position on the route; nil for a plain distance goal.
    public var position: Coordinate?
    /// The day the marker reached the target.
    public var arrivedOn: LocalDate?
    /// Every milestone with the day this marker reached it.
    public var milestones: [(milestone: Milestone, reachedOn: LocalDate?)]
    /// Counted metres per day, in date order.
    public var daily: [(date: LocalDate, metres: Double)]

    public static func == (lhs: Marker, rhs: Marker) -> Bool {
      lhs.name == rhs.name && lhs.doneMetres == rhs.doneMetres && lhs.position == rhs.position
        && lhs.arrivedOn == rhs.arrivedOn
        && lhs.milestones.map(\.reachedOn) == rhs.milestones.map(\.reachedOn)
    }
  }

  public var goal: Goal
  public var routeName: String?
  public var status: Status
  public var targetMetres: Double
  /// Markers ranked: arrived teams first by arrival day, then by distance, then by name.
  public var markers: [Marker]
  /// The day the goal was completed (in a race: the first arrival).
  public var completedOn: LocalDate?
  /// Average counted metres per day over the last 14 days of the goal (fewer if younger).
  public var paceMetresPerDay: Double
  /// Metres per day still needed to finish by the end date; nil without an end date or when
  /// there is nothing left to do or no day left.
  public var neededMetresPerDay: Double?
  /// When the leading marker arrives at the recent pace; nil when the pace is zero.
  public var projectedOn: LocalDate?
  /// Days from the start to today (or the end), inclusive; 0 before the start.
  public var daysElapsed: Int
  /// The day the progress is computed for.
  public var today: LocalDate
  /// Days from today (or the start) to the end, inclusive; nil without an end date and once
  /// the goal is completed, ended or cancelled.
  public var daysLeft: Int?
  /// Whether the results are final: the goal closed and later changes no longer move them
  /// (`FinalResults`).
  public var isFinal = false

  /// The day the goal closed, after which nothing changes its results (`FinalResults`): the
  /// day its last marker arrived (for one marker, the completion day; a race goes on after
  /// the first arrival so that every team can finish), else its end date once the grace
  /// period is over; nil while open or when cancelled.
  public var closedOn: LocalDate? {
    if status == .cancelled { return nil }
    let arrivals = markers.map(\.arrivedOn)
    if !arrivals.isEmpty, arrivals.allSatisfy({ $0 != nil }) {
      return arrivals.compactMap { $0 }.max()
    }
    return goal.hasEnded(on: today) ? goal.end : nil
  }

  /// The leading marker, which the top-level numbers describe.
  public var leader: Marker { markers[0] }
  public var remainingMetres: Double { targetMetres - leader.doneMetres }

  /// The last milestone the leader passed, with its distance.
  public var lastMilestone: Milestone? {
    leader.milestones.last { $0.milestone.atMetres <= leader.doneMetres }?.milestone
  }

  /// The next milestone ahead of the leader; nil once arrived.
  public var nextMilestone: Milestone? {
    leader.milestones.first { $0.milestone.atMetres > leader.doneMetres }?.milestone
  }

  /// Metres from the leader to the next milestone.
  public var toNextMetres: Double? { nextMilestone.map { $0.atMetres - leader.doneMetres } }
}
