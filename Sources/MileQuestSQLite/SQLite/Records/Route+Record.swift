import GRDB
import MileQuestCore
import MileQuestStore

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

  static func fetch(
    _ db: Database, whereSQL: String, arguments: StatementArguments, skipped: SkippedRows? = nil
  ) throws
    -> [Route]
  {
    let rows = try Row.fetchAll(
      db, sql: "SELECT id, name FROM route WHERE \(whereSQL) ORDER BY nameKey",
      arguments: arguments)
    return try rows.compactMap { row in
      guard let skipped else { return try read(row, db) }
      return try skipped.salvage { try read(row, db) }
    }
  }

  /// One stored route with its points, read from an `id, name` row.
  private static func read(_ row: Row, _ db: Database) throws -> Route {
    let route = StoredRow(row, table: "route")
    let id: Int64 = try route.required(0, "id")
    let pointPrefix = "of route \(id) at position "
    // A cursor reads each row in place (no Row copies) and by position: routes can have
    // tens of thousands of points.
    var points: [RoutePoint] = []
    let cursor = try Row.fetchCursor(
      db,
      sql: """
        SELECT latitude, longitude, label, position FROM routePoint
        WHERE routeId = ? ORDER BY position
        """, arguments: [id])
    while let point = try cursor.next() {
      let stored = StoredRow(point, table: "route point", keyColumn: 3, keyPrefix: pointPrefix)
      points.append(
        RoutePoint(
          coordinate: Coordinate(
            latitude: try stored.number(0, "latitude", "must be in [-90, 90]") {
              (-90...90).contains($0)
            },
            longitude: try stored.number(1, "longitude", "must be in [-180, 180]") {
              (-180...180).contains($0)
            }),
          label: try stored.optional(2, "label")))
    }
    return Route(id: id, name: try route.required(1, "name"), points: points)
  }
}
