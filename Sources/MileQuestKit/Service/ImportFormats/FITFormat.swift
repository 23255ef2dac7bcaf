import Foundation

/// `import fit FILE...`: Garmin's (and other devices') FIT activity files, `.fit` or
/// gzipped `.fit.gz`.
///
/// One walk per session with a recorded distance (transitions and sessions with none are
/// left out). The distance is the device's `total_distance`, the duration the elapsed time,
/// the date the session start's local date (the file's own UTC offset when it has one, else
/// this machine's time zone). The external id `fit:<start>:<sport>` names the recording, so
/// a copy, a gzipped copy or a new download of the same activity adds nothing.
public struct FITFormat: ImportFormat {
  public init() {}
  public var name: String { "fit" }
  public var title: String { "a FIT activity file" }
  public var abstract: String { "Import FIT activity files (.fit, .fit.gz): one walk per session." }
  public var discussion: String {
    """
    The distance is the one the device recorded (the session's total distance, not the \
    length of the track), the duration the elapsed time, the activity the session's \
    sport. Importing the same recording again adds nothing.
    """
  }
  public var examples: [String] {
    ["milequest import fit walk.fit {dry-run}", "milequest import fit walk.fit {member} alice"]
  }
  public var inputsHelp: String { "FIT files." }
  public var extensions: [String] { ["fit", "gz"] }
  public var fixtures: [String] {
    ["fit/garmin-fenix-5-walk.fit", "fit/garmin-fenix-5-walk.fit.gz"]
  }

  public func recognises(_ probe: ImportProbe) -> Bool {
    probe.container != .zip && probe.isFIT
  }

  public func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch {
    var drafts: [MileQuestService.ImportDraft] = []
    for path in inputs.paths {
      let activity = try FITActivityReader.read(source: try inputs.openPlainOrGzip(path))
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
          zone = inputs.timeZone
        }
        let origin = activity.sessions.count == 1 ? path : "\(path):session \(index + 1)"
        drafts.append(
          MileQuestService.ImportDraft(
            origin: origin, date: LocalDate.today(in: zone, now: session.start),
            distanceMetres: metres,
            durationSeconds: MileQuestService.plausibleDuration(
              session.elapsedSeconds ?? session.timerSeconds),
            activity: ImportActivity.fit(sport: session.sport, subSport: session.subSport),
            externalId: "fit:\(Int64(session.start.timeIntervalSince1970.rounded(.down))):"
              + "\(session.sport.map(String.init) ?? "none")"))
      }
      if drafts.count == before {
        throw MileQuestError.badData("\(path): no activity session with a distance to import")
      }
    }
    return MileQuestService.ImportBatch(
      drafts: drafts, change: "import \(Plural.count(drafts.count, "FIT walk"))")
  }
}

extension ImportKind {
  public static var fit: ImportKind { FITFormat().kind }
}
