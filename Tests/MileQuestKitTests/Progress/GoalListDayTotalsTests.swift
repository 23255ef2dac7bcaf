import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16, `goal list` at 10M walks: a goal's progress is computed from per-member per-day
/// totals (the store's rollup where the goal's activity rules allow, else the counted walks
/// folded into day totals), and must equal, to the last bit, progress computed from the walks
/// the way it was before (`WalkCounting.dailyPieces` over the counted walks, one marker at a
/// time), on random data, through edits, deletes and undo, on every back end.
@Suite struct GoalListDayTotalsTests {
  static let start = LocalDate(year: 2026, month: 1, day: 1)!
  static let today = start.adding(days: 150)

  /// A small deterministic generator, so failures reproduce.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  // MARK: - The data

  /// Four teams and fourteen members: late joiners, leavers, a member in two teams at once,
  /// a mover and one who rejoins; members 0-7 (teams 0-1, and 2 for 2 of them) also cycle,
  /// swim and run, members 8-13 only walk and run. Goals: together and races, with and
  /// without a daily cap, converted activities, every activity counted in full, one on a
  /// route, one ended, one small enough to be completed.
  static func populate(_ store: any MileQuestStore, walks: Int, seed: UInt64) throws {
    var random = Random(state: seed)
    try store.write(change: "setup") { db throws in
      let teams = try (0..<4).map { try db.insert(Team(name: "T\($0)", maxMembers: 50)) }
      for index in 0..<14 {
        let member = try db.insert(Member(handle: "m\(index)", name: "M"))
        let team = index < 8 ? index % 2 : 2 + index % 2
        let joined = start.adding(days: random.next(50))
        let left: LocalDate? = index % 5 == 0 ? joined.adding(days: 30 + random.next(50)) : nil
        _ = try db.insert(
          Membership(
            teamId: teams[team].id!, memberId: member.id!, role: .member, joined: joined,
            left: left))
        if index == 1 || index == 8 {
          // in a second team at the same time (each walk still counts once for a
          // together goal of both)
          _ = try db.insert(
            Membership(
              teamId: teams[team + 1].id!, memberId: member.id!, role: .member,
              joined: joined.adding(days: 10), left: joined.adding(days: 70)))
        }
        if index == 0, let left {
          // rejoins the same team later
          _ = try db.insert(
            Membership(
              teamId: teams[0].id!, memberId: member.id!, role: .member,
              joined: left.adding(days: 15)))
        }
        if index == 10, let left {
          // moves to the other walking team
          _ = try db.insert(
            Membership(
              teamId: teams[3].id!, memberId: member.id!, role: .member, joined: left))
        }
      }
      let route = try db.insert(
        Route(
          name: "R",
          points: [
            RoutePoint(coordinate: Coordinate(latitude: 50, longitude: 0)),
            RoutePoint(coordinate: Coordinate(latitude: 50, longitude: 0.5), label: "Mid"),
            RoutePoint(coordinate: Coordinate(latitude: 50.3, longitude: 1.1)),
          ]))
      let ids = teams.map { $0.id! }
      let convert = try ActivityCounting.resolve(
        activities: nil, convert: "cycle=0.33,swim=4", current: .standard)
      let everything = try ActivityCounting.resolve(
        activities: "walk,run,hike,wheelchair,cycle,swim,other", convert: nil, current: .standard)
      let goals = [
        Goal(
          name: "together", routeId: nil, targetMetres: 400_000, mode: .together, start: start,
          end: nil, dailyCapMetres: nil, teamIds: [ids[0], ids[1]]),
        Goal(
          name: "race-capped-converted", routeId: nil, targetMetres: 300_000, mode: .race,
          start: start.adding(days: 5), end: start.adding(days: 200), dailyCapMetres: 3_000,
          teamIds: [ids[0], ids[1], ids[2]], activities: convert),
        Goal(
          name: "race-walkers", routeId: nil, targetMetres: 250_000, mode: .race,
          start: start.adding(days: 12), end: nil, dailyCapMetres: 2_500,
          teamIds: [ids[2], ids[3]]),
        Goal(
          name: "all-activities", routeId: nil, targetMetres: 500_000, mode: .together,
          start: start, end: nil, dailyCapMetres: nil, teamIds: [ids[1], ids[3]],
          activities: everything),
        Goal(
          name: "ended", routeId: nil, targetMetres: 900_000, mode: .race,
          start: start.adding(days: 20), end: start.adding(days: 90), dailyCapMetres: 2_000,
          graceDays: 3, teamIds: ids),
        Goal(
          name: "small", routeId: nil, targetMetres: 20_000, mode: .race,
          start: start.adding(days: 30), end: nil, dailyCapMetres: nil, teamIds: [ids[1]]),
        Goal(
          name: "on-route", routeId: route.id, targetMetres: try route.geometry().length,
          mode: .race, start: start.adding(days: 3), end: start.adding(days: 170),
          dailyCapMetres: 2_800, teamIds: [ids[0], ids[3]], activities: convert),
      ]
      for goal in goals { _ = try db.insert(goal) }
    }
    let kinds: [Activity] = [.walk, .walk, .walk, .run, .cycle, .swim, .hike]
    for _ in 0..<walks {
      _ = try store.write(change: "log") { db throws in
        let member = random.next(14)
        let activity = member < 8 ? kinds[random.next(kinds.count)] : [.walk, .run][random.next(2)]
        return try db.insert(
          Walk(
            memberId: Int64(1 + member), date: start.adding(days: random.next(160)),
            distanceMetres: Double(100 + random.next(40_000)) / 7.0, activity: activity))
      }
    }
  }

