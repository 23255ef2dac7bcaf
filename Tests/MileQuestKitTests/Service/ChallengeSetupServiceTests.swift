import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite

/// Issue 12, "setting up and correcting", in the service: moving join and leave dates,
/// editing a team, and the warnings of `log` and the imports. Today is Friday 2026-03-20;
/// ana captains Kiwis since 03-01, ben joined on 03-10, cai is in no team.
@Suite("Service: challenge set-up and corrections")
struct ChallengeSetupServiceTests {
  static func today() throws -> LocalDate { try date(2026, 3, 20) }

  static func world() throws -> SQLiteStore {
    let store = try SQLiteStore.inMemory()
    let admin = MileQuestService(store: store, today: try today())
    for handle in ["ana", "ben", "cai"] {
      _ = try admin.addMember(handle: handle, name: nil, email: nil, stride: nil)
    }
    let ana = service(store, as: "ana")
    _ = try ana.createTeam(name: "Kiwis", description: nil, maxMembers: 3, since: "2026-03-01")
    _ = try ana.addToTeam(team: "Kiwis", handles: ["ben"], role: .member, since: "2026-03-10")
    return store
  }

  static func service(_ store: SQLiteStore, as handle: String?) -> MileQuestService {
    MileQuestService(
      store: store, today: (try? today()) ?? LocalDate(dayNumber: 0), actingHandle: handle)
  }

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

  static func periods(_ store: SQLiteStore, _ handle: String) throws -> [Membership] {
    try store.read { db in
      let member = try db.requireMember(handle)
      return try db.memberships(memberId: member.id ?? -1)
    }
  }

  @Test("team add --since on a member moves the join date; totals stay exact; undo")
  func moveJoin() throws {
    let store = try Self.world()
    let ana = Self.service(store, as: "ana")
    _ = try ana.logWalk(.init(member: "ben", distance: "4km", date: "2026-03-05"))
    let changes = try ana.addOrMoveInTeam(
      team: "Kiwis", handles: ["ben"], role: nil, since: "2026-03-04")
    #expect(changes.map(\.kind) == [.joinMoved(from: try date(2026, 3, 10))])
    #expect(try Self.periods(store, "ben").map(\.joined) == [try date(2026, 3, 4)])
    #expect(try store.check().problems.isEmpty)
    let id = try #require(try Self.periods(store, "ben").first?.id)
    #expect(try store.read { try $0.membershipTotals(ids: [id]) }?[id]?.value == 4000)
    _ = try ana.undo()
    #expect(try Self.periods(store, "ben").map(\.joined) == [try date(2026, 3, 10)])
    #expect(try store.check().problems.isEmpty)
  }

