import Foundation
import MileQuestKit
import Testing

@_spi(Testing) @testable import MileQuestPostgres

/// The totals kept per team on PostgreSQL (`teamTotal`, `PostgresMigrations.teamTotals`) and
/// the running totals updated per statement and, for a bulk insert, once per transaction.
@Suite("PostgreSQL team totals", .enabled(if: ThrowawayCluster.isAvailable), .serialized)
struct PostgresTeamTotalsTests {
  let day = LocalDate("2026-11-02")!

  /// Two teams, three members: ann (captain of A), bob (A), cy (captain of B).
  func challenge() throws -> PostgresStore {
    let store = try freshStore()
    try store.write(change: "set up") { s in
      for handle in ["ann", "bob", "cy"] {
        _ = try s.insert(Member(handle: handle, name: handle.capitalized))
      }
      let a = try s.insert(Team(name: "A")).id!
      let b = try s.insert(Team(name: "B")).id!
      let joined = day.adding(days: -30)
      _ = try s.insert(Membership(teamId: a, memberId: 1, role: .captain, joined: joined))
      _ = try s.insert(Membership(teamId: a, memberId: 2, role: .member, joined: joined))
      _ = try s.insert(Membership(teamId: b, memberId: 3, role: .captain, joined: joined))
    }
    return store
  }

