import Foundation
import MileQuestKit
@_spi(Testing) import MileQuestPostgres
import MileQuestSQLite
import Testing

/// One way to get a new, empty, migrated store of one back end.
struct StoreFactory: Sendable, CustomTestStringConvertible {
  /// The back end's name in test output.
  let name: String
  /// A new empty database: a store on it, a function that opens another connection to the
  /// same database (as another process would; nil when the back end has no second
  /// connection, as SQLite in memory), and what removes it afterwards.
  let make: @Sendable () throws -> StoreUnderTest

  var testDescription: String { name }

  /// Every back end the contract suite runs against: add one line per back end.
  static let all: [StoreFactory] =
    [.sqliteInMemory, .sqliteWALFile] + (ThrowawayCluster.isAvailable ? [.postgres] : [])

  static let sqliteInMemory = StoreFactory(name: "SQLite in memory") {
    StoreUnderTest(store: try SQLiteStore.inMemory(), connect: nil, cleanup: {})
  }

  /// A new database on the tests' own throw-away PostgreSQL cluster (skipped, with the other
  /// PostgreSQL suites, where the server programs are not installed).
  static let postgres = StoreFactory(name: "PostgreSQL") {
    let address = try ThrowawayCluster.shared().freshMilequestDatabase()
    return StoreUnderTest(
      store: try PostgresStore(address: address),
      connect: { try PostgresStore(address: address) }, cleanup: {})
  }

  static let sqliteWALFile = StoreFactory(name: "SQLite WAL file") {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-contract-\(UUID().uuidString)")
    let path = directory.appendingPathComponent("t.db").path
    let store = try SQLiteStore(path: path)
    return StoreUnderTest(
      store: store, connect: { try SQLiteStore(path: path, creating: .never) },
      cleanup: { try? FileManager.default.removeItem(at: directory) })
  }
}

/// A store made by a `StoreFactory`.
struct StoreUnderTest: Sendable {
  let store: any MileQuestStore
  let connect: (@Sendable () throws -> any MileQuestStore)?
  let cleanup: @Sendable () -> Void
}

/// The store contract written in `MileQuestStore.swift`, held against every back end in
/// `StoreFactory.all`: transactions, isolation, held changes, undo, ids, running totals, the
/// speed-ups agreeing with their defaults, look-ups and orders, and `check`.
@Suite struct StoreContractTests {
  static let day = LocalDate(year: 2026, month: 3, day: 2)!

  /// Runs `body` with a fresh store of `factory`, always cleaning up.
  func with(_ factory: StoreFactory, _ body: (StoreUnderTest) throws -> Void) throws {
    let made = try factory.make()
    defer {
      try? made.store.close()
      made.cleanup()
    }
    try body(made)
  }

  /// Adds members `a`, `b`, `c` and team `T` (a captain, b member from `day`).
  @discardableResult
  func seed(_ store: any MileQuestStore) throws -> (members: [Member], team: Team) {
    try store.write(change: "seed") { db throws in
      let members = try ["a", "b", "c"].map {
        try db.insert(Member(handle: $0, name: $0.uppercased()))
      }
      let team = try db.insert(Team(name: "T", maxMembers: 3))
      _ = try db.insert(
        Membership(teamId: team.id!, memberId: members[0].id!, role: .captain, joined: Self.day))
      _ = try db.insert(
        Membership(teamId: team.id!, memberId: members[1].id!, role: .member, joined: Self.day))
      return (members, team)
    }
  }

  func walk(_ memberId: Int64, _ day: Int, _ metres: Double, externalId: String? = nil) -> Walk {
    Walk(
      memberId: memberId, date: Self.day.adding(days: day), distanceMetres: metres,
      source: externalId == nil ? .manual : .import, externalId: externalId)
  }

