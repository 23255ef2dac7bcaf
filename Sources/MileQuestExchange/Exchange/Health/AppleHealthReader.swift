import MileQuestCore

/// Reads an Apple Health `export.xml` in one streaming pass (no DOM: exports are often
/// 1-5 GB) into per-day totals (`AppleHealthTotals`).
///
/// - Only top-level `<Record>`s count (the ones inside a `<Correlation>` repeat top-level
///   ones); distance records of the four kinds, and `StepCount`.
/// - A record's day is the local date written in its own `startDate`
///   (`2024-03-09 23:10:00 +0100` is 9 March), so each record keeps the time zone it was made in.
/// - A `<Workout>`'s distance is its `totalDistance`, or (newer exports) the `sum` of its
///   `<WorkoutStatistics>` of the matching distance type.
/// - Apple's internal DTD subset (element and attribute declarations only) is accepted;
///   any entity is refused (`XMLScanner.acceptsDeclarationsOnlyDoctype`).
/// Errors are `.badData("FILE:LINE:COL: reason")` (exit 65).
public enum AppleHealthReader {
  public static func totals(at path: String) throws -> AppleHealthTotals {
    let file = try InputFile(path: path)
    return try totals(
      scanner: XMLScanner(readChunk: { try file.read(upTo: XMLScanner.defaultChunkSize) }),
      name: file.path)
  }

  /// The totals of the export whose bytes `source` hands out (a file, a zip member).
  public static func totals(source: ByteSource) throws -> AppleHealthTotals {
    try totals(scanner: XMLScanner(readChunk: { try source.next() }), name: source.name)
  }

  /// The totals of an export in memory, handed to the scanner `chunkSize` bytes at a time
  /// (default 64 KiB; the fuzz harness compares tiny chunks with large ones).
  public static func totals(bytes: [UInt8], name: String, chunkSize: Int? = nil) throws
    -> AppleHealthTotals
  {
    try totals(
      scanner: XMLScanner(bytes: bytes, chunkSize: chunkSize ?? XMLScanner.defaultChunkSize),
      name: name)
  }

  static func totals(scanner: XMLScanner, name: String) throws -> AppleHealthTotals {
    var scanner = scanner
    scanner.keepsText = false
    scanner.acceptsDeclarationsOnlyDoctype = true
    // Records also carry device, creationDate, endDate and sourceVersion, never read here.
    scanner.reportedAttributes = [
      "type", "sourceName", "startDate", "value", "unit", "workoutActivityType", "totalDistance",
      "totalDistanceUnit", "sum",
    ]
    var totals = AppleHealthTotals()
    var depth = 0
    var workout: (kind: HealthDistanceKind, source: String, day: LocalDate, metres: Double?)?
    func fail(_ reason: String) -> MileQuestError {
      .badData("\(name):\(scanner.tokenLine):\(scanner.tokenColumn): \(reason)")
    }
    func attribute(_ attributes: [XMLAttribute], _ key: String) -> String? {
      attributes.first { $0.name == key }?.value
    }
    func required(_ attributes: [XMLAttribute], _ key: String, of element: String) throws
      -> String
    {
      guard let value = attribute(attributes, key) else {
        throw fail("<\(element)> has no \(key)")
      }
      return value
    }
    func day(_ attributes: [XMLAttribute], of element: String) throws -> LocalDate {
      let text = try required(attributes, "startDate", of: element)
      guard text.utf8.count >= 10, let date = LocalDate(String(text.prefix(10))) else {
        throw fail("startDate '\(text.prefix(40))' is not a date")
      }
      return date
    }
    func amount(_ text: String, what: String) throws -> Double {
      guard let value = Double(text), value.isFinite, value >= 0 else {
        throw fail("\(what) '\(text.prefix(40))' is not a non-negative number")
      }
      return value
    }
    func metres(_ text: String, unit: String?, what: String) throws -> Double {
      let value = try amount(text, what: what)
      guard let unit, let factor = metresPerUnit[unit] else {
        throw fail("unknown distance unit '\(unit ?? "")' (expected km, m, mi, yd, ft or cm)")
      }
      return value * factor
    }

    while true {
      let token = try scanner.next(file: name)
      guard let token else { break }
      switch token {
      case .start(let element, let attributes):
        depth += 1
        if depth == 1 {
          guard element == "HealthData" else {
            throw fail(
              "the root element is <\(element)>, not <HealthData>; this is not an Apple Health export"
            )
          }
        } else if depth == 2 && element == "Record" {
          let type = try required(attributes, "type", of: "Record")
          if let kind = HealthDistanceKind.ofRecord(type) {
            let key = AppleHealthTotals.DistanceKey(
              day: try day(attributes, of: "Record"), kind: kind,
              source: try required(attributes, "sourceName", of: "Record"))
            let value = try metres(
              try required(attributes, "value", of: "Record"), unit: attribute(attributes, "unit"),
              what: "value")
            totals.samples[key, default: ExactSum()].add(value)
          } else if type == "HKQuantityTypeIdentifierStepCount" {
            let key = AppleHealthTotals.StepKey(
              day: try day(attributes, of: "Record"),
              source: try required(attributes, "sourceName", of: "Record"))
            let count = try amount(try required(attributes, "value", of: "Record"), what: "value")
            totals.steps[key, default: ExactSum()].add(count)
          }
        } else if depth == 2 && element == "Workout" {
          let type = try required(attributes, "workoutActivityType", of: "Workout")
          if let kind = HealthDistanceKind.ofWorkout(type) {
            var distance: Double?
            if let total = attribute(attributes, "totalDistance") {
              distance = try metres(
                total, unit: attribute(attributes, "totalDistanceUnit"), what: "totalDistance")
            }
            workout = (
              kind, try required(attributes, "sourceName", of: "Workout"),
              try day(attributes, of: "Workout"), distance
            )
          }
        } else if depth == 3 && element == "WorkoutStatistics", let current = workout,
          current.metres == nil,
          let type = attribute(attributes, "type"),
          HealthDistanceKind.ofRecord(type) == current.kind,
          let sum = attribute(attributes, "sum")
        {
          workout?.metres = try metres(sum, unit: attribute(attributes, "unit"), what: "sum")
        }
      case .end(let element):
        if depth == 2 && element == "Workout", let finished = workout {
          if let metres = finished.metres {
            let key = AppleHealthTotals.DistanceKey(
              day: finished.day, kind: finished.kind, source: finished.source)
            totals.workouts[key, default: ExactSum()].add(metres)
          }
          workout = nil
        }
        depth -= 1
      case .text:
        break
      }
    }
    return totals
  }

  /// Metres per distance unit as HealthKit writes them.
  static let metresPerUnit: [String: Double] = [
    "m": 1, "km": 1000, "cm": 0.01, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048,
  ]
}
