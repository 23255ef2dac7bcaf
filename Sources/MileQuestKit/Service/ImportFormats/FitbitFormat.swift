import Foundation

/// `import fitbit DIR|FILE...`: a Fitbit account export in either layout, the export's zip,
/// or a folder holding it (a Takeout, its `Fitbit` or `Google Health` folder, the classic
/// `MyFitbitData`, a user's folder, `Physical Activity`):
/// - the classic layout: `Physical Activity/distance-*.json` (centimetres per minute) and
///   `steps-*.json`, also found in a Takeout's `Global Export Data`;
/// - the Google-era layout: `Physical Activity_GoogleData/distance_*.csv` (metres) and
///   `steps_*.csv`, per minute and per data source (`FitbitCSVReader`).
///
/// - the website's daily export: `fitbit_export_*.csv`, whose `Activities` section has each
///   day's steps and distance in the account's unit (`FitbitDailyExportReader`), read in the
///   unit setting since the file does not say it.
///
/// Minutes are summed per local day in the inputs' time zone (both layouts write UTC): one
/// `walk` per day with a distance, with the day's steps, id `fitbit:<date>`. The sources of a
/// day are never added: the classic files are one source (`Fitbit JSON`), each CSV data
/// source another, and as in `import health` the single source with the largest distance
/// counts (the steps: the largest single-source step total). Files of one kind and source
/// that cover the same minutes (an export given twice) are refused.
public struct FitbitFormat: ImportFormat {
  public init() {}
  public var name: String { "fitbit" }
  public var title: String { "a Fitbit export" }
  public var abstract: String { "Import a Fitbit account export: one walk per day; idempotent." }
  public var discussion: String {
    """
    Reads Physical Activity/distance-*.json (centimetres per minute) and steps-*.json \
    (the classic layout, also in a Takeout's Global Export Data) and \
    Physical Activity_GoogleData/distance_*.csv (metres) and steps_*.csv (the Google \
    Takeout layout), from the export's zip, its folder or the files named. \
    Fitbit writes the minutes in UTC: they are summed per local day in the time zone of \
    TZ (the walker's). Sources are never added: the JSON files are one source and each \
    CSV data source another; the source with the largest distance of the day counts, as \
    the largest step total does for steps. Each day with a distance becomes one walk \
    with that day's steps (fitbit:<date>); a day already imported is left as it is. \
    The website's daily export (fitbit_export_*.csv, its Activities section) gives each \
    day's steps and distance in the account's unit, which the file does not write: it is \
    read in the unit setting ({unit}), and the import says so with the average step it gives.
    """
  }
  public var examples: [String] {
    [
      "milequest import fitbit MyFitbitData {dry-run}",
      "milequest import fitbit MyFitbitData {member} alice",
    ]
  }
  public var inputsHelp: String {
    "The export's zip or folder, its distance and steps files (JSON or CSV), or the "
      + "website's fitbit_export_*.csv."
  }
  public var extensions: [String] { ["zip", "json", "csv"] }
  public var fixtures: [String] {
    [
      "fitbit/MyFitbitData.zip",
      "fitbit/MyFitbitData/Ana/Physical Activity/distance-2024-03-09.json",
      "fitbit-takeout/takeout-fitbit.zip",
      "fitbit-takeout/Takeout/Fitbit/Physical Activity_GoogleData/distance_2024-03-01.csv",
      "fitbit-daily/fitbit_export_20161001.csv",
      "fitbit-daily-miles/fitbit_export_20140710.csv",
    ]
  }

  /// The source name of the classic layout's JSON files.
  public static let jsonSource = "Fitbit JSON"

  /// The source name of the website's daily export CSVs.
  public static let dailySource = "daily export"

  /// The three layouts a file may be of.
  enum Layout: Equatable {
    /// `distance-*.json`, `steps-*.json`: per minute, UTC.
    case json(FitbitSeries.Kind)
    /// `distance_*.csv`, `steps_*.csv`: per minute and data source, UTC.
    case takeout(FitbitSeries.Kind)
    /// `fitbit_export_*.csv`: per local day, steps and distance together.
    case daily
  }

  /// The layout a file's name says, or nil for a file of no layout.
  static func layout(ofFile path: String) -> Layout? {
    if let kind = FitbitReader.kind(ofFile: path) { return .json(kind) }
    if let kind = FitbitCSVReader.kind(ofFile: path) { return .takeout(kind) }
    if FitbitDailyExportReader.isExportName(path) { return .daily }
    return nil
  }

