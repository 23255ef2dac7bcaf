import MileQuestCore

/// Constants of the `export all` document.
public enum ExchangeDocument {
  /// The `format` field that identifies the document.
  public static let format = "milequest-export"
  /// The document version this milequest writes and reads.
  public static let version: Int64 = 1
}
