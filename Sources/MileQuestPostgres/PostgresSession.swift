import MileQuestCore
import MileQuestStore

/// The store primitives on one PostgreSQL connection, inside a transaction opened by
/// `PostgresStore` (in a write transaction, under the writers' lock).
///
/// Text is ordered with `COLLATE "C"` (byte order, as SQLite compares), so lists come out in
/// the same order on both back ends whatever the database's collation.
struct PostgresSession: StoreWriting {
  let connection: PGConnection
  /// Whether this is a write transaction.
  let writable: Bool
  /// What the session keeps between its calls: the bulk insert under way, routes read.
  let bulk = PostgresSessionState()

  @discardableResult
  private func exec(_ sql: String, _ parameters: [(any PGEncodable)?] = []) throws -> PGRows {
    if let batch = bulk.batch {
      try batch.flush()
      batch.forgetMaxId()
    }
    return try connection.exec(sql, parameters)
  }

  private func requireWritable() throws {
    if !writable { throw MileQuestError.internalError("write in a read transaction") }
  }

  /// The next id of `table` as SQLite picks a rowid: one more than the largest (writers are
  /// serialised, so no two take the same).
  private static func nextId(_ table: String) -> String {
    "(SELECT coalesce(max(id), 0) + 1 FROM \(table))"
  }

  // MARK: - Members, teams, memberships

  static let memberColumns = "id, handle, name, email, strideMetres, archivedOn"

  static func member(_ values: [String?]) throws -> Member {
    let row = PGRow(values, table: "member")
    return Member(
      id: try row.int64(0, "id"), handle: try row.string(1, "handle"),
      name: try row.string(2, "name"), email: row.optionalString(3),
      strideMetres: try row.number(4, "strideMetres", RecordRules.strideRule) {
        RecordRules.isStride($0)
      },
      archivedOn: try row.optionalDate(5, "archivedOn"))
  }

  func member(handle: String) throws -> Member? {
    try exec("SELECT \(Self.memberColumns) FROM member WHERE handle = $1", [handle.lowercased()])
      .rows.first.map(Self.member)
  }

  func member(id: Int64) throws -> Member? {
    try exec("SELECT \(Self.memberColumns) FROM member WHERE id = $1", [id]).rows.first.map(
      Self.member)
  }

  func allMembers() throws -> [Member] {
    try exec("SELECT \(Self.memberColumns) FROM member ORDER BY handle COLLATE \"C\"").rows.map(
      Self.member)
  }

  static let teamColumns = "id, name, description, maxMembers"

  static func team(_ values: [String?]) throws -> Team {
    let row = PGRow(values, table: "team")
    return Team(
      id: try row.int64(0, "id"), name: try row.string(1, "name"),
      description: row.optionalString(2),
      maxMembers: try row.int(
        3, "maxMembers", in: RecordRules.maxMembersRange, RecordRules.maxMembersRule))
  }

  func team(name: String) throws -> Team? {
    try exec("SELECT \(Self.teamColumns) FROM team WHERE nameKey = $1", [NameText.key(name)])
      .rows.first.map(Self.team)
  }

  func team(id: Int64) throws -> Team? {
    try exec("SELECT \(Self.teamColumns) FROM team WHERE id = $1", [id]).rows.first.map(Self.team)
  }

  func allTeams() throws -> [Team] {
    try exec("SELECT \(Self.teamColumns) FROM team ORDER BY nameKey COLLATE \"C\"").rows.map(
      Self.team)
  }

  static let membershipColumns = "id, teamId, memberId, role, joined, \"left\""

  static func membership(_ values: [String?]) throws -> Membership {
    let row = PGRow(values, table: "membership")
    return Membership(
      id: try row.int64(0, "id"), teamId: try row.int64(1, "teamId"),
      memberId: try row.int64(2, "memberId"), role: try row.value(3, "role", Role.self),
      joined: try row.date(4, "joined"), left: try row.optionalDate(5, "left"))
  }

