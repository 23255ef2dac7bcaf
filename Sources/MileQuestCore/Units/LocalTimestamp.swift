import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An instant as an RFC 3339 timestamp on the local wall clock ("2026-11-26T08:15:02+01:00",
/// "…Z" when the offset is zero), the form `ISO8601DateFormatter` writes with
/// `.withInternetDateTime`.
///
/// Written with the C library's `localtime_r` (which honours `TZ` as Foundation does) because
/// the formatter's first use loads ICU's calendar and time-zone data: about a millisecond,
/// paid by every `log` for the timestamp of its undo record.
public enum LocalTimestamp {
  public static func string(from date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    tzset()
    guard localtime_r(&seconds, &parts) != nil else {
      return ISO8601DateFormatter.string(
        from: date, timeZone: .current, formatOptions: [.withInternetDateTime])
    }
    func padded(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    func two(_ value: Int) -> String { padded(value, 2) }
    var text = padded(Int(parts.tm_year) + 1900, 4)
    text += "-\(two(Int(parts.tm_mon) + 1))-\(two(Int(parts.tm_mday)))"
    text += "T\(two(Int(parts.tm_hour))):\(two(Int(parts.tm_min))):\(two(Int(parts.tm_sec)))"
    let offset = Int(parts.tm_gmtoff)
    if offset == 0 { return text + "Z" }
    let minutes = abs(offset) / 60
    return text + (offset < 0 ? "-" : "+") + "\(two(minutes / 60)):\(two(minutes % 60))"
  }
}
