import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16, `goal list` at 1M walks (session 11): what a thousand goals asked one by one is
/// asked once (`MileQuestService.prepare`: every open goal's teams with their memberships,
/// and which of their members walked activities other than `walk`,
/// `StoreSpeedUps.otherActivities`), memberships and route points are read straight from
/// the statement. Each answer must equal the one asked before, on random data.
@Suite struct GoalListBatchTests {
  typealias Random = GoalListDayTotalsTests.Random
  static let start = GoalListDayTotalsTests.start

  /// Each member's activities other than `walk`, from their walks as read one by one.
  static func otherActivitiesFromWalks(_ db: any StoreReading, _ memberIds: [Int64]) throws
    -> [Int64: Set<Activity>]
  {
    var found: [Int64: Set<Activity>] = [:]
    for walk in try db.walks(WalkFilter(memberIds: memberIds)) where walk.activity != .walk {
      found[walk.memberId, default: []].insert(walk.activity)
    }
    return found
  }

  /// The store's other activities are nil or those of the walks, and the decision made
  /// from them equals `countsEveryWalkInFull` asked of the store, for random groups of
  /// members and random activity rules.
  static func expectSameAnswers(
    _ store: any MileQuestStore, seed: UInt64, expectAnswer: Bool, _ when: String
  ) throws {
    var random = Random(state: seed)
    let rules: [ActivityCounting] = try [
      .standard,
      ActivityCounting.resolve(activities: nil, convert: "cycle=0.33,swim=4", current: .standard),
      ActivityCounting.resolve(
        activities: "walk,run,hike,wheelchair,cycle,swim,other", convert: nil,
        current: .standard),
      ActivityCounting.resolve(activities: "walk,run", convert: nil, current: .standard),
      ActivityCounting.resolve(activities: "run,hike", convert: nil, current: .standard),
      ActivityCounting.resolve(activities: "walk,cycle", convert: nil, current: .standard),
    ]
    try store.read { db in
      let everyone = Array(Int64(1)...16)
      let known = try db.otherActivities(memberIds: everyone)
      if expectAnswer { #expect(known != nil, "\(when)") }
      if let known {
        #expect(known == (try otherActivitiesFromWalks(db, everyone)), "\(when)")
      }
      let some = try db.otherActivities(memberIds: [2, 5, 9])
      if let some {
        #expect(some == (try otherActivitiesFromWalks(db, [2, 5, 9])), "\(when): some")
      }
      #expect(try db.otherActivities(memberIds: []).map(\.isEmpty) ?? true, "\(when): none")

      var reads = MileQuestService.ProgressReads(closed: [:])
      reads.otherActivities = known
      reads.asked = known == nil ? [] : Set(everyone)
      for round in 0..<300 {
        let memberIds = Array(
          Set((0..<(1 + random.next(6))).map { _ in Int64(1 + random.next(16)) })
        )
        .sorted()
        let rule = rules[random.next(rules.count)]
        let expected = try db.countsEveryWalkInFull(memberIds: memberIds, rule)
        let answer = reads.countsEveryWalkInFull(memberIds: memberIds, rule)
        if known != nil, !rule.notCountedInFull.contains(.walk) {
          #expect(answer != nil, "\(when): round \(round)")
        }
        if let answer {
          #expect(answer == expected, "\(when): round \(round), \(memberIds), \(rule)")
        }
      }
      // Members it was not asked about: no answer from it.
      var few = MileQuestService.ProgressReads(closed: [:])
      few.otherActivities = [:]
      few.asked = [1]
      let convert = rules[1]
      #expect(few.countsEveryWalkInFull(memberIds: [1, 2], convert) == nil)
      #expect(few.countsEveryWalkInFull(memberIds: [1], convert) == true)
      #expect(few.countsEveryWalkInFull(memberIds: [1, 2], rules[2]) == true)
    }
  }

  @Test("other activities read once answer as hasWalks does, through edits and undo")
  func otherActivitiesAsHasWalks() throws {
    for factory in StoreFactory.all {
      let made = try factory.make()
      defer {
        try? made.store.close()
        made.cleanup()
      }
      let store = made.store
      let answers = factory.name.hasPrefix("SQLite")
      try GoalListDayTotalsTests.populate(store, walks: 300, seed: 41)
      try Self.expectSameAnswers(store, seed: 1, expectAnswer: answers, "\(factory.name) logs")
      try store.write(change: "edits") { db throws in
        for id in stride(from: Int64(1), through: 300, by: 3) {
          guard var walk = try db.walk(id: id) else { continue }
          switch id % 3 {
          case 0: walk.activity = walk.activity == .walk ? .swim : .walk
          case 1: walk.isDeleted = true
          default: walk.memberId = 1 + (walk.memberId % 14)
          }
          try db.update(walk)
        }
      }
      try Self.expectSameAnswers(store, seed: 2, expectAnswer: answers, "\(factory.name) edits")
      try GoalListDayTotalsTests.expectGoalListFromWalks(store, "\(factory.name) edits")
      _ = try store.undoLastChange()
      try Self.expectSameAnswers(store, seed: 3, expectAnswer: answers, "\(factory.name) undo")
    }
  }

  @Test(
    "goal list with its reads made once equals goal list asking goal by goal, on random data",
    arguments: [UInt64(51), 52, 53])
  func preparedEqualsGoalByGoal(seed: UInt64) throws {
    let store = try SQLiteStore.inMemory()
    try GoalListDayTotalsTests.populate(store, walks: 320, seed: seed)
    let service = MileQuestService(store: store, today: GoalListDayTotalsTests.today)
    let listed = try service.goals(team: nil, all: true)
    try store.read { db in
      // Goal by goal, nothing prepared: every goal asks its own questions.
      let one = try db.allGoals().map { goal in
        var reads = MileQuestService.ProgressReads(closed: try db.closedGoals())
        return try service.progress(of: goal, db, reads: &reads)
      }
      #expect(
        listed.map(GoalListDayTotalsTests.fingerprint)
          == one.map(GoalListDayTotalsTests.fingerprint))
    }
    try GoalListDayTotalsTests.expectGoalListFromWalks(store, "seed \(seed)")
  }

