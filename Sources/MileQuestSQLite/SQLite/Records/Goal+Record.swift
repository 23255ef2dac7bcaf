import GRDB
import GRDBSQLite
import MileQuestCore
import MileQuestStore

/// Goals live in `goal` plus `goalTeam` (the teams pursuing it, in order).
enum GoalRecord {
  static func write(_ goal: Goal, _ db: Database) throws -> Goal {
    let arguments: StatementArguments = [
      NameText.normalized(goal.name), NameKey.of(goal.name), goal.routeId, goal.targetMetres,
      goal.mode, goal.start, goal.end, goal.dailyCapMetres, goal.state, goal.graceDays,
      goal.activities.storedActivities, goal.activities.storedConversions,
    ]
    var stored = goal
    if let id = goal.id {
      try db.execute(
        sql: """
          UPDATE goal SET name = ?, nameKey = ?, routeId = ?, targetMetres = ?, mode = ?,
            start = ?, "end" = ?, dailyCapMetres = ?, state = ?, graceDays = ?,
            activities = ?, conversions = ? WHERE id = ?
          """, arguments: arguments + [id])
      try db.execute(sql: "DELETE FROM goalTeam WHERE goalId = ?", arguments: [id])
    } else {
      try db.execute(
        sql: """
          INSERT INTO goal(name, nameKey, routeId, targetMetres, mode, start, "end",
            dailyCapMetres, state, graceDays, activities, conversions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """, arguments: arguments)
      stored.id = db.lastInsertedRowID
    }
    for (position, teamId) in goal.teamIds.enumerated() {
      try db.execute(
        sql: "INSERT INTO goalTeam(goalId, teamId, position) VALUES (?, ?, ?)",
        arguments: [stored.id, teamId, position])
    }
    return stored
  }

  static func fetch(
    _ db: Database, whereSQL: String, arguments: StatementArguments, skipped: SkippedRows? = nil
  ) throws
    -> [Goal]
  {
    let rows = try Row.fetchAll(
      db, sql: "SELECT * FROM goal WHERE \(whereSQL) ORDER BY start, nameKey",
      arguments: arguments)
    let teams = rows.count > 8 ? try teamIds(db, whereSQL: whereSQL, arguments: arguments) : nil
    return try rows.compactMap { row in
      guard let skipped else { return try read(row, db, teams: teams) }
      return try skipped.salvage { try read(row, db, teams: teams) }
    }
  }

  /// The teams of the goals `whereSQL` selects, in order, by goal id, read in one statement
  /// rather than one per goal (`goal list`: a thousand goals); nil when a stored id is not
  /// an integer (each goal's own read then names it).
  private static func teamIds(
    _ db: Database, whereSQL: String, arguments: StatementArguments
  ) throws -> [Int64: [Int64]]? {
    let statement = try db.makeStatement(
      sql: """
        SELECT goalId, teamId FROM goalTeam
        WHERE goalId IN (SELECT id FROM goal WHERE \(whereSQL)) ORDER BY goalId, position
        """)
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    let raw = statement.sqliteStatement
    var teams: [Int64: [Int64]] = [:]
    while try rows.next() != nil {
      guard sqlite3_column_type(raw, 0) == SQLITE_INTEGER,
        sqlite3_column_type(raw, 1) == SQLITE_INTEGER
      else { return nil }
      teams[sqlite3_column_int64(raw, 0), default: []].append(sqlite3_column_int64(raw, 1))
    }
    return teams
  }

  /// One `SELECT *` row of `goal` (id, name, nameKey, routeId, targetMetres, mode, start, end,
  /// dailyCapMetres, state, graceDays, activities, conversions) with its teams; a value that
  /// does not fit throws
  /// `.badData`.
  static func read(_ row: Row, _ db: Database, teams: [Int64: [Int64]]? = nil) throws -> Goal {
    let stored = StoredRow(row, table: "goal")
    let id: Int64 = try stored.required(0, "id")
    let teamIds =
      try teams.map { $0[id] ?? [] }
      ?? Int64.fetchAll(
        db.cachedStatement(
          sql: "SELECT teamId FROM goalTeam WHERE goalId = ? ORDER BY position"),
        arguments: [id])
    return Goal(
      id: id, name: try stored.required(1, "name"), routeId: try stored.optional(3, "routeId"),
      targetMetres: try stored.number(4, "targetMetres", "must be more than 0") { $0 > 0 },
      mode: try stored.required(5, "mode"), start: try stored.required(6, "start"),
      end: try stored.optional(7, "end"),
      dailyCapMetres: try stored.optionalNumber(8, "dailyCapMetres", "must be more than 0") {
        $0 > 0
      },
      graceDays: Int(
        try stored.number(10, "graceDays", "must be a whole number of days from 0 to 366") {
          (0...366).contains($0) && $0 == $0.rounded()
        }),
      state: try stored.required(9, "state"), teamIds: teamIds,
      activities: try activities(stored, id))
  }

  /// Columns 11 and 12: the goal's `ActivityCounting` in its stored form.
  private static func activities(_ stored: StoredRow, _ id: Int64) throws -> ActivityCounting {
    let full: String = try stored.required(11, "activities")
    let conversions: String = try stored.required(12, "conversions")
    guard
      let counting = ActivityCounting(storedActivities: full, storedConversions: conversions)
    else {
      throw MileQuestError.badData(
        "table goal, goal \(id): activities '\(full)' and conversions '\(conversions)' are "
          + "not a list of activities and KIND=FACTOR pairs")
    }
    return counting
  }
}
