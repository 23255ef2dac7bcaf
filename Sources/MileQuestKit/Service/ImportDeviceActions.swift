import Foundation

/// `import fit`, `import tcx`, `import health`: walks from what devices and phones recorded.
extension MileQuestService {
  /// What `import health` did or would do: the report, and every walk-day with every
  /// source's total (the dry run prints them).
  public struct HealthImport: Sendable {
    public var report: ImportReport
    public var days: [AppleHealthDay]
  }

  // MARK: FIT

  /// The walks of FIT files (`.fit` or gzipped `.fit.gz`): one per session with a recorded
  /// distance (transitions and sessions with none are left out). The distance is the
  /// device's `total_distance`, the duration the elapsed time, the date the session start's
  /// local date (the file's own UTC offset when it has one, else this machine's time zone).
  /// The external id `fit:<start>:<sport>` names the recording, so a copy, a gzipped copy or
  /// a new download of the same activity adds nothing.
  public func fitDrafts(paths: [String]) throws -> [ImportDraft] {
    var drafts: [ImportDraft] = []
    for path in unique(paths) {
      let activity = try FITActivityReader.read(source: try ByteSource.plainOrGzip(path: path))
      let before = drafts.count
      for (index, session) in activity.sessions.enumerated() {
        guard session.sport != 3, let metres = session.distanceMetres, metres > 0 else {
          continue
        }
        let zone: TimeZone
        if session.startIsLocalTime {
          zone = TimeZone(identifier: "UTC")!
        } else if let offset = activity.utcOffsetSeconds,
          let fixed = TimeZone(secondsFromGMT: offset)
        {
          zone = fixed
        } else {
          zone = .current
        }
        let origin = activity.sessions.count == 1 ? path : "\(path):session \(index + 1)"
        drafts.append(
          ImportDraft(
            origin: origin, date: LocalDate.today(in: zone, now: session.start),
            distanceMetres: metres,
            durationSeconds: Self.plausibleDuration(
              session.elapsedSeconds ?? session.timerSeconds),
            activity: ImportActivity.fit(sport: session.sport, subSport: session.subSport),
            externalId: "fit:\(Int64(session.start.timeIntervalSince1970.rounded(.down))):"
              + "\(session.sport.map(String.init) ?? "none")"))
      }
      if drafts.count == before {
        throw MileQuestError.badData("\(path): no activity session with a distance to import")
      }
    }
    return drafts
  }

  /// Imports the walks of FIT files for one member: all or nothing, idempotent.
  public func importFIT(paths: [String], member: String?, dryRun: Bool) throws -> ImportReport {
    if paths.isEmpty { throw MileQuestError.usage("import fit needs at least one FILE") }
    let drafts = try fitDrafts(paths: paths)
    return try importDrafts(
      drafts, member: member, change: "import \(Plural.count(drafts.count, "FIT walk"))",
      dryRun: dryRun)
  }

  // MARK: TCX

  /// The walks of TCX files (`.tcx` or `.tcx.gz`): one per `<Activity>`, its distance the
  /// laps' `DistanceMeters` summed (what the device recorded), its duration the laps'
  /// `TotalTimeSeconds`, its date the start's date in this machine's time zone (TCX times
  /// are UTC). The external id `tcx:<start>` is the activity's `<Id>` time.
  public func tcxDrafts(paths: [String]) throws -> [ImportDraft] {
    var drafts: [ImportDraft] = []
    for path in unique(paths) {
      let activities = try TCXReader.activities(source: try ByteSource.plainOrGzip(path: path))
      if activities.isEmpty { throw MileQuestError.badData("\(path): no <Activity> to import") }
      for (index, activity) in activities.enumerated() {
        let origin = activities.count == 1 ? path : "\(path):activity \(index + 1)"
        guard let start = activity.start ?? activity.laps.compactMap(\.start).min() else {
          throw MileQuestError.badData("\(origin): the activity has no start time (<Id>)")
        }
        guard let metres = activity.distanceMetres, metres > 0 else {
          throw MileQuestError.badData("\(origin): no lap has a DistanceMeters above 0")
        }
        drafts.append(
          ImportDraft(
            origin: origin, date: LocalDate.today(in: .current, now: start),
            distanceMetres: metres,
            durationSeconds: Self.plausibleDuration(activity.totalSeconds),
            activity: ImportActivity.tcx(sport: activity.sport),
            externalId: "tcx:\(Int64(start.timeIntervalSince1970.rounded(.down)))"))
      }
    }
    return drafts
  }

