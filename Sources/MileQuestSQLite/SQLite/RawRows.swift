import GRDB
import GRDBSQLite

/// The rows of a `SELECT` read in place, straight from the raw SQLite statement.
///
/// GRDB's cursors hand out an element at every step through a closure that retains the
/// cursor, and its `forEach` takes a closure whose captured variables Swift then checks for
/// exclusive access at every use: for the hundred thousand walks `goal list` adds up, either
/// cost more than reading the columns. Here the first step is GRDB's (`next()`: its checks
/// before a statement runs, such as an aborted transaction or a cancelled access), and the
/// others are `sqlite3_step` itself. Only for reads: a statement that writes needs GRDB's
/// bookkeeping after it runs too.
final class RawRows: DatabaseCursor {
  typealias Element = SQLiteStatement
  let _statement: Statement
  var _isDone = false
  /// Whether GRDB made the first step.
  private var started = false

  /// Binds `arguments` (checked against the statement's parameters) and resets it.
  init(_ statement: Statement, arguments: StatementArguments) throws {
    _statement = statement
    try statement.setArguments(arguments)
  }

  deinit {
    // As GRDB's cursors do: a statement left mid-way would keep its read open.
    sqlite3_reset(_statement.sqliteStatement)
  }

  func _element(sqliteStatement: SQLiteStatement) -> SQLiteStatement { sqliteStatement }

  /// The statement, whose columns (`sqlite3_column_*`) are the current row's after a `step()`
  /// that returned true.
  var columns: SQLiteStatement { _statement.sqliteStatement }

  /// Moves to the next row: true at a row, false after the last one.
  func step() throws -> Bool {
    if _isDone { return false }
    if !started {
      started = true
      return try next() != nil
    }
    let code = sqlite3_step(_statement.sqliteStatement)
    if code == SQLITE_ROW { return true }
    _isDone = true
    if code == SQLITE_DONE { return false }
    throw DatabaseError(
      resultCode: ResultCode(rawValue: code),
      message: String(cString: sqlite3_errmsg(sqlite3_db_handle(_statement.sqliteStatement))),
      sql: _statement.sql, arguments: _statement.arguments)
  }
}
