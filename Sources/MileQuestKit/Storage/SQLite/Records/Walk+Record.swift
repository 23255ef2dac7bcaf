import GRDB

extension Walk: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "walk"

  /// The columns in table order, so rows decode by position (reading by name costs a
  /// look-up per column, which adds up over the thousands of walks a report reads).
  static let selection = """
    id, memberId, date, distanceMetres, durationSeconds, steps, note, source, externalId,
    isDeleted
    """

  public init(row: Row) throws {
    self.init(
      id: row[0], memberId: row[1], date: row[2], distanceMetres: row[3],
      durationSeconds: row[4], steps: row[5], note: row[6], source: row[7],
      externalId: row[8], isDeleted: row[9])
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
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}
