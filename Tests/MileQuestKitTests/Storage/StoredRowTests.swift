import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@_spi(Testing) @testable import MileQuestKit
@_spi(Testing) @testable import MileQuestSQLite

/// Issue 11: reading a stored row never traps. Each value is written as the sqlite3 shell would
/// (`SQLiteStore.overwrite`), then read back through the store.
@Suite struct StoredRowTests {
  /// A WAL-file store with ann (1) and bob (2) in team Kiwis (memberships 1, 2), walks 1 and 2.
  static func world() throws -> (store: SQLiteStore, path: String, cleanup: () -> Void) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-stored-\(UUID().uuidString)")
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    let service = MileQuestService(
      store: store, today: LocalDate(year: 2026, month: 3, day: 15)!, actingHandle: "ann")
    _ = try service.addMember(handle: "ann", name: "Ann", email: nil, stride: nil)
    _ = try service.addMember(handle: "bob", name: nil, email: nil, stride: nil)
    _ = try service.createTeam(
      name: "Kiwis", description: nil, maxMembers: nil, since: "2026-03-01")
    _ = try service.addToTeam(team: "Kiwis", handles: ["bob"], role: .member, since: "2026-03-01")
    _ = try service.logWalk(.init(member: "ann", distance: "3", date: "2026-03-10"))
    _ = try service.logWalk(.init(member: "bob", distance: "2", date: "2026-03-11"))
    return (store, path, { try? FileManager.default.removeItem(at: directory) })
  }

  /// The `.badData` message of `body`, or nil when it succeeds.
  static func badData(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch MileQuestError.badData(let message) {
      return message
    } catch {
      return "not bad data: \(error)"
    }
  }

  static let badValues:
    [(table: String, column: String, rowid: Int64, value: RawStoredValue, names: String)] = [
      ("walk", "date", 1, .text("2026-02-30"), "walk 1"),
      ("walk", "date", 1, .text("10000-01-01"), "walk 1"),
      ("walk", "date", 1, .integer(20_260_310), "walk 1"),
      ("walk", "distanceMetres", 1, .text("abc"), "walk 1"),
      ("walk", "distanceMetres", 1, .real(-5), "walk 1"),
      ("walk", "distanceMetres", 1, .real(.infinity), "walk 1"),
      ("walk", "source", 1, .text("strava"), "walk 1"),
      ("walk", "steps", 1, .text("many"), "walk 1"),
      ("walk", "note", 1, .blob([0xff, 0xfe]), "walk 1"),
      ("walk", "durationSeconds", 1, .real(-1), "walk 1"),
      ("walk", "isDeleted", 1, .text("no"), "walk 1"),
    ]

  @Test(arguments: 0..<badValues.count)
  func aBadWalkValueIsBadDataNamingTheRow(_ index: Int) throws {
    // Given
    let bad = Self.badValues[index]
    let (store, path, cleanup) = try Self.world()
    defer { cleanup() }
    let old = try SQLiteStore.overwrite(
      databaseAt: path, table: bad.table, column: bad.column, rowid: bad.rowid, with: bad.value)
    try #require(old != nil)

    // When
    let message = Self.badData {
      _ = try store.read { db in try db.walks(WalkFilter(includeDeleted: true)) }
    }

    // Then
    #expect(
      message?.hasPrefix("stored \(bad.names) has a bad \(bad.column)") == true, "\(message ?? "-")"
    )
    #expect(message?.contains("milequest check") == true)
  }

  @Test func membershipsMembersTeamsAndGoalsReadSafely() throws {
    let (store, path, cleanup) = try Self.world()
    defer { cleanup() }
    let cases: [(String, String, Int64, RawStoredValue, (any StoreReading) throws -> Void)] = [
      ("membership", "role", 2, .text("emperor"), { _ = try $0.allMemberships() }),
      ("membership", "left", 2, .text("10000-01-01"), { _ = try $0.memberships(teamId: 1) }),
      ("member", "strideMetres", 2, .text("long"), { _ = try $0.allMembers() }),
      ("member", "archivedOn", 2, .text("2026-13-01"), { _ = try $0.member(handle: "bob") }),
      ("team", "maxMembers", 1, .text("lots"), { _ = try $0.allTeams() }),
      ("team", "maxMembers", 1, .integer(0), { _ = try $0.team(name: "Kiwis") }),
    ]
    for (table, column, rowid, value, read) in cases {
      let old = try #require(
        try SQLiteStore.overwrite(
          databaseAt: path, table: table, column: column, rowid: rowid, with: value))
      let message = Self.badData { try store.read(read) }
      #expect(
        message?.hasPrefix("stored \(table) \(rowid) has a bad \(column)") == true,
        "\(message ?? "-")")
      _ = try SQLiteStore.overwrite(
        databaseAt: path, table: table, column: column, rowid: rowid, with: old)
      #expect(Self.badData { try store.read(read) } == nil, "restoring \(table).\(column)")
    }
  }

  @Test func checkListsEveryBadRowAndTheRules() throws {
    // Given two unreadable walks and a membership that leaves before it joins
    let (store, path, cleanup) = try Self.world()
    defer { cleanup() }
    let today = LocalDate(year: 2026, month: 3, day: 15)!
    #expect(try store.check(today: today).problems == [])
    _ = try SQLiteStore.overwrite(
      databaseAt: path, table: "walk", column: "date", rowid: 1, with: .text("2026-02-30"))
    _ = try SQLiteStore.overwrite(
      databaseAt: path, table: "walk", column: "source", rowid: 2, with: .text("strava"))
    _ = try SQLiteStore.overwrite(
      databaseAt: path, table: "membership", column: "left", rowid: 2, with: .text("2026-01-01"))

    // When
    let problems = try store.check(today: today).problems

    // Then
    #expect(
      problems.contains(
        "walk 1: bad date \"2026-02-30\" (expected a date YYYY-MM-DD up to 9999-12-31)"),
      "\(problems)")
    #expect(problems.contains { $0.hasPrefix("walk 2: bad source \"strava\"") }, "\(problems)")
    #expect(
      problems.contains("membership 2: left 2026-01-01 is before joined 2026-03-01"), "\(problems)")
  }

  @Test func aSalvagingReadLeavesOutBadRowsAndNamesThem() throws {
    let (store, path, cleanup) = try Self.world()
    defer { cleanup() }
    _ = try SQLiteStore.overwrite(
      databaseAt: path, table: "walk", column: "date", rowid: 1, with: .text("2026-02-30"))
    let skipped = SkippedRows()

    let walks = try store.readSalvaging(skipped) { db in try db.walks(WalkFilter()) }

    #expect(walks.map(\.id) == [2])
    #expect(skipped.rows.count == 1)
    #expect(skipped.rows.first?.hasPrefix("walk 1 has a bad date") == true, "\(skipped.rows)")
  }

  @Test func noDatePastYear9999IsStored() throws {
    let store = try SQLiteStore.inMemory()
    let late = LocalDate(year: 9999, month: 12, day: 31)!.adding(days: 1)
    #expect(late.description == "10000-01-01")
    let message = Self.badData {
      _ = try store.write(change: "x") { db in
        let member = try db.insert(Member(handle: "a", name: "A", strideMetres: 0.7))
        _ = try db.insert(
          Walk(memberId: member.id ?? -1, date: late, distanceMetres: 5, source: .manual))
      }
    }
    #expect(message?.contains("10000-01-01") == true, "\(message ?? "-")")
    #expect(try store.read { db in try db.allMembers() }.isEmpty)
  }
}

