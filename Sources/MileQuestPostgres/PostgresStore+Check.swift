import MileQuestCore
import MileQuestStore

extension PostgresStore {
  /// The tables `check` counts, as on SQLite.
  static let countedTables = [
    "member", "team", "membership", "route", "routePoint", "goal", "goalTeam", "walk",
  ]

  /// The schema version, the running totals compared with a fresh computation from the
  /// walks, and the rows per table. The server enforces types, CHECKs and foreign keys, so
  /// there is no integrity or foreign-key pass as on SQLite.
  public func check(today: LocalDate) throws -> StoreCheckReport {
    try read { _ in
      guard let applied = try appliedMigrations() else {
        throw MileQuestError.badData("'\(address)' is not a milequest database")
      }
      var problems: [String] = []
      let rows = try mapErrors {
        try connection.exec(
          """
          SELECT m.id, t.partials, t.walks,
            (SELECT coalesce(mq_fsum(w.distanceMetres), '{}') FROM walk w
              WHERE w.memberId = m.memberId AND NOT w.isDeleted AND w.date >= m.joined
                AND (m."left" IS NULL OR w.date < m."left")),
            (SELECT count(*) FROM walk w
              WHERE w.memberId = m.memberId AND NOT w.isDeleted AND w.date >= m.joined
                AND (m."left" IS NULL OR w.date < m."left"))
          FROM membership m LEFT JOIN membershipTotal t ON t.membershipId = m.id
          """)
      }
      var stale = 0
      for values in rows.rows {
        let row = PGRow(values, table: "membership total")
        if row.isNull(1) {
          stale += 1
          continue
        }
        let stored = ExactSum(parts: try row.doubles(1, "partials")).value
        let fresh = ExactSum(parts: try row.doubles(3, "fresh")).value
        if stored != fresh || values[2] != values[4] { stale += 1 }
      }
      if stale > 0 {
        problems.append(
          "running totals out of date for \(Plural.count(stale, "membership")) "
            + "(was the database changed by another program?)")
      }
      var counts: [(table: String, rows: Int)] = []
      for table in Self.countedTables {
        let count = try mapErrors { try connection.exec("SELECT count(*) FROM \(table)") }
        let rows = Int(count.rows.first?.first.flatMap { $0 } ?? "0") ?? 0
        counts.append((table: table, rows: rows))
      }
      return StoreCheckReport(
        schemaVersion: applied.last ?? "none", problems: problems, counts: counts)
    }
  }
}
