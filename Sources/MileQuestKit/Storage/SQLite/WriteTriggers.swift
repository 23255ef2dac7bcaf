import GRDB

/// The TEMP triggers of one writing connection, created table by table just before the
/// first write of each table.
///
/// Undo recording (`UndoLog`) and running totals (`RunningTotals`) are TEMP triggers: other
/// SQLite clients must not run them (they lack milequest's SQL functions, and their changes
/// are not milequest's to undo). In the schema they would also cost every process that opens
/// the file their parse: 24 undo triggers add 1.5–2 ms to each open (measured with Python's
/// sqlite3 on the benchmark schema). Creating all of them costs a writer about as much, so
/// each table's are created on first use: `log` creates those of `walk` only.
///
/// Triggers created in a transaction that rolls back disappear with it, so a table counts as
/// ready only once a transaction that created its triggers has committed.
final class WriteTriggers: @unchecked Sendable {
  // @unchecked: used only inside the DatabaseQueue's serialised accesses.
  private var ready: Set<String> = []
  private var pending: Set<String> = []

  /// Makes sure this transaction's changes to `table` are recorded for undo and kept in the
  /// running totals.
  func prepare(_ table: String, _ db: Database) throws {
    guard !ready.contains(table), !pending.contains(table) else { return }
    try UndoLog.installTriggers(table: table, db)
    try RunningTotals.installTriggers(table: table, db)
    pending.insert(table)
  }

  /// Called when the transaction ends, committed or rolled back.
  func transactionEnded(committed: Bool) {
    if committed { ready.formUnion(pending) }
    pending = []
  }
}
