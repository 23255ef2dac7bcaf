import Foundation
import MileQuestKit

/// Where the progress line of long work goes: standard error, when it is a terminal.
///
/// The rules of the line (when, how often, what it says) are the Kit's `ProgressMeter`; this
/// only decides whether there is one and writes its bytes. No line when standard error is not
/// a terminal (a pipe, a file), with `--quiet`, or when `TERM` is unset, empty or `dumb`.
enum ProgressOutput {
  /// A meter for this run, or nil when no line may be drawn.
  static func listener(quiet: Bool, output: String?) -> (any WorkListener)? {
    guard wanted(quiet: quiet, output: output) else { return nil }
    return ProgressMeter(
      width: columns() - 1, clock: ProgressMeter.monotonicSeconds,
      draw: { text in write(text) })
  }

  /// Set by a command that streams its data to standard output as it works (an export):
  /// then no line is drawn while that output goes to a terminal too, where the two would mix.
  nonisolated(unsafe) static var streamsToStandardOutput = false

  /// Whether a progress line may be drawn on standard error.
  static func wanted(quiet: Bool, output: String? = nil) -> Bool {
    if quiet || isatty(STDERR_FILENO) != 1 { return false }
    if streamsToStandardOutput && (output == nil || output == "-") && isatty(STDOUT_FILENO) == 1 {
      return false
    }
    guard let term = Terminal.variable("TERM"), !term.isEmpty, term != "dumb" else {
      return false
    }
    return true
  }

  /// The terminal's width on standard error (80 when it cannot be told).
  static func columns() -> Int {
    var size = winsize()
    if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
      return Int(size.ws_col)
    }
    return 80
  }

  /// Writes `text` to standard error at once (unbuffered, as the line is redrawn in place).
  static func write(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes {
        Foundation.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset)
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      offset += n
    }
  }
}
