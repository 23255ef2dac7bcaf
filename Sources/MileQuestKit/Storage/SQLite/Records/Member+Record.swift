import GRDB

extension Member: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "member"

  public init(row: Row) throws {
    self.init(
      id: row["id"], handle: row["handle"], name: row["name"], email: row["email"],
      strideMetres: row["strideMetres"], archivedOn: row["archivedOn"])
  }

  public func encode(to container: inout PersistenceContainer) throws {
    container["id"] = id
    container["handle"] = handle
    container["name"] = NameText.normalized(name)
    container["email"] = email
    container["strideMetres"] = strideMetres
    container["archivedOn"] = archivedOn
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}
