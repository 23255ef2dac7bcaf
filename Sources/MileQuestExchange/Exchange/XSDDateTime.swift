import Foundation
import MileQuestCore

/// Parses the `xsd:dateTime` values of GPX `<time>` elements by hand.
///
/// Accepted: `YYYY-MM-DDThh:mm:ss` with any number of fraction digits, then `Z`, `±hh:mm`,
/// `±hhmm` or nothing (zone-less times are taken as UTC, as the GPX schema says; GEODESY.md §7).
/// Hand-written because `ISO8601DateFormatter` rejects several of these forms and is slow
/// enough to dominate a large import.
enum XSDDateTime {
  /// Seconds from 1970-01-01 to 2001-01-01, Foundation's reference date.
  private static let referenceOffset: Int64 = 978_307_200

  /// The instant `text` names, or nil when it is not a valid xsd:dateTime.
  static func parse(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { parse(bytes: $0) }
  }

  /// The instant the UTF-8 bytes name (surrounding XML whitespace allowed), or nil.
  static func parse(bytes all: UnsafeBufferPointer<UInt8>) -> Date? {
    var start = 0
    var end = all.count
    while start < end, isSpace(all[start]) { start += 1 }
    while end > start, isSpace(all[end - 1]) { end -= 1 }
    var i = start

    func digits(_ count: Int) -> Int? {
      guard end - i >= count else { return nil }
      var value = 0
      for _ in 0..<count {
        let d = Int(all[i]) - 48
        guard (0...9).contains(d) else { return nil }
        value = value * 10 + d
        i += 1
      }
      return value
    }
    func expect(_ c: Character) -> Bool {
      guard i < end, all[i] == c.asciiValue else { return false }
      i += 1
      return true
    }

    guard let year = digits(4), expect("-"), let month = digits(2), expect("-"),
      let day = digits(2), expect("T"), let hour = digits(2), expect(":"),
      let minute = digits(2), expect(":"), let second = digits(2),
      (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
      hour <= 24, minute <= 59, second <= 60
    else { return nil }

    var fraction = 0.0
    if i < end, all[i] == UInt8(ascii: ".") {
      i += 1
      var mantissa: Int64 = 0
      var scale = 1.0
      var count = 0
      while i < end, (48...57).contains(all[i]) {
        // Beyond 18 digits the extra precision is far below a Double's resolution anyway.
        if count < 18 {
          mantissa = mantissa * 10 + Int64(all[i] - 48)
          scale *= 10
        }
        count += 1
        i += 1
      }
      guard count > 0 else { return nil }
      fraction = Double(mantissa) / scale
    }
    // 24:00:00 is allowed by xsd and means the end of the day.
    if hour == 24, minute != 0 || second != 0 || fraction != 0 { return nil }

    var offsetSeconds = 0
    if i < end {
      if all[i] == UInt8(ascii: "Z") {
        i += 1
      } else if all[i] == UInt8(ascii: "+") || all[i] == UInt8(ascii: "-") {
        let sign = all[i] == UInt8(ascii: "-") ? -1 : 1
        i += 1
        guard let zoneHours = digits(2) else { return nil }
        _ = expect(":")
        guard let zoneMinutes = digits(2), zoneHours <= 14, zoneMinutes <= 59 else { return nil }
        offsetSeconds = sign * (zoneHours * 3600 + zoneMinutes * 60)
      }
    }
    guard i == end else { return nil }

    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds =
      Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
    // Whole seconds first, relative to 2001, so the fraction is added without rounding loss.
    return Date(timeIntervalSinceReferenceDate: Double(seconds - referenceOffset) + fraction)
  }

  /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
  }
}
