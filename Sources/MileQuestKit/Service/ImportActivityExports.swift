import Foundation

/// `import strava`, `import google-fit`, `import fitbit`: other platforms' exports become
/// walks, all or nothing, and importing the same export again adds nothing.
///
/// Each walk's external id is the platform's own identity for it (`strava:<Activity ID>`,
/// `google-fit:<date>`, `fitbit:<date>`), so a later export that has grown adds only what is
/// new. A day imported once is not updated by a later export whose total for it changed
/// (delete that walk and import again to take the new total).
extension MileQuestService {
  /// A walk an import has read, with where it was read (`FILE:LINE`), for its errors.
  struct PlatformWalkDraft {
    var walk: Walk
    var location: String
  }

  /// What a dry run shows for one walk read: what it is and whether it would be added.
  public struct ImportedWalkLine: Sendable, Equatable {
    public var date: LocalDate
    public var activity: Activity
    public var distanceMetres: Double
    public var steps: Int?
    public var externalId: String
    /// False when the walk is already there (it is skipped).
    public var isNew: Bool
  }

  /// An import of another platform's export: the counts, and each walk read (for a dry run).
  public struct ActivityExportReport: Sendable, Equatable {
    public var report: ImportReport
    public var walks: [ImportedWalkLine] = []
  }

  // MARK: - Strava

