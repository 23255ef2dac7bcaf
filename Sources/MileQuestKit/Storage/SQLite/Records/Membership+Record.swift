import GRDB

extension Membership: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "membership"

  /// Read by position (`SELECT *` in table order): boards read every membership.
  public init(row: Row) throws {
    self.init(
      id: row[0], teamId: row[1], memberId: row[2], role: row[3], joined: row[4], left: row[5])
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
