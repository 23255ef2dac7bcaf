import GRDB
import MileQuestCore
import MileQuestStore

extension Membership: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "membership"

  /// Read by position (`SELECT *` in table order): boards read every membership.
  public init(row: Row) throws {
    let stored = StoredRow(row, table: "membership")
    self.init(
      id: try stored.required(0, "id"), teamId: try stored.required(1, "teamId"),
      memberId: try stored.required(2, "memberId"), role: try stored.required(3, "role"),
      joined: try stored.required(4, "joined"), left: try stored.optional(5, "left"))
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
