import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16: `import walks` streams in bounded memory whatever the number of rows or members.
/// What it remembers per member lives in a `BoundedCache`, the warnings keep a bounded number
/// of groups, and the totals take the new walks a batch at a time; none of that may change
/// what an import does, reports or refuses.
@Suite("Import at scale")
struct ImportScaleTests {
  typealias T = ImportExportTests

  // MARK: BoundedCache

  @Test func cacheHoldsAtMostItsCapacityAndEvictsTheOldest() {
    var cache = BoundedCache<String, Int>(capacity: 2)
    cache.set(1, for: "a")
    cache.set(2, for: "b")
    cache.set(20, for: "b")  // an update is no new key: nothing is evicted
    #expect(cache.count == 2)
    #expect(cache["a"] == 1)
    cache.set(3, for: "c")
    #expect(cache.count == 2)
    #expect(cache["a"] == nil)
    #expect(cache["b"] == 20)
    #expect(cache["c"] == 3)
    cache.set(4, for: "d")
    #expect(cache["b"] == nil)
    #expect(cache.count == 2)
  }

  @Test func cacheMakesAnEvictedValueAgain() {
    var cache = BoundedCache<Int, Int>(capacity: 1)
    var made = 0
    for key in [1, 1, 2, 1, 1, 2] {
      let value = cache.value(for: key) {
        made += 1
        return key * 10
      }
      #expect(value == key * 10)
    }
    #expect(made == 4)  // 1, 2, 1, 2: each key asked again after the other evicted it
    #expect(cache.count == 1)
  }

  @Test func cacheOfCapacityZeroStillHoldsOne() {
    var cache = BoundedCache<Int, Int>(capacity: 0)
    cache.set(1, for: 1)
    #expect(cache.capacity == 1 && cache[1] == 1)
  }

  // MARK: the summary of uncounted walks

