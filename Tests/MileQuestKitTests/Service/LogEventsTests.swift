import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite

/// `log` announces milestones, arrivals and completions. It proves from two totals that most
/// walks announce nothing and computes whole progress reports only otherwise; these tests
/// check it against the plain definition: the difference between every goal's progress just
/// before and just after the walk.
@Suite("log announcements")
struct LogEventsTests {
  static let today = LocalDate(year: 2026, month: 3, day: 31)!

  /// Teams Kiwis (ana, ben, cai) and Emus (dee, eve, and ben, who is in both), a route with
  /// three labelled waypoints, and goals of every kind over it: a race, a goal together with
  /// a daily cap, a plain distance race, a goal of one team that ends early, and an uncapped
  /// pool of both teams. The races from the 1st take their totals from the running totals;
  /// the others read the walks (a cap, walks outside the window, a member in two teams).
  static func world() throws -> SQLiteStore {
    let store = try SQLiteStore.inMemory()
    let admin = MileQuestService(store: store, today: today)
    for handle in ["ana", "ben", "cai", "dee", "eve"] {
      _ = try admin.addMember(handle: handle, name: nil, email: nil, stride: nil)
    }
    let ana = MileQuestService(store: store, today: today, actingHandle: "ana")
    let dee = MileQuestService(store: store, today: today, actingHandle: "dee")
    _ = try ana.createTeam(name: "Kiwis", description: nil, maxMembers: nil, since: "2026-03-01")
    _ = try ana.addToTeam(
      team: "Kiwis", handles: ["ben", "cai"], role: .member, since: "2026-03-01")
    _ = try dee.createTeam(name: "Emus", description: nil, maxMembers: nil, since: "2026-03-01")
    _ = try dee.addToTeam(
      team: "Emus", handles: ["eve", "ben"], role: .member, since: "2026-03-05")
    // cai leaves the Kiwis on the 20th: later walks count for nothing.
    _ = try ana.removeFromTeam(team: "Kiwis", handle: "cai", on: "2026-03-20")
    _ = try ana.createRoute(
      name: "Coast",
      waypoints: [
        "-41.29,174.78,Wellington", "-41.0,175.0", "-40.9,175.3,Masterton",
        "-40.35,175.61,Palmerston North", "-39.93,175.05",
      ])
    _ = try ana.createGoal(
      .init(
        name: "Coast race", teams: ["Kiwis", "Emus"], mode: .race, route: "Coast",
        start: "2026-03-01"))
    _ = try ana.createGoal(
      .init(
        name: "Coast together", teams: ["Kiwis", "Emus"], mode: .together, route: "Coast",
        start: "2026-03-03", dailyCap: "9km"))
    _ = try ana.createGoal(
      .init(
        name: "Century", teams: ["Kiwis", "Emus"], mode: .race, distance: "60km",
        start: "2026-03-01"))
    // Created on the 1st, when its end was ahead; its grace period keeps it open through the
    // 31st, so late walks dated up to the 18th still move it.
    _ = try MileQuestService(store: store, today: date(2026, 3, 1), actingHandle: "ana")
      .createGoal(
        .init(
          name: "Early", teams: ["Kiwis"], mode: .race, distance: "25km",
          start: "2026-03-02", end: "2026-03-18", grace: "13"))
    // Uncapped and pooled, with ben in both teams: his walks count once, though two of the
    // memberships' running totals hold them.
    _ = try ana.createGoal(
      .init(
        name: "Pool", teams: ["Kiwis", "Emus"], mode: .together, distance: "45km",
        start: "2026-03-01"))
    return store
  }

  /// Every goal's events, computed the plain way: progress before and after the walk.
  static func plainEvents(
    logging request: MileQuestService.WalkRequest, as handle: String, in store: SQLiteStore
  ) throws -> (walk: Walk, events: [MileQuestService.GoalEvent]) {
    let service = MileQuestService(store: store, today: today, actingHandle: handle)
    let before = try service.goals(team: nil, all: true)
    let logged = try service.logWalk(request)
    let after = try service.goals(team: nil, all: true)
    return (logged.walk, MileQuestService.events(before: before, after: after))
  }

  static func key(_ event: MileQuestService.GoalEvent) -> String {
    "\(event.goal)|\(event.team)|\(event.kind)|\(event.milestone ?? "")|\(event.on.map(String.init(describing:)) ?? "")"
  }

