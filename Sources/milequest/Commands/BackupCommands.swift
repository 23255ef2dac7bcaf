import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest {
  /// `milequest backup [FILE]`: a consistent online copy.
  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "backup",
      _superCommandName: "milequest",
      abstract: "Copy the database safely, even while others write (mode 0600).",
      discussion: Examples.following(
        """
        Without FILE: milequest-YYYY-MM-DD.db in $XDG_DATA_HOME/milequest/backups. With \
        --rotate, only the newest \(Backup.keep) copies there are kept. On PostgreSQL the \
        copy is the 'export all' document (milequest-YYYY-MM-DD.json).
        """,
        "milequest backup",
        "milequest backup copy.db",
        "milequest backup --rotate"))
    static let keep = 7
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Where to write the copy.", completion: .file()) var file: String?
    @Flag(.rotate) var rotate = false

    func run() throws {
      if file == "-" {
        throw MileQuestError.usage(
          "a backup is a database file, not a stream: name a file instead of '-'")
      }
      let environment = ProcessInfo.processInfo.environment
      let directory = try Settings.dataDirectory(environment) + "/backups"
      try Context.run(options, .writes) { context in
        let today = context.service.today
        let document = context.service.backsUpAsDocument
        let suffix = document ? ".json" : ".db"
        let path = file ?? directory + "/milequest-\(today)\(suffix)"
        // The store refuses this too; checked here first so that a dry run, and a target
        // that exists without --yes, are told the real reason.
        if context.settings.databaseAddress.holds(path) {
          throw MileQuestError.cannotCreateOutput(
            path: path, reason: "that is the database in use; choose another file")
        }
        if FileManager.default.fileExists(atPath: path) && file != nil && !options.yes {
          throw MileQuestError.cannotCreateOutput(
            path: path, reason: "file exists; pass --yes to overwrite")
        }
        if context.printer.dryRun {
          context.printer.message("would back up to \(path)")
          return
        }
        if document {
          try context.service.backupDocument(to: path, creatingDirectory: file == nil)
        } else {
          try context.fileBackedStore().backup(
            to: path, creatingDirectory: file == nil, listener: context.service.workListener)
        }
        context.printer.message("backed up to \(path)")
        if rotate {
          for removed in try BackupFiles.rotate(in: directory, keep: Self.keep, suffix: suffix) {
            context.printer.message("removed old backup \(removed)")
          }
        }
      }
    }
  }

  /// `milequest restore FILE`: replace the database with a checked backup.
  struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "restore",
      _superCommandName: "milequest",
      abstract: "Replace the database with a backup, after checking it.",
      discussion: Examples.following(
        """
        The replaced database is kept beside it as DB.replaced-TIMESTAMP (never over an \
        earlier copy). On a terminal it asks first (default no); elsewhere it needs --yes. \
        --dry-run checks the backup and says what would happen. On PostgreSQL FILE is an \
        'export all' document (organisers only): it replaces the challenge in one \
        transaction, and the replaced challenge is kept as challenge.json.replaced-TIMESTAMP \
        in $XDG_DATA_HOME/milequest/backups.
        """,
        "milequest backup copy.db",
        "milequest restore copy.db --dry-run",
        "milequest restore copy.db --yes"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The backup file.", completion: .file()) var file: String

    func run() throws {
      try Context.run(options, .writes) { context in
        if context.service.backsUpAsDocument {
          try restoreDocument(context)
          return
        }
        if context.settings.databaseAddress.holds(file) {
          throw MileQuestError.badData("'\(file)' is the database in use; nothing to restore")
        }
        try MileQuestService.requireDatabaseBackup(file)
        let store = try context.fileBackedStore()
        try store.checkBackup(at: file)
        let printer = context.printer
        if printer.dryRun {
          printer.message(
            "would restore \(file); the replaced database would be kept beside it as "
              + "\(context.databasePath).replaced-TIMESTAMP")
          return
        }
        if !options.yes {
          try Confirmation.ask(
            "Replace the database \(context.databasePath) with \(file)?",
            refusal: "restore replaces the whole database")
        }
        let kept = try KeptCopy.reserve(besides: context.databasePath, at: Date())
        do {
          try store.restore(
            from: file, keepReplacedAt: kept, checked: true,
            listener: context.service.workListener)
        } catch {
          try? FileManager.default.removeItem(atPath: kept)
          throw error
        }
        printer.message("restored \(file); the replaced database is kept at \(kept)")
      }
    }

    /// A server's restore: the document checked (and the login an organiser's) before the
    /// question; a dry run restores inside the transaction that is then rolled back.
    private func restoreDocument(_ context: Context) throws {
      let restore = try context.service.prepareRestore(from: file)
      let printer = context.printer
      let shown = context.settings.databaseAddress.shown
      if printer.dryRun {
        let counts = try context.service.restore(restore, keepReplacedAt: nil)
        printer.message(
          "would restore \(file) into \(shown): \(Self.describe(counts)); the replaced "
            + "challenge would be kept in \(try Self.keptDirectory())")
        return
      }
      if !options.yes {
        try Confirmation.ask(
          "Replace the challenge in \(shown) with \(file)?",
          refusal: "restore replaces the whole challenge")
      }
      let directory = try Self.keptDirectory()
      try PrivateFile.createOwnDirectory(directory)
      let kept = try KeptCopy.reserve(besides: directory + "/challenge.json", at: Date())
      do {
        let counts = try context.service.restore(restore, keepReplacedAt: kept)
        printer.message(
          "restored \(file): \(Self.describe(counts)); the replaced challenge is kept at \(kept)")
      } catch {
        try? FileManager.default.removeItem(atPath: kept)
        throw error
      }
    }

    /// Where a server's restore keeps the replaced challenge: the backups directory.
    private static func keptDirectory() throws -> String {
      try Settings.dataDirectory(ProcessInfo.processInfo.environment) + "/backups"
    }

    static func describe(_ counts: MileQuestService.RestoreCounts) -> String {
      "\(Plural.count(counts.members, "member")), \(Plural.count(counts.teams, "team")), "
        + "\(Plural.count(counts.memberships, "membership")), "
        + "\(Plural.count(counts.routes, "route")), \(Plural.count(counts.goals, "goal")) "
        + "and \(Plural.count(counts.walks, "walk"))"
    }
  }

  /// `milequest check`: integrity and foreign keys.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      _superCommandName: "milequest",
      abstract: "Run integrity and foreign-key checks; report the schema version.",
      discussion: Examples.block(
        "milequest check",
        "milequest check -f json"))
    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Context.run(options) { context in
        let report = try context.store.check(
          today: context.settings.today, listener: context.service.workListener)
        var table = TextTable([("table", .left), ("rows", .right)])
        for (name, rows) in report.counts { table.append([name, String(rows)]) }
        // `schema_version` names the database's schema here (it did before JSON documents had
        // a version), so the printer gives this document's version as `json_schema_version`.
        let json = JSONValue.object([
          ("ok", .bool(report.problems.isEmpty)), ("schema_version", .string(report.schemaVersion)),
          ("problems", .array(report.problems.map { .string($0) })),
          ("counts", .object(report.counts.map { ($0.table, .int(Int64($0.rows))) })),
        ])
        let text =
          (report.problems.isEmpty ? "ok" : report.problems.joined(separator: "\n"))
          + "\nschema \(report.schemaVersion)\n" + table.aligned()
        context.printer.emit(json: json, table: table, text: text)
        if !report.problems.isEmpty {
          // The list is the answer: print it, then exit 65.
          try context.printer.finish()
          throw MileQuestError.badData(
            "the database has \(Plural.count(report.problems.count, "problem"))")
        }
      }
    }
  }
}

extension Context {
  /// The store as a database file that `backup` and `restore` copy whole.
  ///
  /// - Throws: `.internalError` for a back end that is not one file on this machine (its
  ///   backups are `export all` documents: `MileQuestService.backsUpAsDocument`).
  func fileBackedStore() throws -> any FileBackedStore {
    guard let store = store as? any FileBackedStore else {
      throw MileQuestError.internalError("this database is not a file to copy")
    }
    return store
  }
}