  func memberships(teamId: Int64) throws -> [Membership] {
    try exec(
      "SELECT \(Self.membershipColumns) FROM membership WHERE teamId = $1 ORDER BY joined, id",
      [teamId]
    ).rows.map(Self.membership)
  }

  func allMemberships() throws -> [Membership] {
    try exec("SELECT \(Self.membershipColumns) FROM membership ORDER BY id").rows.map(
      Self.membership)
  }

  func memberships(memberId: Int64) throws -> [Membership] {
    try exec(
      "SELECT \(Self.membershipColumns) FROM membership WHERE memberId = $1 ORDER BY joined, id",
      [memberId]
    ).rows.map(Self.membership)
  }

  // MARK: - Routes and goals

  private func routes(where condition: String, _ parameters: [(any PGEncodable)?]) throws
    -> [Route]
  {
    try exec(
      "SELECT id, name FROM route WHERE \(condition) ORDER BY nameKey COLLATE \"C\"", parameters
    ).rows.map { values in
      let row = PGRow(values, table: "route")
      let id = try row.int64(0, "id")
      let points = try exec(
        """
        SELECT latitude, longitude, label, position FROM routePoint WHERE routeId = $1
        ORDER BY position
        """, [id]
      ).rows.map { values in
        let point = PGRow(values, table: "route point")
        return RoutePoint(
          coordinate: Coordinate(
            latitude: try point.double(0, "latitude"), longitude: try point.double(1, "longitude")),
          label: point.optionalString(2))
      }
      return Route(id: id, name: try row.string(1, "name"), points: points)
    }
  }

  func route(name: String) throws -> Route? {
    try routes(where: "nameKey = $1", [NameText.key(name)]).first
  }

  /// Read once per transaction: closing goals after an import reads the route of every goal
  /// of the teams it touched (a thousand goals on one 50,000-point route in the benchmark:
  /// half the import's own time). A route's points never change; a new route has a new id.
  func route(id: Int64) throws -> Route? {
    if let known = bulk.routes[id] { return known }
    let route = try routes(where: "id = $1", [id]).first
    bulk.routes[id] = route
    return route
  }

  func allRoutes() throws -> [Route] { try routes(where: "true", []) }

  private func goals(where condition: String, _ parameters: [(any PGEncodable)?]) throws
    -> [Goal]
  {
    let rows = try exec(
      """
      SELECT g.id, g.name, g.routeId, g.targetMetres, g.mode, g.start, g."end", g.dailyCapMetres,
        g.state, g.graceDays,
        (SELECT string_agg(t.teamId::text, ',' ORDER BY t.position) FROM goalTeam t
          WHERE t.goalId = g.id),
        g.activities, g.conversions
      FROM goal g WHERE \(condition) ORDER BY g.start, g.nameKey COLLATE "C"
      """, parameters)
    return try rows.rows.map { values in
      let row = PGRow(values, table: "goal")
      let teams = (values[10] ?? "").split(separator: ",").compactMap { Int64($0) }
      return Goal(
        id: try row.int64(0, "id"), name: try row.string(1, "name"),
        routeId: try row.optionalInt64(2, "routeId"),
        targetMetres: try row.number(3, "targetMetres", "must be more than 0") { $0 > 0 },
        mode: try row.value(4, "mode", GoalMode.self), start: try row.date(5, "start"),
        end: try row.optionalDate(6, "end"),
        dailyCapMetres: try row.optionalNumber(7, "dailyCapMetres", "must be more than 0") {
          $0 > 0
        },
        graceDays: try row.int(
          9, "graceDays", in: 0...366, "must be a whole number of days from 0 to 366"),
        state: try row.value(8, "state", GoalState.self),
        teamIds: teams, activities: try Self.activities(row, values))
    }
  }

  /// Columns 11 and 12 of a goal row: its `ActivityCounting` in the stored form.
  private static func activities(_ row: PGRow, _ values: [String?]) throws -> ActivityCounting {
    let full = try row.string(11, "activities")
    let conversions = try row.string(12, "conversions")
    guard
      let counting = ActivityCounting(storedActivities: full, storedConversions: conversions)
    else {
      throw MileQuestError.badData(
        "table goal, goal \(values[0] ?? "?"): activities '\(full)' and conversions "
          + "'\(conversions)' are not a list of activities and KIND=FACTOR pairs")
    }
    return counting
  }

