import Foundation
import MileQuestCore

/// What one Fitbit export file holds: its kind and its entries' sums per local day.
public struct FitbitSeries: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// `distance-YYYY-MM-DD.json`: centimetres per minute.
    case distance
    /// `steps-YYYY-MM-DD.json`: steps per minute.
    case steps
  }

  public var kind: Kind
  /// The file's name, for messages.
  public var file: String
  /// Per local day: metres for `distance`, steps for `steps`.
  public var totals: [LocalDate: Double]
  /// The first and last timestamp of the file (UTC), nil when it has no entry.
  public var span: ClosedRange<Date>?
}

/// Reads the `Physical Activity/distance-*.json` and `steps-*.json` files of a Fitbit account
/// export: a JSON array of `{"dateTime": "MM/DD/YY HH:MM:SS", "value": "N"}`, one entry per
/// minute with activity, about a month per file (the name is its first day).
///
/// Two things the files do not say, which Fitbit's own converters and users' analyses agree on:
/// `dateTime` is UTC (the local day is found in `timeZone`, the walker's zone), and a
/// distance `value` is in centimetres. Values are strings (numbers are accepted too).
/// Timestamps must increase within a file; a repeated one is refused, since summing it twice
/// would count a minute twice.
public enum FitbitReader {
  /// Largest file read (Fitbit writes about 2 MB a month).
  public static let maxFileBytes = 256 << 20

  /// The kind a file's name says (`distance-…json`, `steps-…json`), or nil.
  public static func kind(ofFile path: String) -> FitbitSeries.Kind? {
    let base = FilePath.lastComponent(of: path)
    guard base.hasSuffix(".json") else { return nil }
    if base.hasPrefix("distance-") { return .distance }
    if base.hasPrefix("steps-") { return .steps }
    return nil
  }

  /// Reads one file of `kind`, summing its entries per local day in `timeZone`.
  public static func series(
    source: ByteSource, kind: FitbitSeries.Kind, timeZone: TimeZone
  ) throws -> FitbitSeries {
    let name = source.name
    var reader = JSONStreamReader(name: name, start: .start, chunks: { try source.next() })
    func fail(_ position: JSONStreamReader.Position, _ reason: String) -> MileQuestError {
      .badData("\(name):\(position.line):\(position.column): \(reason)")
    }
    try reader.skipByteOrderMark()
    let (first, at) = try reader.peekValue()
    guard first == .array else {
      throw fail(
        at, "expected a JSON array of {\"dateTime\", \"value\"} entries (a Fitbit export file)")
    }
    try reader.beginArray()
    var totals: [LocalDate: Double] = [:]
    var previous: Date?
    var firstTime: Date?
    while try reader.nextItem() {
      let position = reader.position
      let entry = try reader.readValue(maxBytes: 4096) {
        "\(name):\(position.line):\(position.column): an entry longer than 4 KiB"
      }
      guard case .object = entry else {
        throw fail(position, "an entry is not an object with dateTime and value")
      }
      guard case .string(let stamp)? = entry["dateTime"], let time = Self.time(stamp) else {
        let shown = entry["dateTime"].map { ExchangeTable.cell($0) } ?? "nothing"
        throw fail(
          position,
          "dateTime '\(Validation.printable(String(shown.prefix(40))))' is not like "
            + "'01/31/24 13:45:00'")
      }
      let value: Double?
      switch entry["value"] {
      case .string(let text)?: value = Double(text.trimmingCharacters(in: .whitespaces))
      case .int(let number)?: value = Double(number)
      case .double(let number)?: value = number
      default: value = nil
      }
      guard let value, value.isFinite, value >= 0, value <= 1e9 else {
        let shown = entry["value"].map { ExchangeTable.cell($0) } ?? "nothing"
        throw fail(
          position,
          "value '\(Validation.printable(String(shown.prefix(40))))' is not a number of 0 or more")
      }
      if let previous, time <= previous {
        throw fail(
          position,
          "dateTime \(stamp) does not come after the entry before it; a minute would count twice")
      }
      previous = time
      if firstTime == nil { firstTime = time }
      guard value > 0 else { continue }
      // The local day: the zone's offset at that instant (daylight saving included).
      let local = time.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: time))
      totals[LocalDate(dayNumber: Int((local / 86_400).rounded(.down))), default: 0] += value
    }
    try reader.expectEnd()
    // Summed in the file's own unit (whole centimetres add exactly), converted once.
    if kind == .distance { totals = totals.mapValues { $0 / 100 } }
    let span = firstTime.flatMap { first in previous.map { first...$0 } }
    return FitbitSeries(kind: kind, file: name, totals: totals, span: span)
  }

  /// `MM/DD/YY HH:MM:SS` (years 2000-2099), as UTC; nil for anything else.
  public static func time(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count == 17, bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"),
      bytes[8] == UInt8(ascii: " "), bytes[11] == UInt8(ascii: ":"), bytes[14] == UInt8(ascii: ":")
    else { return nil }
    func number(_ at: Int) -> Int? {
      let (a, b) = (bytes[at], bytes[at + 1])
      guard (48...57).contains(a), (48...57).contains(b) else { return nil }
      return Int(a - 48) * 10 + Int(b - 48)
    }
    guard let month = number(0), let day = number(3), let year = number(6), let hour = number(9),
      let minute = number(12), let second = number(15), hour < 24, minute < 60, second < 61,
      let date = LocalDate(year: 2000 + year, month: month, day: day)
    else { return nil }
    let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }
}
