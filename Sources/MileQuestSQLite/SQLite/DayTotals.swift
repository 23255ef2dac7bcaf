import Foundation
import GRDB
import GRDBSQLite
import MileQuestCore
import MileQuestStore

/// Totals per member per day (`walkDay`), kept current on every write, so a board over a
/// period reads at most one row per member and day instead of every walk of the period.
///
/// Each row is the exact sum (`ExactSum` partials, as a blob, like `membershipTotal`) and the
/// count of one member's walks of one day that are not deleted; a day without such walks
/// has no row. The same TEMP triggers that keep the running totals keep these (see
/// `WriteTriggers`); a bulk insert suspends them and merges its walks once at the end.
/// Memberships play no part: a board applies them to the days it reads.
enum DayTotals {
  /// Adds `row`'s walk (a walk row, `NEW` or `OLD`) to its day, as SQL.
  private static func add(_ row: String, when condition: String) -> String {
    """
    INSERT INTO walkDay(memberId, date, partials, walks)
    SELECT \(row).memberId, \(row).date, mq_fsum_add(NULL, \(row).distanceMetres), 1
    WHERE \(condition)
    ON CONFLICT(date, memberId) DO UPDATE SET
      partials = mq_fsum_add(partials, \(row).distanceMetres), walks = walks + 1;
    """
  }

  /// Takes `row`'s walk off its day (the day's row goes with its last walk), as SQL.
  private static func subtract(_ row: String, when condition: String) -> String {
    """
    UPDATE walkDay SET partials = mq_fsum_add(partials, -\(row).distanceMetres),
      walks = walks - 1 WHERE \(condition) AND memberId = \(row).memberId AND date = \(row).date;
    DELETE FROM walkDay WHERE \(condition) AND memberId = \(row).memberId
      AND date = \(row).date AND walks <= 0;
    """
  }

  /// Creates the trigger that keeps the day totals current under `change`s of `table` (walks
  /// only) on this connection.
  static func installTrigger(table: String, _ change: TableChange, _ db: Database) throws {
    guard table == "walk" else { return }
    let sql: String
    switch change {
    case .insert:
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS day_walk_insert AFTER INSERT ON main.walk
        WHEN NEW.isDeleted = 0 BEGIN \(add("NEW", when: "1")) END;
        """
    case .delete:
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS day_walk_delete AFTER DELETE ON main.walk
        WHEN OLD.isDeleted = 0 BEGIN \(subtract("OLD", when: "1")) END;
        """
    case .update:
      sql = """
        CREATE TEMP TRIGGER IF NOT EXISTS day_walk_update
        AFTER UPDATE OF memberId, date, distanceMetres, isDeleted ON main.walk BEGIN
          \(subtract("OLD", when: "OLD.isDeleted = 0"))
          \(add("NEW", when: "NEW.isDeleted = 0"))
        END;
        """
    }
    try db.execute(sql: sql)
  }

