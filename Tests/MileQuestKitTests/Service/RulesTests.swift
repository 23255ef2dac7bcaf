import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// The service's rules (SPEC §1, §5 exit codes) on a fresh in-memory store per test.
/// Today is Friday 2026-03-20.
@Suite("Service rules")
struct RulesTests {
  static func today() throws -> LocalDate { try date(2026, 3, 20) }

  /// A store with members ana, ben, cai and team "Kiwis" (captain ana, member ben).
  static func world() throws -> SQLiteStore {
    let store = try SQLiteStore.inMemory()
    let admin = MileQuestService(store: store, today: try today())
    for handle in ["ana", "ben", "cai"] {
      _ = try admin.addMember(handle: handle, name: nil, email: nil, stride: nil)
    }
    let ana = try Self.service(store, as: "ana")
    _ = try ana.createTeam(name: "Kiwis", description: nil, maxMembers: nil, since: "2026-03-01")
    _ = try ana.addToTeam(team: "Kiwis", handles: ["ben"], role: .member, since: "2026-03-01")
    return store
  }

  static func service(_ store: SQLiteStore, as handle: String?) throws -> MileQuestService {
    MileQuestService(store: store, today: try today(), actingHandle: handle)
  }

  /// Everything a rule could change, for before/after comparisons.
  struct Snapshot: Equatable {
    var members: [Member]
    var teams: [Team]
    var memberships: [Membership]
    var goals: [Goal]
    var walks: [Walk]
  }

  static func snapshot(_ store: SQLiteStore) throws -> Snapshot {
    try store.read { db in
      let teams = try db.allTeams()
      return Snapshot(
        members: try db.allMembers(), teams: teams,
        memberships: try teams.flatMap { try db.memberships(teamId: $0.id ?? -1) },
        goals: try db.allGoals(),
        walks: try db.walks(WalkFilter(includeDeleted: true)))
    }
  }

  /// The error `body` throws, as a `MileQuestError` (nil when it does not throw one).
  static func error(_ body: () throws -> Void) -> MileQuestError? {
    do {
      try body()
      return nil
    } catch let error as MileQuestError {
      return error
    } catch {
      return .internalError("unexpected \(error)")
    }
  }

  // MARK: Members

  @Test(arguments: ["ana", "ANA", "Ana"])
  func duplicateHandleIsCaseInsensitive(_ handle: String) throws {
    // Given
    let store = try Self.world()
    // When
    let error = Self.error {
      _ = try Self.service(store, as: nil).addMember(
        handle: handle, name: nil, email: nil, stride: nil)
    }
    // Then
    #expect(error == .duplicate(kind: "member", name: "ana"))
    #expect(error?.exitCode == 65)
  }

  @Test func handlesAreStoredLowerCase() throws {
    let store = try SQLiteStore.inMemory()
    let member = try Self.service(store, as: nil).addMember(
      handle: "Zoe.W", name: nil, email: nil, stride: nil)
    #expect(member.handle == "zoe.w")
  }

