import GRDB
import MileQuestCore
import MileQuestStore

/// `check`'s second half: every stored row read as the commands read it (`StoredRow`) and
/// held to the rules of its entrance (`RecordRules`), each problem listed, not only the first.
enum RecordCheck {
  /// The problems of every row, as "walk 12: reason", in table and id order.
  static func problems(_ db: Database, today: LocalDate) throws -> [String] {
    var problems: [String] = []
    /// Runs `body`; a bad-data or rule error becomes a problem of `row`.
    func note(_ row: @autoclosure () -> String, _ body: () throws -> Void) {
      do {
        try body()
      } catch let error as MileQuestError {
        let label = row()
        var text = reason(error)
        if text.hasPrefix(label + " has a ") { text.removeFirst((label + " has a ").count) }
        problems.append("\(label): " + text)
      } catch {
        problems.append("\(row()): \(error)")
      }
    }
    func id(_ row: Row) -> String { (row[0] as DatabaseValue).description }

    let members = try Row.fetchCursor(db, sql: "SELECT * FROM member ORDER BY id")
    while let row = try members.next() {
      note("member \(id(row))") { try RecordRules.member(try Member(row: row)) }
    }
    var teams: [Team] = []
    let teamRows = try Row.fetchCursor(db, sql: "SELECT * FROM team ORDER BY id")
    while let row = try teamRows.next() {
      note("team \(id(row))") {
        let team = try Team(row: row)
        try RecordRules.team(team)
        teams.append(team)
      }
    }
    var memberships: [Int64: [Membership]] = [:]
    let membershipRows = try Row.fetchCursor(db, sql: "SELECT * FROM membership ORDER BY id")
    while let row = try membershipRows.next() {
      note("membership \(id(row))") {
        let membership = try Membership(row: row)
        try RecordRules.membership(membership)
        memberships[membership.teamId, default: []].append(membership)
      }
    }
    for team in teams {
      for problem in RecordRules.teamProblems(
        team, memberships: memberships[team.id ?? -1] ?? [], today: today)
      {
        problems.append("team \(team.id ?? -1): \(problem)")
      }
    }
    // Route points one by one (a bad point stops the reading of its route), then each route
    // whose points all read.
    var badRoutes = Set<Int64>()
    let points = try Row.fetchCursor(
      db,
      sql: """
        SELECT latitude, longitude, label, position, routeId FROM routePoint
        ORDER BY routeId, position
        """)
    while let row = try points.next() {
      let routeId = (row[4] as DatabaseValue).description
      note("route \(routeId) point \((row[3] as DatabaseValue).description)") {
        let stored = StoredRow(row, table: "route point", keyColumn: 3)
        do {
          _ = try stored.number(0, "latitude", "must be in [-90, 90]") { (-90...90).contains($0) }
          _ = try stored.number(1, "longitude", "must be in [-180, 180]") {
            (-180...180).contains($0)
          }
          let _: String? = try stored.optional(2, "label")
        } catch {
          if let routeId = row[4] as Int64? { badRoutes.insert(routeId) }
          throw error
        }
      }
    }
    let routeIds = try Row.fetchCursor(db, sql: "SELECT id FROM route ORDER BY id")
    while let row = try routeIds.next() {
      guard let routeId = Int64.fromDatabaseValue(row[0]), !badRoutes.contains(routeId) else {
        continue
      }
      note("route \(routeId)") {
        for route in try RouteRecord.fetch(db, whereSQL: "id = ?", arguments: [routeId]) {
          try RecordRules.route(route)
        }
      }
    }
    let goals = try Row.fetchCursor(db, sql: "SELECT * FROM goal ORDER BY id")
    while let row = try goals.next() {
      note("goal \(id(row))") { try RecordRules.goal(try GoalRecord.read(row, db)) }
    }
    let walks = try Row.fetchCursor(
      db, sql: "SELECT \(Walk.selection) FROM walk ORDER BY id")
    while let row = try walks.next() {
      note("walk \(id(row))") { try RecordRules.walk(try Walk(row: row), today: today) }
    }
    return problems
  }

  /// An error's reason without the command-line hint that follows a stored row's problem.
  private static func reason(_ error: MileQuestError) -> String {
    var text = error.description
    if text.hasSuffix(StoredRow.hint) { text.removeLast(StoredRow.hint.count) }
    if text.hasPrefix("stored ") { text.removeFirst("stored ".count) }
    return text
  }
}