  func goal(name: String) throws -> Goal? {
    try goals(where: "g.nameKey = $1", [NameText.key(name)]).first
  }

  func goal(id: Int64) throws -> Goal? { try goals(where: "g.id = $1", [id]).first }

  func allGoals() throws -> [Goal] { try goals(where: "true", []) }

  func goals(teamIds: [Int64]) throws -> [Goal] {
    if teamIds.isEmpty { return [] }
    return try goals(
      where: "g.id IN (SELECT goalId FROM goalTeam WHERE teamId = ANY ($1::bigint[]))",
      [PGArray.of(teamIds)])
  }

  // MARK: - Walks

  static let walkColumns = """
    id, memberId, date, distanceMetres, durationSeconds, steps, note, source, externalId,
    isDeleted, activity
    """

  static func walk(_ values: [String?]) throws -> Walk {
    let row = PGRow(values, table: "walk")
    return Walk(
      id: try row.int64(0, "id"), memberId: try row.int64(1, "memberId"),
      date: try row.date(2, "date"),
      distanceMetres: try row.number(3, "distanceMetres", RecordRules.walkDistanceRule) {
        RecordRules.isWalkDistance($0)
      },
      durationSeconds: try row.optionalNumber(4, "durationSeconds", "must be 0 or more") {
        $0 >= 0
      },
      steps: try row.optionalInt(5, "steps"),
      activity: try row.value(10, "activity", Activity.self),
      note: row.optionalString(6),
      source: try row.value(7, "source", WalkSource.self), externalId: row.optionalString(8),
      isDeleted: try row.bool(9, "isDeleted"))
  }

  func walk(id: Int64) throws -> Walk? {
    // A walk held by a bulk insert is that walk; no other held walk can change the answer.
    if let batch = bulk.batch {
      if let held = batch.heldWalk(id: id) { return held }
      return try connection.exec("SELECT \(Self.walkColumns) FROM walk WHERE id = $1", [id])
        .rows.first.map(Self.walk)
    }
    return try exec("SELECT \(Self.walkColumns) FROM walk WHERE id = $1", [id]).rows.first.map(
      Self.walk)
  }

  func walk(source: WalkSource, externalId: String) throws -> Walk? {
    try exec(
      "SELECT \(Self.walkColumns) FROM walk WHERE source = $1 AND externalId = $2",
      [source, externalId]
    ).rows.first.map(Self.walk)
  }

  /// The WHERE clause of a walk filter and its parameters, or nil when it matches nothing.
  private static func conditions(_ filter: WalkFilter) -> (String, [(any PGEncodable)?])? {
    var conditions: [String] = []
    var parameters: [(any PGEncodable)?] = []
    if !filter.includeDeleted { conditions.append("NOT isDeleted") }
    if let from = filter.range.from {
      parameters.append(from)
      conditions.append("date >= $\(parameters.count)::date")
    }
    if let to = filter.range.to {
      parameters.append(to)
      conditions.append("date <= $\(parameters.count)::date")
    }
    if let ids = filter.memberIds {
      if ids.isEmpty { return nil }
      parameters.append(PGArray.of(ids))
      conditions.append("memberId = ANY ($\(parameters.count)::bigint[])")
    }
    return (conditions.isEmpty ? "true" : conditions.joined(separator: " AND "), parameters)
  }

  func walks(_ filter: WalkFilter) throws -> [Walk] {
    var walks: [Walk] = []
    try forEachWalk(filter) { walks.append($0) }
    return walks
  }

  func forEachWalk(_ filter: WalkFilter, _ body: (Walk) throws -> Void) throws {
    guard let (condition, parameters) = Self.conditions(filter) else { return }
    let rows = try exec(
      "SELECT \(Self.walkColumns) FROM walk WHERE \(condition) ORDER BY "
        + (filter.newestFirst ? "date DESC, id DESC" : "date, id"), parameters)
    for values in rows.rows { try body(try Self.walk(values)) }
  }

