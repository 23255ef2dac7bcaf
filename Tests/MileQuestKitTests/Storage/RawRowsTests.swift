import GRDB
import GRDBSQLite
import Testing

@testable import MileQuestSQLite

/// Reading a `SELECT`'s rows in place (`RawRows`).
@Suite("Raw rows")
struct RawRowsTests {
  static func database() throws -> DatabaseQueue {
    let db = try DatabaseQueue()
    try db.write { db in
      try db.execute(
        sql: """
          CREATE TABLE t(id INTEGER PRIMARY KEY, doc TEXT);
          INSERT INTO t(id, doc) VALUES (1, '[1]'), (2, '[2]'), (3, 'not json'), (4, '[4]');
          """)
    }
    return db
  }

  @Test("every row, with its arguments bound, then no more")
  func everyRow() throws {
    let ids = try Self.database().read { db -> [Int64] in
      let statement = try db.makeStatement(sql: "SELECT id FROM t WHERE id <> ? ORDER BY id")
      let rows = try RawRows(statement, arguments: [3])
      var ids: [Int64] = []
      while try rows.step() { ids.append(sqlite3_column_int64(rows.columns, 0)) }
      #expect(try rows.step() == false)
      return ids
    }
    #expect(ids == [1, 2, 4])
  }

  @Test("a statement left mid-way is reset and reads from the start again")
  func leftMidway() throws {
    try Self.database().read { db in
      let statement = try db.cachedStatement(sql: "SELECT id FROM t ORDER BY id")
      do {
        let rows = try RawRows(statement, arguments: [])
        #expect(try rows.step())
        #expect(sqlite3_column_int64(rows.columns, 0) == 1)
      }
      #expect(sqlite3_stmt_busy(statement.sqliteStatement) == 0)
      let rows = try RawRows(statement, arguments: [])
      var count = 0
      while try rows.step() { count += 1 }
      #expect(count == 4)
    }
  }

  @Test("an error after the first row is thrown as SQLite's, with the statement's SQL")
  func errorMidway() throws {
    try Self.database().read { db in
      let sql = "SELECT json_extract(doc, '$[0]') FROM t ORDER BY id"
      let rows = try RawRows(db.makeStatement(sql: sql), arguments: [])
      var read = 0
      let error = #expect(throws: DatabaseError.self) {
        while try rows.step() { read += 1 }
      }
      #expect(read == 2)
      #expect(error?.sql == sql)
      #expect(error?.message?.contains("JSON") == true)
    }
  }

  @Test("arguments that do not fit the statement are refused before it runs")
  func badArguments() throws {
    try Self.database().read { db in
      let statement = try db.makeStatement(sql: "SELECT id FROM t WHERE id = ?")
      #expect(throws: DatabaseError.self) { try RawRows(statement, arguments: []) }
    }
  }
}
