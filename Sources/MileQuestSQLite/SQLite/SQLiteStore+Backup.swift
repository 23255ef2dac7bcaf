import Foundation
import GRDB
import MileQuestCore
import MileQuestStore

/// Backups, restores and integrity checks: whole-file copies are SQLite's own
/// (`FileBackedStore`); `check(today:)` is the contract's check.
extension SQLiteStore: FileBackedStore {
  /// What `check` found.
  public typealias CheckReport = StoreCheckReport

  /// Copies the database to `path` (mode 0600) with SQLite's online backup API: a consistent
  /// snapshot even while other processes keep writing.
  ///
  /// `path` may be new (in its existing directory, or with the directory when
  /// `creatingDirectory`, for the default backups directory), an empty file or a milequest
  /// database (replaced; the CLI asks for `--yes` first). Any other file is refused with 73 and
  /// left unchanged: a backup never overwrites another program's data.
  ///
  /// The copy is written to a temporary file beside `path` and renamed into place when
  /// complete (`OutputFile`), so a backup that fails (a full disk, a file-size limit: exit 74
  /// with the reason) or is interrupted leaves neither a partial copy at `path` nor a
  /// temporary file, and the next backup to that name works.
  public func backup(
    to path: String, creatingDirectory: Bool = false, listener: (any WorkListener)? = nil
  ) throws {
    if DatabaseFiles.isPart(of: self.path, path) {
      throw MileQuestError.cannotCreateOutput(
        path: path, reason: "that is the database in use; choose another file")
    }
    // A device or FIFO is refused before it is opened (opening a FIFO would wait for a reader).
    var status = stat()
    if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG
      && (status.st_mode & S_IFMT) != S_IFDIR
    {
      throw MileQuestError.cannotCreateOutput(path: path, reason: "not a regular file")
    }
    switch DatabaseFile.kind(at: path) {
    case .missing:
      if creatingDirectory {
        try PrivateFile.createOwnDirectory(FilePath.directory(of: FilePath.followingSymlinks(path)))
      }
    case .blank, .milequest:
      break
    case .directory:
      throw MileQuestError.cannotCreateOutput(path: path, reason: "it is a directory")
    case .unreadable:
      throw MileQuestError.cannotCreateOutput(path: path, reason: "permission denied")
    case .foreign, .notSQLite:
      throw MileQuestError.cannotCreateOutput(
        path: path, reason: "the file there is not a milequest database; it was left unchanged")
    }
    let output = try OutputFile(
      path: path, companions: ["-journal"], staleBesideTarget: ["-journal", "-wal", "-shm"])
    output.closeForOtherWriter()
    do {
      try Self.mapErrors(path: path) {
        let destination = try DatabaseQueue(path: DatabaseFile.sqlitePath(output.temporaryPath))
        defer { try? destination.close() }
        try Self.copy(dbQueue, to: destination, "backing up", listener)
        try destination.close()
      }
    } catch let error as MileQuestError {
      output.discard()
      guard case .io = error else { throw error }
      // SQLite's message for a failed backup step is often "not an error": say what it was.
      let size = try? dbQueue.read { db in
        try Int.fetchOne(
          db, sql: "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
      }
      let reason = output.diagnoseFailure(writing: (size ?? nil) ?? 0) ?? "a write error (\(error))"
      throw MileQuestError.io(
        "cannot write the backup '\(path)': \(reason); nothing was written there")
    }
    try output.commit()
  }

  /// Replaces the database with the one at `path` after checking it (unless `checked` says
  /// `checkBackup` already did); the replaced database is first copied to `keepReplacedAt`.
  public func restore(
    from path: String, keepReplacedAt: String, checked: Bool = false,
    listener: (any WorkListener)? = nil
  ) throws {
    try Self.mapErrors(path: path) {
      let source = try Self.openBackup(path)
      defer { try? source.close() }
      if !checked { try Self.requireSound(source, path: path) }
      try backup(to: keepReplacedAt, listener: listener)
      try Self.copy(source, to: dbQueue, "restoring", listener)
    }
  }

  /// SQLite's online backup of `source` into `destination`: in one step when nobody listens,
  /// else 256 pages a step, each step's bytes told to `listener`.
  private static func copy(
    _ source: DatabaseQueue, to destination: DatabaseQueue, _ label: String,
    _ listener: (any WorkListener)?
  ) throws {
    guard let listener else { return try source.backup(to: destination) }
    let pageSize =
      try source.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } ?? 4096
    var begun = false
    defer { listener.end() }
    try source.backup(to: destination, pagesPerStep: 256) { progress in
      if !begun {
        listener.begin(label, unit: .bytes, total: progress.totalPageCount * pageSize)
        begun = true
      }
      listener.update(done: progress.completedPageCount * pageSize)
    }
  }

  /// Checks that `path` is a sound milequest database that `restore` would accept.
  public func checkBackup(at path: String) throws {
    try Self.mapErrors(path: path) {
      let source = try Self.openBackup(path)
      defer { try? source.close() }
      try Self.requireSound(source, path: path)
    }
  }

