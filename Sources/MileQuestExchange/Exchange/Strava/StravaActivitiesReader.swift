import Foundation
import MileQuestCore

/// One row of a Strava bulk export's `activities.csv`.
public struct StravaActivity: Sendable, Equatable {
  /// The 1-based line the row starts on.
  public var line: Int
  /// `Activity ID`: Strava's own id, stable across exports.
  public var id: String
  /// `Activity Date`: when the activity started, in UTC.
  public var start: Date
  /// `Activity Name`, when there is one.
  public var name: String?
  /// `Activity Type` as Strava writes it (`Run`, `Ride`, `Nordic Ski`...).
  public var type: String
  /// What the type means for a walk log (`StravaActivitiesReader.activity(forType:)`).
  public var activity: Activity
  /// The distance Strava recorded, in metres; nil when the cell is empty (a manual entry, or
  /// an export that left it out). Zero for activities without distance (yoga, weights).
  public var distanceMetres: Double?
  /// `Elapsed Time` in seconds (pauses included), when given.
  public var elapsedSeconds: Double?
  /// `Moving Time` in seconds, when given.
  public var movingSeconds: Double?
  /// `Total Steps`, when given and above zero.
  public var steps: Int?
  /// `Filename`: the activity's own file inside the export (`activities/123.gpx`,
  /// `activities/123.fit.gz`), when it has one.
  public var filename: String?
}

/// Reads the `activities.csv` of a Strava bulk export (Settings, My Account, Download or
/// Delete Your Account).
///
/// The file names some columns twice: the first `Elapsed Time` and `Distance` are the values
/// as the athlete sees them (whole seconds; a formatted distance in the athlete's unit, km or
/// mi, and for sailing in nautical miles), the second ones are raw (seconds with a fraction,
/// metres). The metres column is used whenever there is one; an older export with a single
/// `Distance` column is read in `formattedUnit` (the caller's `--unit`), thousands separators
/// allowed. `Activity Date` is UTC, written `Jan 1, 2024, 10:00:00 AM` (English exports; ISO
/// `2024-01-01 10:00:00` is read too). Every bad row is reported as `FILE:LINE: reason`.
public enum StravaActivitiesReader {
  /// Rows listed in one error at most.
  public static let errorLimit = 20

  /// The activities of the CSV read from `source`, in file order.
  public static func activities(
    source: ByteSource, formattedUnit: DistanceUnit = .km
  ) throws -> [StravaActivity] {
    let name = source.name
    var reader = try CSVReader(source: source)
    func located(_ error: Error, line: Int?) -> Error {
      guard let error = error as? MileQuestError, case .badData(let reason) = error else {
        return error
      }
      // CSVReader says "line N: reason"; the import's form is FILE:LINE: reason.
      if reason.hasPrefix("line ") {
        return MileQuestError.badData("\(name):\(reason.dropFirst(5))")
      }
      return MileQuestError.badData("\(name):\(line.map(String.init) ?? "1"): \(reason)")
    }
    let header: CSVReader.Record
    do {
      guard let first = try reader.nextRecord() else {
        throw MileQuestError.badData("\(name): the file is empty; expected Strava's activities.csv")
      }
      header = first
    } catch { throw located(error, line: 1) }
    let columns = try Columns(header.fields, name: name)
    var problems: [String] = []
    var bad = 0
    var rows = 0
    var activities: [StravaActivity] = []
    var seen: [String: Int] = [:]
    while true {
      let record: CSVReader.Record
      do {
        guard let next = try reader.nextRecord() else { break }
        record = next
      } catch {
        // A broken record (a quote never closed, an overlong line) ends the file.
        let error = located(error, line: nil)
        bad += 1
        if problems.count < errorLimit { problems.append("\(error)") }
        break
      }
      if record.fields == [""] { continue }  // a blank line
      rows += 1
      do {
        var activity = try columns.activity(record, formattedUnit: formattedUnit)
        if let first = seen[activity.id] {
          throw MileQuestError.badData(
            "activity ID \(activity.id) appears twice (first on line \(first))")
        }
        seen[activity.id] = record.line
        activity.line = record.line
        activities.append(activity)
      } catch let error as MileQuestError {
        bad += 1
        if problems.count < errorLimit { problems.append("\(name):\(record.line): \(error)") }
      }
    }
    if bad > 0 {
      if bad > problems.count {
        problems.append("… and \(bad - problems.count) more bad rows")
      }
      throw MileQuestError.badRecords(
        problems: problems, summary: "nothing was imported (\(bad) bad of \(rows) rows)")
    }
    return activities
  }

