import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16, the all-teams board on SQLite: totals kept per team (`teamTotal`, migration
/// `v8-team-totals`) equal the sums of their memberships' running totals and of the walks,
/// through every kind of write, `check` reports them when another program changed them, and
/// the migration fills them on an existing database.
@Suite struct BoardsTeamTotalsTests {
  typealias Random = RollupsTests.Random
  typealias Totals = LeaderboardBuilder.TeamTotals
  static let start = RollupsTests.start

  /// The team totals as `teamTotal` holds them and as adding up the memberships' running
  /// totals and the walks gives them, by team id.
  func totals(_ store: any MileQuestStore) throws -> (
    kept: [Int64: Totals], fromMemberships: [Int64: Totals], fromWalks: [Int64: Totals]
  ) {
    try store.read { db in
      let kept = try #require(try db.teamTotals())
      let memberships = Dictionary(grouping: try db.allMemberships(), by: \.teamId)
      let membershipTotals = try db.membershipTotals()
      let walks = try db.walks(WalkFilter())
      var fromMemberships: [Int64: Totals] = [:]
      var fromWalks: [Int64: Totals] = [:]
      for team in try db.allTeams() {
        let history = memberships[team.id!] ?? []
        let counted = history.filter { $0.overlaps(DateRange()) }
        var sum = ExactSum()
        var count = 0
        var walkers = Set<Int64>()
        var walkSum = ExactSum()
        var walkCount = 0
        var walkWalkers = Set<Int64>()
        for membership in counted {
          let total = membershipTotals[membership.id!] ?? (sum: ExactSum(), walks: 0)
          sum.add(total.sum)
          count += total.walks
          if total.walks > 0 { walkers.insert(membership.memberId) }
          let mine = walks.filter { (walk: Walk) -> Bool in
            guard !walk.isDeleted, walk.memberId == membership.memberId else { return false }
            guard walk.date >= membership.joined else { return false }
            if let left = membership.left { return walk.date < left }
            return true
          }
          for walk in mine { walkSum.add(walk.distanceMetres) }
          walkCount += mine.count
          if !mine.isEmpty { walkWalkers.insert(membership.memberId) }
        }
        let members = Set(counted.map(\.memberId)).count
        fromMemberships[team.id!] = Totals(
          sum: sum, walks: count, members: members, walkers: walkers.count)
        fromWalks[team.id!] = Totals(
          sum: walkSum, walks: walkCount, members: members, walkers: walkWalkers.count)
      }
      return (kept, fromMemberships, fromWalks)
    }
  }

  /// `teamTotal` equals both computations for every team (a team without a row: zeros), and
  /// the board built from it equals the board built from the memberships' totals.
  func expectExact(_ store: any MileQuestStore, _ when: String) throws {
    let (kept, fromMemberships, fromWalks) = try totals(store)
    let zero = Totals(sum: ExactSum(), walks: 0, members: 0, walkers: 0)
    for (team, expected) in fromMemberships {
      #expect(kept[team] ?? zero == expected, "\(when): team \(team) against its memberships")
      #expect(kept[team] ?? zero == fromWalks[team], "\(when): team \(team) against its walks")
    }
    // Rows of teams that no longer exist hold nothing.
    for (team, row) in kept where fromMemberships[team] == nil {
      #expect(row == zero, "\(when): row of team \(team), which does not exist")
    }
    #expect(fromWalks.values.map(\.walks).reduce(0, +) > 0, "\(when): nothing counted")
    try store.read { db in
      let memberships = Dictionary(grouping: try db.allMemberships(), by: \.teamId)
      let teams = try db.allTeams()
      let contenders = teams.map {
        LeaderboardBuilder.TeamContender(team: $0, memberships: memberships[$0.id!] ?? [])
      }
      for metric in [LeaderboardMetric.total, .average, .walks] {
        for basis in [AverageBasis.members, .walkers] {
          #expect(
            LeaderboardBuilder.teams(
              teams, teamTotals: try #require(try db.teamTotals()), metric: metric,
              averageOver: basis)
              == LeaderboardBuilder.teams(
                contenders, totals: try db.membershipTotals(), metric: metric,
                averageOver: basis), "\(when): board \(metric) \(basis)")
        }
      }
    }
  }

  @Test(
    "team totals equal their memberships' totals and walks through log, import, edit, delete, undo, join, leave, move",
    arguments: StoreKind.allCases)
  func teamTotalsStayExact(kind: StoreKind) throws {
    let (store, cleanup) = try kind.make()
    defer { cleanup() }
    // Given three teams with joiners, leavers, a mover, a rejoiner, and logged walks
    try RollupsTests().populate(store, walks: 150, seed: 21)
    try expectExact(store, "after logs")

    // a bulk insert (imports), with duplicates it skips, over more than one merge
    var random = Random(state: 8)
    _ = try store.write(change: "import") { db throws in
      try db.insertWalks { insert throws in
        for index in 0..<5_000 {
          _ = try insert(
            Walk(
              memberId: Int64(1 + random.next(9)), date: Self.start.adding(days: random.next(150)),
              distanceMetres: Double(100 + random.next(9_000)) / 3.0, source: .import,
              externalId: "x\(index % 4_500)"))
        }
      }
    }
    try expectExact(store, "after a bulk insert")

    // edits: distance, date, member, deleted; a restore
    try store.write(change: "edits") { db throws in
      for id in stride(from: Int64(1), through: 400, by: 3) {
        guard var walk = try db.walk(id: id) else { continue }
        switch id % 4 {
        case 0: walk.distanceMetres *= 1.5
        case 1: walk.date = walk.date.adding(days: 17)
        case 2: walk.memberId = 1 + (walk.memberId % 9)
        default: walk.isDeleted = true
        }
        try db.update(walk)
      }
    }
    try expectExact(store, "after edits")
    try store.write(change: "restore") { db throws in
      var walk = try #require(try db.walks(WalkFilter(includeDeleted: true)).first { $0.isDeleted })
      walk.isDeleted = false
      try db.update(walk)
    }
    try expectExact(store, "after a restore")

    // memberships: a join, a leave, a move (leave one team, join another), a join date moved,
    // a membership given to another team, and an empty one
    try store.write(change: "memberships") { db throws in
      let teams = try db.allTeams()
      let newcomer = try db.insert(Member(handle: "new", name: "N"))
      _ = try db.insert(
        Membership(
          teamId: teams[1].id!, memberId: newcomer.id!, role: .member,
          joined: Self.start.adding(days: 30)))
      _ = try db.insert(
        Walk(
          memberId: newcomer.id!, date: Self.start.adding(days: 40), distanceMetres: 1234.5))
      var memberships = try db.allMemberships().filter { $0.left == nil }
      var leaving = memberships.removeFirst()
      leaving.left = Self.start.adding(days: 70)
      try db.update(leaving)
      var moving = memberships.removeFirst()
      let moveDay = Self.start.adding(days: 80)
      moving.left = moveDay
      try db.update(moving)
      _ = try db.insert(
        Membership(
          teamId: teams.first { $0.id != moving.teamId }!.id!, memberId: moving.memberId,
          role: .member, joined: moveDay))
      var later = memberships.removeFirst()
      later.joined = later.joined.adding(days: 25)
      try db.update(later)
      var elsewhere = memberships.removeFirst()
      elsewhere.teamId = teams.first { $0.id != elsewhere.teamId }!.id!
      try db.update(elsewhere)
      _ = try db.insert(
        Membership(
          teamId: teams[2].id!, memberId: newcomer.id!, role: .member,
          joined: Self.start.adding(days: 50), left: Self.start.adding(days: 50)))
    }
    try expectExact(store, "after membership changes")

    // a team of its own whose only membership is then undone
    try store.write(change: "solo team") { db throws in
      let team = try db.insert(Team(name: "Solo", maxMembers: 5))
      _ = try db.insert(
        Membership(teamId: team.id!, memberId: 2, role: .captain, joined: Self.start))
    }
    try expectExact(store, "after a new team")

    for step in ["solo team", "memberships", "restore", "edits", "import"] {
      _ = try store.undoLastChange()
      try expectExact(store, "after undoing \(step)")
    }
    let problems = try store.check(today: Self.start.adding(days: 365)).problems
    #expect(problems.filter { $0.contains("totals") }.isEmpty, "\(problems)")
  }

  @Test func checkReportsTeamTotalsChangedBehindItsBack() throws {
    // Given a database with walks whose team totals another program changed
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-boards-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    try RollupsTests().populate(store, walks: 40, seed: 9)
    #expect(
      try store.check(today: Self.start).problems.filter { $0.contains("totals") }.isEmpty)
    try store.close()
    for tamper in [
      "UPDATE teamTotal SET walks = walks + 1 WHERE teamId = 1",
      "UPDATE teamTotal SET members = members - 1 WHERE teamId = 2",
      "UPDATE teamTotal SET walkers = walkers + 1 WHERE teamId = 3",
      "UPDATE teamTotal SET partials = x'0000000000003440' WHERE teamId = 1",
      "DELETE FROM teamTotal WHERE teamId = 2",
      "INSERT INTO teamTotal VALUES (99, x'0000000000003440', 1, 1, 1)",
    ] {
      let copy = directory.appendingPathComponent("copy.db").path
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      let other = try DatabaseQueue(path: copy)
      try other.write { try $0.execute(sql: tamper) }
      try other.close()
      // When checked, then the stale team total is reported, and nothing else about totals
      let problems = try SQLiteStore(path: copy).check(today: Self.start).problems
        .filter { $0.contains("totals") }
      #expect(
        problems == [
          "running totals out of date for 1 team (was the database changed by another program?)"
        ], "\(tamper)")
    }
  }

  @Test func migrationFillsTeamTotalsOfAnOlderDatabase() throws {
    // Given a database at the schema before team totals, with teams, memberships (one
    // ended, one empty, one team without any) and walks (some deleted)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-boards-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("old.db").path
    var configuration = Configuration()
    configuration.prepareDatabase { RunningTotals.registerFunctions($0) }
    let old = try DatabaseQueue(path: path, configuration: configuration)
    try Migrations.migrator.migrate(old, upTo: "v1-initial")
    try old.write { db in
      try db.execute(
        sql: """
          INSERT INTO member(id, handle, name, strideMetres) VALUES
            (1, 'a', 'A', 0.7), (2, 'b', 'B', 0.7), (3, 'c', 'C', 0.7);
          INSERT INTO team(id, name, nameKey, maxMembers) VALUES
            (1, 'One', 'one', 10), (2, 'Two', 'two', 10), (3, 'Three', 'three', 10);
          INSERT INTO membership(id, teamId, memberId, role, joined, "left") VALUES
            (1, 1, 1, 'captain', '2026-01-01', '2026-02-02'),
            (2, 2, 1, 'member', '2026-02-02', NULL),
            (3, 1, 2, 'member', '2026-01-01', NULL),
            (4, 1, 3, 'member', '2026-01-05', '2026-01-05');
          INSERT INTO walk(memberId, date, distanceMetres, source, isDeleted) VALUES
            (1, '2026-02-01', 0.1, 'manual', 0), (1, '2026-02-01', 0.2, 'manual', 0),
            (1, '2026-02-02', 5, 'manual', 0), (1, '2026-02-03', 7, 'manual', 1),
            (3, '2026-01-05', 3, 'manual', 0);
          """)
    }
    try old.close()
    // When milequest opens it, then the team totals hold what the memberships counted
    let store = try SQLiteStore(path: path, creating: .never)
    let report = try store.check(today: Self.start)
    #expect(report.schemaVersion == "v9-goal-team-by-team")
    #expect(report.problems.filter { $0.contains("totals") }.isEmpty, "\(report.problems)")
    let kept = try #require(try store.read { try $0.teamTotals() })
    #expect(
      kept[1] == Totals(sum: ExactSum([0.1, 0.2]), walks: 2, members: 2, walkers: 1))
    #expect(kept[1]?.sum.parts == ExactSum([0.1, 0.2]).parts)
    #expect(kept[2] == Totals(sum: ExactSum([5]), walks: 1, members: 1, walkers: 1))
    #expect(kept[3] == Totals(sum: ExactSum(), walks: 0, members: 0, walkers: 0))
  }
}
