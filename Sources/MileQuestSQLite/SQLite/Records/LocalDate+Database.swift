import GRDB
import MileQuestCore
import MileQuestStore

/// Dates are stored as `YYYY-MM-DD` text, which sorts in date order and reads well in `sqlite3`.
extension LocalDate: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { description.databaseValue }

  public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalDate? {
    String.fromDatabaseValue(dbValue).flatMap(LocalDate.init)
  }
}

extension Role: DatabaseValueConvertible {}
extension GoalMode: DatabaseValueConvertible {}
extension GoalState: DatabaseValueConvertible {}
extension WalkSource: DatabaseValueConvertible {}
extension Activity: DatabaseValueConvertible {}