  @Test("moving a join: refused on overlap, at or after the leave date, for another role")
  func moveJoinRefused() throws {
    let store = try Self.world()
    let ana = Self.service(store, as: "ana")
    // ben: [03-10, 03-12), then again from 03-15.
    _ = try ana.removeFromTeam(team: "Kiwis", handle: "ben", on: "2026-03-12")
    _ = try ana.addToTeam(team: "Kiwis", handles: ["ben"], role: .member, since: "2026-03-15")
    let before = try Self.periods(store, "ben")
    let overlap = Self.error {
      _ = try ana.addOrMoveInTeam(team: "Kiwis", handles: ["ben"], role: nil, since: "2026-03-11")
    }
    #expect(overlap?.exitCode == 65)
    #expect(overlap.map { "\($0)" }?.contains("overlap") == true)
    // Right after the first membership is fine.
    _ = try ana.addOrMoveInTeam(team: "Kiwis", handles: ["ben"], role: nil, since: "2026-03-12")
    #expect(try Self.periods(store, "ben").map(\.joined).last == (try date(2026, 3, 12)))
    _ = try ana.undo()
    #expect(try Self.periods(store, "ben") == before)
    // A member leaving on 03-25: the join must stay before that.
    _ = try ana.removeFromTeam(team: "Kiwis", handle: "ben", on: "2026-03-25")
    #expect(
      Self.error {
        _ = try ana.addOrMoveInTeam(team: "Kiwis", handles: ["ben"], role: nil, since: "2026-03-25")
      }?.exitCode == 65)
    #expect(
      Self.error {
        _ = try ana.addOrMoveInTeam(
          team: "Kiwis", handles: ["ben"], role: .captain, since: "2026-03-16")
      }?.exitCode == 65)
    // Without --since it is still "already in the team", with the fix in the message.
    let already = Self.error {
      _ = try ana.addOrMoveInTeam(team: "Kiwis", handles: ["ben"], role: nil, since: nil)
    }
    #expect(already?.hint == .moveJoinDate(team: "Kiwis", handle: "ben"))
    // Not a captain: 77.
    #expect(
      Self.error {
        _ = try Self.service(store, as: "ben").addOrMoveInTeam(
          team: "Kiwis", handles: ["ben"], role: nil, since: "2026-03-16")
      }?.exitCode == 77)
    #expect(try store.check().problems.isEmpty)
  }

  @Test("team remove --on on a member who left moves the leave date; refused before the join")
  func moveLeave() throws {
    let store = try Self.world()
    let ana = Self.service(store, as: "ana")
    _ = try ana.logWalk(.init(member: "ben", distance: "2km", date: "2026-03-14"))
    _ = try ana.removeFromTeam(team: "Kiwis", handle: "ben", on: "2026-03-12")
    let change = try ana.removeOrMoveInTeam(team: "Kiwis", handle: "ben", on: "2026-03-16")
    #expect(change.kind == .leaveMoved(from: try date(2026, 3, 12)))
    #expect(try Self.periods(store, "ben").map(\.left) == [try date(2026, 3, 16)])
    let id = try #require(try Self.periods(store, "ben").first?.id)
    #expect(try store.read { try $0.membershipTotals(ids: [id]) }?[id]?.value == 2000)
    #expect(try store.check().problems.isEmpty)
    #expect(
      Self.error { _ = try ana.removeOrMoveInTeam(team: "Kiwis", handle: "ben", on: "2026-03-09") }?
        .exitCode == 65)
    // Without --on: already left, with the fix in the message.
    let left = Self.error { _ = try ana.removeOrMoveInTeam(team: "Kiwis", handle: "ben", on: nil) }
    #expect(left?.exitCode == 65)
    #expect(left?.hint == .moveLeaveDate(team: "Kiwis", handle: "ben"))
    _ = try ana.undo()
    #expect(try Self.periods(store, "ben").map(\.left) == [try date(2026, 3, 12)])
    #expect(try store.check().problems.isEmpty)
  }

  @Test("team edit: rename, description, limit; captains only; refusals")
  func editTeam() throws {
    let store = try Self.world()
    let ana = Self.service(store, as: "ana")
    let edited = try ana.editTeam("kiwis", name: "Fast Feet", description: "we walk", maxMembers: 5)
    #expect(edited.changed)
    #expect(edited.team.name == "Fast Feet" && edited.team.maxMembers == 5)
    // Same name in another case: allowed (the same team).
    #expect(
      try ana.editTeam("fast feet", name: "FAST feet", description: nil, maxMembers: nil).changed)
    // Nothing changes: nothing written, no undo step.
    #expect(
      try !ana.editTeam("Fast Feet", name: nil, description: "we walk", maxMembers: nil).changed)
    _ = try ana.createTeam(name: "Owls", description: nil, maxMembers: nil, since: nil)
    #expect(
      Self.error {
        _ = try ana.editTeam("owls", name: "fast FEET", description: nil, maxMembers: nil)
      }
        == .duplicate(kind: "team", name: "FAST feet"))
    #expect(
      Self.error {
        _ = try ana.editTeam("owls", name: "a\u{7}b", description: nil, maxMembers: nil)
      }?
      .exitCode == 65)
    #expect(
      Self.error {
        _ = try ana.editTeam(
          "owls", name: String(repeating: "x", count: 61), description: nil, maxMembers: nil)
      }?.exitCode == 65)
    #expect(
      Self.error { _ = try ana.editTeam("Fast Feet", name: nil, description: nil, maxMembers: 1) }?
        .exitCode == 65)
    #expect(
      Self.error {
        _ = try Self.service(store, as: "ben").editTeam(
          "Fast Feet", name: "X", description: nil, maxMembers: nil)
      }?.exitCode == 77)
    _ = try ana.undo()  // Owls
    _ = try ana.undo()  // FAST feet
    #expect(try store.read { try $0.team(name: "fast feet") }?.name == "Fast Feet")
  }

  @Test("the full-team hint names a command that exists")
  func fullTeamHint() throws {
    let store = try Self.world()
    let ana = Self.service(store, as: "ana")
    _ = try ana.addToTeam(team: "Kiwis", handles: ["cai"], role: .member, since: nil)
    _ = try Self.service(store, as: nil).addMember(
      handle: "dee", name: nil, email: nil, stride: nil)
    let full = Self.error {
      _ = try ana.addToTeam(team: "Kiwis", handles: ["dee"], role: .member, since: nil)
    }
    // The Kit says what would help; the CLI names the command (ChallengeSetupTests).
    #expect(full?.hint == .raiseMemberLimit(team: "Kiwis"))
    #expect(full?.exitCode == 65)
  }

  @Test("log warns about a walk that counts for nothing, and says nothing of one that counts")
  func logWarnings() throws {
    let store = try Self.world()
    let ana = Self.service(store, as: "ana")
    let early = try ana.logWalk(.init(member: "ben", distance: "2km", date: "2026-03-08"))
    #expect(
      early.warnings == [
        "ben's walk of 2026-03-08 counts for no team: ben joined Kiwis on 2026-03-10; to count "
          + "earlier walks: milequest team add Kiwis ben --since 2026-03-08"
      ])
    #expect(
      try ana.logWalk(.init(member: "ben", distance: "2km", date: "2026-03-10")).warnings == [])
    #expect(
      try ana.logWalk(.init(member: "cai", distance: "2km")).warnings.first?.contains(
        "cai is in no team") == true)
  }

  @Test("imports summarise the walks that count for nothing per member and reason")
  func importWarnings() throws {
    let store = try Self.world()
    var csv = "member,date,distance\n"
    for day in 1...9 { csv += "ben,2026-03-0\(day),1km\n" }
    csv += "ben,2026-03-11,1km\n"
    let report = try Self.service(store, as: "ana").importWalks(
      Array(csv.utf8), format: .csv, file: "w.csv", dryRun: false)
    #expect(report.added == 10)
    #expect(
      report.warnings == [
        "9 walks of ben (2026-03-01 to 2026-03-09) count for no team: ben joined Kiwis on "
          + "2026-03-10; to count earlier walks: milequest team add Kiwis ben --since 2026-03-01"
      ])
    let again = try Self.service(store, as: "ana").importWalks(
      Array(csv.utf8), format: .csv, file: "w.csv", dryRun: true)
    #expect(again.warnings == report.warnings)
  }
}