  /// The running totals computed from the walks themselves: the reference for `membershipTotals`.
  func totalsFromWalks(_ db: any StoreReading) throws -> [Int64: (sum: Double, walks: Int)] {
    var totals: [Int64: (sum: Double, walks: Int)] = [:]
    for membership in try db.allMemberships() {
      var sum = ExactSum()
      var count = 0
      for walk in try db.walks(WalkFilter(memberIds: [membership.memberId]))
      where membership.covers(walk.date) {
        sum.add(walk.distanceMetres)
        count += 1
      }
      totals[membership.id!] = (sum.value, count)
    }
    return totals
  }

  /// `membershipTotals()` equals the totals computed from the walks, to the last bit.
  func expectTotalsExact(_ store: any MileQuestStore, _ when: String) throws {
    try store.read { db throws in
      let expected = try totalsFromWalks(db)
      let stored = try db.membershipTotals()
      #expect(Set(stored.keys) == Set(expected.keys), "\(when): memberships with a total")
      for (id, total) in expected {
        #expect(stored[id]?.sum.value == total.sum, "\(when): sum of membership \(id)")
        #expect(stored[id]?.walks == total.walks, "\(when): walks of membership \(id)")
      }
      if let some = try db.membershipTotals(ids: Array(expected.keys)) {
        for (id, total) in expected where some[id] != nil {
          #expect(some[id]?.value == total.sum, "\(when): membershipTotals(ids:) of \(id)")
        }
      }
    }
  }

  // MARK: - Transactions

