import GRDB

extension Team: FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "team"

  public init(row: Row) throws {
    self.init(
      id: row["id"], name: row["name"], description: row["description"],
      maxMembers: row["maxMembers"])
  }

  public func encode(to container: inout PersistenceContainer) throws {
    container["id"] = id
    container["name"] = name
    container["nameKey"] = NameKey.of(name)
    container["description"] = description
    container["maxMembers"] = maxMembers
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

/// The case-folded form of a name, kept in a UNIQUE column so that names are unique
/// case-insensitively in every script (SQLite's NOCASE folds ASCII only).
enum NameKey {
  static func of(_ name: String) -> String { name.lowercased() }
}
