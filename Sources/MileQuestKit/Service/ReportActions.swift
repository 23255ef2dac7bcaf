/// Leaderboards and statistics.
extension MileQuestService {
  /// A leaderboard as the user asked for it.
  public struct LeaderboardRequest: Sendable, Equatable {
    public var team: String?
    public var teams: Bool
    public var goal: String?
    public var period: Period?
    public var from: String?
    public var to: String?
    public var metric: LeaderboardMetric
    public var averageOver: AverageBasis
    public var limit: Int?

    public init(
      team: String? = nil, teams: Bool = false, goal: String? = nil, period: Period? = nil,
      from: String? = nil, to: String? = nil, metric: LeaderboardMetric = .total,
      averageOver: AverageBasis = .members, limit: Int? = nil
    ) {
      self.team = team
      self.teams = teams
      self.goal = goal
      self.period = period
      self.from = from
      self.to = to
      self.metric = metric
      self.averageOver = averageOver
      self.limit = limit
    }
  }

  /// The date range of a period, or from one day to another (inclusive); `all` when neither.
  public func range(period: Period?, from: String?, to: String?) throws -> DateRange {
    if period != nil && (from != nil || to != nil) {
      throw MileQuestError.usage("a named period or a range of days, not both")
    }
    if let period { return period.range(today: today, weekStart: weekStart) }
    let range = DateRange(
      from: try from.map { try DateInput.parse($0, today: today) },
      to: try to.map { try DateInput.parse($0, today: today) })
    if let a = range.from, let b = range.to, b < a {
      throw MileQuestError.badData("the range of days ends on \(b), before it starts on \(a)")
    }
    return range
  }

  /// Builds the leaderboard the request names (SPEC §4).
  public func leaderboard(_ request: LeaderboardRequest) throws -> Leaderboard {
    if let limit = request.limit, limit < 1 {
      throw MileQuestError.badData("bad limit \(limit): must be 1 or more")
    }
    let period = try range(period: request.period, from: request.from, to: request.to)
    let scopes = [request.team != nil, request.goal != nil && !request.teams].filter { $0 }
    if scopes.count > 1 || (request.team != nil && request.teams) {
      throw MileQuestError.usage(
        "rank the members of one team, the teams, or the members of a goal: only one")
    }
    return try store.read { db in
      if let goalName = request.goal {
        return try goalBoard(db.requireGoal(goalName), request, period, db)
      }
      var teamName = request.team
      if teamName == nil && !request.teams, let handle = actingHandle {
        let member = try db.requireMember(handle)
        let current = try db.memberships(memberId: member.id ?? -1).filter {
          $0.isCurrent(on: today)
        }
        if Set(current.map(\.teamId)).count == 1, let only = current.first {
          teamName = try db.team(id: only.teamId)?.name
        }
      }
      if let teamName {
        let team = try db.requireTeam(teamName)
        let contenders = try contenders(of: [team], db)
        let days = try db.dayTotals(
          memberIds: contenders.compactMap(\.member.id).sorted(), range: period)
        return Leaderboard(
          scope: "team:\(team.name)", range: period, metric: request.metric,
          entries: LeaderboardBuilder.members(
            contenders, days: days, range: period, metric: request.metric,
            limit: request.limit))
      }
      if period.from == nil && period.to == nil, let totals = try db.teamTotals() {
        // All time, from totals kept per team (PostgreSQL): one row per team.
        return Leaderboard(
          scope: "teams", range: period, metric: request.metric,
          entries: LeaderboardBuilder.teams(
            try db.allTeams(), teamTotals: totals, metric: request.metric,
            averageOver: request.averageOver, limit: request.limit))
      }
      let memberships = Dictionary(grouping: try db.allMemberships(), by: \.teamId)
      let teams = try db.allTeams().map {
        LeaderboardBuilder.TeamContender(team: $0, memberships: memberships[$0.id ?? -1] ?? [])
      }
      if period.from == nil && period.to == nil {
        // All time: running totals per membership instead of every walk ever logged.
        return Leaderboard(
          scope: "teams", range: period, metric: request.metric,
          entries: LeaderboardBuilder.teams(
            teams, totals: try db.membershipTotals(), metric: request.metric,
            averageOver: request.averageOver, limit: request.limit))
      }
      // A period: per-member per-month and per-day totals, one at a time (a year of a
      // hundred thousand members is a million member-months, or millions of days).
      let board = try db.teamDays(teams, range: period)
      return Leaderboard(
        scope: "teams", range: period, metric: request.metric,
        entries: board.entries(
          metric: request.metric, averageOver: request.averageOver, limit: request.limit))
    }
  }

