import Foundation
import MileQuestCore

/// Which GPX element a point came from.
enum GPXPointKind: Sendable {
  case waypoint, routePoint, trackPoint
}

/// One validated GPX point (`wpt`, `rtept` or `trkpt`) with where it starts in the file.
struct GPXPoint: Sendable {
  var kind: GPXPointKind
  /// Latitude checked against [−90, 90], longitude normalised to [−180, 180).
  var coordinate: Coordinate
  /// The point's `<name>`, trimmed; nil when absent or blank.
  var name: String?
  /// The point's `<time>`; nil when absent or empty.
  var time: Date?
}

/// The GPX structure, flattened into a stream: what `GPXReader` folds into its results.
enum GPXEvent: Sendable {
  case beginRoute, endRoute, beginTrack, endTrack, beginSegment, endSegment
  /// The `<name>` of the route or track that is open.
  case name(String)
  /// A complete point (reported at its end tag, once its name and time are known).
  case point(GPXPoint)
}

/// Turns `XMLScanner` tokens into `GPXEvent`s, matching elements by local name so GPX 1.0, 1.1,
/// namespace-less and prefixed files read alike (GEODESY.md §4); everything else (metadata,
/// extensions, `ele`, foreign elements) is skipped. Errors are `.badData("FILE:LINE:COL: …")`.
struct GPXEventReader {
  private enum Context {
    case gpx, route, track, segment, point, pointName, pointTime, containerName, skipped
  }

  /// The file name used in messages.
  let displayName: String
  private var scanner: XMLScanner
  private var contexts: [Context] = []
  private var point: GPXPoint?
  private var text = ""
  private var textLine = 0
  private var textColumn = 0

  /// Reads events from the scanner; `displayName` prefixes every message.
  init(scanner: XMLScanner, displayName: String) {
    self.scanner = scanner
    self.scanner.keepsText = false
    self.displayName = displayName
  }

  /// Reads events from an opened file, chunk by chunk; `onChunk` hears the bytes read so far
  /// after each chunk (a progress line).
  init(file: InputFile, onChunk: ((Int) -> Void)? = nil) {
    guard let onChunk else {
      let scanner = XMLScanner(readChunk: { try file.read(upTo: XMLScanner.defaultChunkSize) })
      self.init(scanner: scanner, displayName: file.path)
      return
    }
    var read = 0
    let scanner = XMLScanner(readChunk: {
      let chunk = try file.read(upTo: XMLScanner.defaultChunkSize)
      read += chunk.count
      if !chunk.isEmpty { onChunk(read) }
      return chunk
    })
    self.init(scanner: scanner, displayName: file.path)
  }

  /// The next event; nil at the end of a well-formed document.
  mutating func next() throws -> GPXEvent? {
    while true {
      let token = try scanner.next(file: displayName)
      guard let token else { return nil }
      switch token {
      case .start(let name, let attributes):
        if let event = try start(name, attributes) { return event }
      case .end:
        if let event = try end() { return event }
      case .text(let string):
        if text.isEmpty { (textLine, textColumn) = (scanner.tokenLine, scanner.tokenColumn) }
        text += string
      }
    }
  }

  // MARK: - Elements

  private mutating func start(_ name: String, _ attributes: [XMLAttribute]) throws -> GPXEvent? {
    var event: GPXEvent?
    let context: Context
    switch (contexts.last, name) {
    case (nil, "gpx"):
      context = .gpx
    case (nil, _):
      throw badData("the root element is <\(name)>, not <gpx>; this is not a GPX file")
    case (.gpx, "wpt"):
      context = try beginPoint(.waypoint, attributes)
    case (.gpx, "rte"):
      (context, event) = (.route, .beginRoute)
    case (.gpx, "trk"):
      (context, event) = (.track, .beginTrack)
    case (.route, "rtept"):
      context = try beginPoint(.routePoint, attributes)
    case (.route, "name"), (.track, "name"):
      context = .containerName
    case (.track, "trkseg"):
      (context, event) = (.segment, .beginSegment)
    case (.segment, "trkpt"):
      context = try beginPoint(.trackPoint, attributes)
    case (.point, "name"):
      context = .pointName
    case (.point, "time"):
      context = .pointTime
    default:
      context = .skipped
    }
    contexts.append(context)
    updateTextInterest()
    return event
  }

