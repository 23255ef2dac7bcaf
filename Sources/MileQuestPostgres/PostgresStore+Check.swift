import MileQuestCore
import MileQuestStore

extension PostgresStore {
  /// The tables `check` counts, as on SQLite.
  static let countedTables = [
    "member", "team", "membership", "route", "routePoint", "goal", "goalTeam", "walk",
  ]

  /// The references `check` follows (table, column, the table it names), as SQLite's
  /// foreign-key check does for the tables whose rows have ids.
  static let references = [
    ("membership", "teamId", "team"), ("membership", "memberId", "member"),
    ("goal", "routeId", "route"), ("walk", "memberId", "member"),
  ]

  /// Rows whose reference names no row, worded as SQLite's foreign-key check words them.
  /// PostgreSQL keeps its foreign keys with triggers, so only a superuser who turned them off
  /// (`ALTER TABLE … DISABLE TRIGGER ALL`, `session_replication_role = replica`) makes one.
  private func danglingReferences() throws -> [String] {
    var problems: [String] = []
    for (table, column, parent) in Self.references {
      let rows = try connection.exec(
        """
        SELECT c.id FROM \(table) c WHERE c.\(column) IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM \(parent) p WHERE p.id = c.\(column)) ORDER BY c.id
        """
      ).rows
      problems += rows.map { "foreign key violation in table \(table) row \($0[0] ?? "?")" }
    }
    return problems
  }

  /// A team's total, members and walkers, computed afresh from its memberships.
  struct TeamCount {
    var sum = ExactSum()
    var walks = 0
    var members: Set<Int64> = []
    var walkers: Set<Int64> = []
  }

  /// The teams whose kept total, members or walkers (`teamTotal`) differ from those computed
  /// afresh from their memberships: a team with memberships but no row, or a row (of a team
  /// that exists or not) that is not zero when nothing is counted for it.
  private func staleTeamTotals(fresh: [Int64: TeamCount]) throws -> [String] {
    var stale = 0
    var seen: Set<Int64> = []
    let rows = try connection.exec(
      "SELECT teamId, partials, walks, members, walkers FROM teamTotal")
    for values in rows.rows {
      let row = PGRow(values, table: "team total")
      let team = try row.int64(0, "teamId")
      seen.insert(team)
      let computed = fresh[team] ?? TeamCount()
      let sum = ExactSum(parts: try row.doubles(1, "partials")).value
      let counts = [try row.int(2, "walks"), try row.int(3, "members"), try row.int(4, "walkers")]
      if sum != computed.sum.value
        || counts != [computed.walks, computed.members.count, computed.walkers.count]
      {
        stale += 1
      }
    }
    stale += fresh.filter { !seen.contains($0.key) && !$0.value.members.isEmpty }.count
    if stale == 0 { return [] }
    return [
      "running totals out of date for \(Plural.count(stale, "team")) "
        + "(was the database changed by another program?)"
    ]
  }

  /// Every row read as the commands read it (`PostgresSession`'s decoders) and held to the
  /// rules of its entrance by `RecordProblems`, the rule pass SQLite's check runs too: a row
  /// that does not read is a problem of that row, and the pass goes on. In table and id
  /// order, as on SQLite.
  private func rowProblems(today: LocalDate) throws -> [String] {
    let session = PostgresSession(connection: connection, writable: false)
    var problems = RecordProblems(today: today)
    func rows(_ columns: String, _ table: String) throws -> [[String?]] {
      try connection.exec("SELECT \(columns) FROM \(table) ORDER BY id").rows
    }
    for values in try rows(PostgresSession.memberColumns, "member") {
      problems.member(values[0] ?? "?") { try PostgresSession.member(values) }
    }
    for values in try rows(PostgresSession.teamColumns, "team") {
      problems.team(values[0] ?? "?") { try PostgresSession.team(values) }
    }
    for values in try rows(PostgresSession.membershipColumns, "membership") {
      problems.membership(values[0] ?? "?") { try PostgresSession.membership(values) }
    }
    problems.teamRules()
    for values in try rows("id", "route") {
      let id = values[0] ?? "?"
      problems.route(id) {
        guard let route = try session.route(id: Int64(id) ?? -1) else {
          throw MileQuestError.internalError("route \(id) vanished")
        }
        return route
      }
    }
    for values in try rows("id", "goal") {
      let id = values[0] ?? "?"
      problems.goal(id) {
        guard let goal = try session.goal(id: Int64(id) ?? -1) else {
          throw MileQuestError.internalError("goal \(id) vanished")
        }
        return goal
      }
    }
    for values in try rows(PostgresSession.walkColumns, "walk") {
      problems.walk(values[0] ?? "?") { try PostgresSession.walk(values) }
    }
    return problems.list
  }

