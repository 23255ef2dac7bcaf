import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// The two ways the store runs: a private in-memory database and a real WAL file.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
  case inMemory, walFile

  var testDescription: String { rawValue }

  /// A fresh store of this kind; the directory (for files) is removed by `cleanup`.
  func make() throws -> (store: SQLiteStore, cleanup: () -> Void) {
    switch self {
    case .inMemory:
      return (try SQLiteStore.inMemory(), {})
    case .walFile:
      let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("mq-store-\(UUID().uuidString)")
      let store = try SQLiteStore(path: directory.appendingPathComponent("t.db").path)
      return (store, { try? FileManager.default.removeItem(at: directory) })
    }
  }
}

private func temporaryPath() -> (path: String, directory: URL) {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("mq-store-\(UUID().uuidString)")
  return (directory.appendingPathComponent("sub/t.db").path, directory)
}

@Suite struct SQLiteStoreTests {
  @Test(arguments: StoreKind.allCases)
  func roundTripsEveryRecord(kind: StoreKind) throws {
    // Given a store
    let (store, cleanup) = try kind.make()
    defer { cleanup() }
    let day = LocalDate(year: 2026, month: 11, day: 20)!
    // When every kind of record is written in one change
    let (member, team, route, goal, walk) = try store.write(change: "setup") { db in
      let member = try db.insert(
        Member(handle: "zoë", name: "Zoë Ünal", email: "z@example.org", strideMetres: 0.81))
      let team = try db.insert(Team(name: "Ärzte", description: "docs", maxMembers: 7))
      _ = try db.insert(
        Membership(
          teamId: team.id!, memberId: member.id!, role: .captain, joined: day,
          left: day.adding(days: 3)))
      let route = try db.insert(
        Route(
          name: "Pacific",
          points: [
            RoutePoint(coordinate: Coordinate(latitude: -17, longitude: 179.99), label: "Fiji"),
            RoutePoint(coordinate: Coordinate(latitude: -17, longitude: -179.99)),
          ]))
      let goal = try db.insert(
        Goal(
          name: "Cross", routeId: route.id, targetMetres: 2126.728, mode: .together,
          start: day, end: nil, dailyCapMetres: 5000, teamIds: [team.id!]))
      let walk = try db.insert(
        Walk(
          memberId: member.id!, date: day, distanceMetres: 0.1 + 0.2, durationSeconds: 60,
          steps: 10, note: "première", source: .gpx, externalId: "abc"))
      return (member, team, route, goal, walk)
    }
    // Then they read back equal, names case-insensitively in any script
    let read = try store.read { db in
      (
        member: try db.member(handle: "ZOË"), team: try db.team(name: "ärzte"),
        route: try db.route(name: "PACIFIC"), goal: try db.goal(name: "cross"),
        walk: try db.walk(id: walk.id!), left: try db.memberships(teamId: team.id!).first?.left,
        later: try db.walks(WalkFilter(range: DateRange(from: day.adding(days: 1), to: nil)))
      )
    }
    #expect(read.member == member)
    #expect(read.team == team)
    #expect(read.route == route)
    #expect(read.goal == goal)
    #expect(read.walk == walk)
    #expect(read.walk?.distanceMetres == 0.1 + 0.2)
    #expect(read.left == day.adding(days: 3))
    #expect(read.later.isEmpty)
  }

  @Test func createsAWALFileWithMode0600() throws {
    // Given a path in a directory that does not exist yet
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    // When the store opens it
    let store = try SQLiteStore(path: path)
    _ = try store.write(change: "add") { db in try db.insert(Member(handle: "a", name: "A")) }
    // Then the file is private and in WAL mode
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    try store.close()
    let queue = try DatabaseQueue(path: path)
    #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") } == 1)
  }

