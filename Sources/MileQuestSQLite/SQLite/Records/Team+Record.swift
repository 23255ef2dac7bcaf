import GRDB
import MileQuestCore
import MileQuestStore

extension Team: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "team"

  /// Reads `SELECT *` of a stored team: id, name, nameKey, description, maxMembers.
  public init(row: Row) throws {
    let stored = StoredRow(row, table: "team")
    let maxMembers: Int = try stored.required(4, "maxMembers")
    guard RecordRules.maxMembersRange.contains(maxMembers) else {
      throw stored.bad("maxMembers", row[4], RecordRules.maxMembersRule)
    }
    self.init(
      id: try stored.required(0, "id"), name: try stored.required(1, "name"),
      description: try stored.optional(3, "description"), maxMembers: maxMembers)
  }

  public func encode(to container: inout PersistenceContainer) throws {
    container["id"] = id
    container["name"] = NameText.normalized(name)
    container["nameKey"] = NameKey.of(name)
    container["description"] = description
    container["maxMembers"] = maxMembers
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}
