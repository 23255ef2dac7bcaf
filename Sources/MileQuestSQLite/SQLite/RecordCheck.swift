import GRDB
import MileQuestCore
import MileQuestStore

/// `check`'s second half on SQLite: every stored row read as the commands read it
/// (`StoredRow`, which names a column whose value does not read) and held to the rules of its
/// entrance by `RecordProblems`, the rule pass every back end shares.
enum RecordCheck {
  /// The problems of every row, as "walk 12: reason", in table and id order.
  /// `listener` hears the walks read (the bulk of a big database), every 1,024.
  static func problems(
    _ db: Database, today: LocalDate, listener: (any WorkListener)? = nil
  ) throws -> [String] {
    var problems = RecordProblems(today: today)
    func id(_ row: Row) -> String { (row[0] as DatabaseValue).description }

    let members = try Row.fetchCursor(db, sql: "SELECT * FROM member ORDER BY id")
    while let row = try members.next() {
      problems.member(id(row)) { try Member(row: row) }
    }
    let teamRows = try Row.fetchCursor(db, sql: "SELECT * FROM team ORDER BY id")
    while let row = try teamRows.next() {
      problems.team(id(row)) { try Team(row: row) }
    }
    let membershipRows = try Row.fetchCursor(db, sql: "SELECT * FROM membership ORDER BY id")
    while let row = try membershipRows.next() {
      problems.membership(id(row)) { try Membership(row: row) }
    }
    problems.teamRules()
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
      problems.note("route \(routeId) point \((row[3] as DatabaseValue).description)") {
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
      problems.note("route \(routeId)") {
        for route in try RouteRecord.fetch(db, whereSQL: "id = ?", arguments: [routeId]) {
          try RecordRules.route(route)
        }
      }
    }
    let goals = try Row.fetchCursor(db, sql: "SELECT * FROM goal ORDER BY id")
    while let row = try goals.next() {
      problems.goal(id(row)) { try GoalRecord.read(row, db) }
    }
    let walks = try Row.fetchCursor(
      db, sql: "SELECT \(Walk.selection) FROM walk ORDER BY id")
    if let listener {
      listener.begin(
        "checking walks", unit: .rows,
        total: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM walk"))
    }
    defer { listener?.end() }
    var read = 0
    while let row = try walks.next() {
      problems.walk(id(row)) { try Walk(row: row) }
      if let listener {
        read += 1
        if read & 1023 == 0 { listener.update(done: read) }
      }
    }
    return problems.list
  }
}
