import Foundation
import MileQuestKit
import Testing

@_spi(Testing) @testable import MileQuestPostgres

/// Issue 17 on PostgreSQL: a database made before activities migrates (its walks are walks,
/// its goals count the defaults), a change recorded before the migration can still be undone
/// (undo puts rows back from their recorded `jsonb`, which had no activity), and the server
/// refuses an activity milequest does not know, whoever writes.
@Suite("PostgreSQL activities", .enabled(if: ThrowawayCluster.isAvailable), .serialized)
struct PostgresActivityTests {
  @Test("a database from before activities migrates, and its older changes still undo")
  func migratesOlderDatabase() throws {
    let cluster = try ThrowawayCluster.shared()
    let address = try cluster.freshDatabase()
    // The schema as the migrations before v5-activities left it.
    let steps = PostgresMigrations.all.prefix { $0.0 != "v5-activities" }
    #expect(steps.count < PostgresMigrations.all.count, "v5-activities is a migration")
    let old = try PGConnection(conninfo: address)
    try old.execScript(
      "CREATE TABLE \(PostgresMigrations.table) (position integer PRIMARY KEY, identifier text NOT NULL UNIQUE)"
    )
    for (index, (name, sql)) in steps.enumerated() {
      try old.execScript(sql)
      try old.exec(
        "INSERT INTO \(PostgresMigrations.table)(position, identifier) VALUES ($1, $2)",
        [index + 1, name])
    }
    try old.execScript(
      """
      INSERT INTO member(id, handle, name, strideMetres) VALUES (1, 'ann', 'Ann', 0.75);
      INSERT INTO team(id, name, nameKey, maxMembers) VALUES (1, 'A', 'a', 5);
      INSERT INTO membership(id, teamId, memberId, role, joined)
      VALUES (1, 1, 1, 'captain', '2026-01-01');
      INSERT INTO goal(id, name, nameKey, targetMetres, mode, start, state)
      VALUES (1, 'Ten', 'ten', 10000, 'race', '2026-01-01', 'active');
      INSERT INTO goalTeam(goalId, teamId, position) VALUES (1, 1, 0);
      INSERT INTO walk(id, memberId, date, distanceMetres, source)
      VALUES (1, 1, '2026-01-02', 1000.5, 'manual'), (2, 1, '2026-01-03', 2000.25, 'manual');
      """)
    // A milequest change recorded then: walk 2 deleted and the goal renamed.
    try old.execScript(
      """
      BEGIN;
      INSERT INTO change(id, description, madeAt) VALUES (1, 'delete walk 2', '2026-01-04');
      SELECT set_config('milequest.change', '1', true);
      DELETE FROM walk WHERE id = 2;
      UPDATE goal SET name = 'Eleven', nameKey = 'eleven' WHERE id = 1;
      COMMIT;
      """)
    old.close()

    let store = try PostgresStore(address: address)
    defer { try? store.close() }
    try store.read { (db) throws in
      #expect(try db.walks(WalkFilter()).map(\.activity) == [.walk])
      #expect(try db.goal(id: 1)?.activities == .standard)
      #expect(try db.goal(id: 1)?.name == "Eleven")
    }
    #expect(try store.check(today: LocalDate("2026-01-10")!).problems == [])
    #expect(
      try store.check(today: LocalDate("2026-01-10")!).schemaVersion == "v9-goal-team-by-team")
    // The change made before the migration is undone whole.
    #expect(try store.undoLastChange() == "delete walk 2")
    try store.read { (db) throws in
      #expect(try db.walks(WalkFilter()).map(\.activity) == [.walk, .walk])
      #expect(try db.walks(WalkFilter()).map(\.distanceMetres) == [1000.5, 2000.25])
      #expect(try db.goal(id: 1)?.name == "Ten")
      #expect(try db.goal(id: 1)?.activities == .standard)
      #expect(try db.membershipTotals().values.first?.sum.value == 3000.75)
    }
  }

  @Test("the server refuses an activity milequest does not know")
  func checkConstraint() throws {
    let cluster = try ThrowawayCluster.shared()
    let address = try cluster.freshMilequestDatabase()
    let store = try PostgresStore(address: address)
    defer { try? store.close() }
    try store.write(change: "walk") { db in
      let member = try db.insert(Member(handle: "ann", name: "Ann"))
      _ = try db.insert(
        Walk(
          memberId: member.id ?? -1, date: LocalDate("2026-01-02")!, distanceMetres: 10,
          activity: .swim))
    }
    let other = try PGConnection(conninfo: address)
    defer { other.close() }
    #expect(throws: (any Error).self) {
      try other.exec("UPDATE walk SET activity = 'skate'")
    }
    #expect(try store.read { try $0.walks(WalkFilter()).map(\.activity) } == [.swim])
  }
}