  /// A file named on the command line whose name says no layout: a website export renamed
  /// is still told by its first lines.
  static func isDailyExport(contentOf path: String) -> Bool {
    guard let head = try? ByteSource(path: path).head(4096) else { return false }
    return FitbitDailyExportReader.looksLikeExport(head: head)
  }

  public func recognises(_ probe: ImportProbe) -> Bool {
    switch probe.container {
    case .plain:
      if FitbitDailyExportReader.looksLikeExport(head: probe.head) { return true }
      if let names = probe.csvHeader?.names {
        return names.first == "timestamp" && names.count >= 2
          && (names[1] == "distance" || names[1] == "steps")
      }
      return probe.jsonStart.map { $0.hasPrefix("[") && $0.contains("\"dateTime\"") } ?? false
    case .zip: return probe.zipMembers.contains { Self.layout(ofFile: $0) != nil }
    case .gzip: return false
    }
  }

  public func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch {
    let files = try ExportFile.collect(inputs, inFolder: Self.files(in:)) { zip in
      let members = zip.members.filter { Self.layout(ofFile: $0.path) != nil }
      guard !members.isEmpty else {
        throw MileQuestError.badData(
          "\(zip.name): no distance or steps files (distance-*.json, distance_*.csv) in this "
            + "zip; is it a Fitbit export?")
      }
      return members
    } checkFile: { path in
      guard Self.layout(ofFile: path) != nil || Self.isDailyExport(contentOf: path) else {
        throw MileQuestError.badData(
          "\(path): a Fitbit file is named distance-YYYY-MM-DD.json, steps-YYYY-MM-DD.json, "
            + "distance_YYYY-MM-DD.csv, steps_YYYY-MM-DD.csv or fitbit_export_YYYYMMDD.csv")
      }
    }
    // Per day and source: the exact sums, and the last file that gave the day's distance.
    var distance: [LocalDate: [String: ExactSum]] = [:]
    var distanceFile: [LocalDate: [String: String]] = [:]
    var steps: [LocalDate: [String: ExactSum]] = [:]
    var spans: [String: [(span: ClosedRange<Date>, file: String)]] = [:]
    func cover(_ span: ClosedRange<Date>?, _ key: String, _ file: String) throws {
      guard let span else { return }
      if let other = spans[key, default: []].first(where: { $0.span.overlaps(span) }) {
        throw MileQuestError.badData(
          "\(file): covers minutes that \(other.file) covers too; give each export once")
      }
      spans[key, default: []].append((span, file))
    }
    func add(
      _ kind: FitbitSeries.Kind, _ day: LocalDate, _ source: String, _ value: Double,
      _ file: String
    ) {
      switch kind {
      case .distance:
        distance[day, default: [:]][source, default: ExactSum()].add(value)
        distanceFile[day, default: [:]][source] = file
      case .steps: steps[day, default: [:]][source, default: ExactSum()].add(value)
      }
    }
    // The daily export's days: the file, metres and steps, so that two exports that share
    // days agree on them.
    var daily: [LocalDate: (file: String, metres: Double, steps: Double)] = [:]
    var named = Set<String>()
    for export in files.sorted(by: { $0.name < $1.name }) where named.insert(export.name).inserted {
      let file = export.name
      guard
        let layout = Self.layout(ofFile: file)
          ?? (Self.isDailyExport(contentOf: file) ? .daily : nil)
      else { continue }
      switch layout {
      case .daily:
        for row in try FitbitDailyExportReader.days(source: try export.open()) {
          let metres = row.distance * inputs.unit.metres
          if let other = daily[row.date] {
            guard other.metres == metres, other.steps == row.steps else {
              throw MileQuestError.badData(
                "\(file):\(row.line): \(row.date) is also in \(other.file) with other totals; "
                  + "give each export once")
            }
            continue
          }
          daily[row.date] = (file, metres, row.steps)
          if metres > 0 { add(.distance, row.date, Self.dailySource, metres, file) }
          if row.steps > 0 { add(.steps, row.date, Self.dailySource, row.steps, file) }
        }
      case .takeout(let kind):
        let series = try FitbitCSVReader.series(
          source: try export.open(), kind: kind, timeZone: inputs.timeZone)
        // One span per file: its sources write the same minutes.
        try cover(series.span, "csv \(kind.rawValue)", file)
        for (day, bySource) in series.totals {
          for (source, total) in bySource { add(kind, day, source, total, file) }
        }
      case .json(let kind):
        let series = try FitbitReader.series(
          source: try export.open(), kind: kind, timeZone: inputs.timeZone)
        try cover(series.span, "json \(kind.rawValue)", file)
        for (day, total) in series.totals { add(kind, day, Self.jsonSource, total, file) }
      }
    }
    var drafts: [MileQuestService.ImportDraft] = []
    var chosenAmongSeveral = 0
    for day in distance.keys.sorted() {
      guard let best = Self.largest(distance[day] ?? [:]), best.total > 0 else { continue }
      if (distance[day]?.count ?? 0) > 1 { chosenAmongSeveral += 1 }
      let count = Self.largest(steps[day] ?? [:]).map { Int(min($0.total, 1e15).rounded()) }
      drafts.append(
        MileQuestService.ImportDraft(
          origin: distanceFile[day]?[best.source] ?? "", date: day, distanceMetres: best.total,
          steps: (count ?? 0) > 0 ? count : nil,
          note: best.source == Self.jsonSource
            ? nil : ExportFile.noteText("Fitbit, \(best.source)"),
          externalId: "fitbit:\(day)"))
    }
    let stepsOnly = steps.keys.filter { distance[$0] == nil }.count
    var warnings: [String] = []
    if stepsOnly > 0 {
      warnings.append("\(Plural.count(stepsOnly, "day")) with steps and no distance not imported")
    }
    if let unit = Self.dailyUnitNote(daily.values.map { ($0.metres, $0.steps) }, inputs.unit) {
      warnings.append(unit)
    }
    if chosenAmongSeveral > 0 {
      warnings.append(
        "\(Plural.count(chosenAmongSeveral, "day")) with several sources: the largest "
          + "distance of one source counts, never their sum")
    }
    return MileQuestService.ImportBatch(
      drafts: drafts, change: "import \(Plural.count(drafts.count, "Fitbit day"))",
      warnings: warnings)
  }

