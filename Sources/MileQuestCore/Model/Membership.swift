/// A member's role in a team.
public enum Role: String, Sendable, Codable, CaseIterable {
  case captain
  case member
}

/// One stretch of time a member spent in a team; history is kept, never overwritten.
public struct Membership: Sendable, Equatable, Codable {
  /// Database id; nil until stored.
  public var id: Int64?
  public var teamId: Int64
  public var memberId: Int64
  public var role: Role
  /// First day whose walks count for the team.
  public var joined: LocalDate
  /// First day whose walks no longer count; nil while the member is still in the team.
  public var left: LocalDate?

  public init(
    id: Int64? = nil, teamId: Int64, memberId: Int64, role: Role, joined: LocalDate,
    left: LocalDate? = nil
  ) {
    self.id = id
    self.teamId = teamId
    self.memberId = memberId
    self.role = role
    self.joined = joined
    self.left = left
  }

  /// Whether a walk dated `date` counts for the team: `date` lies in `[joined, left)`.
  public func covers(_ date: LocalDate) -> Bool {
    date >= joined && (left.map { date < $0 } ?? true)
  }

  /// Whether the member still belongs (or is scheduled to belong) to the team after `day`
  /// began: not left, or leaving later.
  public func isCurrent(on day: LocalDate) -> Bool { left.map { $0 > day } ?? true }

  /// Whether the membership is current on `date` (same rule as `covers`).
  public func isActive(on date: LocalDate) -> Bool { covers(date) }

  /// Whether the membership shares at least one day with `range`.
  public func overlaps(_ range: DateRange) -> Bool {
    if let from = range.from, let to = range.to, to < from { return false }
    if let to = range.to, to < joined { return false }
    if let from = range.from, let left, left <= from { return false }
    if let left, left <= joined { return false }
    return true
  }
}
