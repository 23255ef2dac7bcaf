import Foundation
import GRDB

/// A map from 64-bit keys to counts that holds at most `capacity` entries in memory and the
/// rest in a scratch SQLite file of its own, so memory stays flat however many keys it gets
/// (issue 16: a re-import of ten million rows remembers ten million fingerprints).
///
/// The file is made in the temporary directory (`TMPDIR`) on the first spill and removed from
/// the directory at once (the open connection keeps it until the process ends), so nothing is
/// left behind even when the process is killed. No journal, no sync: it dies with the process
/// and holds nothing to recover. It is not the user's database: a failed import leaves the
/// database unchanged whatever happened here.
public struct SpillingCounts {
  /// The most entries held in memory; a spill moves them all to the file.
  public let capacity: Int
  private var held: [UInt64: Int32] = [:]
  private var disk: DatabaseQueue?
  /// Entries written to the file so far (tests check that the file was used).
  public private(set) var spilled = 0

  /// Where the file is made, as errors name it.
  private static var place: String { FileManager.default.temporaryDirectory.path }

  public init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  /// The count of `key`, or nil when it has none.
  public func value(for key: UInt64) throws -> Int32? {
    if let value = held[key] { return value }
    guard let disk else { return nil }
    return try SQLiteStore.mapErrors(path: Self.place) {
      try disk.inDatabase { db in
        try Int32.fetchOne(
          db.cachedStatement(sql: "SELECT n FROM counts WHERE k = ?"),
          arguments: [Int64(bitPattern: key)])
      }
    }
  }

  /// Sets the count of `key` (in memory: it is newer than any the file holds).
  public mutating func set(_ value: Int32, for key: UInt64) throws {
    held[key] = value
    if held.count >= capacity { try spill() }
  }

  /// Moves every entry held in memory to the file, in key order (appends to its B-tree).
  private mutating func spill() throws {
    let entries = held.map { (Int64(bitPattern: $0.key), $0.value) }.sorted { $0.0 < $1.0 }
    try SQLiteStore.mapErrors(path: Self.place) {
      let disk = try self.disk ?? Self.openScratch()
      self.disk = disk
      try disk.inDatabase { db in
        try db.inTransaction {
          let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO counts(k, n) VALUES (?, ?)")
          for (key, value) in entries {
            statement.setUncheckedArguments([key, value])
            try statement.execute()
          }
          return .commit
        }
      }
    }
    spilled += entries.count
    held.removeAll(keepingCapacity: true)
  }

  private static func openScratch() throws -> DatabaseQueue {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("milequest-scratch-\(UUID().uuidString).db").path
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      try db.execute(
        sql: """
          PRAGMA journal_mode = OFF;
          PRAGMA synchronous = OFF;
          PRAGMA cache_size = -2048;
          """)
    }
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try queue.inDatabase { db in
        try db.execute(sql: "CREATE TABLE counts(k INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
      }
      // Open: the name is no longer needed.
      try? FileManager.default.removeItem(atPath: path)
      return queue
    } catch {
      try? FileManager.default.removeItem(atPath: path)
      throw error
    }
  }
}
