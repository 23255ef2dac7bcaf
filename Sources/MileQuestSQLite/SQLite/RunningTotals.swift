import Foundation
import GRDB
import MileQuestCore
import MileQuestStore

/// Running totals per membership, kept current on every write, so all-time team boards read
/// about 10,000 small rows instead of a million walks.
///
/// Each total is an exact sum (`ExactSum` partials, stored as a blob), so a board built from
/// totals equals, to the last bit, the correctly rounded sum of the walks it counts. SQL
/// functions `mq_fsum_add(partials, x)` and the aggregate `mq_fsum(x)` do the arithmetic; TEMP
/// triggers on the writing connection call them (permanent triggers would break every other
/// SQLite client, which lacks the functions). Undo needs no special care: undoing a walk
/// change fires the same triggers.
enum RunningTotals {
  /// Registers the SQL functions on a connection (every connection, before migrations).
  static func registerFunctions(_ db: Database) {
    ExactSumFunctions.register(db)
  }

  /// The walks a membership counts, as SQL over `NEW`/`OLD` (a membership row).
  private static func counted(_ row: String) -> String {
    """
    FROM walk WHERE memberId = \(row).memberId AND isDeleted = 0 AND date >= \(row).joined
      AND (\(row)."left" IS NULL OR date < \(row)."left")
    """
  }

  /// The memberships that count a walk, as SQL over `NEW`/`OLD` (a walk row).
  private static func covering(_ row: String) -> String {
    """
    membershipId IN (SELECT id FROM membership WHERE memberId = \(row).memberId
      AND joined <= \(row).date AND ("left" IS NULL OR \(row).date < "left"))
    """
  }

  /// Creates the trigger that keeps the totals current under `change`s of `table` (walks and
  /// memberships; nothing for other tables) on this connection: the memberships' totals, then
  /// their teams' (`TeamTotals`).
  static func installTrigger(table: String, _ change: TableChange, _ db: Database) throws {
    let recompute = { (row: String) in
      """
      INSERT OR REPLACE INTO membershipTotal(membershipId, partials, walks) VALUES (
        \(row).id, (SELECT mq_fsum(distanceMetres) \(counted(row))),
        (SELECT count(*) \(counted(row))));
      """
    }
    let teams = TeamTotals.self
    let sql: String
    switch (table, change) {
    case ("walk", .insert):
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS total_walk_insert AFTER INSERT ON main.walk
        WHEN NEW.isDeleted = 0 BEGIN
          UPDATE membershipTotal SET partials = mq_fsum_add(partials, NEW.distanceMetres),
            walks = walks + 1 WHERE \(covering("NEW"));
          \(teams.recompute(teams: teams.covering("NEW")))
        END;
        """
    case ("walk", .delete):
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS total_walk_delete AFTER DELETE ON main.walk
        WHEN OLD.isDeleted = 0 BEGIN
          UPDATE membershipTotal SET partials = mq_fsum_add(partials, -OLD.distanceMetres),
            walks = walks - 1 WHERE \(covering("OLD"));
          \(teams.recompute(teams: teams.covering("OLD")))
        END;
        """
    case ("walk", .update):
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS total_walk_update
        AFTER UPDATE OF memberId, date, distanceMetres, isDeleted ON main.walk BEGIN
          UPDATE membershipTotal SET partials = mq_fsum_add(partials, -OLD.distanceMetres),
            walks = walks - 1 WHERE OLD.isDeleted = 0 AND \(covering("OLD"));
          UPDATE membershipTotal SET partials = mq_fsum_add(partials, NEW.distanceMetres),
            walks = walks + 1 WHERE NEW.isDeleted = 0 AND \(covering("NEW"));
          \(teams.recompute(teams: teams.covering("OLD") + " UNION ALL " + teams.covering("NEW")))
        END;
        """
    case ("membership", .insert):
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS total_membership_insert AFTER INSERT ON main.membership
        BEGIN \(recompute("NEW")) \(teams.recompute(teams: "SELECT NEW.teamId AS teamId")) END;
        """
    case ("membership", .update):
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS total_membership_update
        AFTER UPDATE OF teamId, memberId, joined, "left" ON main.membership
        BEGIN \(recompute("NEW"))
          \(teams.recompute(teams: "SELECT OLD.teamId AS teamId UNION ALL SELECT NEW.teamId"))
        END;
        """
    case ("membership", .delete):
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS total_membership_delete AFTER DELETE ON main.membership
        BEGIN DELETE FROM membershipTotal WHERE membershipId = OLD.id;
          \(teams.recompute(teams: "SELECT OLD.teamId AS teamId")) END;
        """
    default:
      return
    }
    try db.execute(sql: sql)
  }

  /// Adds the walks with rowids in `first...last` to the totals of the memberships that count
  /// them (a bulk insert's batch, which the suspended per-row triggers did not add): one
  /// exact merge per membership, the temporary B-tree of the `GROUP BY` as large as the batch.
  /// CROSS JOIN keeps the batch's walks the outer loop: the other order would read every walk
  /// of every member for each batch.
  static func add(walks first: Int64, through last: Int64, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO membershipTotal(membershipId, partials, walks)
        SELECT ms.id, mq_fsum(w.distanceMetres), count(*)
        FROM walk w CROSS JOIN membership ms ON ms.memberId = w.memberId AND w.date >= ms.joined
          AND (ms."left" IS NULL OR w.date < ms."left")
        WHERE w.rowid BETWEEN ? AND ? AND w.isDeleted = 0
        GROUP BY ms.id
        ON CONFLICT(membershipId) DO UPDATE SET
          partials = mq_fsum_merge(partials, excluded.partials), walks = walks + excluded.walks
        """, arguments: [first, last])
  }

  /// Every membership's total: exact sum and walk count.
  static func fetch(_ db: Database) throws -> [Int64: (sum: ExactSum, walks: Int)] {
    var totals: [Int64: (sum: ExactSum, walks: Int)] = [:]
    let rows = try Row.fetchCursor(
      db, sql: "SELECT membershipId, partials, walks FROM membershipTotal")
    while let row = try rows.next() {
      let stored = StoredRow(row, table: "membership total")
      let data: Data = try stored.optional(1, "partials") ?? Data()
      totals[try stored.required(0, "membershipId")] = (
        sum: ExactSum(bytes: Array(data)), walks: try stored.required(2, "walks")
      )
    }
    return totals
  }

  /// The totals of these memberships only, by membership id.
  static func fetch(_ db: Database, membershipIds ids: [Int64]) throws -> [Int64: ExactSum] {
    if ids.isEmpty { return [:] }
    var totals: [Int64: ExactSum] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT membershipId, partials FROM membershipTotal
        WHERE membershipId IN (\(ids.map { _ in "?" }.joined(separator: ",")))
        """,
      arguments: StatementArguments(ids))
    while let row = try rows.next() {
      let stored = StoredRow(row, table: "membership total")
      let data: Data = try stored.optional(1, "partials") ?? Data()
      totals[try stored.required(0, "membershipId")] = ExactSum(bytes: Array(data))
    }
    return totals
  }

  /// Memberships whose stored total differs from a fresh computation (for `check`).
  static func stale(_ db: Database) throws -> [Int64] {
    try Int64.fetchAll(
      db,
      sql: """
        SELECT m.id FROM membership m LEFT JOIN membershipTotal t ON t.membershipId = m.id
        WHERE t.membershipId IS NULL
          OR t.walks != (SELECT count(*) \(counted("m")))
          OR mq_fsum_value(t.partials)
            != mq_fsum_value((SELECT mq_fsum(distanceMetres) \(counted("m"))))
        """)
  }
}