  func walkCount(_ filter: WalkFilter) throws -> Int? {
    guard let (condition, parameters) = Self.conditions(filter) else { return 0 }
    let rows = try exec("SELECT count(*) FROM walk WHERE \(condition)", parameters)
    return rows.rows.first?.first.flatMap { $0 }.flatMap { Int($0) }
  }

  func forEachWalkAmount(_ filter: WalkFilter, _ body: (WalkAmount) throws -> Void) throws {
    var live = filter
    live.includeDeleted = false
    guard let (condition, parameters) = Self.conditions(live) else { return }
    let rows = try exec(
      "SELECT memberId, date, distanceMetres, id, activity FROM walk WHERE \(condition)",
      parameters)
    for values in rows.rows {
      let row = PGRow([values[3]] + values, table: "walk")
      try body(
        WalkAmount(
          memberId: try row.int64(1, "memberId"), date: try row.date(2, "date"),
          distanceMetres: try row.double(3, "distanceMetres"),
          activity: try row.value(5, "activity", Activity.self)))
    }
  }

  func hasWalks(memberIds: [Int64], ofAny activities: Set<Activity>) throws -> Bool {
    if memberIds.isEmpty || activities.isEmpty { return false }
    // Asking about `walk` would read most walks: "don't know" is the answer then.
    if activities.contains(.walk) { return true }
    // `activity <> 'walk'` lets the server read the partial index `walk_other_activity`.
    let found = try exec(
      """
      SELECT EXISTS (SELECT 1 FROM walk WHERE activity <> 'walk'
        AND memberId = ANY ($1::bigint[]) AND activity = ANY ($2::text[]) AND NOT isDeleted)
      """, [PGArray.of(memberIds), PGArray.of(activities.sorted().map { Optional($0.rawValue) })])
    return found.rows.first?.first != "f"
  }

  func hasWalks(memberIds: [Int64], outside range: DateRange) throws -> Bool {
    if memberIds.isEmpty { return false }
    for (comparison, bound) in [("<", range.from), (">", range.to)] {
      guard let bound else { continue }
      let found = try exec(
        """
        SELECT EXISTS (SELECT 1 FROM walk WHERE memberId = ANY ($1::bigint[])
          AND date \(comparison) $2::date AND NOT isDeleted)
        """, [PGArray.of(memberIds), bound])
      if found.rows.first?.first == "t" { return true }
    }
    return false
  }

  // MARK: - Totals, milestones, final results

  func membershipTotals() throws -> [Int64: (sum: ExactSum, walks: Int)] {
    var totals: [Int64: (sum: ExactSum, walks: Int)] = [:]
    for values in try exec("SELECT membershipId, partials, walks FROM membershipTotal").rows {
      let row = PGRow(values, table: "membership total")
      totals[try row.int64(0, "membershipId")] = (
        sum: ExactSum(parts: try row.doubles(1, "partials")), walks: try row.int(2, "walks")
      )
    }
    return totals
  }

  /// From `teamTotal` (kept by the triggers, `PostgresMigrations.teamTotals` and
  /// `teamCounts`): one row per team, nothing read per membership.
  func teamTotals() throws -> [Int64: LeaderboardBuilder.TeamTotals]? {
    var totals: [Int64: LeaderboardBuilder.TeamTotals] = [:]
    for values in try exec("SELECT teamId, partials, walks, members, walkers FROM teamTotal").rows {
      let row = PGRow(values, table: "team total")
      totals[try row.int64(0, "teamId")] = LeaderboardBuilder.TeamTotals(
        sum: ExactSum(parts: try row.doubles(1, "partials")), walks: try row.int(2, "walks"),
        members: try row.int(3, "members"), walkers: try row.int(4, "walkers"))
    }
    return totals
  }

