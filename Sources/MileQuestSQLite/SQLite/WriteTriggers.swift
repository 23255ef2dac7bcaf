import GRDB
import MileQuestCore
import MileQuestStore

/// The TEMP triggers of one writing connection, created table by table and kind of change
/// by kind of change, just before the first such write.
///
/// Undo recording (`UndoLog`) and running totals (`RunningTotals`) are TEMP triggers: other
/// SQLite clients must not run them (they lack milequest's SQL functions, and their changes
/// are not milequest's to undo). In the schema they would also cost every process that opens
/// the file their parse: 24 undo triggers add 1.5–2 ms to each open (measured with Python's
/// sqlite3 on the benchmark schema). Creating all of them costs a writer about as much, so
/// each is created on first use: `log` creates the two of inserting a walk only.
///
/// Triggers created in a transaction that rolls back disappear with it, so a table counts as
/// ready only once a transaction that created its triggers has committed.
final class WriteTriggers: @unchecked Sendable {
  // @unchecked: used only inside the DatabaseQueue's serialised accesses.
  private var ready: Set<String> = []
  private var pending: Set<String> = []

  /// Makes sure this transaction's `change`s of `table` are recorded for undo and kept in
  /// the running totals.
  func prepare(_ table: String, _ change: TableChange, _ db: Database) throws {
    let key = "\(table).\(change.rawValue)"
    guard !ready.contains(key), !pending.contains(key) else { return }
    try UndoLog.installTrigger(table: table, change, db)
    try RunningTotals.installTrigger(table: table, change, db)
    try DayTotals.installTrigger(table: table, change, db)
    pending.insert(key)
  }

  /// Every kind of change of `table`.
  func prepareAll(_ table: String, _ db: Database) throws {
    for change in TableChange.allCases { try prepare(table, change, db) }
  }

  /// Called when a savepoint inside a held transaction rolls back: the triggers created in
  /// it are gone, so none counts as created (creating one again is a no-op where it exists).
  func savepointRolledBack() {
    pending = []
  }

  /// Called when the connection's TEMP objects are gone (a change of `temp_store` drops
  /// them): every trigger is made again before its next use.
  func forgetAll() {
    ready = []
    pending = []
  }

  /// Called when the transaction ends, committed or rolled back.
  func transactionEnded(committed: Bool) {
    if committed { ready.formUnion(pending) }
    pending = []
  }
}

/// What a statement does to a table's rows: each kind has its own triggers.
enum TableChange: String, CaseIterable {
  case insert, update, delete
}
