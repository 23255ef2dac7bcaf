import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16, `goal list` at 10M walks (session 10): each marker's day sums come from the
/// store (`StoreSpeedUps.daySums`: SQLite reads the walks' covering index into one flat
/// buffer of day sums, `DaySums`) over the marker's member spans (`WalkCounting.spans`),
/// and must equal, to the last bit, `WalkCounting.dailySums` over the members' day totals
/// (and so the walk-by-walk path, `GoalListDayTotalsTests`), on random data, through edits,
/// deletes and undo, with and without daily caps, on every back end.
@Suite struct GoalListDaySumsTests {
  typealias Random = GoalListDayTotalsTests.Random
  static let start = GoalListDayTotalsTests.start

  static func text(_ days: [(date: LocalDate, sum: ExactSum)]) -> [String] {
    days.map { "\($0.date) \(String($0.sum.value.bitPattern, radix: 16))" }
  }

  // MARK: - DaySums

  @Test("day sums in the flat buffer equal an ExactSum per day, whatever the values and days")
  func daySumsEqualExactSums() {
    for seed in UInt64(1)...6 {
      var random = Random(state: seed)
      let first = Self.start.adding(days: 100)
      var buffer = DaySums(first: seed % 2 == 0 ? first : nil)
      var reference: [Int: ExactSum] = [:]
      for _ in 0..<4_000 {
        // days around the start, before it, and far beyond the buffer
        let offset =
          switch random.next(10) {
          case 0: -random.next(50) - 1
          case 1: 5_000 + random.next(20)
          default: random.next(60)
          }
        let day = first.dayNumber + offset
        // ordinary distances, and values of every magnitude (many partials a day)
        let value: Double =
          switch random.next(4) {
          case 0: Double(random.next(1 << 30)) * pow(2, Double(random.next(200) - 100))
          case 1: -Double(random.next(1000)) / 7 * pow(10, Double(random.next(30)))
          default: Double(100 + random.next(40_000)) / 7
          }
        buffer.add(value, dayNumber: day)
        reference[day, default: ExactSum()].add(value)
      }
      let expected = reference.sorted { $0.key < $1.key }.map {
        (date: LocalDate(dayNumber: $0.key), sum: $0.value)
      }
      #expect(Self.text(buffer.sums) == Self.text(expected), "seed \(seed)")
      #expect(buffer.sums.map(\.sum.parts) == expected.map(\.sum.parts), "seed \(seed)")
    }
  }

  @Test("a day that needs more partials than its slots keeps every one of them")
  func daySumsSpill() {
    var buffer = DaySums()
    var reference = ExactSum()
    let day = Self.start.dayNumber
    for exponent in stride(from: -300, through: 300, by: 60) {
      for value in [pow(2.0, Double(exponent)), 1.0 / 3 * pow(2.0, Double(exponent))] {
        buffer.add(value, dayNumber: day)
        reference.add(value)
      }
    }
    #expect(reference.parts.count > DaySums.slots)
    buffer.add(7, dayNumber: day + 1)
    #expect(buffer.sums.map(\.date) == [Self.start, Self.start.adding(days: 1)])
    #expect(buffer.sums[0].sum.parts == reference.parts)
    #expect(buffer.sums[1].sum.value == 7)
    #expect(DaySums().sums.isEmpty)
  }

  // MARK: - Spans

