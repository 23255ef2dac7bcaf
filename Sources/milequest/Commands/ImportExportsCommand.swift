import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest.Import {
  /// `milequest import strava ZIP|DIR|CSV`: a Strava bulk export.
  struct Strava: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "strava",
      abstract: "Import a Strava bulk export: one walk per activity; all or nothing, idempotent.",
      discussion: Examples.following(
        """
        Reads activities.csv: the distance Strava recorded (its metres column), the start's \
        local date, the elapsed time, steps, the name as the note and the type as the \
        activity (Walk, Run, Hike, Wheelchair, rides, Swim; other sports are 'other'). An \
        activity with an empty distance takes the one its own GPX, FIT or TCX file (gzipped \
        or not) recorded; \
        one without any distance (yoga) is left out. An old export with a single, formatted \
        Distance column is read in --unit. Importing the export again adds only new \
        activities (strava:<Activity ID>).
        """,
        "milequest import strava export_12345 --dry-run",
        "milequest import strava export_12345/activities.csv --member alice"))
    @OptionGroup var options: GlobalOptions
    @Argument(
      help: "The export: the zip Strava sends, its folder, or its activities.csv.",
      completion: .file(extensions: ["zip", "csv"]))
    var export: String
    @Option(.importMember) var member: String?

    func run() throws {
      try MileQuest.Import.runExportImport(options) { service in
        try service.importStrava(path: export, member: member, dryRun: options.dryRun)
      }
    }
  }

  /// `milequest import google-fit FILE|DIR...`: Google Takeout Fit daily metrics.
  struct GoogleFit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "google-fit",
      abstract: "Import Google Takeout Fit daily metrics: one walk per day; idempotent.",
      discussion: Examples.following(
        """
        Reads 'Daily activity metrics.csv' (Date, Distance (m), Step count) or the per-day \
        YYYY-MM-DD.csv files, or a folder or Takeout zip holding them. Each day \
        with a distance becomes one walk with that day's steps (google-fit:<date>); a day \
        already imported is left as it is.
        """,
        "milequest import google-fit Takeout --dry-run",
        "milequest import google-fit Takeout/Fit --member alice"))
    @OptionGroup var options: GlobalOptions
    @Argument(
      help: "The CSV files, folders or Takeout zips.",
      completion: .file(extensions: ["csv", "zip"]))
    var files: [String]
    @Option(.importMember) var member: String?

    func run() throws {
      try MileQuest.Import.runExportImport(options) { service in
        try service.importGoogleFit(paths: files, member: member, dryRun: options.dryRun)
      }
    }
  }

  /// `milequest import fitbit DIR|FILE...`: a Fitbit account export.
  struct Fitbit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fitbit",
      abstract: "Import a Fitbit account export: one walk per day; idempotent.",
      discussion: Examples.following(
        """
        Reads Physical Activity/distance-*.json (centimetres per minute) and steps-*.json, \
        from the export's zip, its folder or the files named. \
        Fitbit writes the minutes in UTC: they are summed per local day in the time zone of \
        TZ (the walker's). Each day with a distance becomes one walk with that day's steps \
        (fitbit:<date>); a day already imported is left as it is.
        """,
        "milequest import fitbit MyFitbitData --dry-run",
        "milequest import fitbit MyFitbitData --member alice"))
    @OptionGroup var options: GlobalOptions
    @Argument(
      help: "The export's zip or folder, or distance-*.json and steps-*.json files.",
      completion: .file(extensions: ["zip", "json"]))
    var files: [String]
    @Option(.importMember) var member: String?

    func run() throws {
      try MileQuest.Import.runExportImport(options) { service in
        try service.importFitbit(paths: files, member: member, dryRun: options.dryRun)
      }
    }
  }

  /// Runs one of the imports above: its warnings, in a dry run each walk read, then the
  /// counts.
  static func runExportImport(
    _ options: GlobalOptions,
    _ body: (MileQuestService) throws -> MileQuestService.ActivityExportReport
  ) throws {
    try writing(options) { context in
      let result = try body(context.service)
      let report = result.report
      context.printer.warn(report.warnings)
      let printer = context.printer
      for walk in result.walks {
        let steps = walk.steps.map { "  \($0) steps" } ?? ""
        printer.message(
          "\(walk.date)  \(walk.activity.rawValue)  \(printer.distance(walk.distanceMetres)) "
            + "\(printer.unit.name)\(steps)  \(walk.externalId)"
            + (walk.isNew ? "" : "  (already there)"))
      }
      let verb = report.dryRun ? "would import" : "imported"
      printer.message(
        "\(verb) \(Plural.count(report.added, "walk")) (\(report.skipped) already there)")
    }
  }
}
