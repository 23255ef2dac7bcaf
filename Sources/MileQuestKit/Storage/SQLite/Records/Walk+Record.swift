import GRDB

extension Walk: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "walk"

  public init(row: Row) throws {
    self.init(
      id: row["id"], memberId: row["memberId"], date: row["date"],
      distanceMetres: row["distanceMetres"], durationSeconds: row["durationSeconds"],
      steps: row["steps"], note: row["note"], source: row["source"],
      externalId: row["externalId"], isDeleted: row["isDeleted"])
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
