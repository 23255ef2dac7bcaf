import Foundation
import MileQuestCore
import MileQuestStore

extension SQLiteStore {
  /// What `initialise` did.
  public typealias InitOutcome = StoreInitOutcome

  /// `milequest init`: makes a new milequest database at `path` (mode 0600, WAL, migrated),
  /// or accepts the milequest database already there. An empty file becomes a database. The
  /// directory must exist unless `creatingDirectory` (the default database's own directory).
  ///
  /// With `dryRun`, makes the same checks and reports the same outcome, and creates nothing.
  ///
  /// - Throws: `.cannotCreateOutput` (73) when the directory is missing or not writable, or
  ///   the path holds a directory or a file that is not a milequest database (left unchanged).
  public static func initialise(
    path: String, creatingDirectory: Bool = false,
    busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout, dryRun: Bool = false
  ) throws -> InitOutcome {
    func open(_ creation: DatabaseCreation) throws {
      if dryRun { return }
      let store = try SQLiteStore(path: path, busyTimeout: busyTimeout, creating: creation)
      try store.close()
    }
    switch DatabaseFile.kind(at: path) {
    case .milequest:
      try open(.never)
      return .alreadyInitialised
    case .blank:
      try open(.inExistingDirectory)
      return .created
    case .missing:
      let target = FilePath.followingSymlinks(path)
      let directory = FilePath.directory(of: target)
      if !creatingDirectory && FilePath.entry(at: directory) != .directory {
        throw MileQuestError.cannotCreateOutput(
          path: path,
          reason: "the directory '\(directory)' does not exist (milequest never creates it)")
      }
      if dryRun && FilePath.entry(at: directory) == .directory
        && access(directory, W_OK) != 0
      {
        throw MileQuestError.cannotCreateOutput(
          path: path, reason: "permission denied (the directory is not writable)")
      }
      do {
        try open(creatingDirectory ? .withDirectory : .inExistingDirectory)
      } catch {
        for suffix in ["", "-wal", "-shm"] { unlink(target + suffix) }
        throw error
      }
      return .created
    case .directory:
      throw MileQuestError.cannotCreateOutput(path: path, reason: "it is a directory")
    case .unreadable:
      throw MileQuestError.cannotCreateOutput(path: path, reason: "permission denied")
    case .foreign, .notSQLite:
      throw MileQuestError.cannotCreateOutput(
        path: path,
        reason: "a file that is not a milequest database is already there; it was left unchanged")
    }
  }
}
