import Foundation

/// `import strava EXPORT...`: a Strava bulk export, the zip Strava sends, its folder, or its
/// `activities.csv`.
///
/// One walk per activity with a distance: the metres Strava recorded (never the length of
/// the track), the local date of its start, its elapsed time, steps when Strava counted them,
/// the activity's name as the note and its type as the activity. An activity whose distance
/// cell is empty takes the distance its own file (`activities/N.gpx|.fit|.tcx`) recorded; one
/// with no distance at all (yoga, weights) is not a walk and is counted in a warning. An old
/// export with a single, formatted `Distance` column is read in the `unit` of the inputs.
/// Each walk's external id is Strava's (`strava:<Activity ID>`), so a later export that has
/// grown adds only what is new.
public struct StravaFormat: ImportFormat {
  public init() {}
  public var name: String { "strava" }
  public var title: String { "a Strava bulk export" }
  public var abstract: String {
    "Import a Strava bulk export: one walk per activity; all or nothing, idempotent."
  }
  public var discussion: String {
    """
    Reads activities.csv: the distance Strava recorded (its metres column), the start's \
    local date, the elapsed time, steps, the name as the note and the type as the \
    activity (Walk, Run, Hike, Wheelchair, rides, Swim; other sports are 'other'). An \
    activity with an empty distance takes the one its own GPX, FIT or TCX file (gzipped \
    or not) recorded; \
    one without any distance (yoga) is left out. An old export with a single, formatted \
    Distance column is read in {unit}. Importing the export again adds only new \
    activities (strava:<Activity ID>).
    """
  }
  public var examples: [String] {
    [
      "milequest import strava export_12345 {dry-run}",
      "milequest import strava export_12345/activities.csv {member} alice",
    ]
  }
  public var inputsHelp: String {
    "The export: the zip Strava sends, its folder, or its activities.csv."
  }
  public var extensions: [String] { ["zip", "csv"] }
  public var fixtures: [String] { ["strava/activities.csv", "strava/export_zip.zip"] }

  public func recognises(_ probe: ImportProbe) -> Bool {
    switch probe.container {
    case .plain:
      guard let names = probe.csvHeader?.names else { return false }
      return names.contains("activity id") && names.contains("activity date")
    case .zip: return probe.hasMember(named: "activities.csv")
    case .gzip: return false
    }
  }

  public func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch {
    var drafts: [MileQuestService.ImportDraft] = []
    var withoutDistance = 0
    for path in inputs.paths {
      try read(path, inputs, into: &drafts, withoutDistance: &withoutDistance)
    }
    var warnings: [String] = []
    if withoutDistance > 0 {
      warnings.append(
        "\(Plural.count(withoutDistance, "activity", plural: "activities")) without a distance "
          + "(yoga, weights, …) not imported")
    }
    return MileQuestService.ImportBatch(
      drafts: drafts,
      change:
        "import \(Plural.count(drafts.count, "Strava activity", plural: "Strava activities"))",
      warnings: warnings)
  }

  private func read(
    _ path: String, _ inputs: ImportInputs, into drafts: inout [MileQuestService.ImportDraft],
    withoutDistance: inout Int
  ) throws {
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
      csv = try inputs.open(named)
      openFile = Self.files(in: path, inputs)
    } else if let zip = try inputs.zipArchive(path) {
      guard
        let member = zip.members.filter({
          $0.path == "activities.csv" || $0.path.hasSuffix("/activities.csv")
        }).min(by: { $0.path.count < $1.path.count })
      else {
        throw MileQuestError.badData(
          "\(path): no activities.csv in this zip; is it a Strava export?")
      }
      let prefix = String(member.path.dropLast("activities.csv".count))
      csv = try inputs.open(member, of: zip)
      openFile = { name in try zip.member(prefix + name).map { try inputs.open($0, of: zip) } }
    } else {
      csv = try inputs.open(path)
      openFile = Self.files(in: FilePath.directory(of: path), inputs)
    }
    let activities = try StravaActivitiesReader.activities(
      source: csv, formattedUnit: inputs.unit)
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
      let day = LocalDate.today(in: inputs.timeZone, now: activity.start)
      var duration = activity.elapsedSeconds ?? activity.movingSeconds
      if let seconds = duration, !(seconds > 0 && seconds <= DurationInput.maxSeconds) {
        duration = nil
      }
      drafts.append(
        MileQuestService.ImportDraft(
          origin: location, date: day, distanceMetres: metres, durationSeconds: duration,
          steps: activity.steps, activity: activity.activity,
          note: activity.name.map(ExportFile.noteText), externalId: "strava:\(activity.id)"))
    }
  }

  /// Opens a file named relative to `folder`; nil when there is none.
  static func files(in folder: String, _ inputs: ImportInputs) -> (String) throws -> ByteSource? {
    { name in
      let path = FilePath.appending(name, to: folder)
      return FilePath.entry(at: path) == .file ? try inputs.open(path) : nil
    }
  }
}

extension ImportKind {
  public static var strava: ImportKind { StravaFormat().kind }
}
