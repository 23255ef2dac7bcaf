import Foundation

/// `import tcx FILE...`: Garmin Training Center files, `.tcx` or `.tcx.gz`.
///
/// One walk per `<Activity>`, its distance the laps' `DistanceMeters` summed (what the device
/// recorded), its duration the laps' `TotalTimeSeconds`, its date the start's date in this
/// machine's time zone (TCX times are UTC). The external id `tcx:<start>` is the activity's
/// `<Id>` time.
public struct TCXFormat: ImportFormat {
  public init() {}
  public var name: String { "tcx" }
  public var title: String { "a Training Center (TCX) file" }
  public var abstract: String {
    "Import Training Center files (.tcx, .tcx.gz): one walk per activity."
  }
  public var discussion: String {
    """
    The distance is the laps' recorded DistanceMeters summed (not the length of the \
    track), the duration their TotalTimeSeconds, the activity the Sport. Importing the \
    same activity again adds nothing.
    """
  }
  public var examples: [String] {
    ["milequest import tcx walk.tcx {dry-run}", "milequest import tcx walk.tcx {member} alice"]
  }
  public var inputsHelp: String { "TCX files." }
  public var extensions: [String] { ["tcx", "gz"] }
  public var fixtures: [String] { ["tcx/test.tcx", "tcx/test.tcx.gz"] }

  public func recognises(_ probe: ImportProbe) -> Bool {
    probe.container != .zip && probe.rootElement == "TrainingCenterDatabase"
  }

  public func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch {
    var drafts: [MileQuestService.ImportDraft] = []
    for path in inputs.paths {
      let activities = try TCXReader.activities(source: try inputs.openPlainOrGzip(path))
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
          MileQuestService.ImportDraft(
            origin: origin, date: LocalDate.today(in: inputs.timeZone, now: start),
            distanceMetres: metres,
            durationSeconds: MileQuestService.plausibleDuration(activity.totalSeconds),
            activity: ImportActivity.tcx(sport: activity.sport),
            externalId: "tcx:\(Int64(start.timeIntervalSince1970.rounded(.down)))"))
      }
    }
    return MileQuestService.ImportBatch(
      drafts: drafts, change: "import \(Plural.count(drafts.count, "TCX walk"))")
  }
}

extension ImportKind {
  public static var tcx: ImportKind { TCXFormat().kind }
}
