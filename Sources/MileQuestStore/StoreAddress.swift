import Foundation
import MileQuestCore

/// Which back end holds the data, as a `--db` value, `MILEQUEST_DB` or the config's `database`
/// names it: a database file (SQLite) or a PostgreSQL connection address. `StoreOpener` (in
/// the Kit) opens a store for it.
public enum StoreAddress: Sendable, Equatable {
  /// An SQLite database file.
  case file(String)
  /// A `postgres://` or `postgresql://` connection address, as given (it may hold a password:
  /// never show it; see `shown`).
  case postgres(String)

  /// The address `text` names.
  ///
  /// - Throws: `.configuration` for any other `scheme://` address (it must not become a
  ///   local folder); the address itself is not echoed, as it may hold a password.
  public init(_ text: String) throws {
    if PostgresAddress.isAddress(text) {
      self = .postgres(text)
      return
    }
    guard let scheme = FilePath.urlScheme(of: text) else {
      self = .file(text)
      return
    }
    throw MileQuestError.configuration(
      "the database is a '\(scheme)://' address; give the path of a database file or a "
        + "postgresql:// address")
  }

  /// The address for messages: a file's path; a server address with its password replaced
  /// by `***` (`postgresql://ann:***@host/db`; see `PostgresAddress.redacted`).
  public var shown: String {
    switch self {
    case .file(let path): path
    case .postgres(let address): PostgresAddress.redacted(address)
    }
  }

  /// Whether writing the file at `path` would write this database (its file or one of its
  /// companions; see `DatabaseFiles`). Never for a server's database.
  public func holds(_ path: String) -> Bool {
    guard case .file(let database) = self else { return false }
    return DatabaseFiles.isPart(of: database, path)
  }
}

/// The kinds of names the shell and the completion scripts complete.
public enum NameKind: String, Sendable, CaseIterable {
  case member, team, route, goal
}

/// What `milequest init` did.
public enum StoreInitOutcome: Sendable, Equatable {
  case created
  /// The address already held a milequest database (migrated to this version if older).
  case alreadyInitialised
}

/// A store kept in one file on this machine, which `backup` and `restore` copy as a whole (an
/// optional part of the contract: a server back end backs up and restores through the
/// `export all` document instead).
public protocol FileBackedStore: MileQuestStore {
  /// The database file, named in messages; `restore` keeps the replaced copy beside it.
  var path: String { get }
  /// Copies the database to `path` (mode 0600), a consistent snapshot even while others write.
  /// `creatingDirectory`: the default backups directory may be created.
  /// `listener` hears the bytes copied (a progress line); with none the copy is one step.
  func backup(to path: String, creatingDirectory: Bool, listener: (any WorkListener)?) throws
  /// Checks that `path` is a sound milequest database that `restore` would accept.
  func checkBackup(at path: String) throws
  /// Replaces the database with the one at `path` (checked first unless `checked`), after
  /// copying the replaced database to `keepReplacedAt`; `listener` hears both copies.
  func restore(
    from path: String, keepReplacedAt: String, checked: Bool, listener: (any WorkListener)?)
    throws
}

extension FileBackedStore {
  /// `backup(to:creatingDirectory:listener:)` with nobody listening.
  public func backup(to path: String, creatingDirectory: Bool) throws {
    try backup(to: path, creatingDirectory: creatingDirectory, listener: nil)
  }

  /// `restore(from:keepReplacedAt:checked:listener:)` with nobody listening.
  public func restore(from path: String, keepReplacedAt: String, checked: Bool) throws {
    try restore(from: path, keepReplacedAt: keepReplacedAt, checked: checked, listener: nil)
  }
}

/// The daily backup files of `backup --rotate`.
public enum BackupFiles {
  /// Keeps the newest `keep` files named `milequest-*` + `suffix` in `directory` (`.db` for
  /// database copies, `.json` for a server's `export all` documents); returns those removed.
  public static func rotate(in directory: String, keep: Int, suffix: String = ".db") throws
    -> [String]
  {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let backups = names.filter { $0.hasPrefix("milequest-") && $0.hasSuffix(suffix) }.sorted()
    let old = backups.dropLast(keep)
    for name in old {
      try? FileManager.default.removeItem(atPath: directory + "/" + name)
    }
    return Array(old)
  }
}
