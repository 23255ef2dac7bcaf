import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest.Import {
  /// `import health FILE`: an Apple Health export.
  struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "health",
      abstract:
        "Import an Apple Health export (export.zip or export.xml): one walk per day and kind.",
      discussion: Examples.following(
        """
        One walk per local day and kind (walking+running, wheelchair, cycling, swimming), \
        the walking one with the day's steps. Sources overlap (a phone and a watch count the \
        same steps), so their totals are never added: the source with the largest total of \
        the day counts, or only --source. Workouts never add distance; a day with workouts \
        and no samples of their kind counts the largest workout total. --dry-run shows every \
        source's total per day and which one counts. Importing a later export adds only its \
        new days.
        """,
        "milequest import health export.zip --member alice --dry-run",
        "milequest import health export.zip --source Health"))
    @OptionGroup var options: GlobalOptions
    @Argument(
      help: "export.zip, or the export.xml inside it ('-' for standard input).",
      completion: .file(extensions: ["zip", "xml"]))
    var file: String
    @Option(.importMember) var member: String?
    @Option(.healthSource) var source: String?

    func run() throws {
      try Self.perform(options, file: file, member: member, source: source)
    }

    static func perform(_ options: GlobalOptions, file: String, member: String?, source: String?)
      throws
    {
      try MileQuest.Import.writing(options) { context in
        let result = try context.service.importHealth(
          path: file, member: member, source: source, dryRun: options.dryRun)
        if result.report.dryRun {
          context.printer.emit(
            json: .null, table: ImportView.healthDays(result.days, printer: context.printer))
        }
        ImportView.summary(result.report, printer: context.printer)
      }
    }
  }

  /// `import fit FILE...`: Garmin (and other devices') FIT activity files.
  struct FIT: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fit",
      abstract: "Import FIT activity files (.fit, .fit.gz): one walk per session.",
      discussion: Examples.following(
        """
        The distance is the one the device recorded (the session's total distance, not the \
        length of the track), the duration the elapsed time, the activity the session's \
        sport. Importing the same recording again adds nothing.
        """,
        "milequest import fit walk.fit --dry-run",
        "milequest import fit walk.fit --member alice"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "FIT files.", completion: .file(extensions: ["fit", "gz"]))
    var files: [String]
    @Option(.importMember) var member: String?

    func run() throws { try Self.perform(options, files: files, member: member) }

    static func perform(_ options: GlobalOptions, files: [String], member: String?) throws {
      try MileQuest.Import.writing(options) { context in
        ImportView.summary(
          try context.service.importFIT(paths: files, member: member, dryRun: options.dryRun),
          printer: context.printer)
      }
    }
  }

  /// `import tcx FILE...`: Garmin Training Center files.
  struct TCX: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tcx",
      abstract: "Import Training Center files (.tcx, .tcx.gz): one walk per activity.",
      discussion: Examples.following(
        """
        The distance is the laps' recorded DistanceMeters summed (not the length of the \
        track), the duration their TotalTimeSeconds, the activity the Sport. Importing the \
        same activity again adds nothing.
        """,
        "milequest import tcx walk.tcx --dry-run",
        "milequest import tcx walk.tcx --member alice"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "TCX files.", completion: .file(extensions: ["tcx", "gz"]))
    var files: [String]
    @Option(.importMember) var member: String?

    func run() throws { try Self.perform(options, files: files, member: member) }

    static func perform(_ options: GlobalOptions, files: [String], member: String?) throws {
      try MileQuest.Import.writing(options) { context in
        ImportView.summary(
          try context.service.importTCX(paths: files, member: member, dryRun: options.dryRun),
          printer: context.printer)
      }
    }
  }
}

extension MileQuest.Import {
  /// Runs an import's transaction. Its output is for people whatever `--format` says (for
  /// an import, that names the input's format), and Ctrl-C says nothing was imported.
  static func writing(_ options: GlobalOptions, _ body: (Context) throws -> Void) throws {
    var plain = options
    plain.format = .table
    ProcessSignals.sayOnInterrupt("nothing was imported")
    try Context.run(plain, .writes, body)
  }
}

/// What the imports print.
enum ImportView {
  /// "imported 3 walks (1 already there)", after the warnings.
  static func summary(_ report: MileQuestService.ImportReport, printer: Printer) {
    printer.warn(report.warnings)
    let verb = report.dryRun ? "would import" : "imported"
    printer.message(
      "\(verb) \(Plural.count(report.added, "walk")) (\(report.skipped) already there)")
  }