  /// The schema version, the running totals compared with a fresh computation from the
  /// walks, saved milestones compared with their routes, every row held to the rules of its
  /// entrance (`RecordProblems`, the rule pass SQLite's check runs too), and the rows per
  /// table. The server enforces types and CHECKs, so there is no integrity pass as on SQLite;
  /// foreign keys are checked (`danglingReferences`) as a superuser can turn them off.
  public func check(today: LocalDate) throws -> StoreCheckReport {
    try read { session in
      guard let applied = try appliedMigrations() else {
        throw MileQuestError.badData("'\(address)' is not a milequest database")
      }
      var problems = try mapErrors { try danglingReferences() }
      let rows = try mapErrors {
        try connection.exec(
          """
          SELECT m.id, t.partials, t.walks,
            (SELECT coalesce(mq_fsum(w.distanceMetres), '{}') FROM walk w
              WHERE w.memberId = m.memberId AND NOT w.isDeleted AND w.date >= m.joined
                AND (m."left" IS NULL OR w.date < m."left")),
            (SELECT count(*) FROM walk w
              WHERE w.memberId = m.memberId AND NOT w.isDeleted AND w.date >= m.joined
                AND (m."left" IS NULL OR w.date < m."left")),
            m.teamId, m.memberId, m."left" IS NULL OR m."left" > m.joined
          FROM membership m LEFT JOIN membershipTotal t ON t.membershipId = m.id
          """)
      }
      var stale = 0
      // Each team's total from its memberships' fresh totals, for `teamTotal`.
      var teams: [Int64: TeamCount] = [:]
      for values in rows.rows {
        let row = PGRow(values, table: "membership total")
        let freshSum = ExactSum(parts: try row.doubles(3, "fresh"))
        let team = try row.int64(5, "teamId")
        let walks = try row.int(4, "walks")
        teams[team, default: TeamCount()].sum.add(freshSum)
        teams[team, default: TeamCount()].walks += walks
        if try row.bool(7, "counted") {
          let member = try row.int64(6, "memberId")
          teams[team, default: TeamCount()].members.insert(member)
          if walks > 0 { teams[team, default: TeamCount()].walkers.insert(member) }
        }
        if row.isNull(1) {
          stale += 1
          continue
        }
        let stored = ExactSum(parts: try row.doubles(1, "partials")).value
        if stored != freshSum.value || values[2] != values[4] { stale += 1 }
      }
      if stale > 0 {
        problems.append(
          "running totals out of date for \(Plural.count(stale, "membership")) "
            + "(was the database changed by another program?)")
      }
      // Stale membership totals make their teams' totals stale too: the one line SQLite
      // gives for them is enough, so the same broken rows read the same on both back ends.
      // Team totals are listed when they alone are wrong (a row changed past milequest).
      if stale == 0 { problems += try mapErrors { try staleTeamTotals(fresh: teams) } }
      problems += try RecordProblems.staleMilestones(session)
      problems += try rowProblems(today: today)
      var counts: [(table: String, rows: Int)] = []
      for table in Self.countedTables {
        let count = try mapErrors { try connection.exec("SELECT count(*) FROM \(table)") }
        let rows = Int(count.rows.first?.first.flatMap { $0 } ?? "0") ?? 0
        counts.append((table: table, rows: rows))
      }
      return StoreCheckReport(
        schemaVersion: PostgresMigrations.schemaVersion(applied), problems: problems,
        counts: counts)
    }
  }
}
