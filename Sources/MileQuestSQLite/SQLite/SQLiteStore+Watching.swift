import Foundation
import GRDB
import MileQuestStore

extension SQLiteStore: ChangeWatching {
  /// How often `waitForChanges` asks SQLite whether another connection committed: a
  /// `PRAGMA data_version` on the open connection costs microseconds, and a commit is seen
  /// within this interval.
  static let watchInterval: TimeInterval = 0.15

  /// Waits up to `timeout` seconds for another connection (or process) to commit a change to
  /// the database; returns whether one did (see `ChangeWatching`).
  ///
  /// `PRAGMA data_version` changes whenever another connection commits to the file. It runs
  /// outside any transaction, so between two questions this store holds no read lock and no
  /// snapshot: writers, and checkpoints, never wait for a watcher.
  public func waitForChanges(timeout: Double) throws -> Bool {
    let deadline = Date().addingTimeInterval(max(0, timeout))
    while true {
      let version = try Self.mapErrors(path: path) {
        try dbQueue.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") }
      }
      let previous = watchedDataVersion
      watchedDataVersion = version
      if let previous, previous != version { return true }
      let left = deadline.timeIntervalSinceNow
      if left <= 0 { return false }
      // A signal cuts the sleep short (EINTR): return, so the caller sees why it was woken.
      if usleep(UInt32(min(left, Self.watchInterval) * 1_000_000)) != 0 { return false }
    }
  }
}