  func membershipTotals(ids: [Int64]) throws -> [Int64: ExactSum]? {
    if ids.isEmpty { return [:] }
    var totals: [Int64: ExactSum] = [:]
    let rows = try exec(
      "SELECT membershipId, partials FROM membershipTotal WHERE membershipId = ANY ($1::bigint[])",
      [PGArray.of(ids)])
    for values in rows.rows {
      let row = PGRow(values, table: "membership total")
      totals[try row.int64(0, "membershipId")] = ExactSum(parts: try row.doubles(1, "partials"))
    }
    return totals
  }

  func savedMilestones(routeId: Int64) throws -> [Milestone]? {
    let rows = try exec(
      "SELECT name, atMetres, pointIndex FROM routeMilestone WHERE routeId = $1 ORDER BY pointIndex",
      [routeId])
    if rows.isEmpty { return nil }
    return try rows.rows.map { values in
      let row = PGRow([values[2]] + values, table: "route milestone")
      return Milestone(
        name: try row.string(1, "name"), atMetres: try row.double(2, "atMetres"),
        pointIndex: try row.int(3, "pointIndex"))
    }
  }

  func finalResults(goalId: Int64) throws -> FinalResults? {
    guard
      let values = try exec(
        "SELECT goalId, status, closedOn FROM goalFinal WHERE goalId = $1", [goalId]
      )
      .rows.first
    else { return nil }
    let row = PGRow(values, table: "goalFinal")
    let memberships = try exec(
      """
      SELECT membershipId, teamId, memberId, role, joined, "left" FROM goalFinalMembership
      WHERE goalId = $1 ORDER BY seq
      """, [goalId]
    ).rows.map(Self.membership)
    let walks = try exec(
      """
      SELECT walkId, memberId, date, distanceMetres, activity FROM goalFinalWalk
      WHERE goalId = $1 ORDER BY seq
      """, [goalId]
    ).rows.map { values in
      let walk = PGRow(values, table: "goalFinalWalk")
      return Walk(
        id: try walk.int64(0, "walkId"), memberId: try walk.int64(1, "memberId"),
        date: try walk.date(2, "date"), distanceMetres: try walk.double(3, "distanceMetres"),
        activity: try walk.value(4, "activity", Activity.self))
    }
    return FinalResults(
      reason: try row.value(1, "status", FinalResults.Reason.self),
      closedOn: try row.date(2, "closedOn"), memberships: memberships, walks: walks)
  }

  func closedGoals() throws -> [Int64: LocalDate] {
    var closed: [Int64: LocalDate] = [:]
    for values in try exec("SELECT goalId, closedOn FROM goalFinal").rows {
      let row = PGRow(values, table: "goalFinal")
      closed[try row.int64(0, "goalId")] = try row.date(1, "closedOn")
    }
    return closed
  }

  func goalsToClose(today: LocalDate) throws -> [Goal] {
    try goals(
      where: """
        g.state = 'active' AND g."end" IS NOT NULL AND g."end" + g.graceDays::int < $1::date
          AND g.id NOT IN (SELECT goalId FROM goalFinal)
        """, [today])
  }

  // MARK: - Writes

  /// Refuses dates that "YYYY-MM-DD" cannot write (after 9999-12-31, before 0001-01-01).
  private static func storable(_ dates: LocalDate?...) throws {
    for case let date? in dates where date > RecordRules.latestDate || date.year < 1 {
      throw MileQuestError.badData("date \(date) is outside 0001-01-01…9999-12-31")
    }
  }

  func insert(_ member: Member) throws -> Member {
    try requireWritable()
    try NameText.requireStorable(member.name, what: "member name")
    try Self.storable(member.archivedOn)
    let rows = try exec(
      """
      INSERT INTO member(id, handle, name, email, strideMetres, archivedOn)
      VALUES (coalesce($1, \(Self.nextId("member"))), $2, $3, $4, $5, $6) RETURNING id
      """,
      [
        member.id, member.handle, NameText.normalized(member.name), member.email,
        member.strideMetres, member.archivedOn,
      ])
    var stored = member
    stored.id = rows.rows.first?.first.flatMap { $0 }.flatMap { Int64($0) }
    return stored
  }