  @Test(
    "random walks announce exactly what progress before and after differ by",
    arguments: [1, 2, 3, 4])
  func randomWalks(seed: UInt64) throws {
    let fast = try Self.world()
    let plain = try Self.world()
    var random = SplitMix64(state: seed)  // replayable
    let handles = ["ana", "ben", "cai", "dee", "eve"]
    var announced = 0
    for _ in 0..<120 {
      let handle = handles.randomElement(using: &random)!
      let day = Int.random(in: 1...31, using: &random)
      let metres = Double(Int.random(in: 200...7_000, using: &random)) + 0.123
      let request = MileQuestService.WalkRequest(
        distance: "\(metres)m", date: "2026-03-\(day < 10 ? "0" : "")\(day)")
      let got = try MileQuestService(store: fast, today: Self.today, actingHandle: handle)
        .logWalk(request)
      let want = try Self.plainEvents(logging: request, as: handle, in: plain)
      #expect(got.walk.distanceMetres == want.walk.distanceMetres)
      #expect(
        got.events.map(Self.key).sorted() == want.events.map(Self.key).sorted(),
        "seed \(seed), \(handle) \(request.distance ?? "") on \(request.date ?? "")")
      announced += want.events.count
    }
    // The scenario must exercise announcements, not only the quiet path.
    #expect(announced >= 10)
  }

  @Test("a new route's milestones are saved with it, equal to measuring the route")
  func savedMilestones() throws {
    let store = try Self.world()
    // Saved by `route create` already.
    let (saved, measured) = try store.read { db in
      let route = try #require(try db.route(name: "Coast"))
      return (
        try db.savedMilestones(routeId: route.id ?? -1),
        Milestone.of(route: route, geometry: try route.geometry())
      )
    }
    #expect(saved == measured)
    #expect(saved?.map(\.name) == ["Wellington", "Masterton", "Palmerston North", "Finish"])
  }

  @Test("check reports saved milestones that no longer match their route's points")
  func staleMilestones() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-milestones-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("m.db").path
    let store = try SQLiteStore(path: path)
    let admin = MileQuestService(store: store, today: Self.today, actingHandle: nil)
    _ = try admin.addMember(handle: "ana", name: nil, email: nil, stride: nil)
    let ana = MileQuestService(store: store, today: Self.today, actingHandle: "ana")
    _ = try ana.createTeam(name: "Kiwis", description: nil, maxMembers: nil, since: "2026-03-01")
    _ = try ana.createRoute(
      name: "Short", waypoints: ["-41.29,174.78,Wellington", "-41.0,175.0,Upper Hutt"])
    _ = try ana.createGoal(
      .init(name: "Hutt", teams: ["Kiwis"], route: "Short", start: "2026-03-01"))
    _ = try ana.logWalk(.init(distance: "1km", date: "2026-03-10"))
    #expect(try store.check().problems == [])
    try store.close()
    // Another program moves a point: the saved distances are stale.
    let other = try DatabaseQueue(path: path)
    try other.write {
      try $0.execute(sql: "UPDATE routePoint SET latitude = -40.5 WHERE position = 1")
    }
    try other.close()
    let problems = try SQLiteStore(path: path).check().problems
    #expect(problems.count == 1)
    #expect(problems.first?.contains("saved milestones of route 'Short'") == true)
  }

  @Test("a walk that a daily cap swallows announces nothing and moves no total")
  func cappedWalk() throws {
    let goal = Goal(
      name: "Capped", routeId: nil, targetMetres: 10_000, mode: .together,
      start: LocalDate(year: 2026, month: 3, day: 1)!, end: nil, dailyCapMetres: 5_000,
      state: .active, teamIds: [1])
    let membership = Membership(
      teamId: 1, memberId: 7, role: .member, joined: LocalDate(year: 2026, month: 3, day: 1)!,
      left: nil)
    let day = LocalDate(year: 2026, month: 3, day: 9)!
    let walks = [
      WalkAmount(memberId: 7, date: day, distanceMetres: 4_000),
      WalkAmount(memberId: 7, date: day, distanceMetres: 3_000),
    ]
    let before = WalkCounting.countedTotal(
      amounts: walks, memberships: [membership], window: goal.window, dailyCap: 5_000)
    let after = WalkCounting.countedTotal(
      amounts: walks + [WalkAmount(memberId: 7, date: day, distanceMetres: 9_000)],
      memberships: [membership], window: goal.window, dailyCap: 5_000)
    #expect(before.value == 5_000)
    #expect(after.value == 5_000)
    #expect(
      !MilestoneCrossing.passes(
        milestones: Milestone.of(distanceTarget: 10_000), target: 10_000, from: before.value,
        to: after.value))
  }

  @Test(
    "passing is strict below and inclusive above",
    arguments: [
      (0.0, 2_499.9, false), (0.0, 2_500.0, true), (2_500.0, 4_000.0, false),
      (4_999.0, 5_000.0, true), (9_999.0, 10_000.0, true), (10_000.0, 12_000.0, false),
      (3_000.0, 3_000.0, false),
    ])
  func passing(before: Double, after: Double, passes: Bool) {
    #expect(
      MilestoneCrossing.passes(
        milestones: Milestone.of(distanceTarget: 10_000), target: 10_000, from: before,
        to: after) == passes)
  }
}