  @Test("memberships and route points read straight from the statement equal the records")
  func directReads() throws {
    let store = try SQLiteStore.inMemory()
    try GoalListDayTotalsTests.populate(store, walks: 40, seed: 9)
    try store.write(change: "route") { db throws in
      var random = Random(state: 77)
      // From the south pole to the north pole in small steps, at the longitudes' ends too.
      var points = [RoutePoint(coordinate: Coordinate(latitude: -90, longitude: 180))]
      for index in 1..<499 {
        points.append(
          RoutePoint(
            coordinate: Coordinate(
              latitude: -89.5 + Double(index) * 0.36 + Double(random.next(1_000)) / 100_000,
              longitude: 179.5 - Double(index) * 0.72 + Double(random.next(1_000)) / 100_000),
            label: index % 7 == 0 ? "P\(index) é" : nil))
      }
      points.append(RoutePoint(coordinate: Coordinate(latitude: 90, longitude: -180), label: ""))
      _ = try db.insert(Route(name: "Wide", points: points))
    }
    try store.read { db in
      let session = try #require(db as? SQLiteSession)
      for route in try db.allRoutes() {
        let records = try Row.fetchAll(
          session.db,
          sql:
            "SELECT latitude, longitude, label FROM routePoint WHERE routeId = ? ORDER BY position",
          arguments: [route.id])
        #expect(records.count == route.points.count)
        for (row, point) in zip(records, route.points) {
          #expect((row[0] as Double).bitPattern == point.coordinate.latitude.bitPattern)
          #expect((row[1] as Double).bitPattern == point.coordinate.longitude.bitPattern)
          #expect((row[2] as String?) == point.label)
        }
      }
      for teamId in Int64(1)...4 {
        let direct = try db.memberships(teamId: teamId)
        let records = try Membership.fetchAll(
          session.db, sql: "SELECT * FROM membership WHERE teamId = ? ORDER BY joined, id",
          arguments: [teamId])
        #expect(direct == records)
        #expect(!direct.isEmpty)
      }
      for memberId in Int64(1)...14 {
        let records = try Membership.fetchAll(
          session.db, sql: "SELECT * FROM membership WHERE memberId = ? ORDER BY joined, id",
          arguments: [memberId])
        #expect(try db.memberships(memberId: memberId) == records)
      }
    }
  }

  @Test("a stored route point or membership not of milequest's form is still named")
  func badStoredRows() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-batch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    try GoalListDayTotalsTests.populate(store, walks: 30, seed: 4)
    try store.close()
    for (sql, named) in [
      ("UPDATE routePoint SET latitude = 91 WHERE position = 1", "latitude"),
      ("UPDATE routePoint SET longitude = 'east' WHERE position = 2", "longitude"),
      ("UPDATE membership SET joined = '2026-02-30' WHERE id = 2", "joined"),
      ("UPDATE membership SET role = 'boss' WHERE id = 3", "role"),
    ] {
      let copy = directory.appendingPathComponent("c.db").path
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      let other = try DatabaseQueue(path: copy)
      try other.write { try $0.execute(sql: sql) }
      try other.close()
      let reopened = try SQLiteStore(path: copy)
      defer { try? reopened.close() }
      let service = MileQuestService(store: reopened, today: GoalListDayTotalsTests.today)
      do {
        _ = try service.goals(team: nil, all: true)
        Issue.record("goal list went on after \(sql)")
      } catch {
        #expect("\(error)".contains(named), "\(sql): \(error)")
      }
    }
  }
}
