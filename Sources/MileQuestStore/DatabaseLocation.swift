import Foundation
import MileQuestCore

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

  /// The back end and address `path` names (`resolve` refuses any address that is neither a
  /// file nor a PostgreSQL address).
  public var address: StoreAddress { (try? StoreAddress(path)) ?? .file(path) }

  /// What an ordinary command may create at `path`.
  public var creation: DatabaseCreation { isDefault ? .withDirectory : .never }

  /// The location from the flag, the environment variable and the config value (nil when
  /// absent), else `defaultPath()`. `~` and `~/` in the config's value mean `home` (a shell
  /// expands them in the others).
  ///
  /// - Throws: `.usage` for an empty `--db`; `.configuration` for a URL address other than
  ///   `postgres://`/`postgresql://` (see `StoreAddress`) or a `~` without `home`.
  public static func resolve(
    flag: String?, environment: String?, config: String?, home: String?,
    defaultPath: () throws -> String
  ) throws -> DatabaseLocation {
    if flag == "" {
      throw MileQuestError.usage("the database path is empty").hinted(.giveDatabasePath)
    }
    let location: DatabaseLocation
    if let named = flag ?? environment {
      location = DatabaseLocation(path: named, isDefault: false)
    } else if let config {
      location = DatabaseLocation(
        path: try FilePath.expandingTilde(config, home: home), isDefault: false)
    } else {
      location = DatabaseLocation(path: try defaultPath(), isDefault: true)
    }
    _ = try StoreAddress(location.path)
    return location
  }
}

/// When `SQLiteStore` may create a database, and the checks that keep it off files that are
/// not milequest databases.
///
/// A path the user names (`--db`, `MILEQUEST_DB`, the config's `database`) must hold a
/// milequest database: a mistyped path is not silently a new, empty database. Only the default
/// database (and `milequest init`, and backups) create one. A file of another program is never
/// migrated, switched to WAL or written, even by a command that only reads.
public enum DatabaseCreation: Sendable, Equatable {
  /// The database must exist: a missing path is exit 66, an empty file exit 65.
  case never
  /// A missing file is created (mode 0600) in its existing directory; an empty file (0 bytes,
  /// or SQLite with no tables) is initialised. `milequest init`, tests.
  case inExistingDirectory
  /// As `inExistingDirectory`, creating the directory too (mode 0700): the default database,
  /// whose directory is the tool's own XDG data directory.
  case withDirectory
}
