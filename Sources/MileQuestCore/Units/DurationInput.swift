import Foundation

/// Parses and prints walk durations (`45m`, `1h20m`, `1:20:00`, `90`).
public enum DurationInput {
  /// The longest duration accepted: 7 days, in seconds.
  public static let maxSeconds: Double = 7 * 24 * 3600

  /// Forms accepted, shown when an input cannot be read.
  private static let forms =
    "use e.g. 45m, 1h20m, 1h 20m 30s, 1.5h, 1:20 (h:mm), "
    + "1:20:00 (h:mm:ss) or 90 (minutes)"

  /// Parses a duration into seconds: unit forms (`1h 20m 30s`, fractions allowed), `h:mm`,
  /// `h:mm:ss`, or a bare number of minutes; it must be > 0 and at most 7 days.
  public static func parse(_ text: String) throws -> Double {
    let trimmed = text.trimmedOfWhitespaceAndNewlines
    guard !trimmed.isEmpty else {
      throw MileQuestError.badData("empty duration; \(forms)")
    }
    if trimmed.hasPrefix("-") {
      throw MileQuestError.badData("duration '\(trimmed)' must be greater than zero")
    }
    let seconds: Double
    if trimmed.contains(":") {
      seconds = try colonForm(trimmed)
    } else if let minutes = PlainDecimal.value(Substring(trimmed)) {
      // A bare number is minutes (SPEC §2: `90`).
      seconds = minutes * 60
    } else if let total = unitForm(trimmed.lowercased()) {
      seconds = total
    } else {
      throw MileQuestError.badData("bad duration '\(trimmed)': \(forms)")
    }
    guard seconds.isFinite, seconds <= maxSeconds else {
      throw MileQuestError.badData("duration '\(trimmed)' is longer than 7 days")
    }
    guard seconds > 0 else {
      throw MileQuestError.badData("duration '\(trimmed)' must be greater than zero")
    }
    return seconds
  }

  /// Formats seconds as "h:mm:ss" (4800 → "1:20:00"), rounded to the nearest second; negative
  /// values get a leading "-" and non-finite ones print as "-:--:--".
  public static func format(seconds: Double) -> String {
    guard seconds.isFinite, abs(seconds) < 1e15 else { return "-:--:--" }
    let total = Int(abs(seconds).rounded())
    let (hours, rest) = total.quotientAndRemainder(dividingBy: 3600)
    let (minutes, secs) = rest.quotientAndRemainder(dividingBy: 60)
    let sign = seconds < 0 && total > 0 ? "-" : ""
    return "\(sign)\(hours):\(twoDigits(minutes)):\(twoDigits(secs))"
  }

  /// `h:mm` or `h:mm:ss`, with two-digit minutes and seconds below 60.
  private static func colonForm(_ text: String) throws -> Double {
    let fields = text.split(separator: ":", omittingEmptySubsequences: false)
    let isDigits = { (s: Substring) in s.allSatisfy { $0.isASCII && $0.isNumber } }
    guard (2...3).contains(fields.count), !fields[0].isEmpty, fields[0].count <= 6,
      fields.allSatisfy(isDigits), fields.dropFirst().allSatisfy({ $0.count == 2 }),
      let hours = Int(fields[0])
    else {
      throw MileQuestError.badData("bad duration '\(text)': \(forms)")
    }
    let minutes = Int(fields[1]) ?? 0
    let seconds = fields.count == 3 ? Int(fields[2]) ?? 0 : 0
    guard minutes < 60, seconds < 60 else {
      throw MileQuestError.badData(
        "bad duration '\(text)': minutes and seconds must be below 60 in h:mm:ss")
    }
    return Double(hours * 3600 + minutes * 60 + seconds)
  }

  /// `1h20m`, `1h 20m 30s`, `45min`, `1.5h`: number-unit pairs, hours then minutes then
  /// seconds, each at most once; nil when the text is not of this form.
  private static func unitForm(_ lower: String) -> Double? {
    // Rank 0 = hours, 1 = minutes, 2 = seconds; each part must outrank the previous one.
    let units: [(names: Set<String>, seconds: Double)] = [
      (["h", "hr", "hrs", "hour", "hours"], 3600),
      (["m", "min", "mins", "minute", "minutes"], 60),
      (["s", "sec", "secs", "second", "seconds"], 1),
    ]
    var rest = Substring(lower)
    var total = 0.0
    var nextRank = 0
    while true {
      rest = rest.drop { $0 == " " }
      if rest.isEmpty { break }
      let number = rest.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }
      rest = rest.dropFirst(number.count).drop { $0 == " " }
      let name = String(rest.prefix { $0.isLetter })
      rest = rest.dropFirst(name.count)
      guard let value = PlainDecimal.value(number),
        let rank = units.firstIndex(where: { $0.names.contains(name) }), rank >= nextRank
      else { return nil }
      total += value * units[rank].seconds
      nextRank = rank + 1
    }
    return nextRank > 0 ? total : nil
  }

  /// Two-digit zero-padded number for minutes and seconds.
  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
