import Foundation
import MileQuestCore

/// One FIT session: a stretch of one sport (a multisport file has several, transitions
/// included).
public struct FITSession: Sendable, Equatable {
  /// The profile's `sport` number (1 running, 2 cycling, 5 swimming, 11 walking, 17 hiking...).
  public var sport: UInt8?
  /// The profile's `sub_sport` number (27 indoor walking, 30 casual walking, ...).
  public var subSport: UInt8?
  /// When the session started: UTC, or the local wall-clock time (read as if it were UTC)
  /// when `startIsLocalTime`.
  public var start: Date
  /// Whether `start` is local time: the device kept relative times (seconds since it was
  /// switched on) and only the `activity` message's `local_timestamp` anchors them.
  public var startIsLocalTime = false
  /// The distance the device recorded (`total_distance`), in metres: not the track's length,
  /// which differs from it (GPS noise, pauses, indoor sessions with no positions).
  public var distanceMetres: Double?
  /// Wall-clock time from start to end, pauses included (`total_elapsed_time`), in seconds.
  public var elapsedSeconds: Double?
  /// Time the timer ran, pauses excluded (`total_timer_time`), in seconds.
  public var timerSeconds: Double?
  /// Where the session came from: `session` messages, else the laps, else the records.
  public var origin: Origin

  public enum Origin: String, Sendable {
    case session, laps, records
  }

  /// The sport's name in the FIT profile, or `sport N` for one this reader does not name.
  public var sportName: String {
    guard let sport else { return "generic" }
    return FITActivityReader.sportNames[sport] ?? "sport \(sport)"
  }
}

/// What a FIT activity file holds for a walk log: its sessions and its track.
public struct FITActivity: Sendable, Equatable {
  public var sessions: [FITSession]
  /// Positions of the `record` messages that have a valid one, in degrees, in file order.
  public var track: [(lat: Double, lon: Double)]
  /// Local time minus UTC when the file says (the `activity` message's `local_timestamp`),
  /// in seconds; nil when it does not.
  public var utcOffsetSeconds: Int?

  public static func == (lhs: FITActivity, rhs: FITActivity) -> Bool {
    lhs.sessions == rhs.sessions && lhs.utcOffsetSeconds == rhs.utcOffsetSeconds
      && lhs.track.count == rhs.track.count
      && zip(lhs.track, rhs.track).allSatisfy { $0.lat == $1.lat && $0.lon == $1.lon }
  }
}

/// Reads an activity from a FIT file (`FITDecoder`): sessions with sport, start, recorded
/// distance and times, and the records' positions.
///
/// A file with no `session` message (some devices and apps write none) gets one session made
/// from its laps (summed), else from its records (the last cumulative `distance`, the first
/// and last timestamps). A FIT file that is not an activity (settings, a workout plan, a
/// weight scale) has no session, lap or record and gives no sessions at all.
public enum FITActivityReader {
  // Global message numbers of the FIT profile.
  private static let session: UInt16 = 18
  private static let lap: UInt16 = 19
  private static let record: UInt16 = 20
  private static let activity: UInt16 = 34
  /// FIT `date_time` values below this are relative to a device event, not dates.
  private static let relativeTimeLimit: UInt64 = 0x1000_0000

  /// Sport names of the FIT profile (`sport` enum) for the sports a walk log cares about.
  static let sportNames: [UInt8: String] = [
    0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
    5: "swimming", 10: "training", 11: "walking", 15: "rowing", 16: "mountaineering",
    17: "hiking", 18: "multisport", 19: "paddling", 21: "e_biking", 30: "inline_skating",
    35: "snowshoeing",
  ]

  /// The activity in the FIT file at `path` (read whole: FIT files are small).
  public static func read(path: String) throws -> FITActivity {
    try read(source: try ByteSource(path: path))
  }

  /// The activity in the FIT data `source` hands out (a file, inflated gzip data), read whole
  /// up to `FITDecoder.maxFileBytes`.
  public static func read(source: ByteSource) throws -> FITActivity {
    let bytes = try source.readAll(limit: FITDecoder.maxFileBytes, what: "a FIT file")
    return try read(bytes: bytes, name: source.name)
  }

