import GRDB
import MileQuestCore
import MileQuestStore

/// Inserting many walks at once (imports): one prepared statement, duplicates skipped by the
/// unique (source, externalId) index, and no per-row bookkeeping.
///
/// The per-row undo and running-total triggers are suspended for the duration (they would
/// double the cost of a million-row import): undo gets one statement that deletes the new
/// id range, and the running totals of the members concerned are recomputed once at the end.
/// Everything happens inside the caller's transaction, so a failure leaves nothing behind,
/// triggers included.
struct BulkWalkInsert {
  private let db: Database
  private let statement: Statement
  private let firstId: Int64
  /// Walks added so far.
  private(set) var added = 0

  /// Suspends the per-row triggers and prepares the statement.
  init(_ db: Database) throws {
    self.db = db
    try db.execute(
      sql: """
        DROP TRIGGER IF EXISTS temp.undo_walk_insert;
        DROP TRIGGER IF EXISTS temp.total_walk_insert;
        DROP TRIGGER IF EXISTS temp.day_walk_insert;
        """)
    firstId = (try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM walk") ?? 0) + 1
    statement = try db.makeStatement(
      sql: """
        INSERT OR IGNORE INTO walk(memberId, date, distanceMetres, durationSeconds, steps,
          note, source, externalId, isDeleted, activity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
        """)
  }

  /// Inserts one walk unless its source and external id exist already, and says which.
  mutating func insert(_ walk: Walk) throws -> BulkInsertOutcome {
    try RecordRules.date(walk.date, what: "date")
    if let note = walk.note { try NameText.requireStorable(note, what: "note") }
    statement.setUncheckedArguments([
      walk.memberId, walk.date, walk.distanceMetres, walk.durationSeconds, walk.steps,
      walk.note, walk.source, walk.externalId, walk.activity,
    ])
    try statement.execute()
    if db.changesCount > 0 {
      added += 1
      return .added
    }
    // Ignored (rare outside re-imports): was the walk there before, or added by this run?
    let existing = try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT rowid FROM walk WHERE source = ? AND externalId = ?"),
      arguments: [walk.source, walk.externalId])
    return (existing ?? 0) >= firstId ? .addedEarlier : .existed
  }

  /// Records the undo statement, brings the running totals up to date and restores the
  /// triggers.
  func finish() throws {
    if added > 0 {
      let lastId = firstId + Int64(added) - 1
      // New rows took consecutive ids (one writer, plain INSERT): one statement undoes them,
      // and its DELETE fires the running-total triggers, which subtract them again.
      try db.execute(
        sql: """
          INSERT INTO undoLog(changeId, statement)
          VALUES ((SELECT max(id) FROM change), 'DELETE FROM walk WHERE rowid BETWEEN ' || ? || ' AND ' || ?)
          """, arguments: [firstId, lastId])
      try RunningTotals.recompute(membersOfWalks: firstId, through: lastId, db)
      try DayTotals.merge(walks: firstId, through: lastId, db)
    }
    try UndoLog.installTrigger(table: "walk", .insert, db)
    try RunningTotals.installTrigger(table: "walk", .insert, db)
    try DayTotals.installTrigger(table: "walk", .insert, db)
  }
}
