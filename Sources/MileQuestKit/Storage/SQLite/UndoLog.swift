import GRDB

/// Records, for every change made through the Kit, the SQL that reverts it.
///
/// This is the technique of sqlite.org's "Automatic Undo/Redo Using SQLite": triggers write the
/// inverse of each INSERT, UPDATE and DELETE into `undoLog`. The triggers are part of the
/// schema (so a process pays nothing to set them up), but they record only while the one row
/// of `undoRecording` exists, and that row lives only inside a milequest write transaction
/// (inserted by `begin`, deleted by `end` before the commit; a rollback takes it too). Other
/// connections never see it, so changes made by other tools (the `sqlite3` shell) are not
/// recorded.
///
/// The triggers are generated from the live schema by `createTriggers`: a migration that
/// changes the columns of one of `tables` must call it again.
enum UndoLog {
  /// The tables whose changes can be undone.
  static let tables = [
    "member", "team", "membership", "route", "routePoint", "goal", "goalTeam", "walk",
  ]
  /// How many changes are kept for `undo`.
  static let depth = 50

  /// (Re-)creates the recording triggers from the current columns of `tables`.
  static func createTriggers(_ db: Database) throws {
    for table in tables {
      let columns = try db.columns(in: table).map(\.name)
      let quoted = columns.map { "\"\($0)\"" }
      let assignments = zip(columns, quoted)
        .map { "\($1)='||quote(old.\($1))||'" }
        .joined(separator: ",")
      let values = quoted.map { "'||quote(old.\($0))||'" }.joined(separator: ",")
      let log = "INSERT INTO undoLog(changeId, statement) VALUES ((SELECT max(id) FROM change), "
      let recording = "WHEN EXISTS (SELECT 1 FROM undoRecording)"
      try db.execute(
        sql: """
          DROP TRIGGER IF EXISTS undo_\(table)_insert;
          DROP TRIGGER IF EXISTS undo_\(table)_update;
          DROP TRIGGER IF EXISTS undo_\(table)_delete;
          CREATE TRIGGER undo_\(table)_insert AFTER INSERT ON \(table) \(recording)
          BEGIN \(log)'DELETE FROM \(table) WHERE rowid='||new.rowid); END;
          CREATE TRIGGER undo_\(table)_update AFTER UPDATE ON \(table) \(recording)
          BEGIN \(log)'UPDATE \(table) SET \(assignments) WHERE rowid='||old.rowid); END;
          CREATE TRIGGER undo_\(table)_delete AFTER DELETE ON \(table) \(recording)
          BEGIN \(log)'INSERT INTO \(table)(rowid,\(quoted.joined(separator: ","))) VALUES('
            ||old.rowid||',\(values))'); END;
          """)
    }
  }

  /// Opens a change and starts recording: the triggers attach what follows to it. Old
  /// changes beyond `depth` go.
  static func begin(_ db: Database, description: String, madeAt: String) throws {
    try db.execute(
      sql: "INSERT INTO change(description, madeAt) VALUES (?, ?)",
      arguments: [description, madeAt])
    try db.execute(
      sql: "DELETE FROM change WHERE id <= (SELECT max(id) FROM change) - ?",
      arguments: [depth])
    try resume(db)
  }

  /// Stops recording; called before the change commits.
  static func end(_ db: Database) throws { try suspend(db) }

  /// Pauses recording inside a change (a bulk insert logs one statement of its own instead).
  static func suspend(_ db: Database) throws {
    try db.execute(sql: "DELETE FROM undoRecording")
  }

  /// Records again after `suspend`.
  static func resume(_ db: Database) throws {
    try db.execute(sql: "INSERT OR IGNORE INTO undoRecording(id) VALUES (1)")
  }

  /// Reverts the newest change in this transaction; returns its description.
  static func undoLast(_ db: Database) throws -> String? {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT id, description FROM change ORDER BY id DESC LIMIT 1")
    else { return nil }
    let changeId: Int64 = row["id"]
    let description: String = row["description"]
    let statements = try String.fetchAll(
      db, sql: "SELECT statement FROM undoLog WHERE changeId = ? ORDER BY seq DESC",
      arguments: [changeId])
    try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    for statement in statements {
      try db.execute(sql: statement)
    }
    // Nothing records during an undo; deleting the change removes its log rows with it.
    try db.execute(sql: "DELETE FROM change WHERE id = ?", arguments: [changeId])
    return description
  }
}
