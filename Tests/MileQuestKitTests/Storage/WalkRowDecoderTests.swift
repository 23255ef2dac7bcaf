import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@_spi(Testing) @testable import MileQuestKit
@_spi(Testing) @testable import MileQuestSQLite

/// The fast walk reader (`WalkRowDecoder`) gives exactly the walk `Walk(row:)` gives, or
/// leaves the row to it: for every stored form, ordinary or odd.
@Suite struct WalkRowDecoderTests {
  static let stored: [(column: String, value: RawStoredValue)] = [
    ("note", .text("plain")), ("note", .text("Zoë, \"quoted\", 🚶\nline two")),
    ("note", .text("before\u{0}after")), ("note", .null), ("note", .blob([0x61])),
    ("note", .integer(5)), ("externalId", .text("fp:abc")), ("externalId", .null),
    ("durationSeconds", .real(0)), ("durationSeconds", .integer(3600)),
    ("durationSeconds", .real(1.5)), ("durationSeconds", .real(-1)),
    ("durationSeconds", .real(.nan)), ("durationSeconds", .text("60")),
    ("steps", .integer(0)), ("steps", .integer(-3)), ("steps", .real(4000)),
    ("steps", .real(2.5)), ("steps", .text("7")), ("distanceMetres", .integer(5000)),
    ("distanceMetres", .real(0.1)), ("distanceMetres", .real(1_609_344)),
    ("distanceMetres", .real(1_609_345)), ("distanceMetres", .real(-5)),
    ("distanceMetres", .real(.infinity)), ("distanceMetres", .text("5000")),
    ("date", .text("2026-03-10")), ("date", .text("2026-02-30")), ("date", .text("2026-3-10")),
    ("date", .text("0001-01-01")), ("date", .integer(20_260_310)), ("source", .text("gpx")),
    ("source", .text("import")), ("source", .text("strava")), ("source", .text("gpx\u{0}x")),
    ("isDeleted", .integer(1)), ("isDeleted", .integer(2)), ("isDeleted", .real(1)),
    ("isDeleted", .text("no")), ("id", .real(1)), ("memberId", .text("1")),
    ("activity", .text("run")), ("activity", .text("swim")), ("activity", .text("skate")),
    ("activity", .text("Walk")), ("activity", .null), ("activity", .integer(1)),
  ]

  @Test(arguments: 0..<stored.count)
  func sameWalkAsTheCheckedReader(_ index: Int) throws {
    let (column, value) = Self.stored[index]
    let world = try StoredRowTests.world()
    defer { world.cleanup() }
    _ = try SQLiteStore.overwrite(
      databaseAt: world.path, table: "walk", column: column, rowid: 1, with: value)
    let queue = try DatabaseQueue(path: world.path)
    defer { try? queue.close() }
    try queue.read { db in
      let statement = try db.makeStatement(
        sql: "SELECT \(Walk.selection) FROM walk ORDER BY rowid LIMIT 1")
      let rows = try Row.fetchCursor(statement)
      let row = try #require(try rows.next())
      let checked = Result { try Walk(row: row) }
      guard let fast = WalkRowDecoder.walk(statement.sqliteStatement) else {
        // Left to the checked reader: fine whatever it decides.
        return
      }
      #expect(try checked.get() == fast, "\(column) = \(value)")
    }
  }

  @Test("the ordinary stored forms are read by the fast reader")
  func ordinaryRowsTakeTheFastPath() throws {
    let world = try StoredRowTests.world()
    defer { world.cleanup() }
    let queue = try DatabaseQueue(path: world.path)
    defer { try? queue.close() }
    try queue.read { db in
      let statement = try db.makeStatement(sql: "SELECT \(Walk.selection) FROM walk")
      let rows = try Row.fetchCursor(statement)
      var count = 0
      while let row = try rows.next() {
        let fast = try #require(WalkRowDecoder.walk(statement.sqliteStatement))
        #expect(fast == (try Walk(row: row)))
        count += 1
      }
      #expect(count == 2)
    }
  }
}
