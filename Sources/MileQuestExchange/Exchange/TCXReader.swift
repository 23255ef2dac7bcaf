import Foundation
import MileQuestCore

/// One `<Activity>` of a Garmin Training Center (TCX) file.
public struct TCXActivity: Sendable, Equatable {
  /// The `Sport` attribute: `Running`, `Biking` or `Other` in the schema (apps write others).
  public var sport: String
  /// The activity's `<Id>`, its start time (UTC), when it is a time.
  public var start: Date?
  /// The laps in file order.
  public var laps: [TCXLap]
  /// Track points with a position.
  public var positions: Int

  /// The distance the device recorded: the sum of the laps' `DistanceMeters` (not the length
  /// of the track); nil when no lap says.
  public var distanceMetres: Double? {
    let known = laps.compactMap(\.distanceMetres)
    return known.isEmpty ? nil : known.reduce(0, +)
  }

  /// The laps' `TotalTimeSeconds` summed; nil when no lap says.
  public var totalSeconds: Double? {
    let known = laps.compactMap(\.totalSeconds)
    return known.isEmpty ? nil : known.reduce(0, +)
  }
}

/// One `<Lap>`: its start and the totals the device recorded.
public struct TCXLap: Sendable, Equatable {
  public var start: Date?
  public var totalSeconds: Double?
  public var distanceMetres: Double?
}

/// Reads the activities of a TCX file by streaming it through `XMLScanner` (so DTDs and
/// entities are refused, any size works in bounded memory, and errors carry a line and
/// column). Only a lap's own `<DistanceMeters>` and `<TotalTimeSeconds>` count: track points
/// carry a cumulative `<DistanceMeters>` too, which is not the lap's.
public enum TCXReader {
  public static func activities(at path: String) throws -> [TCXActivity] {
    let file = try InputFile(path: path)
    let scanner = XMLScanner(readChunk: { try file.read(upTo: XMLScanner.defaultChunkSize) })
    return try activities(scanner: scanner, name: file.path)
  }

  /// The activities of the TCX data `source` hands out (a file, inflated gzip data).
  public static func activities(source: ByteSource) throws -> [TCXActivity] {
    try activities(scanner: XMLScanner(readChunk: { try source.next() }), name: source.name)
  }

  public static func activities(bytes: [UInt8], name: String) throws -> [TCXActivity] {
    try activities(scanner: XMLScanner(bytes: bytes), name: name)
  }

  private static func activities(scanner: XMLScanner, name: String) throws -> [TCXActivity] {
    var scanner = scanner
    var path: [String] = []
    var text = ""
    var activities: [TCXActivity] = []
    var latitude: Double?
    var longitude: Double?
    func fail(_ reason: String) -> MileQuestError {
      .badData("\(name):\(scanner.tokenLine):\(scanner.tokenColumn): \(reason)")
    }
    func number(_ what: String) throws -> Double {
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard let value = Double(trimmed), value.isFinite else {
        throw fail("\(what) '\(trimmed.prefix(40))' is not a number")
      }
      return value
    }
    while true {
      let token = try scanner.next(file: name)
      guard let token else { break }
      switch token {
      case .start(let element, let attributes):
        if path.isEmpty && element != "TrainingCenterDatabase" {
          throw fail(
            "the root element is <\(element)>, not <TrainingCenterDatabase>; this is not a TCX file"
          )
        }
        path.append(element)
        text = ""
        switch path.suffix(2).joined(separator: "/") {
        case "Activities/Activity":
          let sport = attributes.first { $0.name == "Sport" }?.value ?? "Other"
          activities.append(TCXActivity(sport: sport, start: nil, laps: [], positions: 0))
        case "Activity/Lap" where !activities.isEmpty:
          let start = attributes.first { $0.name == "StartTime" }.flatMap {
            XSDDateTime.parse($0.value)
          }
          activities[activities.count - 1].laps.append(TCXLap(start: start))
        case "Trackpoint/Position":
          (latitude, longitude) = (nil, nil)
        default: break
        }
      case .text(let string):
        text += string
      case .end:
        guard !activities.isEmpty else {
          path.removeLast()
          continue
        }
        let last = activities.count - 1
        let tail = path.suffix(3).joined(separator: "/")
        switch tail {
        case _ where tail.hasSuffix("/Activity/Id"):
          activities[last].start = XSDDateTime.parse(text)
        case "Activity/Lap/TotalTimeSeconds" where !activities[last].laps.isEmpty:
          activities[last].laps[activities[last].laps.count - 1].totalSeconds = try number(
            "TotalTimeSeconds")
        case "Activity/Lap/DistanceMeters" where !activities[last].laps.isEmpty:
          let distance = try number("DistanceMeters")
          guard distance >= 0 else { throw fail("DistanceMeters \(distance) is negative") }
          activities[last].laps[activities[last].laps.count - 1].distanceMetres = distance
        case _ where tail.hasSuffix("/Position/LatitudeDegrees"):
          latitude = try number("LatitudeDegrees")
        case _ where tail.hasSuffix("/Position/LongitudeDegrees"):
          longitude = try number("LongitudeDegrees")
        case _ where tail.hasSuffix("/Trackpoint/Position"):
          if let latitude, let longitude, abs(latitude) <= 90, abs(longitude) <= 180 {
            activities[last].positions += 1
          }
        default: break
        }
        path.removeLast()
        text = ""
      }
    }
    return activities
  }
}

extension TCXLap {
  init(start: Date?) {
    self.init(start: start, totalSeconds: nil, distanceMetres: nil)
  }
}
