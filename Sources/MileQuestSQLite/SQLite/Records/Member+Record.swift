import GRDB
import MileQuestCore
import MileQuestStore

extension Member: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "member"

  /// Reads `SELECT *` of a stored member, by position (the table's column order).
  public init(row: Row) throws {
    let stored = StoredRow(row, table: "member")
    self.init(
      id: try stored.required(0, "id"), handle: try stored.required(1, "handle"),
      name: try stored.required(2, "name"), email: try stored.optional(3, "email"),
      strideMetres: try stored.number(4, "strideMetres", RecordRules.strideRule) {
        RecordRules.isStride($0)
      },
      archivedOn: try stored.optional(5, "archivedOn"))
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