  func update(_ member: Member) throws {
    try requireWritable()
    try Self.storable(member.archivedOn)
    try exec(
      """
      UPDATE member SET handle = $2, name = $3, email = $4, strideMetres = $5, archivedOn = $6
      WHERE id = $1
      """,
      [
        member.id, member.handle, NameText.normalized(member.name), member.email,
        member.strideMetres, member.archivedOn,
      ])
  }

  /// Refuses a second spelling of a name that exists (rather than a unique-key error).
  private func refuseDuplicate(_ table: String, _ kind: String, _ name: String) throws {
    if let existing = try exec("SELECT name FROM \(table) WHERE nameKey = $1", [NameText.key(name)])
      .rows.first?.first.flatMap({ $0 })
    {
      throw MileQuestError.duplicate(kind: kind, name: existing)
    }
  }

  func insert(_ team: Team) throws -> Team {
    try requireWritable()
    try NameText.requireStorable(team.name, what: "team name")
    try refuseDuplicate("team", "team", team.name)
    let rows = try exec(
      """
      INSERT INTO team(id, name, nameKey, description, maxMembers)
      VALUES (coalesce($1, \(Self.nextId("team"))), $2, $3, $4, $5) RETURNING id
      """,
      [
        team.id, NameText.normalized(team.name), NameText.key(team.name), team.description,
        team.maxMembers,
      ])
    var stored = team
    stored.id = rows.rows.first?.first.flatMap { $0 }.flatMap { Int64($0) }
    return stored
  }

  func update(_ team: Team) throws {
    try requireWritable()
    try exec(
      "UPDATE team SET name = $2, nameKey = $3, description = $4, maxMembers = $5 WHERE id = $1",
      [
        team.id, NameText.normalized(team.name), NameText.key(team.name), team.description,
        team.maxMembers,
      ])
  }

  func insert(_ membership: Membership) throws -> Membership {
    try requireWritable()
    try Self.storable(membership.joined, membership.left)
    let rows = try exec(
      """
      INSERT INTO membership(id, teamId, memberId, role, joined, "left")
      VALUES (coalesce($1, \(Self.nextId("membership"))), $2, $3, $4, $5, $6) RETURNING id
      """,
      [
        membership.id, membership.teamId, membership.memberId, membership.role,
        membership.joined, membership.left,
      ])
    var stored = membership
    stored.id = rows.rows.first?.first.flatMap { $0 }.flatMap { Int64($0) }
    return stored
  }

  func update(_ membership: Membership) throws {
    try requireWritable()
    try Self.storable(membership.joined, membership.left)
    try exec(
      """
      UPDATE membership SET teamId = $2, memberId = $3, role = $4, joined = $5, "left" = $6
      WHERE id = $1
      """,
      [
        membership.id, membership.teamId, membership.memberId, membership.role,
        membership.joined, membership.left,
      ])
  }

  func insert(_ route: Route) throws -> Route {
    try requireWritable()
    try NameText.requireStorable(route.name, what: "route name")
    try refuseDuplicate("route", "route", route.name)
    let rows = try exec(
      "INSERT INTO route(id, name, nameKey) VALUES (\(Self.nextId("route")), $1, $2) RETURNING id",
      [NameText.normalized(route.name), NameText.key(route.name)])
    guard let id = rows.rows.first?.first.flatMap({ $0 }).flatMap({ Int64($0) }) else {
      throw MileQuestError.internalError("route insert returned no id")
    }
    // One statement for all the points (a route can have tens of thousands).
    try exec(
      """
      INSERT INTO routePoint(routeId, position, latitude, longitude, label)
      SELECT $1, ordinality - 1, latitude, longitude, label
      FROM unnest($2::double precision[], $3::double precision[], $4::text[])
        WITH ORDINALITY AS p(latitude, longitude, label, ordinality)
      """,
      [
        id, PGArray.of(route.points.map(\.coordinate.latitude)),
        PGArray.of(route.points.map(\.coordinate.longitude)),
        PGArray.of(route.points.map(\.label)),
      ])
    var stored = route
    stored.id = id
    return stored
  }

