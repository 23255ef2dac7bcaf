import Foundation
import GRDB

/// Backups, restores and integrity checks: SQLite-specific, so they live on the engine, not
/// on the `MileQuestStore` protocol.
extension SQLiteStore {
  /// What `check` found.
  public struct CheckReport: Sendable, Equatable {
    /// The newest migration applied.
    public var schemaVersion: String
    /// Integrity and foreign-key problems; empty when the database is sound.
    public var problems: [String]
    /// Rows per table.
    public var counts: [(table: String, rows: Int)]

    public static func == (lhs: CheckReport, rhs: CheckReport) -> Bool {
      lhs.schemaVersion == rhs.schemaVersion && lhs.problems == rhs.problems
        && lhs.counts.map(\.rows) == rhs.counts.map(\.rows)
    }
  }

  /// Copies the database to `path` (mode 0600) with SQLite's online backup API: a consistent
  /// snapshot even while other processes keep writing.
  ///
  /// The copy is written to a temporary file beside `path` and renamed into place when
  /// complete (`OutputFile`), so a backup that fails (a full disk, a file-size limit: exit 74
  /// with the reason) or is interrupted leaves neither a partial copy at `path` nor a
  /// temporary file, and the next backup to that name works.
  public func backup(to path: String) throws {
    // The default backups directory is made on first use (mode 0700).
    let directory = OutputFile.directory(of: path)
    if !FileManager.default.fileExists(atPath: directory) {
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
      } catch {
        throw MileQuestError.cannotCreateOutput(
          path: directory, reason: "cannot create the directory")
      }
    }
    // A device or FIFO is refused before it is opened (opening a FIFO would wait for a reader).
    var status = stat()
    if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
      throw MileQuestError.cannotCreateOutput(path: path, reason: "not a regular file")
    }
    let output = try OutputFile(
      path: path, companions: ["-journal"], staleBesideTarget: ["-journal", "-wal", "-shm"])
    output.closeForOtherWriter()
    do {
      try Self.mapErrors(path: path) {
        let destination = try DatabaseQueue(path: output.temporaryPath)
        defer { try? destination.close() }
        try dbQueue.backup(to: destination)
        try destination.close()
      }
    } catch let error as MileQuestError {
      output.discard()
      guard case .io = error else { throw error }
      // SQLite's message for a failed backup step is often "not an error": say what it was.
      let size = try? dbQueue.read { db in
        try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
      }
      let reason = output.diagnoseFailure(writing: (size ?? nil) ?? 0) ?? "a write error (\(error))"
      throw MileQuestError.io("cannot write the backup '\(path)': \(reason); nothing was written there")
    }
    try output.commit()
  }

  /// Replaces the database with the one at `path` after checking it; the replaced database is
  /// first copied to `keepReplacedAt`.
  public func restore(from path: String, keepReplacedAt: String) throws {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw MileQuestError.inputUnreadable(path: path, reason: "no such file or not readable")
    }
    try Self.mapErrors(path: path) {
      var configuration = Configuration()
      configuration.readonly = true
      configuration.prepareDatabase { db in RunningTotals.registerFunctions(db) }
      let source = try DatabaseQueue(path: path, configuration: configuration)
      defer { try? source.close() }
      let report = try Self.check(source, path: path)
      if !report.problems.isEmpty {
        throw MileQuestError.badData(
          "'\(path)' fails its integrity check: \(report.problems.prefix(3).joined(separator: "; "))")
      }
      try backup(to: keepReplacedAt)
      try source.backup(to: dbQueue)
    }
  }

  /// Runs the integrity and foreign-key checks and reports the schema version.
  public func check() throws -> CheckReport {
    try Self.mapErrors { try Self.check(dbQueue, path: "") }
  }

  private static func check(_ reader: any DatabaseReader, path: String) throws -> CheckReport {
    let migrator = Migrations.migrator
    return try reader.read { db in
      guard try db.tableExists("grdb_migrations") else {
        throw MileQuestError.badData("'\(path)' is not a milequest database")
      }
      if try migrator.hasBeenSuperseded(db) {
        throw MileQuestError.configuration(
          "'\(path)' was created by a newer milequest; upgrade milequest to use it")
      }
      let version = try migrator.appliedMigrations(db).last ?? "none"
      var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
      problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
        "foreign key violation in table \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0)"
      }
      if try db.tableExists("membershipTotal") {
        let stale = try RunningTotals.stale(db)
        if !stale.isEmpty {
          problems.append(
            "running totals out of date for \(stale.count) memberships (was the database "
              + "changed by another program?)")
        }
      }
      if try db.tableExists("routeMilestone") {
        problems += try staleMilestones(db)
      }
      let counts = try UndoLog.tables.map { table in
        (table: table, rows: try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0)
      }
      return CheckReport(schemaVersion: version, problems: problems, counts: counts)
    }
  }

  /// Routes whose saved milestones (see `saveMilestones`) no longer match their points, as
  /// when another program changed the points.
  private static func staleMilestones(_ db: Database) throws -> [String] {
    let session = SQLiteSession(db: db)
    return try Int64.fetchAll(db, sql: "SELECT DISTINCT routeId FROM routeMilestone").compactMap {
      routeId in
      guard let route = try session.route(id: routeId),
        let saved = try session.savedMilestones(routeId: routeId)
      else { return nil }
      let measured = try? Milestone.of(route: route, geometry: route.geometry())
      if measured == saved { return nil }
      return "saved milestones of route '\(route.name)' do not match its points (was the database "
        + "changed by another program? 'DELETE FROM routeMilestone' makes milequest measure again)"
    }
  }

  /// Keeps the newest `keep` files named `milequest-*.db` in `directory`; returns those removed.
  public static func rotateBackups(in directory: String, keep: Int) throws -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let backups = names.filter { $0.hasPrefix("milequest-") && $0.hasSuffix(".db") }.sorted()
    let old = backups.dropLast(keep)
    for name in old {
      try? FileManager.default.removeItem(atPath: directory + "/" + name)
    }
    return Array(old)
  }
}
