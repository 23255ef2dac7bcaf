import MileQuestCore

/// The case-folded NFC form of a name (`NameText.key`), kept in a UNIQUE column so that names
/// are unique case-insensitively in every script (SQLite's NOCASE folds ASCII only) and
/// whatever their Unicode spelling.
///
/// Databases written before names were normalised may hold keys that are not NFC; `matches`
/// finds those rows by comparing in Swift (see `SQLiteSession.team(name:)`), so no migration
/// rewrites them.
enum NameKey {
  static func of(_ name: String) -> String { NameText.key(name) }

  /// Whether a stored key or name is `name`'s, however either is spelled.
  static func matches(_ stored: String, _ name: String) -> Bool { of(stored) == of(name) }
}
