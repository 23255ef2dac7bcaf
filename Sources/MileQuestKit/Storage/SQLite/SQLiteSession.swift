import GRDB

/// The store primitives on one GRDB connection, inside a transaction opened by `SQLiteStore`.
struct SQLiteSession: StoreWriting {
  let db: Database

  func member(handle: String) throws -> Member? {
    try Member.filter(sql: "handle = ?", arguments: [handle.lowercased()]).fetchOne(db)
  }

  func member(id: Int64) throws -> Member? { try Member.fetchOne(db, key: id) }

  func allMembers() throws -> [Member] {
    try Member.order(sql: "handle").fetchAll(db)
  }

  func team(name: String) throws -> Team? {
    try Team.filter(sql: "nameKey = ?", arguments: [NameKey.of(name)]).fetchOne(db)
  }

  func team(id: Int64) throws -> Team? { try Team.fetchOne(db, key: id) }

  func allTeams() throws -> [Team] { try Team.order(sql: "nameKey").fetchAll(db) }

  func memberships(teamId: Int64) throws -> [Membership] {
    try Membership.filter(sql: "teamId = ?", arguments: [teamId])
      .order(sql: "joined, id").fetchAll(db)
  }

  func allMemberships() throws -> [Membership] {
    try Membership.order(sql: "id").fetchAll(db)
  }

  func memberships(memberId: Int64) throws -> [Membership] {
    try Membership.filter(sql: "memberId = ?", arguments: [memberId])
      .order(sql: "joined, id").fetchAll(db)
  }

  func route(name: String) throws -> Route? {
    try RouteRecord.fetch(db, whereSQL: "nameKey = ?", arguments: [NameKey.of(name)]).first
  }

  func route(id: Int64) throws -> Route? {
    try RouteRecord.fetch(db, whereSQL: "id = ?", arguments: [id]).first
  }

  func allRoutes() throws -> [Route] {
    try RouteRecord.fetch(db, whereSQL: "1", arguments: [])
  }

  func goal(name: String) throws -> Goal? {
    try GoalRecord.fetch(db, whereSQL: "nameKey = ?", arguments: [NameKey.of(name)]).first
  }

  func goal(id: Int64) throws -> Goal? {
    try GoalRecord.fetch(db, whereSQL: "id = ?", arguments: [id]).first
  }

  func allGoals() throws -> [Goal] { try GoalRecord.fetch(db, whereSQL: "1", arguments: []) }

  func goals(teamIds: [Int64]) throws -> [Goal] {
    if teamIds.isEmpty { return [] }
    let marks = teamIds.map { _ in "?" }.joined(separator: ",")
    return try GoalRecord.fetch(
      db, whereSQL: "id IN (SELECT goalId FROM goalTeam WHERE teamId IN (\(marks)))",
      arguments: StatementArguments(teamIds))
  }

  func walk(id: Int64) throws -> Walk? {
    try Walk.fetchOne(db, sql: "SELECT \(Walk.selection) FROM walk WHERE id = ?", arguments: [id])
  }

  func walk(source: WalkSource, externalId: String) throws -> Walk? {
    // A cached statement: imports ask this once per row.
    let statement = try db.cachedStatement(
      sql: "SELECT \(Walk.selection) FROM walk WHERE source = ? AND externalId = ?")
    return try Walk.fetchOne(statement, arguments: [source, externalId])
  }

  func insertWalks(_ produce: (_ insert: (Walk) throws -> Void) throws -> Void) throws -> Int {
    var bulk = try BulkWalkInsert(db)
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
    let cursor = try Walk.fetchCursor(
      db, sql: "SELECT \(Walk.selection) FROM walk WHERE \(whereSQL) ORDER BY date, id",
      arguments: arguments)
    while let walk = try cursor.next() { try body(walk) }
  }

  func forEachWalkAmount(_ filter: WalkFilter, _ body: (WalkAmount) throws -> Void) throws {
    var live = filter
    live.includeDeleted = false
    guard let (whereSQL, arguments) = Self.conditions(live) else { return }
    let rows = try Row.fetchCursor(
      db, sql: "SELECT memberId, date, distanceMetres FROM walk WHERE \(whereSQL)",
      arguments: arguments)
    while let row = try rows.next() {
      try body(WalkAmount(memberId: row[0], date: row[1], distanceMetres: row[2]))
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
      sql: "SELECT name, atMetres, pointIndex FROM routeMilestone WHERE routeId = ? ORDER BY pointIndex",
      arguments: [routeId])
    if rows.isEmpty { return nil }
    return rows.map { Milestone(name: $0[0], atMetres: $0[1], pointIndex: $0[2]) }
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

  func insert(_ member: Member) throws -> Member {
    var stored = member
    try stored.insert(db)
    return stored
  }

  func update(_ member: Member) throws { try member.update(db) }

  func insert(_ team: Team) throws -> Team {
    var stored = team
    try stored.insert(db)
    return stored
  }

  func update(_ team: Team) throws { try team.update(db) }

  func insert(_ membership: Membership) throws -> Membership {
    var stored = membership
    try stored.insert(db)
    return stored
  }

  func update(_ membership: Membership) throws { try membership.update(db) }

  func insert(_ route: Route) throws -> Route { try RouteRecord.insert(route, db) }

  func insert(_ goal: Goal) throws -> Goal {
    var fresh = goal
    fresh.id = nil
    return try GoalRecord.write(fresh, db)
  }

  func update(_ goal: Goal) throws { _ = try GoalRecord.write(goal, db) }

  func insert(_ walk: Walk) throws -> Walk {
    var stored = walk
    try stored.insert(db)
    return stored
  }

  func insertIfAbsent(_ walk: Walk) throws -> Walk? {
    guard let externalId = walk.externalId else { return try insert(walk) }
    if try self.walk(source: walk.source, externalId: externalId) != nil { return nil }
    return try insert(walk)
  }

  func update(_ walk: Walk) throws { try walk.update(db) }
}
