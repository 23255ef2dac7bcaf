/// A list of row ids passed to SQL as one JSON array, `column IN (SELECT value FROM
/// json_each(?))`, rather than one `?` per id. For `goal list`, which asks about 10,000
/// members at once, a statement with one parameter per id cost more to parse and bind than
/// to run: in Python's sqlite3, 14–25 ms against 5–9 ms for the JSON array. SQLite also takes
/// at most 32,766 parameters. The plan is the same: SQLite first builds an index of the list,
/// then seeks each id in order.
enum IdList {
  /// SQL for "`column` is one of the ids in the statement's next argument".
  static func contains(_ column: String) -> String {
    "\(column) IN (SELECT value FROM json_each(?))"
  }

  /// That argument: `ids` as a JSON array of integers.
  static func argument(_ ids: some Collection<Int64>) -> String {
    // Digits written straight into bytes: `String(id)` made a string per id, a hundredth of
    // `goal list` (30,000 ids).
    var bytes: [UInt8] = [UInt8(ascii: "[")]
    bytes.reserveCapacity(ids.count * 8 + 2)
    var digits: [UInt8] = []
    digits.reserveCapacity(20)
    for (index, id) in ids.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      if id < 0 { bytes.append(UInt8(ascii: "-")) }
      var value = id.magnitude
      digits.removeAll(keepingCapacity: true)
      repeat {
        digits.append(UInt8(ascii: "0") + UInt8(value % 10))
        value /= 10
      } while value > 0
      bytes.append(contentsOf: digits.reversed())
    }
    bytes.append(UInt8(ascii: "]"))
    return String(decoding: bytes, as: UTF8.self)
  }
}
