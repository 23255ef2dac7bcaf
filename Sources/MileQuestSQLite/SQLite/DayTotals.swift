import Foundation
import GRDB
import GRDBSQLite
import MileQuestCore
import MileQuestStore

/// Totals per member per day (`walkDay`) and per member per calendar month (`walkMonth`),
/// kept current on every write, so a board over a period reads at most one row per member
/// and day (or, for the months it covers whole, per member and month) instead of every walk
/// of the period.
///
/// Each row is the exact sum (`ExactSum` partials, as a blob, like `membershipTotal`) and the
/// count of one member's walks of one day (or month, keyed "YYYY-MM") that are not deleted;
/// a day or month without such walks has no row. The same TEMP triggers that keep the
/// running totals keep these (see `WriteTriggers`); a bulk insert suspends them and merges
/// its walks once at the end. Memberships play no part: a board applies them to the days and
/// months it reads.
enum DayTotals {
  /// One rollup table: its name, its key column besides `memberId`, and that key of a walk
  /// row (`NEW` or `OLD`) as SQL.
  private struct Rollup: Sendable {
    let table: String
    let key: String
    /// The key's length in a walk's date: "YYYY-MM-DD" or "YYYY-MM".
    let length: Int
    func of(_ row: String) -> String {
      length == 10 ? "\(row).date" : "substr(\(row).date, 1, \(length))"
    }
  }
  private static let rollups = [
    Rollup(table: "walkDay", key: "date", length: 10),
    Rollup(table: "walkMonth", key: "month", length: 7),
  ]

  /// Adds `row`'s walk (a walk row, `NEW` or `OLD`) to its day and month, as SQL.
  private static func add(_ row: String, when condition: String) -> String {
    rollups.map { rollup in
      """
      INSERT INTO \(rollup.table)(memberId, \(rollup.key), partials, walks)
      SELECT \(row).memberId, \(rollup.of(row)), mq_fsum_add(NULL, \(row).distanceMetres), 1
      WHERE \(condition)
      ON CONFLICT(\(rollup.key), memberId) DO UPDATE SET
        partials = mq_fsum_add(partials, \(row).distanceMetres), walks = walks + 1;
      """
    }.joined(separator: "\n")
  }

