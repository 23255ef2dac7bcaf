import Foundation
import MileQuestKit
import Testing

@_spi(Testing) @testable import MileQuestPostgres

/// A fresh database of the tests' own cluster, with milequest's schema.
func freshStore(clock: @escaping @Sendable () -> Date = { Date() }) throws -> PostgresStore {
  let address = try ThrowawayCluster.shared().freshMilequestDatabase()
  return try PostgresStore(address: address, clock: clock)
}

@Suite("PostgreSQL store", .enabled(if: ThrowawayCluster.isAvailable), .serialized)
struct PostgresStoreTests {
  let day = LocalDate("2026-11-02")!

  @Test("init creates the schema with SQLite's migration names; a second init accepts it")
  func initialise() throws {
    let address = try ThrowawayCluster.shared().freshDatabase()
    #expect(try PostgresStore.initialise(address: address, dryRun: true))
    #expect(throws: MileQuestError.self) { try PostgresStore(address: address) }
    #expect(try PostgresStore.initialise(address: address))
    #expect(try PostgresStore.initialise(address: address) == false)
    let store = try PostgresStore(address: address)
    let report = try store.check(today: day)
    #expect(report.schemaVersion == "v9-goal-team-by-team")
    #expect(report.problems.isEmpty)
    #expect(report.counts.map(\.table).first == "member")
    try store.close()
  }

