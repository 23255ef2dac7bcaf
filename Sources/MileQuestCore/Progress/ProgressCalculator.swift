/// Computes `GoalProgress` from a goal, its route, its teams and their walks. Pure: no storage.
public enum ProgressCalculator {
  /// Days in the pace window (SPEC §3).
  public static let paceWindowDays = 14

  /// One team of a goal with its whole membership history.
  public struct TeamHistory: Sendable {
    public var team: Team
    public var memberships: [Membership]

    public init(team: Team, memberships: [Membership]) {
      self.team = team
      self.memberships = memberships
    }
  }

  /// The progress of `goal` on `today`.
  ///
  /// - Parameters:
  ///   - route: the goal's route, or nil for a plain distance goal.
  ///   - teams: the goal's teams, in the goal's order.
  ///   - walks: walks of (at least) every member of those teams, as stored (the goal's
  ///     `activities` decide which count and how much).
  ///   - geometry: the route's geometry when the caller has it already (it is recomputed
  ///     otherwise; a 50,000-point route takes milliseconds).
  public static func progress(
    goal: Goal, route: Route?, teams: [TeamHistory], walks: [Walk], today: LocalDate,
    geometry known: RouteGeometry? = nil
  ) throws -> GoalProgress {
    // Only the activities the goal counts, converted ones at their factor, folded into
    // per-member per-day totals: the one path every progress takes.
    let days = DayTotal.of(
      walks.lazy.filter { !$0.isDeleted }.compactMap { goal.activities.counted(WalkAmount($0)) })
    return try progress(
      goal: goal, route: route, teams: teams, days: days, today: today, geometry: known)
  }

  /// The progress of `goal` on `today`, from its members' per-member per-day totals.
  ///
  /// - Parameters:
  ///   - days: day totals of (at least) every member of the goal's teams over (at least) the
  ///     goal's window, at most one per member and day, as the goal counts them: only the
  ///     activities it counts, converted ones at their factor (`ActivityCounting`). A store's
  ///     rollup serves when the members have no walk of an activity counted otherwise than
  ///     in full; else `DayTotal.of` the counted walk amounts.
  ///   - milestones: the route's milestones (`Milestone.of(route:geometry:)`) when the caller
  ///     has them already (a 50,000-point route is read point by point otherwise).
  public static func progress(
    goal: Goal, route: Route?, teams: [TeamHistory], days: [DayTotal], today: LocalDate,
    geometry known: RouteGeometry? = nil, milestones knownMilestones: [Milestone]? = nil
  ) throws -> GoalProgress {
    try progress(
      goal: goal, route: route, teams: teams, today: today, geometry: known,
      milestones: knownMilestones
    ) { memberships in
      WalkCounting.dailySums(
        days: days, memberships: memberships, window: goal.window,
        dailyCap: goal.dailyCapMetres)
    }
  }

  /// The progress of `goal` on `today`, from what each marker counts per day.
  ///
  /// - Parameters:
  ///   - markerDays: for the memberships of one marker, what it counts per day in date order
  ///     (each day's exact sum): `WalkCounting.dailySums` of the members' day totals, or the
  ///     same sums a store added up itself (`StoreSpeedUps.daySums`).
  public static func progress(
    goal: Goal, route: Route?, teams: [TeamHistory], today: LocalDate,
    geometry known: RouteGeometry? = nil, milestones knownMilestones: [Milestone]? = nil,
    markerDays: (_ memberships: [Membership]) throws -> [(date: LocalDate, sum: ExactSum)]
  ) throws -> GoalProgress {
    let geometry = try known ?? route?.geometry()
    let milestones =
      if let route, let geometry {
        knownMilestones ?? Milestone.of(route: route, geometry: geometry)
      } else {
        Milestone.of(distanceTarget: goal.targetMetres)
      }
    let groups = markerGroups(goal: goal, teams: teams)
    let markers = try groups.map { group in
      marker(
        name: group.name, days: try markerDays(group.memberships), goal: goal,
        milestones: milestones, geometry: geometry, today: today)
    }
    .sorted(by: leads)

    let completedOn = markers.compactMap(\.arrivedOn).min()
    let status: GoalProgress.Status =
      if goal.state == .cancelled {
        .cancelled
      } else if completedOn != nil {
        .completed
      } else if goal.hasEnded(on: today) {
        .ended
      } else {
        .active
      }
    // Past the end date (in the grace period, or ended) no walk can move the marker further.
    let pastEnd = goal.end.map { today > $0 } ?? false
    let leader = markers[0]

    // The pace window ends today, or earlier when the goal ended or was completed.
    var windowEnd = min(today, goal.end ?? today)
    if let completedOn { windowEnd = min(windowEnd, completedOn) }
    let windowStart = max(goal.start, windowEnd.adding(days: -(paceWindowDays - 1)))
    let windowDays = windowEnd >= windowStart ? windowEnd.days(from: windowStart) + 1 : 0
    let pace =
      windowDays == 0
      ? 0
      : leader.daily.filter { $0.date >= windowStart && $0.date <= windowEnd }
        .map(\.metres).exactSum() / Double(windowDays)

    let remaining = goal.targetMetres - leader.doneMetres
    let firstDayLeft = max(today, goal.start)
    let daysLeft =
      status == .active
      ? goal.end.map { $0 < firstDayLeft ? 0 : $0.days(from: firstDayLeft) + 1 } : nil
    let needed: Double? =
      if let daysLeft, daysLeft > 0, remaining > 0, status == .active {
        remaining / Double(daysLeft)
      } else {
        nil
      }
    let projected: LocalDate? =
      if let completedOn {
        completedOn
      } else if pace > 0, status == .active, !pastEnd,
        let days = Self.wholeDays(remaining / pace, before: today)
      {
        today.adding(days: days)
      } else {
        nil
      }
    let elapsedEnd = min(today, goal.end ?? today)
    let daysElapsed = elapsedEnd < goal.start ? 0 : elapsedEnd.days(from: goal.start) + 1

    return GoalProgress(
      goal: goal, routeName: route?.name, status: status, targetMetres: goal.targetMetres,
      markers: markers, completedOn: completedOn, paceMetresPerDay: pace,
      neededMetresPerDay: needed, projectedOn: projected, daysElapsed: daysElapsed,
      today: today, daysLeft: daysLeft)
  }

