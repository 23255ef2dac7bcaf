/// Goals.
extension MileQuestService {
  /// What a new goal is made of, as the user typed it.
  public struct GoalRequest: Sendable {
    public var name: String
    public var teams: [String]
    public var mode: GoalMode
    /// Route name, or nil for a plain distance goal.
    public var route: String?
    /// Distance text for a plain distance goal.
    public var distance: String?
    public var start: String?
    public var end: String?
    public var dailyCap: String?

    public init(
      name: String, teams: [String], mode: GoalMode = .race, route: String? = nil,
      distance: String? = nil, start: String? = nil, end: String? = nil, dailyCap: String? = nil
    ) {
      self.name = name
      self.teams = teams
      self.mode = mode
      self.route = route
      self.distance = distance
      self.start = start
      self.end = end
      self.dailyCap = dailyCap
    }
  }

  /// Creates a goal; the acting member must captain one of its teams.
  public func createGoal(_ request: GoalRequest) throws -> Goal {
    let name = try Validation.text(request.name, what: "goal name", length: 1...80)
    if request.teams.isEmpty { throw MileQuestError.usage("a goal needs at least one --team") }
    if (request.route == nil) == (request.distance == nil) {
      throw MileQuestError.usage("give a goal either --route R or --distance D")
    }
    let distance = try request.distance.map {
      try DistanceInput.parse($0, defaultUnit: unit, strideMetres: nil)
    }
    let cap = try request.dailyCap.map {
      try DistanceInput.parse($0, defaultUnit: unit, strideMetres: nil)
    }
    let start = try request.start.map { try DateInput.parse($0, today: today) } ?? today
    let end = try request.end.map { try DateInput.parse($0, today: today) }
    if let end, end < start {
      throw MileQuestError.badData("end date \(end) is before the start date \(start)")
    }
    return try store.write(change: "create goal \(name)") { db in
      if let existing = try db.goal(name: name) {
        throw MileQuestError.duplicate(kind: "goal", name: existing.name)
      }
      var teams: [Team] = []
      for teamName in request.teams {
        let team = try db.requireTeam(teamName)
        if teams.contains(where: { $0.id == team.id }) {
          throw MileQuestError.badData("team '\(team.name)' is named twice")
        }
        teams.append(team)
      }
      let actor = try actingMember(db, for: "creating a goal")
      try requireCaptainOfAny(actor, teams, db, to: "create goal '\(name)'")
      var routeId: Int64?
      var target = distance ?? 0
      if let routeName = request.route {
        let route = try db.requireRoute(routeName)
        routeId = route.id
        target = try route.geometry().length
      }
      return try db.insert(
        Goal(
          name: name, routeId: routeId, targetMetres: target, mode: request.mode,
          start: start, end: end, dailyCapMetres: cap, teamIds: teams.compactMap(\.id)))
    }
  }

  /// Cancels a goal; the acting member must captain one of its teams.
  public func cancelGoal(name: String) throws -> Goal {
    try store.write(change: "cancel goal \(name)") { db in
      var goal = try db.requireGoal(name)
      if goal.state == .cancelled {
        throw MileQuestError.ruleViolation("goal '\(goal.name)' is already cancelled")
      }
      let teams = try goal.teamIds.compactMap { try db.team(id: $0) }
      let actor = try actingMember(db, for: "cancelling a goal")
      try requireCaptainOfAny(actor, teams, db, to: "cancel goal '\(goal.name)'")
      goal.state = .cancelled
      try db.update(goal)
      return goal
    }
  }

  /// Goals with their progress; by default only active ones.
  ///
  /// - Parameters:
  ///   - team: only goals of this team.
  ///   - all: also completed and cancelled goals.
  public func goals(team: String?, all: Bool) throws -> [GoalProgress] {
    try store.read { db in
      let teamId = try team.map { try db.requireTeam($0).id }
      // Goals often share a route (a big one has tens of thousands of points): read and
      // measure each route once.
      var routes: [Int64: (Route, RouteGeometry)] = [:]
      return try db.allGoals()
        .filter { goal in teamId.map { goal.teamIds.contains($0 ?? -1) } ?? true }
        .map { goal in
          if let id = goal.routeId, routes[id] == nil, let route = try db.route(id: id) {
            routes[id] = (route, try route.geometry())
          }
          let cached = goal.routeId.flatMap { routes[$0] }
          return try progress(of: goal, db, route: cached?.0, geometry: cached?.1)
        }
        .filter { all || $0.status == .active }
    }
  }

  /// The progress of one goal; with no name, the one active goal of the acting member's teams.
  public func progress(goal name: String?) throws -> GoalProgress {
    try store.read { db in
      if let name { return try progress(of: db.requireGoal(name), db) }
      let member = try actingMember(db, for: "progress without a goal name")
      let teamIds = Set(
        try db.memberships(memberId: member.id ?? -1).filter { $0.isCurrent(on: today) }
          .map(\.teamId))
      let active = try db.goals(teamIds: teamIds.sorted()).filter { $0.state == .active }
        .map { try progress(of: $0, db) }.filter { $0.status == .active }
      guard active.count == 1 else {
        let names = active.map(\.goal.name).joined(separator: ", ")
        throw MileQuestError.usage(
          active.isEmpty
            ? "'\(member.handle)' has no active goal; name one (milequest goal list --all)"
            : "'\(member.handle)' has several active goals (\(names)); name one")
      }
      return active[0]
    }
  }

  /// Computes a goal's progress inside a transaction.
  func progress(
    of goal: Goal, _ db: any StoreReading, route known: Route? = nil,
    geometry: RouteGeometry? = nil
  ) throws -> GoalProgress {
    let route = try known ?? goal.routeId.flatMap { try db.route(id: $0) }
    let teams = try goal.teamIds.compactMap { id -> ProgressCalculator.TeamHistory? in
      guard let team = try db.team(id: id) else { return nil }
      return ProgressCalculator.TeamHistory(
        team: team, memberships: try db.memberships(teamId: id))
    }
    let memberIds = Array(Set(teams.flatMap { $0.memberships.map(\.memberId) })).sorted()
    let walks = try db.walks(WalkFilter(memberIds: memberIds, range: goal.window))
    return try ProgressCalculator.progress(
      goal: goal, route: route, teams: teams, walks: walks, today: today, geometry: geometry)
  }

  private func requireCaptainOfAny(
    _ member: Member, _ teams: [Team], _ db: any StoreReading, to action: String
  ) throws {
    for team in teams {
      if (try? requireCaptain(member, of: team, db, to: action)) != nil { return }
    }
    throw MileQuestError.notAllowed(
      action: action,
      reason: "'\(member.handle)' is not a captain of "
        + teams.map { "'\($0.name)'" }.joined(separator: " or "))
  }
}
