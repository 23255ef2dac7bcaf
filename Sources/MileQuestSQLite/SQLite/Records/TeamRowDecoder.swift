import GRDB
import GRDBSQLite
import MileQuestCore

/// Reads a stored team straight from its statement's columns (`SELECT *`, in the table's
/// column order: id, name, nameKey, description, maxMembers), like `MembershipRowDecoder`:
/// the all-teams board reads every team (10,000 of a company-wide challenge), and
/// `Team(row:)`'s generic conversions were a fifth of it. Only the well-formed case: any
/// other row gives nil, and the caller reads it with `Team(row:)`, which names the problem.
enum TeamRowDecoder {
  /// The team in the current row of `statement`; nil when a column is not the plain stored
  /// form of a valid value.
  static func team(_ statement: SQLiteStatement) -> Team? {
    func type(_ index: CInt) -> CInt { sqlite3_column_type(statement, index) }
    guard type(0) == SQLITE_INTEGER, type(1) == SQLITE_TEXT, type(4) == SQLITE_INTEGER,
      let name = sqlite3_column_text(statement, 1)
    else { return nil }
    let maxMembers = sqlite3_column_int64(statement, 4)
    guard let members = Int(exactly: maxMembers), RecordRules.maxMembersRange.contains(members)
    else { return nil }
    var description: String?
    switch type(3) {
    case SQLITE_NULL: break
    case SQLITE_TEXT:
      guard let text = sqlite3_column_text(statement, 3) else { return nil }
      // As GRDB reads text (up to a NUL), so both ways give the same team.
      description = String(cString: text)
    default: return nil
    }
    return Team(
      id: sqlite3_column_int64(statement, 0), name: String(cString: name),
      description: description, maxMembers: members)
  }
}
