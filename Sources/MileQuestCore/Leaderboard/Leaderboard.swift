/// What a leaderboard ranks by (SPEC §4).
public enum LeaderboardMetric: String, Sendable, Codable, CaseIterable {
  /// Total distance.
  case total
  /// Teams: distance per member (or per walker); members: distance per walk.
  case average
  /// Number of walks.
  case walks
}

/// Whom a team average divides by.
public enum AverageBasis: String, Sendable, Codable, CaseIterable {
  /// Every member of the team in the period; non-walkers count as zero.
  case members
  /// Only the members who logged something in the period.
  case walkers
}

/// A ranked list of members or teams over a period.
public struct Leaderboard: Sendable, Equatable {
  /// One row.
  public struct Entry: Sendable, Equatable {
    public var rank: Int
    /// Member handle or team name.
    public var name: String
    /// Counted distance in metres.
    public var totalMetres: Double
    public var walks: Int
    /// Members of the team in the period (team boards only).
    public var members: Int?
    /// Members who logged something (team boards only).
    public var walkers: Int?
    /// The value ranked by: metres for total and average, a count for walks.
    public var value: Double
    /// The day a race team arrived (race boards only).
    public var arrivedOn: LocalDate?
    /// Percent of the goal done (race boards only).
    public var percent: Double?

    public init(
      rank: Int = 0, name: String, totalMetres: Double, walks: Int, members: Int? = nil,
      walkers: Int? = nil, value: Double, arrivedOn: LocalDate? = nil, percent: Double? = nil
    ) {
      self.rank = rank
      self.name = name
      self.totalMetres = totalMetres
      self.walks = walks
      self.members = members
      self.walkers = walkers
      self.value = value
      self.arrivedOn = arrivedOn
      self.percent = percent
    }
  }

  /// `team:NAME`, `teams`, `goal:NAME` or `goal:NAME:teams`.
  public var scope: String
  public var range: DateRange
  public var metric: LeaderboardMetric
  public var entries: [Entry]

  package init(scope: String, range: DateRange, metric: LeaderboardMetric, entries: [Entry]) {
    self.scope = scope
    self.range = range
    self.metric = metric
    self.entries = entries
  }
}
