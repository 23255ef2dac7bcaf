import Foundation
import GRDB
import GRDBSQLite
import MileQuestCore
import MileQuestStore

/// Totals per team (`teamTotal`, migration `v8-team-totals`), so the all-teams all-time board
/// reads one row per team instead of every membership and its running total (100,000 of them
/// for issue 16's company-wide challenge), as PostgreSQL's `teamTotal` does.
///
/// A team's row is a function of its memberships and their running totals
/// (`membershipTotal`), the numbers `LeaderboardBuilder.teams(_:totals:…)` adds up: the exact
/// merge of its memberships' partials and the sum of their walk counts; `members`, the distinct
/// members of its memberships that are not empty (left after they joined, or not left); and
/// `walkers`, the distinct members of a membership with a counted walk. Rather than keeping
/// deltas, the running-total triggers compute the rows of the teams a change touches again
/// from their memberships (about ten rows each, by index), right after updating the
/// memberships' totals, in the same statement: no drift, nothing to get wrong about members
/// and walkers. A team left without memberships keeps a row of zeros. A bulk insert, whose
/// per-row triggers are suspended, computes the teams of its walks' members once at its end.
enum TeamTotals {
  /// The statement that computes again the rows of the teams whose ids `teams` (SQL selecting
  /// one column, `teamId`; duplicates allowed) selects.
  static func recompute(teams: String) -> String {
    """
    INSERT OR REPLACE INTO teamTotal(teamId, partials, walks, members, walkers)
    SELECT x.teamId, \(fresh("m", "t")) FROM (SELECT DISTINCT teamId FROM (\(teams))) x
      LEFT JOIN membership m ON m.teamId = x.teamId
      LEFT JOIN membershipTotal t ON t.membershipId = m.id
    GROUP BY x.teamId;
    """
  }

  /// The columns partials, walks, members, walkers of a team aggregated over its
  /// memberships `m` and their totals `t`.
  private static func fresh(_ m: String, _ t: String) -> String {
    """
    mq_fsum_merged(\(t).partials) AS partials, coalesce(sum(\(t).walks), 0) AS walks,
      count(DISTINCT CASE WHEN \(m)."left" IS NULL OR \(m)."left" > \(m).joined
        THEN \(m).memberId END) AS members,
      count(DISTINCT CASE WHEN \(t).walks > 0 THEN \(m).memberId END) AS walkers
    """
  }

  /// The teams of the memberships that count a walk, as SQL over `NEW`/`OLD` (a walk row).
  static func covering(_ row: String) -> String {
    """
    SELECT teamId FROM membership WHERE memberId = \(row).memberId
      AND joined <= \(row).date AND ("left" IS NULL OR \(row).date < "left")
    """
  }

  /// Computes again the rows of the teams these members have memberships of (a bulk
  /// insert's members, once its walks are in the memberships' totals), 500 members a
  /// statement.
  static func recompute(members: [Int64], _ db: Database) throws {
    var start = 0
    while start < members.count {
      let chunk = members[start..<min(start + 500, members.count)]
      try db.execute(
        sql: recompute(
          teams: """
            SELECT teamId FROM membership
            WHERE memberId IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
            """), arguments: StatementArguments(Array(chunk)))
      start += 500
    }
  }

  /// Every team's totals, by team id (a team without a row has walked nothing).
  static func fetch(_ db: Database) throws -> [Int64: LeaderboardBuilder.TeamTotals] {
    var totals: [Int64: LeaderboardBuilder.TeamTotals] = [:]
    let statement = try db.cachedStatement(
      sql: "SELECT teamId, partials, walks, members, walkers FROM teamTotal")
    let rows = try Row.fetchCursor(statement)
    while let row = try rows.next() {
      // Straight from the statement (10,000 rows for the all-teams board); a row that is not
      // of the plain stored form goes through `StoredRow`, which names its problem.
      if let (team, plain) = plainRow(statement.sqliteStatement) {
        totals[team] = plain
        continue
      }
      let stored = StoredRow(row, table: "team total")
      let data: Data = try stored.optional(1, "partials") ?? Data()
      totals[try stored.required(0, "teamId")] = LeaderboardBuilder.TeamTotals(
        sum: ExactSum(bytes: Array(data)), walks: try stored.required(2, "walks"),
        members: try stored.required(3, "members"), walkers: try stored.required(4, "walkers"))
    }
    return totals
  }

  /// The current row of `statement` when every column has its plain stored type (integers
  /// and a blob of whole doubles), else nil.
  private static func plainRow(_ statement: SQLiteStatement) -> (
    Int64, LeaderboardBuilder.TeamTotals
  )? {
    func type(_ index: CInt) -> CInt { sqlite3_column_type(statement, index) }
    guard type(0) == SQLITE_INTEGER, type(2) == SQLITE_INTEGER, type(3) == SQLITE_INTEGER,
      type(4) == SQLITE_INTEGER, type(1) == SQLITE_BLOB
    else { return nil }
    let count = Int(sqlite3_column_bytes(statement, 1))
    guard count % 8 == 0 else { return nil }
    // The partials read where SQLite holds them (no array per row: 10,000 rows).
    let sum = ExactSum(
      bytes: UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 1), count: count))
    return (
      sqlite3_column_int64(statement, 0),
      LeaderboardBuilder.TeamTotals(
        sum: sum, walks: Int(sqlite3_column_int64(statement, 2)),
        members: Int(sqlite3_column_int64(statement, 3)),
        walkers: Int(sqlite3_column_int64(statement, 4)))
    )
  }

  /// Teams (of `team` or of `teamTotal`) whose stored row differs from a fresh computation
  /// over their memberships' walks (for `check`); a missing row counts as zeros.
  static func stale(_ db: Database) throws -> [Int64] {
    try Int64.fetchAll(
      db,
      sql: """
        WITH counted AS (
          SELECT m.teamId, m.memberId, m.joined, m."left",
            (SELECT count(*) FROM walk w WHERE w.memberId = m.memberId AND w.isDeleted = 0
              AND w.date >= m.joined AND (m."left" IS NULL OR w.date < m."left")) AS walks,
            (SELECT mq_fsum(w.distanceMetres) FROM walk w WHERE w.memberId = m.memberId
              AND w.isDeleted = 0 AND w.date >= m.joined
              AND (m."left" IS NULL OR w.date < m."left")) AS partials
          FROM membership m
        ), fresh AS (
          SELECT x.id AS teamId, \(fresh("c", "c")) FROM (SELECT id FROM team UNION
            SELECT teamId FROM teamTotal) x LEFT JOIN counted c ON c.teamId = x.id
          GROUP BY x.id
        )
        SELECT f.teamId FROM fresh f LEFT JOIN teamTotal t ON t.teamId = f.teamId
        WHERE coalesce(t.walks, 0) != f.walks
          OR coalesce(t.members, 0) != f.members OR coalesce(t.walkers, 0) != f.walkers
          OR mq_fsum_value(coalesce(t.partials, x'')) != mq_fsum_value(f.partials)
        ORDER BY f.teamId
        """)
  }
}
