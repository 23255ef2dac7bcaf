import GRDB

extension Membership: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "membership"

  public init(row: Row) throws {
    self.init(
      id: row["id"], teamId: row["teamId"], memberId: row["memberId"], role: row["role"],
      joined: row["joined"], left: row["left"])
  }

  public func encode(to container: inout PersistenceContainer) throws {
    container["id"] = id
    container["teamId"] = teamId
    container["memberId"] = memberId
    container["role"] = role
    container["joined"] = joined
    container["left"] = left
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}
