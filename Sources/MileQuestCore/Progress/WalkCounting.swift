/// The rules for which walks count toward a goal marker, and how much (SPEC §1).
public enum WalkCounting {
  /// What counts per day for one marker, in date order.
  ///
  /// A walk counts when its member has a membership (in any of `memberships`) covering its date
  /// and the date lies in `window`; a walk counts once even if its member is in several of the
  /// marker's teams. With `dailyCap`, at most that many metres per member per day count.
  /// Each day holds the pieces to add (walk distances, or a member's cap on a capped day), so
  /// that running totals stay exact sums of the stored values.
  ///
  /// - Parameters:
  ///   - walks: candidate walks (deleted ones are ignored).
  ///   - memberships: the memberships of every team whose distance feeds the marker.
  ///   - window: the goal's window `[start, end]`.
  ///   - dailyCap: metres per member per day, or nil.
  public static func dailyPieces(
    walks: [Walk], memberships: [Membership], window: DateRange, dailyCap: Double?
  ) -> [(date: LocalDate, pieces: [Double])] {
    dailyPieces(
      amounts: walks.lazy.filter { !$0.isDeleted }.map(WalkAmount.init),
      memberships: memberships, window: window, dailyCap: dailyCap)
  }

  /// `dailyPieces(walks:…)` over amounts of walks that are not deleted.
  public static func dailyPieces<Amounts: Sequence<WalkAmount>>(
    amounts: Amounts, memberships: [Membership], window: DateRange, dailyCap: Double?
  ) -> [(date: LocalDate, pieces: [Double])] {
    let byMember = Dictionary(grouping: memberships, by: \.memberId)
    var perMemberDay: [MemberDay: [Double]] = [:]
    for walk in amounts where window.contains(walk.date) {
      guard byMember[walk.memberId]?.contains(where: { $0.covers(walk.date) }) == true else {
        continue
      }
      perMemberDay[MemberDay(memberId: walk.memberId, date: walk.date), default: []]
        .append(walk.distanceMetres)
    }
    var perDay: [LocalDate: [Double]] = [:]
    for (key, distances) in perMemberDay {
      if let cap = dailyCap, distances.exactSum() > cap {
        perDay[key.date, default: []].append(cap)
      } else {
        perDay[key.date, default: []].append(contentsOf: distances)
      }
    }
    return perDay.map { (date: $0.key, pieces: $0.value) }.sorted { $0.date < $1.date }
  }

  /// What counts per day for one marker, from its members' day totals, in date order: each
  /// day's exact sum.
  ///
  /// The same rules as `dailyPieces`, applied to per-member per-day totals instead of walks:
  /// a member's day counts when one of their memberships covers it and it lies in `window`,
  /// and with `dailyCap` it counts at most the cap. `days` must hold at most one total per
  /// member and day (a store's rollup, or `DayTotal.of`), already as the goal counts them
  /// (`ActivityCounting`). Each day's sum is exactly the sum of that day's `dailyPieces`, so
  /// running totals and their rounding are the same to the last bit.
  public static func dailySums<Days: Sequence<DayTotal>>(
    days: Days, memberships: [Membership], window: DateRange, dailyCap: Double?
  ) -> [(date: LocalDate, sum: ExactSum)] {
    let byMember = Dictionary(grouping: memberships, by: \.memberId)
    var perDay: [LocalDate: ExactSum] = [:]
    for day in days where window.contains(day.date) {
      guard byMember[day.memberId]?.contains(where: { $0.covers(day.date) }) == true else {
        continue
      }
      if let cap = dailyCap, day.sum.value > cap {
        perDay[day.date, default: ExactSum()].add(cap)
      } else {
        perDay[day.date, default: ExactSum()].add(day.sum)
      }
    }
    return perDay.map { (date: $0.key, sum: $0.value) }.sorted { $0.date < $1.date }
  }

  /// Everything a marker counts: the exact sum of all its daily pieces. Equal, to the last
  /// bit, to the final running total of `ProgressCalculator` over the same walks.
  public static func countedTotal<Amounts: Sequence<WalkAmount>>(
    amounts: Amounts, memberships: [Membership], window: DateRange, dailyCap: Double?
  ) -> ExactSum {
    var total = ExactSum()
    if dailyCap == nil {
      // Without a cap every counted walk is a piece of its own: no grouping by day needed.
      let byMember = Dictionary(grouping: memberships, by: \.memberId)
      for walk in amounts where window.contains(walk.date) {
        if byMember[walk.memberId]?.contains(where: { $0.covers(walk.date) }) == true {
          total.add(walk.distanceMetres)
        }
      }
      return total
    }
    for day in dailyPieces(
      amounts: amounts, memberships: memberships, window: window, dailyCap: dailyCap)
    {
      for piece in day.pieces { total.add(piece) }
    }
    return total
  }

  /// Whether `walk` counts for a team with these memberships over `range`.
  public static func counts(
    _ walk: Walk, memberships: [Membership], in range: DateRange
  ) -> Bool {
    !walk.isDeleted && counts(WalkAmount(walk), memberships: memberships, in: range)
  }

  /// Whether a walk (not deleted) of this amount counts for a team with these memberships
  /// over `range`.
  public static func counts(
    _ walk: WalkAmount, memberships: [Membership], in range: DateRange
  ) -> Bool {
    range.contains(walk.date)
      && memberships.contains { $0.memberId == walk.memberId && $0.covers(walk.date) }
  }

  private struct MemberDay: Hashable {
    let memberId: Int64
    let date: LocalDate
  }
}
