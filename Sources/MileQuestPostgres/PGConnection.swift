import Foundation
import MileQuestCore
import MileQuestStore

/// A value sent to PostgreSQL as a text-format parameter of `PQexecParams`.
protocol PGEncodable {
  var pgText: String { get }
}

extension Int64: PGEncodable { var pgText: String { String(self) } }
extension Int: PGEncodable { var pgText: String { String(self) } }
// Swift prints the shortest text that reads back as the same double; PostgreSQL (12 and
// later, extra_float_digits > 0) does the same, so values cross unchanged both ways.
extension Double: PGEncodable { var pgText: String { "\(self)" } }
extension String: PGEncodable { var pgText: String { self } }
extension Bool: PGEncodable { var pgText: String { self ? "true" : "false" } }
extension LocalDate: PGEncodable { var pgText: String { description } }
extension Role: PGEncodable { var pgText: String { rawValue } }
extension WalkSource: PGEncodable { var pgText: String { rawValue } }
extension Activity: PGEncodable { var pgText: String { rawValue } }
extension GoalMode: PGEncodable { var pgText: String { rawValue } }
extension GoalState: PGEncodable { var pgText: String { rawValue } }

/// The rows of one statement, every value as PostgreSQL's text (nil for NULL).
struct PGRows {
  var columns: Int
  var rows: [[String?]]
  /// Rows the statement changed (INSERT, UPDATE, DELETE), 0 for others.
  var affected: Int

  var isEmpty: Bool { rows.isEmpty }
}

/// What a failed statement said, for the caller to map (`PGConnection.exec`).
struct PGServerError: Error {
  var sqlState: String
  var message: String
  var detail: String?

  /// A serialisation failure or a deadlock: the transaction may simply be run again.
  var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
}

/// One libpq connection, used by one thread at a time (the store serialises).
final class PGConnection: @unchecked Sendable {
  // @unchecked: used by one thread at a time; libpq connections are not shared.
  private let pq: LibPQ
  private var conn: OpaquePointer?
  /// The address with any password removed, for messages.
  let shownAddress: String

  /// Connects with `conninfo`, a `postgresql://` URI or `key=value` string; libpq reads what
  /// it leaves out from PGHOST, PGDATABASE, PGUSER, ~/.pgpass, ~/.pg_service.conf (`service=`)
  /// and the rest of its own conventions.
  ///
  /// - Throws: `.notAllowed` (77) when the server refuses the login, `.inputUnreadable` (66)
  ///   when the database does not exist, `.unavailable` (69) when the server cannot be reached
  ///   or libpq is missing. No message includes a password.
  init(conninfo: String) throws {
    pq = try LibPQ.shared()
    shownAddress = PostgresAddress.redacted(conninfo)
    setenvIfAbsent("PGCONNECT_TIMEOUT", "10")
    setenvIfAbsent("PGAPPNAME", "milequest")
    let conn = conninfo.withCString { pq.connectdb($0) }
    guard let conn else {
      throw MileQuestError.unavailable("cannot connect to PostgreSQL: out of memory")
    }
    self.conn = conn
    if pq.status(conn) != LibPQ.connectionOK {
      let message = Self.clean(pq.errorMessage(conn).map { String(cString: $0) } ?? "")
      pq.finish(conn)
      self.conn = nil
      throw Self.connectionError(message, address: shownAddress)
    }
    // NOTICEs would go to stderr; dates and floats in the forms the decoders read. No JIT:
    // a command's queries are short, and a plan whose cost passes jit_above_cost (a table
    // bloated by a large import, say) spent 15 to 35 ms compiling: the all-teams board at 1M
    // walks went from 149 to 113 ms without it (Benchmarks/README.md, PostgreSQL).
    _ = try exec(
      """
      SELECT set_config('client_min_messages', 'warning', false),
        set_config('datestyle', 'ISO, YMD', false), set_config('extra_float_digits', '1', false),
        set_config('intervalstyle', 'iso_8601', false), set_config('jit', 'off', false)
      """)
  }

  deinit { close() }

  func close() {
    if let conn { pq.finish(conn) }
    conn = nil
  }

  /// The login the server knows this connection as.
  var user: String { conn.flatMap { pq.user($0) }.map { String(cString: $0) } ?? "" }

  /// Whether the connection can serve another command: open and not lost. Reads, without
  /// waiting, what the server sent meanwhile (a server that ended the session sent its
  /// message and closed the socket, which libpq notices only when it reads), and drops the
  /// notifications that came (a `--watch` that ended).
  func isUsable() -> Bool {
    guard let conn, pq.status(conn) == LibPQ.connectionOK else { return false }
    for _ in 0..<8 {
      var descriptor = pollfd(fd: pq.socket(conn), events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 0) > 0 else { break }
      if pq.consumeInput(conn) == 0 { return false }
      while let notice = pq.notifies(conn) { pq.freemem(notice) }
    }
    return pq.status(conn) == LibPQ.connectionOK
  }

  /// Whether a transaction is open on the connection (in it, or failed in it).
  var inTransaction: Bool { conn.map { pq.transactionStatus($0) } != LibPQ.transactionIdle }

  /// Whether the open transaction has failed (COMMIT would only roll it back).
  var transactionFailed: Bool { conn.map { pq.transactionStatus($0) } == 3 }