  @Test(
    "a member's day lies in a span exactly when one of their memberships covers it in the window")
  func spansAreTheCoveredDays() {
    var random = Random(state: 5)
    for round in 0..<200 {
      var memberships: [Membership] = []
      for _ in 0..<(1 + random.next(8)) {
        let joined = Self.start.adding(days: random.next(60))
        let left: LocalDate? = random.next(3) == 0 ? nil : joined.adding(days: random.next(40))
        memberships.append(
          Membership(
            teamId: Int64(1 + random.next(3)), memberId: Int64(1 + random.next(4)),
            role: .member, joined: joined, left: left))
      }
      let from: LocalDate? = random.next(4) == 0 ? nil : Self.start.adding(days: random.next(50))
      let to: LocalDate? = random.next(3) == 0 ? nil : Self.start.adding(days: 20 + random.next(60))
      let window = DateRange(from: from, to: to)
      let spans = WalkCounting.spans(memberships: memberships, window: window)
      #expect(spans.map(\.memberId) == spans.map(\.memberId).sorted(), "round \(round)")
      for memberId in Int64(1)...4 {
        let own = spans.filter { $0.memberId == memberId }
        for offset in -5..<120 {
          let day = Self.start.adding(days: offset)
          let covered =
            window.contains(day)
            && memberships.contains { $0.memberId == memberId && $0.covers(day) }
          #expect(
            own.filter { $0.contains(day) }.count == (covered ? 1 : 0),
            "round \(round), member \(memberId), \(day)")
        }
      }
    }
  }

  // MARK: - The store's day sums

  /// Each marker of each goal (with its own cap, and with none), and a few windows more:
  /// the store's day sums are nil or equal `dailySums` over the members' day totals.
  static func expectDaySumsAsDayTotals(
    _ store: any MileQuestStore, expectAnswer: Bool, _ when: String
  ) throws {
    try store.read { db in
      // Every question below (that the store answers) asked again at once, in one batch.
      var questions: [MarkerSpans] = []
      var answers: [[(date: LocalDate, sum: ExactSum)]] = []
      var names: [String] = []
      for goal in try db.allGoals() {
        let teams = try goal.teamIds.compactMap { id -> ProgressCalculator.TeamHistory? in
          guard let team = try db.team(id: id) else { return nil }
          return .init(team: team, memberships: try db.memberships(teamId: id))
        }
        let memberIds = Array(Set(teams.flatMap { $0.memberships.map(\.memberId) })).sorted()
        let windows = [
          goal.window, DateRange(), DateRange(from: nil, to: start.adding(days: 70)),
          DateRange(from: start.adding(days: 33), to: start.adding(days: 33)),
        ]
        for window in windows {
          let days = try db.dayTotals(memberIds: memberIds, range: window)
          for group in ProgressCalculator.markerGroups(goal: goal, teams: teams) {
            for cap in [goal.dailyCapMetres, nil, 1_234.5] {
              let expected = WalkCounting.dailySums(
                days: days, memberships: group.memberships, window: window, dailyCap: cap)
              let spans = WalkCounting.spans(memberships: group.memberships, window: window)
              let sums = try db.daySums(of: spans, dailyCap: cap)
              if expectAnswer { #expect(sums != nil, "\(when): \(goal.name)") }
              guard let sums else { continue }
              #expect(
                text(sums) == text(expected),
                "\(when): \(goal.name) \(group.name) \(window) cap \(cap.map { "\($0)" } ?? "-")"
              )
              #expect(
                sums.map(\.sum.value.bitPattern) == expected.map(\.sum.value.bitPattern))
              questions.append(MarkerSpans(spans: spans, dailyCap: cap))
              answers.append(sums)
              names.append("\(goal.name) \(group.name) \(window) cap \(cap.map { "\($0)" } ?? "-")")
            }
          }
        }
      }
      // Each marker's sums from the batch are those it gets asked alone, to the partials.
      guard let batch = try db.daySums(ofMarkers: questions) else {
        #expect(!expectAnswer, "\(when): no answer to a batch")
        return
      }
      #expect(batch.count == questions.count)
      for (index, sums) in batch.enumerated() where index < answers.count {
        #expect(text(sums) == text(answers[index]), "\(when) batch: \(names[index])")
        #expect(
          sums.map(\.sum.parts) == answers[index].map(\.sum.parts),
          "\(when) batch partials: \(names[index])")
      }
    }
  }

  @Test("the store's day sums equal dailySums of the day totals, through edits and undo")
  func storeDaySumsThroughEdits() throws {
    for factory in StoreFactory.all {
      let made = try factory.make()
      defer {
        try? made.store.close()
        made.cleanup()
      }
      let store = made.store
      let answers = factory.name.hasPrefix("SQLite")
      try GoalListDayTotalsTests.populate(store, walks: 400, seed: 11)
      try Self.expectDaySumsAsDayTotals(store, expectAnswer: answers, "\(factory.name) logs")

      try store.write(change: "edits") { db throws in
        for id in stride(from: Int64(2), through: 400, by: 3) {
          guard var walk = try db.walk(id: id) else { continue }
          switch id % 4 {
          case 0: walk.distanceMetres *= 1.5
          case 1: walk.date = walk.date.adding(days: -3)
          case 2: walk.memberId = 1 + (walk.memberId % 14)
          default: walk.isDeleted = true
          }
          try db.update(walk)
        }
        var membership = try #require(try db.allMemberships().last)
        membership.left = membership.joined.adding(days: 20)
        try db.update(membership)
      }
      try Self.expectDaySumsAsDayTotals(store, expectAnswer: answers, "\(factory.name) edits")
      try GoalListDayTotalsTests.expectGoalListFromWalks(store, "\(factory.name) edits")

      _ = try store.undoLastChange()
      try Self.expectDaySumsAsDayTotals(store, expectAnswer: answers, "\(factory.name) undo")
      try GoalListDayTotalsTests.expectGoalListFromWalks(store, "\(factory.name) undo")
    }
  }

  @Test(
    "goal list from the store's day sums equals progress from the walks on random data",
    arguments: [UInt64(31), 32, 33])
  func goalListOnRandomData(seed: UInt64) throws {
    let store = try SQLiteStore.inMemory()
    try GoalListDayTotalsTests.populate(store, walks: 350, seed: seed)
    try store.write(change: "deletes") { db in
      for id in stride(from: Int64(seed % 5), through: 400, by: 6) {
        guard var walk = try db.walk(id: id) else { continue }
        walk.isDeleted = true
        try db.update(walk)
      }
    }
    try Self.expectDaySumsAsDayTotals(store, expectAnswer: true, "seed \(seed)")
    try GoalListDayTotalsTests.expectGoalListFromWalks(store, "seed \(seed)")
  }

  @Test("a stored distance not of milequest's form: no day sums, and goal list names the walk")
  func badStoredDistance() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-daysums-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    try GoalListDayTotalsTests.populate(store, walks: 60, seed: 3)
    // a walk of member 1 (team T0: goal "together" reads all of its walks)
    let walkId = try store.read { db in
      try #require(try db.walks(WalkFilter(memberIds: [1])).first?.id)
    }
    try store.close()
    let other = try DatabaseQueue(path: path)
    try other.write {
      try $0.execute(
        sql: "UPDATE walk SET distanceMetres = 'far' WHERE id = ?", arguments: [walkId])
    }
    try other.close()

    let reopened = try SQLiteStore(path: path)
    defer { try? reopened.close() }
    let spans = [MemberSpan(memberId: 1, days: DateRange())]
    #expect(try reopened.read { db in try db.daySums(of: spans, dailyCap: nil) } == nil)
    let service = MileQuestService(store: reopened, today: GoalListDayTotalsTests.today)
    do {
      _ = try service.goals(team: nil, all: true)
      Issue.record("goal list went on with a bad stored distance")
    } catch {
      #expect("\(error)".contains("walk \(walkId)"), "\(error)")
    }
  }
}
