import Foundation
import MileQuestPostgres
import MileQuestSQLite

/// The one place that picks a back end for a database address: the CLI (every command,
/// `init`, the shell) and the demo open stores only through it, so nothing above the Kit names
/// a back end, and adding one is a case here. MileQuestKit does not re-export the back-end
/// targets, so the compiler keeps it that way.
public enum StoreOpener {
  /// How long a writer waits for another process's transaction before giving up (exit 75).
  public static let defaultBusyTimeout: Double = SQLiteStore.defaultBusyTimeout

  /// Opens the store at `address`; `creation` says whether a missing database file may be
  /// created (see `DatabaseCreation`).
  ///
  /// - Throws: as the back end's opening does.
  public static func open(
    _ address: StoreAddress, creation: DatabaseCreation = .never,
    busyTimeout: Double = defaultBusyTimeout
  ) throws -> any MileQuestStore {
    switch address {
    case .file(let path):
      return try SQLiteStore(path: path, busyTimeout: busyTimeout, creating: creation)
    case .postgres(let text):
      return try PostgresStore(address: text, busyTimeout: busyTimeout)
    }
  }

  /// `milequest init`: makes a new milequest database at `address`, or accepts (and migrates)
  /// the one already there; with `dryRun`, the same checks and outcome, nothing created.
  public static func initialise(
    _ address: StoreAddress, creatingDirectory: Bool = false,
    busyTimeout: Double = defaultBusyTimeout, dryRun: Bool = false
  ) throws -> StoreInitOutcome {
    switch address {
    case .file(let path):
      return try SQLiteStore.initialise(
        path: path, creatingDirectory: creatingDirectory, busyTimeout: busyTimeout,
        dryRun: dryRun)
    case .postgres(let text):
      let created = try PostgresStore.initialise(
        address: text, busyTimeout: busyTimeout, dryRun: dryRun)
      return created ? .created : .alreadyInitialised
    }
  }

  /// Whether a store at `address` is worth keeping open from one command to the next in a
  /// long-lived process (the shell): a server's connection is (a new one costs a backend
  /// process, authentication and cold caches on the server); a file's is not (opening one is
  /// cheap, and closing it after each command leaves no WAL behind for other programs).
  public static func keepsConnectionOpen(_ address: StoreAddress) -> Bool {
    if case .postgres = address { return true }
    return false
  }

  /// Whether a database is at `address` before a command opens it (a server's always is).
  public static func exists(_ address: StoreAddress) -> Bool {
    guard case .file(let path) = address else { return true }
    return FileManager.default.fileExists(atPath: path)
  }

  /// Removes the database a failed command created at `address` (a file and the companions
  /// SQLite made beside it); nothing for a server.
  public static func remove(_ address: StoreAddress) {
    guard case .file(let path) = address else { return }
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }

  /// Names of `kind` in the database `address` names (a path or an address), sorted, for TAB
  /// completion: quick and read-only (never creates, migrates or locks a database; on a
  /// server, one query with short timeouts), and empty rather than an error when the
  /// database cannot be read.
  public static func names(_ kind: NameKind, inDatabaseAt address: String) -> [String] {
    switch try? StoreAddress(address) {
    case .file(let path): NameLookup.names(kind, inDatabaseAt: path)
    case .postgres(let text): PostgresStore.names(kind, address: text)
    case nil: []
    }
  }
}
