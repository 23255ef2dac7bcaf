import Foundation
import MileQuestCore

/// What one Google-era Fitbit CSV holds: its kind and its rows' sums per local day and
/// data source.
public struct FitbitSourceSeries: Sendable, Equatable {
  public var kind: FitbitSeries.Kind
  /// The file's name, for messages.
  public var file: String
  /// Per local day, per data source: metres for `distance`, steps for `steps`, each summed
  /// exactly (the sum does not depend on the order of the rows).
  public var totals: [LocalDate: [String: Double]]
  /// The first and last timestamp of the file, nil when it has no row.
  public var span: ClosedRange<Date>?
}

/// Reads the per-minute CSVs of a Fitbit export made through Google Takeout
/// (`Takeout/Fitbit/Physical Activity_GoogleData/` or `Takeout/Google Health/Physical
/// Activity_GoogleData/`, sometimes in a `Distance/` or `Steps/` folder below it):
/// `distance_YYYY-MM-DD.csv` (header `timestamp,distance,data source`, metres) and
/// `steps_YYYY-MM-DD.csv` (`timestamp,steps,data source`), about a month per file (the
/// name is its first day).
///
/// `timestamp` is an instant (`2026-10-01T06:15:00Z`, fractions of a second allowed): the
/// local day is found in `timeZone`. Several sources write the same minutes (the tracker,
/// the phone, Health Connect's copies), so totals are kept per source and never added here.
/// A row repeated exactly (same timestamp, source and value) counts once; the same
/// timestamp and source with another value is refused, since either sum would be a guess.
/// A file whose whole text is `no data` (what the export writes for an empty kind) has no
/// row. The `data source` column may be absent: the rows are then of the source `Fitbit`.
public enum FitbitCSVReader {
  /// The source of rows of a file without a `data source` column.
  public static let unnamedSource = "Fitbit"

  /// The kind a file's name says (`distance_…csv`, `steps_…csv`), or nil.
  public static func kind(ofFile path: String) -> FitbitSeries.Kind? {
    let base = FilePath.lastComponent(of: path)
    guard base.hasSuffix(".csv") else { return nil }
    if base.hasPrefix("distance_") { return .distance }
    if base.hasPrefix("steps_") { return .steps }
    return nil
  }

  /// Reads one file of `kind`, summing its rows per local day in `timeZone` and per source.
  public static func series(
    source: ByteSource, kind: FitbitSeries.Kind, timeZone: TimeZone
  ) throws -> FitbitSourceSeries {
    let name = source.name
    let empty = FitbitSourceSeries(kind: kind, file: name, totals: [:], span: nil)
    let start = try source.head(16)
    if String(decoding: start, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      == "no data"
    {
      return empty
    }
    var reader = try CSVReader(source: source)
    func fail(_ line: Int, _ reason: String) -> MileQuestError {
      .badData("\(name):\(line): \(reason)")
    }
    func next() throws -> CSVReader.Record? { try reader.nextRecord(file: name) }
    guard let header = try next() else { return empty }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    let column = kind.rawValue
    guard let timeColumn = names.firstIndex(of: "timestamp"),
      let valueColumn = names.firstIndex(of: column)
    else {
      throw fail(
        header.line,
        "expected the header 'timestamp,\(column),data source' (a Fitbit \(column)_*.csv)")
    }
    let sourceColumn = names.firstIndex(of: "data source")
    let needed = max(timeColumn, valueColumn, sourceColumn ?? 0) + 1

    struct Key: Hashable {
      var source: Int
      var time: Date
    }
    var sources: [String: Int] = [:]
    var sourceNames: [String] = []
    var seen: [Key: (value: Double, line: Int)] = [:]
    var sums: [LocalDate: [Int: ExactSum]] = [:]
    var earliest: Date?
    var latest: Date?
    while let record = try next() {
      if record.fields == [""] { continue }
      guard record.fields.count >= needed else {
        throw fail(
          record.line,
          "the row has \(record.fields.count) cells; the header names \(needed) "
            + "(a truncated file?)")
      }
      let stamp = record.fields[timeColumn].trimmingCharacters(in: .whitespaces)
      guard let time = XSDDateTime.parse(stamp) else {
        throw fail(
          record.line,
          "timestamp '\(Validation.printable(String(stamp.prefix(40))))' is not like "
            + "'2024-01-31T13:45:00Z'")
      }
      let text = record.fields[valueColumn].trimmingCharacters(in: .whitespaces)
      guard let value = Double(text), value.isFinite, value >= 0, value <= 1e9 else {
        throw fail(
          record.line,
          "\(column) '\(Validation.printable(String(text.prefix(40))))' is not a number of 0 "
            + "or more")
      }
      var sourceName =
        sourceColumn.map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
      if sourceName.isEmpty { sourceName = unnamedSource }
      let index: Int
      if let known = sources[sourceName] {
        index = known
      } else {
        index = sourceNames.count
        sources[sourceName] = index
        sourceNames.append(sourceName)
      }
      let key = Key(source: index, time: time)
      if let before = seen[key] {
        guard before.value == value else {
          throw fail(
            record.line,
            "\(stamp) of '\(Validation.printable(String(sourceName.prefix(60))))' is also on "
              + "line \(before.line) with another \(column); which one counts is a guess")
        }
        continue
      }
      seen[key] = (value, record.line)
      earliest = min(earliest ?? time, time)
      latest = max(latest ?? time, time)
      guard value > 0 else { continue }
      // The local day: the zone's offset at that instant (daylight saving included).
      let local = time.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: time))
      let day = LocalDate(dayNumber: Int((local / 86_400).rounded(.down)))
      sums[day, default: [:]][index, default: ExactSum()].add(value)
    }
    var totals: [LocalDate: [String: Double]] = [:]
    for (day, bySource) in sums {
      for (index, sum) in bySource {
        let total = sum.value
        guard total.isFinite else {
          throw MileQuestError.badData("\(name): the \(column) of \(day) adds up past any number")
        }
        totals[day, default: [:]][sourceNames[index]] = total
      }
    }
    let span = earliest.flatMap { first in latest.map { first...$0 } }
    return FitbitSourceSeries(kind: kind, file: name, totals: totals, span: span)
  }
}
