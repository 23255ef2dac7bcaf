import Foundation
import MileQuestCore

/// One day of a Fitbit website export's `Activities` section.
public struct FitbitDailyRow: Sendable, Equatable {
  /// The day, as the account's own calendar wrote it (no time zone to apply).
  public var date: LocalDate
  /// The day's steps.
  public var steps: Double
  /// The day's distance, in the account's unit (kilometres or miles: the file does not say).
  public var distance: Double
  /// The line the row is on, for messages.
  public var line: Int
}

/// Reads the CSV that Fitbit's website exported per period ("Export your account data":
/// `fitbit_export_YYYYMMDD.csv`): sections, each a title line (`Body`, `Foods`,
/// `Activities`, `Sleep`, …), a header and quoted rows, separated by blank lines. Only
/// `Activities` is read (`Date,Calories Burned,Steps,Distance,Floors,…`), one row per day.
///
/// What the file leaves to the account's settings, and how it is read:
/// - dates: `2014-05-22`, or day and month in either order (`01-10-2016` in a European
///   account); the order is the one under which every date exists and consecutive rows are
///   consecutive days (an export is a run of days), and a file where that does not decide it
///   is refused;
/// - numbers: quoted, with thousands separators (`"15,072"`); a distance's decimal separator
///   is the last `.` or `,` not followed by exactly three digits;
/// - the distance unit (kilometres or miles) is not written at all: the caller says it.
public enum FitbitDailyExportReader {
  /// Largest file read: a year of days is about 50 KB, whatever else its sections hold.
  public static let maxFileBytes = 64 << 20

  /// Whether a file's name is the website export's (`fitbit_export_20161001.csv`).
  public static func isExportName(_ path: String) -> Bool {
    let base = FilePath.lastComponent(of: path).lowercased()
    return base.hasPrefix("fitbit_export") && base.hasSuffix(".csv")
  }

