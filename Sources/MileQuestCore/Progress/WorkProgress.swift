import Foundation

/// What long work counts: bytes of an input file, or rows (walks, records, pages).
public enum WorkUnit: Sendable, Equatable {
  case bytes
  case rows
  /// Database pages (a backup or restore copies the file a few pages at a time).
  case pages
}

/// Someone listening to the counts of long work (imports, exports, backups, checks).
///
/// The Kit calls `begin`, then `update` at most once per chunk or batch (never per byte or
/// per row), then `end`, which also runs when the work fails. With no listener the Kit does
/// not even count, so a command nobody watches pays nothing.
public protocol WorkListener: AnyObject, Sendable {
  /// Work named `label` starts; `total` is its size when known (a file's bytes, rows to go).
  func begin(_ label: String, unit: WorkUnit, total: Int?)
  /// `done` units of the work are done (a running count, not an increment).
  func update(done: Int)
  /// The work is over, finished or failed.
  func end()
}

/// The progress line of long work: when it is drawn, its rate and time left, and its text.
///
/// Nothing is drawn for work shorter than `startAfter` seconds; after that the line is
/// redrawn in place at most once per `interval` (`\r`, the text, then "clear to the end of
/// the line"), and `end` clears it, so the summary that follows starts on a clean line. The
/// clock is injected: tests drive time by hand, the CLI passes a monotonic clock. What is
/// drawn goes to `draw` as the exact bytes to write (the CLI writes them to standard error).
///
/// `@unchecked Sendable`: a meter is used by the one thread that runs the command's work.
public final class ProgressMeter: WorkListener, @unchecked Sendable {
  /// Seconds of work before the first drawing.
  public let startAfter: Double
  /// Least seconds between two drawings.
  public let interval: Double
  /// Columns the line may use (the text is cut to fit, so it never wraps).
  public let width: Int
  private let clock: () -> Double
  private let draw: (String) -> Void

  private var label = ""
  private var unit = WorkUnit.rows
  private var total: Int?
  private var started: Double?
  private var lastDrawn: Double?

  /// `clock` returns seconds from any fixed point; `draw` receives the bytes to write.
  public init(
    width: Int = 79, startAfter: Double = 0.75, interval: Double = 0.1,
    clock: @escaping () -> Double, draw: @escaping (String) -> Void
  ) {
    self.width = max(20, width)
    self.startAfter = startAfter
    self.interval = interval
    self.clock = clock
    self.draw = draw
  }

  /// Whether a line is on the screen now.
  public var isShown: Bool { lastDrawn != nil }

  public func begin(_ label: String, unit: WorkUnit, total: Int?) {
    end()
    self.label = label
    self.unit = unit
    self.total = total
    started = clock()
    lastDrawn = nil
  }

  public func update(done: Int) {
    guard let started else { return }
    let now = clock()
    let elapsed = now - started
    if elapsed < startAfter { return }
    if let lastDrawn, now - lastDrawn < interval { return }
    lastDrawn = now
    let text = Self.line(
      label: label, done: done, total: total, unit: unit, elapsed: elapsed, width: width)
    draw("\r" + text + Self.clearToEnd)
  }

  public func end() {
    if lastDrawn != nil { draw(Self.clearLine) }
    started = nil
    lastDrawn = nil
  }

  /// ANSI "erase to the end of the line".
  public static let clearToEnd = "\u{1B}[K"
  /// Back to the first column, then erase the line: what `end` writes.
  public static let clearLine = "\r\u{1B}[K"

  /// The line's text: `import walks.csv: 12.0 MiB of 40.0 MiB (30%), 8.0 MiB/s, 4 s left`.
  ///
  /// The rate is the average since the start; the time left is what remains at that rate
  /// (shown only with a known total and a rate above zero). Control characters of the label
  /// are escaped; a text longer than `width` characters is cut with `…`.
  public static func line(
    label: String, done: Int, total: Int?, unit: WorkUnit, elapsed: Double, width: Int = 79
  ) -> String {
    var parts: [String] = []
    if let total, total > 0 {
      let shown = min(done, total)
      let percent = Int((Double(shown) * 100 / Double(total)).rounded(.down))
      // "3.0 MiB of 8.5 MiB", but "120 of 1000 rows".
      let doneText = unit == .bytes ? amount(shown, unit) : "\(shown)"
      parts.append("\(doneText) of \(amount(total, unit)) (\(percent)%)")
    } else {
      parts.append(amount(done, unit))
    }
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    if rate > 0 {
      parts.append(rateText(rate, unit))
      if let total, total > 0 {
        let left = Double(max(0, total - done)) / rate
        parts.append("\(duration(left)) left")
      }
    }
    let text = TerminalText.escaped(label) + ": " + parts.joined(separator: ", ")
    guard text.count > width else { return text }
    return String(text.prefix(width - 1)) + "…"
  }

  /// `1234 rows`, `512 B`, `3.4 MiB`, `1.2 GiB`, `80 pages`.
  public static func amount(_ count: Int, _ unit: WorkUnit) -> String {
    switch unit {
    case .rows: return count == 1 ? "1 row" : "\(count) rows"
    case .pages: return count == 1 ? "1 page" : "\(count) pages"
    case .bytes: return bytes(Double(count))
    }
  }

  /// A rate per second: `50000 rows/s`, `8.0 MiB/s`.
  public static func rateText(_ perSecond: Double, _ unit: WorkUnit) -> String {
    switch unit {
    case .rows: return "\(Int(perSecond.rounded())) rows/s"
    case .pages: return "\(Int(perSecond.rounded())) pages/s"
    case .bytes: return bytes(perSecond) + "/s"
    }
  }

  /// Bytes in binary units, one decimal from KiB up.
  static func bytes(_ count: Double) -> String {
    let units = ["KiB", "MiB", "GiB", "TiB"]
    if count < 1024 { return "\(Int(count.rounded(.down))) B" }
    var value = count / 1024
    var index = 0
    while value >= 1024 && index < units.count - 1 {
      value /= 1024
      index += 1
    }
    return FixedDecimal.string(value, places: 1) + " " + units[index]
  }

  /// Seconds left as people read them: `4 s`, `2 min 05 s`, `1 h 02 min`.
  public static func duration(_ seconds: Double) -> String {
    let whole = Int(min(seconds, 359_999).rounded(.up))
    if whole < 60 { return "\(whole) s" }
    if whole < 3600 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
    return "\(whole / 3600) h \(twoDigits(whole % 3600 / 60)) min"
  }

  private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// Seconds from a fixed point that never jumps (`CLOCK_MONOTONIC`), for the CLI's meter.
  public static func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