  /// Runs one statement with text-format parameters (`$1`, `$2`, …).
  ///
  /// - Throws: `PGServerError` for a statement the server refused; `.unavailable` when the
  ///   connection is gone.
  @discardableResult
  func exec(_ sql: String, _ parameters: [(any PGEncodable)?] = []) throws -> PGRows {
    guard let conn else { throw MileQuestError.unavailable("the PostgreSQL connection is closed") }
    let texts = parameters.map { $0?.pgText }
    let result: OpaquePointer? = withCStrings(texts) { pointers in
      sql.withCString { text in
        pq.execParams(conn, text, Int32(texts.count), nil, pointers, nil, nil, 0)
      }
    }
    return try rows(of: result, conn)
  }

  /// Waits up to `timeout` seconds for a notification on a channel the connection listens
  /// to; returns whether one (or more: all are taken) arrived.
  func waitForNotification(timeout: Double) throws -> Bool {
    guard let conn else { throw MileQuestError.unavailable("the PostgreSQL connection is closed") }
    func drain() -> Bool {
      var any = false
      while let notice = pq.notifies(conn) {
        pq.freemem(notice)
        any = true
      }
      return any
    }
    _ = pq.consumeInput(conn)
    if drain() { return true }
    var descriptor = pollfd(fd: pq.socket(conn), events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, Int32(max(0, timeout * 1000)))
    if ready <= 0 { return false }
    if pq.consumeInput(conn) == 0 {
      throw MileQuestError.unavailable(
        "lost the connection to PostgreSQL: "
          + Self.clean(pq.errorMessage(conn).map { String(cString: $0) } ?? ""))
    }
    return drain()
  }

  /// Runs several statements separated by semicolons, without parameters (migrations).
  func execScript(_ sql: String) throws {
    guard let conn else { throw MileQuestError.unavailable("the PostgreSQL connection is closed") }
    let result = sql.withCString { pq.exec(conn, $0) }
    _ = try rows(of: result, conn)
  }

  private func rows(of result: OpaquePointer?, _ conn: OpaquePointer) throws -> PGRows {
    guard let result else {
      throw MileQuestError.unavailable(
        "lost the connection to PostgreSQL: "
          + Self.clean(pq.errorMessage(conn).map { String(cString: $0) } ?? ""))
    }
    defer { pq.clear(result) }
    let status = pq.resultStatus(result)
    guard status == LibPQ.commandOK || status == LibPQ.tuplesOK else {
      let state = pq.resultErrorField(result, LibPQ.diagSQLState).map { String(cString: $0) }
      let primary = pq.resultErrorField(result, LibPQ.diagMessagePrimary)
        .map { String(cString: $0) }
      let detail = pq.resultErrorField(result, LibPQ.diagMessageDetail).map { String(cString: $0) }
      let whole = pq.resultErrorMessage(result).map { String(cString: $0) } ?? ""
      if state == nil, pq.status(conn) != LibPQ.connectionOK {
        throw MileQuestError.unavailable("lost the connection to PostgreSQL: \(Self.clean(whole))")
      }
      throw PGServerError(
        sqlState: state ?? "XX000", message: Self.clean(primary ?? whole), detail: detail)
    }
    let count = Int(pq.ntuples(result))
    let columns = Int(pq.nfields(result))
    var rows: [[String?]] = []
    rows.reserveCapacity(count)
    for row in 0..<Int32(count) {
      var values: [String?] = []
      values.reserveCapacity(columns)
      for column in 0..<Int32(columns) {
        if pq.getisnull(result, row, column) != 0 {
          values.append(nil)
        } else {
          values.append(pq.getvalue(result, row, column).map { String(cString: $0) } ?? "")
        }
      }
      rows.append(values)
    }
    let affected = pq.cmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    return PGRows(columns: columns, rows: rows, affected: affected)
  }

  /// One line, without libpq's trailing newline and tab-indented hints.
  static func clean(_ message: String) -> String {
    message.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: [" ", "\t"])
    }.filter { !$0.isEmpty }.joined(separator: "; ")
  }

  /// A failed connection as a milequest error: the login refused (77), no such database
  /// (66), anything else (the server down, a wrong host) unavailable (69).
  static func connectionError(_ message: String, address: String) -> MileQuestError {
    let lower = message.lowercased()
    let refused = [
      "authentication failed", "no password supplied", "pg_hba.conf", "permission denied",
      "password is required", "role \"",
    ]
    if lower.contains("database \""), lower.contains("does not exist") {
      return .inputUnreadable(
        path: address, reason: "\(message) (create it with createdb, then 'milequest init')")
    }
    if refused.contains(where: lower.contains) {
      return .notAllowed(action: "connect to the PostgreSQL database \(address)", reason: message)
    }
    return .unavailable("cannot connect to the PostgreSQL database \(address): \(message)")
  }
}

private func setenvIfAbsent(_ name: String, _ value: String) {
  if getenv(name) == nil { setenv(name, value, 0) }
}

/// Calls `body` with C strings for `texts` (NULL for nil), valid only during the call.
private func withCStrings<R>(
  _ texts: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
) -> R {
  if texts.isEmpty { return body(nil) }
  var owned: [UnsafeMutablePointer<CChar>?] = texts.map { $0.map { strdup($0) } ?? nil }
  defer { for pointer in owned { free(pointer) } }
  return owned.withUnsafeMutableBufferPointer { buffer in
    buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
      body($0)
    }
  }
}
