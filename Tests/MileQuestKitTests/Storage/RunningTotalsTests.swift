import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Running totals per membership must give exactly the boards that counting every walk gives,
/// through inserts, edits, deletes, membership changes and undo.
@Suite struct RunningTotalsTests {
  /// A small deterministic generator, so failures reproduce.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// The all-time teams board both ways.
  func boards(_ store: SQLiteStore) throws -> (
    fromTotals: [Leaderboard.Entry], fromWalks: [Leaderboard.Entry]
  ) {
    try store.read { db in
      let memberships = Dictionary(grouping: try db.allMemberships(), by: \.teamId)
      let teams = try db.allTeams().map {
        LeaderboardBuilder.TeamContender(team: $0, memberships: memberships[$0.id!] ?? [])
      }
      let fast = LeaderboardBuilder.teams(teams, totals: try db.membershipTotals(), metric: .total)
      let slow = LeaderboardBuilder.teams(
        teams, walks: try db.walks(WalkFilter()), range: DateRange(), metric: .total)
      return (fast, slow)
    }
  }

  @Test(arguments: StoreKind.allCases)
  func totalsMatchCountingEveryWalk(kind: StoreKind) throws {
    // Given three teams, eight members with memberships that start and end, and 400 walks
    let (store, cleanup) = try kind.make()
    defer { cleanup() }
    var random = Random(state: 7)
    let start = LocalDate(year: 2026, month: 1, day: 1)!
    try store.write(change: "setup") { db in
      let teams = try (0..<3).map { try db.insert(Team(name: "T\($0)")) }
      for index in 0..<8 {
        let member = try db.insert(Member(handle: "m\(index)", name: "M"))
        let joined = start.adding(days: random.next(60))
        _ = try db.insert(
          Membership(
            teamId: teams[index % 3].id!, memberId: member.id!, role: .member, joined: joined,
            left: index % 4 == 0 ? joined.adding(days: 40 + random.next(60)) : nil))
      }
    }
    for _ in 0..<400 {
      _ = try store.write(change: "log") { db in
        try db.insert(
          Walk(
            memberId: Int64(1 + random.next(8)), date: start.adding(days: random.next(200)),
            distanceMetres: Double(100 + random.next(20_000)) / 7.0))
      }
    }
    var board = try boards(store)
    #expect(board.fromTotals == board.fromWalks)
    #expect(board.fromTotals.map(\.walks).reduce(0, +) > 0)

    // When walks are edited, moved, deleted and memberships change
    try store.write(change: "edits") { db in
      for id in stride(from: Int64(1), through: 400, by: 7) {
        var walk = try #require(try db.walk(id: id))
        switch id % 3 {
        case 0: walk.distanceMetres *= 1.5
        case 1: walk.date = walk.date.adding(days: 30)
        default: walk.isDeleted = true
        }
        try db.update(walk)
      }
      var membership = try #require(try db.allMemberships().first)
      membership.joined = membership.joined.adding(days: 10)
      try db.update(membership)
    }
    board = try boards(store)
    // Then the totals still match, and undoing restores the earlier boards exactly
    #expect(board.fromTotals == board.fromWalks)
    _ = try store.undoLastChange()
    let undone = try boards(store)
    #expect(undone.fromTotals == undone.fromWalks)
    #expect(try store.check().problems.isEmpty)
  }

  @Test func checkReportsTotalsChangedBehindItsBack() throws {
    // Given a database whose walk table another program changed
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-totals-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    try store.write(change: "setup") { db in
      let team = try db.insert(Team(name: "T"))
      let member = try db.insert(Member(handle: "a", name: "A"))
      _ = try db.insert(
        Membership(
          teamId: team.id!, memberId: member.id!, role: .captain,
          joined: LocalDate(year: 2026, month: 1, day: 1)!))
      _ = try db.insert(
        Walk(
          memberId: member.id!, date: LocalDate(year: 2026, month: 2, day: 1)!, distanceMetres: 5))
    }
    try store.close()
    let other = try DatabaseQueue(path: path)
    try other.write { try $0.execute(sql: "UPDATE walk SET distanceMetres = 7") }
    try other.close()
    // When checked, then the stale total is reported
    let reopened = try SQLiteStore(path: path)
    let problems = try reopened.check().problems
    // (the walk's day and month totals too: issue 16's per-member per-day and per-month
    // totals; the team's total, stale as well, is not listed apart, as on PostgreSQL)
    #expect(problems.count == 3)
    #expect(problems.first?.contains("running totals out of date for 1 membership") == true)
    #expect(problems.dropFirst().first?.contains("daily totals out of date") == true)
    #expect(problems.last?.contains("monthly totals out of date") == true)
  }
}
