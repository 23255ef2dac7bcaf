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
    var text = "["
    text.reserveCapacity(ids.count * 7 + 2)
    for (index, id) in ids.enumerated() {
      if index > 0 { text += "," }
      text += String(id)
    }
    return text + "]"
  }
}
