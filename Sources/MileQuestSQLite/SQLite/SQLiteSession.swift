import GRDB
import MileQuestCore
import MileQuestStore

/// The store primitives on one GRDB connection, inside a transaction opened by `SQLiteStore`.
struct SQLiteSession: StoreWriting {
  let db: Database
  /// The writing connection's TEMP triggers; nil in a read transaction.
  var triggers: WriteTriggers?
  /// In a salvaging read (`export all`): where unreadable rows are noted instead of thrown.
  var skipped: SkippedRows?

  init(db: Database, triggers: WriteTriggers? = nil, skipped: SkippedRows? = nil) {
    self.db = db
    self.triggers = triggers
    self.skipped = skipped
  }

  /// Decodes each row of `sql` with `decode`; in a salvaging read a row that does not decode
  /// is noted and left out.
  private func records<T>(
    _ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T
  ) throws -> [T] {
    var result: [T] = []
    let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
    while let row = try rows.next() {
      if let skipped {
        if let value = try skipped.salvage({ try decode(row) }) { result.append(value) }
      } else {
        result.append(try decode(row))
      }
    }
    return result
  }

  /// `records`, each row taken straight from the statement by `plain` when it is well-formed
  /// (generic row conversions were most of reading thousands of rows); any other row, and
  /// every row when bad rows are skipped, goes through `decode`, which names its problem.
  private func records<T>(
    _ sql: String, _ arguments: StatementArguments, plain: (SQLiteStatement) -> T?,
    _ decode: (Row) throws -> T
  ) throws -> [T] {
    if skipped != nil { return try records(sql, arguments, decode) }
    let statement = try db.cachedStatement(sql: sql)
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    var result: [T] = []
    while let row = try rows.next() {
      result.append(try plain(statement.sqliteStatement) ?? decode(row))
    }
    return result
  }

  /// Before a write: the triggers that record `change`s of `tables` for undo and keep the
  /// running totals must exist (`change` nil: every kind of change).
  private func writing(_ change: TableChange?, _ tables: String...) throws {
    guard let triggers else {
      throw MileQuestError.internalError("write in a read transaction")
    }
    for table in tables {
      if let change {
        try triggers.prepare(table, change, db)
      } else {
        try triggers.prepareAll(table, db)
      }
    }
  }

  // Look-ups by key run through cached prepared statements: a command asks several of them
  // (a board asks one per member), and preparing a statement costs more than running it.