  @Test("an empty database is refused with 66 until init; a missing one too")
  func uninitialised() throws {
    let cluster = try ThrowawayCluster.shared()
    let address = try cluster.freshDatabase()
    #expect { try PostgresStore(address: address) } throws: {
      ($0 as? MileQuestError)?.exitCode == 66
    }
    #expect { try PostgresStore(address: cluster.address(database: "nosuchdb")) } throws: {
      ($0 as? MileQuestError)?.exitCode == 66
    }
  }

  @Test("a server that cannot be reached is 69, a refused login 77, and no password is shown")
  func connectionErrors() throws {
    let cluster = try ThrowawayCluster.shared()
    let down = "postgresql://walker:s3cret@/quest?host=/nonexistent-milequest&port=1"
    #expect { try PostgresStore(address: down) } throws: { error in
      guard let error = error as? MileQuestError else { return false }
      return error.exitCode == 69 && !error.description.contains("s3cret")
        && error.description.contains("***")
    }
    #expect {
      try PostgresStore(address: cluster.address(database: "postgres", user: "nobody_here"))
    } throws: {
      ($0 as? MileQuestError)?.exitCode == 77
    }
  }

  @Test("passwords are redacted from addresses in every spelling")
  func redaction() {
    #expect(PostgresAddress.redacted("postgres://u:pw@h/db") == "postgres://u:***@h/db")
    #expect(PostgresAddress.redacted("postgresql://u@h/db") == "postgresql://u@h/db")
    #expect(
      PostgresAddress.redacted("postgresql://h/db?user=u&password=pw&sslmode=require")
        == "postgresql://h/db?user=u&password=***&sslmode=require")
    #expect(
      PostgresAddress.redacted("host=h password=pw dbname=d") == "host=h password=*** dbname=d")
    #expect(PostgresAddress.isAddress("PostgreSQL://h"))
    #expect(!PostgresAddress.isAddress("postgres.db"))
  }

  @Test("rows round-trip, ids are assigned as SQLite assigns rowids, names keep their case")
  func roundTrip() throws {
    let store = try freshStore()
    defer { try? store.close() }
    let (ann, team, walk) = try store.write(change: "set up") { s in
      let ann = try s.insert(Member(handle: "ann", name: "Ann Ö", email: "a@x", strideMetres: 0.7))
      let bob = try s.insert(Member(handle: "bob", name: "Bob"))
      let team = try s.insert(Team(name: "Striders", description: "fast", maxMembers: 3))
      _ = try s.insert(Membership(teamId: team.id!, memberId: ann.id!, role: .captain, joined: day))
      _ = try s.insert(Membership(teamId: team.id!, memberId: bob.id!, role: .member, joined: day))
      let walk = try s.insert(
        Walk(
          memberId: ann.id!, date: day, distanceMetres: 0.1, durationSeconds: 60, steps: 12,
          note: "a \"quoted\" note, with commas", source: .manual))
      return (ann, team, walk)
    }
    #expect(ann.id == 1)
    #expect(team.id == 1)
    #expect(walk.id == 1)
    try store.read { (s: any StoreReading) throws in
      #expect(try s.member(handle: "ANN") == ann)
      #expect(try s.team(name: "STRIDERS") == team)
      #expect(try s.allMembers().map(\.handle) == ["ann", "bob"])
      #expect(try s.walk(id: 1) == walk)
      #expect(try s.memberships(teamId: 1).count == 2)
      #expect(try s.walks(WalkFilter(memberIds: [1])).count == 1)
      #expect(try s.walks(WalkFilter(memberIds: [])).isEmpty)
    }
    #expect {
      try store.write(change: "dup") { s in _ = try s.insert(Team(name: "striders")) }
    } throws: { ($0 as? MileQuestError) == .duplicate(kind: "team", name: "Striders") }
  }

  @Test("routes with labels that need quoting, goals with teams in order, final results")
  func routesAndGoals() throws {
    let store = try freshStore()
    defer { try? store.close() }
    let points = [
      RoutePoint(coordinate: Coordinate(latitude: 51.5, longitude: -0.12), label: "London, \"UK\""),
      RoutePoint(coordinate: Coordinate(latitude: 48.85, longitude: 2.35)),
      RoutePoint(coordinate: Coordinate(latitude: 40.4, longitude: -3.7), label: "Madrid\\"),
    ]
    try store.write(change: "route") { s in
      let route = try s.insert(Route(name: "Europe", points: points))
      let a = try s.insert(Team(name: "B team"))
      let b = try s.insert(Team(name: "A team"))
      _ = try s.insert(
        Goal(
          name: "Trip", routeId: route.id, targetMetres: 1000, mode: .race, start: day,
          end: day.adding(days: 10), dailyCapMetres: nil, graceDays: 2,
          teamIds: [a.id!, b.id!]))
      try s.saveMilestones([Milestone(name: "x", atMetres: 0, pointIndex: 0)], routeId: route.id!)
    }
    try store.read { (s: any StoreReading) throws in
      #expect(try s.route(name: "europe")?.points == points)
      #expect(try s.goal(name: "trip")?.teamIds == [1, 2])
      #expect(try s.allTeams().map(\.name) == ["A team", "B team"])
      #expect(
        try s.savedMilestones(routeId: 1) == [Milestone(name: "x", atMetres: 0, pointIndex: 0)])
      #expect(try s.goalsToClose(today: day.adding(days: 12)).isEmpty)
      #expect(try s.goalsToClose(today: day.adding(days: 13)).map(\.name) == ["Trip"])
    }
    let results = FinalResults(
      reason: .ended, closedOn: day,
      memberships: [Membership(teamId: 1, memberId: 1, role: .captain, joined: day)],
      walks: [
        Walk(memberId: 1, date: day, distanceMetres: 5),
        Walk(id: 7, memberId: 1, date: day, distanceMetres: 2),
      ])
    try store.write(change: "close") { s in
      _ = try s.insert(Member(handle: "ann", name: "Ann"))
      try s.saveFinalResults(results, goalId: 1)
    }
    try store.read { (s: any StoreReading) throws in
      let read = try s.finalResults(goalId: 1)
      #expect(read?.walks.map(\.id) == [-1, 7])
      #expect(read?.memberships.first?.id == -1)
      #expect(try s.closedGoals() == [1: day])
    }
  }

  @Test("running totals stay exact (the same partials as ExactSum) through edits and undo")
  func runningTotals() throws {
    let store = try freshStore()
    defer { try? store.close() }
    let amounts: [Double] = [0.1, 0.2, 0.3, 1e16, 1, -1e16 + 2, 1234.5678, 3e-7]
      .map { abs($0) }
    try store.write(change: "set up") { s in
      let ann = try s.insert(Member(handle: "ann", name: "Ann"))
      let team = try s.insert(Team(name: "T"))
      _ = try s.insert(Membership(teamId: team.id!, memberId: ann.id!, role: .captain, joined: day))
    }
    for amount in amounts {
      try store.write(change: "log") { s in
        _ = try s.insert(Walk(memberId: 1, date: day, distanceMetres: amount))
      }
    }
    func total() throws -> (Double, Int) {
      try store.read { (s: any StoreReading) throws in
        let all = try s.membershipTotals()
        return (all[1]!.sum.value, all[1]!.walks)
      }
    }
    #expect(try total() == (ExactSum(amounts).value, amounts.count))
    #expect(try store.read { try $0.membershipTotals()[1]!.sum.parts } == ExactSum(amounts).parts)
    try store.write(change: "delete") { s in
      var walk = try s.walk(id: 2)!
      walk.isDeleted = true
      try s.update(walk)
    }
    var left = amounts
    left.remove(at: 1)
    #expect(try total() == (ExactSum(left).value, left.count))
    #expect(try store.undoLastChange() == "delete")
    #expect(try total() == (ExactSum(amounts).value, amounts.count))
    // The totals check finds them exact; the per-row rules list the walks over 1000 mi that
    // this test stores on purpose, as SQLite's check would.
    let problems = try store.check(today: day).problems
    #expect(!problems.contains { $0.contains("running totals") }, "\(problems)")
    #expect(problems.count == 2 && problems.allSatisfy { $0.contains("distanceMetres") })
  }

  @Test("undo reverts inserts, updates and deletes of the newest change, newest first")
  func undo() throws {
    let store = try freshStore()
    defer { try? store.close() }
    try store.write(change: "add ann") { s in _ = try s.insert(Member(handle: "ann", name: "Ann")) }
    try store.write(change: "rename") { s in
      var ann = try s.member(handle: "ann")!
      ann.name = "Annie"
      try s.update(ann)
    }
    try store.write(change: "nothing") { _ in }
    #expect(try store.undoLastChange() == "rename")
    #expect(try store.read { try $0.member(handle: "ann")?.name } == "Ann")
    #expect(try store.undoLastChange() == "add ann")
    #expect(try store.read { try $0.allMembers() }.isEmpty)
    #expect(try store.undoLastChange() == nil)
    // The id is taken again, as SQLite reuses a rowid.
    let again = try store.write(change: "add bob") { s in
      try s.insert(Member(handle: "bob", name: "Bob"))
    }
    #expect(again.id == 1)
  }

  @Test("held changes: a dry run discards them, a failed write keeps nothing of itself")
  func heldChanges() throws {
    let store = try freshStore()
    defer { try? store.close() }
    store.holdChanges()
    try store.write(change: "a") { s in _ = try s.insert(Member(handle: "ann", name: "Ann")) }
    #expect(store.hasHeldChanges)
    #expect(throws: MileQuestError.self) {
      try store.write(change: "b") { s in
        _ = try s.insert(Member(handle: "bob", name: "Bob"))
        throw MileQuestError.ruleViolation("no")
      }
    }
    #expect(try store.read { try $0.allMembers().map(\.handle) } == ["ann"])
    try store.discardHeldChanges()
    #expect(try store.read { try $0.allMembers() }.isEmpty)
    store.holdChanges()
    try store.write(change: "a") { s in _ = try s.insert(Member(handle: "cy", name: "Cy")) }
    try store.commitHeldChanges()
    #expect(try store.read { try $0.allMembers().map(\.handle) } == ["cy"])
  }

  @Test("a connection runs without JIT, in the date and float forms the decoders read")
  func sessionSettings() throws {
    let store = try freshStore()
    defer { try? store.close() }
    let rows = try store.connection.exec(
      "SELECT current_setting('jit'), current_setting('datestyle'), "
        + "current_setting('extra_float_digits')")
    #expect(rows.rows.first == ["off", "ISO, YMD", "1"])
  }

  @Test("mq_fsum_add on the server gives ExactSum's partials for random doubles")
  func serverSumsMatchSwift() throws {
    let store = try freshStore()
    defer { try? store.close() }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let values = (0..<30).map { _ in
        Double.random(in: 0.001...2_000_000, using: &generator)
          * (Bool.random(using: &generator) ? 1 : 1e-9)
      }
      let rows = try store.connection.exec(
        "SELECT mq_fsum(x) FROM unnest($1::double precision[]) AS t(x)", [PGArray.of(values)])
      let partials = try PGRow(rows.rows[0], table: "t").doubles(0, "sum")
      #expect(partials == ExactSum(values).parts)
    }
  }
}

