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
      discussion: """
        Without FILE: milequest-YYYY-MM-DD.db in $XDG_DATA_HOME/milequest/backups. With \
        --rotate, only the newest \(Backup.keep) copies there are kept.
        """)
    static let keep = 7
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Where to write the copy.", completion: .file()) var file: String?
    @Flag(help: "Write the daily copy and keep only the last 7.") var rotate = false

    func run() throws {
      let environment = ProcessInfo.processInfo.environment
      let directory = try Settings.dataDirectory(environment) + "/backups"
      try Context.run(options) { context in
        let today = context.service.today
        let path = file ?? directory + "/milequest-\(today).db"
        if FileManager.default.fileExists(atPath: path) && file != nil && !options.yes {
          throw MileQuestError.cannotCreateOutput(
            path: path, reason: "file exists; pass --yes to overwrite")
        }
        try context.store.backup(to: path)
        context.printer.message("backed up to \(path)")
        if rotate {
          for removed in try SQLiteStore.rotateBackups(in: directory, keep: Self.keep) {
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
      discussion: "The replaced database is kept beside it as DB.replaced-TIMESTAMP.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The backup file.", completion: .file()) var file: String

    func run() throws {
      try Context.run(options) { context in
        let stamp = ISO8601DateFormatter.string(
          from: Date(), timeZone: .current, formatOptions: [.withFullDate, .withFullTime])
          .replacingOccurrences(of: ":", with: "")
        let kept = context.databasePath + ".replaced-\(stamp)"
        try context.store.restore(from: file, keepReplacedAt: kept)
        context.printer.message("restored \(file); the replaced database is kept at \(kept)")
      }
    }
  }

  /// `milequest check`: integrity and foreign keys.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      _superCommandName: "milequest",
      abstract: "Run integrity and foreign-key checks; report the schema version.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Context.run(options) { context in
        let report = try context.store.check(today: context.settings.today)
        var table = TextTable([("table", .left), ("rows", .right)])
        for (name, rows) in report.counts { table.append([name, String(rows)]) }
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
          throw MileQuestError.badData("the database has \(report.problems.count) problems")
        }
      }
    }
  }
}