  @Test("a write whose body throws keeps nothing", arguments: StoreFactory.all)
  func failedWriteKeepsNothing(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      let (members, _) = try seed(store)
      struct Boom: Error {}
      #expect(throws: Boom.self) {
        try store.write(change: "doomed") { db throws in
          _ = try db.insert(Member(handle: "d", name: "D"))
          _ = try db.insert(walk(members[0].id!, 1, 1000))
          throw Boom()
        }
      }
      try store.read { db throws in
        #expect(try db.member(handle: "d") == nil)
        #expect(try db.walks(WalkFilter()).isEmpty)
      }
      try expectTotalsExact(store, "after a failed write")
      // The failed write is no change: undo reverts the one before it.
      #expect(try store.undoLastChange() == "seed")
    }
  }

  @Test(
    "a duplicate handle, or a name differing only in case, is refused; nothing is kept",
    arguments: StoreFactory.all)
  func duplicatesAreRefused(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      try seed(store)
      #expect(throws: MileQuestError.self) {
        try store.write(change: "dup") { db throws in
          _ = try db.insert(Member(handle: "x", name: "X"))
          _ = try db.insert(Member(handle: "a", name: "again"))
        }
      }
      #expect(throws: MileQuestError.self) {
        try store.write(change: "dup") { db in _ = try db.insert(Team(name: "t")) }
      }
      try store.read { db throws in
        #expect(try db.member(handle: "x") == nil)
        #expect(try db.allTeams().count == 1)
      }
    }
  }

  @Test(
    "writes are serialised: two writers filling the last seat, exactly one succeeds",
    arguments: StoreFactory.all)
  func lastSeatRace(factory: StoreFactory) throws {
    try with(factory) { made in
      let (_, team) = try seed(made.store)
      // Two writers (separate connections when the back end has them), each reading the
      // team's size and then adding a member to the one free seat, many times over.
      for round in 0..<10 {
        let writers = try (0..<2).map { _ in try made.connect?() ?? made.store }
        let added = Mutex(0)
        let errors = Mutex([String]())
        let handles = ["p\(round)", "q\(round)"]
        try made.store.write(change: "newcomers") { db throws in
          for handle in handles { _ = try db.insert(Member(handle: handle, name: handle)) }
        }
        DispatchQueue.concurrentPerform(iterations: 2) { index in
          do {
            let didAdd = try writers[index].write(change: "join") { db -> Bool in
              let current = try db.memberships(teamId: team.id!).filter { $0.left == nil }
              guard current.count < team.maxMembers else { return false }
              let member = try db.member(handle: handles[index])!
              _ = try db.insert(
                Membership(
                  teamId: team.id!, memberId: member.id!, role: .member, joined: Self.day))
              return true
            }
            if didAdd { added.withLock { $0 += 1 } }
          } catch {
            errors.withLock { $0.append("\(error)") }
          }
        }
        for writer in writers where writer !== made.store { try writer.close() }
        #expect(errors.withLock { $0 } == [])
        #expect(added.withLock { $0 } == 1, "round \(round): exactly one writer took the seat")
        // Free the seat again for the next round.
        try made.store.write(change: "leave") { db throws in
          var last = try db.memberships(teamId: team.id!).filter { $0.left == nil }.last!
          last.left = Self.day
          try db.update(last)
        }
      }
      try made.store.read { db throws in
        #expect(try db.memberships(teamId: team.id!).filter { $0.left == nil }.count == 2)
      }
    }
  }

  @Test("concurrent writers lose nothing, and the totals stay exact", arguments: StoreFactory.all)
  func concurrentWritersLoseNothing(factory: StoreFactory) throws {
    try with(factory) { made in
      let (members, _) = try seed(made.store)
      let failures = Mutex(0)
      DispatchQueue.concurrentPerform(iterations: 4) { worker in
        do {
          let store = try made.connect?() ?? made.store
          for index in 0..<25 {
            _ = try store.write(change: "log") { db throws in
              try db.insert(walk(members[worker % 2].id!, index % 5, 0.1 * Double(index + 1)))
            }
          }
          if store !== made.store { try store.close() }
        } catch {
          failures.withLock { $0 += 1 }
        }
      }
      #expect(failures.withLock { $0 } == 0)
      #expect(try made.store.read { try $0.walks(WalkFilter()) }.count == 100)
      try expectTotalsExact(made.store, "after concurrent writers")
    }
  }

  // MARK: - Held changes

  @Test("held changes are one transaction: discarded, or committed", arguments: StoreFactory.all)
  func heldChanges(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      try seed(store)
      // Discarded: as a dry run.
      store.holdChanges()
      #expect(!store.hasHeldChanges)
      _ = try store.write(change: "d") { db in try db.insert(Member(handle: "d", name: "D")) }
      #expect(store.hasHeldChanges)
      #expect(try store.read { try $0.member(handle: "d") } != nil, "a held change is seen")
      try store.discardHeldChanges()
      #expect(try store.read { try $0.member(handle: "d") } == nil)
      // Committed, with a failed write in between undoing only its own part.
      store.holdChanges()
      _ = try store.write(change: "e") { db in try db.insert(Member(handle: "e", name: "E")) }
      struct Boom: Error {}
      #expect(throws: Boom.self) {
        try store.write(change: "f") { db throws in
          _ = try db.insert(Member(handle: "f", name: "F"))
          throw Boom()
        }
      }
      try store.commitHeldChanges()
      #expect(!store.hasHeldChanges)
      try store.read { db throws in
        #expect(try db.member(handle: "e") != nil)
        #expect(try db.member(handle: "f") == nil)
      }
      // Committed changes are seen by another connection.
      if let other = try made.connect?() {
        #expect(try other.read { try $0.member(handle: "e") } != nil)
        try other.close()
      }
      #expect(try store.undoLastChange() == "e")
    }
  }

  // MARK: - Undo

  @Test("undo reverts the newest change completely, totals included", arguments: StoreFactory.all)
  func undoRevertsTheNewestChange(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      #expect(try store.undoLastChange() == nil, "nothing to undo in a new database")
      let (members, team) = try seed(store)
      let first = try store.write(change: "log 1") { db throws in
        try db.insert(walk(members[0].id!, 1, 1234.5))
      }
      try store.write(change: "edit") { db throws in
        var changed = first
        changed.distanceMetres = 99
        changed.note = "typo"
        try db.update(changed)
        var renamed = team
        renamed.name = "Renamed"
        try db.update(renamed)
      }
      // A write that changes nothing is not a change.
      try store.write(change: "nothing") { db in _ = try db.allMembers() }
      try expectTotalsExact(store, "after the edit")
      #expect(try store.undoLastChange() == "edit")
      try store.read { db throws in
        #expect(try db.walk(id: first.id!) == first)
        #expect(try db.team(id: team.id!)?.name == "T")
      }
      try expectTotalsExact(store, "after undoing the edit")
      #expect(try store.undoLastChange() == "log 1")
      #expect(try store.read { try $0.walk(id: first.id!) } == nil)
      try expectTotalsExact(store, "after undoing the log")
      #expect(try store.undoLastChange() == "seed")
      #expect(try store.read { try $0.allMembers() }.isEmpty)
      #expect(try store.undoLastChange() == nil, "undo is not itself undoable")
    }
  }

  @Test("at least the 50 newest changes can be undone", arguments: StoreFactory.all)
  func fiftyUndos(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      for index in 0..<51 {
        _ = try store.write(change: "add \(index)") { db throws in
          try db.insert(Member(handle: "m\(index)", name: "M"))
        }
      }
      for index in stride(from: 50, to: 0, by: -1) {
        #expect(try store.undoLastChange() == "add \(index)")
      }
      #expect(try store.read { try $0.allMembers().map(\.handle) }.contains("m0"))
    }
  }

  // MARK: - Ids

  @Test(
    "ids start at 1 and follow the largest present: no gap after a rollback or an undo",
    arguments: StoreFactory.all)
  func idAssignment(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      let a = try store.write(change: "a") { db in try db.insert(Member(handle: "a", name: "A")) }
      #expect(a.id == 1)
      struct Boom: Error {}
      _ = try? store.write(change: "rolled back") { db -> Member in
        _ = try db.insert(Member(handle: "b", name: "B"))
        throw Boom()
      }
      let b = try store.write(change: "b") { db in try db.insert(Member(handle: "b", name: "B")) }
      #expect(b.id == 2, "a rolled-back insert leaves no gap")
      _ = try store.undoLastChange()
      let c = try store.write(change: "c") { db in try db.insert(Member(handle: "c", name: "C")) }
      #expect(c.id == 2, "an undone insert leaves no gap")
      let walks = try store.write(change: "walks") { db throws in
        [try db.insert(walk(a.id!, 0, 1)), try db.insert(walk(c.id!, 0, 2))]
      }
      #expect(walks.map(\.id) == [1, 2])
    }
  }

  // MARK: - Running totals and bulk inserts

  @Test("running totals stay exact through every kind of change", arguments: StoreFactory.all)
  func runningTotalsStayExact(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      let (members, team) = try seed(store)
      let (a, b, c) = (members[0].id!, members[1].id!, members[2].id!)
      // Amounts whose plain floating-point sum depends on the order.
      let amounts = [1_234_567.891, 0.1, 0.2, 0.3, 1609.344, 12_000 * 0.762, 1e-3, 999_999.7]
      try store.write(change: "log") { db throws in
        for (index, metres) in amounts.enumerated() {
          _ = try db.insert(walk(index.isMultiple(of: 2) ? a : b, index - 2, abs(metres)))
        }
      }
      try expectTotalsExact(store, "after logs (some before joining)")
      let bulk = try store.write(change: "import") { db throws in
        try db.insertWalks { insert throws in
          #expect(try insert(walk(b, 3, 10, externalId: "x1")) == .added)
          #expect(try insert(walk(b, 3, 10, externalId: "x1")) == .addedEarlier)
          #expect(try insert(walk(a, 4, 11, externalId: "x2")) == .added)
        }
      }
      #expect(bulk == 2)
      try store.write(change: "import again") { db throws in
        _ = try db.insertWalks { insert throws in
          #expect(try insert(walk(b, 3, 10, externalId: "x1")) == .existed)
        }
        #expect(try db.insertIfAbsent(walk(a, 4, 11, externalId: "x2")) == nil)
        #expect(try db.insertIfAbsent(walk(a, 5, 12, externalId: "x3")) != nil)
      }
      try expectTotalsExact(store, "after bulk inserts")
      try store.write(change: "edit and delete") { db throws in
        var first = try db.walks(WalkFilter(memberIds: [a])).first!
        first.distanceMetres = 7
        first.date = Self.day.adding(days: 6)
        try db.update(first)
        var second = try db.walks(WalkFilter(memberIds: [b])).last!
        second.isDeleted = true
        try db.update(second)
      }
      try expectTotalsExact(store, "after an edit and a delete")
      try store.write(change: "memberships") { db throws in
        var leaving = try db.memberships(teamId: team.id!).first { $0.memberId == b }!
        leaving.left = Self.day.adding(days: 2)
        try db.update(leaving)
        _ = try db.insert(
          Membership(
            teamId: team.id!, memberId: c, role: .member, joined: Self.day.adding(days: -5)))
      }
      try expectTotalsExact(store, "after membership changes")
      for _ in 0..<4 { _ = try store.undoLastChange() }
      try expectTotalsExact(store, "after undoing them all")
    }
  }

  // MARK: - Speed-ups agree with their defaults

  @Test("the speed-ups agree with what the plain reads give", arguments: StoreFactory.all)
  func speedUpsAgree(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      let (members, _) = try seed(store)
      let (a, b) = (members[0].id!, members[1].id!)
      let route = try store.write(change: "setup") { db throws in
        for (index, metres) in [1000.0, 2000, 3000, 4000].enumerated() {
          var logged = try db.insert(walk(index < 2 ? a : b, index * 3, metres))
          if index == 3 {
            logged.isDeleted = true
            try db.update(logged)
          }
        }
        let route = try db.insert(
          Route(
            name: "R",
            points: [
              RoutePoint(coordinate: Coordinate(latitude: 0, longitude: 179.9), label: "W"),
              RoutePoint(coordinate: Coordinate(latitude: 0, longitude: -179.9), label: "E"),
            ]))
        _ = try db.insert(
          Goal(
            name: "Old", routeId: nil, targetMetres: 5000, mode: .race, start: Self.day,
            end: Self.day.adding(days: 1), dailyCapMetres: nil, teamIds: [1]))
        return route
      }
      let milestones = Milestone.of(route: route, geometry: try route.geometry())
      try store.write(change: "milestones") { db throws in
        try db.saveMilestones(milestones, routeId: route.id!)
      }
      try store.read { db throws in
        // forEachWalkAmount: the live walks' amounts.
        let filter = WalkFilter(memberIds: [a, b], range: DateRange(from: Self.day, to: nil))
        var amounts: [Double] = []
        try db.forEachWalkAmount(filter) { amounts.append($0.distanceMetres) }
        #expect(amounts.sorted() == [1000, 2000, 3000])
        // savedMilestones: what was saved, or "don't know".
        if let saved = try db.savedMilestones(routeId: route.id!) { #expect(saved == milestones) }
        // hasWalks: false only when there is no live walk outside the range.
        let within = DateRange(from: Self.day, to: Self.day.adding(days: 6))
        #expect(
          try db.hasWalks(
            memberIds: [a, b], outside: DateRange(from: Self.day.adding(days: 1), to: nil)))
        #expect(try db.hasWalks(memberIds: [a], outside: DateRange(from: Self.day, to: Self.day)))
        if try !db.hasWalks(memberIds: [a, b], outside: within) {
          #expect(
            try db.walks(WalkFilter(memberIds: [a, b])).allSatisfy { within.contains($0.date) })
        }
        // goalsToClose: the active goals with no final results whose end is over.
        let today = Self.day.adding(days: 10)
        let closing = try db.goalsToClose(today: today)
        let final = try db.closedGoals()
        let expected = try db.allGoals().filter {
          $0.state == .active && $0.hasEnded(on: today) && final[$0.id!] == nil
        }
        #expect(closing == expected)
        // walkCount: the number of walks the filter reads, or "don't know".
        for counted in [WalkFilter(), WalkFilter(includeDeleted: true), filter] {
          if let count = try db.walkCount(counted) {
            #expect(count == (try db.walks(counted)).count)
          }
        }
      }
    }
  }

  // MARK: - Look-ups, orders, final results

  @Test(
    "look-ups are case-insensitive and lists keep their documented order",
    arguments: StoreFactory.all)
  func lookUpsAndOrders(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      try store.write(change: "setup") { db throws in
        for handle in ["zed", "Émile", "amy"] {
          _ = try db.insert(Member(handle: handle, name: "N"))
        }
        _ = try db.insert(Team(name: "Zebras"))
        _ = try db.insert(Team(name: "ants"))
        let amy = try db.member(handle: "AMY")!
        _ = try db.insert(walk(amy.id!, 2, 1))
        _ = try db.insert(walk(amy.id!, 1, 2))
        _ = try db.insert(walk(amy.id!, 2, 3))
      }
      try store.read { db throws in
        #expect(try db.member(handle: "ZED")?.handle == "zed")
        #expect(try db.team(name: "ZEBRAS")?.name == "Zebras")
        #expect(try db.allMembers().map(\.handle) == ["amy", "zed", "Émile"])
        #expect(try db.allTeams().map(\.name) == ["ants", "Zebras"])
        #expect(try db.walks(WalkFilter()).map(\.distanceMetres) == [2, 1, 3])
        #expect(try db.walks(WalkFilter(newestFirst: true)).map(\.distanceMetres) == [3, 1, 2])
        var streamed: [Double] = []
        try db.forEachWalk(WalkFilter()) { streamed.append($0.distanceMetres) }
        #expect(streamed == [2, 1, 3])
      }
      let skipped = SkippedRows()
      #expect(try store.readSalvaging(skipped) { try $0.allMembers().count } == 3)
      #expect(skipped.rows.isEmpty)
    }
  }

  @Test("final results are kept, replaced and dropped", arguments: StoreFactory.all)
  func finalResults(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      let (members, team) = try seed(store)
      let goal = try store.write(change: "goal") { db throws in
        try db.insert(
          Goal(
            name: "G", routeId: nil, targetMetres: 10, mode: .race, start: Self.day,
            end: Self.day.adding(days: 3), dailyCapMetres: nil, teamIds: [team.id!]))
      }
      let logged = try store.write(change: "log") { db in try db.insert(walk(members[0].id!, 1, 5))
      }
      let memberships = try store.read { try $0.memberships(teamId: team.id!) }
      let results = FinalResults(
        reason: .ended, closedOn: Self.day.adding(days: 4), memberships: memberships,
        walks: [logged])
      try store.write(change: "close") { db in try db.saveFinalResults(results, goalId: goal.id!) }
      try store.read { db throws in
        #expect(try db.finalResults(goalId: goal.id!) == results)
        #expect(try db.closedGoals() == [goal.id!: Self.day.adding(days: 4)])
      }
      try store.write(change: "reopen") { db in try db.dropFinalResults(goalId: goal.id!) }
      #expect(try store.read { try $0.finalResults(goalId: goal.id!) } == nil)
      #expect(try store.undoLastChange() == "reopen")
      #expect(try store.read { try $0.finalResults(goalId: goal.id!) } == results)
    }
  }

  // MARK: - Check

  @Test("check finds nothing wrong in a sound database", arguments: StoreFactory.all)
  func checkOfASoundDatabase(factory: StoreFactory) throws {
    try with(factory) { made in
      let store = made.store
      let (members, _) = try seed(store)
      try store.write(change: "log") { db in _ = try db.insert(walk(members[0].id!, 1, 5)) }
      let report = try store.check(today: Self.day.adding(days: 2))
      #expect(report.problems == [])
      #expect(!report.schemaVersion.isEmpty)
      #expect(report.counts.first { $0.table == "walk" }?.rows == 1)
      #expect(report.counts.first { $0.table == "member" }?.rows == 3)
    }
  }
}