/// Issue 11: the rules of each entrance, as `import all` and `check` apply them.
@Suite struct RecordRulesTests {
  let today = LocalDate(year: 2026, month: 3, day: 15)!

  @Test func walks() throws {
    let good = Walk(
      memberId: 1, date: today, distanceMetres: 5000, durationSeconds: 3600, steps: 7000, note: "ok"
    )
    try RecordRules.walk(good, today: today)
    var bad: [Walk] = []
    for change in [
      { (w: inout Walk) in w.distanceMetres = 0 }, { $0.distanceMetres = -1 },
      { $0.distanceMetres = 2_000_000 }, { $0.distanceMetres = .nan },
      { $0.date = today.adding(days: 1) }, { $0.durationSeconds = -5 }, { $0.steps = -1 },
      { $0.note = "a\u{7}b" }, { $0.note = String(repeating: "x", count: 501) },
    ] {
      var walk = good
      change(&walk)
      bad.append(walk)
    }
    for walk in bad {
      #expect(throws: MileQuestError.self, "\(walk)") { try RecordRules.walk(walk, today: today) }
    }
  }

  @Test func membersTeamsMembershipsGoals() throws {
    try RecordRules.member(Member(handle: "ann", name: "Ann", strideMetres: 0.762))
    #expect(throws: MileQuestError.self) {
      try RecordRules.member(Member(handle: "ann", name: "Ann", strideMetres: 0))
    }
    #expect(throws: MileQuestError.self) {
      try RecordRules.member(Member(handle: "Ann", name: "Ann", strideMetres: 0.7))
    }
    #expect(throws: MileQuestError.self) {
      try RecordRules.team(Team(name: "T", maxMembers: 0))
    }
    #expect(throws: MileQuestError.self) {
      try RecordRules.membership(
        Membership(
          teamId: 1, memberId: 1, role: .member, joined: today, left: today.adding(days: -1)))
    }
    let goal = Goal(
      name: "G", routeId: nil, targetMetres: 1000, mode: .race, start: today,
      end: today.adding(days: -1), dailyCapMetres: nil, state: .active, teamIds: [1])
    #expect(throws: MileQuestError.self) { try RecordRules.goal(goal) }
    var noTeam = goal
    noTeam.end = nil
    try RecordRules.goal(noTeam)
    noTeam.teamIds = []
    #expect(throws: MileQuestError.self) { try RecordRules.goal(noTeam) }
  }

  @Test func teamsNeedACaptainAndRoom() {
    let team = Team(id: 1, name: "T", maxMembers: 1)
    let member = Membership(teamId: 1, memberId: 1, role: .member, joined: today)
    let captain = Membership(teamId: 1, memberId: 2, role: .captain, joined: today)
    #expect(RecordRules.teamProblems(team, memberships: [captain], today: today) == [])
    #expect(
      RecordRules.teamProblems(team, memberships: [member], today: today) == [
        "team 'T' has no captain"
      ])
    #expect(
      RecordRules.teamProblems(team, memberships: [member, captain], today: today)
        == ["team 'T' has 2 members, more than its max_members 1"])
  }
}
