import Foundation

/// Where the database is, as the settings name it, and whether it may be created.
///
/// Precedence: `--db` > `MILEQUEST_DB` > the config's `database` > the default
/// (`$XDG_DATA_HOME/milequest/milequest.db`). Only the default is created when missing (with
/// its directory, the tool's own); a path the user names must already hold a database, made
/// with `milequest init` (see `DatabaseCreation`).
public struct DatabaseLocation: Sendable, Equatable {
  public var path: String
  /// Whether `path` is the default, not one the user named.
  public var isDefault: Bool

  public init(path: String, isDefault: Bool) {
    self.path = path
    self.isDefault = isDefault
  }

  /// What an ordinary command may create at `path`.
  public var creation: DatabaseCreation { isDefault ? .withDirectory : .never }

  /// The location from the flag, the environment variable and the config value (nil when
  /// absent), else `defaultPath()`. `~` and `~/` in the config's value mean `home` (a shell
  /// expands them in the others).
  ///
  /// - Throws: `.usage` for an empty `--db`; `.configuration` for a URL address other than
  ///   `postgresql://` and `postgres://` or a `~` without `home`.
  public static func resolve(
    flag: String?, environment: String?, config: String?, home: String?,
    defaultPath: () throws -> String
  ) throws -> DatabaseLocation {
    if flag == "" { throw MileQuestError.usage("--db needs a path") }
    let location: DatabaseLocation
    if let named = flag ?? environment {
      location = DatabaseLocation(path: named, isDefault: false)
    } else if let config {
      location = DatabaseLocation(
        path: try FilePath.expandingTilde(config, home: home), isDefault: false)
    } else {
      location = DatabaseLocation(path: try defaultPath(), isDefault: true)
    }
    try refuseAddress(location.path)
    return location
  }

  /// Refuses a URL given as the database (`mysql://...` must not become a local folder),
  /// except PostgreSQL's.
  /// The address itself is not echoed: it may hold a password.
  public static func refuseAddress(_ path: String) throws {
    guard let scheme = FilePath.urlScheme(of: path) else { return }
    // A PostgreSQL address is the PostgreSQL back end's (MileQuestPostgres).
    if scheme == "postgres" || scheme == "postgresql" { return }
    throw MileQuestError.configuration(
      "the database is a '\(scheme)://' address; give the path of a database file")
  }
}