  /// What the daily export's distances were read as, since the file does not say its unit:
  /// the unit setting's, with the average step it gives over the days with both steps and a
  /// distance, and a hint when that step is unlike a walker's (under 0.5 m read as km, over
  /// 1 m read as miles: the other unit gives 0.3-0.55 m or 1-1.4 m for the same file).
  static func dailyUnitNote(_ days: [(metres: Double, steps: Double)], _ unit: DistanceUnit)
    -> String?
  {
    guard !days.isEmpty else { return nil }
    var metres = ExactSum()
    var steps = ExactSum()
    for day in days where day.metres > 0 && day.steps > 0 {
      metres.add(day.metres)
      steps.add(day.steps)
    }
    var note =
      "the daily export's distances are read in \(unit.name), the unit setting (the file does not say)"
    guard steps.value >= 1000 else { return note }
    let stride = metres.value / steps.value
    note += String(format: ": %.2f m a step on average", stride)
    switch unit {
    case .km where stride < 0.5:
      note += "; short for a step: if the account showed miles, read it in mi"
    case .mi where stride > 1.0:
      note += "; long for a step: if the account showed kilometres, read it in km"
    default: break
    }
    return note
  }

  /// The source with the largest total; on a tie the first name in sort order, so the result
  /// never depends on the order of the files.
  static func largest(_ totals: [String: ExactSum]) -> (source: String, total: Double)? {
    var best: (source: String, total: Double)?
    for (source, sum) in totals.sorted(by: { $0.key < $1.key })
    where best == nil || sum.value > best!.total {
      best = (source, sum.value)
    }
    return best
  }

  /// The distance and steps files under a Fitbit export folder, of both layouts, up to five
  /// levels down (`Takeout/Google Health/Physical Activity_GoogleData/Steps`).
  static func files(in folder: String) throws -> [String] {
    var found: [String] = []
    var queue = [(folder, 0)]
    while let (current, depth) = queue.first {
      queue.removeFirst()
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: current)) ?? []).sorted()
      for name in names {
        let path = (current as NSString).appendingPathComponent(name)
        if FilePath.entry(at: path) == .directory {
          if depth < 5 { queue.append((path, depth + 1)) }
        } else if Self.layout(ofFile: name) != nil {
          found.append(path)
        }
      }
    }
    guard !found.isEmpty else {
      throw MileQuestError.badData(
        "\(folder): no distance-*.json, steps-*.json, distance_*.csv or steps_*.csv files; "
          + "is it a Fitbit export?")
    }
    return found
  }
}

extension ImportKind {
  public static var fitbit: ImportKind { FitbitFormat().kind }
}