  @Test(arguments: [
    "", "-ana", ".ana", "_ana", "an a", "ana!", "añа", "ana/b", String(repeating: "a", count: 33),
  ])
  func badHandleIsBadData(_ handle: String) throws {
    // Given
    let store = try SQLiteStore.inMemory()
    // When
    let error = Self.error {
      _ = try Self.service(store, as: nil).addMember(
        handle: handle, name: nil, email: nil, stride: nil)
    }
    // Then
    guard case .badData = error else {
      Issue.record("expected badData for '\(handle)', got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == 65)
    #expect(try Self.snapshot(store).members.isEmpty)
  }

  @Test(arguments: ["a", "0", "a.b-c_d", String(repeating: "z", count: 32)])
  func goodHandlesAreAccepted(_ handle: String) throws {
    let store = try SQLiteStore.inMemory()
    let member = try Self.service(store, as: nil).addMember(
      handle: handle, name: nil, email: nil, stride: nil)
    #expect(member.handle == handle)
  }

  // MARK: Teams and roles

  @Test func teamCreatorBecomesCaptain() throws {
    // Given / When: ana created Kiwis (in `world`).
    let store = try Self.world()
    // Then
    let memberships = try Self.snapshot(store).memberships
    let ana = try #require(try store.read { try $0.member(handle: "ana") })
    let own = memberships.filter { $0.memberId == ana.id }
    #expect(own.map(\.role) == [.captain])
    #expect(own.map(\.joined) == [try date(2026, 3, 1)])  // --since back-dates the join
  }

  @Test func nonCaptainCannotAddMembers() throws {
    // Given
    let store = try Self.world()
    let before = try Self.snapshot(store)
    // When: ben (a plain member) adds cai.
    let error = Self.error {
      _ = try Self.service(store, as: "ben").addToTeam(
        team: "Kiwis", handles: ["cai"], role: .member, since: nil)
    }
    // Then
    guard case .notAllowed = error else {
      Issue.record("expected notAllowed, got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == 77)
    #expect(try Self.snapshot(store) == before)
  }

  @Test func removingTheLastCaptainIsRefused() throws {
    // Given
    let store = try Self.world()
    let before = try Self.snapshot(store)
    // When: ana (the only captain) removes herself.
    let error = Self.error {
      _ = try Self.service(store, as: "ana").removeFromTeam(team: "Kiwis", handle: "ana", on: nil)
    }
    // Then
    guard case .ruleViolation = error else {
      Issue.record("expected ruleViolation, got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == 65)
    #expect(try Self.snapshot(store) == before)
  }

  @Test func demotingTheLastCaptainIsRefused() throws {
    // Given
    let store = try Self.world()
    let before = try Self.snapshot(store)
    // When
    let error = Self.error {
      _ = try Self.service(store, as: "ana").setRole(team: "Kiwis", handle: "ana", role: .member)
    }
    // Then
    guard case .ruleViolation = error else {
      Issue.record("expected ruleViolation, got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == 65)
    #expect(try Self.snapshot(store) == before)
  }

  @Test func aCaptainCanLeaveOnceAnotherIsPromoted() throws {
    // Given
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    // When
    _ = try ana.setRole(team: "Kiwis", handle: "ben", role: .captain)
    let ended = try ana.leaveTeam(team: "Kiwis", on: nil)
    // Then: left tomorrow, so today's walks still count.
    #expect(ended.left == (try date(2026, 3, 21)))
  }

  /// Regression (2026-11-26): a captain whose leave is scheduled (`left` = tomorrow, the
  /// default) counted as "another captain" today, so the remaining captain could demote
  /// himself and from tomorrow the team had no captain. SPEC §1: "A team always keeps at
  /// least one captain".
  @Test func theLastStayingCaptainCannotBeDemotedWhileAnotherIsLeaving() throws {
    // Given: ben is promoted, then ana leaves (effective tomorrow, 03-21).
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    _ = try ana.setRole(team: "Kiwis", handle: "ben", role: .captain)
    _ = try ana.leaveTeam(team: "Kiwis", on: nil)
    // When: ben demotes himself.
    let error = Self.error {
      _ = try Self.service(store, as: "ben").setRole(team: "Kiwis", handle: "ben", role: .member)
    }
    // Then: refused, or else nobody captains Kiwis from 03-21.
    guard case .ruleViolation = error else {
      Issue.record("expected ruleViolation, got \(String(describing: error))")
      return
    }
  }

  @Test func fullTeamIsRefused() throws {
    // Given: a team of at most 2: ana (creator) and ben.
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    _ = try ana.createTeam(name: "Pair", description: nil, maxMembers: 2, since: nil)
    _ = try ana.addToTeam(team: "Pair", handles: ["ben"], role: .member, since: nil)
    let before = try Self.snapshot(store)
    // When
    let error = Self.error {
      _ = try ana.addToTeam(team: "Pair", handles: ["cai"], role: .member, since: nil)
    }
    // Then (with a hint: raise the limit)
    guard case .ruleViolation = error?.withoutHint else {
      Issue.record("expected ruleViolation, got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == 65)
    #expect(try Self.snapshot(store) == before)
  }

  @Test func duplicateTeamNameIsCaseInsensitive() throws {
    let store = try Self.world()
    let error = Self.error {
      _ = try Self.service(store, as: "cai").createTeam(
        name: "KIWIS", description: nil, maxMembers: nil, since: nil)
    }
    #expect(error == .duplicate(kind: "team", name: "Kiwis"))
  }

  // MARK: Walks

  @Test func futureWalkDateIsBadData() throws {
    // Given
    let store = try Self.world()
    let before = try Self.snapshot(store)
    // When: tomorrow.
    let error = Self.error {
      _ = try Self.service(store, as: "ana").logWalk(.init(distance: "2km", date: "2026-03-21"))
    }
    // Then
    guard case .badData = error else {
      Issue.record("expected badData, got \(String(describing: error))")
      return
    }
    #expect(try Self.snapshot(store) == before)
  }

  @Test func todayAndPastDatesAreAccepted() throws {
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    #expect(try ana.logWalk(.init(distance: "2km")).walk.date == (try date(2026, 3, 20)))
    #expect(
      try ana.logWalk(.init(distance: "2km", date: "yesterday")).walk.date
        == (try date(2026, 3, 19)))
  }

  @Test(arguments: ["1000.01mi", "1001 mi", "1609.345km", "2000000m"])
  func walksOverAThousandMilesAreRefused(_ distance: String) throws {
    // Given
    let store = try Self.world()
    let before = try Self.snapshot(store)
    // When
    let error = Self.error {
      _ = try Self.service(store, as: "ana").logWalk(.init(distance: distance))
    }
    // Then
    guard case .badData = error else {
      Issue.record("expected badData for \(distance), got \(String(describing: error))")
      return
    }
    #expect(try Self.snapshot(store) == before)
  }

  @Test func exactlyAThousandMilesIsAccepted() throws {
    let store = try Self.world()
    let logged = try Self.service(store, as: "ana").logWalk(.init(distance: "1000mi"))
    #expect(logged.walk.distanceMetres == 1_609_344)  // 1000 · 1609.344, exact
  }

  @Test func unknownMemberIs67() throws {
    // Given
    let store = try Self.world()
    let before = try Self.snapshot(store)
    // When
    let error = Self.error {
      _ = try Self.service(store, as: "ana").logWalk(.init(member: "zed", distance: "2km"))
    }
    // Then
    #expect(error == .unknown(kind: "member", name: "zed"))
    #expect(error?.exitCode == 67)
    #expect(try Self.snapshot(store) == before)
  }

  @Test func unknownActingMemberIs67() throws {
    let store = try Self.world()
    let error = Self.error {
      _ = try Self.service(store, as: "nobody").logWalk(.init(distance: "2km"))
    }
    #expect(error?.exitCode == 67)
  }

  // MARK: Undo

  @Test func undoRevertsALog() throws {
    // Given
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    let before = try Self.snapshot(store)
    _ = try ana.logWalk(.init(distance: "3km"))
    #expect(try Self.snapshot(store).walks.count == before.walks.count + 1)
    // When
    _ = try ana.undo()
    // Then
    #expect(try Self.snapshot(store) == before)
  }

  @Test func undoRestoresADeletedWalk() throws {
    // Given
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    let logged = try ana.logWalk(.init(distance: "3km")).walk
    let id = try #require(logged.id)
    let before = try Self.snapshot(store)
    _ = try ana.deleteWalk(id: id)
    #expect(try store.read { try $0.walk(id: id) }?.isDeleted == true)
    // When
    _ = try ana.undo()
    // Then
    #expect(try store.read { try $0.walk(id: id) }?.isDeleted == false)
    #expect(try Self.snapshot(store) == before)
  }

  @Test func undoRevertsEveryKindOfChangeMadeByAFreshProcess() throws {
    // Each change is made, then undone, through a new store on the same file, as separate
    // commands would: the undo and running-total triggers are created lazily, per table and
    // kind of change, by each process.
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-undo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("u.db").path
    func service(_ handle: String?) throws -> (MileQuestService, SQLiteStore) {
      let store = try SQLiteStore(path: path)
      return (MileQuestService(store: store, today: try Self.today(), actingHandle: handle), store)
    }
    let (admin, setup) = try service(nil)
    for handle in ["ana", "ben", "cai"] {
      _ = try admin.addMember(handle: handle, name: nil, email: nil, stride: nil)
    }
    let ana0 = MileQuestService(store: setup, today: try Self.today(), actingHandle: "ana")
    _ = try ana0.createTeam(name: "Kiwis", description: nil, maxMembers: nil, since: "2026-03-01")
    _ = try ana0.addToTeam(team: "Kiwis", handles: ["ben"], role: .member, since: "2026-03-01")
    _ = try ana0.createGoal(
      .init(name: "Ton", teams: ["Kiwis"], distance: "100km", start: "2026-03-01"))
    let walkId = try #require(try ana0.logWalk(.init(distance: "4km", date: "2026-03-05")).walk.id)
    try setup.close()
    let changes: [(String, (MileQuestService) throws -> Void)] = [
      ("log", { _ = try $0.logWalk(.init(distance: "3km", date: "2026-03-06")) }),
      (
        "edit walk", { _ = try $0.editWalk(id: walkId, .init(distance: "6km", date: "2026-03-04")) }
      ),
      ("delete walk", { _ = try $0.deleteWalk(id: walkId) }),
      (
        "edit member",
        { _ = try $0.editMember(handle: "ben", name: "Benedict", email: nil, stride: "0.8m") }
      ),
      (
        "add to team",
        {
          _ = try $0.addToTeam(team: "Kiwis", handles: ["cai"], role: .member, since: "2026-03-02")
        }
      ),
      (
        "remove from team",
        { _ = try $0.removeFromTeam(team: "Kiwis", handle: "ben", on: "2026-03-04") }
      ),
      ("set role", { _ = try $0.setRole(team: "Kiwis", handle: "ben", role: .captain) }),
      ("cancel goal", { _ = try $0.cancelGoal(name: "Ton") }),
      ("create route", { _ = try $0.createRoute(name: "R", waypoints: ["0,0,A", "0,1,B"]) }),
    ]
    for (name, change) in changes {
      let (before, totalsBefore) = try {
        let (_, store) = try service("ana")
        defer { try? store.close() }
        return (
          try Self.snapshot(store),
          try store.read { try $0.membershipTotals().mapValues(\.sum.value) }
        )
      }()
      do {
        let (ana, store) = try service("ana")
        try change(ana)
        try store.close()
      }
      let (ana, store) = try service("ana")
      _ = try ana.undo()
      #expect(try Self.snapshot(store) == before, "\(name)")
      #expect(
        try store.read { try $0.membershipTotals().mapValues(\.sum.value) } == totalsBefore,
        "\(name)")
      #expect(try store.check().problems == [], "\(name)")
      try store.close()
    }
  }

  @Test func deletingADeletedWalkIsUnknown() throws {
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    let id = try #require(try ana.logWalk(.init(distance: "3km")).walk.id)
    _ = try ana.deleteWalk(id: id)
    let error = Self.error { _ = try ana.deleteWalk(id: id) }
    #expect(error?.exitCode == 67)
  }

  // MARK: All-or-nothing

  @Test func aFailedMultiMemberAddChangesNothing() throws {
    // Given: "Kiwis" with ana and ben; cai is fine but "zed" does not exist.
    let store = try Self.world()
    let before = try Self.snapshot(store)
    // When: cai would be added first, then zed fails.
    let error = Self.error {
      _ = try Self.service(store, as: "ana").addToTeam(
        team: "Kiwis", handles: ["cai", "zed"], role: .member, since: nil)
    }
    // Then: cai was not added either.
    #expect(error == .unknown(kind: "member", name: "zed"))
    #expect(try Self.snapshot(store) == before)
  }

  @Test func failedActionsLeaveTheStoreUnchanged() throws {
    // Given
    let store = try Self.world()
    let ana = try Self.service(store, as: "ana")
    _ = try ana.logWalk(.init(distance: "3km", date: "2026-03-10"))
    let before = try Self.snapshot(store)
    // When: a batch of refused actions.
    let failures: [() throws -> Void] = [
      { _ = try ana.addMember(handle: "BEN", name: nil, email: nil, stride: nil) },
      { _ = try ana.logWalk(.init(distance: "0km")) },
      { _ = try ana.logWalk(.init(distance: "-3km")) },
      { _ = try ana.logWalk(.init(distance: "2km", date: "2027-01-01")) },
      { _ = try ana.createTeam(name: "kiwis", description: nil, maxMembers: nil, since: nil) },
      { _ = try ana.removeFromTeam(team: "Kiwis", handle: "cai", on: nil) },
      {
        _ = try Self.service(store, as: "ben").removeFromTeam(team: "Kiwis", handle: "ana", on: nil)
      },
      { _ = try ana.deleteWalk(id: 9999) },
    ]
    for (index, failure) in failures.enumerated() {
      #expect(throws: MileQuestError.self, "failure \(index)") { try failure() }
    }
    // Then
    #expect(try Self.snapshot(store) == before)
  }
}