  /// Adds the walks with rowids in `first...last` to their days (after a bulk insert, which
  /// suspends the per-row triggers): one merge per member and day they touch.
  static func merge(walks first: Int64, through last: Int64, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO walkDay(memberId, date, partials, walks)
        SELECT memberId, date, mq_fsum(distanceMetres), count(*) FROM walk
        WHERE rowid BETWEEN ? AND ? AND isDeleted = 0 GROUP BY memberId, date
        ON CONFLICT(date, memberId) DO UPDATE SET
          partials = mq_fsum_merge(partials, excluded.partials), walks = walks + excluded.walks
        """, arguments: [first, last])
  }

  /// Calls `body` with each day total of the walks `filter` matches (deleted walks never
  /// count), in no particular order.
  static func forEach(
    _ db: Database, memberIds: [Int64]?, range: DateRange, _ body: (DayTotal) throws -> Void
  ) throws {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let from = range.from {
      conditions.append("date >= ?")
      arguments += [from]
    }
    if let to = range.to {
      conditions.append("date <= ?")
      arguments += [to]
    }
    if let ids = memberIds {
      if ids.isEmpty { return }
      conditions.append("memberId IN (\(ids.map { _ in "?" }.joined(separator: ",")))")
      arguments += StatementArguments(ids)
    }
    let whereSQL = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
    // Cached: `goal list` asks once per goal, with the same number of members each time.
    let statement = try db.cachedStatement(
      sql: "SELECT memberId, date, partials, walks FROM walkDay WHERE \(whereSQL)")
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    while let row = try rows.next() {
      // The well-formed row straight from the statement's columns (a goal list reads a
      // million); anything else through `StoredRow`, which names a bad value.
      if let day = plainRow(statement.sqliteStatement) {
        try body(day)
        continue
      }
      let stored = StoredRow(row, table: "walk day")
      // Read in place: a year of a big challenge is millions of rows.
      let sum = try row.withUnsafeData(atIndex: 2) { data in data.map(partials) ?? ExactSum() }
      try body(
        DayTotal(
          memberId: try stored.required(0, "memberId"), date: try stored.required(1, "date"),
          sum: sum, walks: try stored.required(3, "walks")))
    }
  }

  /// Calls `body` with each day total of these members' walks in `range`, added up from
  /// the walks' covering index `walk_member_date_amount`, member by member in date order.
  ///
  /// `walkDay` is stored in date order for the boards over a period; a member's days are
  /// found through its second index and then looked up one by one in the table, which at
  /// 10M walks cost 0.7 µs a day in SQLite's B-tree (`goal list`, a thousand goals: three
  /// quarters of its time). The covering index holds each member's walks side by side with
  /// their distances: reading them is a plain range scan, several times faster, even though
  /// walks outnumber member-days. The sums are the same exact sums `walkDay` keeps. A
  /// stored value not of milequest's form stops the read naming its walk.
  static func forEach(
    _ db: Database, ofWalksOf memberIds: [Int64], range: DateRange,
    _ body: (DayTotal) throws -> Void
  ) throws {
    if memberIds.isEmpty { return }
    var conditions = ["isDeleted = 0"]
    var arguments: StatementArguments = []
    if let from = range.from {
      conditions.append("date >= ?")
      arguments += [from]
    }
    if let to = range.to {
      conditions.append("date <= ?")
      arguments += [to]
    }
    conditions.append("memberId IN (\(memberIds.map { _ in "?" }.joined(separator: ",")))")
    arguments += StatementArguments(memberIds)
    let statement = try db.cachedStatement(
      sql: """
        SELECT memberId, date, distanceMetres, id FROM walk
        WHERE \(conditions.joined(separator: " AND ")) ORDER BY memberId, date
        """)
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    var current: DayTotal?
    while let row = try rows.next() {
      let walk = try plainWalk(statement.sqliteStatement) ?? checkedWalk(row)
      if current?.memberId == walk.memberId && current?.date == walk.date {
        current?.sum.add(walk.distanceMetres)
        current?.walks += 1
        continue
      }
      if let day = current { try body(day) }
      current = DayTotal(
        memberId: walk.memberId, date: walk.date, sum: ExactSum([walk.distanceMetres]), walks: 1)
    }
    if let day = current { try body(day) }
  }

  /// The walk amount in the current row of `statement` (`memberId, date, distanceMetres,
  /// id`) when every column has the form milequest writes; nil otherwise.
  private static func plainWalk(_ statement: SQLiteStatement) -> WalkAmount? {
    guard sqlite3_column_type(statement, 0) == SQLITE_INTEGER,
      sqlite3_column_type(statement, 1) == SQLITE_TEXT,
      sqlite3_column_type(statement, 2) == SQLITE_FLOAT
    else { return nil }
    let distance = sqlite3_column_double(statement, 2)
    guard RecordRules.isWalkDistance(distance), let text = sqlite3_column_text(statement, 1),
      let date = LocalDate(
        utf8: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, 1))))
    else { return nil }
    return WalkAmount(
      memberId: sqlite3_column_int64(statement, 0), date: date, distanceMetres: distance)
  }

  /// The walk amount in `row`, or the error naming the walk whose stored value is bad.
  private static func checkedWalk(_ row: Row) throws -> WalkAmount {
    let stored = StoredRow(row, table: "walk", keyColumn: 3)
    return WalkAmount(
      memberId: try stored.required(0, "memberId"), date: try stored.required(1, "date"),
      distanceMetres: try stored.number(2, "distanceMetres", RecordRules.walkDistanceRule) {
        RecordRules.isWalkDistance($0)
      })
  }

  /// The day total in the current row of `statement` (`memberId, date, partials, walks`)
  /// when every column has the type and form milequest writes; nil otherwise.
  private static func plainRow(_ statement: SQLiteStatement) -> DayTotal? {
    guard sqlite3_column_type(statement, 0) == SQLITE_INTEGER,
      sqlite3_column_type(statement, 1) == SQLITE_TEXT,
      sqlite3_column_type(statement, 2) == SQLITE_BLOB,
      sqlite3_column_type(statement, 3) == SQLITE_INTEGER
    else { return nil }
    let count = Int(sqlite3_column_bytes(statement, 2))
    guard count % 8 == 0, let blob = sqlite3_column_blob(statement, 2) else { return nil }
    guard let text = sqlite3_column_text(statement, 1),
      let date = LocalDate(
        utf8: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, 1))))
    else { return nil }
    let raw = UnsafeRawBufferPointer(start: blob, count: count)
    let parts = [Double](unsafeUninitializedCapacity: count / 8) { buffer, initialized in
      for index in 0..<count / 8 {
        buffer[index] = Double(
          bitPattern: UInt64(
            littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
      }
      initialized = count / 8
    }
    return DayTotal(
      memberId: sqlite3_column_int64(statement, 0), date: date, sum: ExactSum(parts: parts),
      walks: Int(sqlite3_column_int64(statement, 3)))
  }

  /// A stored sum's partials (`ExactSum.bytes`), without copying the blob first; anything
  /// not a multiple of 8 bytes reads as zero, as `ExactSum(bytes:)` reads it (check reports it).
  private static func partials(_ data: Data) -> ExactSum {
    guard data.count % 8 == 0 else { return ExactSum() }
    var parts: [Double] = []
    parts.reserveCapacity(data.count / 8)
    data.withUnsafeBytes { raw in
      for offset in stride(from: 0, to: raw.count, by: 8) {
        parts.append(
          Double(
            bitPattern: UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
      }
    }
    return ExactSum(parts: parts)
  }

  /// How many (member, day) rows differ from a fresh computation over the walks (`check`).
  static func stale(_ db: Database) throws -> Int {
    let fresh = """
      SELECT memberId, date, mq_fsum(distanceMetres) AS partials, count(*) AS walks
      FROM walk WHERE isDeleted = 0 GROUP BY memberId, date
      """
    let missingOrWrong =
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM (\(fresh)) f
          LEFT JOIN walkDay d ON d.memberId = f.memberId AND d.date = f.date
          WHERE d.memberId IS NULL OR d.walks != f.walks
            OR mq_fsum_value(d.partials) != mq_fsum_value(f.partials)
          """) ?? 0
    let extra =
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM walkDay d WHERE NOT EXISTS (SELECT 1 FROM walk w
            WHERE w.memberId = d.memberId AND w.date = d.date AND w.isDeleted = 0)
          """) ?? 0
    return missingOrWrong + extra
  }
}
