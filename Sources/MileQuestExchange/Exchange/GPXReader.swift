import Foundation
import MileQuestCore

/// What one GPX `<trk>` amounts to, computed while streaming (the points are not kept).
public struct GPXTrackSummary: Sendable, Equatable {
  /// The track's `<name>`, if any.
  public var name: String?
  /// Number of `<trkpt>` in the track.
  public var pointCount: Int
  /// Number of `<trkseg>` holding at least one point.
  public var segmentCount: Int
  /// Sum over segments of great-circle steps between consecutive points, in metres; the gaps
  /// between segments are not counted (GEODESY.md §0.6).
  public var lengthMetres: Double
  /// Time of the first point that has one, in document order.
  public var firstTime: Date?
  /// Time of the last point that has one, in document order.
  public var lastTime: Date?
  /// `lastTime − firstTime` in seconds; nil unless at least two distinct times were seen.
  public var elapsedSeconds: Double?
  /// FNV-1a 64-bit hash (16 hex digits) of the segments' coordinates and times: equal for
  /// the same track content, whatever its name or file layout, for idempotent imports.
  public var fingerprint: String

  /// Makes a summary from its parts.
  public init(
    name: String?, pointCount: Int, segmentCount: Int, lengthMetres: Double,
    firstTime: Date?, lastTime: Date?, elapsedSeconds: Double?, fingerprint: String
  ) {
    self.name = name
    self.pointCount = pointCount
    self.segmentCount = segmentCount
    self.lengthMetres = lengthMetres
    self.firstTime = firstTime
    self.lastTime = lastTime
    self.elapsedSeconds = elapsedSeconds
    self.fingerprint = fingerprint
  }
}

/// Reads GPX 1.0 and 1.1 files (with or without namespaces and prefixes) by streaming them
/// through `XMLScanner`: tracks as summaries, or one route as points with milestones.
///
/// Every file must have a `gpx` root and at least one valid point; coordinates that are not
/// decimals or are out of range are `.badData("FILE:LINE:COL: …")` (exit 65), and an unreadable
/// file is `.inputUnreadable` (exit 66).
public enum GPXReader {
  /// Largest file `route(at:)` accepts (50 MiB): a route is held in memory whole.
  public static let maxRouteFileBytes = 50 * 1024 * 1024

  /// One summary per `<trk>` that has points, in file order; streaming, so any file size works
  /// in bounded memory. A file whose points are all in `<rte>` or `<wpt>` gives `[]`.
  /// `onChunk` hears the file's bytes read so far, once per chunk (a progress line).
  public static func tracks(
    at path: String, onChunk: ((Int) -> Void)? = nil
  ) throws -> [GPXTrackSummary] {
    var events = GPXEventReader(file: try InputFile(path: path), onChunk: onChunk)
    return try tracks(&events, name: path)
  }

  /// `tracks(at:)` for GPX data read from `source` (a gzipped file inflating, a zip member).
  public static func tracks(source: ByteSource) throws -> [GPXTrackSummary] {
    var events = GPXEventReader(
      scanner: XMLScanner(readChunk: { try source.next() }), displayName: source.name)
    return try tracks(&events, name: source.name)
  }

  private static func tracks(_ events: inout GPXEventReader, name path: String) throws
    -> [GPXTrackSummary]
  {
    var summaries: [GPXTrackSummary] = []
    var track: TrackAccumulator?
    var anyPoint = false
    while let event = try events.next() {
      switch event {
      case .beginTrack: track = TrackAccumulator()
      case .name(let name): if track?.name == nil { track?.name = name }
      case .beginSegment: track?.beginSegment()
      case .point(let point):
        anyPoint = true
        if point.kind == .trackPoint { track?.add(point) }
      case .endTrack:
        if let finished = track?.summary() { summaries.append(finished) }
        track = nil
      case .beginRoute, .endRoute, .endSegment: break
      }
    }
    guard anyPoint else { throw noPoints(path) }
    return summaries
  }

  /// The route a GPX file describes: its first non-empty `<rte>` (point names become labels),
  /// else its first non-empty `<trk>` with all segments joined in order. Named `<wpt>`s become
  /// milestones at their nearest position on the path (see `MilestonePlacement`). Files above
  /// `maxRouteFileBytes` are refused.
  public static func route(at path: String) throws -> [RoutePoint] {
    try route(at: path, maxBytes: maxRouteFileBytes)
  }