  private mutating func end() throws -> GPXEvent? {
    guard let context = contexts.popLast() else { return nil }
    defer { updateTextInterest() }
    switch context {
    case .gpx, .skipped:
      return nil
    case .route:
      return .endRoute
    case .track:
      return .endTrack
    case .segment:
      return .endSegment
    case .point:
      defer { point = nil }
      return point.map { .point($0) }
    case .containerName:
      return takeText().map { .name($0) }
    case .pointName:
      let name = takeText()
      point?.name = name
      return nil
    case .pointTime:
      let line = textLine
      let column = textColumn
      guard let raw = takeText() else { return nil }
      guard let time = XSDDateTime.parse(raw) else {
        throw badData("bad time '\(raw)'", line: line, column: column)
      }
      point?.time = time
      return nil
    }
  }

  /// Only names and times are worth turning into strings.
  private mutating func updateTextInterest() {
    switch contexts.last {
    case .pointName, .pointTime, .containerName: scanner.keepsText = true
    default: scanner.keepsText = false
    }
    text = ""
  }

  /// The collected text, trimmed; nil when blank.
  private mutating func takeText() -> String? {
    defer { text = "" }
    // By hand: Foundation's trimmingCharacters goes through UTF-16 and was a hot spot.
    let utf8 = text.utf8
    let isSpace = { (b: UInt8) in b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
    guard let first = utf8.firstIndex(where: { !isSpace($0) }),
      let last = utf8.lastIndex(where: { !isSpace($0) })
    else { return nil }
    if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return text }
    return String(text[first...last])
  }

  // MARK: - Points

  private mutating func beginPoint(
    _ kind: GPXPointKind, _ attributes: [XMLAttribute]
  ) throws -> Context {
    let element = kind == .waypoint ? "wpt" : kind == .routePoint ? "rtept" : "trkpt"
    var latText: String?
    var lonText: String?
    for attribute in attributes {
      if attribute.name == "lat" {
        latText = attribute.value
      } else if attribute.name == "lon" {
        lonText = attribute.value
      }
    }
    guard let latText else { throw badData("<\(element)> has no lat attribute") }
    guard let lonText else { throw badData("<\(element)> has no lon attribute") }
    guard let latitude = Self.decimal(latText) else {
      throw badData("bad latitude '\(latText)'")
    }
    guard let longitude = Self.decimal(lonText) else {
      throw badData("bad longitude '\(lonText)'")
    }
    let coordinate: Coordinate
    do {
      coordinate = try Coordinate.validated(latitude: latitude, longitude: longitude)
    } catch MileQuestError.badData(let reason) {
      throw badData(reason)
    }
    point = GPXPoint(kind: kind, coordinate: coordinate, name: nil, time: nil)
    return .point
  }

  private func badData(_ message: String) -> MileQuestError {
    badData(message, line: scanner.tokenLine, column: scanner.tokenColumn)
  }

  private func badData(_ message: String, line: Int, column: Int) -> MileQuestError {
    .badData("\(displayName):\(line):\(column): \(message)")
  }

  // MARK: - Numbers

  /// Exact powers of ten for the fast path below.
  private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

  /// An `xsd:decimal` (optional sign, digits, optional fraction; surrounding whitespace allowed):
  /// no exponent, no "nan" or "inf", unlike `Double(String)`.
  ///
  /// Up to 15 significant digits it is computed as m / 10^k, which is exact-rounded because
  /// both are exact Doubles (Clinger's fast path); longer numbers (some exporters write 30
  /// digits) go to `Double(String)`.
  static func decimal(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { bytes -> Double? in
      var start = 0
      var end = bytes.count
      while start < end, bytes[start] == 0x20 || (0x09...0x0D).contains(bytes[start]) {
        start += 1
      }
      while end > start, bytes[end - 1] == 0x20 || (0x09...0x0D).contains(bytes[end - 1]) {
        end -= 1
      }
      var i = start
      var negative = false
      if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        negative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var mantissa: UInt64 = 0
      var significant = 0
      var digitCount = 0
      var fractionDigits = 0
      var inFraction = false
      while i < end {
        let b = bytes[i]
        if b == UInt8(ascii: ".") {
          guard !inFraction else { return nil }
          inFraction = true
        } else if (48...57).contains(b) {
          digitCount += 1
          if inFraction { fractionDigits += 1 }
          if mantissa > 0 || b != 48 { significant += 1 }
          if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(b - 48) }
        } else {
          return nil
        }
        i += 1
      }
      guard digitCount > 0 else { return nil }
      if significant <= 15, fractionDigits <= 22 {
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
      }
      // Rare: long numbers. Pad "5." and ".5" so Double(String) takes them.
      let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
      var plain = String(decoding: trimmed, as: UTF8.self)
      if plain.hasSuffix(".") { plain += "0" }
      plain = plain.replacingOccurrences(of: "-.", with: "-0.")
        .replacingOccurrences(of: "+.", with: "+0.")
      if plain.hasPrefix(".") { plain = "0" + plain }
      return Double(plain)
    }
  }
}