  /// Imports the walks of TCX files for one member: all or nothing, idempotent.
  public func importTCX(paths: [String], member: String?, dryRun: Bool) throws -> ImportReport {
    if paths.isEmpty { throw MileQuestError.usage("import tcx needs at least one FILE") }
    let drafts = try tcxDrafts(paths: paths)
    return try importDrafts(
      drafts, member: member, change: "import \(Plural.count(drafts.count, "TCX walk"))",
      dryRun: dryRun)
  }

  // MARK: Apple Health

  /// The totals of an Apple Health export: `export.zip` (its `export.xml` read in a stream
  /// from the archive; `workout-routes/*.gpx` and the rest are not read) or `export.xml`
  /// itself (plain or gzipped).
  public func healthTotals(path: String) throws -> AppleHealthTotals {
    let probe = try ByteSource(path: path)
    if path != "-", try ZipArchive.isZip(probe) {
      let archive = try ZipArchive(path: path)
      let candidates = archive.members.filter {
        $0.path == "export.xml" || $0.path.hasSuffix("/export.xml")
      }
      guard let member = candidates.min(by: { $0.path.count < $1.path.count }) else {
        throw MileQuestError.badData(
          "\(path): the zip holds no export.xml; is it an Apple Health export?")
      }
      return try AppleHealthReader.totals(source: try archive.source(for: member))
    }
    let source = try Gzip.isGzip(probe) ? Gzip.inflating(probe) : probe
    return try AppleHealthReader.totals(source: source)
  }

  /// The walks of an Apple Health export (rules: `AppleHealthTotals.days(source:)`): one per
  /// local day and kind, id `health:<date>:<kind>`, so a later export adds only its new days.
  /// A day imported before whose total has since changed (a day that was not over when the
  /// first export was made) is kept as imported, with a warning: the ids are per day, never
  /// per total, so no day is ever counted twice.
  public func importHealth(path: String, member: String?, source: String?, dryRun: Bool) throws
    -> HealthImport
  {
    let totals = try healthTotals(path: path)
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
      ImportDraft(
        origin: "\(path):\(day.day) \(day.kind.rawValue)", date: day.day,
        distanceMetres: day.metres,
        steps: day.steps.map { Int($0.rounded()) },
        activity: ImportActivity.health(day.kind),
        note: String("Apple Health, \(day.source)".prefix(500)),
        externalId: "health:\(day.day):\(day.kind.rawValue)")
    }
    let report = try importDrafts(
      drafts, member: member, change: "import \(Plural.count(drafts.count, "Apple Health walk"))",
      dryRun: dryRun
    ) { known, draft in
      guard let metres = draft.distanceMetres, abs(known.distanceMetres - metres) > 0.5 else {
        return nil
      }
      return "\(draft.origin): the export now says \(Int(metres.rounded())) m; walk "
        + "\(known.id ?? 0) keeps the \(Int(known.distanceMetres.rounded())) m imported before "
        + "(delete it and import again to take the new total)"
    }
    return HealthImport(report: report, days: days)
  }

  /// A device's duration when it is one a walk can have (more than 0, at most 7 days).
  static func plausibleDuration(_ seconds: Double?) -> Double? {
    guard let seconds, seconds.isFinite, seconds > 0, seconds <= DurationInput.maxSeconds else {
      return nil
    }
    return seconds
  }

  /// Paths in order, each once.
  private func unique(_ paths: [String]) -> [String] {
    var seen = Set<String>()
    return paths.filter { seen.insert($0).inserted }
  }
}