  /// `days` rounded up to whole days, or nil when that lands after 9999-12-31 (or is not a
  /// number): an arrival no calendar date can name is no projection (a pace of millimetres a
  /// day, or a target another program wrote as 1e300 m).
  static func wholeDays(_ days: Double, before today: LocalDate) -> Int? {
    let last = LocalDate(year: 9999, month: 12, day: 31).map { $0.days(from: today) } ?? 0
    guard days.isFinite, days >= 0, days.rounded(.up) <= Double(last) else { return nil }
    return Int(days.rounded(.up))
  }

  /// The markers of a goal, each with the memberships whose walks feed it: one per team in a
  /// race of several teams, otherwise one for all the teams together.
  public static func markerGroups(goal: Goal, teams: [TeamHistory])
    -> [(name: String, memberships: [Membership])]
  {
    if teamsMoveApart(goal.mode, teamCount: teams.count) {
      teams.map { (name: $0.team.name, memberships: $0.memberships) }
    } else {
      [
        (
          name: teams.map(\.team.name).joined(separator: " + "),
          memberships: teams.flatMap(\.memberships)
        )
      ]
    }
  }

  /// Whether each team of a goal has a marker of its own (a race of several teams) rather
  /// than all teams sharing one.
  public static func teamsMoveApart(_ mode: GoalMode, teamCount: Int) -> Bool {
    mode == .race && teamCount > 1
  }

  /// Race order: arrived markers first by arrival day, then by distance, then by name.
  static func leads(_ a: GoalProgress.Marker, _ b: GoalProgress.Marker) -> Bool {
    switch (a.arrivedOn, b.arrivedOn) {
    case (let x?, let y?) where x != y: return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    default:
      if a.countedMetres != b.countedMetres { return a.countedMetres > b.countedMetres }
      return a.name.lowercased() < b.name.lowercased()
    }
  }

  static func marker(
    name: String, days: [(date: LocalDate, sum: ExactSum)], goal: Goal,
    milestones: [Milestone], geometry: RouteGeometry?, today: LocalDate
  ) -> GoalProgress.Marker {
    var running = ExactSum()
    var reached: [LocalDate?] = milestones.map {
      $0.atMetres <= 0 && goal.start <= today ? goal.start : nil
    }
    var arrivedOn: LocalDate?
    var daily: [(date: LocalDate, metres: Double)] = []
    daily.reserveCapacity(days.count)
    // Milestones by distance: a day reaches those from `next` on that its total passes (the
    // first day whose total passes a milestone passes every nearer one too, so this is each
    // milestone's first such day, as a check of every milestone every day finds).
    let order = milestones.indices.sorted { milestones[$0].atMetres < milestones[$1].atMetres }
    var next = 0
    for day in days {
      running.add(day.sum)
      let total = running.value
      daily.append((date: day.date, metres: day.sum.value))
      while next < order.count && total >= milestones[order[next]].atMetres {
        if reached[order[next]] == nil { reached[order[next]] = day.date }
        next += 1
      }
      if arrivedOn == nil && total >= goal.targetMetres { arrivedOn = day.date }
    }
    let counted = running.value
    let done = min(counted, goal.targetMetres)
    return GoalProgress.Marker(
      name: name, doneMetres: done, countedMetres: counted,
      percent: goal.targetMetres > 0 ? done / goal.targetMetres * 100 : 100,
      position: geometry?.position(at: done), arrivedOn: arrivedOn,
      milestones: Array(zip(milestones, reached)).map { (milestone: $0.0, reachedOn: $0.1) },
      daily: daily)
  }
}
