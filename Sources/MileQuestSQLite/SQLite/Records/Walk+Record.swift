import GRDB
import MileQuestCore
import MileQuestStore

extension Walk: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "walk"

  /// The columns in table order, so rows decode by position (reading by name costs a
  /// look-up per column, which adds up over the thousands of walks a report reads).
  static let selection = """
    id, memberId, date, distanceMetres, durationSeconds, steps, note, source, externalId,
    isDeleted, activity
    """

  /// Reads a stored walk; a value that does not fit throws `.badData` naming the walk.
  public init(row: Row) throws {
    let stored = StoredRow(row, table: "walk")
    self.init(
      id: try stored.required(0, "id"), memberId: try stored.required(1, "memberId"),
      date: try stored.required(2, "date"),
      distanceMetres: try stored.number(3, "distanceMetres", RecordRules.walkDistanceRule) {
        RecordRules.isWalkDistance($0)
      },
      durationSeconds: try stored.optionalNumber(4, "durationSeconds", "must be 0 or more") {
        $0 >= 0
      },
      steps: try stored.optional(5, "steps"), activity: try stored.required(10, "activity"),
      note: try stored.optional(6, "note"),
      source: try stored.required(7, "source"), externalId: try stored.optional(8, "externalId"),
      isDeleted: try stored.required(9, "isDeleted"))
  }

  public func encode(to container: inout PersistenceContainer) throws {
    container["id"] = id
    container["memberId"] = memberId
    container["date"] = date
    container["distanceMetres"] = distanceMetres
    container["durationSeconds"] = durationSeconds
    container["steps"] = steps
    container["note"] = note
    container["source"] = source
    container["externalId"] = externalId
    container["isDeleted"] = isDeleted
    container["activity"] = activity
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}
