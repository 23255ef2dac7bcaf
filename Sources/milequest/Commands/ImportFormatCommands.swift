import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest.Import {
  /// The `import NAME` commands of the registry's formats (`ImportFormats.all`), in its
  /// order: `FormatImport<F>` for a format without options of its own, the command named in
  /// `ownCommands` for one with options (argument-parser declares options statically).
  static var formatCommands: [any ParsableCommand.Type] {
    ImportFormats.all.map { format in ownCommands[format.name] ?? command(for: format) }
  }

  /// Commands of formats that have options of their own, by format name.
  static var ownCommands: [String: any ParsableCommand.Type] { ["health": Health.self] }

  private static func command<F: ImportFormat>(for format: F) -> any ParsableCommand.Type {
    FormatImport<F>.self
  }

  /// A format's help text with each option it names as `{name}` spelled as the option table
  /// spells it (`--name`); a `{word}` that is no option is left as it is.
  static func spelled(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"),
      let close = rest[open...].firstIndex(of: "}")
    {
      let name = rest[rest.index(after: open)..<close]
      result += rest[..<open]
      if let key = OptionKey.named("--" + name) {
        result += key.flagName
      } else {
        result += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }

  /// `import NAME FILE...` for the format `F`: its help, arguments and completion are the
  /// format's own; it reads and writes through the Kit (`importFiles`).
  struct FormatImport<F: ImportFormat>: ParsableCommand {
    static var configuration: CommandConfiguration {
      let format = F()
      return CommandConfiguration(
        commandName: format.name, abstract: spelled(format.abstract),
        discussion: Examples.following(
          spelled(format.discussion), examples: format.examples.map(spelled)))
    }
    @OptionGroup var options: GlobalOptions
    @Argument(
      help: ArgumentHelp(spelled(F().inputsHelp)), completion: .file(extensions: F().extensions))
    var files: [String]
    @Option(.importMember) var member: String?

    func run() throws {
      try MileQuest.Import.run(F(), options, paths: files, member: member)
    }
  }

  /// `import health FILE`: an Apple Health export; `--source` picks one source.
  struct Health: ParsableCommand {
    static var configuration: CommandConfiguration {
      FormatImport<AppleHealthFormat>.configuration
    }
    @OptionGroup var options: GlobalOptions
    @Argument(
      help: ArgumentHelp(MileQuest.Import.spelled(AppleHealthFormat().inputsHelp)),
      completion: .file(extensions: AppleHealthFormat().extensions))
    var file: String
    @Option(.importMember) var member: String?
    @Option(.healthSource) var source: String?

    func run() throws {
      try MileQuest.Import.run(
        AppleHealthFormat(), options, paths: [file], member: member,
        formatOptions: source.map { ["source": $0] } ?? [:])
    }
  }

  /// Runs the import of `paths` as `format`: its warnings; in a dry run what would be
  /// imported (Apple Health: every source's total per day, as a table or, with `--format
  /// csv|tsv|json|ndjson`, as rows; the others: each walk read); then the counts.
  static func run(
    _ format: any ImportFormat, _ options: GlobalOptions, paths: [String], member: String?,
    formatOptions: [String: String] = [:]
  ) throws {
    // The per-source rows are data: in a dry run `--format` chooses their format. Elsewhere
    // an import prints for people only.
    let rows =
      format.showsSourceTotals && options.dryRun && options.format != nil
      && options.format != .table
    try writing(options, keepingFormat: rows) { context in
      let outcome = try context.service.importFiles(
        format, paths: paths, member: member, options: formatOptions, dryRun: options.dryRun)
      let printer = context.printer
      printer.warn(outcome.report.warnings)
      if outcome.report.dryRun {
        if !outcome.sourceDays.isEmpty {
          printer.emit(
            json: ImportView.sourceDaysJSON(outcome.sourceDays, printer: printer),
            table: ImportView.healthDays(outcome.sourceDays, printer: printer))
        } else {
          for walk in outcome.walks { printer.message(ImportView.line(walk, printer: printer)) }
        }
      }
      ImportView.summary(outcome.report, printer: printer, warned: true)
    }
  }

  /// Runs an import's transaction. Its output is for people whatever `--format` says (for
  /// an import, that names the input's format) unless `keepingFormat`, and Ctrl-C says
  /// nothing was imported.
  static func writing(
    _ options: GlobalOptions, keepingFormat: Bool = false, _ body: (Context) throws -> Void
  ) throws {
    var plain = options
    if !keepingFormat { plain.format = .table }
    ProcessSignals.sayOnInterrupt("nothing was imported")
    try Context.run(plain, .writes, body)
  }
}

/// What the imports print.
enum ImportView {
  /// "imported 3 walks (1 already there)", after the warnings (unless already `warned`).
  static func summary(
    _ report: MileQuestService.ImportReport, printer: Printer, warned: Bool = false
  ) {
    if !warned { printer.warn(report.warnings) }
    let verb = report.dryRun ? "would import" : "imported"
    printer.message(
      "\(verb) \(Plural.count(report.added, "walk")) (\(report.skipped) already there)")
  }

  /// A dry run's line for one walk read: `2024-03-09  walk  3.10 mi  1200 steps  fitbit:…`.
  static func line(_ walk: MileQuestService.ImportedWalkLine, printer: Printer) -> String {
    let steps = walk.steps.map { "  \($0) steps" } ?? ""
    return "\(walk.date)  \(walk.activity.rawValue)  \(printer.distance(walk.distanceMetres)) "
      + "\(printer.unit.name)\(steps)  \(walk.externalId)"
      + (walk.isNew ? "" : "  (already there)")
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

  /// The same as rows (docs/schema/health-days.json): one per day, kind and source, with
  /// the day's steps on the row that counts (a steps-only day: its one row, no distance).
  static func sourceDaysJSON(_ days: [AppleHealthDay], printer: Printer) -> JSONValue {
    var rows: [JSONValue] = []
    func row(_ day: AppleHealthDay, source: String, metres: Double?, counts: Bool) -> JSONValue {
      let distance: [(String, JSONValue)] =
        metres.map { printer.distanceFields($0) } ?? [("distance_m", .null), ("distance", .null)]
      return .object(
        [
          ("date", .string(day.day.description)), ("kind", .string(day.kind.rawValue)),
          ("source", .string(source)),
        ] + distance + [
          ("steps", counts ? JSONValue(day.steps.map { Int($0.rounded()) }) : .null),
          ("counts", .bool(counts)),
        ])
    }
    for day in days {
      if day.candidates.isEmpty {
        rows.append(row(day, source: day.source, metres: nil, counts: true))
      }
      for candidate in day.candidates {
        rows.append(
          row(
            day, source: candidate.source, metres: candidate.metres,
            counts: candidate.source == day.source))
      }
    }
    return .array(rows)
  }
}