  @Test func summaryKeepsAtMostMaxGroupsAndSaysThereAreMore() throws {
    var summary = UncountedWalks.Summary(maxGroups: 2)
    let noTeam = UncountedWalks.Finding(scope: .noTeam, reasons: [.inNoTeam])
    let day = try date(2026, 3, 1)
    summary.add(memberId: 1, date: day, noTeam)
    summary.add(memberId: 2, date: day, noTeam)
    summary.add(memberId: 3, date: day, noTeam)  // a third group: dropped
    summary.add(memberId: 3, date: day.adding(days: 1), noTeam)
    summary.add(memberId: 1, date: day.adding(days: 2), noTeam)  // a kept group still counts
    #expect(summary.groups.map(\.memberId) == [1, 2])
    #expect(summary.groups[0].count == 2 && summary.groups[0].last == day.adding(days: 2))
    #expect(summary.droppedWalks == 2)
    let names = UncountedWalks.Names(members: [1: "ana", 2: "ben", 3: "cai"])
    let lines = UncountedWalks.messages(summary, names: names, limit: 1)
    #expect(lines.count == 2)
    #expect(lines[1] == "… and more than 1 more reasons like these")
    // Within the limit nothing changes: the exact count of further reasons.
    var exact = UncountedWalks.Summary()
    for member in Int64(1)...3 { exact.add(memberId: member, date: day, noTeam) }
    #expect(
      UncountedWalks.messages(exact, names: names, limit: 1).last
        == "… and 2 more reasons like these")
  }

  // MARK: imports with a tiny cache

  /// ana, ben, cai in team "Owls": ana joined on 2026-03-01 (earlier walks count for no team),
  /// ben and cai on 2026-01-01.
  static func owls() throws -> SQLiteStore {
    let store = try T.people()
    try store.write(change: "setup") { db in
      let team = try db.insert(Team(name: "Owls", maxMembers: 50))
      for (handle, joined) in [("ana", "2026-03-01"), ("ben", "2026-01-01"), ("cai", "2026-01-01")]
      {
        let member = try #require(try db.member(handle: handle))
        _ = try db.insert(
          Membership(
            teamId: team.id!, memberId: member.id!, role: .member,
            joined: try DateInput.parse(joined, today: try T.today())))
      }
    }
    return store
  }

  static func importing(
    _ text: String, into store: SQLiteStore, cacheCapacity: Int, dryRun: Bool = false
  ) throws -> MileQuestService.ImportReport {
    try T.service(store).importWalks(
      ByteSource(bytes: Array(text.utf8), name: "walks.csv"), format: .csv, file: "walks.csv",
      dryRun: dryRun, cacheCapacity: cacheCapacity)
  }

  /// Rows that name the members in turns (each evicts the one before from a cache of one),
  /// with the handle spelt two ways, two identical rows, and ana's walks before she joined.
  static let rows = """
    member,date,distance_m,duration_s
    ana,2026-02-10,1000,600
    ben,2026-02-10,2000,
    ANA,2026-02-11,1500,
    cai,2026-03-02,3000,900
    ben,2026-02-10,2000,
    ana,2026-03-05,2500,
    ben,2026-03-06,800,
    ana,2026-02-12,700,

    """

  @Test func tinyCacheImportsTheSameWalksAndWarnings() throws {
    let small = try Self.owls()
    let large = try Self.owls()
    let a = try Self.importing(Self.rows, into: small, cacheCapacity: 1)
    let b = try Self.importing(Self.rows, into: large, cacheCapacity: 10_000)
    #expect(a.added == 8 && a.skipped == 0)
    #expect(a == b)
    #expect(a.warnings.count == 1)
    #expect(a.warnings.first?.hasPrefix("3 walks of ana (2026-02-10 to 2026-02-12) count") == true)
    #expect(try T.snapshot(small) == T.snapshot(large))
    #expect(try small.check().problems.isEmpty)
    // The identical rows are two walks; importing again finds every row, whatever the cache.
    let again = try Self.importing(Self.rows, into: small, cacheCapacity: 1)
    #expect(again.added == 0 && again.skipped == 8)
    #expect(try T.snapshot(small) == T.snapshot(large))
  }

  @Test func tinyCacheReportsEveryBadRowExactly() throws {
    let text = """
      member,date,distance_m
      ana,2026-02-10,1000
      dan,2026-02-10,1000
      ben,2026-02-10,1000
      dan,2026-02-11,1000
      cai,2026-02-10,-5
      Dan,2026-02-12,1000

      """
    var messages: [String?] = []
    for capacity in [1, 2, 10_000] {
      let store = try Self.owls()
      let before = try T.snapshot(store)
      messages.append(
        T.badData { _ = try Self.importing(text, into: store, cacheCapacity: capacity) })
      #expect(try T.snapshot(store) == before)
    }
    let message = try #require(messages[0])
    #expect(message.contains("walks.csv:3: unknown member 'dan'"))
    #expect(message.contains("walks.csv:5: unknown member 'dan'"))
    #expect(message.contains("walks.csv:6: bad distance_m '-5'"))
    #expect(message.contains("walks.csv:7: unknown member 'Dan'"))
    #expect(messages.allSatisfy { $0 == message })
  }

  @Test func tinyCacheDryRunSaysWhatTheImportDoes() throws {
    let store = try Self.owls()
    let before = try T.snapshot(store)
    let dry = try Self.importing(Self.rows, into: store, cacheCapacity: 1, dryRun: true)
    #expect(try T.snapshot(store) == before)
    var real = try Self.importing(Self.rows, into: store, cacheCapacity: 1)
    real.dryRun = true
    #expect(dry == real)
  }

  @Test func warningsKeepABoundedNumberOfGroups() throws {
    // 30 members in no team while a team exists: 30 groups, at most 5 kept.
    let store = try T.people()
    let service = try T.service(store)
    for index in 0..<30 {
      _ = try service.addMember(handle: "x\(index)", name: nil, email: nil, stride: nil)
    }
    try store.write(change: "team") { db in _ = try db.insert(Team(name: "Owls", maxMembers: 5)) }
    try store.write(change: "import") { db in
      var collector = UncountedWalkCollector(service, db, cacheCapacity: 4, maxGroups: 5)
      for index in 0..<30 {
        let member = try #require(try db.member(handle: "x\(index)"))
        try collector.add(
          Walk(memberId: member.id!, date: try date(2026, 3, 1), distanceMetres: 1000))
      }
      let lines = try collector.messages()
      #expect(lines.count == 6)
      #expect(lines[0].hasPrefix("x0's walk of 2026-03-01 counts for no team: x0 is in no team"))
      #expect(lines[5] == "… and more than 0 more reasons like these")
    }
  }

  // MARK: what the member cache keeps

  @Test func cachedMemberGivesTheStoredHandleAndStrideWhateverTheCache() throws {
    // A distance in steps takes the member's stride; the fingerprint takes the stored handle
    // however the row spells it, so the same walk under another spelling is found again.
    for capacity in [1, 10_000] {
      let store = try Self.owls()
      let ana = try #require(try store.read { db in try db.member(handle: "ana") })
      let first = try Self.importing(
        "member,date,distance\nANA,2026-03-02,1000 steps\nben,2026-03-02,2 km\nAna,2026-03-03,10 steps\n",
        into: store, cacheCapacity: capacity)
      #expect(first.added == 3)
      let walks = try store.read { db in try db.walks(WalkFilter(memberIds: [ana.id!])) }
      #expect(
        walks.map(\.distanceMetres).sorted() == [10 * ana.strideMetres, 1000 * ana.strideMetres])
      let again = try Self.importing(
        "member,date,distance\nana,2026-03-02,1000 steps\nBEN,2026-03-02,2 km\nana,2026-03-03,10 steps\n",
        into: store, cacheCapacity: capacity)
      #expect(again.added == 0 && again.skipped == 3, "cache of \(capacity)")
    }
  }

  @Test func membershipsOfAMemberAreTheSameReadEitherWay() throws {
    let store = try Self.owls()
    try store.write(change: "more") { db in
      let team = try db.insert(Team(name: "Larks", maxMembers: 5))
      let ben = try #require(try db.member(handle: "ben"))
      var left = try #require(try db.memberships(memberId: ben.id!).first)
      left.left = try DateInput.parse("2026-06-01", today: try T.today())
      try db.update(left)
      _ = try db.insert(
        Membership(
          teamId: team.id!, memberId: ben.id!, role: .captain,
          joined: try DateInput.parse("2026-06-01", today: try T.today())))
    }
    try store.read { db in
      let all = try db.allMemberships()
      for handle in ["ana", "ben", "cai"] {
        let member = try #require(try db.member(handle: handle))
        let expected = all.filter { $0.memberId == member.id }
          .sorted { ($0.joined, $0.id ?? 0) < ($1.joined, $1.id ?? 0) }
        #expect(try db.memberships(memberId: member.id!) == expected)
      }
    }
  }

  // MARK: totals merged a batch at a time

  @Test func totalsMergedInSmallBatchesMatchTheWalks() throws {
    let rollups = RollupsTests()
    for batch in [1, 3, 7, 1_000] {
      let store = try SQLiteStore.inMemory()
      try rollups.populate(store, walks: 5, seed: 16)
      var random = RollupsTests.Random(state: 99)
      let added = try store.write(change: "import") { db in
        let session = try #require(db as? SQLiteSession)
        return try session.insertWalks(mergeEvery: batch) { insert in
          for index in 0..<40 {
            let walk = Walk(
              memberId: Int64(1 + random.next(9)),
              date: RollupsTests.start.adding(days: random.next(120)),
              distanceMetres: Double(100 + random.next(20_000)) / 7.0, source: .import,
              externalId: "b\(index % 35)")  // five repeats: skipped
            _ = try insert(walk)
          }
        }
      }
      #expect(added == 35)
      #expect(try store.check().problems.isEmpty, "batches of \(batch)")
      // Undo takes the walks off the totals again.
      _ = try store.undoLastChange()
      #expect(try store.check().problems.isEmpty, "undo, batches of \(batch)")
    }
  }
}