  /// The all-teams all-time board three ways: from the team totals, from the memberships'
  /// running totals, and from every walk; all must agree (to the last bit), and `check` must
  /// find every total exact.
  func expectExact(
    _ store: PostgresStore, _ when: String, sourceLocation: SourceLocation = #_sourceLocation
  )
    throws
  {
    let (kept, summed, counted) = try store.read { s in
      let teams = try s.allTeams()
      let memberships = Dictionary(grouping: try s.allMemberships(), by: \.teamId)
      let contenders = teams.map {
        LeaderboardBuilder.TeamContender(team: $0, memberships: memberships[$0.id!] ?? [])
      }
      guard let totals = try s.teamTotals() else { throw MileQuestError.internalError("none") }
      return (
        LeaderboardBuilder.teams(teams, teamTotals: totals, metric: .total),
        LeaderboardBuilder.teams(contenders, totals: try s.membershipTotals(), metric: .total),
        LeaderboardBuilder.teams(
          contenders, walks: try s.walks(WalkFilter()), range: DateRange(), metric: .total)
      )
    }
    #expect(
      kept == summed, "\(when): team totals against membership totals",
      sourceLocation: sourceLocation)
    #expect(
      kept == counted, "\(when): team totals against the walks", sourceLocation: sourceLocation)
    let problems = try store.check(today: day.adding(days: 400)).problems
    #expect(
      !problems.contains { $0.contains("running totals") }, "\(when): \(problems)",
      sourceLocation: sourceLocation)
    let pending = try store.connection.exec(
      "SELECT (SELECT count(*) FROM walkPending) + (SELECT count(*) FROM totalsFold)")
    #expect(
      pending.rows.first?.first == "0", "\(when): pending walks left",
      sourceLocation: sourceLocation)
  }

  @Test("team totals stay exact after log, edit, delete, undo, join, leave and a move")
  func exactThroughChanges() throws {
    let store = try challenge()
    defer { try? store.close() }
    try expectExact(store, "empty")
    let amounts: [Double] = [0.1, 0.2, 0.3, 1_600_000.3, 1234.5678, 3e-7, 5000]
    for (index, amount) in amounts.enumerated() {
      try store.write(change: "log") { s in
        _ = try s.insert(
          Walk(
            memberId: Int64(index % 3 + 1), date: day.adding(days: -index), distanceMetres: amount))
      }
    }
    try expectExact(store, "after logs")
    let board = try store.read { try $0.teamTotals()! }
    #expect(board[1]?.walks == 5 && board[1]?.members == 2 && board[1]?.walkers == 2)
    #expect(board[1]?.sum.value == ExactSum([0.1, 0.2, 1_600_000.3, 1234.5678, 5000]).value)

    try store.write(change: "edit") { s in
      var walk = try s.walk(id: 4)!
      walk.distanceMetres = 42.25
      walk.memberId = 3
      try s.update(walk)
    }
    try expectExact(store, "after moving a walk to another member")
    try store.write(change: "note") { s in
      var walk = try s.walk(id: 1)!
      walk.note = "only a note"
      try s.update(walk)
    }
    try expectExact(store, "after a note")
    try store.write(change: "delete") { s in
      var walk = try s.walk(id: 2)!
      walk.isDeleted = true
      try s.update(walk)
    }
    try expectExact(store, "after a delete")
    #expect(try store.undoLastChange() == "delete")
    try expectExact(store, "after undoing the delete")
    #expect(try store.undoLastChange() == "note")
    #expect(try store.undoLastChange() == "edit")
    try expectExact(store, "after undoing the edit")

    // bob leaves A: his walks since no longer count for it.
    try store.write(change: "leave") { s in
      var membership = try s.memberships(memberId: 2).first!
      membership.left = day.adding(days: -3)
      try s.update(membership)
    }
    try expectExact(store, "after a leave")
    // bob joins B the same day.
    try store.write(change: "join") { s in
      _ = try s.insert(
        Membership(teamId: 2, memberId: 2, role: .member, joined: day.adding(days: -3)))
    }
    try expectExact(store, "after a join")
    // ann's membership moved to B (a change only psql makes).
    try store.write(change: "move") { s in
      var membership = try s.memberships(memberId: 1).first!
      membership.teamId = 2
      try s.update(membership)
    }
    try expectExact(store, "after a move")
    #expect(try store.undoLastChange() == "move")
    #expect(try store.undoLastChange() == "join")
    #expect(try store.undoLastChange() == "leave")
    try expectExact(store, "after undoing the membership changes")
    let before = try store.read { try $0.teamTotals()! }
    #expect(before == board)
  }

  @Test("a batched import adds to each total once, exact, and undo takes it back")
  func batchedImport() throws {
    let store = try challenge()
    defer { try? store.close() }
    var generator = SystemRandomNumberGenerator()
    // More than two batches (PostgresWalkBatch.size), every member in each.
    let walks = (0..<(2 * PostgresWalkBatch.size + 500)).map { index in
      Walk(
        memberId: Int64(index % 3 + 1), date: day.adding(days: -(index % 40)),
        distanceMetres: (Double.random(in: 100...20_000, using: &generator) * 10).rounded() / 10,
        source: .import, externalId: "t\(index)")
    }
    // Rows written to the totals tables, as the server counts them for this backend.
    func written() throws -> [Int] {
      try store.connection.exec(
        """
        SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables
        WHERE relname IN ('membershiptotal', 'teamtotal') ORDER BY relname
        """
      ).rows.map { Int($0[0] ?? "") ?? -1 }
    }
    let updates = try store.write(change: "import") { s in
      let before = try written()
      let added = try s.insertWalks { insert in
        for walk in walks {
          let outcome = try insert(walk)
          #expect(outcome == .added)
        }
      }
      #expect(added == walks.count)
      // Exact inside the transaction already (the client folds at the end of the bulk).
      let totals = try s.teamTotals()!
      #expect(
        totals[1]!.walks + totals[2]!.walks
          == walks.filter { $0.date >= day.adding(days: -30) }.count)
      return zip(try written(), before).map { $0 - $1 }
    }
    // One update per membership, and per team one for its total and one for its walkers
    // (there were none before), for the whole import, not one per walk or per batch: no
    // dead row versions piling up.
    #expect(updates == [3, 4])
    try expectExact(store, "after the import")
    #expect(try store.undoLastChange() == "import")
    try expectExact(store, "after undoing the import")
    #expect(try store.read { try $0.teamTotals()![1]!.walks } == 0)
  }

  @Test("walks a client inserts with milequest.bulk on are added to the totals at its commit")
  func bulkFromAnotherClient() throws {
    let store = try challenge()
    defer { try? store.close() }
    let connection = store.connection
    try connection.exec("BEGIN")
    try connection.exec("SELECT set_config('milequest.bulk', 'on', true)")
    try connection.exec(
      """
      INSERT INTO walk(id, memberId, date, distanceMetres, source)
      SELECT g, 1 + g % 3, '2026-11-01', 1000.5 + g, 'manual' FROM generate_series(1, 50) g
      """)
    // Pending inside the transaction: the totals have not moved yet.
    #expect(try connection.exec("SELECT walks FROM teamTotal WHERE teamId = 1").rows == [["0"]])
    try connection.exec("COMMIT")
    try expectExact(store, "after another client's bulk insert")
    #expect(try store.read { try $0.teamTotals()![1]!.walks } == 33)

    // An edit in the same transaction as pending walks first adds them, then edits.
    try connection.exec("BEGIN")
    try connection.exec("SELECT set_config('milequest.bulk', 'on', true)")
    try connection.exec(
      """
      INSERT INTO walk(id, memberId, date, distanceMetres, source)
      VALUES (51, 1, '2026-11-01', 7, 'manual'), (52, 2, '2026-11-01', 8, 'manual')
      """)
    try connection.exec("UPDATE walk SET distanceMetres = 9 WHERE id = 51")
    try connection.exec("DELETE FROM walk WHERE id = 52")
    try connection.exec(
      "INSERT INTO membership(id, teamId, memberId, role, joined) VALUES (4, 2, 1, 'member', '2026-01-01')"
    )
    try connection.exec("COMMIT")
    try expectExact(store, "after pending walks edited, deleted and a join")
  }

  @Test("a database made before team totals gets them exact when it is opened; logins read them")
  func migratesOlderDatabase() throws {
    let cluster = try ThrowawayCluster.shared()
    let address = try cluster.freshDatabase()
    // The schema as the migrations before v4.2-pg-team-totals left it, with a challenge.
    let steps = PostgresMigrations.all.prefix { $0.0 != "v4.2-pg-team-totals" }
    #expect(steps.count < PostgresMigrations.all.count, "v4.2-pg-team-totals is a migration")
    let old = try PGConnection(conninfo: address)
    try old.execScript(
      "CREATE TABLE \(PostgresMigrations.table) (position integer PRIMARY KEY, identifier text NOT NULL UNIQUE)"
    )
    for (index, (name, sql)) in steps.enumerated() {
      try old.execScript(sql)
      try old.exec(
        "INSERT INTO \(PostgresMigrations.table)(position, identifier) VALUES ($1, $2)",
        [index + 1, name])
    }
    try old.execScript(
      """
      INSERT INTO member(id, handle, name, strideMetres) VALUES (1, 'ann', 'Ann', 0.75),
        (2, 'bob', 'Bob', 0.75);
      INSERT INTO team(id, name, nameKey, maxMembers) VALUES (1, 'A', 'a', 5), (2, 'B', 'b', 5);
      INSERT INTO membership(id, teamId, memberId, role, joined, "left")
      VALUES (1, 1, 1, 'captain', '2026-01-01', NULL), (2, 2, 2, 'captain', '2026-01-01', NULL),
        (3, 1, 2, 'member', '2026-01-01', '2026-06-01');
      INSERT INTO walk(id, memberId, date, distanceMetres, source)
      SELECT g, 1 + g % 2, DATE '2026-01-01' + g, 1000.1 * g, 'manual'
      FROM generate_series(1, 300) g;
      """)
    let database = try old.exec("SELECT current_database()").rows[0][0]!
    old.close()
    let login = "walker_\(database)"
    try cluster.execute("CREATE ROLE \(login) LOGIN")
    try cluster.execute(
      "SELECT mq_grant_member('\(login)'); INSERT INTO memberLogin VALUES (2, '\(login)')",
      database: database)

    let store = try PostgresStore(address: address)
    defer { try? store.close() }
    try expectExact(store, "after the migration")
    let totals = try store.read { try $0.teamTotals()! }
    #expect(totals[1]!.walks > 0 && totals[2]!.walks > 0 && totals[1]!.members == 2)
    let member = try PostgresStore(address: cluster.address(database: database, user: login))
    defer { try? member.close() }
    #expect(try member.read { try $0.teamTotals()! } == totals)
  }

  @Test("check reports a tampered team total; members cannot write team totals")
  func tampered() throws {
    let store = try challenge()
    defer { try? store.close() }
    try store.write(change: "log") { s in
      _ = try s.insert(Walk(memberId: 1, date: day, distanceMetres: 5000))
    }
    try expectExact(store, "before tampering")
    try store.connection.exec("UPDATE teamTotal SET partials = '{5000.5}' WHERE teamId = 1")
    #expect(
      try store.check(today: day).problems.contains(
        "running totals out of date for 1 team (was the database changed by another program?)"))
    try store.connection.exec(
      "UPDATE teamTotal SET partials = '{5000}', walks = 2 WHERE teamId = 1")
    #expect(try store.check(today: day).problems.contains { $0.contains("1 team") })
    // A row for a team that has nothing counted (or no longer exists) must be zero.
    try store.connection.exec("UPDATE teamTotal SET walks = 3 WHERE teamId = 1")
    try store.connection.exec("INSERT INTO teamTotal VALUES (99, '{1}', 1)")
    #expect(try store.check(today: day).problems.contains { $0.contains("2 teams") })
    // Members and walkers are kept too.
    try store.connection.exec("UPDATE teamTotal SET walkers = walkers + 1 WHERE teamId = 2")
    #expect(try store.check(today: day).problems.contains { $0.contains("3 teams") })
    // Members cannot touch the derived tables, nor call the function that moves totals.
    let refused = try store.connection.exec(
      """
      SELECT has_table_privilege('public', 'teamTotal', 'UPDATE'),
        has_function_privilege('public',
          'mq_apply_walks(bigint[], date[], double precision[], integer[])', 'EXECUTE'),
        has_function_privilege('public', 'mq_team_counts(bigint[])', 'EXECUTE')
      """)
    #expect(refused.rows == [["f", "f", "f"]])
  }

  @Test("four writers at once keep the team totals exact")
  func concurrentWriters() throws {
    let store = try challenge()
    defer { try? store.close() }
    let address = try store.connection.exec("SELECT current_database()").rows[0][0]!
    let cluster = try ThrowawayCluster.shared()
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 4) { writer in
      do {
        let mine = try PostgresStore(address: cluster.address(database: address))
        defer { try? mine.close() }
        for index in 0..<15 {
          try mine.write(change: "log") { s in
            _ = try s.insert(
              Walk(
                memberId: Int64(writer % 3 + 1), date: day.adding(days: -(index % 10)),
                distanceMetres: 1000.1 * Double(writer + 1) + Double(index)))
          }
        }
      } catch {
        failures.add("\(error)")
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all)")
    #expect(try store.read { s in try s.teamTotals()!.values.map(\.walks).reduce(0, +) } == 60)
    try expectExact(store, "after concurrent writers")
  }
}