  private func write(_ goal: Goal) throws -> Goal {
    let parameters: [(any PGEncodable)?] = [
      goal.id, NameText.normalized(goal.name), NameText.key(goal.name), goal.routeId,
      goal.targetMetres, goal.mode, goal.start, goal.end, goal.dailyCapMetres, goal.state,
      goal.graceDays, goal.activities.storedActivities, goal.activities.storedConversions,
    ]
    var stored = goal
    if goal.id != nil {
      try exec(
        """
        UPDATE goal SET name = $2, nameKey = $3, routeId = $4, targetMetres = $5, mode = $6,
          start = $7, "end" = $8, dailyCapMetres = $9, state = $10, graceDays = $11,
          activities = $12, conversions = $13 WHERE id = $1
        """, parameters)
      try exec("DELETE FROM goalTeam WHERE goalId = $1", [goal.id])
    } else {
      let rows = try exec(
        """
        INSERT INTO goal(id, name, nameKey, routeId, targetMetres, mode, start, "end",
          dailyCapMetres, state, graceDays, activities, conversions)
        VALUES (coalesce($1, \(Self.nextId("goal"))), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
          $12, $13)
        RETURNING id
        """, parameters)
      stored.id = rows.rows.first?.first.flatMap { $0 }.flatMap { Int64($0) }
    }
    if !goal.teamIds.isEmpty {
      try exec(
        """
        INSERT INTO goalTeam(goalId, teamId, position)
        SELECT $1, teamId, ordinality - 1 FROM unnest($2::bigint[]) WITH ORDINALITY AS t(teamId, ordinality)
        """, [stored.id, PGArray.of(goal.teamIds)])
    }
    return stored
  }

  func insert(_ goal: Goal) throws -> Goal {
    try requireWritable()
    try NameText.requireStorable(goal.name, what: "goal name")
    try refuseDuplicate("goal", "goal", goal.name)
    try Self.storable(goal.start, goal.end)
    var fresh = goal
    fresh.id = nil
    return try write(fresh)
  }

  func update(_ goal: Goal) throws {
    try requireWritable()
    try Self.storable(goal.start, goal.end)
    _ = try write(goal)
  }

  func insert(_ walk: Walk) throws -> Walk {
    try requireWritable()
    if let note = walk.note { try NameText.requireStorable(note, what: "note") }
    try Self.storable(walk.date)
    let rows = try exec(
      """
      INSERT INTO walk(id, memberId, date, distanceMetres, durationSeconds, steps, note, source,
        externalId, isDeleted, activity)
      VALUES (coalesce($1, \(Self.nextId("walk"))), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      RETURNING id
      """,
      [
        walk.id, walk.memberId, walk.date, walk.distanceMetres, walk.durationSeconds, walk.steps,
        walk.note, walk.source, walk.externalId, walk.isDeleted, walk.activity,
      ])
    var stored = walk
    stored.id = rows.rows.first?.first.flatMap { $0 }.flatMap { Int64($0) }
    return stored
  }

  func insertIfAbsent(_ walk: Walk) throws -> Walk? {
    guard let externalId = walk.externalId else { return try insert(walk) }
    if try self.walk(source: walk.source, externalId: externalId) != nil { return nil }
    return try insert(walk)
  }

  /// Batched: `PostgresWalkBatch` (one INSERT per 2,000 walks, not one per walk).
  func insertWalks(
    _ produce: (_ insert: (Walk) throws -> BulkInsertOutcome) throws -> Void
  ) throws -> Int {
    try requireWritable()
    if bulk.batch != nil { throw MileQuestError.internalError("nested bulk insert") }
    let batch = PostgresWalkBatch(connection: connection)
    bulk.batch = batch
    defer { bulk.batch = nil }
    // The batches' walks are added to the running totals once, at the end, not once per
    // batch (`PostgresMigrations.teamTotals`: a total updated per batch in one transaction
    // leaves a dead row version per update).
    try exec("SELECT set_config('milequest.bulk', 'on', true)")
    try produce { walk in
      if let note = walk.note { try NameText.requireStorable(note, what: "note") }
      try Self.storable(walk.date)
      return try batch.insert(walk)
    }
    try batch.flush()
    try connection.exec("SELECT mq_fold_totals(), set_config('milequest.bulk', '', true)")
    return batch.count
  }