  /// What a Strava activity type is in a walk log. Strava's sport types: walking, running
  /// (trail and virtual too), hiking, wheelchair, the rides (road, mountain, gravel, e-bike,
  /// virtual, hand cycle, velomobile) and swimming map to their activity; every other sport
  /// (skiing, rowing, sailing, snowshoeing, workouts...) is `other`.
  public static func activity(forType type: String) -> Activity {
    let key = type.lowercased().filter { $0.isLetter }
    switch key {
    case "walk", "walking": return .walk
    case "run", "running", "trailrun", "virtualrun": return .run
    case "hike", "hiking": return .hike
    case "wheelchair": return .wheelchair
    case "ride", "cycling", "mountainbikeride", "gravelride", "ebikeride", "emountainbikeride",
      "virtualride", "handcycle", "velomobile":
      return .cycle
    case "swim", "swimming": return .swim
    default: return .other
    }
  }

  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// `Jan 1, 2024, 10:00:00 AM` or `2024-01-01 10:00:00`, as UTC; nil for anything else.
  public static func date(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    if let first = trimmed.first, first.isNumber {
      // 2024-01-01 10:00:00
      let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "T" }
      )
      guard parts.count == 6, let y = Int(parts[0]), let mo = Int(parts[1]), let d = Int(parts[2]),
        let h = Int(parts[3]), let mi = Int(parts[4]), let s = Int(parts[5])
      else { return nil }
      (year, month, day, hour, minute, second) = (y, mo, d, h, mi, s)
      guard (0...23).contains(hour) else { return nil }
    } else {
      // Jan 1, 2024, 10:00:00 AM
      let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
      guard parts.count == 5, let m = months.firstIndex(of: parts[0].lowercased()),
        let d = Int(parts[1]), let y = Int(parts[2])
      else { return nil }
      let clock = parts[3].split(separator: ":")
      guard clock.count == 3, let h = Int(clock[0]), let mi = Int(clock[1]), let s = Int(clock[2]),
        (1...12).contains(h)
      else { return nil }
      switch parts[4].uppercased() {
      case "AM": hour = h == 12 ? 0 : h
      case "PM": hour = h == 12 ? 12 : h + 12
      default: return nil
      }
      (year, month, day, minute, second) = (y, m + 1, d, mi, s)
    }
    guard (1970...9999).contains(year), (0...59).contains(minute), (0...60).contains(second),
      let date = LocalDate(year: year, month: month, day: day)
    else { return nil }
    let seconds = (date.dayNumber * 86_400) + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  /// Where each needed column is.
  private struct Columns {
    var id: Int
    var date: Int
    var name: Int?
    var type: Int
    /// The raw metres column when there are two `Distance` columns; else nil.
    var metres: Int?
    /// The formatted `Distance` column (the only one in older exports).
    var formatted: Int?
    var elapsed: [Int]
    var moving: [Int]
    var steps: Int?
    var filename: Int?

    init(_ header: [String], name: String) throws {
      let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
      func all(_ column: String) -> [Int] {
        names.indices.filter { names[$0] == column }
      }
      guard let id = all("Activity ID").first, let date = all("Activity Date").first,
        let type = all("Activity Type").first
      else {
        throw MileQuestError.badData(
          "\(name):1: no 'Activity ID', 'Activity Date' and 'Activity Type' columns; this is not "
            + "the activities.csv of a Strava export (in English)")
      }
      let distances = all("Distance")
      guard !distances.isEmpty else {
        throw MileQuestError.badData("\(name):1: no 'Distance' column")
      }
      self.id = id
      self.date = date
      self.type = type
      self.name = all("Activity Name").first
      formatted = distances.first
      metres = distances.count > 1 ? distances.last : nil
      elapsed = all("Elapsed Time")
      moving = all("Moving Time")
      steps = all("Total Steps").first
      filename = all("Filename").first
    }

    func activity(_ record: CSVReader.Record, formattedUnit: DistanceUnit) throws
      -> StravaActivity
    {
      let fields = record.fields
      func cell(_ index: Int?) -> String? {
        guard let index, index < fields.count else { return nil }
        let text = fields[index].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
      }
      func number(_ index: Int?, _ what: String, grouping: Bool = false) throws -> Double? {
        guard var text = cell(index) else { return nil }
        if grouping { text.removeAll { $0 == "," } }
        guard let value = Double(text), value.isFinite, value >= 0 else {
          throw MileQuestError.badData(
            "\(what) '\(Validation.printable(String(text.prefix(40))))' is not a number of 0 or more"
          )
        }
        return value
      }
      guard fields.count > max(id, date, type) else {
        throw MileQuestError.badData(
          "the row has \(fields.count) cells; the header names more (a truncated file?)")
      }
      guard let identifier = cell(id) else { throw MileQuestError.badData("Activity ID is empty") }
      guard identifier.count <= 40,
        identifier.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
      else {
        throw MileQuestError.badData(
          "Activity ID '\(Validation.printable(String(identifier.prefix(40))))' is not an id")
      }
      let dateText = cell(date) ?? ""
      guard let start = StravaActivitiesReader.date(dateText) else {
        throw MileQuestError.badData(
          "Activity Date '\(Validation.printable(String(dateText.prefix(40))))' is not a date "
            + "like 'Jan 1, 2024, 10:00:00 AM'")
      }
      let typeText = cell(type) ?? ""
      // With a metres column, the formatted one is never read: its unit (km, mi, or nautical
      // miles for sailing) is not written anywhere.
      var distance: Double?
      if let metres {
        distance = try number(metres, "Distance (metres)")
      } else if let formatted {
        distance = try number(formatted, "Distance", grouping: true).map {
          $0 * formattedUnit.metres
        }
        if let metres = distance, !metres.isFinite {
          throw MileQuestError.badData("Distance \(cell(formatted) ?? "") is too large")
        }
      }
      // Elapsed and moving times: the raw (second) column when filled, else the first.
      func lastFilled(_ indices: [Int], _ what: String) throws -> Double? {
        for index in indices.reversed() {
          if let value = try number(index, what) { return value }
        }
        return nil
      }
      let elapsedSeconds = try lastFilled(elapsed, "Elapsed Time")
      let movingSeconds = try lastFilled(moving, "Moving Time")
      var stepCount: Int?
      if let value = try number(steps, "Total Steps"), value >= 1 {
        guard value <= 10_000_000 else {
          throw MileQuestError.badData("Total Steps \(value) is more than anyone walks")
        }
        stepCount = Int(value.rounded())
      }
      return StravaActivity(
        line: record.line, id: identifier, start: start,
        name: cell(name).map { String($0.prefix(500)) }, type: typeText,
        activity: StravaActivitiesReader.activity(forType: typeText), distanceMetres: distance,
        elapsedSeconds: elapsedSeconds, movingSeconds: movingSeconds, steps: stepCount,
        filename: cell(filename))
    }
  }
}
