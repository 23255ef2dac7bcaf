import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite

/// Issue 13: the Kit's refusals of requests that combine things that do not go together speak
/// of the domain, not of command-line flags (the CLI names its flags itself, before the Kit
/// is asked); their exit codes are those of SPEC §5.
@Suite("Service: domain words for refused combinations")
struct OptionsDomainMessageTests {
  static func refusal(_ body: () throws -> Void) -> MileQuestError? {
    do {
      try body()
      return nil
    } catch let error as MileQuestError {
      return error
    } catch {
      return nil
    }
  }

  @Test("leaderboard, stats and goal refusals name no flag and keep their codes")
  func refusals() throws {
    let store = try SQLiteStore.inMemory()
    let today = LocalDate(dayNumber: 20_000)
    let admin = MileQuestService(store: store, today: today)
    _ = try admin.addMember(handle: "ana", name: nil, email: nil, stride: nil)
    let ana = MileQuestService(store: store, today: today, actingHandle: "ana")
    _ = try ana.createTeam(name: "Kiwis", description: nil, maxMembers: nil, since: nil)
    typealias Board = MileQuestService.LeaderboardRequest
    let cases: [(String, Int32, () throws -> Void)] = [
      (
        "period and range", 64,
        { _ = try ana.leaderboard(Board(period: .week, from: "2026-01-01")) }
      ),
      (
        "range backwards", 65,
        {
          _ = try ana.leaderboard(Board(from: "2026-02-01", to: "2026-01-01"))
        }
      ),
      ("team and teams", 64, { _ = try ana.leaderboard(Board(team: "Kiwis", teams: true)) }),
      ("member and team", 64, { _ = try ana.stats(member: "ana", team: "Kiwis") }),
      (
        "goal without team", 64,
        {
          _ = try ana.createGoal(.init(name: "G", teams: [], mode: .race, distance: "5km"))
        }
      ),
      (
        "goal with route and distance", 64,
        {
          _ = try ana.createGoal(
            .init(name: "G", teams: ["Kiwis"], mode: .race, route: "R", distance: "5km"))
        }
      ),
      (
        "cap and no cap", 64,
        {
          _ = try ana.editGoal(name: "G", .init(dailyCap: "5km", noDailyCap: true))
        }
      ),
    ]
    for (what, code, body) in cases {
      let error = try #require(Self.refusal(body), "\(what)")
      #expect(error.exitCode == code, "\(what): \(error)")
      #expect(!error.description.contains("--"), "\(what): \(error)")
    }
  }
}
