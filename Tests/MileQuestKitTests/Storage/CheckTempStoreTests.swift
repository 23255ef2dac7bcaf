import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestSQLite
@testable import MileQuestStore

/// `check` sends its sorts to temporary files (`temp_store = FILE`) and back, which drops the
/// connection's TEMP triggers: writes after it must still record undo and keep every total.
@Suite("check and the writes after it")
struct CheckTempStoreTests {
  @Test("a write after check keeps its undo record and every total exact")
  func writesAfterCheck() throws {
    // Given a store whose writes made their TEMP triggers, then a check
    let rollups = RollupsTests()
    let store = try SQLiteStore.inMemory()
    try rollups.populate(store, walks: 40, seed: 4)
    let today = RollupsTests.start.adding(days: 365)
    func totalProblems() throws -> [String] {
      try store.check(today: today).problems.filter { $0.contains("totals") }
    }
    #expect(try totalProblems().isEmpty)
    // When a walk is logged after it
    let walk = try store.write(change: "after check") { db throws in
      try db.insert(
        Walk(memberId: 2, date: RollupsTests.start.adding(days: 100), distanceMetres: 1234.5))
    }
    // Then its totals are kept, and undo takes it back with them
    try rollups.expectDayTotalsExact(store, "after a write that followed check")
    #expect(try totalProblems().isEmpty)
    #expect(try store.undoLastChange() == "after check")
    #expect(try store.read { try $0.walk(id: walk.id!) } == nil)
    try rollups.expectDayTotalsExact(store, "after undoing it")
    #expect(try totalProblems().isEmpty)
  }
}
