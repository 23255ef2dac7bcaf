import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit

/// Issue 12: which walks count for nothing, and why (the rule behind the warnings of `log`
/// and the imports). Team 1 "Fast Feet", team 2 "Owls"; member 7 is ben.
@Suite("UncountedWalks")
struct UncountedWalksTests {
  typealias F = RuleFixture

  static func goal(
    _ id: Int64, teams: [Int64], start: LocalDate, end: LocalDate? = nil,
    state: GoalState = .active
  ) -> Goal {
    Goal(
      id: id, name: "G\(id)", routeId: nil, targetMetres: 100_000, mode: .together, start: start,
      end: end, dailyCapMetres: nil, state: state, teamIds: teams)
  }

  static func membership(
    _ id: Int64, team: Int64, joined: LocalDate, left: LocalDate? = nil
  ) -> Membership {
    Membership(id: id, teamId: team, memberId: 7, role: .member, joined: joined, left: left)
  }

  @Test("a member in no team: counts for no team")
  func noTeam() throws {
    let finding = UncountedWalks.finding(
      date: try F.day(3, 2), memberships: [], goals: [], today: try F.day(3, 4))
    #expect(finding == .init(scope: .noTeam, reasons: [.inNoTeam]))
    // With no team at all (personal use), a walk misses nothing.
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 2), memberships: [], goals: [], today: try F.day(3, 4),
        teamsExist: false) == nil)
  }

  @Test("a walk before the join of the current membership: movable, with the goal window")
  func beforeJoin() throws {
    let today = try F.day(12, 6)
    let memberships = [Self.membership(1, team: 1, joined: today)]
    let goals = [Self.goal(5, teams: [1], start: today)]
    let finding = UncountedWalks.finding(
      date: try F.day(11, 30), memberships: memberships, goals: goals, today: today)
    #expect(
      finding
        == .init(
          scope: .noTeam,
          reasons: [
            .beforeJoin(teamId: 1, joined: today, movable: true),
            .beforeStart(goalId: 5, start: today),
          ]))
  }

  @Test("a walk on or after the leave date of the last membership: movable")
  func afterLeave() throws {
    let memberships = [Self.membership(1, team: 1, joined: try F.day(3, 1), left: try F.day(3, 10))]
    for day in [10, 12] {
      let finding = UncountedWalks.finding(
        date: try F.day(3, day), memberships: memberships, goals: [], today: try F.day(3, 15))
      #expect(
        finding
          == .init(
            scope: .noTeam, reasons: [.afterLeave(teamId: 1, left: try F.day(3, 10), movable: true)]
          ))
    }
    // The day before leaving still counts.
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 9), memberships: memberships, goals: [], today: try F.day(3, 15)) == nil)
  }

  @Test("between two memberships: before the current one's join, which can move back")
  func betweenPeriods() throws {
    let memberships = [
      Self.membership(1, team: 1, joined: try F.day(3, 1), left: try F.day(3, 5)),
      Self.membership(2, team: 1, joined: try F.day(3, 10)),
    ]
    let finding = UncountedWalks.finding(
      date: try F.day(3, 7), memberships: memberships, goals: [], today: try F.day(3, 15))
    #expect(
      finding?.reasons == [.beforeJoin(teamId: 1, joined: try F.day(3, 10), movable: true)])
    // Between two past memberships: after the first one's leave, which cannot move (the
    // second one follows).
    let past = [
      Self.membership(1, team: 1, joined: try F.day(3, 1), left: try F.day(3, 5)),
      Self.membership(2, team: 1, joined: try F.day(3, 10), left: try F.day(3, 12)),
    ]
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 7), memberships: past, goals: [], today: try F.day(3, 15))?.reasons
        == [.afterLeave(teamId: 1, left: try F.day(3, 5), movable: false)])
  }

  @Test("a walk that counts for a team without goals counts: no finding")
  func teamWithoutGoals() throws {
    let memberships = [Self.membership(1, team: 1, joined: try F.day(3, 1))]
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 2), memberships: memberships, goals: [], today: try F.day(3, 4)) == nil)
    // Cancelled goals and goals whose last day is past are not open: no finding either.
    let closed = [
      Self.goal(5, teams: [1], start: try F.day(3, 3), state: .cancelled),
      Self.goal(6, teams: [1], start: try F.day(3, 3), end: try F.day(3, 3)),
    ]
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 2), memberships: memberships, goals: closed, today: try F.day(3, 4))
        == nil)
  }

  @Test("counts for a team but for none of its open goals: the goal window")
  func noGoal() throws {
    let memberships = [Self.membership(1, team: 1, joined: try F.day(3, 1))]
    let goals = [Self.goal(5, teams: [1], start: try F.day(3, 3))]
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 2), memberships: memberships, goals: goals, today: try F.day(3, 4))
        == .init(scope: .noGoal, reasons: [.beforeStart(goalId: 5, start: try F.day(3, 3))]))
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 3), memberships: memberships, goals: goals, today: try F.day(3, 4))
        == nil)
  }

  @Test("counts for one goal of two: no finding; for another team's goal it has not joined: why")
  func twoTeams() throws {
    let memberships = [
      Self.membership(1, team: 1, joined: try F.day(3, 1)),
      Self.membership(2, team: 2, joined: try F.day(3, 5)),
    ]
    let goals = [Self.goal(6, teams: [2], start: try F.day(3, 1))]
    // Team 1 has no goal; team 2's goal misses the walk because ben joined team 2 later.
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 2), memberships: memberships, goals: goals, today: try F.day(3, 6))
        == .init(
          scope: .noGoal,
          reasons: [.beforeJoin(teamId: 2, joined: try F.day(3, 5), movable: true)]))
    let both = goals + [Self.goal(7, teams: [1], start: try F.day(3, 1))]
    #expect(
      UncountedWalks.finding(
        date: try F.day(3, 2), memberships: memberships, goals: both, today: try F.day(3, 6))
        == nil)
  }

  @Test("the checker agrees with the rule on every day")
  func checkerAgrees() throws {
    let memberships = [
      Self.membership(1, team: 1, joined: try F.day(3, 3), left: try F.day(3, 8)),
      Self.membership(2, team: 1, joined: try F.day(3, 10)),
      Self.membership(3, team: 2, joined: try F.day(3, 5)),
    ]
    let goals = [
      Self.goal(5, teams: [1], start: try F.day(3, 4), end: try F.day(3, 30)),
      Self.goal(6, teams: [2, 9], start: try F.day(3, 12)),
      Self.goal(7, teams: [9], start: try F.day(3, 1)),
    ]
    let today = try F.day(3, 20)
    let checker = UncountedWalks.Checker(memberships: memberships, goals: goals, today: today)
    for offset in 0..<25 {
      let day = try F.day(3, 1).adding(days: offset)
      #expect(
        checker.finding(date: day)
          == UncountedWalks.finding(
            date: day, memberships: memberships,
            goals: goals.filter { $0.teamIds.contains(1) || $0.teamIds.contains(2) },
            today: today), "\(day)")
    }
  }

  @Test("counted days: every walk inside them counts, on random memberships and goals")
  func countedDaysHoldNoFinding() throws {
    // A small deterministic generator: memberships that leave, rejoin and move; goals with
    // and without ends, cancelled ones, others' teams and one that counts no walks.
    var state: UInt64 = 16
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let first = try F.day(1, 1)
    let today = try F.day(3, 20)
    let rides = ActivityCounting(full: [.cycle], factors: [:])
    var spans = 0
    for _ in 0..<300 {
      var memberships: [Membership] = []
      for id in 0..<next(4) {
        let joined = first.adding(days: next(80))
        let left = next(2) == 0 ? nil : joined.adding(days: 1 + next(40))
        memberships.append(
          Self.membership(Int64(id + 1), team: Int64(1 + next(3)), joined: joined, left: left))
      }
      var goals: [Goal] = []
      for id in 0..<next(4) {
        let start = first.adding(days: next(80))
        var goal = Self.goal(
          Int64(10 + id), teams: [Int64(1 + next(4))], start: start,
          end: next(2) == 0 ? nil : start.adding(days: next(60)),
          state: next(5) == 0 ? .cancelled : .active)
        if next(6) == 0 { goal.activities = rides }
        goals.append(goal)
      }
      let checker = UncountedWalks.Checker(memberships: memberships, goals: goals, today: today)
      for offset in 0..<90 {
        let day = first.adding(days: offset)
        guard let days = checker.countedDays(around: day) else { continue }
        spans += 1
        #expect(days.contains(day) && days.upperBound <= today)
        var covered = days.lowerBound
        while covered <= days.upperBound {
          #expect(checker.finding(date: covered) == nil, "\(memberships) \(goals) \(covered)")
          covered = covered.adding(days: 1)
        }
      }
      // A day that counts finds its days, unless it is after today.
      for offset in 0..<90 {
        let day = first.adding(days: offset)
        if day <= today, checker.finding(date: day) == nil, !memberships.isEmpty,
          memberships.contains(where: { $0.covers(day) })
        {
          let teams = Set(memberships.map(\.teamId))
          let open = goals.filter {
            UncountedWalks.isOpen($0, on: today) && $0.teamIds.contains(where: teams.contains)
          }
          let expectSpan =
            open.isEmpty
            || memberships.contains { membership in
              membership.covers(day)
                && open.contains {
                  $0.teamIds.contains(membership.teamId) && $0.window.contains(day)
                    && $0.activities.counts(.walk)
                }
            }
          #expect((checker.countedDays(around: day) != nil) == expectSpan, "\(day)")
        }
      }
    }
    #expect(spans > 1_000)
  }

  @Test("summaries: one line per member and reason, with the earliest or latest date in the fix")
  func summary() throws {
    var summary = UncountedWalks.Summary()
    let joined = try F.day(12, 6)
    let before = UncountedWalks.Finding(
      scope: .noTeam, reasons: [.beforeJoin(teamId: 1, joined: joined, movable: true)])
    for day in [3, 1, 2] {
      summary.add(memberId: 7, date: try F.day(12, day), before)
    }
    let left = UncountedWalks.Finding(
      scope: .noTeam, reasons: [.afterLeave(teamId: 1, left: try F.day(3, 1), movable: true)])
    summary.add(memberId: 8, date: try F.day(3, 4), left)
    summary.add(memberId: 8, date: try F.day(3, 2), left)
    let names = UncountedWalks.Names(
      members: [7: "ben", 8: "cai"], teams: [1: "Fast Feet"], goals: [:])
    #expect(
      UncountedWalks.messages(summary, names: names) == [
        "3 walks of ben (2026-12-01 to 2026-12-03) count for no team: ben joined Fast Feet on "
          + "2026-12-06; to count earlier walks: milequest team add \"Fast Feet\" ben --since "
          + "2026-12-01",
        "2 walks of cai (2026-03-02 to 2026-03-04) count for no team: cai left Fast Feet on "
          + "2026-03-01; to count later walks: milequest team remove \"Fast Feet\" cai --on "
          + "2026-03-05",
      ])
    #expect(
      UncountedWalks.messages(summary, names: names, limit: 1).last
        == "… and 1 more reasons like these")
  }

  @Test("a walk of one: the single-walk wording, the goal fix, no fix when none exists")
  func singleMessages() throws {
    var summary = UncountedWalks.Summary()
    summary.add(
      memberId: 7, date: try F.day(11, 30),
      .init(
        scope: .noGoal,
        reasons: [
          .beforeStart(goalId: 5, start: try F.day(12, 6)),
          .beforeJoin(teamId: 1, joined: try F.day(12, 1), movable: false),
        ]))
    let names = UncountedWalks.Names(
      members: [7: "ben"], teams: [1: "Owls"], goals: [5: "Coast to Coast"])
    #expect(
      UncountedWalks.messages(summary, names: names) == [
        "ben's walk of 2026-11-30 counts for no goal: goal Coast to Coast starts on 2026-12-06; "
          + "to count earlier walks: milequest goal edit \"Coast to Coast\" --start 2026-11-30",
        "ben's walk of 2026-11-30 counts for no goal: ben joined Owls on 2026-12-01",
      ])
  }

  @Test(
    "shell quoting of names in hints",
    arguments: [
      ("Owls", "Owls"), ("Fast Feet", "\"Fast Feet\""), ("Ann's", "\"Ann's\""),
      ("$HOME \"x\"", "'$HOME \"x\"'"), ("it's $5", "'it'\\''s $5'"), ("", "\"\""),
    ])
  func quoting(_ pair: (String, String)) {
    #expect(ShellQuote.word(pair.0) == pair.1)
  }
}