  /// The dry run of `import health`: per day and kind, every source's total; `*` marks the
  /// one that counts.
  static func healthDays(_ days: [AppleHealthDay], printer: Printer) -> TextTable {
    var table = TextTable([
      ("date", .left), ("kind", .left), ("source", .left), ("distance", .right),
      ("steps", .right), ("counts", .left),
    ])
    for day in days {
      let steps = day.steps.map { String(Int($0.rounded())) } ?? "-"
      if day.candidates.isEmpty {
        table.rows.append([
          day.day.description, day.kind.rawValue, day.source, "-", steps, "* steps only",
        ])
      }
      for candidate in day.candidates {
        let counts = candidate.source == day.source
        table.rows.append([
          day.day.description, day.kind.rawValue, candidate.source,
          printer.distance(candidate.metres), counts ? steps : "",
          counts ? (day.fromWorkouts ? "* workouts" : "*") : "",
        ])
      }
    }
    return table
  }
}

extension MileQuest.Import {
  /// `import FILE` (or `import auto FILE`): the kind read from the file's content.
  struct Auto: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "auto",
      abstract: "Import FILE as what its content says it is (the default: `import FILE`).",
      discussion: Examples.following(
        """
        Looks at the content, not the name: a FIT header, gzip data and what it holds, a \
        zip's export.xml, an XML root element (TrainingCenterDatabase, HealthData, gpx), a \
        CSV header, a JSON document's shape. Says on stderr what it chose, then imports as \
        that kind's command does; a file it cannot tell is refused (65).
        """,
        "milequest import walk.fit --dry-run",
        "milequest import walk.gpx"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The file.", completion: .file()) var file: String
    @Option(.importMember) var member: String?

    func run() throws {
      let kind = try ImportDetection.detect(path: file)
      FileHandle.standardError.write(
        Data("milequest: reading \(file) as \(kind.description)\n".utf8))
      switch kind {
      case .health:
        try MileQuest.Import.Health.perform(options, file: file, member: member, source: nil)
      case .fit:
        try MileQuest.Import.FIT.perform(options, files: [file], member: member)
      case .tcx:
        try MileQuest.Import.TCX.perform(options, files: [file], member: member)
      case .gpx:
        try MileQuest.Import.writing(options) { context in
          ImportView.summary(
            try context.service.importGPX(
              paths: [file], member: member, merge: false, date: nil, dryRun: options.dryRun),
            printer: context.printer)
        }
      case .walks(let format):
        try refuseMember(kind)
        let source = try ByteSource(path: file)
        try MileQuest.Import.writing(options) { context in
          ImportView.summary(
            try context.service.importWalks(
              source, format: format, file: file, dryRun: options.dryRun),
            printer: context.printer)
        }
      case .exportAll:
        try refuseMember(kind)
        let document = try ExportAllDocument(path: file, name: file)
        ProcessSignals.sayOnInterrupt("nothing was imported")
        try Context.run(options, .writes) { context in
          let counts = try context.service.importAll(document, file: file)
          context.printer.message(
            (context.printer.dryRun ? "would import " : "imported ")
              + "\(Plural.count(counts.walks, "walk")) and the rest of the document "
              + "(\(Plural.count(counts.members, "member")), \(Plural.count(counts.teams, "team")))"
          )
        }
      case .strava:
        try MileQuest.Import.runExportImport(options) { service in
          try service.importStrava(path: file, member: member, dryRun: options.dryRun)
        }
      case .googleFit:
        try MileQuest.Import.runExportImport(options) { service in
          try service.importGoogleFit(paths: [file], member: member, dryRun: options.dryRun)
        }
      case .fitbit:
        try MileQuest.Import.runExportImport(options) { service in
          try service.importFitbit(paths: [file], member: member, dryRun: options.dryRun)
        }
      case .other(let name):
        throw MileQuestError.badData(
          "\(file): this looks like \(name), which this milequest cannot import")
      }
    }

    /// Walks files and `export all` documents name each walk's member themselves.
    private func refuseMember(_ kind: ImportKind) throws {
      if member != nil {
        throw MileQuestError.usage(
          "--member does not apply to \(kind.description): each walk names its member")
      }
    }
  }
}
