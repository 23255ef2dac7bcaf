import Foundation

/// Parses the dates people type (`2026-11-20`, `yesterday`, `-3d`, `3 days ago`, `monday`).
public enum DateInput {
  /// Weekday names and their 3-letter abbreviations, by ISO weekday (1 = Monday).
  private static let weekdays: [String: Int] = [
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
  ]

  /// Parses `text` relative to `today`, case-insensitively; a weekday name means the most
  /// recent such day strictly before today (on a Monday, `monday` is 7 days ago). Future
  /// dates are not refused here.
  public static func parse(_ text: String, today: LocalDate) throws -> LocalDate {
    // The common case first, without trimming or lower-casing (imports parse millions).
    if let date = LocalDate(text) { return date }
    let date = try parseAnyYear(text, today: today)
    // `-999999d` reaches back before year 1, which "YYYY-MM-DD" cannot write: such a date
    // stored in the database made every later read of it crash (see RegressionTests).
    guard (1...9999).contains(date.year) else {
      throw MileQuestError.badData(
        "bad date '\(text.trimmedOfWhitespaceAndNewlines)': \(date) is "
          + "outside the years 0001-9999")
    }
    return date
  }

  /// `parse` without the year range check.
  private static func parseAnyYear(_ text: String, today: LocalDate) throws -> LocalDate {
    let trimmed = text.trimmedOfWhitespaceAndNewlines
    let lower = trimmed.lowercased()
    switch lower {
    case "today": return today
    case "yesterday": return today.adding(days: -1)
    case "tomorrow": return today.adding(days: 1)
    default: break
    }
    if let weekday = weekdays[lower] {
      // Days back to the previous such weekday, 1…7 (0 would be today, which is excluded).
      let back = (today.isoWeekday - weekday + 7) % 7
      return today.adding(days: -(back == 0 ? 7 : back))
    }
    if let days = relativeDays(lower) {
      return today.adding(days: -days)
    }
    if let date = LocalDate(trimmed) {
      return date
    }
    if looksISO(trimmed) {
      throw MileQuestError.badData("bad date '\(trimmed)': there is no such day in the calendar")
    }
    throw MileQuestError.badData(
      "bad date '\(trimmed)': use YYYY-MM-DD, today, yesterday, -3d, '3 days ago' or a weekday")
  }

  /// Days back for `-3d`, `-2w`, `3d ago`, `3 days ago`, `1 day ago`, `2 weeks ago`; nil when
  /// the text is not one of these forms.
  private static func relativeDays(_ lower: String) -> Int? {
    var body = Substring(lower)
    if body.hasPrefix("-") {
      // "-3d" only: a space after the sign reads like a typo, not a date.
      body = body.dropFirst()
      guard let first = body.first, first.isASCII, first.isNumber else { return nil }
    } else if body.hasSuffix(" ago") {
      body = body.dropLast(4)
    } else {
      return nil
    }
    body = Substring(body.trimmedOfWhitespace)
    let digits = body.prefix { $0.isASCII && $0.isNumber }
    let unit = body.dropFirst(digits.count).trimmedOfWhitespace
    // Six digits (2 700 years) is plenty and keeps the arithmetic far from overflow.
    guard (1...6).contains(digits.count), let count = Int(digits) else { return nil }
    switch unit {
    case "d", "day", "days": return count
    case "w", "week", "weeks": return count * 7
    default: return nil
    }
  }

  /// True for text shaped like "dddd-dd-dd", so an impossible day gets a precise message.
  private static func looksISO(_ text: String) -> Bool {
    let shape = text.map { $0.isASCII && $0.isNumber ? "d" : $0 }
    return String(shape) == "dddd-dd-dd"
  }
}
