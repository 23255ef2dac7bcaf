import GRDB
import Testing

@testable import MileQuestSQLite

/// Row ids passed to SQL as one JSON array (`IdList`).
@Suite("Id lists")
struct IdListTests {
  static let ids: [Int64] = [1, -5, 0, 10, 99, 100, 1_234_567, .max, .min]

  @Test("the argument is the ids as a JSON array, written out by hand")
  func text() {
    #expect(IdList.argument([Int64]()) == "[]")
    #expect(IdList.argument([Int64(42)]) == "[42]")
    #expect(
      IdList.argument(Self.ids)
        == "[1,-5,0,10,99,100,1234567,9223372036854775807,-9223372036854775808]")
  }

  @Test("SQLite reads back every id, in order")
  func readBack() throws {
    let db = try DatabaseQueue()
    let read = try db.read { db in
      try Int64.fetchAll(
        db, sql: "SELECT value FROM json_each(?) ORDER BY key",
        arguments: [IdList.argument(Self.ids)])
    }
    #expect(read == Self.ids)
    let matched = try db.read { db in
      try Int64.fetchAll(
        db,
        sql: "SELECT id FROM (SELECT 10 AS id UNION ALL SELECT 11 UNION ALL SELECT -5) "
          + "WHERE \(IdList.contains("id")) ORDER BY id",
        arguments: [IdList.argument(Self.ids)])
    }
    #expect(matched == [-5, 10])
  }
}