  private func goalBoard(
    _ goal: Goal, _ request: LeaderboardRequest, _ period: DateRange, _ live: any StoreReading
  ) throws -> Leaderboard {
    let db = try resultsSource(of: goal, live)
    let range = period.intersection(goal.window)
    let teams = try goal.teamIds.compactMap { try db.team(id: $0) }
    let memberIds = Set(
      try teams.flatMap { try db.memberships(teamId: $0.id ?? -1) }.map(\.memberId))
    let days = try db.countedDayTotals(
      memberIds: memberIds.sorted(), range: range, activities: goal.activities)
    if request.teams {
      let progress = try progress(of: goal, db)
      // A race is ranked by progress over the goal's window; a period or another metric
      // asks for plain team totals instead.
      let wholeWindow = request.period == nil && request.from == nil && request.to == nil
      if goal.mode == .race && teams.count > 1 && request.metric == .total && wholeWindow {
        var walksPerTeam: [String: Int] = [:]
        for team in teams {
          let history = try db.memberships(teamId: team.id ?? -1)
          walksPerTeam[team.name] = days.reduce(0) {
            $0 + (LeaderboardBuilder.counts($1, memberships: history, in: range) ? $1.walks : 0)
          }
        }
        return Leaderboard(
          scope: "goal:\(goal.name):teams", range: goal.window, metric: .total,
          entries: Ranking.limit(
            LeaderboardBuilder.race(progress, walksPerMarker: walksPerTeam).map {
              (rank: $0.rank, item: $0)
            }, to: request.limit
          ).map(\.item))
      }
      let contenders = try teams.map {
        LeaderboardBuilder.TeamContender(
          team: $0, memberships: try db.memberships(teamId: $0.id ?? -1))
      }
      return Leaderboard(
        scope: "goal:\(goal.name):teams", range: range, metric: request.metric,
        entries: LeaderboardBuilder.teams(
          contenders, days: days, range: range, metric: request.metric,
          averageOver: request.averageOver, dailyCap: goal.dailyCapMetres, limit: request.limit))
    }
    return Leaderboard(
      scope: "goal:\(goal.name)", range: range, metric: request.metric,
      entries: LeaderboardBuilder.members(
        try contenders(of: teams, db), days: days, range: range, metric: request.metric,
        dailyCap: goal.dailyCapMetres, limit: request.limit))
  }

  /// Every member who was ever in one of `teams`, with those memberships.
  private func contenders(of teams: [Team], _ db: any StoreReading) throws
    -> [LeaderboardBuilder.Contender]
  {
    let memberships = try teams.flatMap { try db.memberships(teamId: $0.id ?? -1) }
    return try Dictionary(grouping: memberships, by: \.memberId).compactMap { id, history in
      guard let member = try db.member(id: id) else { return nil }
      return LeaderboardBuilder.Contender(member: member, memberships: history)
    }
  }