  /// `route(at:)` with an adjustable size cap, for tests.
  static func route(at path: String, maxBytes: Int) throws -> [RoutePoint] {
    let file = try InputFile(path: path)
    try file.checkSize(file.size, limit: maxBytes, what: "GPX route")
    var events = GPXEventReader(file: file)
    var route: [RoutePoint]?
    var track: [RoutePoint]?
    var current: [RoutePoint]?
    var collecting: GPXPointKind?
    var milestones: [(coordinate: Coordinate, label: String)] = []
    var anyPoint = false
    while let event = try events.next() {
      switch event {
      case .beginRoute where route == nil:
        (current, collecting) = ([], .routePoint)
      case .beginTrack where route == nil && track == nil:
        (current, collecting) = ([], .trackPoint)
      case .point(let point):
        anyPoint = true
        if point.kind == .waypoint, let name = point.name {
          milestones.append((point.coordinate, name))
        } else if point.kind == collecting {
          let label = point.kind == .routePoint ? point.name : nil
          current?.append(RoutePoint(coordinate: point.coordinate, label: label))
          if (current?.count ?? 0) > RouteFileLimits.maxPoints {
            throw RouteFileLimits.tooManyPoints(path)
          }
        }
      case .endRoute where collecting == .routePoint:
        if let points = current, !points.isEmpty { route = points }
        (current, collecting) = (nil, nil)
      case .endTrack where collecting == .trackPoint:
        if let points = current, !points.isEmpty { track = points }
        (current, collecting) = (nil, nil)
      default:
        break
      }
    }
    guard anyPoint else { throw noPoints(path) }
    guard let points = route ?? track else {
      throw MileQuestError.badData(
        "\(path) has waypoints but no <rte> or <trk> points; a route needs a path to follow")
    }
    guard points.count >= 2 else {
      throw MileQuestError.badData(
        "the \(route == nil ? "track" : "route") in \(path) has only 1 point; "
          + "a route needs at least 2")
    }
    return MilestonePlacement.place(milestones, on: points)
  }

  private static func noPoints(_ path: String) -> MileQuestError {
    .badData("\(path) has no points (no <wpt>, <rtept> or <trkpt>)")
  }
}

/// Folds one track's points into a `GPXTrackSummary` without keeping them.
private struct TrackAccumulator {
  var name: String?
  var pointCount = 0
  var segmentCount = 0
  var length = 0.0
  var segmentLength = 0.0
  var previous: Coordinate?
  var segmentHasPoints = false
  var firstTime: Date?
  var lastTime: Date?
  var distinctTimes = false
  var hash = Fingerprint()

  mutating func beginSegment() {
    closeSegment()
    previous = nil
    hash.add(CollectionOfOne(0x53))  // "S": segment boundaries are part of the content
  }

  mutating func add(_ point: GPXPoint) {
    if !segmentHasPoints {
      segmentHasPoints = true
      segmentCount += 1
    }
    pointCount += 1
    if let previous {
      segmentLength += GreatCircle.distance(previous, point.coordinate)
    }
    previous = point.coordinate
    hash.add(point.coordinate.latitude)
    hash.add(point.coordinate.longitude)
    if let time = point.time {
      hash.add(CollectionOfOne(0x54))
      hash.add(time.timeIntervalSinceReferenceDate)
      if let firstTime, time != firstTime { distinctTimes = true }
      if firstTime == nil { firstTime = time }
      lastTime = time
    } else {
      hash.add(CollectionOfOne(0x2D))
    }
  }

  /// Sums per segment first, as "length per segment, then total" is what the reference does.
  mutating func closeSegment() {
    length += segmentLength
    segmentLength = 0
    segmentHasPoints = false
  }

  mutating func summary() -> GPXTrackSummary? {
    closeSegment()
    guard pointCount > 0 else { return nil }
    var elapsed: Double?
    if distinctTimes, let firstTime, let lastTime {
      elapsed = lastTime.timeIntervalSince(firstTime)
    }
    return GPXTrackSummary(
      name: name, pointCount: pointCount, segmentCount: segmentCount, lengthMetres: length,
      firstTime: firstTime, lastTime: lastTime, elapsedSeconds: elapsed,
      fingerprint: hash.hex)
  }
}