  /// The activity in `bytes`, named `name` in messages.
  public static func read(bytes: [UInt8], name: String) throws -> FITActivity {
    var sessions: [FITSession] = []
    var laps: [FITMessage] = []
    var track: [(lat: Double, lon: Double)] = []
    var firstRecordTime: UInt64?
    var lastRecordTime: UInt64?
    var lastRecordDistance: UInt64?
    var activityTimes: (utc: UInt64?, local: UInt64?) = (nil, nil)
    let decoder = FITDecoder(
      bytes: bytes, name: name, wanted: [session, lap, record, activity])
    try decoder.decode { message in
      switch message.global {
      case session:
        if let made = makeSession(message, origin: .session) { sessions.append(made) }
      case lap:
        laps.append(message)
      case record:
        if let lat = message.signed(0), let lon = message.signed(1),
          abs(degrees(semicircles: lat)) <= 90
        {
          track.append((degrees(semicircles: lat), degrees(semicircles: lon)))
        }
        if let time = message.unsigned(253) {
          if firstRecordTime == nil { firstRecordTime = time }
          lastRecordTime = time
        }
        if let distance = message.unsigned(5) { lastRecordDistance = distance }
      case activity:
        activityTimes = (message.unsigned(253), message.unsigned(5))
      default: break
      }
    }
    if sessions.isEmpty, let made = sessionFromLaps(laps) {
      sessions.append(made)
    }
    if sessions.isEmpty, let first = firstRecordTime, let last = lastRecordTime {
      sessions.append(
        FITSession(
          sport: nil, subSport: nil, start: date(fit: first),
          distanceMetres: lastRecordDistance.map { Double($0) / 100 },
          elapsedSeconds: Double(last - min(first, last)), timerSeconds: nil, origin: .records))
    }
    var utcOffset: Int?
    if let utc = activityTimes.utc, let local = activityTimes.local {
      if utc >= relativeTimeLimit && local >= relativeTimeLimit {
        let offset = Int(Int64(local) - Int64(utc))
        // A real offset is within ±18 h; anything else is a device's bad clock.
        if abs(offset) <= 18 * 3600 { utcOffset = offset }
      } else if utc < relativeTimeLimit && local >= relativeTimeLimit {
        // Relative times anchored by the local clock: each session's local start is the
        // activity's local time less the time between the session's start and the activity.
        for index in sessions.indices
        where sessions[index].start.timeIntervalSince1970
          < Double(Int64(relativeTimeLimit) + FITDecoder.epochOffset)
        {
          let relative =
            sessions[index].start.timeIntervalSince1970 - Double(FITDecoder.epochOffset)
          let local = Double(local) - (Double(utc) - relative)
          sessions[index].start = Date(
            timeIntervalSince1970: local + Double(FITDecoder.epochOffset))
          sessions[index].startIsLocalTime = true
        }
      }
    }
    return FITActivity(sessions: sessions, track: track, utcOffsetSeconds: utcOffset)
  }

  /// A session from a `session` or `lap` message (the fields of interest have the same
  /// numbers in both, but for `sport`, which a lap keeps in field 25).
  private static func makeSession(_ message: FITMessage, origin: FITSession.Origin) -> FITSession? {
    let elapsed = message.unsigned(7).map { Double($0) / 1000 }
    let start: Date
    if let time = message.unsigned(2) {
      start = date(fit: time)
    } else if let end = message.unsigned(253) {
      start = date(fit: end).addingTimeInterval(-(elapsed ?? 0))
    } else {
      return nil
    }
    let sportField: UInt8 = origin == .laps ? 25 : 5
    return FITSession(
      sport: message.unsigned(sportField).map { UInt8(truncatingIfNeeded: $0) },
      subSport: origin == .laps ? nil : message.unsigned(6).map { UInt8(truncatingIfNeeded: $0) },
      start: start,
      distanceMetres: message.unsigned(9).map { Double($0) / 100 },
      elapsedSeconds: elapsed,
      timerSeconds: message.unsigned(8).map { Double($0) / 1000 },
      origin: origin)
  }

  /// One session summing the laps (first lap's start and sport), or nil with no usable lap.
  private static func sessionFromLaps(_ laps: [FITMessage]) -> FITSession? {
    let made = laps.compactMap { makeSession($0, origin: .laps) }
    guard var first = made.first else { return nil }
    func sum(_ values: [Double?]) -> Double? {
      let present = values.compactMap { $0 }
      return present.isEmpty ? nil : present.reduce(0, +)
    }
    first.distanceMetres = sum(made.map(\.distanceMetres))
    first.elapsedSeconds = sum(made.map(\.elapsedSeconds))
    first.timerSeconds = sum(made.map(\.timerSeconds))
    return first
  }

  private static func date(fit seconds: UInt64) -> Date {
    Date(timeIntervalSince1970: TimeInterval(Int64(seconds) + FITDecoder.epochOffset))
  }

  /// Degrees from the protocol's semicircles (2^31 semicircles = 180°).
  private static func degrees(semicircles: Int64) -> Double {
    Double(semicircles) * (180.0 / 2_147_483_648.0)
  }
}
