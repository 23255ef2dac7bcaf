import Foundation
import GRDB
import Testing

@testable import MileQuestKit
@testable import MileQuestSQLite

/// Issue 17's storage on every back end (`StoreFactory.all`): a walk's activity and a goal's
/// activities are kept through insert, update, bulk insert, final results and undo, the
/// running totals still count every activity, and `hasWalks(memberIds:ofAny:)` agrees with
/// the walks. Also the migration of an SQLite file made before activities.
@Suite("activity storage")
struct ActivityStoreTests {
  static let day = LocalDate(year: 2026, month: 3, day: 2)!

  func with(_ factory: StoreFactory, _ body: (any MileQuestStore) throws -> Void) throws {
    let made = try factory.make()
    defer {
      try? made.store.close()
      made.cleanup()
    }
    try body(made.store)
  }

  @Test("walks and goals keep their activities", arguments: StoreFactory.all)
  func keptEverywhere(factory: StoreFactory) throws {
    try with(factory) { store in
      let counting = try ActivityCounting.resolve(
        activities: "walk,hike", convert: "cycle=0.33,swim=4", current: .standard)
      let (memberId, goalId) = try store.write(change: "setup") { db in
        let member = try db.insert(Member(handle: "ana", name: "Ana"))
        let team = try db.insert(Team(name: "Kiwis"))
        _ = try db.insert(
          Membership(
            teamId: team.id ?? -1, memberId: member.id ?? -1, role: .captain,
            joined: Self.day.adding(days: -1)))
        let goal = try db.insert(
          Goal(
            name: "G", routeId: nil, targetMetres: 1e6, mode: .race, start: Self.day, end: nil,
            dailyCapMetres: nil, teamIds: [team.id ?? -1], activities: counting))
        return (member.id ?? -1, goal.id ?? -1)
      }
      let walks: [Walk] = try store.write(change: "walks") { db in
        var walks = [
          try db.insert(
            Walk(memberId: memberId, date: Self.day, distanceMetres: 1000, activity: .cycle)),
          try db.insert(Walk(memberId: memberId, date: Self.day, distanceMetres: 500)),
        ]
        _ = try db.insertWalks { insert in
          _ = try insert(
            Walk(
              memberId: memberId, date: Self.day, distanceMetres: 750, activity: .swim,
              source: .import, externalId: "s-1"))
          _ = try insert(
            Walk(
              memberId: memberId, date: Self.day, distanceMetres: 250, activity: .wheelchair,
              source: .import, externalId: "w-1"))
        }
        walks[1].activity = .run
        try db.update(walks[1])
        return walks
      }
      try store.read { (db) throws in
        #expect(try db.goal(id: goalId)?.activities == counting)
        let stored = try db.walks(WalkFilter())
        #expect(stored.map(\.activity) == [.cycle, .run, .swim, .wheelchair])
        #expect(try db.walk(id: walks[0].id ?? -1)?.activity == .cycle)
        var amounts: [Activity] = []
        try db.forEachWalkAmount(WalkFilter()) { amounts.append($0.activity) }
        #expect(amounts.sorted() == [.run, .wheelchair, .cycle, .swim])
        // The running totals count every activity, as the boards do.
        #expect(try db.membershipTotals().values.first?.sum.value == 2500)
        #expect(try db.hasWalks(memberIds: [memberId], ofAny: [.swim]))
        #expect(try db.hasWalks(memberIds: [memberId], ofAny: [.hike, .cycle]))
        #expect(try !db.hasWalks(memberIds: [memberId], ofAny: [.hike, .other]))
        #expect(try !db.hasWalks(memberIds: [memberId + 1], ofAny: [.swim]))
      }
      // Final results keep each walk's activity.
      try store.write(change: "close") { db in
        let live = try db.walks(WalkFilter())
        try db.saveFinalResults(
          FinalResults(
            reason: .ended, closedOn: Self.day, memberships: try db.allMemberships(),
            walks: live),
          goalId: goalId)
      }
      try store.read { (db) throws in
        #expect(
          try db.finalResults(goalId: goalId)?.walks.map(\.activity)
            == [.cycle, .run, .swim, .wheelchair])
      }
      // Undo puts the activity back as it was.
      _ = try store.undoLastChange()
      _ = try store.undoLastChange()
      try store.read { (db) throws in
        #expect(try db.walks(WalkFilter()).isEmpty)
        #expect(try db.goal(id: goalId)?.activities == counting)
      }
      try store.write(change: "goal edit") { db in
        var goal = try #require(try db.goal(id: goalId))
        goal.activities = .standard
        try db.update(goal)
      }
      try store.read { (db) throws in #expect(try db.goal(id: goalId)?.activities == .standard) }
      #expect(try store.check(today: Self.day).problems.isEmpty)
    }
  }

