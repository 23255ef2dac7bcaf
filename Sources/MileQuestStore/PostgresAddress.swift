import Foundation

/// PostgreSQL addresses as milequest names them in messages: never with a password.
public enum PostgresAddress {
  /// Whether `text` is a PostgreSQL address (`postgresql://` or `postgres://`), which
  /// `--db`, `MILEQUEST_DB` and the config's `database` may give instead of a file.
  public static func isAddress(_ text: String) -> Bool {
    let lower = text.prefix(13).lowercased()
    return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
  }

  /// `text` with the password of its user part (`user:secret@`) and any `password=` value
  /// replaced by `***`.
  public static func redacted(_ text: String) -> String {
    var result = text
    if let scheme = result.range(of: "://") {
      let rest = result[scheme.upperBound...]
      let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
      if let at = rest[..<authorityEnd].lastIndex(of: "@"),
        let colon = rest[..<at].firstIndex(of: ":")
      {
        result.replaceSubrange(result.index(after: colon)..<at, with: "***")
      }
    }
    // password=... in a query string or a key=value string.
    var output = ""
    var remainder = Substring(result)
    while let found = remainder.range(of: "password=", options: .caseInsensitive) {
      output += remainder[..<found.upperBound] + "***"
      remainder = remainder[found.upperBound...]
      let end = remainder.firstIndex(where: { $0 == "&" || $0 == " " }) ?? remainder.endIndex
      remainder = remainder[end...]
    }
    return output + remainder
  }
}
