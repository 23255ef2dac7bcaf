import GRDB
import GRDBSQLite
import MileQuestCore

/// Reads a stored membership straight from its statement's columns (`SELECT *`, in the
/// table's column order), like `WalkRowDecoder`: the all-teams boards read every membership
/// (100,000 of a company-wide challenge), and `Membership(row:)`'s generic conversions took
/// most of their fixed cost. Only the well-formed case: any other row gives nil, and the
/// caller reads it with `Membership(row:)`, which names the problem as before.
enum MembershipRowDecoder {
  /// The membership in the current row of `statement`; nil when a column is not the plain
  /// stored form of a valid value.
  static func membership(_ statement: SQLiteStatement) -> Membership? {
    func type(_ index: CInt) -> CInt { sqlite3_column_type(statement, index) }
    guard type(0) == SQLITE_INTEGER, type(1) == SQLITE_INTEGER, type(2) == SQLITE_INTEGER,
      type(3) == SQLITE_TEXT, type(4) == SQLITE_TEXT,
      let role = text(
        statement, 3,
        { bytes in
          Role.allCases.first { $0.rawValue.utf8.elementsEqual(bytes) }
        }),
      let joined = text(statement, 4, LocalDate.init(utf8:))
    else { return nil }
    var left: LocalDate?
    switch type(5) {
    case SQLITE_NULL: break
    case SQLITE_TEXT:
      guard let date = text(statement, 5, LocalDate.init(utf8:)) else { return nil }
      left = date
    default: return nil
    }
    return Membership(
      id: sqlite3_column_int64(statement, 0), teamId: sqlite3_column_int64(statement, 1),
      memberId: sqlite3_column_int64(statement, 2), role: role, joined: joined, left: left)
  }

  /// A TEXT column's bytes (a NUL inside makes it no date and no role).
  static func text<T>(
    _ statement: SQLiteStatement, _ index: CInt, _ body: (UnsafeBufferPointer<UInt8>) -> T?
  ) -> T? {
    guard let text = sqlite3_column_text(statement, index) else { return nil }
    return body(
      UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index))))
  }
}
