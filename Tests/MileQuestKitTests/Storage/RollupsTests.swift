import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16: totals per member per day (`forEachDayTotal`, SQLite's `walkDay`) equal what
/// adding up the walks gives, through every kind of write, and boards over any period built
/// from them equal boards built from the walks, to the last bit.
@Suite struct RollupsTests {
  static let start = LocalDate(year: 2026, month: 1, day: 1)!

  /// A small deterministic generator, so failures reproduce.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// Three teams, nine members (late joiners, leavers, one mover, one who rejoins), `walks`
  /// random walks (some
  /// members several on one day, distances that do not add up exactly in binary).
  func populate(_ store: any MileQuestStore, walks: Int, seed: UInt64) throws {
    var random = Random(state: seed)
    try store.write(change: "setup") { db throws in
      let teams = try (0..<3).map { try db.insert(Team(name: "T\($0)", maxMembers: 50)) }
      for index in 0..<9 {
        let member = try db.insert(Member(handle: "m\(index)", name: "M"))
        let joined = Self.start.adding(days: random.next(60))
        let left: LocalDate? = index % 4 == 0 ? joined.adding(days: 40 + random.next(60)) : nil
        _ = try db.insert(
          Membership(
            teamId: teams[index % 3].id!, memberId: member.id!, role: .member, joined: joined,
            left: left))
        if index == 0, let left {
          // rejoins the same team later: two memberships of one team
          _ = try db.insert(
            Membership(
              teamId: teams[0].id!, memberId: member.id!, role: .member,
              joined: left.adding(days: 20)))
        }
        if index == 4, let left {
          // moves to the next team
          _ = try db.insert(
            Membership(
              teamId: teams[(index + 1) % 3].id!, memberId: member.id!, role: .member,
              joined: left))
        }
      }
    }
    for _ in 0..<walks {
      _ = try store.write(change: "log") { db throws in
        try db.insert(
          Walk(
            memberId: Int64(1 + random.next(9)), date: Self.start.adding(days: random.next(120)),
            distanceMetres: Double(100 + random.next(20_000)) / 7.0))
      }
    }
  }

  /// The ranges boards are asked for: all time, a day, a week, a month, a year, open ends and
  /// random spans.
  func ranges(seed: UInt64) -> [DateRange] {
    var random = Random(state: seed)
    var ranges = [
      DateRange(), DateRange(from: Self.start.adding(days: 20), to: Self.start.adding(days: 20)),
      DateRange(from: Self.start.adding(days: 35), to: Self.start.adding(days: 41)),
      DateRange(from: Self.start.adding(days: 31), to: Self.start.adding(days: 58)),
      DateRange(from: Self.start, to: Self.start.adding(days: 364)),
      DateRange(from: Self.start.adding(days: 50), to: nil),
      DateRange(from: nil, to: Self.start.adding(days: 50)),
    ]
    for _ in 0..<6 {
      let from = Self.start.adding(days: random.next(130))
      ranges.append(DateRange(from: from, to: from.adding(days: random.next(40))))
    }
    return ranges
  }

  /// The store's day totals equal those of its walks, for every member filter and range.
  func expectDayTotalsExact(_ store: any MileQuestStore, _ when: String) throws {
    try store.read { db throws in
      for range in ranges(seed: 3) {
        for members in [nil, [Int64(1), 4, 5], []] as [[Int64]?] {
          var fromWalks: [WalkAmount] = []
          try db.forEachWalk(WalkFilter(memberIds: members, range: range)) {
            if !$0.isDeleted { fromWalks.append(WalkAmount($0)) }
          }
          let expected = DayTotal.of(fromWalks)
          var stored: [DayTotal] = []
          try db.forEachDayTotal(memberIds: members, range: range) { stored.append($0) }
          let key = { (day: DayTotal) in "\(day.memberId) \(day.date)" }
          #expect(
            stored.sorted { key($0) < key($1) } == expected.sorted { key($0) < key($1) },
            "\(when): \(range) \(String(describing: members))")
        }
      }
    }
  }

  @Test(
    "day totals equal the walks after log, bulk import, edit, delete, membership change, undo",
    arguments: StoreFactory.all)
  func dayTotalsStayExact(factory: StoreFactory) throws {
    let made = try factory.make()
    defer {
      try? made.store.close()
      made.cleanup()
    }
    let store = made.store
    try populate(store, walks: 150, seed: 11)
    try expectDayTotalsExact(store, "after logs")

    // a bulk insert (imports), with a duplicate it skips
    var random = Random(state: 5)
    _ = try store.write(change: "import") { db throws in
      try db.insertWalks { insert throws in
        for index in 0..<120 {
          _ = try insert(
            Walk(
              memberId: Int64(1 + random.next(9)), date: Self.start.adding(days: random.next(120)),
              distanceMetres: Double(100 + random.next(9_000)) / 3.0, source: .import,
              externalId: "x\(index % 100)"))
        }
      }
    }
    try expectDayTotalsExact(store, "after a bulk insert")

    try store.write(change: "edits") { db throws in
      for id in stride(from: Int64(1), through: 270, by: 5) {
        guard var walk = try db.walk(id: id) else { continue }
        switch id % 4 {
        case 0: walk.distanceMetres *= 1.5
        case 1: walk.date = walk.date.adding(days: 3)
        case 2: walk.memberId = 1 + (walk.memberId % 9)
        default: walk.isDeleted = true
        }
        try db.update(walk)
      }
      var membership = try #require(try db.allMemberships().first)
      membership.joined = membership.joined.adding(days: 10)
      try db.update(membership)
    }
    try expectDayTotalsExact(store, "after edits")
    // a deleted walk restored
    try store.write(change: "restore") { db throws in
      var walk = try #require(try db.walks(WalkFilter(includeDeleted: true)).first { $0.isDeleted })
      walk.isDeleted = false
      try db.update(walk)
    }
    try expectDayTotalsExact(store, "after a restore")

    _ = try store.undoLastChange()
    try expectDayTotalsExact(store, "after undoing the restore")
    _ = try store.undoLastChange()
    try expectDayTotalsExact(store, "after undoing the edits")
    _ = try store.undoLastChange()
    try expectDayTotalsExact(store, "after undoing the import")
    // (the random teams break record rules `check` also lists: no captain; none of totals)
    let problems = try store.check(today: Self.start.adding(days: 365)).problems
    #expect(problems.filter { $0.contains("totals") }.isEmpty, "\(problems)")
  }

  @Test(
    "boards over any period from day totals equal boards from the walks",
    arguments: [UInt64(1), 2, 3])
  func boardsFromDayTotalsEqualBoardsFromWalks(seed: UInt64) throws {
    let store = try SQLiteStore.inMemory()
    try populate(store, walks: 300, seed: seed)
    try store.write(change: "deletes") { db in
      for id in stride(from: Int64(2), through: 300, by: 9) {
        var walk = try #require(try db.walk(id: id))
        walk.isDeleted = true
        try db.update(walk)
      }
    }
    try store.read { db in
      let memberships = try db.allMemberships()
      let byTeam = Dictionary(grouping: memberships, by: \.teamId)
      let teams = try db.allTeams().map {
        LeaderboardBuilder.TeamContender(team: $0, memberships: byTeam[$0.id!] ?? [])
      }
      let members = try Dictionary(grouping: memberships, by: \.memberId).map { id, history in
        LeaderboardBuilder.Contender(
          member: try #require(try db.member(id: id)), memberships: history)
      }
      for range in ranges(seed: seed) {
        let walks = try db.walks(WalkFilter(range: range))
        var days: [DayTotal] = []
        try db.forEachDayTotal(memberIds: nil, range: range) { days.append($0) }
        for metric in [LeaderboardMetric.total, .average, .walks] {
          for cap in [nil, 2_000.0] as [Double?] {
            for basis in [AverageBasis.members, .walkers] {
              #expect(
                LeaderboardBuilder.teams(
                  teams, days: days, range: range, metric: metric, averageOver: basis,
                  dailyCap: cap)
                  == LeaderboardBuilder.teams(
                    teams, walks: walks, range: range, metric: metric, averageOver: basis,
                    dailyCap: cap), "teams \(range) \(metric) \(String(describing: cap))")
            }
            for team in teams {
              let contenders = members.filter { contender in
                team.memberships.contains { $0.memberId == contender.member.id }
              }.map {
                LeaderboardBuilder.Contender(
                  member: $0.member,
                  memberships: $0.memberships.filter { $0.teamId == team.team.id })
              }
              #expect(
                LeaderboardBuilder.members(
                  contenders, days: days, range: range, metric: metric, dailyCap: cap, limit: 3)
                  == LeaderboardBuilder.members(
                    contenders, walks: walks, range: range, metric: metric, dailyCap: cap,
                    limit: 3), "members of \(team.team.name) \(range) \(metric)")
            }
          }
        }
      }
    }
  }

  @Test func checkReportsDayTotalsChangedBehindItsBack() throws {
    // Given a database with walks whose day totals another program changed
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-rollups-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    try populate(store, walks: 20, seed: 9)
    #expect(try store.check().problems.isEmpty)
    try store.close()
    for tamper in [
      """
      UPDATE walkDay SET walks = walks + 1
      WHERE (memberId, date) = (SELECT memberId, date FROM walkDay LIMIT 1)
      """,
      "DELETE FROM walkDay WHERE memberId = (SELECT min(memberId) FROM walkDay)",
      "INSERT INTO walkDay VALUES (1, '2025-01-01', x'0000000000003440', 1)",
      "UPDATE walkDay SET partials = x'0000000000003440'",
    ] {
      let copy = directory.appendingPathComponent("copy.db").path
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      let other = try DatabaseQueue(path: copy)
      try other.write { try $0.execute(sql: tamper) }
      try other.close()
      // When checked, then the stale day totals are reported
      let problems = try SQLiteStore(path: copy).check().problems
      #expect(problems.count == 1, "\(tamper)")
      #expect(problems.first?.contains("daily totals out of date") == true, "\(tamper)")
    }
  }

  @Test func migrationFillsDayTotalsOfAnOlderDatabase() throws {
    // Given a database at the schema before day totals, with walks (some deleted)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-rollups-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("old.db").path
    var configuration = Configuration()
    configuration.prepareDatabase { RunningTotals.registerFunctions($0) }
    let old = try DatabaseQueue(path: path, configuration: configuration)
    try Migrations.migrator.migrate(old, upTo: "v4-goal-endings")
    try old.write { db in
      try db.execute(
        sql: """
          INSERT INTO member(id, handle, name, strideMetres) VALUES (1, 'a', 'A', 0.7), (2, 'b', 'B', 0.7);
          INSERT INTO walk(memberId, date, distanceMetres, source, isDeleted) VALUES
            (1, '2026-02-01', 0.1, 'manual', 0), (1, '2026-02-01', 0.2, 'manual', 0),
            (1, '2026-02-02', 5, 'manual', 1), (2, '2026-02-01', 3, 'manual', 0);
          """)
    }
    try old.close()
    // When milequest opens it, then the day totals hold its walks, exactly
    let store = try SQLiteStore(path: path, creating: .never)
    #expect(try store.check().schemaVersion == "v9-goal-team-by-team")
    #expect(try store.check().problems.isEmpty)
    var days: [DayTotal] = []
    try store.read { db in
      try db.forEachDayTotal(memberIds: nil, range: DateRange()) { days.append($0) }
    }
    let date = LocalDate(year: 2026, month: 2, day: 1)!
    #expect(
      Set(days.map { "\($0.memberId) \($0.date) \($0.walks) \($0.sum.value)" })
        == ["1 \(date) 2 \([0.1, 0.2].exactSum())", "2 \(date) 1 3.0"])
    #expect(days.first { $0.memberId == 1 }?.sum.parts == ExactSum([0.1, 0.2]).parts)
  }
}