  func update(_ walk: Walk) throws {
    try requireWritable()
    try Self.storable(walk.date)
    try exec(
      """
      UPDATE walk SET memberId = $2, date = $3, distanceMetres = $4, durationSeconds = $5,
        steps = $6, note = $7, source = $8, externalId = $9, isDeleted = $10, activity = $11
      WHERE id = $1
      """,
      [
        walk.id, walk.memberId, walk.date, walk.distanceMetres, walk.durationSeconds, walk.steps,
        walk.note, walk.source, walk.externalId, walk.isDeleted, walk.activity,
      ])
  }

  func saveMilestones(_ milestones: [Milestone], routeId: Int64) throws {
    try requireWritable()
    try exec("DELETE FROM routeMilestone WHERE routeId = $1", [routeId])
    if milestones.isEmpty { return }
    try exec(
      """
      INSERT INTO routeMilestone(routeId, pointIndex, name, atMetres)
      SELECT $1, pointIndex, name, atMetres
      FROM unnest($2::bigint[], $3::text[], $4::double precision[]) AS m(pointIndex, name, atMetres)
      """,
      [
        routeId,
        PGArray.of(milestones.enumerated().map { Int64($1.pointIndex ?? $0) }),
        PGArray.of(milestones.map { Optional($0.name) }), PGArray.of(milestones.map(\.atMetres)),
      ])
  }

  func saveFinalResults(_ results: FinalResults, goalId: Int64) throws {
    try requireWritable()
    try dropFinalResults(goalId: goalId)
    try exec(
      "INSERT INTO goalFinal(goalId, status, closedOn) VALUES ($1, $2, $3)",
      [goalId, results.reason.rawValue, results.closedOn])
    // A copy read from a document has no ids: number those rows -1, -2, … (as on SQLite).
    for (index, item) in results.memberships.enumerated() {
      try exec(
        """
        INSERT INTO goalFinalMembership(goalId, membershipId, teamId, memberId, role, joined,
          "left") VALUES ($1, $2, $3, $4, $5, $6, $7)
        """,
        [
          goalId, item.id ?? Int64(-1 - index), item.teamId, item.memberId, item.role,
          item.joined, item.left,
        ])
    }
    if !results.walks.isEmpty {
      try exec(
        """
        INSERT INTO goalFinalWalk(goalId, walkId, memberId, date, distanceMetres, activity)
        SELECT $1, walkId, memberId, date, distanceMetres, activity
        FROM unnest($2::bigint[], $3::bigint[], $4::date[], $5::double precision[], $6::text[])
          WITH ORDINALITY AS w(walkId, memberId, date, distanceMetres, activity, ordinality)
        ORDER BY ordinality
        """,
        [
          goalId,
          PGArray.of(results.walks.enumerated().map { $1.id ?? Int64(-1 - $0) }),
          PGArray.of(results.walks.map(\.memberId)),
          PGArray.of(results.walks.map { Optional($0.date.description) }),
          PGArray.of(results.walks.map(\.distanceMetres)),
          PGArray.of(results.walks.map { Optional($0.activity.rawValue) }),
        ])
    }
  }

  func dropFinalResults(goalId: Int64) throws {
    try requireWritable()
    // Row by row, so that undo records each row it must put back (as on SQLite).
    try exec("DELETE FROM goalFinalWalk WHERE goalId = $1", [goalId])
    try exec("DELETE FROM goalFinalMembership WHERE goalId = $1", [goalId])
    try exec("DELETE FROM goalFinal WHERE goalId = $1", [goalId])
  }
}

/// What a session keeps between its calls (one transaction).
final class PostgresSessionState {
  /// The bulk insert under way, if any.
  var batch: PostgresWalkBatch?
  /// The routes read by id.
  var routes: [Int64: Route] = [:]
}
