import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite

/// Issue 17's activity rules: which activities a goal counts, the `--activities` and
/// `--convert` texts, converted distances summed exactly, and every place a goal's walks are
/// added up (progress, boards, charts, `log`'s announcements, uncounted walks).
@Suite("activity counting")
struct ActivityCountingTests {
  static let today = LocalDate(year: 2026, month: 3, day: 31)!

  static func date(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 3, day: day)! }

  // MARK: The rules

  @Test func aGoalCountsWalkRunHikeAndWheelchairByDefault() {
    let standard = ActivityCounting.standard
    #expect(standard.full == [.walk, .run, .hike, .wheelchair])
    #expect(standard.factors.isEmpty)
    for activity in Activity.allCases {
      #expect(standard.counts(activity) == Activity.countedByDefault.contains(activity))
    }
    #expect(standard.countedMetres(1234.5, .run) == 1234.5)
    #expect(standard.countedMetres(1234.5, .cycle) == nil)
    #expect(standard.summary == "walk, run, hike, wheelchair")
  }

  @Test func convertAddsFactorsToTheDefaults() throws {
    let counting = try ActivityCounting.resolve(
      activities: nil, convert: "cycle=0.33,swim=4", current: .standard)
    #expect(counting.full == Activity.countedByDefault)
    #expect(counting.factors == [.cycle: 0.33, .swim: 4])
    #expect(counting.summary == "walk, run, hike, wheelchair; cycle x0.33, swim x4")
    #expect(counting.storedActivities == "walk,run,hike,wheelchair")
    #expect(counting.storedConversions == "cycle=0.33,swim=4")
    // A converted distance is one multiplication: no other rounding.
    #expect(counting.countedMetres(30_000, .cycle) == 30_000 * 0.33)
    #expect(counting.countedMetres(1_500, .swim) == 6_000)
    #expect(counting.countedMetres(1_500, .other) == nil)
  }

  @Test func activitiesReplaceTheDefaultsAndReadVerbForms() throws {
    let counting = try ActivityCounting.resolve(
      activities: "walking, Running", convert: nil, current: .standard)
    #expect(counting.full == [.walk, .run])
    #expect(!counting.counts(.hike))
  }

  @Test func whatIsTypedWinsOverWhatTheGoalHad() throws {
    // run converted now: no longer in full
    let converted = try ActivityCounting.resolve(
      activities: nil, convert: "run=0.5", current: .standard)
    #expect(converted.full == [.walk, .hike, .wheelchair])
    #expect(converted.factors == [.run: 0.5])
    // run in full now: no longer converted
    let back = try ActivityCounting.resolve(
      activities: "walk,run", convert: nil, current: converted)
    #expect(back.full == [.walk, .run])
    #expect(back.factors.isEmpty)
    // an empty --convert removes the conversions
    let cycle = try ActivityCounting.resolve(
      activities: nil, convert: "cycle=0.25", current: .standard)
    #expect(
      try ActivityCounting.resolve(activities: nil, convert: "", current: cycle) == .standard)
    // a factor of exactly 1 counts in full
    #expect(
      try ActivityCounting.resolve(activities: nil, convert: "cycle=1", current: .standard)
        .full.contains(.cycle))
    // only converted activities
    let onlySwim = try ActivityCounting.resolve(
      activities: "", convert: "swim=4", current: .standard)
    #expect(onlySwim.full.isEmpty && onlySwim.factors == [.swim: 4])
    #expect(onlySwim.summary == "none; swim x4")
  }

  @Test(
    "bad texts are bad data",
    arguments: [
      ("walk,skate", nil), (nil, "cycle"), (nil, "cycle=0"), (nil, "cycle=-1"),
      (nil, "cycle=10.5"), (nil, "cycle=1e1"), (nil, "cycle=inf"), (nil, "cycle=nan"),
      (nil, "cycle=0x1p1"), (nil, "cycle=.5.5"), (nil, "bike=0.3,cycle=0.4"),
      ("walk,cycle", "cycle=0.3"), ("", nil), ("", ""), (nil, "skate=2"),
    ] as [(String?, String?)])
  func badTexts(activities: String?, convert: String?) {
    #expect(throws: MileQuestError.self) {
      _ = try ActivityCounting.resolve(
        activities: activities, convert: convert, current: .standard)
    }
    do {
      _ = try ActivityCounting.resolve(
        activities: activities, convert: convert, current: .standard)
    } catch let error as MileQuestError {
      #expect(error.exitCode == 65)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func factorsUpToTheBoundAndPlainDecimalsAreTaken() throws {
    let counting = try ActivityCounting.resolve(
      activities: nil, convert: "cycle=10, swim=.5 ,other=0.001", current: .standard)
    #expect(counting.factors == [.cycle: 10, .swim: 0.5, .other: 0.001])
  }

  @Test func theStoredFormReadsBack() throws {
    let counting = try ActivityCounting.resolve(
      activities: "walk,hike", convert: "cycle=0.3333333333333333,swim=4", current: .standard)
    let read = ActivityCounting(
      storedActivities: counting.storedActivities, storedConversions: counting.storedConversions)
    #expect(read == counting)
    #expect(ActivityCounting(storedActivities: "walk,skate", storedConversions: "") == nil)
    #expect(ActivityCounting(storedActivities: "walk", storedConversions: "walk=2") == nil)
    #expect(ActivityCounting(storedActivities: "", storedConversions: "") == nil)
    #expect(ActivityCounting(storedActivities: "walk", storedConversions: "cycle=11") == nil)
  }

  // MARK: Progress

  static func walk(
    _ id: Int64, _ day: Int, _ metres: Double, _ activity: Activity, member: Int64 = 1
  ) -> Walk {
    Walk(
      id: id, memberId: member, date: date(day), distanceMetres: metres, activity: activity)
  }

  static let team = Team(id: 1, name: "Kiwis")
  static let membership = Membership(
    id: 1, teamId: 1, memberId: 1, role: .captain, joined: date(1))

  static func goal(_ counting: ActivityCounting, target: Double = 100_000) -> Goal {
    Goal(
      id: 1, name: "G", routeId: nil, targetMetres: target, mode: .race, start: date(1),
      end: nil, dailyCapMetres: nil, teamIds: [1], activities: counting)
  }

  @Test func progressCountsOnlyTheGoalsActivitiesAtTheirFactors() throws {
    let walks = [
      Self.walk(1, 2, 5_000, .walk), Self.walk(2, 3, 30_000, .cycle),
      Self.walk(3, 3, 1_500, .swim), Self.walk(4, 4, 0.1, .run), Self.walk(5, 5, 7_000, .other),
    ]
    let counting = try ActivityCounting.resolve(
      activities: nil, convert: "cycle=0.33", current: .standard)
    let progress = try ProgressCalculator.progress(
      goal: Self.goal(counting), route: nil,
      teams: [.init(team: Self.team, memberships: [Self.membership])], walks: walks,
      today: Self.today)
    let expected = ExactSum([5_000, 30_000 * 0.33, 0.1]).value
    #expect(progress.leader.countedMetres == expected)
    #expect(progress.leader.daily.map(\.metres) == [5_000, 30_000 * 0.33, 0.1])
    // The default goal: the ride and the swim count for nothing.
    let plain = try ProgressCalculator.progress(
      goal: Self.goal(.standard), route: nil,
      teams: [.init(team: Self.team, memberships: [Self.membership])], walks: walks,
      today: Self.today)
    #expect(plain.leader.countedMetres == ExactSum([5_000, 0.1]).value)
  }

  @Test func aWalkWhoseActivityNoGoalCountsIsReported() throws {
    let goal = Self.goal(.standard)
    let swim = UncountedWalks.finding(
      date: Self.date(3), activity: .swim, memberships: [Self.membership], goals: [goal],
      today: Self.today)
    #expect(swim?.scope == .noGoal)
    #expect(swim?.reasons == [.activityNotCounted(goalId: 1, activity: .swim)])
    #expect(
      UncountedWalks.finding(
        date: Self.date(3), activity: .run, memberships: [Self.membership], goals: [goal],
        today: Self.today) == nil)
    // The checker of imports agrees.
    let checker = UncountedWalks.Checker(
      memberships: [Self.membership], goals: [goal], today: Self.today)
    #expect(checker.finding(date: Self.date(3), activity: .swim) == swim)
    #expect(checker.finding(date: Self.date(3), activity: .walk) == nil)
    var summary = UncountedWalks.Summary()
    summary.add(memberId: 1, date: Self.date(3), try #require(swim))
    let message = UncountedWalks.messages(
      summary,
      names: .init(
        members: [1: "ana"], goals: [1: "G"], goalActivities: [1: .standard]))
    #expect(
      message == [
        "ana's walk of 2026-03-03 counts for no goal: goal G does not count swim (it counts "
          + "walk, run, hike, wheelchair); to count it: milequest goal edit G --activities "
          + "walk,run,hike,wheelchair,swim"
      ])
  }

  // MARK: The service, on a stored challenge

  /// ana's team Kiwis with a 10 km goal from the 1st; its counting as given.
  static func world(convert: String? = nil) throws -> (SQLiteStore, MileQuestService) {
    let store = try SQLiteStore.inMemory()
    let admin = MileQuestService(store: store, today: today)
    _ = try admin.addMember(handle: "ana", name: nil, email: nil, stride: nil)
    let ana = MileQuestService(store: store, today: today, actingHandle: "ana")
    _ = try ana.createTeam(name: "Kiwis", description: nil, maxMembers: nil, since: "2026-03-01")
    _ = try ana.createGoal(
      .init(
        name: "Ten", teams: ["Kiwis"], distance: "10km", start: "2026-03-01", convert: convert))
    return (store, ana)
  }

  @Test func logAnnouncesFromTheCountedDistanceNotTheRunningTotals() throws {
    // Given 20 km of rides, which the default goal does not count (the membership's running
    // total holds them: it counts every activity)
    let (store, ana) = try Self.world()
    let ride = try ana.logWalk(.init(distance: "20km", date: "2026-03-02", activity: "cycle"))
    #expect(ride.events.isEmpty)
    #expect(ride.warnings.count == 1)
    #expect(ride.warnings[0].contains("goal Ten does not count cycle"))
    let totals = try store.read { try $0.membershipTotals() }
    #expect(totals.values.first?.sum.value == 20_000)
    // When ana walks 3 km, then she passes the 25 % milestone (2.5 km), not the finish
    let walk = try ana.logWalk(.init(distance: "3km", date: "2026-03-03"))
    #expect(walk.events.map(\.kind) == [.milestone])
    #expect(walk.events.first?.milestone == "25%")
    #expect(try ana.progress(goal: "Ten").leader.countedMetres == 3_000)
  }

  @Test func logAnnouncesAConvertedRide() throws {
    let (_, ana) = try Self.world(convert: "cycle=0.5")
    let ride = try ana.logWalk(.init(distance: "20km", date: "2026-03-02", activity: "cycling"))
    #expect(ride.walk.activity == .cycle)
    #expect(ride.events.map(\.kind).contains(.completed))
    #expect(ride.warnings.isEmpty)
    #expect(try ana.progress(goal: "Ten").leader.countedMetres == 10_000)
  }

  @Test func theFastPathServesOnlyWalkersOfCountedActivities() throws {
    // A team that only walks and runs: the running totals answer, and agree.
    let (store, ana) = try Self.world()
    _ = try ana.logWalk(.init(distance: "1km", date: "2026-03-02", activity: "run"))
    try store.read { (db) throws in
      #expect(try !db.hasWalks(memberIds: [1], ofAny: [.cycle, .swim, .other]))
      #expect(try db.hasWalks(memberIds: [1], ofAny: [.run]))
      #expect(try db.hasWalks(memberIds: [1], ofAny: [.walk]))
      #expect(try !db.hasWalks(memberIds: [], ofAny: [.run]))
    }
    _ = try ana.logWalk(.init(distance: "2km", date: "2026-03-03", activity: "swim"))
    try store.read { (db) throws in
      #expect(try db.hasWalks(memberIds: [1], ofAny: [.cycle, .swim, .other]))
    }
    let deleted = try ana.logWalk(.init(distance: "2km", date: "2026-03-04", activity: "other"))
    _ = try ana.deleteWalk(id: deleted.walk.id ?? -1)
    try store.read { (db) throws in #expect(try !db.hasWalks(memberIds: [1], ofAny: [.other])) }
  }

  @Test func goalEditChangesWhatCountsAndReopensAFinishedGoal() throws {
    let (_, ana) = try Self.world()
    _ = try ana.logWalk(.init(distance: "12km", date: "2026-03-02", activity: "cycle"))
    #expect(try ana.progress(goal: "Ten").status == .active)
    let edited = try ana.editGoal(name: "Ten", .init(convert: "cycle=0.9"))
    #expect(edited.goal.activities.factors == [.cycle: 0.9])
    #expect(edited.leader.countedMetres == 12_000 * 0.9)
    #expect(edited.status == .completed)
    let again = try ana.editGoal(name: "Ten", .init(activities: "walk"))
    #expect(again.goal.activities.full == [.walk])
    #expect(again.goal.activities.factors == [.cycle: 0.9])
    #expect(throws: MileQuestError.self) {
      _ = try ana.editGoal(name: "Ten", .init(activities: "walk,cycle", convert: "cycle=2"))
    }
  }

  @Test func goalBoardsAndChartsCountOnlyTheGoalsActivities() throws {
    let (_, ana) = try Self.world(convert: "swim=4")
    _ = try ana.logWalk(.init(distance: "1km", date: "2026-03-02", activity: "swim"))
    _ = try ana.logWalk(.init(distance: "5km", date: "2026-03-02", activity: "cycle"))
    _ = try ana.logWalk(.init(distance: "2km", date: "2026-03-03"))
    let board = try ana.leaderboard(.init(goal: "Ten"))
    #expect(board.entries.first?.totalMetres == 6_000)
    #expect(board.entries.first?.walks == 2)
    let series = try ana.memberSeries(goal: "Ten")
    #expect(series.first?.daily.map(\.metres) == [4_000, 2_000])
    // The team's own board counts every activity.
    let teamBoard = try ana.leaderboard(.init(team: "Kiwis"))
    #expect(teamBoard.entries.first?.totalMetres == 8_000)
  }

  @Test func walksListFiltersByActivityAndRefusesUnknownOnes() throws {
    let (_, ana) = try Self.world()
    _ = try ana.logWalk(.init(distance: "1km", date: "2026-03-02", activity: "hike"))
    _ = try ana.logWalk(.init(distance: "2km", date: "2026-03-03"))
    var listed: [Activity] = []
    try ana.forEachListedWalk(.init(activity: "hiking")) { walk, _ in listed.append(walk.activity) }
    #expect(listed == [.hike])
    #expect(throws: MileQuestError.self) {
      try ana.forEachListedWalk(.init(activity: "skate")) { _, _ in }
    }
    #expect(throws: MileQuestError.self) {
      _ = try ana.logWalk(.init(distance: "2km", activity: "skating"))
    }
  }
}
