import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16: teams boards over a period from per-member per-month totals (`forEachMonthTotal`,
/// SQLite's `walkMonth`) for the months a period and a membership cover whole, and day totals
/// for the rest, equal boards summed from the walks, to the last bit, through every kind of
/// write; `check` verifies the month totals; the migration fills them.
@Suite struct PeriodsTests {
  static let start = LocalDate(year: 2026, month: 1, day: 1)!

  /// A small deterministic generator, so failures reproduce.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// Four teams, twelve members over a year: memberships that start and end mid-month (and
  /// some on a month's first day), one who rejoins the same team, movers, a member in two
  /// teams at once; `walks` random walks over the year (several on one day, distances that do
  /// not add up exactly in binary).
  func populate(_ store: any MileQuestStore, walks: Int, seed: UInt64) throws {
    var random = Random(state: seed)
    try store.write(change: "setup") { db throws in
      let teams = try (0..<4).map { try db.insert(Team(name: "T\($0)", maxMembers: 50)) }
      for index in 0..<12 {
        let member = try db.insert(Member(handle: "m\(index)", name: "M"))
        // every third member joins on a month's first day, the others mid-month
        let joined =
          index % 3 == 0
          ? LocalDate(year: 2026, month: 1 + random.next(4), day: 1)!
          : Self.start.adding(days: random.next(120))
        let left: LocalDate? =
          index % 4 == 1 ? joined.adding(days: 45 + random.next(150)) : nil
        _ = try db.insert(
          Membership(
            teamId: teams[index % 4].id!, memberId: member.id!, role: .member, joined: joined,
            left: left))
        if index == 1, let left {
          // rejoins the same team later, mid-month: two memberships of one team
          _ = try db.insert(
            Membership(
              teamId: teams[1].id!, memberId: member.id!, role: .member,
              joined: left.adding(days: 9)))
        }
        if index == 5, let left {
          // moves to the next team the day they leave
          _ = try db.insert(
            Membership(
              teamId: teams[2].id!, memberId: member.id!, role: .member, joined: left))
        }
        if index == 6 {
          // also in another team at the same time, from mid-March
          _ = try db.insert(
            Membership(
              teamId: teams[3].id!, memberId: member.id!, role: .member,
              joined: LocalDate(year: 2026, month: 3, day: 17)!))
        }
      }
    }
    // in a few writes, so the triggers add walks to rows that exist already
    for _ in 0..<10 {
      _ = try store.write(change: "log") { db throws in
        for _ in 0..<(walks / 10) {
          _ = try db.insert(
            Walk(
              memberId: Int64(1 + random.next(12)),
              date: Self.start.adding(days: random.next(365)),
              distanceMetres: Double(100 + random.next(20_000)) / 7.0))
        }
      }
    }
  }

  /// Periods with whole months and edges: a year, a quarter, months, ranges starting or
  /// ending mid-month, a day, a week across two months, open ends, random spans.
  func ranges(seed: UInt64) -> [DateRange] {
    func day(_ month: Int, _ day: Int) -> LocalDate {
      LocalDate(year: 2026, month: month, day: day)!
    }
    var random = Random(state: seed)
    var ranges = [
      DateRange(from: day(1, 1), to: day(12, 31)),
      DateRange(from: day(3, 1), to: day(5, 31)),
      DateRange(from: day(2, 1), to: day(2, 28)),
      DateRange(from: day(3, 14), to: day(7, 2)),
      DateRange(from: day(1, 31), to: day(3, 1)),
      DateRange(from: day(4, 30), to: day(5, 2)),
      DateRange(from: day(6, 10), to: day(6, 10)),
      DateRange(from: day(9, 28), to: day(10, 4)),
      DateRange(from: day(5, 20), to: nil),
      DateRange(from: nil, to: day(8, 15)),
      DateRange(from: day(7, 1), to: nil),
      DateRange(from: nil, to: day(4, 30)),
    ]
    for _ in 0..<6 {
      let from = Self.start.adding(days: random.next(360))
      ranges.append(DateRange(from: from, to: from.adding(days: random.next(200))))
    }
    return ranges
  }

  /// The teams boards of `teamDays` (months where the store keeps them, days otherwise)
  /// equal those summed from the walks, for every range, metric and average basis.
  func expectBoardsExact(_ store: any MileQuestStore, _ when: String) throws {
    try store.read { db throws in
      let byTeam = Dictionary(grouping: try db.allMemberships(), by: \.teamId)
      let teams = try db.allTeams().map {
        LeaderboardBuilder.TeamContender(team: $0, memberships: byTeam[$0.id!] ?? [])
      }
      for range in ranges(seed: 7) {
        let walks = try db.walks(WalkFilter(range: range))
        let board = try db.teamDays(teams, range: range)
        for metric in [LeaderboardMetric.total, .average, .walks] {
          for basis in [AverageBasis.members, .walkers] {
            let fromRollups = board.entries(metric: metric, averageOver: basis, limit: nil)
            let fromWalks = LeaderboardBuilder.teams(
              teams, walks: walks, range: range, metric: metric, averageOver: basis)
            #expect(fromRollups == fromWalks, "\(when): \(range) \(metric) \(basis)")
            // to the last bit, not only as Equatable compares
            #expect(
              fromRollups.map(\.totalMetres.bitPattern) == fromWalks.map(\.totalMetres.bitPattern),
              "\(when): \(range) \(metric) \(basis)")
          }
        }
      }
    }
  }

  /// The store's month totals, where it keeps them, equal the sums of its walks' days.
  func expectMonthTotalsExact(_ store: any MileQuestStore, _ when: String) throws {
    try store.read { db throws in
      var amounts: [WalkAmount] = []
      try db.forEachWalk(WalkFilter()) { if !$0.isDeleted { amounts.append(WalkAmount($0)) } }
      let key = { (month: MonthTotal) in "\(month.memberId) \(month.month)" }
      let expected = MonthTotal.of(DayTotal.of(amounts)).sorted { key($0) < key($1) }
      var stored: [MonthTotal] = []
      if try db.forEachMonthTotal(months: DateRange(), { stored.append($0) }) {
        #expect(stored.sorted { key($0) < key($1) } == expected, "\(when)")
      } else {
        #expect(stored.isEmpty, "\(when): a store without month totals calls nothing")
      }
    }
  }

  @Test(
    "teams boards from month and day totals equal boards from the walks after log, import, edit, delete, undo",
    arguments: StoreFactory.all)
  func boardsStayExact(factory: StoreFactory) throws {
    let made = try factory.make()
    defer {
      try? made.store.close()
      made.cleanup()
    }
    let store = made.store
    try populate(store, walks: 400, seed: 21)
    try expectMonthTotalsExact(store, "after logs")
    try expectBoardsExact(store, "after logs")

    // a bulk insert (imports), with duplicates it skips
    var random = Random(state: 8)
    _ = try store.write(change: "import") { db throws in
      try db.insertWalks { insert throws in
        for index in 0..<200 {
          _ = try insert(
            Walk(
              memberId: Int64(1 + random.next(12)),
              date: Self.start.adding(days: random.next(365)),
              distanceMetres: Double(100 + random.next(9_000)) / 3.0, source: .import,
              externalId: "x\(index % 150)"))
        }
      }
    }
    try expectMonthTotalsExact(store, "after a bulk insert")
    try expectBoardsExact(store, "after a bulk insert")

    try store.write(change: "edits") { db throws in
      for id in stride(from: Int64(1), through: 600, by: 7) {
        guard var walk = try db.walk(id: id) else { continue }
        switch id % 5 {
        case 0: walk.distanceMetres *= 1.5
        case 1: walk.date = walk.date.adding(days: 17)  // often into another month
        case 2: walk.memberId = 1 + (walk.memberId % 12)
        case 3: walk.date = walk.date.adding(days: -1)
        default: walk.isDeleted = true
        }
        try db.update(walk)
      }
      // a membership moved to start mid-month
      var membership = try #require(try db.allMemberships().first)
      membership.joined = LocalDate(year: 2026, month: 2, day: 11)!
      try db.update(membership)
    }
    try expectMonthTotalsExact(store, "after edits")
    try expectBoardsExact(store, "after edits")

    // a deleted walk restored
    try store.write(change: "restore") { db throws in
      var walk = try #require(try db.walks(WalkFilter(includeDeleted: true)).first { $0.isDeleted })
      walk.isDeleted = false
      try db.update(walk)
    }
    try expectMonthTotalsExact(store, "after a restore")

    _ = try store.undoLastChange()
    try expectMonthTotalsExact(store, "after undoing the restore")
    _ = try store.undoLastChange()
    try expectMonthTotalsExact(store, "after undoing the edits")
    try expectBoardsExact(store, "after undoing the edits")
    _ = try store.undoLastChange()
    try expectMonthTotalsExact(store, "after undoing the import")
    try expectBoardsExact(store, "after undoing the import")
    let problems = try store.check(today: Self.start.adding(days: 365)).problems
    #expect(problems.filter { $0.contains("totals") }.isEmpty, "\(problems)")
  }

  @Test("a period's whole months and edges are its days, each once", arguments: [UInt64(1), 2, 3])
  func wholeMonthsSplitARangeExactly(seed: UInt64) throws {
    var random = Random(state: seed)
    let base = LocalDate(year: 2025, month: 11, day: 1)!
    for _ in 0..<300 {
      let from = base.adding(days: random.next(500))
      let range = DateRange(from: from, to: from.adding(days: random.next(120)))
      var days: [LocalDate] = []
      if let split = range.wholeMonths {
        for edge in split.edges {
          var day = try #require(edge.from)
          while day <= edge.to! {
            days.append(day)
            day = day.adding(days: 1)
          }
        }
        var month = try #require(split.months.from)
        while month <= split.months.to! {
          #expect(month.day == 1)
          var day = month
          while day <= month.endOfMonth {
            days.append(day)
            day = day.adding(days: 1)
          }
          month = month.endOfMonth.adding(days: 1)
        }
      } else {
        // no whole month inside: the first month starting in it ends after it
        let from = range.from!
        let firstStart = from.day == 1 ? from : from.endOfMonth.adding(days: 1)
        #expect(firstStart.endOfMonth > range.to!, "\(range)")
        var day = range.from!
        while day <= range.to! {
          days.append(day)
          day = day.adding(days: 1)
        }
      }
      let expected = (0...range.to!.days(from: range.from!)).map { range.from!.adding(days: $0) }
      #expect(days.sorted() == expected, "\(range)")
    }
    // open ends stay open, with the edge on the bounded side only
    let mid = LocalDate(year: 2026, month: 3, day: 14)!
    let open = try #require(DateRange(from: mid, to: nil).wholeMonths)
    #expect(open.months == DateRange(from: LocalDate(year: 2026, month: 4, day: 1)!, to: nil))
    #expect(open.edges == [DateRange(from: mid, to: LocalDate(year: 2026, month: 3, day: 31)!)])
    let before = try #require(DateRange(from: nil, to: mid).wholeMonths)
    #expect(before.months == DateRange(from: nil, to: LocalDate(year: 2026, month: 2, day: 1)!))
    #expect(before.edges == [DateRange(from: LocalDate(year: 2026, month: 3, day: 1)!, to: mid)])
  }

  @Test func checkReportsMonthTotalsChangedBehindItsBack() throws {
    // Given a database with walks whose month totals another program changed
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-periods-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    try populate(store, walks: 40, seed: 9)
    #expect(try store.check().problems.filter { $0.contains("totals") }.isEmpty)
    try store.close()
    for tamper in [
      """
      UPDATE walkMonth SET walks = walks + 1
      WHERE (memberId, month) = (SELECT memberId, month FROM walkMonth LIMIT 1)
      """,
      "DELETE FROM walkMonth WHERE memberId = (SELECT min(memberId) FROM walkMonth)",
      "INSERT INTO walkMonth VALUES (1, '2025-01', x'0000000000003440', 1)",
      "UPDATE walkMonth SET partials = x'0000000000003440'",
    ] {
      let copy = directory.appendingPathComponent("copy.db").path
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      let other = try DatabaseQueue(path: copy)
      try other.write { try $0.execute(sql: tamper) }
      try other.close()
      // When checked, then the stale month totals are reported (and the day totals are not)
      let problems = try SQLiteStore(path: copy).check().problems.filter {
        $0.contains("totals")
      }
      #expect(problems.count == 1, "\(tamper): \(problems)")
      #expect(problems.first?.contains("monthly totals out of date") == true, "\(tamper)")
    }
  }

  @Test func migrationFillsMonthTotalsOfAVersion6Database() throws {
    // Given a database at the schema of day totals (v6), with walks (some deleted)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-periods-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("old.db").path
    var configuration = Configuration()
    configuration.prepareDatabase { RunningTotals.registerFunctions($0) }
    let old = try DatabaseQueue(path: path, configuration: configuration)
    try Migrations.migrator.migrate(old, upTo: "v6-walk-days")
    try old.write { db in
      try db.execute(
        sql: """
          INSERT INTO member(id, handle, name, strideMetres) VALUES (1, 'a', 'A', 0.7), (2, 'b', 'B', 0.7);
          INSERT INTO walk(memberId, date, distanceMetres, source, isDeleted) VALUES
            (1, '2026-02-01', 0.1, 'manual', 0), (1, '2026-02-28', 0.2, 'manual', 0),
            (1, '2026-02-02', 5, 'manual', 1), (1, '2026-03-01', 0.3, 'manual', 0),
            (2, '2026-02-14', 3, 'manual', 0);
          INSERT INTO walkDay(memberId, date, partials, walks)
          SELECT memberId, date, mq_fsum(distanceMetres), count(*) FROM walk
          WHERE isDeleted = 0 GROUP BY memberId, date;
          """)
    }
    try old.close()
    // When milequest opens it, then the month totals hold its walks, exactly
    let store = try SQLiteStore(path: path, creating: .never)
    #expect(try store.check().schemaVersion == "v9-goal-team-by-team")
    let problems = try store.check().problems
    #expect(problems.isEmpty, "\(problems)")
    var months: [MonthTotal] = []
    let kept = try store.read { db in
      try db.forEachMonthTotal(months: DateRange(), { months.append($0) })
    }
    #expect(kept)
    let february = LocalDate(year: 2026, month: 2, day: 1)!
    let march = LocalDate(year: 2026, month: 3, day: 1)!
    #expect(
      Set(months.map { "\($0.memberId) \($0.month) \($0.walks) \($0.sum.value)" })
        == [
          "1 \(february) 2 \([0.1, 0.2].exactSum())", "1 \(march) 1 0.3", "2 \(february) 1 3.0",
        ])
    #expect(
      months.first { $0.memberId == 1 && $0.month == february }?.sum.parts
        == ExactSum([0.1, 0.2]).parts)
    // and a range of months reads only those
    var march1: [MonthTotal] = []
    try store.read { db in
      _ = try db.forEachMonthTotal(months: DateRange(from: march, to: march)) { march1.append($0) }
    }
    #expect(march1.map(\.memberId) == [1])
  }
}