@Suite("PostgreSQL live changes", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresNotifyTests {
  @Test("a listener hears another connection's commit within a second, and nothing else")
  func listenNotify() throws {
    let address = try ThrowawayCluster.shared().freshDatabase()
    _ = try PostgresStore.initialise(address: address)
    let watcher = try PostgresStore(address: address)
    let writer = try PostgresStore(address: address)
    defer {
      try? watcher.close()
      try? writer.close()
    }
    #expect(try watcher.waitForChanges(timeout: 0.2) == false)
    try writer.write(change: "add") { s in _ = try s.insert(Member(handle: "ann", name: "Ann")) }
    let started = Date()
    #expect(try watcher.waitForChanges(timeout: 5))
    #expect(Date().timeIntervalSince(started) < 1)
    #expect(try watcher.waitForChanges(timeout: 0.2) == false)
    // A dry run (rolled back) notifies no one.
    writer.holdChanges()
    try writer.write(change: "add") { s in _ = try s.insert(Member(handle: "bob", name: "Bob")) }
    try writer.discardHeldChanges()
    #expect(try watcher.waitForChanges(timeout: 0.3) == false)
  }
}

@Suite("PostgreSQL error mapping")
struct PostgresErrorMappingTests {
  @Test("server errors become milequest's exit codes")
  func mapping() {
    func code(_ state: String) -> Int32 {
      PostgresStore.map(PGServerError(sqlState: state, message: "m", detail: nil)).exitCode
    }
    #expect(code("55P03") == 75)
    #expect(code("40001") == 75)
    #expect(code("40P01") == 75)
    #expect(code("42501") == 77)
    #expect(code("23505") == 65)
    #expect(code("08006") == 69)
    #expect(code("53100") == 74)
    #expect(code("XX000") == 1)
    #expect(PGServerError(sqlState: "40001", message: "", detail: nil).isRetryable)
    #expect(
      PGConnection.connectionError(
        "FATAL: password authentication failed for user \"a\"", address: "x"
      ).exitCode == 77)
    #expect(
      PGConnection.connectionError("FATAL: database \"q\" does not exist", address: "x").exitCode
        == 66)
    #expect(PGConnection.connectionError("connection refused", address: "x").exitCode == 69)
  }
}
