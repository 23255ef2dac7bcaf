import GRDB
import MileQuestCore
import MileQuestStore

/// Inserting many walks at once (imports): one prepared statement, duplicates skipped by the
/// unique (source, externalId) index, and no per-row bookkeeping.
///
/// The per-row undo and running-total triggers are suspended for the duration (they would
/// double the cost of a million-row import): undo gets one statement that deletes the new
/// id range, and the running and day totals take the new walks a batch of `mergeEvery` at a
/// time. Batches keep memory flat: one `GROUP BY` over every new walk at the end built a
/// temporary B-tree as large as the import, in memory (`temp_store = MEMORY`): 69 MB for a
/// million walks, ten times that for ten million. Everything happens inside the caller's
/// transaction, so a failure leaves nothing behind, triggers included.
struct BulkWalkInsert {
  /// New walks are added to the running and day totals this many at a time. The temporary
  /// B-trees of one merge hold one batch, and so does its statement journal, in memory
  /// (`temp_store = MEMORY`): a copy of every page the merge changes, which at issue 16's
  /// 10M walks with batches of 50,000 took the import's peak from 47 to 80 MB.
  static let mergeEvery = 4_096

  private let db: Database
  private let statement: Statement
  private let firstId: Int64
  private let mergeEvery: Int
  /// The last new rowid already in the totals (`firstId - 1` before the first merge).
  private var mergedThrough: Int64
  /// Walks added so far.
  private(set) var added = 0
  /// The members of the walks added, whose teams' totals `finish` computes again once
  /// (per batch, the recomputation read each touched team's memberships again: +15 % CPU).
  private var members: Set<Int64> = []

  /// Suspends the per-row triggers and prepares the statement.
  init(_ db: Database, mergeEvery: Int = BulkWalkInsert.mergeEvery) throws {
    self.db = db
    self.mergeEvery = max(1, mergeEvery)
    try db.execute(
      sql: """
        DROP TRIGGER IF EXISTS temp.undo_walk_insert;
        DROP TRIGGER IF EXISTS temp.total_walk_insert;
        DROP TRIGGER IF EXISTS temp.day_walk_insert;
        """)
    firstId = (try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM walk") ?? 0) + 1
    mergedThrough = firstId - 1
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
      members.insert(walk.memberId)
      if added % mergeEvery == 0 { try mergeTotals() }
      return .added
    }
    // Ignored (rare outside re-imports): was the walk there before, or added by this run?
    let existing = try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT rowid FROM walk WHERE source = ? AND externalId = ?"),
      arguments: [walk.source, walk.externalId])
    return (existing ?? 0) >= firstId ? .addedEarlier : .existed
  }

  /// Adds the walks added since the last merge to the running and day totals.
  private mutating func mergeTotals() throws {
    let lastId = firstId + Int64(added) - 1
    if lastId <= mergedThrough { return }
    try RunningTotals.add(walks: mergedThrough + 1, through: lastId, db)
    try DayTotals.merge(walks: mergedThrough + 1, through: lastId, db)
    mergedThrough = lastId
  }

  /// Records the undo statement, brings the running totals up to date and restores the
  /// triggers.
  mutating func finish() throws {
    if added > 0 {
      let lastId = firstId + Int64(added) - 1
      // New rows took consecutive ids (one writer, plain INSERT): one statement undoes them,
      // and its DELETE fires the running-total triggers, which subtract them again.
      try db.execute(
        sql: """
          INSERT INTO undoLog(changeId, statement)
          VALUES ((SELECT max(id) FROM change), 'DELETE FROM walk WHERE rowid BETWEEN ' || ? || ' AND ' || ?)
          """, arguments: [firstId, lastId])
      try mergeTotals()
      try TeamTotals.recompute(members: members.sorted(), db)
    }
    try UndoLog.installTrigger(table: "walk", .insert, db)
    try RunningTotals.installTrigger(table: "walk", .insert, db)
    try DayTotals.installTrigger(table: "walk", .insert, db)
  }
}