  private static func openBackup(_ path: String) throws -> DatabaseQueue {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw MileQuestError.inputUnreadable(path: path, reason: "no such file or not readable")
    }
    switch DatabaseFile.header(at: path) {
    case .directory:
      throw MileQuestError.inputUnreadable(path: path, reason: "it is a directory")
    case .notSQLite, .blank:
      throw DatabaseFile.notMilequest(path, "not an SQLite file")
    default:
      break
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.prepareDatabase { db in RunningTotals.registerFunctions(db) }
    return try DatabaseQueue(path: DatabaseFile.sqlitePath(path), configuration: configuration)
  }

  private static func requireSound(_ source: DatabaseQueue, path: String) throws {
    let report = try check(source, path: path)
    if !report.problems.isEmpty {
      throw MileQuestError.badData(
        "'\(path)' fails its integrity check: \(report.problems.prefix(3).joined(separator: "; "))")
    }
  }

  private func setTempStore(_ mode: String) throws {
    try dbQueue.inDatabase { db in try db.execute(sql: "PRAGMA temp_store = \(mode)") }
    triggers.forgetAll()
  }

  /// Runs the integrity and foreign-key checks and reports the schema version.
  public func check() throws -> CheckReport {
    try Self.mapErrors(path: path) { try Self.check(dbQueue, path: path) }
  }

  /// `check()`, then every row read as the commands read it and held to the rules of its
  /// entrance (`RecordCheck`), each problem listed (`milequest check`). `today` decides which
  /// walks are in the future and who is in a team now.
  public func check(today: LocalDate) throws -> CheckReport {
    try check(today: today, listener: nil)
  }

  /// `check(today:)`; `listener` hears the walks read by the second half.
  public func check(today: LocalDate, listener: (any WorkListener)?) throws -> CheckReport {
    try Self.mapErrors {
      // The fresh totals `check` computes group every walk: their sorters and materialised
      // subqueries go to temporary files, not memory (728 MiB at 10M walks). `temp_store =
      // MEMORY` is for the TEMP triggers of writes; changing it drops TEMP objects, so the
      // triggers are made again before the next write (`forgetAll`).
      try setTempStore("FILE")
      defer { try? setTempStore("MEMORY") }
      var report = try Self.check(dbQueue, path: "")
      report.problems += try dbQueue.read { db in
        try RecordCheck.problems(db, today: today, listener: listener)
      }
      return report
    }
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
      var staleMemberships = false
      if try db.tableExists("membershipTotal") {
        let stale = try RunningTotals.stale(db)
        if !stale.isEmpty {
          staleMemberships = true
          problems.append(
            "running totals out of date for \(Plural.count(stale.count, "membership")) "
              + "(was the database changed by another program?)")
        }
      }
      // Stale membership totals make their teams' totals stale too: one line for them, as
      // on PostgreSQL; team totals are listed when they alone are wrong.
      if !staleMemberships, try db.tableExists("teamTotal") {
        let stale = try TeamTotals.stale(db)
        if !stale.isEmpty {
          problems.append(
            "running totals out of date for \(Plural.count(stale.count, "team")) "
              + "(was the database changed by another program?)")
        }
      }
      if try db.tableExists("walkDay") {
        let stale = try DayTotals.stale(db)
        if stale > 0 {
          problems.append(
            "daily totals out of date for \(Plural.count(stale, "member-day")) "
              + "(was the database changed by another program?)")
        }
      }
      if try db.tableExists("walkMonth") {
        let stale = try DayTotals.stale(db, months: true)
        if stale > 0 {
          problems.append(
            "monthly totals out of date for \(Plural.count(stale, "member-month")) "
              + "(was the database changed by another program?)")
        }
      }
      if try db.tableExists("routeMilestone") {
        problems += try staleMilestones(db)
      }
      let counts = try UndoLog.tables.filter { !$0.hasPrefix("goalFinal") }.map { table in
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
      // A route or milestone row that cannot be read is listed by RecordCheck (routes) or
      // here (milestones), not thrown: check goes on to list every problem.
      guard let route = try? session.route(id: routeId) else { return nil }
      let saved: [Milestone]
      do {
        guard let read = try session.savedMilestones(routeId: routeId) else { return nil }
        saved = read
      } catch let error as MileQuestError {
        return "saved milestones of route \(routeId) cannot be read (\(error)); "
          + "'DELETE FROM routeMilestone' makes milequest measure again"
      }
      let measured = try? Milestone.of(route: route, geometry: route.geometry())
      if measured == saved { return nil }
      return "saved milestones of route '\(route.name)' do not match its points (was the database "
        + "changed by another program? 'DELETE FROM routeMilestone' makes milequest measure again)"
    }
  }

  /// Keeps the newest `keep` files named `milequest-*.db` in `directory`; returns those removed.
  public static func rotateBackups(in directory: String, keep: Int) throws -> [String] {
    try BackupFiles.rotate(in: directory, keep: keep)
  }
}
