import GRDB
import GRDBSQLite
import MileQuestCore

/// The exact-sum SQL functions of the running and day totals, as plain SQLite callbacks:
/// `mq_fsum_add(partials, x)`, `mq_fsum_merge(a, b)`, `mq_fsum_value(partials)` and the
/// aggregates `mq_fsum(x)` and `mq_fsum_merged(partials)`.
///
/// Partials are stored as blobs of little-endian doubles, smallest first (`ExactSum.bytes`).
/// The scalar functions read them straight from SQLite's bytes into a buffer on the stack and
/// add in place (`ExactSum.add(_:to:count:)`); the aggregates keep an `ExactSum` in the memory
/// SQLite keeps per group. Through GRDB's `DatabaseFunction` every call built an
/// argument array, a `Data`, a byte array, an array of doubles and the blob again, which in a
/// bulk import's merges (three calls per walk) cost more than the sums.
///
/// They read what GRDB's `Data` and `Double` read: a blob or a text's bytes as partials (a
/// length that is not a multiple of 8 reads as none, as `ExactSum(bytes:)` does), an integer
/// or a real as a number; anything else is no partials or no number. An empty sum is an empty
/// blob, never NULL (the totals' columns are NOT NULL).
enum ExactSumFunctions {
  /// Registers the functions on a connection (every connection, before migrations).
  static func register(_ db: Database) {
    let connection = db.sqliteConnection
    let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
    sqlite3_create_function_v2(connection, "mq_fsum_add", 2, flags, nil, add, nil, nil, nil)
    sqlite3_create_function_v2(connection, "mq_fsum_merge", 2, flags, nil, merge, nil, nil, nil)
    sqlite3_create_function_v2(connection, "mq_fsum_value", 1, flags, nil, value, nil, nil, nil)
    sqlite3_create_function_v2(
      connection, "mq_fsum", 1, flags, nil, nil, sumStep, finalSum, nil)
    sqlite3_create_function_v2(
      connection, "mq_fsum_merged", 1, flags, nil, nil, mergedStep, finalSum, nil)
  }

  private typealias Function =
    @convention(c) (
      OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?
    ) -> Void
  private typealias Final = @convention(c) (OpaquePointer?) -> Void

  /// `mq_fsum_add(partials, x)`: the partials with `x` added (unchanged when `x` is no number).
  private static let add: Function = { context, _, arguments in
    let stored = Stored(arguments![0])
    withUnsafeTemporaryAllocation(of: Double.self, capacity: stored.count + 1) { buffer in
      let partials = buffer.baseAddress!
      stored.load(into: partials)
      var count = stored.count
      if let x = number(arguments![1]) { count = ExactSum.add(x, to: partials, count: count) }
      result(context, partials, count: count)
    }
  }

  /// `mq_fsum_merge(a, b)`: the partials of the sum of two sums (bulk merges).
  private static let merge: Function = { context, _, arguments in
    let first = Stored(arguments![0])
    let second = Stored(arguments![1])
    // Each part of `second` adds at most one partial.
    let capacity = first.count + second.count + 1
    withUnsafeTemporaryAllocation(of: Double.self, capacity: capacity) { buffer in
      let partials = buffer.baseAddress!
      first.load(into: partials)
      var count = first.count
      for index in 0..<second.count {
        count = ExactSum.add(second[index], to: partials, count: count)
      }
      result(context, partials, count: count)
    }
  }

  /// `mq_fsum_value(partials)`: the correctly rounded sum.
  private static let value: Function = { context, _, arguments in
    let stored = Stored(arguments![0])
    withUnsafeTemporaryAllocation(of: Double.self, capacity: stored.count + 1) { buffer in
      stored.load(into: buffer.baseAddress!)
      sqlite3_result_double(
        context, ExactSum.value(of: buffer.baseAddress, count: stored.count))
    }
  }

  /// `mq_fsum(x)`: adds a number.
  private static let sumStep: Function = { context, _, arguments in
    guard let x = number(arguments![0]) else { return }
    guard let sum = groupSum(context) else { return sqlite3_result_error_nomem(context) }
    sum.pointee.add(x)
  }

  /// `mq_fsum_merged(partials)`: adds a sum's partials.
  private static let mergedStep: Function = { context, _, arguments in
    let stored = Stored(arguments![0])
    guard stored.count > 0 else { return }
    guard let sum = groupSum(context) else { return sqlite3_result_error_nomem(context) }
    for index in 0..<stored.count { sum.pointee.add(stored[index]) }
  }

  /// Both aggregates' result: the partials, an empty blob for no rows.
  private static let finalSum: Final = { context in
    // Size 0: the group's memory if a row made it, else nil (no rows).
    guard let raw = sqlite3_aggregate_context(context, 0) else {
      return sqlite3_result_zeroblob(context, 0)
    }
    let sum = (raw + sumOffset).assumingMemoryBound(to: ExactSum.self)
    let bytes = sum.pointee.bytes
    sum.deinitialize(count: 1)
    if bytes.isEmpty { return sqlite3_result_zeroblob(context, 0) }
    bytes.withUnsafeBytes {
      sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transient)
    }
  }

  /// Where a group's `ExactSum` lies in the memory SQLite keeps per group: after a flag that
  /// says it was made (SQLite zeroes the memory when it first gives it).
  private static let sumOffset = max(MemoryLayout<ExactSum>.alignment, 1)

  /// The running sum of the aggregate's group, made by its first row.
  private static func groupSum(_ context: OpaquePointer?) -> UnsafeMutablePointer<ExactSum>? {
    let size = Int32(sumOffset + MemoryLayout<ExactSum>.stride)
    guard let raw = sqlite3_aggregate_context(context, size) else { return nil }
    let sum = (raw + sumOffset).bindMemory(to: ExactSum.self, capacity: 1)
    if !raw.load(as: Bool.self) {
      sum.initialize(to: ExactSum())
      raw.storeBytes(of: true, as: Bool.self)
    }
    return sum
  }

  /// An argument's stored partials, read in place.
  private struct Stored {
    var bytes: UnsafeRawPointer?
    var count = 0

    init(_ value: OpaquePointer?) {
      let type = sqlite3_value_type(value)
      guard type == SQLITE_BLOB || type == SQLITE_TEXT else { return }
      // The bytes first, then their length (SQLite's documented order).
      let bytes = sqlite3_value_blob(value)
      let length = Int(sqlite3_value_bytes(value))
      guard let bytes, length % 8 == 0 else { return }
      self.bytes = bytes
      count = length / 8
    }

    subscript(index: Int) -> Double {
      Double(
        bitPattern: UInt64(
          littleEndian: bytes!.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
    }

    func load(into partials: UnsafeMutablePointer<Double>) {
      for index in 0..<count { partials[index] = self[index] }
    }
  }

  /// A number argument as GRDB's `Double` reads it: an integer or a real.
  private static func number(_ value: OpaquePointer?) -> Double? {
    let type = sqlite3_value_type(value)
    guard type == SQLITE_INTEGER || type == SQLITE_FLOAT else { return nil }
    return sqlite3_value_double(value)
  }

  /// Returns `count` partials as a blob (SQLite copies it; `partials` is left little-endian).
  private static func result(
    _ context: OpaquePointer?, _ partials: UnsafeMutablePointer<Double>, count: Int
  ) {
    if count == 0 { return sqlite3_result_zeroblob(context, 0) }
    for index in 0..<count {
      partials[index] = Double(bitPattern: partials[index].bitPattern.littleEndian)
    }
    sqlite3_result_blob(context, partials, Int32(count * 8), transient)
  }

  /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before returning.
  private static let transient = unsafeBitCast(
    OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
