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
    /// Days after the end date during which late walks still count (default 0).
    public var grace: String?
    /// Activities counted in full (`walk,run`); nil: `Activity.countedByDefault`.
    public var activities: String?
    /// Activities counted at a factor (`cycle=0.33,swim=4`); nil: none.
    public var convert: String?

    public init(
      name: String, teams: [String], mode: GoalMode = .race, route: String? = nil,
      distance: String? = nil, start: String? = nil, end: String? = nil, dailyCap: String? = nil,
      grace: String? = nil, activities: String? = nil, convert: String? = nil
    ) {
      self.activities = activities
      self.convert = convert
      self.name = name
      self.teams = teams
      self.mode = mode
      self.route = route
      self.distance = distance
      self.start = start
      self.end = end
      self.dailyCap = dailyCap
      self.grace = grace
    }
  }

  /// Creates a goal; the acting member must captain one of its teams.
  public func createGoal(_ request: GoalRequest) throws -> Goal {
    let name = try Validation.text(request.name, what: "goal name", length: 1...80)
    if request.teams.isEmpty { throw MileQuestError.usage("a goal needs at least one team") }
    if (request.route == nil) == (request.distance == nil) {
      throw MileQuestError.usage("a goal follows a route or covers a distance: one of them")
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
    if let end, end < today {
      throw MileQuestError.badData(
        "end date \(end) is already past (today is \(today)); a goal must be able to run")
    }
    let graceDays = try request.grace.map(Self.graceDays) ?? 0
    let activities = try ActivityCounting.resolve(
      activities: request.activities, convert: request.convert, current: .standard)
    return try writeChange("create goal \(name)", completing: true) { db in
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
          start: start, end: end, dailyCapMetres: cap, graceDays: graceDays,
          teamIds: teams.compactMap(\.id), activities: activities))
    }
  }

  /// A grace period as typed: whole days from 0 to 366 (`7`, `7d`, `7 days`).
  static func graceDays(_ text: String) throws -> Int {
    var digits = text.trimmingCharacters(in: .whitespaces).lowercased()
    for suffix in [" days", " day", "days", "day", "d"] where digits.hasSuffix(suffix) {
      digits.removeLast(suffix.count)
      break
    }
    guard let days = Int(digits.trimmingCharacters(in: .whitespaces)), (0...366).contains(days)
    else {
      throw MileQuestError.badData(
        "bad grace period '\(text)': use a whole number of days from 0 to 366")
    }
    return days
  }

  /// What `goal edit` changes; nil leaves a field as it is.
  public struct GoalEdit: Sendable {
    public var name: String?
    public var start: String?
    public var end: String?
    public var dailyCap: String?
    /// Remove the daily cap.
    public var noDailyCap: Bool
    public var grace: String?
    public var addTeams: [String]
    public var removeTeams: [String]
    /// Activities counted in full, replacing the goal's (`walk,run`).
    public var activities: String?
    /// Activities counted at a factor, replacing the goal's (`cycle=0.33`; empty: none).
    public var convert: String?

    public init(
      name: String? = nil, start: String? = nil, end: String? = nil, dailyCap: String? = nil,
      noDailyCap: Bool = false, grace: String? = nil, addTeams: [String] = [],
      removeTeams: [String] = [], activities: String? = nil, convert: String? = nil
    ) {
      self.activities = activities
      self.convert = convert
      self.name = name
      self.start = start
      self.end = end
      self.dailyCap = dailyCap
      self.noDailyCap = noDailyCap
      self.grace = grace
      self.addTeams = addTeams
      self.removeTeams = removeTeams
    }
  }

  /// Changes a goal; the acting member must captain one of its teams (before the change).
  ///
  /// A rename keeps everything else. A change of the counting rules (dates, cap, grace,
  /// teams, activities) of a goal whose results are final opens it again: its results are computed from
  /// the walks and memberships as they are now, and it closes again at once if it is still
  /// completed or ended.
  public func editGoal(name goalName: String, _ edit: GoalEdit) throws -> GoalProgress {
    if edit.dailyCap != nil && edit.noDailyCap {
      throw MileQuestError.usage("a daily cap or no daily cap, not both")
    }
    let newName = try edit.name.map {
      try Validation.text($0, what: "goal name", length: 1...80)
    }
    let cap = try edit.dailyCap.map {
      try DistanceInput.parse($0, defaultUnit: unit, strideMetres: nil)
    }
    let grace = try edit.grace.map(Self.graceDays)
    let start = try edit.start.map { try DateInput.parse($0, today: today) }
    let end = try edit.end.map { try DateInput.parse($0, today: today) }
    // Checked before the transaction; combined with the goal's own inside it.
    _ = try edit.activities.map(ActivityCounting.parseActivities)
    _ = try edit.convert.map(ActivityCounting.parseConversions)
    return try writeChange("edit goal \(goalName)", completing: true) { db in
      var goal = try db.requireGoal(goalName)
      let original = goal
      let teams = try goal.teamIds.compactMap { try db.team(id: $0) }
      let actor = try actingMember(db, for: "editing a goal")
      try requireCaptainOfAny(actor, teams, db, to: "edit goal '\(goal.name)'")
      if goal.state == .cancelled {
        throw MileQuestError.ruleViolation("goal '\(goal.name)' is cancelled")
      }
      if let newName {
        if let other = try db.goal(name: newName), other.id != goal.id {
          throw MileQuestError.duplicate(kind: "goal", name: other.name)
        }
        goal.name = newName
      }
      if let start { goal.start = start }
      if let end { goal.end = end }
      if edit.noDailyCap { goal.dailyCapMetres = nil }
      if let cap { goal.dailyCapMetres = cap }
      if let grace { goal.graceDays = grace }
      if edit.activities != nil || edit.convert != nil {
        goal.activities = try ActivityCounting.resolve(
          activities: edit.activities, convert: edit.convert, current: goal.activities)
      }
      for teamName in edit.addTeams {
        let team = try db.requireTeam(teamName)
        if goal.teamIds.contains(team.id ?? -1) {
          throw MileQuestError.ruleViolation(
            "team '\(team.name)' already pursues goal '\(goal.name)'")
        }
        goal.teamIds.append(team.id ?? -1)
      }
      for teamName in edit.removeTeams {
        let team = try db.requireTeam(teamName)
        guard goal.teamIds.contains(team.id ?? -1) else {
          throw MileQuestError.ruleViolation(
            "team '\(team.name)' does not pursue goal '\(goal.name)'")
        }
        goal.teamIds.removeAll { $0 == team.id }
      }
      if goal.teamIds.isEmpty {
        throw MileQuestError.ruleViolation(
          "goal '\(goal.name)' would have no team; cancel it instead (milequest goal cancel)")
      }
      if let end = goal.end, end < goal.start {
        throw MileQuestError.badData(
          "end date \(end) is before the start date \(goal.start)")
      }
      var rules = goal
      rules.name = original.name
      if rules != original, let id = goal.id, try db.closedGoals()[id] != nil {
        try db.dropFinalResults(goalId: id)
      }
      if goal != original { try db.update(goal) }
      return try progress(of: goal, db)
    }
  }

  /// Cancels a goal; the acting member must captain one of its teams.
  public func cancelGoal(name: String) throws -> Goal {
    try writeChange("cancel goal \(name)") { db in
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
      // Read once for every goal, not once per goal: routes (goals often share one of
      // tens of thousands of points) with their geometry and milestones, teams with their
      // memberships, and which goals are closed.
      var reads = ProgressReads(closed: try db.closedGoals())
      let goals = try db.allGoals()
        .filter { goal in teamId.map { goal.teamIds.contains($0 ?? -1) } ?? true }
      try prepare(goals, db, reads: &reads)
      var progresses: [GoalProgress] = []
      progresses.reserveCapacity(goals.count)
      // A batch of goals at a time: the day sums of all their markers are asked of the store
      // at once (one statement rather than one per marker), and held only while the batch
      // is computed (a year of day sums per marker).
      for start in stride(from: 0, to: goals.count, by: Self.daySumsBatch) {
        let batch = goals[start..<min(goals.count, start + Self.daySumsBatch)]
        try prefetchDaySums(batch, db, reads: &reads)
        for goal in batch { progresses.append(try progress(of: goal, db, reads: &reads)) }
      }
      return progresses.filter { all || $0.status == .active }
    }
  }

  /// How many goals' day sums `goals(team:all:)` asks of the store at once.
  static let daySumsBatch = 128

  /// What the progress of many goals in one transaction shares, read once.
  struct ProgressReads {
    /// Each route read so far, with its geometry and milestones, by id.
    var routes: [Int64: (route: Route, geometry: RouteGeometry, milestones: [Milestone])] = [:]
    /// Each team read so far, with its whole membership history, by id.
    var teams: [Int64: ProgressCalculator.TeamHistory] = [:]
    /// The closed goals (`closedGoals`), whose numbers come from their final results.
    var closed: [Int64: LocalDate]
    /// The activities other than `walk` of the members in `asked`
    /// (`StoreSpeedUps.otherActivities`), asked once for the members of many goals
    /// (`prepare`); nil when not asked, or when the store does not know.
    var otherActivities: [Int64: Set<Activity>]?
    /// The members `otherActivities` answers for.
    var asked: Set<Int64> = []
    /// Day sums asked of the store ahead, for the goals of one batch (`prefetchDaySums`):
    /// by goal, each marker's question and answer.
    var markerSums: [Int64: [(question: MarkerSpans, sums: [(date: LocalDate, sum: ExactSum)])]] =
      [:]

    /// Whether a goal counting `activities` counts every walk of these members in full, as
    /// `StoreReading.countsEveryWalkInFull` answers, from `otherActivities` when it holds
    /// them all; nil when it does not.
    func countsEveryWalkInFull(memberIds: [Int64], _ activities: ActivityCounting) -> Bool? {
      let partly = activities.notCountedInFull
      if partly.isEmpty { return true }
      // A question about `walk` itself is answered "don't know" by the stores: asked as
      // before.
      guard let otherActivities, !partly.contains(.walk),
        memberIds.allSatisfy({ asked.contains($0) })
      else { return nil }
      return memberIds.allSatisfy { otherActivities[$0]?.isDisjoint(with: partly) ?? true }
    }
  }

  /// Reads once what the progress of these goals needs from every open one: their teams
  /// with their memberships, and which of their members walked activities other than `walk`
  /// (the goals' activity rules decide from it whether the store's day sums serve). A
  /// thousand goals asked one question each before.
  func prepare(_ goals: [Goal], _ db: any StoreReading, reads: inout ProgressReads) throws {
    // The open goals' teams with their memberships, asked at once.
    var unread: [Int64] = []
    for goal in goals where goal.id.map({ reads.closed[$0] == nil }) ?? true {
      unread += goal.teamIds.filter { reads.teams[$0] == nil }
    }
    for (id, read) in try db.teamsWithMemberships(ids: unread) {
      reads.teams[id] = ProgressCalculator.TeamHistory(
        team: read.team, memberships: read.memberships)
    }
    var memberIds = Set<Int64>()
    for goal in goals where goal.id.map({ reads.closed[$0] == nil }) ?? true {
      for id in goal.teamIds {
        guard let history = try teamHistory(id, db, reads: &reads) else { continue }
        for membership in history.memberships { memberIds.insert(membership.memberId) }
      }
    }
    if memberIds.isEmpty { return }
    let sorted = memberIds.sorted()
    reads.otherActivities = try db.otherActivities(memberIds: sorted)
    reads.asked = reads.otherActivities == nil ? [] : memberIds
  }

  /// Asks the store at once for the day sums of each marker of these goals that their
  /// progress will read from day sums (open goals whose members' activities they count in
  /// full, as `progress(of:teams:…)` decides), and keeps the answers in `reads` in place of
  /// the previous batch's. A store that does not add them up itself answers nothing: each
  /// marker is then asked or added up on its own, as before.
  func prefetchDaySums(
    _ goals: ArraySlice<Goal>, _ db: any StoreReading, reads: inout ProgressReads
  ) throws {
    reads.markerSums = [:]
    var questions: [MarkerSpans] = []
    var owners: [Int64] = []
    for goal in goals {
      guard let id = goal.id, reads.closed[id] == nil else { continue }
      let teams = try goal.teamIds.compactMap { try teamHistory($0, db, reads: &reads) }
      let memberIds = Array(Set(teams.flatMap { $0.memberships.map(\.memberId) })).sorted()
      guard reads.countsEveryWalkInFull(memberIds: memberIds, goal.activities) == true
      else { continue }
      for group in ProgressCalculator.markerGroups(goal: goal, teams: teams) {
        questions.append(
          MarkerSpans(
            spans: WalkCounting.spans(memberships: group.memberships, window: goal.window),
            dailyCap: goal.dailyCapMetres))
        owners.append(id)
      }
    }
    guard !questions.isEmpty, let answers = try db.daySums(ofMarkers: questions) else { return }
    for (index, id) in owners.enumerated() {
      reads.markerSums[id, default: []].append((questions[index], answers[index]))
    }
  }

  /// The team `id` with its whole membership history, from `reads` or read into it; nil
  /// when there is no such team.
  func teamHistory(_ id: Int64, _ db: any StoreReading, reads: inout ProgressReads) throws
    -> ProgressCalculator.TeamHistory?
  {
    if let known = reads.teams[id] { return known }
    guard let team = try db.team(id: id) else { return nil }
    let history = ProgressCalculator.TeamHistory(
      team: team, memberships: try db.memberships(teamId: id))
    reads.teams[id] = history
    return history
  }

  /// `progress(of:_:)` with what `reads` holds, adding to it what it reads.
  func progress(
    of goal: Goal, _ db: any StoreReading, reads: inout ProgressReads
  ) throws -> GoalProgress {
    if let id = goal.routeId, reads.routes[id] == nil, let route = try db.route(id: id) {
      let geometry = try route.geometry()
      reads.routes[id] = (route, geometry, Milestone.of(route: route, geometry: geometry))
    }
    let route = goal.routeId.flatMap { reads.routes[$0] }
    if let id = goal.id, reads.closed[id] != nil {
      // Its final results' memberships and walks, not today's.
      return try progress(of: goal, db, route: route?.route, geometry: route?.geometry)
    }
    let teams = try goal.teamIds.compactMap { try teamHistory($0, db, reads: &reads) }
    return try progress(
      of: goal, teams: teams, db, route: route?.route, geometry: route?.geometry,
      milestones: route?.milestones, fromDayTotals: true, reads: reads)
  }

  /// The progress of one goal; with no name, the one active goal of the acting member's teams.
  public func progress(goal name: String?) throws -> GoalProgress {
    try store.read { db in
      if let name { return try progress(of: db.requireGoal(name), db) }
      let member = try actingMember(db, for: "progress without a goal name")
      let memberships = try db.memberships(memberId: member.id ?? -1)
      let current = Set(memberships.filter { $0.isCurrent(on: today) }.map(\.teamId))
      let ever = Set(memberships.map(\.teamId))
      // The most recent active goal of the member's teams now; else the most recently
      // finished goal of any team the member was ever in.
      let candidates = try db.goals(teamIds: ever.sorted())
        .filter { $0.state == .active }
        .map { try progress(of: $0, db) }
      if let active = Self.mostRecent(
        candidates.filter { $0.status == .active && !current.isDisjoint(with: $0.goal.teamIds) })
      {
        return active
      }
      let finished = candidates.filter { $0.closedOn != nil }
        .max {
          ($0.closedOn!, $0.goal.start, $0.goal.name) < ($1.closedOn!, $1.goal.start, $1.goal.name)
        }
      guard let finished else {
        throw MileQuestError.usage("'\(member.handle)' has no goal yet").hinted(.nameGoal)
      }
      return finished
    }
  }

  /// The goal that started last (then by name), or nil.
  static func mostRecent(_ goals: [GoalProgress]) -> GoalProgress? {
    goals.max { ($0.goal.start, $1.goal.name) < ($1.goal.start, $0.goal.name) }
  }

  /// Computes a goal's progress inside a transaction.
  func progress(
    of goal: Goal, _ db: any StoreReading, route known: Route? = nil,
    geometry: RouteGeometry? = nil
  ) throws -> GoalProgress {
    let db = try resultsSource(of: goal, db)
    let teams = try goal.teamIds.compactMap { id -> ProgressCalculator.TeamHistory? in
      guard let team = try db.team(id: id) else { return nil }
      return ProgressCalculator.TeamHistory(
        team: team, memberships: try db.memberships(teamId: id))
    }
    return try progress(of: goal, teams: teams, db, route: known, geometry: geometry)
  }

  /// The progress of `goal`, whose `teams` (with their memberships) `db` gave.
  ///
  /// With `fromDayTotals` (`goal list`: a thousand goals at once) the members' days come
  /// from the store's per-member per-day totals where the goal's activities allow;
  /// otherwise (one goal: `progress`, closing, events) from their walks, each stored value
  /// checked as it is read, as before. Both feed the same calculator the same day totals.
  private func progress(
    of goal: Goal, teams: [ProgressCalculator.TeamHistory], _ db: any StoreReading,
    route known: Route?, geometry: RouteGeometry?, milestones: [Milestone]? = nil,
    fromDayTotals: Bool = false, reads: ProgressReads? = nil
  ) throws -> GoalProgress {
    let route = try known ?? goal.routeId.flatMap { try db.route(id: $0) }
    let memberIds = Array(Set(teams.flatMap { $0.memberships.map(\.memberId) })).sorted()
    if fromDayTotals,
      try reads?.countsEveryWalkInFull(memberIds: memberIds, goal.activities)
        ?? db.countsEveryWalkInFull(memberIds: memberIds, goal.activities)
    {
      // Each marker's day sums added up by the store where it can (no day total per
      // member in Swift); else from the day totals, read once for all markers.
      var days: [DayTotal]?
      var progress = try ProgressCalculator.progress(
        goal: goal, route: route, teams: teams, today: today, geometry: geometry,
        milestones: milestones
      ) { memberships in
        let spans = WalkCounting.spans(memberships: memberships, window: goal.window)
        let question = MarkerSpans(spans: spans, dailyCap: goal.dailyCapMetres)
        if let asked = reads?.markerSums[goal.id ?? -1]?.first(where: { $0.question == question }) {
          return asked.sums
        }
        if let sums = try db.daySums(of: spans, dailyCap: goal.dailyCapMetres) { return sums }
        if days == nil { days = try db.dayTotals(memberIds: memberIds, range: goal.window) }
        return WalkCounting.dailySums(
          days: days ?? [], memberships: memberships, window: goal.window,
          dailyCap: goal.dailyCapMetres)
      }
      progress.isFinal = db is FinalResultsReader
      return progress
    }
    let days =
      try fromDayTotals
      ? db.countedDayTotals(
        memberIds: memberIds, range: goal.window, activities: goal.activities)
      : db.countedWalkDays(
        memberIds: memberIds, range: goal.window, activities: goal.activities)
    var progress = try ProgressCalculator.progress(
      goal: goal, route: route, teams: teams, days: days, today: today, geometry: geometry,
      milestones: milestones)
    progress.isFinal = db is FinalResultsReader
    return progress
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
