/// Closing goals: final results (see `FinalResults`).
///
/// A goal closes when it is completed or when its end date and grace period are over. Every
/// change made through the service first closes the goals whose time is over (`writeChange`),
/// and a change that may complete a goal closes those it completed before it commits, so the
/// results a goal had when it closed are kept before anything else can touch them. `undo`
/// does neither: it reverts the last change whole, a close it made included.
extension MileQuestService {
  /// Runs `body` as one recorded change, after closing the goals whose time is over; with
  /// `completing`, a change that may complete goals (walks or memberships changed, a goal
  /// created or edited) then closes those it completed.
  func writeChange<T>(
    _ description: String, completing: Bool = false, _ body: (any StoreWriting) throws -> T
  ) throws -> T {
    try store.write(change: description) { db in
      try closeEndedGoals(db)
      let result = try body(db)
      if completing { try closeCompletedGoals(teamIds: nil, db) }
      return result
    }
  }

  /// Closes every goal whose end date and grace period are over on `today`.
  func closeEndedGoals(_ db: any StoreWriting) throws {
    for goal in try db.goalsToClose(today: today) {
      try closeIfDone(try progress(of: goal, db), db)
    }
  }

  /// Closes the active goals (of these teams; nil: of every team) that are now done: every
  /// marker arrived, or the time is over.
  ///
  /// Routes, teams and memberships are read once for all the goals (`ProgressReads`), and
  /// each goal's days come from the store's day totals, as `goal list` reads them: an import
  /// into issue 16's set checks 1,005 goals on one 50,000-point route, and reading the route
  /// and every goal's walks for each was most of the end of the import.
  func closeCompletedGoals(teamIds: Set<Int64>?, _ db: any StoreWriting) throws {
    var reads = ProgressReads(closed: try db.closedGoals())
    let goals = try (teamIds.map { try db.goals(teamIds: $0.sorted()) } ?? db.allGoals())
      .filter { $0.state == .active && reads.closed[$0.id ?? -1] == nil }
    try prepare(goals, db, reads: &reads)
    for goal in goals {
      try closeIfDone(try progress(of: goal, db, reads: &reads), db)
    }
  }

  /// Closes the goal of `progress` when it is done (`GoalProgress.closedOn`).
  func closeIfDone(_ progress: GoalProgress, _ db: any StoreWriting) throws {
    guard !progress.isFinal, let closedOn = progress.closedOn else { return }
    try close(
      progress.goal, progress.completedOn != nil ? .completed : .ended, on: closedOn, db)
  }

  /// Copies what `goal` counts, up to `closedOn`, as its final results.
  func close(
    _ goal: Goal, _ reason: FinalResults.Reason, on closedOn: LocalDate, _ db: any StoreWriting
  ) throws {
    guard let goalId = goal.id else { return }
    let memberships = try goal.teamIds.flatMap { try db.memberships(teamId: $0) }
    let memberIds = Array(Set(memberships.map(\.memberId))).sorted()
    var walks: [Walk] = []
    try db.forEachWalk(
      WalkFilter(memberIds: memberIds, range: DateRange(from: goal.start, to: closedOn))
    ) { walk in
      walks.append(
        Walk(
          id: walk.id, memberId: walk.memberId, date: walk.date,
          distanceMetres: walk.distanceMetres, activity: walk.activity))
    }
    try db.saveFinalResults(
      FinalResults(reason: reason, closedOn: closedOn, memberships: memberships, walks: walks),
      goalId: goalId)
  }

  /// What to read a goal's numbers from: its final results once it is closed, else the
  /// database as it is.
  func resultsSource(of goal: Goal, _ db: any StoreReading) throws -> any StoreReading {
    guard let id = goal.id, let final = try db.finalResults(goalId: id) else { return db }
    return FinalResultsReader(base: db, final: final)
  }
}

/// The database as a closed goal saw it: the memberships and walks of its final results, and
/// everything else (members, teams, routes) as stored now.
struct FinalResultsReader: StoreReading {
  let base: any StoreReading
  let final: FinalResults

  func memberships(teamId: Int64) throws -> [Membership] {
    final.memberships.filter { $0.teamId == teamId }
  }
  func memberships(memberId: Int64) throws -> [Membership] {
    final.memberships.filter { $0.memberId == memberId }
  }
  func allMemberships() throws -> [Membership] {
    final.memberships.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
  }
  func walks(_ filter: WalkFilter) throws -> [Walk] {
    var walks: [Walk] = []
    try forEachWalk(filter) { walks.append($0) }
    return walks
  }
  func forEachWalk(_ filter: WalkFilter, _ body: (Walk) throws -> Void) throws {
    let members = filter.memberIds.map(Set.init)
    let ordered = filter.newestFirst ? final.walks.reversed() : final.walks
    for walk in ordered
    where (members?.contains(walk.memberId) ?? true) && filter.range.contains(walk.date) {
      try body(walk)
    }
  }
  func walk(id: Int64) throws -> Walk? { final.walks.first { $0.id == id } }
  func membershipTotals() throws -> [Int64: (sum: ExactSum, walks: Int)] { [:] }
  func membershipTotals(ids: [Int64]) throws -> [Int64: ExactSum]? { nil }
  func hasWalks(memberIds: [Int64], outside range: DateRange) throws -> Bool { true }
  func hasWalks(memberIds: [Int64], ofAny activities: Set<Activity>) throws -> Bool { true }

  func member(handle: String) throws -> Member? { try base.member(handle: handle) }
  func member(id: Int64) throws -> Member? { try base.member(id: id) }
  func allMembers() throws -> [Member] { try base.allMembers() }
  func team(name: String) throws -> Team? { try base.team(name: name) }
  func team(id: Int64) throws -> Team? { try base.team(id: id) }
  func allTeams() throws -> [Team] { try base.allTeams() }
  func route(name: String) throws -> Route? { try base.route(name: name) }
  func route(id: Int64) throws -> Route? { try base.route(id: id) }
  func allRoutes() throws -> [Route] { try base.allRoutes() }
  func goal(name: String) throws -> Goal? { try base.goal(name: name) }
  func goal(id: Int64) throws -> Goal? { try base.goal(id: id) }
  func allGoals() throws -> [Goal] { try base.allGoals() }
  func goals(teamIds: [Int64]) throws -> [Goal] { try base.goals(teamIds: teamIds) }
  func walk(source: WalkSource, externalId: String) throws -> Walk? {
    try base.walk(source: source, externalId: externalId)
  }
  func savedMilestones(routeId: Int64) throws -> [Milestone]? {
    try base.savedMilestones(routeId: routeId)
  }
  func finalResults(goalId: Int64) throws -> FinalResults? { try base.finalResults(goalId: goalId) }
  func closedGoals() throws -> [Int64: LocalDate] { try base.closedGoals() }
}
