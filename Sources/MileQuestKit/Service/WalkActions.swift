/// Logging, listing, fixing and removing walks.
extension MileQuestService {
  /// A walk as the user typed it.
  public struct WalkRequest: Sendable, Equatable {
    /// Member handle; nil for the acting member.
    public var member: String?
    public var distance: String?
    public var date: String?
    public var duration: String?
    public var steps: Int?
    public var note: String?
    /// The activity's name (`walk`, `run`, `cycling`…); nil: a walk (log), unchanged (edit).
    public var activity: String?

    public init(
      member: String? = nil, distance: String? = nil, date: String? = nil,
      duration: String? = nil, steps: Int? = nil, note: String? = nil, activity: String? = nil
    ) {
      self.member = member
      self.distance = distance
      self.date = date
      self.duration = duration
      self.steps = steps
      self.note = note
      self.activity = activity
    }
  }

  /// What logging or changing a walk did to the goals it counts for.
  public struct GoalEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case milestone, arrived, completed }
    public var kind: Kind
    public var goal: String
    /// The marker (team) concerned.
    public var team: String
    /// The milestone's name, for `milestone`.
    public var milestone: String?
    public var on: LocalDate?
  }

  /// Logs a walk; returns it with the milestones and completions it caused, and a warning
  /// for each reason it counts for no team or no goal (`UncountedWalks`) and for each closed
  /// goal whose final results it would have changed (a late walk).
  public func logWalk(_ request: WalkRequest) throws
    -> (walk: Walk, events: [GoalEvent], warnings: [String])
  {
    guard let distanceText = request.distance else {
      throw MileQuestError.usage("log needs a DISTANCE, for example 3.2, 5km or 12000steps")
    }
    let date = try walkDate(request.date) ?? today
    let duration = try request.duration.map(DurationInput.parse)
    let steps = try DistanceInput.walkSteps(distance: distanceText, steps: request.steps)
    let note = try request.note.map { try Validation.text($0, what: "note", length: 0...500) }
    let activity = try request.activity.map(Self.activity) ?? .walk
    return try writeChange("log walk") { db in
      let member = try walkMember(request.member, db)
      if member.isArchived {
        throw MileQuestError.ruleViolation("member '\(member.handle)' is removed")
      }
      let metres = try DistanceInput.parseWalk(
        distanceText, defaultUnit: unit, strideMetres: member.strideMetres)
      let newWalk = Walk(
        memberId: member.id ?? -1, date: date, distanceMetres: metres,
        durationSeconds: duration, steps: steps, activity: activity,
        note: note?.isEmpty == true ? nil : note)
      let memberships = try db.memberships(memberId: member.id ?? -1)
      let countingTeams = Set(memberships.filter { $0.covers(date) }.map(\.teamId))
      let teamGoals = try db.goals(teamIds: Set(memberships.map(\.teamId)).sorted())
      var goals = teamGoals.filter { $0.state == .active && $0.window.contains(date) }
      var warnings = try uncountedWarnings(
        member, date: date, activity: activity, memberships: memberships, goals: teamGoals, db)
      // A goal that does not count the walk's activity is not moved by it.
      goals.removeAll { !$0.activities.counts(activity) }
      if !goals.isEmpty {
        let final = try db.closedGoals()
        for goal in goals {
          // Only a late walk, dated on or before the closing day, would have counted.
          guard let day = final[goal.id ?? -1], date <= day,
            !countingTeams.isDisjoint(with: goal.teamIds)
          else { continue }
          warnings.append(
            "goal \(ShellQuote.word(goal.name)) closed on \(day); its results are final, so "
              + "this walk does not change them")
        }
        goals.removeAll { final[$0.id ?? -1] != nil }
      }
      // Most walks pass no milestone: two totals per marker prove it, and then there is
      // nothing to announce. Only when one may be passed are whole progress reports computed
      // before and after, for the days and names of what was reached.
      var totals: [MarkerKey: (before: Double, after: Double)] = [:]
      var routeMilestones: [Int64: [Milestone]] = [:]
      let announces = try goals.contains {
        try mayAnnounce(
          $0, adding: WalkAmount(newWalk), countingTeams: countingTeams, totals: &totals,
          routeMilestones: &routeMilestones, db)
      }
      guard announces else {
        return (walk: try db.insert(newWalk), events: [], warnings: warnings)
      }
      let affected = try withRoutes(goals, db)
      let before = try affected.map {
        try progress(of: $0.goal, db, route: $0.route, geometry: $0.geometry)
      }
      let walk = try db.insert(newWalk)
      let after = try affected.map {
        try progress(of: $0.goal, db, route: $0.route, geometry: $0.geometry)
      }
      // A goal this walk finished (its last marker arrived) closes now: later walks do not
      // change its results.
      for progress in after { try closeIfDone(progress, db) }
      return (
        walk: walk, events: Self.events(before: before, after: after), warnings: warnings
      )
    }
  }

  /// The warnings for a walk of `member` dated `date` that counts for no team or no goal;
  /// names are read only then, so a walk that counts costs no query.
  private func uncountedWarnings(
    _ member: Member, date: LocalDate, activity: Activity, memberships: [Membership],
    goals: [Goal], _ db: any StoreReading
  ) throws -> [String] {
    guard
      let finding = UncountedWalks.finding(
        date: date, activity: activity, memberships: memberships, goals: goals, today: today,
        teamsExist: try !memberships.isEmpty || !db.allTeams().isEmpty)
    else { return [] }
    var summary = UncountedWalks.Summary()
    summary.add(memberId: member.id ?? -1, date: date, finding)
    var names = UncountedWalks.Names(members: [member.id ?? -1: member.handle])
    for teamId in Set(memberships.map(\.teamId)) {
      names.teams[teamId] = try db.team(id: teamId)?.name
    }
    for goal in goals {
      names.goals[goal.id ?? -1] = goal.name
      names.goalActivities[goal.id ?? -1] = goal.activities
    }
    return UncountedWalks.messages(summary, names: names)
  }

  /// Changes fields of a walk; nil leaves a field as it is. An edit that changes nothing
  /// writes nothing, so it leaves no step for `undo`.
  public func editWalk(id: Int64, _ request: WalkRequest) throws -> (walk: Walk, changed: Bool) {
    let date = try walkDate(request.date)
    let duration = try request.duration.map(DurationInput.parse)
    let steps = try DistanceInput.walkSteps(distance: request.distance, steps: request.steps)
    let note = try request.note.map { try Validation.text($0, what: "note", length: 0...500) }
    let activity = try request.activity.map(Self.activity)
    return try writeChange("edit walk \(id)", completing: true) { db in
      var walk = try db.requireWalk(id)
      let original = walk
      if let handle = request.member { walk.memberId = try db.requireMember(handle).id ?? -1 }
      let member = try db.member(id: walk.memberId)
      if let text = request.distance {
        walk.distanceMetres = try DistanceInput.parseWalk(
          text, defaultUnit: unit, strideMetres: member?.strideMetres)
      }
      if let date { walk.date = date }
      if let duration { walk.durationSeconds = duration }
      if let steps { walk.steps = steps }
      if let note { walk.note = note.isEmpty ? nil : note }
      if let activity { walk.activity = activity }
      if walk == original { return (walk, false) }
      try db.update(walk)
      return (walk, true)
    }
  }

  /// Soft-deletes a walk; `undo` brings it back.
  public func deleteWalk(id: Int64) throws -> Walk {
    try writeChange("delete walk \(id)", completing: true) { db in
      var walk = try db.requireWalk(id)
      walk.isDeleted = true
      try db.update(walk)
      return walk
    }
  }

  /// Reverts the last change made through milequest; returns its description.
  public func undo() throws -> String {
    guard let description = try store.undoLastChange() else {
      throw MileQuestError.ruleViolation("nothing to undo")
    }
    return description
  }

  /// Which walks to list.
  public struct WalkListRequest: Sendable, Equatable {
    public var member: String?
    public var team: String?
    public var from: String?
    public var to: String?
    public var limit: Int?
    /// Only walks of this activity (its name, as `log --activity` takes it).
    public var activity: String?

    public init(
      member: String? = nil, team: String? = nil, from: String? = nil, to: String? = nil,
      limit: Int? = nil, activity: String? = nil
    ) {
      self.member = member
      self.team = team
      self.from = from
      self.to = to
      self.limit = limit
      self.activity = activity
    }
  }

  /// Largest `--limit` whose page looks its members up one by one rather than reading them
  /// all: a look-up costs about what decoding a few dozen members does.
  static let memberLookupLimit = 1_000

  /// Calls `body` with each listed walk, newest first, and its member's handle, up to the
  /// limit, as read from a cursor: a million walks are never held.
  public func forEachListedWalk(
    _ request: WalkListRequest, _ body: (_ walk: Walk, _ handle: String) throws -> Void
  ) throws {
    let range = DateRange(
      from: try request.from.map { try DateInput.parse($0, today: today) },
      to: try request.to.map { try DateInput.parse($0, today: today) })
    if let limit = request.limit, limit < 0 {
      throw MileQuestError.badData("bad limit \(limit): must be 0 or more")
    }
    let activity = try request.activity.map(Self.activity)
    /// Stops the cursor once the limit is reached.
    struct LimitReached: Error {}
    try store.read { db in
      var memberIds: [Int64]?
      var memberships: [Membership]?
      if let handle = request.member { memberIds = [try db.requireMember(handle).id ?? -1] }
      if let teamName = request.team {
        let history = try db.memberships(teamId: try db.requireTeam(teamName).id ?? -1)
        memberships = history
        let ids = Set(history.map(\.memberId))
        memberIds = memberIds.map { $0.filter(ids.contains) } ?? ids.sorted()
      }
      if request.limit == 0 { return }
      // A page (`--limit N`) looks up only the members it shows, so its cost does not grow
      // with the number of members (issue 16); a whole listing reads them all at once.
      var handles: [Int64: String] = [:]
      let pageOnly = (request.limit ?? .max) <= Self.memberLookupLimit
      if !pageOnly {
        handles = Dictionary(
          uniqueKeysWithValues: try db.allMembers().map { ($0.id ?? -1, $0.handle) })
      }
      func handle(_ id: Int64) throws -> String {
        if let known = handles[id] { return known }
        if !pageOnly { return "?" }
        let name = try db.member(id: id)?.handle ?? "?"
        handles[id] = name
        return name
      }
      var listed = 0
      do {
        try db.forEachWalk(WalkFilter(memberIds: memberIds, range: range, newestFirst: true)) {
          walk in
          if let memberships, !WalkCounting.counts(walk, memberships: memberships, in: range) {
            return
          }
          if let activity, walk.activity != activity { return }
          try body(walk, try handle(walk.memberId))
          listed += 1
          if listed == request.limit { throw LimitReached() }
        }
      } catch is LimitReached {}
    }
  }

  /// An activity as typed (`run`, `running`, `cycling`…); anything else is bad data.
  static func activity(_ text: String) throws -> Activity {
    guard let activity = Activity(name: text) else {
      throw ActivityCounting.unknownActivity(Validation.printable(String(text.prefix(40))))
    }
    return activity
  }

  private func walkDate(_ text: String?) throws -> LocalDate? {
    guard let text else { return nil }
    let date = try DateInput.parse(text, today: today)
    if date > today {
      throw MileQuestError.badData("date \(date) is in the future (today is \(today))")
    }
    return date
  }

  private func walkMember(_ handle: String?, _ db: any StoreReading) throws -> Member {
    if let handle { return try db.requireMember(handle) }
    return try actingMember(db, for: "logging a walk")
  }

  /// Each goal with its route and geometry, every route loaded once.
  private func withRoutes(_ goals: [Goal], _ db: any StoreReading)
    throws -> [(goal: Goal, route: Route?, geometry: RouteGeometry?)]
  {
    var routes: [Int64: (Route, RouteGeometry)] = [:]
    return try goals.map { goal in
      guard let routeId = goal.routeId else { return (goal: goal, route: nil, geometry: nil) }
      if routes[routeId] == nil, let route = try db.route(id: routeId) {
        routes[routeId] = (route, try route.geometry())
      }
      return (goal: goal, route: routes[routeId]?.0, geometry: routes[routeId]?.1)
    }
  }

  /// A marker's teams over a goal's window and cap: goals that share them (a team's own quest
  /// and a race over the same year) share the marker's totals.
  private struct MarkerKey: Hashable {
    var teamIds: [Int64]
    var start: LocalDate
    var end: LocalDate?
    var dailyCap: Double?
    var activities: ActivityCounting
  }

  /// Whether adding `walk` may pass a milestone or the target of one of `goal`'s markers.
  ///
  /// - Parameters:
  ///   - countingTeams: the teams whose membership of the walker covers its date.
  ///   - totals: the markers' totals before and with the walk, computed once per marker.
  ///   - routeMilestones: milestones by route, read once per route.
  private func mayAnnounce(
    _ goal: Goal, adding walk: WalkAmount, countingTeams: Set<Int64>,
    totals: inout [MarkerKey: (before: Double, after: Double)],
    routeMilestones: inout [Int64: [Milestone]], _ db: any StoreWriting
  ) throws -> Bool {
    // The markers the walk moves: its teams' own in a race, else the one all teams share.
    let markers: [[Int64]] =
      ProgressCalculator.teamsMoveApart(goal.mode, teamCount: goal.teamIds.count)
      ? goal.teamIds.filter(countingTeams.contains).map { [$0] }
      : goal.teamIds.contains(where: countingTeams.contains) ? [goal.teamIds] : []
    var milestones: [Milestone]?
    for teamIds in markers {
      let key = MarkerKey(
        teamIds: teamIds, start: goal.start, end: goal.end, dailyCap: goal.dailyCapMetres,
        activities: goal.activities)
      if totals[key] == nil {
        let memberships = try teamIds.flatMap { try db.memberships(teamId: $0) }
        let (before, after) = try markerTotals(memberships, goal, adding: walk, db)
        totals[key] = (before.value, after.value)
      }
      guard let (before, after) = totals[key] else { continue }
      if milestones == nil { milestones = try self.milestones(of: goal, db, &routeMilestones) }
      if MilestoneCrossing.passes(
        milestones: milestones ?? [], target: goal.targetMetres, from: before, to: after)
      {
        return true
      }
    }
    return false
  }

  /// A marker's counted totals over `goal`'s window without and with `walk` (only the
  /// activities the goal counts, converted ones at their factor).
  private func markerTotals(
    _ memberships: [Membership], _ goal: Goal, adding walk: WalkAmount, _ db: any StoreWriting
  ) throws -> (before: ExactSum, after: ExactSum) {
    func amounts() throws -> [WalkAmount] {
      var amounts: [WalkAmount] = []
      try db.forEachWalkAmount(
        WalkFilter(memberIds: Set(memberships.map(\.memberId)).sorted(), range: goal.window)
      ) { if let counted = goal.activities.counted($0) { amounts.append(counted) } }
      return amounts
    }
    let counted = goal.activities.counted(walk)
    guard let cap = goal.dailyCapMetres else {
      let before =
        try runningTotal(of: memberships, goal, db)
        ?? WalkCounting.countedTotal(
          amounts: try amounts(), memberships: memberships, window: goal.window, dailyCap: nil)
      // Uncapped, a counted walk is a piece of its own, and the sum is exact whatever the
      // order: the total with the walk is the total before plus the walk.
      var after = before
      if let counted, WalkCounting.counts(counted, memberships: memberships, in: goal.window) {
        after.add(counted.distanceMetres)
      }
      return (before, after)
    }
    let without = try amounts()
    return (
      WalkCounting.countedTotal(
        amounts: without, memberships: memberships, window: goal.window, dailyCap: cap),
      WalkCounting.countedTotal(
        amounts: without + (counted.map { [$0] } ?? []), memberships: memberships,
        window: goal.window, dailyCap: cap)
    )
  }

  /// An uncapped marker's counted total from its memberships' running totals (kept by the
  /// store on every write), instead of reading a team's year of walks; nil when those totals
  /// do not count exactly the marker's walks. A membership's total counts its member's walks
  /// dated inside the membership; the marker counts those dated inside the goal's window too,
  /// each walk once. So the totals serve when every membership has one, no member has two
  /// memberships (a walk would count twice), and no member has a walk outside the window.
  ///
  /// The totals add every activity at full distance (they are the boards' totals), so they
  /// serve a goal only when it counts `walk` in full and no member has a walk of an activity
  /// it does not count in full (converted or not counted): the default goal of a team that
  /// only walks, the common case, keeps this path; any other is summed from the walks.
  private func runningTotal(
    of memberships: [Membership], _ goal: Goal, _ db: any StoreWriting
  ) throws -> ExactSum? {
    let memberIds = memberships.map(\.memberId)
    guard Set(memberIds).count == memberIds.count,
      goal.activities.full.contains(.walk),
      let totals = try db.membershipTotals(ids: memberships.compactMap(\.id)),
      totals.count == memberships.count,
      try !db.hasWalks(memberIds: memberIds, outside: goal.window),
      try !db.hasWalks(memberIds: memberIds, ofAny: goal.activities.notCountedInFull)
    else { return nil }
    var sum = ExactSum()
    for total in totals.values { sum.add(total) }
    return sum
  }

  /// A goal's milestones: its route's (saved the first time they are measured, and read once
  /// per route into `known`), or the fractions of a plain distance goal.
  private func milestones(
    of goal: Goal, _ db: any StoreWriting, _ known: inout [Int64: [Milestone]]
  ) throws -> [Milestone] {
    guard let routeId = goal.routeId else {
      return Milestone.of(distanceTarget: goal.targetMetres)
    }
    if let milestones = known[routeId] { return milestones }
    let milestones: [Milestone]
    if let saved = try db.savedMilestones(routeId: routeId) {
      milestones = saved
    } else if let route = try db.route(id: routeId) {
      milestones = Milestone.of(route: route, geometry: try route.geometry())
      try db.saveMilestones(milestones, routeId: routeId)
    } else {
      return Milestone.of(distanceTarget: goal.targetMetres)
    }
    known[routeId] = milestones
    return milestones
  }

  static func events(before: [GoalProgress], after: [GoalProgress]) -> [GoalEvent] {
    var events: [GoalEvent] = []
    for (old, new) in zip(before, after) {
      for marker in new.markers {
        guard let previous = old.markers.first(where: { $0.name == marker.name }) else {
          continue
        }
        for (index, entry) in marker.milestones.enumerated()
        where entry.reachedOn != nil && previous.milestones[index].reachedOn == nil {
          events.append(
            GoalEvent(
              kind: .milestone, goal: new.goal.name, team: marker.name,
              milestone: entry.milestone.name, on: entry.reachedOn))
        }
        if marker.arrivedOn != nil && previous.arrivedOn == nil && new.markers.count > 1 {
          events.append(
            GoalEvent(kind: .arrived, goal: new.goal.name, team: marker.name, on: marker.arrivedOn))
        }
      }
      if new.completedOn != nil && old.completedOn == nil {
        events.append(
          GoalEvent(
            kind: .completed, goal: new.goal.name, team: new.leader.name, on: new.completedOn))
      }
    }
    return events
  }
}
