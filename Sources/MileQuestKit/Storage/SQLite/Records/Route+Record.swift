import GRDB

/// Routes live in two tables: `route` (name) and `routePoint` (one row per point, in order).
enum RouteRecord {
  static func insert(_ route: Route, _ db: Database) throws -> Route {
    try db.execute(
      sql: "INSERT INTO route(name, nameKey) VALUES (?, ?)",
      arguments: [NameText.normalized(route.name), NameKey.of(route.name)])
    let id = db.lastInsertedRowID
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO routePoint(routeId, position, latitude, longitude, label)
        VALUES (?, ?, ?, ?, ?)
        """)
    for (position, point) in route.points.enumerated() {
      try statement.execute(arguments: [
        id, position, point.coordinate.latitude, point.coordinate.longitude, point.label,
      ])
    }
    var stored = route
    stored.id = id
    return stored
  }

  static func fetch(_ db: Database, whereSQL: String, arguments: StatementArguments) throws
    -> [Route]
  {
    let rows = try Row.fetchAll(
      db, sql: "SELECT id, name FROM route WHERE \(whereSQL) ORDER BY nameKey",
      arguments: arguments)
    return try rows.map { row in
      let id: Int64 = row["id"]
      // A cursor reads each row in place (no Row copies) and by position: routes can have
      // tens of thousands of points.
      var points: [RoutePoint] = []
      let cursor = try Row.fetchCursor(
        db,
        sql: """
          SELECT latitude, longitude, label FROM routePoint
          WHERE routeId = ? ORDER BY position
          """, arguments: [id])
      while let point = try cursor.next() {
        points.append(
          RoutePoint(
            coordinate: Coordinate(latitude: point[0], longitude: point[1]), label: point[2]))
      }
      return Route(id: id, name: row["name"], points: points)
    }
  }
}