  /// Statistics of a member (default: the acting member) or of a team.
  public func stats(member handle: String?, team teamName: String?) throws
    -> (subject: String, stats: WalkStats)
  {
    if handle != nil && teamName != nil {
      throw MileQuestError.usage("the statistics of a member or of a team, not both")
    }
    return try store.read { db in
      if let teamName {
        let team = try db.requireTeam(teamName)
        let history = try db.memberships(teamId: team.id ?? -1)
        let walks = try db.walks(WalkFilter(memberIds: Array(Set(history.map(\.memberId)))))
          .filter { WalkCounting.counts($0, memberships: history, in: .init(from: nil, to: nil)) }
        return (subject: team.name, stats: WalkStats(walks: walks, today: today))
      }
      let member =
        try handle.map { try db.requireMember($0) } ?? actingMember(db, for: "stats")
      let walks = try db.walks(WalkFilter(memberIds: [member.id ?? -1]))
      return (subject: member.handle, stats: WalkStats(walks: walks, today: today))
    }
  }
}

extension StoreReading {
  /// Every member's total of each day in `range` (only these members' when given), from the
  /// store's per-member per-day totals where it keeps them.
  func dayTotals(memberIds: [Int64]?, range: DateRange) throws -> [DayTotal] {
    var days: [DayTotal] = []
    try forEachDayTotal(memberIds: memberIds, range: range) { days.append($0) }
    return days
  }

  /// These members' totals of each day in `range` as a goal counting `activities` counts
  /// them (one per member and day): what its progress and boards add up.
  ///
  /// Day totals kept per member count every activity: they serve when none of the members
  /// has a walk of an activity the goal counts only in part (or not at all); otherwise the
  /// counted walks, converted ones at their factor, are added up per day here.
  func countedDayTotals(
    memberIds: [Int64], range: DateRange, activities: ActivityCounting
  ) throws -> [DayTotal] {
    if try countsEveryWalkInFull(memberIds: memberIds, activities) {
      return try dayTotals(memberIds: memberIds, range: range)
    }
    return try countedWalkDays(memberIds: memberIds, range: range, activities: activities)
  }

  /// Whether a goal counting `activities` counts every walk of these members in full (none
  /// has a walk of an activity it counts in part or not at all), so that their day totals
  /// as kept serve as the goal's.
  func countsEveryWalkInFull(memberIds: [Int64], _ activities: ActivityCounting) throws -> Bool {
    let partly = activities.notCountedInFull
    return try partly.isEmpty || !hasWalks(memberIds: memberIds, ofAny: partly)
  }

  /// `countedDayTotals` from the walks themselves, each stored value checked as it is read
  /// (a bad one stops the command naming its walk), never from the store's rollup.
  func countedWalkDays(
    memberIds: [Int64], range: DateRange, activities: ActivityCounting
  ) throws -> [DayTotal] {
    var counted = DayTotal.Accumulator()
    try forEachWalkAmount(WalkFilter(memberIds: memberIds, range: range)) {
      if let amount = activities.counted($0) { counted.add(amount) }
    }
    return counted.totals
  }
}

extension StoreReading {
  /// A teams board over `range` (no daily cap): the months it covers whole from the store's
  /// month totals where it keeps them, for each member only where a membership covers the
  /// whole month (the days of a month a membership covers in part, and the range's edge
  /// days, from day totals); everything from day totals otherwise.
  package func teamDays(_ teams: [LeaderboardBuilder.TeamContender], range: DateRange) throws
    -> LeaderboardBuilder.TeamDays
  {
    var board = LeaderboardBuilder.TeamDays(teams, range: range)
    if let split = range.wholeMonths,
      try forEachMonthTotal(months: split.months, { board.add($0) })
    {
      for edge in split.edges {
        try forEachDayTotal(memberIds: nil, range: edge) { board.add($0) }
      }
      for (memberId, month) in board.partialMonths {
        try forEachDayTotal(memberIds: [memberId], range: month) {
          board.add(dayOfPartialMonth: $0)
        }
      }
    } else {
      try forEachDayTotal(memberIds: nil, range: range) { board.add($0) }
    }
    return board
  }
}

extension DateRange {
  /// The days in both ranges (may be empty: from > to).
  public func intersection(_ other: DateRange) -> DateRange {
    let from = [self.from, other.from].compactMap { $0 }.max()
    let to = [self.to, other.to].compactMap { $0 }.min()
    return DateRange(from: from, to: to)
  }
}