  @Test func refusesADatabaseFromANewerVersion() throws {
    // Given a database that a future migration has touched
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    try SQLiteStore(path: path).close()
    let queue = try DatabaseQueue(path: path)
    try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
    try queue.close()
    // When it is opened, then it is refused as a configuration problem (exit 78)
    #expect {
      _ = try SQLiteStore(path: path)
    } throws: { error in
      (error as? MileQuestError)?.exitCode == 78
    }
  }

  @Test func theMigrationCountIsTheMigratorsCount() {
    #expect(Migrations.count == Migrations.migrator.migrations.count)
  }

  @Test func aFileFromBeforeTheSchemaVersionIsStillMigrated() throws {
    // Given a database whose last migration is undone, as a file from the previous release
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    try SQLiteStore(path: path).close()
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      try db.execute(
        sql: """
          DROP TABLE routeMilestone;
          CREATE INDEX walk_member_date ON walk(memberId, date);
          DROP INDEX walk_member_date_amount;
          DELETE FROM grdb_migrations WHERE identifier LIKE 'v3-%';
          """)
    }
    try queue.close()
    // When it is opened, then the missing migration runs
    try SQLiteStore(path: path).close()
    let again = try DatabaseQueue(path: path)
    let tables = try again.read {
      try String.fetchAll(
        $0,
        sql: """
          SELECT name FROM sqlite_master
          WHERE name IN ('routeMilestone', 'walk_member_date_amount')
          """)
    }
    #expect(Set(tables) == ["routeMilestone", "walk_member_date_amount"])
    try again.close()
  }

  @Test func changesByOtherToolsAreNotRecordedForUndo() throws {
    // Given a database with one change recorded
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteStore(path: path)
    _ = try store.write(change: "add a") { db in try db.insert(Member(handle: "a", name: "A")) }
    try store.close()
    // When another SQLite client (no milequest functions, no transaction of ours) writes
    let other = try DatabaseQueue(path: path)
    try other.write { db in
      try db.execute(
        sql: """
          INSERT INTO member(handle, name, strideMetres) VALUES ('b', 'B', 0.75);
          UPDATE member SET name = 'Ay' WHERE handle = 'a';
          """)
    }
    // Then nothing was recorded, and undo still reverts only milequest's change
    #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM undoLog") } == 1)
    try other.close()
    let again = try SQLiteStore(path: path)
    #expect(try again.undoLastChange() == "add a")
    #expect(try again.read { db in try db.allMembers().map(\.handle) } == ["b"])
    try again.close()
  }

  @Test func walkAmountsAreTheWalksOwnNumbers() throws {
    // Given walks on dates far apart (before 1970, leap days, far ahead), one deleted
    let store = try SQLiteStore.inMemory()
    let days = [
      "1969-12-31", "1970-01-01", "1900-03-01", "2000-02-29", "2024-02-29", "2026-12-31",
      "9999-12-31",
    ]
    try store.write(change: "walks") { db in
      let member = try db.insert(Member(handle: "a", name: "A"))
      for (index, day) in days.enumerated() {
        _ = try db.insert(
          Walk(
            memberId: member.id ?? -1, date: try #require(LocalDate(day)),
            distanceMetres: 1_000.125 + Double(index), isDeleted: index == 3))
      }
    }
    // When read as amounts, then they equal the walks that are not deleted
    let (amounts, walks) = try store.read { db in
      var amounts: [WalkAmount] = []
      try db.forEachWalkAmount(WalkFilter()) { amounts.append($0) }
      return (amounts, try db.walks(WalkFilter()))
    }
    let byDate = { (a: WalkAmount, b: WalkAmount) in a.date < b.date }
    #expect(amounts.sorted(by: byDate) == walks.map(WalkAmount.init).sorted(by: byDate))
    #expect(amounts.count == days.count - 1)
  }

  @Test func aRolledBackWriteDoesNotLoseTheTriggersOfTheNext() throws {
    // Given a store whose first write of walks fails after inserting one (so the triggers
    // created for it roll back with it)
    let store = try SQLiteStore.inMemory()
    let member = try store.write(change: "add") { db in
      try db.insert(Member(handle: "a", name: "A"))
    }
    let day = try #require(LocalDate("2026-03-02"))
    #expect(throws: MileQuestError.self) {
      try store.write(change: "fails") { db -> Void in
        _ = try db.insert(Walk(memberId: member.id ?? -1, date: day, distanceMetres: 1_000))
        throw MileQuestError.ruleViolation("no")
      }
    }
    // When a walk is then logged, then undo still takes it back
    _ = try store.write(change: "log") { db in
      try db.insert(Walk(memberId: member.id ?? -1, date: day, distanceMetres: 2_000))
    }
    #expect(try store.read { db in try db.walks(WalkFilter()).count } == 1)
    #expect(try store.undoLastChange() == "log")
    #expect(try store.read { db in try db.walks(WalkFilter()).count } == 0)
  }

  @Test func readOnlyUseLeavesTheFileBytesAlone() throws {
    // Given a database with one member, closed
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = try SQLiteStore(path: path)
    _ = try first.write(change: "add") { db in try db.insert(Member(handle: "a", name: "A")) }
    try first.close()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    // When it is opened, read and a failing write is attempted
    let second = try SQLiteStore(path: path)
    _ = try second.read { db in try db.allMembers() }
    #expect(throws: MileQuestError.self) {
      try second.write(change: "bad") { db -> Void in
        _ = try db.insert(Member(handle: "b", name: "B"))
        throw MileQuestError.badData("no")
      }
    }
    try second.close()
    // Then the bytes are exactly the same
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test(arguments: StoreKind.allCases)
  func aFailedWriteChangesNothing(kind: StoreKind) throws {
    let (store, cleanup) = try kind.make()
    defer { cleanup() }
    // When a change throws half-way
    #expect(throws: MileQuestError.badData("stop")) {
      try store.write(change: "half") { db -> Void in
        _ = try db.insert(Member(handle: "a", name: "A"))
        throw MileQuestError.badData("stop")
      }
    }
    // Then nothing of it is kept, and it cannot be undone
    #expect(try store.read { try $0.allMembers() }.isEmpty)
    #expect(try store.undoLastChange() == nil)
  }

  @Test(arguments: StoreKind.allCases)
  func undoRevertsInsertsUpdatesAndDeletesInOrder(kind: StoreKind) throws {
    let (store, cleanup) = try kind.make()
    defer { cleanup() }
    // Given a member and a walk, then an edit and a soft delete
    let walk = try store.write(change: "log") { db in
      let member = try db.insert(Member(handle: "a", name: "A"))
      return try db.insert(
        Walk(memberId: member.id!, date: LocalDate(dayNumber: 20_000), distanceMetres: 1234.5678))
    }
    try store.write(change: "edit") { db in
      var edited = walk
      edited.distanceMetres = 0.1 + 0.7
      edited.note = "it's \"quoted\""
      try db.update(edited)
    }
    try store.write(change: "delete") { db in
      var deleted = try #require(try db.walk(id: walk.id!))
      deleted.isDeleted = true
      try db.update(deleted)
    }
    // When undone step by step, then each state comes back exactly
    #expect(try store.undoLastChange() == "delete")
    let restored = try #require(try store.read { try $0.walk(id: walk.id!) })
    #expect(!restored.isDeleted)
    #expect(restored.distanceMetres == 0.1 + 0.7)
    #expect(restored.note == "it's \"quoted\"")
    #expect(try store.undoLastChange() == "edit")
    #expect(try store.read { try $0.walk(id: walk.id!) } == walk)
    #expect(try store.undoLastChange() == "log")
    #expect(try store.read { try $0.walk(id: walk.id!) } == nil)
    #expect(try store.read { try $0.allMembers() }.isEmpty)
    #expect(try store.undoLastChange() == nil)
  }

  @Test func concurrentWritersAllSucceed() throws {
    // Given one database file and four stores (as four processes would have)
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    let setup = try SQLiteStore(path: path)
    let memberId = try setup.write(change: "add") { db in
      try db.insert(Member(handle: "a", name: "A")).id!
    }
    try setup.close()
    // When they each log 50 walks at the same time
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      do {
        let store = try SQLiteStore(path: path)
        for _ in 0..<50 {
          _ = try store.write(change: "log") { db in
            try db.insert(
              Walk(memberId: memberId, date: LocalDate(dayNumber: 20_000), distanceMetres: 1))
          }
        }
        try store.close()
      } catch {
        failures.withLock { $0 += 1 }
      }
    }
    // Then no write is lost
    #expect(failures.withLock { $0 } == 0)
    let store = try SQLiteStore(path: path)
    #expect(try store.read { try $0.walks(WalkFilter()) }.count == 200)
  }

  @Test func aWriterBlockedBeyondTheTimeoutReportsBusy() throws {
    // Given another connection holding the write lock
    let (path, directory) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    try SQLiteStore(path: path).close()
    let blocker = try DatabaseQueue(path: path)
    try blocker.writeWithoutTransaction { db in
      try db.execute(sql: "BEGIN IMMEDIATE")
      // When a store with a short timeout tries to write
      let store = try SQLiteStore(path: path, busyTimeout: 0.2)
      // Then it gives up with databaseBusy (exit 75)
      #expect(throws: MileQuestError.databaseBusy) {
        try store.write(change: "add") { db in _ = try db.insert(Member(handle: "a", name: "A")) }
      }
      try db.execute(sql: "ROLLBACK")
    }
  }
}

/// A minimal lock-protected value for the concurrency test.
final class Mutex<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()

  init(_ value: Value) { self.value = value }

  func withLock<T>(_ body: (inout Value) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
