/// The data behind maps, charts and the HTML report.
extension MileQuestService {
  /// What `map NAME` draws: a goal's route with its progress, or a bare route.
  public struct MapSubject: Sendable {
    public var route: Route
    /// The goal's progress; nil when NAME is a route.
    public var progress: GoalProgress?
  }

  /// Resolves `map NAME`: a goal's name first (which must follow a route), else a route's.
  public func mapSubject(name: String) throws -> MapSubject {
    try store.read { db in
      if let goal = try db.goal(name: name) {
        guard let routeId = goal.routeId, let route = try db.route(id: routeId) else {
          throw MileQuestError.badData(
            "goal '\(goal.name)' is a plain distance goal with no route to map; "
              + "try: milequest chart \(ShellQuote.word(goal.name))")
        }
        return MapSubject(route: route, progress: try progress(of: goal, db))
      }
      if let route = try db.route(name: name) { return MapSubject(route: route, progress: nil) }
      throw MileQuestError.unknown(kind: "goal or route", name: name)
    }
  }

  /// The goal's route, or nil for a plain distance goal.
  public func route(ofGoal name: String) throws -> Route? {
    try store.read { db in
      let goal = try db.requireGoal(name)
      return try goal.routeId.flatMap { try db.route(id: $0) }
    }
  }

  /// One series per member who was ever in one of the goal's teams, holding what counted for
  /// the goal each day (inside the goal's window, while a member, at most the daily cap).
  /// Members are listed by handle, including those with nothing logged.
  public func memberSeries(goal name: String) throws -> [ChartSeries] {
    try store.read { db in
      let goal = try db.requireGoal(name)
      let memberships = try goal.teamIds.flatMap { try db.memberships(teamId: $0) }
      return try series(
        memberships: memberships, window: goal.window, cap: goal.dailyCapMetres,
        activities: goal.activities, db)
    }
  }

  /// One series per member who was ever in the team, holding the walks that counted for the
  /// team (dated inside a membership), over all time.
  public func memberSeries(team name: String) throws -> [ChartSeries] {
    try store.read { db in
      let team = try db.requireTeam(name)
      let memberships = try db.memberships(teamId: team.id ?? -1)
      return try series(
        memberships: memberships, window: DateRange(from: nil, to: nil), cap: nil,
        activities: nil, db)
    }
  }

  /// `activities`: a goal's (only those count, at their factors); nil for a team (every
  /// walk counts).
  private func series(
    memberships: [Membership], window: DateRange, cap: Double?,
    activities: ActivityCounting?, _ db: any StoreReading
  ) throws -> [ChartSeries] {
    let byMember = Dictionary(grouping: memberships, by: \.memberId)
    var walks = try db.walks(WalkFilter(memberIds: byMember.keys.sorted(), range: window))
    if let activities { walks = activities.counted(walks) }
    let walksByMember = Dictionary(grouping: walks, by: \.memberId)
    return try byMember.compactMap { id, history -> ChartSeries? in
      guard let member = try db.member(id: id) else { return nil }
      // The same counting rule as the goal's marker, applied to one member at a time.
      let days = WalkCounting.dailyPieces(
        walks: walksByMember[id] ?? [], memberships: history, window: window, dailyCap: cap)
      return ChartSeries(
        name: member.handle,
        daily: days.map { DailyDistance(date: $0.date, metres: $0.pieces.exactSum()) })
    }.sorted { $0.name < $1.name }
  }
}