  // MARK: - The reference: progress from the walks, as it was computed before

  /// Every number of a progress, doubles by their bits, so "equal" means to the last digit.
  static func fingerprint(_ progress: GoalProgress) -> String {
    func bits(_ value: Double?) -> String {
      value.map { String($0.bitPattern, radix: 16) } ?? "-"
    }
    func day(_ date: LocalDate?) -> String { date.map { "\($0)" } ?? "-" }
    var lines = [
      "\(progress.goal.name) \(progress.status) completed \(day(progress.completedOn))"
        + " pace \(bits(progress.paceMetresPerDay)) needed \(bits(progress.neededMetresPerDay))"
        + " projected \(day(progress.projectedOn)) elapsed \(progress.daysElapsed)"
        + " left \(progress.daysLeft.map(String.init) ?? "-") final \(progress.isFinal)"
    ]
    for marker in progress.markers {
      lines.append(
        "  \(marker.name) done \(bits(marker.doneMetres)) counted \(bits(marker.countedMetres))"
          + " percent \(bits(marker.percent)) at \(bits(marker.position?.latitude))"
          + ",\(bits(marker.position?.longitude)) arrived \(day(marker.arrivedOn))"
          + " milestones \(marker.milestones.map { day($0.reachedOn) })")
      lines.append(
        "    daily " + marker.daily.map { "\($0.date)=\(bits($0.metres))" }.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }

  /// One marker as the walk-based calculator computed it: each day's pieces (walk distances
  /// as the goal counts them, or a member's cap) from `WalkCounting.dailyPieces`.
  static func referenceMarker(
    goal: Goal, memberships: [Membership], walks: [Walk]
  ) -> (counted: Double, daily: [(date: LocalDate, metres: Double)], arrivedOn: LocalDate?) {
    let days = WalkCounting.dailyPieces(
      walks: goal.activities.counted(walks), memberships: memberships, window: goal.window,
      dailyCap: goal.dailyCapMetres)
    var running: [Double] = []
    var arrivedOn: LocalDate?
    for day in days {
      running += day.pieces
      if arrivedOn == nil && running.exactSum() >= goal.targetMetres { arrivedOn = day.date }
    }
    return (
      counted: running.exactSum(), daily: days.map { ($0.date, $0.pieces.exactSum()) },
      arrivedOn: arrivedOn
    )
  }

  /// `progress` equals the walk-based computation: the calculator over the walks, and each
  /// marker's days, total and arrival from `dailyPieces`.
  static func expectFromWalks(
    _ progress: GoalProgress, _ db: any StoreReading, today: LocalDate, _ when: String
  ) throws {
    let goal = progress.goal
    let teams = try goal.teamIds.compactMap { id -> ProgressCalculator.TeamHistory? in
      guard let team = try db.team(id: id) else { return nil }
      return .init(team: team, memberships: try db.memberships(teamId: id))
    }
    let memberIds = Array(Set(teams.flatMap { $0.memberships.map(\.memberId) })).sorted()
    let walks = try db.walks(WalkFilter(memberIds: memberIds, range: goal.window))
    let route = try goal.routeId.flatMap { try db.route(id: $0) }
    let fromWalks = try ProgressCalculator.progress(
      goal: goal, route: route, teams: teams, walks: walks, today: today)
    #expect(fingerprint(progress) == fingerprint(fromWalks), "\(when): \(goal.name)")

    for group in ProgressCalculator.markerGroups(goal: goal, teams: teams) {
      let reference = referenceMarker(goal: goal, memberships: group.memberships, walks: walks)
      let marker = try #require(progress.markers.first { $0.name == group.name })
      #expect(
        marker.countedMetres.bitPattern == reference.counted.bitPattern,
        "\(when): \(goal.name) \(group.name) counted \(marker.countedMetres) vs \(reference.counted)"
      )
      #expect(marker.arrivedOn == reference.arrivedOn, "\(when): \(goal.name) \(group.name)")
      #expect(
        marker.daily.map { "\($0.date) \($0.metres.bitPattern)" }
          == reference.daily.map { "\($0.date) \($0.metres.bitPattern)" },
        "\(when): \(goal.name) \(group.name) daily")
    }
  }

