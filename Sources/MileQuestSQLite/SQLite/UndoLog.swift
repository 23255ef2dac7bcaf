import GRDB
import MileQuestCore
import MileQuestStore

/// Records, for every change made through the Kit, the SQL that reverts it.
///
/// This is the technique of sqlite.org's "Automatic Undo/Redo Using SQLite": triggers write the
/// inverse of each INSERT, UPDATE and DELETE into `undoLog`. The triggers are TEMP, created on
/// the writing connection only (see `WriteTriggers`), so changes made by other tools (the
/// `sqlite3` shell) are not recorded, and they are built from the live schema, so later
/// migrations need no trigger edits.
enum UndoLog {
  /// The tables whose changes can be undone.
  static let tables = [
    "member", "team", "membership", "route", "routePoint", "goal", "goalTeam", "walk",
    "goalFinal", "goalFinalMembership", "goalFinalWalk",
  ]
  /// How many changes are kept for `undo`.
  static let depth = 50

  /// Creates the trigger that records `change`s of `table` on this connection (nothing for a
  /// table whose changes are not undone).
  static func installTrigger(table: String, _ change: TableChange, _ db: Database) throws {
    guard tables.contains(table) else { return }
    let log = "INSERT INTO undoLog(changeId, statement) VALUES ((SELECT max(id) FROM change), "
    let name = "undo_\(table)_\(change.rawValue)"
    if change == .insert {
      // Needs no column names: cheap, and the only trigger `log` creates here.
      try db.execute(
        sql: """
          CREATE TEMP TRIGGER IF NOT EXISTS \(name) AFTER INSERT ON main.\(table)
          BEGIN \(log)'DELETE FROM \(table) WHERE rowid='||new.rowid); END;
          """)
      return
    }
    let columns = try db.columns(in: table).map(\.name)
    let quoted = columns.map { "\"\($0)\"" }
    switch change {
    case .insert:
      break
    case .update:
      let assignments = zip(columns, quoted)
        .map { "\($1)='||quote(old.\($1))||'" }
        .joined(separator: ",")
      try db.execute(
        sql: """
          CREATE TEMP TRIGGER IF NOT EXISTS \(name) AFTER UPDATE ON main.\(table)
          BEGIN \(log)'UPDATE \(table) SET \(assignments) WHERE rowid='||old.rowid); END;
          """)
    case .delete:
      let values = quoted.map { "'||quote(old.\($0))||'" }.joined(separator: ",")
      try db.execute(
        sql: """
          CREATE TEMP TRIGGER IF NOT EXISTS \(name) AFTER DELETE ON main.\(table)
          BEGIN \(log)'INSERT INTO \(table)(rowid,\(quoted.joined(separator: ","))) VALUES('
            ||old.rowid||',\(values))'); END;
          """)
    }
  }

  /// Opens a change: the triggers attach what follows to it.
  static func begin(_ db: Database, description: String, madeAt: String) throws {
    try db.execute(
      sql: "INSERT INTO change(description, madeAt) VALUES (?, ?)",
      arguments: [description, madeAt])
  }

  /// Closes the change `begin` opened: one that recorded nothing (a write that changed no
  /// row) is dropped, so `undo` never spends itself on a step that does nothing; otherwise
  /// the changes beyond `depth` go.
  static func end(_ db: Database) throws {
    let recorded =
      try Bool.fetchOne(
        db,
        sql: """
          SELECT EXISTS (SELECT 1 FROM undoLog WHERE changeId = (SELECT max(id) FROM change))
          """) ?? false
    if !recorded {
      try db.execute(sql: "DELETE FROM change WHERE id = (SELECT max(id) FROM change)")
      return
    }
    try db.execute(
      sql: "DELETE FROM change WHERE id <= (SELECT max(id) FROM change) - ?",
      arguments: [depth])
  }

  /// Reverts the newest change in this transaction; returns its description.
  static func undoLast(_ db: Database) throws -> String? {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT id, description FROM change ORDER BY id DESC LIMIT 1")
    else { return nil }
    let stored = StoredRow(row, table: "change")
    let changeId: Int64 = try stored.required(0, "id")
    let description: String = try stored.required(1, "description")
    let statements = try String.fetchAll(
      db, sql: "SELECT statement FROM undoLog WHERE changeId = ? ORDER BY seq DESC",
      arguments: [changeId])
    try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    for statement in statements {
      try db.execute(sql: statement)
    }
    // The inverse statements may fire recording triggers too; their log rows belong to this
    // change (the newest), so deleting the change removes them with it.
    try db.execute(sql: "DELETE FROM change WHERE id = ?", arguments: [changeId])
    return description
  }
}