  /// Takes `row`'s walk off its day and month (a row goes with its last walk), as SQL.
  private static func subtract(_ row: String, when condition: String) -> String {
    rollups.map { rollup in
      """
      UPDATE \(rollup.table) SET partials = mq_fsum_add(partials, -\(row).distanceMetres),
        walks = walks - 1
      WHERE \(condition) AND memberId = \(row).memberId AND \(rollup.key) = \(rollup.of(row));
      DELETE FROM \(rollup.table) WHERE \(condition) AND memberId = \(row).memberId
        AND \(rollup.key) = \(rollup.of(row)) AND walks <= 0;
      """
    }.joined(separator: "\n")
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

  /// Adds the walks with rowids in `first...last` to their days and months (after a bulk
  /// insert, which suspends the per-row triggers): one merge per member and day (and month)
  /// they touch.
  static func merge(walks first: Int64, through last: Int64, _ db: Database) throws {
    for rollup in rollups {
      let key = rollup.of("walk")
      try db.execute(
        sql: """
          INSERT INTO \(rollup.table)(memberId, \(rollup.key), partials, walks)
          SELECT memberId, \(key), mq_fsum(distanceMetres), count(*) FROM walk
          WHERE rowid BETWEEN ? AND ? AND isDeleted = 0 GROUP BY memberId, \(key)
          ON CONFLICT(\(rollup.key), memberId) DO UPDATE SET
            partials = mq_fsum_merge(partials, excluded.partials), walks = walks + excluded.walks
          """, arguments: [first, last])
    }
  }

  /// Calls `body` with each stored day total (every member's) of the days in `range`, in no
  /// particular order. Chosen members' days are read from their walks instead
  /// (`forEach(_:ofWalksOf:range:_:)`).
  static func forEach(
    _ db: Database, range: DateRange, _ body: (DayTotal) throws -> Void
  ) throws {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    dateConditions(range, &conditions, &arguments)
    let whereSQL = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
    let statement = try db.makeStatement(
      sql: "SELECT memberId, date, partials, walks FROM walkDay WHERE \(whereSQL)")
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    while let row = try rows.next() {
      // Straight from the statement when well-formed: a year of a big challenge is millions
      // of rows. Anything else is read below, which names its problem.
      let raw = statement.sqliteStatement
      if sqlite3_column_type(raw, 0) == SQLITE_INTEGER,
        sqlite3_column_type(raw, 3) == SQLITE_INTEGER,
        sqlite3_column_type(raw, 1) == SQLITE_TEXT,
        let date = MembershipRowDecoder.text(raw, 1, LocalDate.init(utf8:)),
        let sum = rawPartials(raw, 2)
      {
        try body(
          DayTotal(
            memberId: sqlite3_column_int64(raw, 0), date: date, sum: sum,
            walks: Int(sqlite3_column_int64(raw, 3))))
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
    dateConditions(range, &conditions, &arguments)
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

  /// What goal markers count per day (`StoreSpeedUps.daySums(ofMarkers:)`): the walks of
  /// the markers' members read from the covering index `walk_member_date_amount`, member by
  /// member in date order, straight from the statement into one flat buffer of day sums per
  /// marker (`DaySums`), without a value per walk or per member-day (`goal list`: a million
  /// walks). One statement serves many markers (a thousand goals asked one each: a tenth of
  /// `goal list`). Each marker's sums are added in the order a read of its own members
  /// would add them, so they are the same to the last bit. Nil at the first stored value not
  /// of milequest's form: the caller's day totals name it.
  static func daySums(
    _ db: Database, ofMarkers markers: [MarkerSpans]
  ) throws -> [[(date: LocalDate, sum: ExactSum)]]? {
    // What each member's rows feed: one entry per span, by member, then marker, then day.
    struct Entry {
      var memberId: Int64
      var marker: Int
      var first: Int
      var last: Int
    }
    var entries: [Entry] = []
    entries.reserveCapacity(markers.reduce(0) { $0 + $1.spans.count })
    var sums: [DaySums] = []
    sums.reserveCapacity(markers.count)
    var hull: DateRange?
    for (index, marker) in markers.enumerated() {
      let own = Self.hull(of: marker.spans)
      sums.append(DaySums(first: own?.from, last: own?.to))
      guard let own else { continue }
      hull = hull.map { Self.hull($0, own) } ?? own
      for span in marker.spans {
        entries.append(
          Entry(
            memberId: span.memberId, marker: index, first: span.days.from?.dayNumber ?? Int.min,
            last: span.days.to?.dayNumber ?? Int.max))
      }
    }
    guard let hull else { return sums.map(\.sums) }
    entries.sort { ($0.memberId, $0.marker, $0.first) < ($1.memberId, $1.marker, $1.first) }
    let caps = markers.map(\.dailyCap)
    var memberIds: [Int64] = []
    for entry in entries where memberIds.last != entry.memberId {
      memberIds.append(entry.memberId)
    }
    var next = 0  // the first entry of the next member
    // Dates parsed so far, by their 10 bytes (a direct-mapped cache: the walks fall on a few
    // hundred days, and parsing each member-day's date was a tenth of the reading).
    var cachedHigh = [UInt64](repeating: 0, count: 1_024)
    var cachedLow = [UInt16](repeating: 0, count: 1_024)
    var cachedDay = [Int](repeating: Int.min, count: 1_024)
    // With a cap: each entry's current member-day (its walks added up, and its day).
    var memberDays = [ExactSum](repeating: ExactSum(), count: entries.count)
    var memberDayNumbers = [Int](repeating: Int.min, count: entries.count)
    func closeMemberDay(_ entry: Int) {
      let day = memberDayNumbers[entry]
      guard day != Int.min, let cap = caps[entries[entry].marker] else { return }
      if memberDays[entry].value > cap {
        sums[entries[entry].marker].add(cap, dayNumber: day)
      } else {
        sums[entries[entry].marker].add(memberDays[entry], dayNumber: day)
      }
      memberDays[entry] = ExactSum()
      memberDayNumbers[entry] = Int.min
    }
    // One statement for all the members (their ids as one JSON array: `IdList`).
    var conditions = ["isDeleted = 0"]
    var arguments: StatementArguments = []
    dateConditions(hull, &conditions, &arguments)
    conditions.append(IdList.contains("memberId"))
    arguments += [IdList.argument(memberIds)]
    let statement = try db.cachedStatement(
      sql: """
        SELECT memberId, date, distanceMetres FROM walk
        WHERE \(conditions.joined(separator: " AND ")) ORDER BY memberId, date
        """)
    let rows = try RawRows(statement, arguments: arguments)
    var member: Int64?
    var memberEntries = 0..<0
    // The last date read, as its 10 bytes, with its day (a member's walks of one day come
    // together).
    var lastDate: (high: UInt64, low: UInt16, day: Int)?
    let raw = rows.columns
    while try rows.step() {
      guard sqlite3_column_type(raw, 0) == SQLITE_INTEGER,
        sqlite3_column_type(raw, 1) == SQLITE_TEXT,
        sqlite3_column_type(raw, 2) == SQLITE_FLOAT,
        sqlite3_column_bytes(raw, 1) == 10,
        let text = sqlite3_column_text(raw, 1)
      else { return nil }
      let distance = sqlite3_column_double(raw, 2)
      guard RecordRules.isWalkDistance(distance) else { return nil }
      let memberId = sqlite3_column_int64(raw, 0)
      if memberId != member {
        for entry in memberEntries { closeMemberDay(entry) }
        member = memberId
        lastDate = nil
        while next < entries.count && entries[next].memberId < memberId { next += 1 }
        var end = next
        while end < entries.count && entries[end].memberId == memberId { end += 1 }
        memberEntries = next..<end
        next = end
      }
      let bytes = UnsafeRawPointer(text)
      let high = bytes.loadUnaligned(as: UInt64.self)
      let low = bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
      let day: Int
      if let last = lastDate, last.high == high, last.low == low {
        day = last.day
      } else {
        // The day's two bytes mixed in before the multiply, which carries them to the top
        // bits kept (after it, every day of a month shared one slot).
        let slot = Int(
          truncatingIfNeeded: ((high ^ UInt64(low)) &* 0x9E37_79B9_7F4A_7C15) >> 54)
        if cachedDay[slot] != Int.min && cachedHigh[slot] == high && cachedLow[slot] == low {
          day = cachedDay[slot]
        } else {
          guard let date = LocalDate(utf8: UnsafeBufferPointer(start: text, count: 10))
          else { return nil }
          day = date.dayNumber
          (cachedHigh[slot], cachedLow[slot], cachedDay[slot]) = (high, low, day)
        }
        lastDate = (high, low, day)
      }
      for entry in memberEntries where entries[entry].first <= day && day <= entries[entry].last {
        let marker = entries[entry].marker
        if caps[marker] == nil {
          sums[marker].add(distance, dayNumber: day)
        } else {
          if memberDayNumbers[entry] != day { closeMemberDay(entry) }
          memberDayNumbers[entry] = day
          memberDays[entry].add(distance)
        }
      }
    }
    for entry in memberEntries { closeMemberDay(entry) }
    return sums.map(\.sums)
  }

  /// The days from the first of `spans` to the last (either end open when one of them is);
  /// nil when there are no spans.
  private static func hull(of spans: [MemberSpan]) -> DateRange? {
    guard let first = spans.first else { return nil }
    return spans.dropFirst().reduce(first.days) { hull($0, $1.days) }
  }

  /// The days from the first of `a` and `b` to the last of them.
  private static func hull(_ a: DateRange, _ b: DateRange) -> DateRange {
    DateRange(
      from: a.from.flatMap { x in b.from.map { min(x, $0) } },
      to: a.to.flatMap { x in b.to.map { max(x, $0) } })
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

  /// Adds `range`'s bounds on the `date` column (either end may be open) to a WHERE clause.
  private static func dateConditions(
    _ range: DateRange, _ conditions: inout [String], _ arguments: inout StatementArguments
  ) {
    if let from = range.from {
      conditions.append("date >= ?")
      arguments += [from]
    }
    if let to = range.to {
      conditions.append("date <= ?")
      arguments += [to]
    }
  }

  /// Calls `body` with each month total of `months` (a range of months' first days; open
  /// ends stay open), in no particular order.
  static func forEachMonth(
    _ db: Database, months: DateRange, _ body: (MonthTotal) throws -> Void
  ) throws {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let from = months.from {
      conditions.append("month >= ?")
      arguments += [String(from.description.prefix(7))]
    }
    if let to = months.to {
      conditions.append("month <= ?")
      arguments += [String(to.description.prefix(7))]
    }
    let whereSQL = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
    // Year and month as numbers: no string per row (a year is a million member-months).
    // A month key that is not "YYYY-MM" is a row another program wrote: `check` reports it.
    let statement = try db.makeStatement(
      sql: """
        SELECT memberId, CAST(substr(month, 1, 4) AS INTEGER),
          CAST(substr(month, 6, 2) AS INTEGER), partials, walks
        FROM walkMonth WHERE \(whereSQL)
        """)
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    while let row = try rows.next() {
      let raw = statement.sqliteStatement
      if sqlite3_column_type(raw, 0) == SQLITE_INTEGER,
        sqlite3_column_type(raw, 4) == SQLITE_INTEGER,
        let month = LocalDate(
          year: Int(sqlite3_column_int64(raw, 1)), month: Int(sqlite3_column_int64(raw, 2)),
          day: 1),
        let sum = rawPartials(raw, 3)
      {
        try body(
          MonthTotal(
            memberId: sqlite3_column_int64(raw, 0), month: month, sum: sum,
            walks: Int(sqlite3_column_int64(raw, 4))))
        continue
      }
      let stored = StoredRow(row, table: "walk month")
      guard
        let month = LocalDate(
          year: try stored.required(1, "year"), month: try stored.required(2, "month"), day: 1)
      else { throw stored.bad("month", row[2], "expected a month 01 to 12 of year 1 to 9999") }
      let sum = try row.withUnsafeData(atIndex: 3) { data in data.map(partials) ?? ExactSum() }
      try body(
        MonthTotal(
          memberId: try stored.required(0, "memberId"), month: month, sum: sum,
          walks: try stored.required(4, "walks")))
    }
  }

  /// The partials of a BLOB column read in place, or nil for any other storage.
  private static func rawPartials(_ statement: SQLiteStatement, _ index: CInt) -> ExactSum? {
    guard sqlite3_column_type(statement, index) == SQLITE_BLOB else { return nil }
    let count = Int(sqlite3_column_bytes(statement, index))
    guard count > 0, let bytes = sqlite3_column_blob(statement, index) else { return ExactSum() }
    return ExactSum(bytes: UnsafeRawBufferPointer(start: bytes, count: count))
  }

  /// A stored sum's partials (`ExactSum.bytes`), without copying the blob first; anything
  /// not a multiple of 8 bytes reads as zero, as `ExactSum(bytes:)` reads it (check reports it).
  private static func partials(_ data: Data) -> ExactSum {
    data.withUnsafeBytes { ExactSum(bytes: $0) }
  }

  /// How many (member, day) rows of `walkDay` (or, with `months`, (member, month) rows of
  /// `walkMonth`) differ from a fresh computation over the walks (`check`).
  static func stale(_ db: Database, months: Bool = false) throws -> Int {
    let rollup = rollups[months ? 1 : 0]
    let key = rollup.of("w")
    let fresh = """
      SELECT memberId, \(key) AS \(rollup.key), mq_fsum(distanceMetres) AS partials,
        count(*) AS walks
      FROM walk w WHERE isDeleted = 0 GROUP BY memberId, \(key)
      """
    let missingOrWrong =
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM (\(fresh)) f
          LEFT JOIN \(rollup.table) d ON d.memberId = f.memberId AND d.\(rollup.key) = f.\(rollup.key)
          WHERE d.memberId IS NULL OR d.walks != f.walks
            OR mq_fsum_value(d.partials) != mq_fsum_value(f.partials)
          """) ?? 0
    // A month's walks are one range of the (memberId, date) index: its first day to its last.
    let match =
      months
      ? "w.date >= d.month || '-01' AND w.date <= d.month || '-31'"
      : "w.date = d.date"
    let extra =
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM \(rollup.table) d WHERE NOT EXISTS (SELECT 1 FROM walk w
            WHERE w.memberId = d.memberId AND \(match) AND w.isDeleted = 0)
          """) ?? 0
    return missingOrWrong + extra
  }
}