  /// Imports a Strava bulk export: the zip Strava sends, its folder, or its `activities.csv`.
  ///
  /// One walk per activity with a distance: the metres Strava recorded (never the length of
  /// the track), the local date of its start in `timeZone`, its elapsed time, steps when
  /// Strava counted them, the activity's name as the note and its type as the activity. An
  /// activity whose distance cell is empty takes the distance its own file
  /// (`activities/N.gpx|.fit|.tcx`) recorded; one with no distance at all (yoga, weights) is
  /// not a walk and is counted in a warning. `formattedUnit` reads an old export with a
  /// single, formatted `Distance` column.
  public func importStrava(
    path: String, member handle: String?, dryRun: Bool, formattedUnit: DistanceUnit? = nil,
    timeZone: TimeZone = .current
  ) throws -> ActivityExportReport {
    // Where activities.csv and the activities' own files are: a folder, a zip, or beside
    // the CSV named.
    let csv: ByteSource
    let openFile: (String) throws -> ByteSource?
    if FilePath.entry(at: path) == .directory {
      let named = FilePath.appending("activities.csv", to: path)
      guard FilePath.entry(at: named) == .file else {
        throw MileQuestError.badData(
          "\(path): no activities.csv in this folder; is it a Strava export?")
      }
      csv = try ByteSource(path: named)
      openFile = Self.files(in: path)
    } else if let zip = try Self.zipArchive(path) {
      guard
        let member = zip.members.filter({
          $0.path == "activities.csv" || $0.path.hasSuffix("/activities.csv")
        }).min(by: { $0.path.count < $1.path.count })
      else {
        throw MileQuestError.badData(
          "\(path): no activities.csv in this zip; is it a Strava export?")
      }
      let prefix = String(member.path.dropLast("activities.csv".count))
      csv = try zip.source(for: member)
      openFile = { name in try zip.member(prefix + name).map { try zip.source(for: $0) } }
    } else {
      csv = try ByteSource(path: path)
      openFile = Self.files(in: FilePath.directory(of: path))
    }
    let activities = try StravaActivitiesReader.activities(
      source: csv, formattedUnit: formattedUnit ?? unit)
    var drafts: [PlatformWalkDraft] = []
    var withoutDistance = 0
    for activity in activities {
      let location = "\(csv.name):\(activity.line)"
      var metres = activity.distanceMetres
      if metres == nil, let file = activity.filename {
        guard !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
          throw MileQuestError.badData(
            "\(location): the activity's file \(Validation.printable(file)) is outside the export")
        }
        guard let source = try openFile(file) else {
          throw MileQuestError.badData(
            "\(location): the activity's file \(file) is not in the export")
        }
        metres = try StravaActivityFile.recordedDistance(source: source, name: file)
      }
      guard let metres, metres > 0 else {
        withoutDistance += 1
        continue
      }
      let day = LocalDate.today(in: timeZone, now: activity.start)
      var duration = activity.elapsedSeconds ?? activity.movingSeconds
      if let seconds = duration, !(seconds > 0 && seconds <= DurationInput.maxSeconds) {
        duration = nil
      }
      drafts.append(
        PlatformWalkDraft(
          walk: Walk(
            memberId: 0, date: day, distanceMetres: metres, durationSeconds: duration,
            steps: activity.steps, activity: activity.activity,
            note: activity.name.map(Self.noteText), source: .import,
            externalId: "strava:\(activity.id)"),
          location: location))
    }
    var report = try importDrafts(
      drafts, member: handle, dryRun: dryRun,
      change: "import \(Plural.count(drafts.count, "Strava activity", plural: "Strava activities"))"
    )
    if withoutDistance > 0 {
      report.report.warnings.insert(
        "\(Plural.count(withoutDistance, "activity", plural: "activities")) without a distance "
          + "(yoga, weights, …) not imported", at: 0)
    }
    return report
  }

  /// An activity's name as a walk's note: control characters (a pasted line break) become
  /// spaces, and it keeps the 500 characters a note may have.
  static func noteText(_ name: String) -> String {
    let scalars = name.unicodeScalars.map {
      $0.properties.generalCategory == .control || TerminalText.isUnsafe($0)
        || TerminalText.isBidiControl($0) ? " " : Character($0)
    }
    return String(String(scalars).prefix(500))
  }

  /// Opens a file named relative to `folder`; nil when there is none.
  static func files(in folder: String) -> (String) throws -> ByteSource? {
    { name in
      let path = FilePath.appending(name, to: folder)
      return FilePath.entry(at: path) == .file ? try ByteSource(path: path) : nil
    }
  }

  // MARK: - Google Fit

  /// Imports Google Takeout Fit daily metrics: `Daily activity metrics.csv`, per-day
  /// `YYYY-MM-DD.csv` files, a Takeout zip, or a folder holding them (a Takeout, its `Fit` folder or the
  /// `Daily activity metrics` folder; the summary file is read when there is one, else the
  /// per-day files). One `walk` per day with a distance, with the day's steps.
  public func importGoogleFit(paths: [String], member handle: String?, dryRun: Bool) throws
    -> ActivityExportReport
  {
    if paths.isEmpty { throw MileQuestError.usage("import google-fit needs a FILE or folder") }
    var files: [ExportFile] = []
    for path in paths {
      if FilePath.entry(at: path) == .directory {
        files += try Self.googleFitFiles(in: path).map(ExportFile.init(path:))
      } else if let zip = try Self.zipArchive(path) {
        files += try Self.googleFitFiles(in: zip)
      } else {
        files.append(ExportFile(path: path))
      }
    }
    var drafts: [PlatformWalkDraft] = []
    var seen: [LocalDate: String] = [:]
    var withoutDistance = 0
    for file in files {
      for day in try GoogleFitDailyReader.days(source: try file.open()) {
        if let first = seen[day.date] {
          throw MileQuestError.badData(
            "\(day.location): \(day.date) is also in \(first); give each day once")
        }
        seen[day.date] = day.location
        guard let metres = day.distanceMetres, metres > 0 else {
          withoutDistance += 1
          continue
        }
        drafts.append(
          PlatformWalkDraft(
            walk: Walk(
              memberId: 0, date: day.date, distanceMetres: metres,
              steps: (day.steps ?? 0) > 0 ? day.steps : nil, source: .import,
              externalId: "google-fit:\(day.date)"),
            location: day.location))
      }
    }
    var report = try importDrafts(
      drafts, member: handle, dryRun: dryRun,
      change: "import \(Plural.count(drafts.count, "Google Fit day"))")
    if withoutDistance > 0 {
      report.report.warnings.insert(
        "\(Plural.count(withoutDistance, "day")) without a distance not imported", at: 0)
    }
    return report
  }

  /// The Google Fit files a folder holds: the daily summary if found (in the folder, its
  /// `Fit/Daily activity metrics`, `Takeout/Fit/Daily activity metrics` or `Daily activity
  /// metrics`), else the per-day files there.
  static func googleFitFiles(in folder: String) throws -> [String] {
    let candidates = [
      "", "Daily activity metrics", "Fit/Daily activity metrics",
      "Takeout/Fit/Daily activity metrics",
    ].map { ($0.isEmpty ? folder : (folder as NSString).appendingPathComponent($0)) }
    for candidate in candidates where FilePath.entry(at: candidate) == .directory {
      let summary = (candidate as NSString).appendingPathComponent(
        GoogleFitDailyReader.summaryName)
      if FileManager.default.fileExists(atPath: summary) { return [summary] }
      let days = ((try? FileManager.default.contentsOfDirectory(atPath: candidate)) ?? [])
        .filter { $0.hasSuffix(".csv") && LocalDate(String($0.dropLast(4))) != nil }.sorted()
      if !days.isEmpty { return days.map { (candidate as NSString).appendingPathComponent($0) } }
    }
    throw MileQuestError.badData(
      "\(folder): no '\(GoogleFitDailyReader.summaryName)' or YYYY-MM-DD.csv files; is it a "
        + "Google Takeout Fit folder?")
  }

  /// The Google Fit files of a Takeout zip: its daily summary if it has one, else its
  /// per-day files.
  static func googleFitFiles(in zip: ZipArchive) throws -> [ExportFile] {
    let summaries = zip.members.filter {
      FilePath.lastComponent(of: $0.path) == GoogleFitDailyReader.summaryName
    }
    if let summary = summaries.min(by: { $0.path.count < $1.path.count }) {
      return [ExportFile(zip: zip, member: summary)]
    }
    let days = zip.members.filter {
      let name = FilePath.lastComponent(of: $0.path)
      return $0.path.contains("Daily activity metrics/") && name.hasSuffix(".csv")
        && LocalDate(String(name.dropLast(4))) != nil
    }
    guard !days.isEmpty else {
      throw MileQuestError.badData(
        "\(zip.name): no '\(GoogleFitDailyReader.summaryName)' or Daily activity "
          + "metrics/YYYY-MM-DD.csv in this zip; is it a Google Takeout with Fit data?")
    }
    return days.sorted { $0.path < $1.path }.map { ExportFile(zip: zip, member: $0) }
  }

  // MARK: - Fitbit

  /// Imports a Fitbit account export: `Physical Activity/distance-*.json` and `steps-*.json`
  /// files, the export's zip, or a folder holding them (the export, a user's folder,
  /// `Physical Activity`).
  /// Minutes are summed per local day in `timeZone` (Fitbit writes UTC): one `walk` per day
  /// with a distance, with the day's steps. Files of one kind that cover the same minutes
  /// (an export given twice) are refused.
  public func importFitbit(
    paths: [String], member handle: String?, dryRun: Bool, timeZone: TimeZone = .current
  ) throws -> ActivityExportReport {
    if paths.isEmpty { throw MileQuestError.usage("import fitbit needs a FILE or folder") }
    var files: [ExportFile] = []
    for path in paths {
      if FilePath.entry(at: path) == .directory {
        files += try Self.fitbitFiles(in: path).map(ExportFile.init(path:))
      } else if let zip = try Self.zipArchive(path) {
        let members = zip.members.filter { FitbitReader.kind(ofFile: $0.path) != nil }
        guard !members.isEmpty else {
          throw MileQuestError.badData(
            "\(path): no distance-*.json or steps-*.json in this zip; is it a Fitbit export?")
        }
        files += members.map { ExportFile(zip: zip, member: $0) }
      } else {
        guard FitbitReader.kind(ofFile: path) != nil else {
          throw MileQuestError.badData(
            "\(path): a Fitbit file is named distance-YYYY-MM-DD.json or steps-YYYY-MM-DD.json")
        }
        files.append(ExportFile(path: path))
      }
    }
    var distance: [LocalDate: (metres: Double, file: String)] = [:]
    var steps: [LocalDate: Double] = [:]
    var spans: [FitbitSeries.Kind: [(span: ClosedRange<Date>, file: String)]] = [:]
    var named = Set<String>()
    for export in files.sorted(by: { $0.name < $1.name }) where named.insert(export.name).inserted {
      let file = export.name
      guard let kind = FitbitReader.kind(ofFile: file) else { continue }
      let series = try FitbitReader.series(
        source: try export.open(), kind: kind, timeZone: timeZone)
      if let span = series.span {
        if let other = spans[kind, default: []].first(where: { $0.span.overlaps(span) }) {
          throw MileQuestError.badData(
            "\(file): covers minutes that \(other.file) covers too; give each export once")
        }
        spans[kind, default: []].append((span, file))
      }
      for (day, total) in series.totals {
        switch kind {
        case .distance: distance[day] = ((distance[day]?.metres ?? 0) + total, file)
        case .steps: steps[day, default: 0] += total
        }
      }
    }
    var drafts: [PlatformWalkDraft] = []
    for day in distance.keys.sorted() {
      guard let entry = distance[day], entry.metres > 0 else { continue }
      let count = steps[day].map { Int(min($0, 1e15).rounded()) }
      drafts.append(
        PlatformWalkDraft(
          walk: Walk(
            memberId: 0, date: day, distanceMetres: entry.metres,
            steps: (count ?? 0) > 0 ? count : nil, source: .import,
            externalId: "fitbit:\(day)"),
          location: entry.file))
    }
    let stepsOnly = steps.keys.filter { distance[$0] == nil }.count
    var report = try importDrafts(
      drafts, member: handle, dryRun: dryRun,
      change: "import \(Plural.count(drafts.count, "Fitbit day"))")
    if stepsOnly > 0 {
      report.report.warnings.insert(
        "\(Plural.count(stepsOnly, "day")) with steps and no distance not imported", at: 0)
    }
    return report
  }

  /// The distance and steps files under a Fitbit export folder (its `Physical Activity`
  /// folders, up to three levels down: `MyFitbitData/<name>/Physical Activity`).
  static func fitbitFiles(in folder: String) throws -> [String] {
    var found: [String] = []
    var queue = [(folder, 0)]
    while let (current, depth) = queue.first {
      queue.removeFirst()
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: current)) ?? []).sorted()
      for name in names {
        let path = (current as NSString).appendingPathComponent(name)
        if FilePath.entry(at: path) == .directory {
          if depth < 3 { queue.append((path, depth + 1)) }
        } else if FitbitReader.kind(ofFile: name) != nil {
          found.append(path)
        }
      }
    }
    guard !found.isEmpty else {
      throw MileQuestError.badData(
        "\(folder): no distance-*.json or steps-*.json files; is it a Fitbit export?")
    }
    return found
  }

  // MARK: - Shared

  /// One file of an export: a file on disk or a member of a zip, named as messages name it.
  struct ExportFile {
    var name: String
    var open: () throws -> ByteSource

    init(path: String) {
      name = path
      open = { try ByteSource(path: path) }
    }

    init(zip: ZipArchive, member: ZipArchive.Member) {
      name = "\(zip.name):\(member.path)"
      open = { try zip.source(for: member) }
    }
  }

  /// The zip archive at `path`, or nil when the file is not a zip (a missing file is 66).
  static func zipArchive(_ path: String) throws -> ZipArchive? {
    try ZipArchive.isZip(try ByteSource(path: path)) ? try ZipArchive(path: path) : nil
  }

  /// Checks the drafts (distance limit, no future date), then adds those not imported before
  /// for `handle` (or the acting member) in one transaction; a dry run rolls it back.
  func importDrafts(
    _ drafts: [PlatformWalkDraft], member handle: String?, dryRun: Bool, change: String
  ) throws -> ActivityExportReport {
    var problems: [String] = []
    // Each walk held to the rules `log` keeps (distance, no future date, duration, steps,
    // note), named by where it was read.
    for draft in drafts {
      do {
        try RecordRules.walk(draft.walk, today: today)
      } catch let error as MileQuestError {
        problems.append("\(draft.location): \(error)")
      }
    }
    if !problems.isEmpty {
      let count = problems.count
      if count > Self.importErrorLimit {
        problems = Array(problems.prefix(Self.importErrorLimit))
        problems.append("… and \(count - Self.importErrorLimit) more")
      }
      throw MileQuestError.badRecords(
        problems: problems,
        summary: "nothing was imported (\(Plural.count(count, "bad walk")) of \(drafts.count))")
    }
    var lines: [ImportedWalkLine] = []
    let work = { (db: any StoreWriting) throws -> ImportReport in
      let member: Member
      if let handle {
        member = try db.requireMember(handle)
      } else {
        member = try actingMember(db, for: "importing an export")
      }
      if member.isArchived {
        throw MileQuestError.ruleViolation("member '\(member.handle)' is removed")
      }
      var report = ImportReport(added: 0, skipped: 0, dryRun: dryRun)
      var uncounted = UncountedWalkCollector(self, db)
      lines = []
      for draft in drafts {
        var walk = draft.walk
        walk.memberId = member.id ?? -1
        let key = walk.externalId ?? ""
        let isNew = try db.walk(source: walk.source, externalId: key) == nil
        if isNew {
          try uncounted.add(walk)
          _ = try db.insert(walk)
          report.added += 1
        } else {
          report.skipped += 1
        }
        if dryRun {
          lines.append(
            ImportedWalkLine(
              date: walk.date, activity: walk.activity, distanceMetres: walk.distanceMetres,
              steps: walk.steps, externalId: key, isNew: isNew))
        }
      }
      report.warnings = try uncounted.messages()
      return report
    }
    let report = try writeImport(change: change, dryRun: dryRun, work)
    return ActivityExportReport(report: report, walks: lines)
  }
}
