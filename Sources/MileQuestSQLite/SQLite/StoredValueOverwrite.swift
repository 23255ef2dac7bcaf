import Foundation
import GRDB
import MileQuestCore
import MileQuestStore

/// One SQLite value of any storage class, as another program could have stored it.
public enum RawStoredValue: Sendable, Equatable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  var databaseValue: DatabaseValue {
    switch self {
    case .null: .null
    case .integer(let value): value.databaseValue
    case .real(let value): value.databaseValue
    case .text(let value): value.databaseValue
    case .blob(let bytes): Data(bytes).databaseValue
    }
  }

  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let value): self = .integer(value)
    case .double(let value): self = .real(value)
    case .string(let value): self = .text(value)
    case .blob(let data): self = .blob(Array(data))
    }
  }
}

extension SQLiteStore {
  /// Writes `value` into one column of one row, as the sqlite3 shell would: through a
  /// connection of its own (no milequest triggers), without checks, with foreign keys off.
  /// Returns the value it replaced, or nil when SQLite refused (NOT NULL, UNIQUE). For the
  /// stored-row fuzzer and tests of what commands do with rows changed outside milequest.
  ///
  /// - Parameters:
  ///   - table: a milequest table; `column` one of its columns (both checked).
  ///   - rowid: the row's SQLite rowid.
  @_spi(Testing)
  public static func overwrite(
    databaseAt path: String, table: String, column: String, rowid: Int64,
    with value: RawStoredValue
  ) throws -> RawStoredValue? {
    try mapErrors(path: path) {
      let queue = try DatabaseQueue(path: path)
      defer { try? queue.close() }
      return try queue.writeWithoutTransaction { db -> RawStoredValue? in
        let columns = try Row.fetchAll(
          db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]
        )
        .compactMap { $0[0] as String? }
        guard columns.contains(column) else {
          throw MileQuestError.usage("no column \(table).\(column)")
        }
        let quoted = "\"\(table)\".\"\(column)\""
        let old = try DatabaseValue.fetchOne(
          db, sql: "SELECT \(quoted) FROM \"\(table)\" WHERE rowid = ?", arguments: [rowid])
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        do {
          try db.execute(
            sql: "UPDATE \"\(table)\" SET \"\(column)\" = ? WHERE rowid = ?",
            arguments: [value.databaseValue, rowid])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
          return nil
        }
        return old.map(RawStoredValue.init) ?? .null
      }
    }
  }
}
