import Foundation
import MileQuestKit

/// How the process meets signals. SIGXFSZ is ignored, so a write past the file-size limit
/// (`ulimit -f`) fails with EFBIG and is reported (exit 74) instead of killing the process;
/// SIGINT, SIGTERM and SIGHUP remove the temporary files being written (`TemporaryFiles`) and
/// exit with 128 + the signal's number (130, 143, 129), as a shell reports a signal.
enum ProcessSignals {
  static func install() {
    signal(SIGXFSZ, SIG_IGN)
    TemporaryFiles.prepare()
    for number in [SIGINT, SIGTERM, SIGHUP] {
      // A signal the parent ignores (nohup, a background job) stays ignored.
      let previous: Handler? = signal(number, interrupted)
      let ignore: Handler? = SIG_IGN
      if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(ignore, to: Int.self) {
        signal(number, SIG_IGN)
      }
    }
  }

  typealias Handler = @convention(c) (Int32) -> Void

  /// Async-signal-safe: unlinks from a preallocated table, then `_exit`.
  private static let interrupted: Handler = { number in
    TemporaryFiles.removeAll()
    _exit(128 + number)
  }
}
