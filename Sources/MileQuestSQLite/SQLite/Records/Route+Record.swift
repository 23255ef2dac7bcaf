import GRDB
import GRDBSQLite
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
    let statement = try db.makeStatement(
      sql: """
        SELECT latitude, longitude, label, position FROM routePoint
        WHERE routeId = ? ORDER BY position
        """)
    // Straight from the statement, row by row in place, when every point is well-formed
    // (`goal list` reads a 50,000-point route, and GRDB's rows and generic conversions were
    // most of it); else read again below, which names the problem.
    var points: [RoutePoint] = []
    let rows = try RawRows(statement, arguments: [id])
    while try rows.step() {
      guard let point = plainPoint(rows.columns) else {
        points = try checkedPoints(statement, routeId: id)
        break
      }
      points.append(point)
    }
    return Route(id: id, name: try route.required(1, "name"), points: points)
  }

  /// The points of route `routeId` from `statement` (its `SELECT`), each column checked.
  private static func checkedPoints(_ statement: Statement, routeId id: Int64) throws
    -> [RoutePoint]
  {
    let pointPrefix = "of route \(id) at position "
    var points: [RoutePoint] = []
    let cursor = try Row.fetchCursor(statement, arguments: [id])
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
    return points
  }

  /// The point in the current row of `statement` (`latitude, longitude, label`) when every
  /// column is the plain stored form of a valid value, as `read` would accept it; else nil.
  private static func plainPoint(_ statement: SQLiteStatement) -> RoutePoint? {
    guard sqlite3_column_type(statement, 0) == SQLITE_FLOAT,
      sqlite3_column_type(statement, 1) == SQLITE_FLOAT
    else { return nil }
    let latitude = sqlite3_column_double(statement, 0)
    let longitude = sqlite3_column_double(statement, 1)
    guard (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
    let label: String?
    switch sqlite3_column_type(statement, 2) {
    case SQLITE_NULL: label = nil
    case SQLITE_TEXT:
      guard let text = sqlite3_column_text(statement, 2) else { return nil }
      label = String(cString: text)
    default: return nil
    }
    return RoutePoint(
      coordinate: Coordinate(latitude: latitude, longitude: longitude), label: label)
  }
}
