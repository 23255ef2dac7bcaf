import Foundation
import MileQuestCore

/// One day of a Google Takeout Fit export: the distance and steps Google Fit counted.
public struct GoogleFitDay: Sendable, Equatable {
  /// Where the day was read: `FILE:LINE` for a row of the daily summary, `FILE` for a
  /// per-day file.
  public var location: String
  public var date: LocalDate
  /// `Distance (m)` (summed over the day's intervals in a per-day file); nil when empty.
  public var distanceMetres: Double?
  /// `Step count`, when given.
  public var steps: Int?
}

/// Reads Google Takeout's Fit activity metrics (`Takeout/Fit/Daily activity metrics/`):
///
/// - `Daily activity metrics.csv`, one row per day: `Date` (`YYYY-MM-DD`, the phone's local
///   day), `Distance (m)`, `Step count` and many columns this reader does not need;
/// - the per-day files `YYYY-MM-DD.csv`, one row per 15-minute interval (`Start time`,
///   `End time` as local clock times, then the same metrics): the day is the file's name, its
///   totals the sums of the intervals.
///
/// Which of the two a file is comes from its header. Empty cells are "nothing measured".
public enum GoogleFitDailyReader {
  /// The summary file's name inside a Takeout.
  public static let summaryName = "Daily activity metrics.csv"

  /// The days of one file (a summary or a per-day file), in file order.
  public static func days(source: ByteSource) throws -> [GoogleFitDay] {
    let name = source.name
    var reader = try CSVReader(source: source)
    func fail(_ line: Int, _ reason: String) -> MileQuestError {
      .badData("\(name):\(line): \(reason)")
    }
    func next() throws -> CSVReader.Record? { try reader.nextRecord(file: name) }
    guard let header = try next() else {
      throw fail(1, "the file is empty; expected a Google Fit daily activity metrics CSV")
    }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    guard let distance = names.firstIndex(of: "Distance (m)") else {
      throw fail(
        1,
        "no 'Distance (m)' column; this is not a Google Fit daily activity metrics CSV (in English)"
      )
    }
    let steps = names.firstIndex(of: "Step count")
    func number(_ record: CSVReader.Record, _ index: Int?, _ what: String) throws -> Double? {
      guard let index else { return nil }
      guard index < record.fields.count else {
        throw fail(
          record.line,
          "the row has \(record.fields.count) cells; the header names more (a truncated file?)")
      }
      let text = record.fields[index].trimmingCharacters(in: .whitespaces)
      if text.isEmpty { return nil }
      guard let value = Double(text), value.isFinite, value >= 0 else {
        throw fail(
          record.line,
          "\(what) '\(Validation.printable(String(text.prefix(40))))' is not a number of 0 or more"
        )
      }
      return value
    }
    func stepCount(_ value: Double?, line: Int) throws -> Int? {
      guard let value else { return nil }
      guard value <= 10_000_000 else {
        throw fail(line, "Step count \(value) is more than anyone walks in a day")
      }
      return Int(value.rounded())
    }

    if let dateColumn = names.firstIndex(of: "Date") {
      // The daily summary: one row per day.
      var days: [GoogleFitDay] = []
      var seen: [LocalDate: Int] = [:]
      while let record = try next() {
        if record.fields == [""] { continue }
        let text =
          dateColumn < record.fields.count
          ? record.fields[dateColumn].trimmingCharacters(in: .whitespaces) : ""
        guard text.count == 10, let date = LocalDate(text) else {
          throw fail(
            record.line,
            "Date '\(Validation.printable(String(text.prefix(40))))' is not a date like 2024-01-31")
        }
        if let first = seen[date] {
          throw fail(record.line, "date \(date) appears twice (first on line \(first))")
        }
        seen[date] = record.line
        days.append(
          GoogleFitDay(
            location: "\(name):\(record.line)", date: date,
            distanceMetres: try number(record, distance, "Distance (m)"),
            steps: try stepCount(try number(record, steps, "Step count"), line: record.line)))
      }
      return days
    }
    guard names.contains("Start time") else {
      throw fail(
        1, "no 'Date' or 'Start time' column; this is not a Google Fit activity metrics CSV")
    }
    // A per-day file: the date is its name.
    let base = FilePath.lastComponent(of: name)
    guard base.hasSuffix(".csv"), let date = LocalDate(String(base.dropLast(4))) else {
      throw MileQuestError.badData(
        "\(name): a Google Fit per-day file is named YYYY-MM-DD.csv (its date); this one is not")
    }
    var metres: [Double] = []
    var stepTotal: Double?
    var rows = 0
    while let record = try next() {
      if record.fields == [""] { continue }
      rows += 1
      guard rows <= 24 * 60 else {
        throw fail(record.line, "more intervals than minutes in a day; is this a per-day file?")
      }
      if let value = try number(record, distance, "Distance (m)") { metres.append(value) }
      if let value = try number(record, steps, "Step count") {
        stepTotal = (stepTotal ?? 0) + value
      }
    }
    let total = metres.isEmpty ? nil : metres.exactSum()
    if let total, !total.isFinite {
      throw MileQuestError.badData("\(name): the day's Distance (m) adds up past any number")
    }
    return [
      GoogleFitDay(
        location: name, date: date, distanceMetres: total,
        steps: try stepCount(stepTotal, line: 1))
    ]
  }
}