  /// `goal list --all`, `goal list --team`, and `progress` of each goal equal the walk-based
  /// computation.
  static func expectGoalListFromWalks(_ store: any MileQuestStore, _ when: String) throws {
    let service = MileQuestService(store: store, today: today)
    let listed = try service.goals(team: nil, all: true)
    #expect(listed.count == 7, "\(when)")
    let active = try service.goals(team: nil, all: false)
    #expect(active.map(\.goal.name) == listed.filter { $0.status == .active }.map(\.goal.name))
    let ofTeam = try service.goals(team: "T3", all: true)
    let t3 = try store.read { db in try db.team(name: "T3")?.id }
    #expect(
      ofTeam.map(fingerprint)
        == listed.filter { $0.goal.teamIds.contains(t3 ?? -1) }.map(fingerprint), "\(when)")
    #expect(ofTeam.count == 4, "\(when)")
    for progress in listed {
      let one = try service.progress(goal: progress.goal.name)
      #expect(fingerprint(one) == fingerprint(progress), "\(when), progress")
    }
    try store.read { db in
      for progress in listed {
        try expectFromWalks(progress, db, today: today, "\(when), goal list")
      }
    }
    #expect(listed.contains { $0.status == .completed }, "\(when): a goal arrives")
    #expect(listed.contains { $0.status == .ended }, "\(when): a goal ended")
  }

  // MARK: - Tests

  @Test("goal list and progress from day totals equal progress from the walks, through edits")
  func throughEdits() throws {
    for factory in StoreFactory.all {
      let made = try factory.make()
      defer {
        try? made.store.close()
        made.cleanup()
      }
      let store = made.store
      try Self.populate(store, walks: 450, seed: 7)
      try Self.expectGoalListFromWalks(store, "\(factory.name) after logs")

      // a bulk import, a duplicate skipped
      var random = Random(state: 21)
      _ = try store.write(change: "import") { db throws in
        try db.insertWalks { insert throws in
          for index in 0..<150 {
            _ = try insert(
              Walk(
                memberId: Int64(1 + random.next(14)),
                date: Self.start.adding(days: random.next(160)),
                distanceMetres: Double(100 + random.next(9_000)) / 3.0,
                activity: index % 7 == 0 ? .cycle : .walk, source: .import,
                externalId: "x\(index % 120)"))
          }
        }
      }
      try Self.expectGoalListFromWalks(store, "\(factory.name) after an import")

      try store.write(change: "edits") { db throws in
        for id in stride(from: Int64(1), through: 600, by: 4) {
          guard var walk = try db.walk(id: id) else { continue }
          switch id % 5 {
          case 0: walk.distanceMetres *= 1.75
          case 1: walk.date = walk.date.adding(days: 2)
          case 2: walk.memberId = 1 + (walk.memberId % 14)
          case 3: walk.activity = walk.activity == .walk ? .cycle : .walk
          default: walk.isDeleted = true
          }
          try db.update(walk)
        }
        var membership = try #require(try db.allMemberships().first)
        membership.joined = membership.joined.adding(days: 9)
        try db.update(membership)
      }
      try Self.expectGoalListFromWalks(store, "\(factory.name) after edits")

      _ = try store.undoLastChange()
      try Self.expectGoalListFromWalks(store, "\(factory.name) after undoing the edits")
      _ = try store.undoLastChange()
      try Self.expectGoalListFromWalks(store, "\(factory.name) after undoing the import")
    }
  }

  @Test(
    "progress from day totals equals progress from the walks on random data",
    arguments: [
      UInt64(1), 2, 3, 4,
    ])
  func randomData(seed: UInt64) throws {
    let store = try SQLiteStore.inMemory()
    try Self.populate(store, walks: 300 + Int(seed) * 60, seed: seed)
    try store.write(change: "deletes") { db in
      for id in stride(from: Int64(seed), through: 500, by: 7) {
        guard var walk = try db.walk(id: id) else { continue }
        walk.isDeleted = true
        try db.update(walk)
      }
    }
    try Self.expectGoalListFromWalks(store, "seed \(seed)")
    // Another day: before every goal's end, and after all of them.
    for offset in [40, 400] {
      let day = Self.start.adding(days: offset)
      let listed = try MileQuestService(store: store, today: day).goals(team: nil, all: true)
      try store.read { db in
        for progress in listed {
          try Self.expectFromWalks(progress, db, today: day, "seed \(seed), day \(day)")
        }
      }
    }
  }

  @Test("a day's sum is the exact sum of its pieces, capped per member and day")
  func dailySumsOfDayTotals() {
    let day = Self.start.adding(days: 2)
    let walks = [
      WalkAmount(memberId: 1, date: day, distanceMetres: 0.1),
      WalkAmount(memberId: 1, date: day, distanceMetres: 0.2),
      WalkAmount(memberId: 2, date: day, distanceMetres: 1e16),
      WalkAmount(memberId: 2, date: day, distanceMetres: 1),
      WalkAmount(memberId: 3, date: day, distanceMetres: 5_000),
      WalkAmount(memberId: 4, date: day, distanceMetres: 7),
    ]
    let memberships = (1...3).map {
      Membership(teamId: 1, memberId: Int64($0), role: .member, joined: Self.start)
    }
    for cap in [nil, 4_000.0] as [Double?] {
      let sums = WalkCounting.dailySums(
        days: DayTotal.of(walks), memberships: memberships, window: DateRange(),
        dailyCap: cap)
      let pieces = WalkCounting.dailyPieces(
        amounts: walks, memberships: memberships, window: DateRange(), dailyCap: cap)
      #expect(sums.map(\.date) == [day])
      #expect(sums.map(\.sum.value) == pieces.map { $0.pieces.exactSum() })
    }
    // member 4 has no membership; the window leaves the day out
    #expect(
      WalkCounting.dailySums(
        days: DayTotal.of(walks), memberships: memberships,
        window: DateRange(from: day.adding(days: 1), to: nil), dailyCap: nil
      ).isEmpty)
  }
}
