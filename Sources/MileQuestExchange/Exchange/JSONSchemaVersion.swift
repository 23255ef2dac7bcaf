import MileQuestCore

/// The version of the shapes of milequest's JSON documents, described by the JSON Schema files
/// in docs/schema/ (see docs/schema/README.md).
///
/// One number for every document, not one per kind: the shapes nest in one another (a goal's
/// progress is also in `goal list` and `demo`, a walk in `log`), a script checks one number,
/// and the printer adds it in one place. It goes up when any field of any document is
/// renamed, removed or changes its type; a new field is added to the schema files without a
/// bump ("extend freely, rename never").
public enum JSONSchemaVersion {
  /// The version this milequest writes, and the newest `import all` reads.
  public static let current: Int64 = 1
  /// The field that carries it, first in every JSON object document.
  public static let key = "schema_version"
  /// The field that carries it in a document whose `schema_version` already meant something
  /// else before the version existed (`check`: the database's schema).
  public static let fallbackKey = "json_schema_version"

  /// `document` with `schema_version` as its first field when it is an object (a top-level
  /// array has no field of its own: its items are versioned by the same number). An object
  /// whose `schema_version` already means something else (`check`) gets `json_schema_version`
  /// first instead. Rows (csv, tsv, ndjson) come from the document before this is added, so
  /// they never carry the version.
  public static func versioned(_ document: JSONValue) -> JSONValue {
    guard case .object(let fields) = document else { return document }
    if fields.contains(where: { $0.0 == fallbackKey }) { return document }
    let name = fields.contains(where: { $0.0 == key }) ? fallbackKey : key
    return .object([(name, .int(current))] + fields)
  }

  /// Refuses (65) a document's `schema_version` that is not a whole number or that is newer
  /// than `current`; a document without one (`nil`: written before the version existed) is
  /// read as version 1.
  public static func requireReadable(_ value: JSONValue?, file: String) throws {
    guard let value else { return }
    guard case .int(let version) = value, version >= 1 else {
      throw MileQuestError.badData(
        "\(file): schema_version \(value.compact()) is not a whole number from 1 up")
    }
    if version > current {
      throw MileQuestError.badData(
        "\(file): schema_version \(version) is newer than this milequest reads (\(current));"
          + " use a newer milequest")
    }
  }
}
