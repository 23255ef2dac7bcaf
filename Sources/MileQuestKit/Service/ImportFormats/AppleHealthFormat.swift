import Foundation

/// `import health FILE`: an Apple Health export, `export.zip` (its `export.xml` read in a
/// stream from the archive; `workout-routes/*.gpx` and the rest are not read) or
/// `export.xml` itself (plain or gzipped).
///
/// The walks follow `AppleHealthTotals.days(source:)`: one per local day and kind, id
/// `health:<date>:<kind>`, so a later export adds only its new days. A day imported before
/// whose total has since changed (a day that was not over when the first export was made)
/// is kept as imported, with a warning: the ids are per day, never per total, so no day is
/// ever counted twice. The option `source` counts only that source's records.
public struct AppleHealthFormat: ImportFormat {
  public init() {}
  public var name: String { "health" }
  public var title: String { "an Apple Health export" }
  public var abstract: String {
    "Import an Apple Health export (export.zip or export.xml): one walk per day and kind."
  }
  public var discussion: String {
    """
    One walk per local day and kind (walking+running, wheelchair, cycling, swimming), \
    the walking one with the day's steps. Sources overlap (a phone and a watch count the \
    same steps), so their totals are never added: the source with the largest total of \
    the day counts, or only {source}. Workouts never add distance; a day with workouts \
    and no samples of their kind counts the largest workout total. {dry-run} shows every \
    source's total per day and which one counts (a table, or rows with {format} csv, \
    json or ndjson). Importing a later export adds only its new days.
    """
  }
  public var examples: [String] {
    [
      "milequest import health export.zip {member} alice {dry-run}",
      "milequest import health export.zip {dry-run} {format} csv",
      "milequest import health export.zip {source} Health",
    ]
  }
  public var inputsHelp: String {
    "export.zip, or the export.xml inside it ('-' for standard input)."
  }
  public var extensions: [String] { ["zip", "xml"] }
  public var optionNames: [String] { ["source"] }
  public var showsSourceTotals: Bool { true }
  public var fixtures: [String] { ["health/export6s3sample.xml", "health/rules.xml"] }

  public func recognises(_ probe: ImportProbe) -> Bool {
    switch probe.container {
    case .plain, .gzip: probe.rootElement == "HealthData"
    case .zip: probe.hasMember(named: "export.xml")
    }
  }

  /// The totals of the export at `path`.
  func totals(_ path: String, _ inputs: ImportInputs) throws -> AppleHealthTotals {
    if path != "-", let archive = try inputs.zipArchive(path) {
      let candidates = archive.members.filter {
        $0.path == "export.xml" || $0.path.hasSuffix("/export.xml")
      }
      guard let member = candidates.min(by: { $0.path.count < $1.path.count }) else {
        throw MileQuestError.badData(
          "\(path): the zip holds no export.xml; is it an Apple Health export?")
      }
      return try AppleHealthReader.totals(source: try inputs.open(member, of: archive))
    }
    return try AppleHealthReader.totals(source: try inputs.openPlainOrGzip(path))
  }

  public func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch {
    guard inputs.paths.count == 1, let path = inputs.paths.first else {
      throw MileQuestError.usage("import health reads one export at a time")
    }
    let totals = try totals(path, inputs)
    let source = inputs.options["source"]
    if let source, !totals.sources.contains(source) {
      let known = totals.sources.map { "'\($0)'" }.joined(separator: ", ")
      throw MileQuestError.badData(
        "\(path): no source named '\(source)' (sources: \(known.isEmpty ? "none" : known))")
    }
    let days = totals.days(source: source)
    if days.isEmpty {
      throw MileQuestError.badData(
        "\(path): no walking, wheelchair, cycling or swimming distance or steps to import")
    }
    let drafts = days.map { day in
      MileQuestService.ImportDraft(
        origin: "\(path):\(day.day) \(day.kind.rawValue)", date: day.day,
        distanceMetres: day.metres,
        steps: day.steps.map { Int($0.rounded()) },
        activity: ImportActivity.health(day.kind),
        note: String("Apple Health, \(day.source)".prefix(500)),
        externalId: "health:\(day.day):\(day.kind.rawValue)")
    }
    return MileQuestService.ImportBatch(
      drafts: drafts, change: "import \(Plural.count(drafts.count, "Apple Health walk"))",
      sourceDays: days
    ) { known, draft in
      guard let metres = draft.distanceMetres, abs(known.distanceMetres - metres) > 0.5 else {
        return nil
      }
      return "\(draft.origin): the export now says \(Int(metres.rounded())) m; walk "
        + "\(known.id ?? 0) keeps the \(Int(known.distanceMetres.rounded())) m imported before "
        + "(delete it and import again to take the new total)"
    }
  }
}

extension ImportKind {
  public static var health: ImportKind { AppleHealthFormat().kind }
}
