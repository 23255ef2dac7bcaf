import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest {
  /// `milequest import ...`: bulk and track imports.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      _superCommandName: "milequest",
      abstract: "Import walks (CSV, JSON, NDJSON), GPX tracks, or a whole export.",
      discussion: Examples.block(
        "milequest export walks -o walks.csv",
        "milequest import walks walks.csv"),
      subcommands: [Walks.self, GPX.self, AllData.self] + formatCommands + [Auto.self],
      defaultSubcommand: Auto.self)

    struct Walks: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "walks",
        abstract: "Import walks from CSV, JSON or NDJSON; all or nothing, idempotent.",
        discussion: Examples.following(
          """
          CSV needs a header with member, date and distance (or distance_m); unit, duration \
          (or duration_s), steps, note and external_id are optional. Rows already imported \
          (same external_id, or same member, date, distance and duration) are skipped. \
          Every bad row is listed as FILE:LINE: reason and nothing is imported (exit 65).
          """,
          "milequest export walks -o walks.csv",
          "milequest import walks walks.csv --dry-run",
          "milequest export walks -f ndjson -o walks.ndjson",
          "milequest import walks walks.ndjson"))
      @OptionGroup var options: GlobalOptions
      @Argument(
        help: "The file (.csv, .tsv, .json, .ndjson; '-' for standard input with --format).",
        completion: .file(extensions: ["csv", "tsv", "json", "ndjson", "jsonl"]))
      var file: String

      func run() throws {
        let format: ExchangeFormat
        switch options.format {
        case .csv?: format = .csv
        case .tsv?: format = .tsv
        case .json?: format = .json
        case .ndjson?: format = .ndjson
        default:
          guard let guessed = ExchangeFormat(fileName: file) else {
            throw MileQuestError.usage(
              "cannot tell the format of '\(file)'; name it .csv, .tsv, .json or .ndjson or pass "
                + "--format"
            )
          }
          format = guessed
        }
        // Read a chunk at a time while importing: a 1 GB file never sits in memory.
        let source = try ByteSource(path: file)
        try Import.writing(options) { context in
          ImportView.summary(
            try context.service.importWalks(
              source, format: format, file: file, dryRun: options.dryRun),
            printer: context.printer)
        }
      }
    }

    struct GPX: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "gpx",
        abstract: "Import GPS tracks as walks: one per track, or one per file with --merge.",
        discussion: Examples.following(
          """
          Distance is the great-circle sum over each track segment (gaps between segments \
          are not counted); the date is the first timestamp's local date (--date when the \
          file has none); the duration runs from the first to the last timestamp. Importing \
          the same track again adds nothing.
          """,
          "milequest import gpx walk.gpx",
          "milequest import gpx walk.gpx --member bob --merge --dry-run"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "GPX files.", completion: .file(extensions: ["gpx"])) var files: [String]
      @Option(.importMember) var member: String?
      @Flag(.merge) var merge = false
      @Option(.importDate) var date: String?

      func run() throws {
        try Import.writing(options) { context in
          ImportView.summary(
            try context.service.importGPX(
              paths: files, member: member, merge: merge, date: date, dryRun: options.dryRun),
            printer: context.printer)
        }
      }
    }

    struct AllData: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Read an `export all` document into an empty database.",
        discussion: Examples.block(
          "milequest export all -o everything.json",
          "milequest init --db copy.db",
          "milequest import all everything.json --db copy.db"))
      @OptionGroup var options: GlobalOptions
      @Argument(
        help: "The JSON document ('-' for standard input).",
        completion: .file(extensions: ["json"]))
      var file: String

      func run() throws {
        // Checked from end to end before the database is opened, then read a section at a
        // time while importing: a million walks never sit in memory.
        let document = try ExportAllDocument(path: file, name: file)
        ProcessSignals.sayOnInterrupt("nothing was imported")
        try Context.run(options, .writes) { context in
          let counts = try context.service.importAll(document, file: file)
          context.printer.message(
            (context.printer.dryRun ? "would import " : "imported ")
              + "\(Plural.count(counts.members, "member")), "
              + "\(Plural.count(counts.teams, "team")), "
              + "\(Plural.count(counts.memberships, "membership")), "
              + "\(Plural.count(counts.routes, "route")), \(Plural.count(counts.goals, "goal")) "
              + "and \(Plural.count(counts.walks, "walk"))")
        }
      }
    }
  }
}
