/// What a goal counted when it closed: its results are final from then on.
///
/// A goal closes when it is completed, or when its end date and grace period are over. From
/// that moment walks logged, imported, edited or deleted, and memberships changed, must not
/// change its results (the standings a team was told are the standings). Rather than keep a
/// history of every row, the inputs of the results are copied when the goal closes: the
/// memberships of its teams and the walks that could count (its window up to the closing
/// day). Every report of the goal is then computed from this copy with the same code as
/// before, so the numbers are the ones it had when it closed.
public struct FinalResults: Sendable, Equatable {
  /// Why the goal closed.
  public enum Reason: String, Sendable, Codable {
    case completed, ended
  }

  public var reason: Reason
  /// The completion day, or the end date.
  public var closedOn: LocalDate
  /// Every membership of the goal's teams when it closed.
  public var memberships: [Membership]
  /// The walks (not deleted) of those members dated from the start to the closing day, with
  /// their ids, members, dates and distances (nothing else counts).
  public var walks: [Walk]

  public init(
    reason: Reason, closedOn: LocalDate, memberships: [Membership], walks: [Walk]
  ) {
    self.reason = reason
    self.closedOn = closedOn
    self.memberships = memberships
    self.walks = walks
  }
}