  /// Whether a file's first bytes look like the export: a section title line followed by a
  /// `Date,` header (the first section is `Body`, `Foods`, `Activities` or `Sleep`).
  public static func looksLikeExport(head: [UInt8]) -> Bool {
    var text = String(decoding: head.prefix(4096), as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
    guard lines.count >= 2 else { return false }
    let title = lines[0].trimmedOfWhitespace
    return sectionTitles.contains(String(title)) && lines[1].hasPrefix("Date,")
  }

  /// The section titles an export begins with.
  static let sectionTitles: Set<String> = ["Body", "Foods", "Food Log", "Activities", "Sleep"]

  /// The `Activities` rows of one file, in file order; `.badData` (`FILE:LINE: reason`) for a
  /// file without that section, a row that is not a day, or a day given twice.
  public static func days(source: ByteSource) throws -> [FitbitDailyRow] {
    let name = source.name
    var reader = try CSVReader(source: source)
    func fail(_ line: Int, _ reason: String) -> MileQuestError {
      .badData("\(name):\(line): \(reason)")
    }
    func next() throws -> CSVReader.Record? { try reader.nextRecord(file: name) }
    func cell(_ text: String) -> String { Validation.printable(String(text.prefix(40))) }

    struct Raw {
      var date: String
      var steps: Double
      var distance: Double
      var line: Int
    }
    var raws: [Raw] = []
    var sawActivities = false
    var bytes = 0
    // Between sections, in a section that is not read, or in `Activities` (its columns).
    var columns: (date: Int, steps: Int, distance: Int)?
    var awaitingHeaderOf: String?
    var inSection = false
    while let record = try next() {
      bytes += record.fields.reduce(1) { $0 + $1.utf8.count + 1 }
      if bytes > maxFileBytes {
        throw fail(record.line, "larger than \(maxFileBytes >> 20) MiB; is it a Fitbit export?")
      }
      let fields = record.fields.map { $0.trimmedOfWhitespace }
      if fields.allSatisfy(\.isEmpty) {
        inSection = false
        columns = nil
        awaitingHeaderOf = nil
        continue
      }
      if let title = awaitingHeaderOf {
        awaitingHeaderOf = nil
        inSection = true
        guard title == "Activities" else { continue }
        let names = fields.map { $0.lowercased() }
        guard let date = names.firstIndex(of: "date"), let steps = names.firstIndex(of: "steps"),
          let distance = names.firstIndex(of: "distance")
        else {
          throw fail(
            record.line,
            "the Activities header names no Date, Steps and Distance columns (expected "
              + "'Date,Calories Burned,Steps,Distance,…')")
        }
        if sawActivities {
          throw fail(record.line, "a second Activities section; give each export as its own file")
        }
        sawActivities = true
        columns = (date, steps, distance)
        continue
      }
      if !inSection {
        // A section's title: one cell, then its header on the next line.
        awaitingHeaderOf = fields[0]
        continue
      }
      guard let columns else { continue }
      let needed = max(columns.date, columns.steps, columns.distance) + 1
      guard fields.count >= needed else {
        throw fail(
          record.line,
          "the row has \(fields.count) cells; the Activities header names \(needed) "
            + "(a truncated file?)")
      }
      guard let steps = count(fields[columns.steps]) else {
        throw fail(
          record.line, "Steps '\(cell(fields[columns.steps]))' is not a whole number of 0 or more")
      }
      guard let distance = decimal(fields[columns.distance]) else {
        throw fail(
          record.line, "Distance '\(cell(fields[columns.distance]))' is not a number of 0 or more")
      }
      raws.append(
        Raw(date: fields[columns.date], steps: steps, distance: distance, line: record.line))
    }
    guard sawActivities else {
      throw MileQuestError.badData(
        "\(name): no Activities section (a Fitbit website export has one, headed "
          + "'Date,Calories Burned,Steps,Distance,…')")
    }
    let order = try dateOrder(raws.map { ($0.date, $0.line) }, name: name)
    var rows: [FitbitDailyRow] = []
    var lines: [LocalDate: Int] = [:]
    for raw in raws {
      guard let date = parse(raw.date, order: order) else {
        throw fail(raw.line, "Date '\(cell(raw.date))' is not a day")
      }
      if let earlier = lines[date] {
        throw fail(raw.line, "\(date) is also on line \(earlier); which one counts is a guess")
      }
      lines[date] = raw.line
      rows.append(
        FitbitDailyRow(date: date, steps: raw.steps, distance: raw.distance, line: raw.line))
    }
    return rows
  }

  /// How a file writes its dates.
  enum DateOrder: Equatable {
    case yearMonthDay, dayMonthYear, monthDayYear
  }

  /// The three numbers of a date cell (`2014-05-22`, `01-10-2016`, `10/01/2016`,
  /// `01.10.2016`), or nil.
  static func parts(_ text: String) -> [Int]? {
    let pieces = text.split(omittingEmptySubsequences: false) {
      $0 == "-" || $0 == "/" || $0 == "."
    }
    guard pieces.count == 3,
      pieces.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) })
    else { return nil }
    return pieces.map { Int($0)! }
  }

  static func parse(_ text: String, order: DateOrder) -> LocalDate? {
    guard let p = parts(text) else { return nil }
    let yearFirst = text.split(whereSeparator: { !$0.isASCIIDigit }).first?.count == 4
    switch order {
    case .yearMonthDay:
      return yearFirst ? LocalDate(year: p[0], month: p[1], day: p[2]) : nil
    case .dayMonthYear:
      return yearFirst || p[2] < 1000 ? nil : LocalDate(year: p[2], month: p[1], day: p[0])
    case .monthDayYear:
      return yearFirst || p[2] < 1000 ? nil : LocalDate(year: p[2], month: p[0], day: p[1])
    }
  }

  /// The order under which every date is a day and consecutive rows are consecutive days most
  /// often; `.badData` when none, or when two orders do equally well.
  static func dateOrder(_ dates: [(text: String, line: Int)], name: String) throws -> DateOrder {
    guard !dates.isEmpty else { return .yearMonthDay }
    var best: (order: DateOrder, steps: Int)?
    var tied = false
    for order in [DateOrder.yearMonthDay, .dayMonthYear, .monthDayYear] {
      let days = dates.map { parse($0.text, order: order) }
      guard days.allSatisfy({ $0 != nil }) else { continue }
      let numbers = days.map { $0!.dayNumber }
      let steps = zip(numbers, numbers.dropFirst()).filter { $1 - $0 == 1 }.count
      if best == nil || steps > best!.steps {
        best = (order, steps)
        tied = false
      } else if steps == best!.steps {
        tied = true
      }
    }
    guard let best else {
      let bad = dates.first { date in
        [DateOrder.yearMonthDay, .dayMonthYear, .monthDayYear].allSatisfy {
          parse(date.text, order: $0) == nil
        }
      }
      let shown = Validation.printable(String((bad ?? dates[0]).text.prefix(40)))
      throw MileQuestError.badData(
        "\(name):\((bad ?? dates[0]).line): Date '\(shown)' is not a day like 2016-10-01, "
          + "01-10-2016 or 10/01/2016")
    }
    guard !tied else {
      throw MileQuestError.badData(
        "\(name):\(dates[0].line): cannot tell whether '\(Validation.printable(dates[0].text))' "
          + "puts the day or the month first: no two rows are consecutive days either way")
    }
    return best.order
  }

  /// A whole count such as `15,072`, `15.072` or `15072`; nil for anything else.
  static func count(_ text: String) -> Double? {
    let groups = text.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "." }
    guard let first = groups.first, !first.isEmpty, first.count <= 15,
      groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
      groups.dropFirst().allSatisfy({ $0.count == 3 })
    else { return nil }
    return Double(groups.joined())
  }

  /// A decimal such as `6.16`, `6,16`, `1,234.5` or `1.234,5`; nil for anything else (a sign,
  /// an exponent, `nan`).
  static func decimal(_ text: String) -> Double? {
    guard !text.isEmpty, text.count <= 24,
      text.allSatisfy({ $0.isASCIIDigit || $0 == "," || $0 == "." })
    else { return nil }
    // The decimal separator: the last `.` or `,` unless exactly three digits follow it and
    // it is a `,` (then every separator groups thousands: `1,440`).
    var integer = Substring(text)
    var fraction: Substring = ""
    if let last = text.lastIndex(where: { $0 == "," || $0 == "." }) {
      let after = text[text.index(after: last)...]
      let groupsThousands =
        text[last] == "," && after.count == 3
        || text.filter({ $0 == text[last] }).count > 1
      if !groupsThousands {
        integer = text[..<last]
        fraction = after
        guard !fraction.isEmpty else { return nil }
      }
    }
    guard let whole = count(String(integer)) else { return nil }
    guard !fraction.isEmpty else { return whole }
    return Double("\(Int(whole)).\(fraction)")
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