  @Test func anSQLiteFileFromBeforeActivitiesIsMigrated() throws {
    // Given a database as the migrations up to v4 left it, with a goal, a walk and its undo
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-activity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("old.db").path
    var configuration = Configuration()
    configuration.prepareDatabase { db in RunningTotals.registerFunctions(db) }
    let old = try DatabaseQueue(path: path, configuration: configuration)
    try Migrations.migrator.migrate(old, upTo: "v1-initial")
    try old.write { db in
      try db.execute(
        sql: """
          INSERT INTO member(id, handle, name, strideMetres) VALUES (1, 'ana', 'Ana', 0.75);
          INSERT INTO team(id, name, nameKey, maxMembers) VALUES (1, 'Kiwis', 'kiwis', 10);
          INSERT INTO membership(id, teamId, memberId, role, joined)
            VALUES (1, 1, 1, 'captain', '2026-03-01');
          INSERT INTO goal(id, name, nameKey, targetMetres, mode, start, state)
            VALUES (1, 'Ten', 'ten', 10000, 'race', '2026-03-01', 'active');
          INSERT INTO goalTeam(goalId, teamId, position) VALUES (1, 1, 0);
          INSERT INTO walk(id, memberId, date, distanceMetres, source)
            VALUES (1, 1, '2026-03-02', 1500.5, 'manual');
          """)
    }
    try Migrations.migrator.migrate(old, upTo: "v4-goal-endings")
    try old.close()
    // When milequest opens it
    let store = try SQLiteStore(path: path)
    defer { try? store.close() }
    // Then its walks are walks, its goal counts the defaults, and nothing is amiss
    try store.read { (db) throws in
      #expect(try db.walks(WalkFilter()).map(\.activity) == [.walk])
      #expect(try db.goal(id: 1)?.activities == .standard)
    }
    #expect(try store.check(today: Self.day).problems.isEmpty)
    #expect(try store.check(today: Self.day).schemaVersion == "v9-goal-team-by-team")
    let service = MileQuestService(store: store, today: Self.day, actingHandle: "ana")
    _ = try service.logWalk(.init(distance: "2km", activity: "run"))
    #expect(try service.progress(goal: "Ten").leader.countedMetres == 3500.5)
  }

  @Test func sqliteRefusesAnUnknownActivityAndCheckReportsNone() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-activity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    let ana = MileQuestService(store: store, today: Self.day, actingHandle: "ana")
    _ = try MileQuestService(store: store, today: Self.day)
      .addMember(handle: "ana", name: nil, email: nil, stride: nil)
    _ = try ana.logWalk(.init(distance: "2km", activity: "hike"))
    try store.close()
    // Another SQLite client cannot store a name milequest does not know (the CHECK).
    let other = try DatabaseQueue(path: path)
    #expect(throws: (any Error).self) {
      try other.write { try $0.execute(sql: "UPDATE walk SET activity = 'skate'") }
    }
    #expect(try other.read { try String.fetchOne($0, sql: "SELECT activity FROM walk") } == "hike")
    try other.close()
  }
}
