import Foundation

/// A calendar date with no time and no time zone (proleptic Gregorian), such as a walk's date.
///
/// Stored as a day count so that comparing, hashing and day arithmetic are plain integer
/// operations; year, month and day come from Howard Hinnant's `civil_from_days` /
/// `days_from_civil` ("chrono-Compatible Low-Level Date Algorithms",
/// https://howardhinnant.github.io/date_algorithms.html).
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
  LosslessStringConvertible
{
  /// Days since 1970-01-01 (which is day 0); negative before it.
  public let dayNumber: Int

  /// The date with this day number.
  public init(dayNumber: Int) {
    self.dayNumber = dayNumber
  }

  /// The date with these parts, or nil when it does not exist (2026-02-30, month 13) or the
  /// year is outside 1…9999 (so that `description` is always "YYYY-MM-DD").
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Self.daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    self.init(dayNumber: Self.daysFromCivil(year: year, month: month, day: day))
  }

  /// Parses exactly "YYYY-MM-DD" (ASCII digits, a real calendar day); nil for anything else.
  public init?(_ description: String) {
    // The UTF-8 in place (a 10-byte string is stored inline): no array per date, which a
    // team's year of walks would allocate thousands of times.
    var text = description
    guard let date = text.withUTF8(Self.parse) else { return nil }
    self = date
  }

  /// Parses exactly "YYYY-MM-DD" from UTF-8 bytes (a database column read in place).
  public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard let date = Self.parse(bytes) else { return nil }
    self = date
  }

  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDate? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
    else { return nil }
    return LocalDate(year: year, month: month, day: day)
  }

  /// Today's date on the wall clock of `timeZone` at the instant `now`.
  public static func today(in timeZone: TimeZone = .current, now: Date = Date()) -> LocalDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    if let year = parts.year, let month = parts.month, let day = parts.day,
      let date = LocalDate(year: year, month: month, day: day)
    {
      return date
    }
    // Not reached for real clocks; shifting by the zone's offset gives the same day.
    let seconds = now.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: now))
    return LocalDate(dayNumber: Int((seconds / 86_400).rounded(.down)))
  }

  // MARK: Parts

  /// The year (1970 for day 0).
  public var year: Int { Self.civilFromDays(dayNumber).year }
  /// The month, 1 = January … 12 = December.
  public var month: Int { Self.civilFromDays(dayNumber).month }
  /// The day of the month, 1 … 31.
  public var day: Int { Self.civilFromDays(dayNumber).day }

  /// ISO 8601 weekday: 1 = Monday … 7 = Sunday.
  public var isoWeekday: Int {
    // Day 0, 1970-01-01, was a Thursday (4); floor modulo keeps earlier dates right.
    Self.floorMod(dayNumber + 3, 7) + 1
  }

  // MARK: Arithmetic

  /// The date `days` days later (earlier when negative).
  public func adding(days: Int) -> LocalDate {
    LocalDate(dayNumber: dayNumber + days)
  }

  /// Whole days from `other` to this date (`self − other`): positive when this date is later.
  public func days(from other: LocalDate) -> Int {
    dayNumber - other.dayNumber
  }

  /// The Monday that starts this date's ISO week.
  public var startOfISOWeek: LocalDate { adding(days: 1 - isoWeekday) }
  /// The Sunday that ends this date's ISO week.
  public var endOfISOWeek: LocalDate { adding(days: 7 - isoWeekday) }
  /// The first day of this date's month.
  public var startOfMonth: LocalDate { adding(days: 1 - day) }
  /// The last day of this date's month.
  public var endOfMonth: LocalDate {
    let parts = Self.civilFromDays(dayNumber)
    return adding(days: Self.daysInMonth(year: parts.year, month: parts.month) - parts.day)
  }
  /// January 1 of this date's year.
  public var startOfYear: LocalDate {
    LocalDate(dayNumber: Self.daysFromCivil(year: year, month: 1, day: 1))
  }
  /// December 31 of this date's year.
  public var endOfYear: LocalDate {
    LocalDate(dayNumber: Self.daysFromCivil(year: year, month: 12, day: 31))
  }

  // MARK: Protocols

  /// "YYYY-MM-DD", the ISO 8601 calendar date.
  public var description: String {
    let parts = Self.civilFromDays(dayNumber)
    if (0...9999).contains(parts.year) {
      // Written digit by digit: exports and listings print millions of dates.
      return String(unsafeUninitializedCapacity: 10) { buffer in
        func put(_ value: Int, at end: Int, width: Int) {
          var rest = value
          for offset in stride(from: end - 1, through: end - width, by: -1) {
            buffer[offset] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
          }
        }
        put(parts.year, at: 4, width: 4)
        buffer[4] = UInt8(ascii: "-")
        put(parts.month, at: 7, width: 2)
        buffer[7] = UInt8(ascii: "-")
        put(parts.day, at: 10, width: 2)
        return 10
      }
    }
    return "\(Self.padded(parts.year, 4))-\(Self.padded(parts.month, 2))-"
      + Self.padded(parts.day, 2)
  }

  /// Orders dates chronologically.
  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    lhs.dayNumber < rhs.dayNumber
  }

  /// Decodes from a "YYYY-MM-DD" string.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = LocalDate(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "bad date '\(text)': expected YYYY-MM-DD")
    }
    self = date
  }

  /// Encodes as a "YYYY-MM-DD" string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  // MARK: Calendar arithmetic (Hinnant)

  /// True for Gregorian leap years: every 4th year, except centuries not divisible by 400.
  static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// Days in a month of the proleptic Gregorian calendar (month 1…12).
  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Hinnant's `days_from_civil`: days since 1970-01-01 of a valid y-m-d.
  ///
  /// Counts in 400-year eras (146 097 days) of years that start on March 1, so February's
  /// leap day falls at the end of the year and needs no special case.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400  // [0, 399]
    let shiftedMonth = month > 2 ? month - 3 : month + 9  // March = 0
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1  // [0, 365]
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // [0, 146096]
    return era * 146_097 + dayOfEra - 719_468  // 719 468 = days from 0000-03-01 to 1970-01-01
  }

  /// Hinnant's `civil_from_days`: the y-m-d of a day number (inverse of `daysFromCivil`).
  static func civilFromDays(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097  // [0, 146096]
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365  // [0, 399]
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // [0, 365]
    let shiftedMonth = (5 * dayOfYear + 2) / 153  // March = 0
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// `a mod n` rounded towards negative infinity, so it is never negative for n > 0.
  private static func floorMod(_ a: Int, _ n: Int) -> Int {
    let r = a % n
    return r < 0 ? r + n : r
  }

  /// Zero-pads a non-negative number to `width` digits; negative years keep their sign.
  private static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let padding = String(repeating: "0", count: max(0, width - digits.count))
    return (value < 0 ? "-" : "") + padding + digits
  }
}