/// The writers' lock and the change row, taken in fewer round trips (`beginLocked`).
@Suite("PostgreSQL writers' lock", .enabled(if: ThrowawayCluster.isAvailable), .serialized)
struct PostgresWritersLockTests {
  @Test("a writer waits for the lock up to the busy timeout, then 75 with nothing changed")
  func busyTimeout() throws {
    let address = try ThrowawayCluster.shared().freshMilequestDatabase()
    let holder = try PostgresStore(address: address)
    defer { try? holder.close() }
    try holder.connection.exec("SELECT pg_advisory_lock($1)", [PostgresStore.writersLock])
    let waiter = try PostgresStore(address: address, busyTimeout: 0.3)
    defer { try? waiter.close() }
    let started = Date()
    #expect {
      try waiter.write(change: "add ann") { s in _ = try s.insert(Member(handle: "ann", name: "A"))
      }
    } throws: { ($0 as? MileQuestError)?.exitCode == 75 }
    let waited = Date().timeIntervalSince(started)
    #expect(waited >= 0.25 && waited < 3, "\(waited) s")
    #expect(!waiter.connection.inTransaction)
    try holder.connection.exec("SELECT pg_advisory_unlock($1)", [PostgresStore.writersLock])
    // Once the lock is free: the write goes through, with no lock timeout left on its
    // statements, and its change recorded for undo.
    let timeout = try waiter.write(change: "add ann") { s in
      _ = try s.insert(Member(handle: "ann", name: "A"))
      return try waiter.connection.exec("SHOW lock_timeout").rows.first?.first ?? nil
    }
    #expect(timeout == "0")
    #expect(try waiter.read { try $0.allMembers().map(\.handle) } == ["ann"])
    // A write that changed nothing leaves no change behind; undo takes the one that did.
    try waiter.write(change: "nothing") { _ in }
    #expect(try waiter.undoLastChange() == "add ann")
    #expect(try waiter.undoLastChange() == nil)
  }
}

/// Errors collected from concurrent writers.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ failure: String) { lock.withLock { list.append(failure) } }
  var all: [String] { lock.withLock { list } }
}
