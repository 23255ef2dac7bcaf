/// What the counting rules need of a walk: whose, which day, how far, doing what.
///
/// Totals (`WalkCounting.countedTotal`) run on these rather than on whole `Walk` values, so a
/// store can hand them over without decoding notes, sources and ids it will not need.
public struct WalkAmount: Sendable, Equatable {
  public var memberId: Int64
  public var date: LocalDate
  public var distanceMetres: Double
  public var activity: Activity

  public init(
    memberId: Int64, date: LocalDate, distanceMetres: Double, activity: Activity = .walk
  ) {
    self.memberId = memberId
    self.date = date
    self.distanceMetres = distanceMetres
    self.activity = activity
  }

  public init(_ walk: Walk) {
    self.init(
      memberId: walk.memberId, date: walk.date, distanceMetres: walk.distanceMetres,
      activity: walk.activity)
  }
}
