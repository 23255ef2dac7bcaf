import GRDB
import GRDBSQLite
import MileQuestCore

/// Reads a stored walk straight from its statement's columns, for the commands that read
/// millions (`export walks`, listings, reports).
///
/// `Walk(row:)` goes through GRDB's generic value conversion and `StoredRow`'s checks, which
/// took a third of an export's time. This reads the well-formed case only: every column stored
/// with the type milequest writes and a value its rules allow. Any other row gives nil, and the
/// caller reads it with `Walk(row:)`, which names the problem exactly as before (or accepts
/// what GRDB converts, such as a whole REAL id): the result never differs, only the speed.
enum WalkRowDecoder {
  /// The walk in the current row of `statement`, selected with `Walk.selection`; nil when a
  /// column is not the plain stored form of a valid value.
  static func walk(_ statement: SQLiteStatement) -> Walk? {
    func type(_ index: CInt) -> CInt { sqlite3_column_type(statement, index) }
    func number(_ index: CInt) -> Double? {
      switch type(index) {
      case SQLITE_FLOAT: sqlite3_column_double(statement, index)
      case SQLITE_INTEGER: Double(sqlite3_column_int64(statement, index))
      default: nil
      }
    }
    guard type(0) == SQLITE_INTEGER, type(1) == SQLITE_INTEGER, type(2) == SQLITE_TEXT,
      type(7) == SQLITE_TEXT, type(9) == SQLITE_INTEGER, type(10) == SQLITE_TEXT,
      let distance = number(3), RecordRules.isWalkDistance(distance),
      let date = withText(statement, 2, LocalDate.init(utf8:)),
      let source = withText(statement, 7, source(_:)),
      let activity = withText(statement, 10, activity(_:))
    else { return nil }
    var duration: Double?
    if type(4) != SQLITE_NULL {
      guard let seconds = number(4), seconds.isFinite, seconds >= 0 else { return nil }
      duration = seconds
    }
    var steps: Int?
    switch type(5) {
    case SQLITE_NULL: break
    case SQLITE_INTEGER: steps = Int(sqlite3_column_int64(statement, 5))
    default: return nil
    }
    guard let note = optionalText(statement, 6), let externalId = optionalText(statement, 8)
    else { return nil }
    return Walk(
      id: sqlite3_column_int64(statement, 0), memberId: sqlite3_column_int64(statement, 1),
      date: date, distanceMetres: distance, durationSeconds: duration, steps: steps,
      activity: activity, note: note, source: source, externalId: externalId,
      isDeleted: sqlite3_column_int64(statement, 9) != 0)
  }

  /// A TEXT column's bytes up to its first NUL, as GRDB's `String(cString:)` reads them.
  private static func withText<T>(
    _ statement: SQLiteStatement, _ index: CInt, _ body: (UnsafeBufferPointer<UInt8>) -> T
  ) -> T {
    guard let text = sqlite3_column_text(statement, index) else {
      return body(UnsafeBufferPointer(start: nil, count: 0))
    }
    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index)))
    return body(UnsafeBufferPointer(rebasing: bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)]))
  }

  /// `.some(nil)` for NULL, `.some(text)` for TEXT, nil for any other storage.
  private static func optionalText(_ statement: SQLiteStatement, _ index: CInt) -> String?? {
    switch sqlite3_column_type(statement, index) {
    case SQLITE_NULL: .some(nil)
    case SQLITE_TEXT: .some(withText(statement, index) { String(decoding: $0, as: UTF8.self) })
    default: nil
    }
  }

  private static func source(_ bytes: UnsafeBufferPointer<UInt8>) -> WalkSource? {
    WalkSource.allCases.first { $0.rawValue.utf8.elementsEqual(bytes) }
  }

  private static func activity(_ bytes: UnsafeBufferPointer<UInt8>) -> Activity? {
    Activity.allCases.first { $0.rawValue.utf8.elementsEqual(bytes) }
  }
}