  func member(handle: String) throws -> Member? {
    try Member.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM member WHERE handle = ?"),
      arguments: [handle.lowercased()])
  }

  func member(id: Int64) throws -> Member? {
    try Member.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM member WHERE id = ?"), arguments: [id])
  }

  func allMembers() throws -> [Member] {
    try records("SELECT * FROM member ORDER BY handle", [], Member.init(row:))
  }

  // A name's row is found by its key (NFC, lower-cased); a database written before keys were
  // NFC may hold another spelling of it, found by comparing every name in Swift.

  func team(name: String) throws -> Team? {
    if let team = try Team.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM team WHERE nameKey = ?"),
      arguments: [NameKey.of(name)])
    {
      return team
    }
    return try legacyMatch(in: "team", name).flatMap { try team(id: $0) }
  }

  /// The id of the row of `table` (team, route or goal) whose stored name is `name` in another
  /// Unicode spelling: a row written before keys were NFC. Only a name with a non-ASCII
  /// character can have another spelling, and only rows whose key has one are read.
  private func legacyMatch(in table: String, _ name: String) throws -> Int64? {
    if name.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
    let rows = try Row.fetchAll(
      db, sql: "SELECT id, name FROM \(table) WHERE nameKey GLOB '*[^ -~]*'")
    return rows.first { NameKey.matches($0["name"], name) }?["id"]
  }

  func team(id: Int64) throws -> Team? {
    try Team.fetchOne(db.cachedStatement(sql: "SELECT * FROM team WHERE id = ?"), arguments: [id])
  }

  func allTeams() throws -> [Team] {
    try teams("SELECT * FROM team ORDER BY nameKey")
  }

  /// The teams `sql` selects (`SELECT *`): the all-teams board reads every team.
  private func teams(_ sql: String, _ arguments: StatementArguments = []) throws -> [Team] {
    try records(sql, arguments, plain: TeamRowDecoder.team, Team.init(row:))
  }

  func memberships(teamId: Int64) throws -> [Membership] {
    try memberships("SELECT * FROM membership WHERE teamId = ? ORDER BY joined, id", [teamId])
  }

  func teamsWithMemberships(ids: [Int64]) throws -> [Int64: (
    team: Team, memberships: [Membership]
  )] {
    var teams: [Int64: (team: Team, memberships: [Membership])] = [:]
    let unique = Array(Set(ids)).sorted()
    if unique.isEmpty { return [:] }
    // Two statements, not two per team (the ids as one JSON array: `IdList`).
    let arguments: StatementArguments = [IdList.argument(unique)]
    for team in try self.teams("SELECT * FROM team WHERE \(IdList.contains("id"))", arguments) {
      guard let id = team.id else { continue }
      teams[id] = (team, [])
    }
    let memberships = try memberships(
      "SELECT * FROM membership WHERE \(IdList.contains("teamId")) ORDER BY teamId, joined, id",
      arguments)
    for membership in memberships {
      teams[membership.teamId]?.memberships.append(membership)
    }
    return teams
  }

  func allMemberships() throws -> [Membership] {
    try memberships("SELECT * FROM membership ORDER BY id")
  }

  func memberships(memberId: Int64) throws -> [Membership] {
    try memberships("SELECT * FROM membership WHERE memberId = ? ORDER BY joined, id", [memberId])
  }

  /// The memberships `sql` selects (`SELECT *`): the all-teams boards read every membership,
  /// `goal list` every goal team's.
  private func memberships(
    _ sql: String, _ arguments: StatementArguments = []
  ) throws -> [Membership] {
    try records(sql, arguments, plain: MembershipRowDecoder.membership, Membership.init(row:))
  }

  func route(name: String) throws -> Route? {
    if let route = try RouteRecord.fetch(
      db, whereSQL: "nameKey = ?", arguments: [NameKey.of(name)]
    ).first {
      return route
    }
    return try legacyMatch(in: "route", name).flatMap { try self.route(id: $0) }
  }

  func route(id: Int64) throws -> Route? {
    try RouteRecord.fetch(db, whereSQL: "id = ?", arguments: [id]).first
  }

  func allRoutes() throws -> [Route] {
    try RouteRecord.fetch(db, whereSQL: "1", arguments: [], skipped: skipped)
  }

  func goal(name: String) throws -> Goal? {
    if let goal = try GoalRecord.fetch(
      db, whereSQL: "nameKey = ?", arguments: [NameKey.of(name)]
    ).first {
      return goal
    }
    return try legacyMatch(in: "goal", name).flatMap { try self.goal(id: $0) }
  }

  func goal(id: Int64) throws -> Goal? {
    try GoalRecord.fetch(db, whereSQL: "id = ?", arguments: [id]).first
  }

  func allGoals() throws -> [Goal] {
    try GoalRecord.fetch(db, whereSQL: "1", arguments: [], skipped: skipped)
  }

  func goals(teamIds: [Int64]) throws -> [Goal] {
    if teamIds.isEmpty { return [] }
    let marks = teamIds.map { _ in "?" }.joined(separator: ",")
    return try GoalRecord.fetch(
      db, whereSQL: "id IN (SELECT goalId FROM goalTeam WHERE teamId IN (\(marks)))",
      arguments: StatementArguments(teamIds))
  }

  func walk(id: Int64) throws -> Walk? {
    try Walk.fetchOne(
      db.cachedStatement(sql: "SELECT \(Walk.selection) FROM walk WHERE id = ?"), arguments: [id])
  }

  func walk(source: WalkSource, externalId: String) throws -> Walk? {
    // A cached statement: imports ask this once per row.
    let statement = try db.cachedStatement(
      sql: "SELECT \(Walk.selection) FROM walk WHERE source = ? AND externalId = ?")
    return try Walk.fetchOne(statement, arguments: [source, externalId])
  }

  func insertWalks(
    _ produce: (_ insert: (Walk) throws -> BulkInsertOutcome) throws -> Void
  ) throws -> Int {
    try insertWalks(mergeEvery: BulkWalkInsert.mergeEvery, produce)
  }

  /// `insertWalks`, adding the new walks to the totals `mergeEvery` at a time (tests make
  /// the batches small).
  func insertWalks(
    mergeEvery: Int, _ produce: (_ insert: (Walk) throws -> BulkInsertOutcome) throws -> Void
  ) throws -> Int {
    try writing(.insert, "walk")
    var bulk = try BulkWalkInsert(db, mergeEvery: mergeEvery)
    try produce { walk in try bulk.insert(walk) }
    try bulk.finish()
    return bulk.added
  }

  func walks(_ filter: WalkFilter) throws -> [Walk] {
    var walks: [Walk] = []
    try forEachWalk(filter) { walks.append($0) }
    return walks
  }

  func forEachWalk(_ filter: WalkFilter, _ body: (Walk) throws -> Void) throws {
    guard let (whereSQL, arguments) = Self.conditions(filter) else { return }
    let statement = try db.makeStatement(
      sql: "SELECT \(Walk.selection) FROM walk WHERE \(whereSQL) ORDER BY "
        + (filter.newestFirst ? "date DESC, id DESC" : "date, id"))
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    if let skipped {
      // Row by row, so that one bad walk is noted and the cursor goes on.
      while let row = try rows.next() {
        if let walk = try skipped.salvage({ try Walk(row: row) }) { try body(walk) }
      }
      return
    }
    while let row = try rows.next() {
      try body(try WalkRowDecoder.walk(statement.sqliteStatement) ?? Walk(row: row))
    }
  }

  func walkCount(_ filter: WalkFilter) throws -> Int? {
    guard let (whereSQL, arguments) = Self.conditions(filter) else { return 0 }
    return try Int.fetchOne(
      db, sql: "SELECT COUNT(*) FROM walk WHERE \(whereSQL)", arguments: arguments)
  }

  func forEachWalkAmount(_ filter: WalkFilter, _ body: (WalkAmount) throws -> Void) throws {
    var live = filter
    live.includeDeleted = false
    guard let (whereSQL, arguments) = Self.conditions(live) else { return }
    // Columns decode straight from the statement, the date parsed from its text here (half
    // the cost of SQLite's julianday()): a team's year is thousands of rows.
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT memberId, date, distanceMetres, id, activity FROM walk WHERE \(whereSQL)",
      arguments: arguments)
    while let row = try rows.next() {
      // A bad stored value stops the report with its walk named (a row was once skipped
      // silently here, which misreported totals).
      let stored = StoredRow(row, table: "walk", keyColumn: 3)
      try body(
        WalkAmount(
          memberId: try stored.required(0, "memberId"), date: try stored.required(1, "date"),
          distanceMetres: try stored.number(2, "distanceMetres", RecordRules.walkDistanceRule) {
            RecordRules.isWalkDistance($0)
          }, activity: try stored.required(4, "activity")))
    }
  }

  /// The WHERE clause of a walk filter, or nil when it matches nothing.
  private static func conditions(_ filter: WalkFilter) -> (String, StatementArguments)? {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if !filter.includeDeleted { conditions.append("isDeleted = 0") }
    if let from = filter.range.from {
      conditions.append("date >= ?")
      arguments += [from]
    }
    if let to = filter.range.to {
      conditions.append("date <= ?")
      arguments += [to]
    }
    if let ids = filter.memberIds {
      if ids.isEmpty { return nil }
      conditions.append("memberId IN (\(ids.map { _ in "?" }.joined(separator: ",")))")
      arguments += StatementArguments(ids)
    }
    return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
  }

  func savedMilestones(routeId: Int64) throws -> [Milestone]? {
    let rows = try Row.fetchAll(
      db,
      sql:
        "SELECT name, atMetres, pointIndex FROM routeMilestone WHERE routeId = ? ORDER BY pointIndex",
      arguments: [routeId])
    if rows.isEmpty { return nil }
    return try rows.map { row in
      let stored = StoredRow(row, table: "route milestone", keyColumn: 2, keyPrefix: "\(routeId)/")
      return Milestone(
        name: try stored.required(0, "name"),
        atMetres: try stored.number(1, "atMetres", "must be 0 or more") { $0 >= 0 },
        pointIndex: try stored.required(2, "pointIndex"))
    }
  }

  func finalResults(goalId: Int64) throws -> FinalResults? {
    try FinalResultsRecord.fetch(goalId: goalId, db)
  }

  func closedGoals() throws -> [Int64: LocalDate] {
    var closed: [Int64: LocalDate] = [:]
    for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT goalId, closedOn FROM goalFinal")) {
      guard let day: LocalDate = row["closedOn"] else {
        throw MileQuestError.badData("table goalFinal, goal \(row["goalId"] ?? 0): bad closedOn")
      }
      closed[row["goalId"]] = day
    }
    return closed
  }

  func goalsToClose(today: LocalDate) throws -> [Goal] {
    // One look at the goal table (no walk is read): `log` asks before every walk. date()
    // is NULL past 9999-12-31, which then never closes. A goal whose grace is over ended
    // before today, so its end sorts before today's date: that text comparison goes first
    // and rules out the goals still running without date() and its string building, which
    // were two thirds of a `log`'s look at 1,005 goals (a negative grace, which `goal create`
    // refuses, is left to date()). Whether there is any is asked first (usually not):
    // preparing a `SELECT *` costs GRDB's authorizer a call per column.
    let closing = """
      state = 'active' AND ("end" < ?1 OR graceDays < 0)
        AND date("end", '+' || graceDays || ' days') < ?1
        AND id NOT IN (SELECT goalId FROM goalFinal)
      """
    let any = try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM goal WHERE \(closing))", arguments: [today])
    guard any == true else { return [] }
    return try GoalRecord.fetch(db, whereSQL: closing, arguments: [today])
  }

  func saveFinalResults(_ results: FinalResults, goalId: Int64) throws {
    try writing(nil, "goalFinal", "goalFinalMembership", "goalFinalWalk")
    try FinalResultsRecord.save(results, goalId: goalId, db)
  }

  func dropFinalResults(goalId: Int64) throws {
    try writing(nil, "goalFinal", "goalFinalMembership", "goalFinalWalk")
    try FinalResultsRecord.drop(goalId: goalId, db)
  }

  func saveMilestones(_ milestones: [Milestone], routeId: Int64) throws {
    try db.execute(sql: "DELETE FROM routeMilestone WHERE routeId = ?", arguments: [routeId])
    let insert = try db.makeStatement(
      sql: "INSERT INTO routeMilestone(routeId, pointIndex, name, atMetres) VALUES (?, ?, ?, ?)")
    for (index, milestone) in milestones.enumerated() {
      try insert.execute(
        arguments: [routeId, milestone.pointIndex ?? index, milestone.name, milestone.atMetres])
    }
  }

  func membershipTotals() throws -> [Int64: (sum: ExactSum, walks: Int)] {
    try RunningTotals.fetch(db)
  }

  func membershipTotals(ids: [Int64]) throws -> [Int64: ExactSum]? {
    try RunningTotals.fetch(db, membershipIds: ids)
  }

  /// From `teamTotal` (kept by the running-total triggers, `TeamTotals`): one row per team.
  func teamTotals() throws -> [Int64: LeaderboardBuilder.TeamTotals]? {
    try TeamTotals.fetch(db)
  }

  func hasWalks(memberIds: [Int64], ofAny activities: Set<Activity>) throws -> Bool {
    if memberIds.isEmpty || activities.isEmpty { return false }
    // Asking about `walk` would read most walks: "don't know" is the answer then.
    if activities.contains(.walk) { return true }
    let marks = memberIds.map { _ in "?" }.joined(separator: ",")
    let kinds = activities.sorted().map { _ in "?" }.joined(separator: ",")
    // `activity <> 'walk'` lets SQLite read the partial index `walk_other_activity`. Cached:
    // `goal list` asks once per goal, and preparing cost more than the answer.
    let statement = try db.cachedStatement(
      sql: """
        SELECT EXISTS (SELECT 1 FROM walk WHERE activity <> 'walk' AND memberId IN (\(marks))
          AND activity IN (\(kinds)) AND isDeleted = 0)
        """)
    return try Bool.fetchOne(
      statement,
      arguments: StatementArguments(memberIds) + StatementArguments(activities.sorted())) != false
  }

  func otherActivities(memberIds: [Int64]) throws -> [Int64: Set<Activity>]? {
    var found: [Int64: Set<Activity>] = [:]
    // One statement for all the members (their ids as one JSON array: `IdList`); the
    // partial index `walk_other_activity` holds each member's other activities side by side.
    let statement = try db.cachedStatement(
      sql: """
        SELECT DISTINCT memberId, activity FROM walk WHERE activity <> 'walk'
          AND isDeleted = 0 AND \(IdList.contains("memberId"))
        """)
    let rows = try Row.fetchCursor(statement, arguments: [IdList.argument(memberIds)])
    while let row = try rows.next() {
      // Anything but a member id and a known activity: not known (`hasWalks` answers).
      guard let memberId = Int64.fromDatabaseValue(row[0]),
        let name = String.fromDatabaseValue(row[1]), let activity = Activity(rawValue: name)
      else { return nil }
      found[memberId, default: []].insert(activity)
    }
    return found
  }

  func forEachDayTotal(
    memberIds: [Int64]?, range: DateRange, _ body: (DayTotal) throws -> Void
  ) throws {
    if let memberIds {
      try DayTotals.forEach(db, ofWalksOf: memberIds, range: range, body)
    } else {
      try DayTotals.forEach(db, range: range, body)
    }
  }

  func daySums(ofMarkers markers: [MarkerSpans]) throws -> [[(
    date: LocalDate, sum: ExactSum
  )]]? {
    try DayTotals.daySums(db, ofMarkers: markers)
  }

  func forEachMonthTotal(months: DateRange, _ body: (MonthTotal) throws -> Void) throws -> Bool {
    try DayTotals.forEachMonth(db, months: months, body)
    return true
  }

  func hasWalks(memberIds: [Int64], outside range: DateRange) throws -> Bool {
    if memberIds.isEmpty { return false }
    let marks = memberIds.map { _ in "?" }.joined(separator: ",")
    // One range of the (memberId, date, ...) index per member and bound: no walk is read.
    for (comparison, bound) in [("<", range.from), (">", range.to)] {
      guard let bound else { continue }
      let found = try Bool.fetchOne(
        db,
        sql: """
          SELECT EXISTS (SELECT 1 FROM walk WHERE memberId IN (\(marks))
            AND date \(comparison) ? AND isDeleted = 0)
          """,
        arguments: StatementArguments(memberIds) + [bound])
      if found != false { return true }
    }
    return false
  }

  /// Refuses dates that "YYYY-MM-DD" cannot write (after 9999-12-31, before 0001-01-01):
  /// stored, they would make every later read of their row fail.
  private static func storable(_ dates: LocalDate?...) throws {
    for case let date? in dates { try RecordRules.date(date, what: "date") }
  }

  func insert(_ member: Member) throws -> Member {
    try NameText.requireStorable(member.name, what: "member name")
    try Self.storable(member.archivedOn)
    try writing(.insert, "member")
    var stored = member
    try stored.insert(db)
    return stored
  }

  func update(_ member: Member) throws {
    try Self.storable(member.archivedOn)
    try writing(.update, "member")
    try member.update(db)
  }

  func insert(_ team: Team) throws -> Team {
    try NameText.requireStorable(team.name, what: "team name")
    // Two spellings of one name share a key: say so, rather than "UNIQUE constraint failed"
    // (by key alone: entrances look for older spellings first, and one look-up is cheap).
    if let existing = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT name FROM team WHERE nameKey = ?"),
      arguments: [NameKey.of(team.name)])
    {
      throw MileQuestError.duplicate(kind: "team", name: existing["name"])
    }
    try writing(.insert, "team")
    var stored = team
    try stored.insert(db)
    return stored
  }

  func update(_ team: Team) throws {
    try writing(.update, "team")
    try team.update(db)
  }

  func insert(_ membership: Membership) throws -> Membership {
    try Self.storable(membership.joined, membership.left)
    try writing(.insert, "membership")
    var stored = membership
    try stored.insert(db)
    return stored
  }

  func update(_ membership: Membership) throws {
    try Self.storable(membership.joined, membership.left)
    try writing(.update, "membership")
    try membership.update(db)
  }

  func insert(_ route: Route) throws -> Route {
    try NameText.requireStorable(route.name, what: "route name")
    // Two spellings of one name share a key: say so, rather than "UNIQUE constraint failed"
    // (by key alone: entrances look for older spellings first, and one look-up is cheap).
    if let existing = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT name FROM route WHERE nameKey = ?"),
      arguments: [NameKey.of(route.name)])
    {
      throw MileQuestError.duplicate(kind: "route", name: existing["name"])
    }
    try writing(.insert, "route", "routePoint")
    return try RouteRecord.insert(route, db)
  }

  func insert(_ goal: Goal) throws -> Goal {
    try NameText.requireStorable(goal.name, what: "goal name")
    // Two spellings of one name share a key: say so, rather than "UNIQUE constraint failed"
    // (by key alone: entrances look for older spellings first, and one look-up is cheap).
    if let existing = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT name FROM goal WHERE nameKey = ?"),
      arguments: [NameKey.of(goal.name)])
    {
      throw MileQuestError.duplicate(kind: "goal", name: existing["name"])
    }
    try Self.storable(goal.start, goal.end)
    try writing(.insert, "goal", "goalTeam")
    var fresh = goal
    fresh.id = nil
    return try GoalRecord.write(fresh, db)
  }

  func update(_ goal: Goal) throws {
    try Self.storable(goal.start, goal.end)
    try writing(nil, "goal", "goalTeam")
    _ = try GoalRecord.write(goal, db)
  }

  func insert(_ walk: Walk) throws -> Walk {
    if let note = walk.note { try NameText.requireStorable(note, what: "note") }
    try Self.storable(walk.date)
    try writing(.insert, "walk")
    // A cached statement rather than the record's generated INSERT (`log` is one insert, so
    // building the SQL each time was a tenth of its work).
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO walk(id, memberId, date, distanceMetres, durationSeconds, steps, note,
          source, externalId, isDeleted, activity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    // A nil id is NULL, for which SQLite picks the next rowid; restores keep their ids.
    try insert.execute(arguments: [
      walk.id, walk.memberId, walk.date, walk.distanceMetres, walk.durationSeconds, walk.steps,
      walk.note,
      walk.source, walk.externalId, walk.isDeleted, walk.activity,
    ])
    var stored = walk
    stored.id = db.lastInsertedRowID
    return stored
  }

  func insertIfAbsent(_ walk: Walk) throws -> Walk? {
    guard let externalId = walk.externalId else { return try insert(walk) }
    if try self.walk(source: walk.source, externalId: externalId) != nil { return nil }
    return try insert(walk)
  }

  func update(_ walk: Walk) throws {
    try Self.storable(walk.date)
    try writing(.update, "walk")
    try walk.update(db)
  }
}
