import Foundation
import MileQuestKit

/// How the process meets signals. SIGXFSZ is ignored, so a write past the file-size limit
/// (`ulimit -f`) fails with EFBIG and is reported (exit 74) instead of killing the process;
/// SIGINT, SIGTERM and SIGHUP remove the temporary files being written (`TemporaryFiles`) and
/// exit with 128 + the signal's number (130, 143, 129), as a shell reports a signal, after
/// writing the note a command left (`sayOnInterrupt`: an import says nothing was imported).
enum ProcessSignals {
  static func install() {
    signal(SIGXFSZ, SIG_IGN)
    TemporaryFiles.prepare()
    _ = note
    _ = noteLength
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
    let length = Int(noteLength.pointee)
    if length > 0 { _ = write(STDERR_FILENO, note, length) }
    _exit(128 + number)
  }

  /// Longest note, in bytes.
  static let noteCapacity = 512
  /// The line the handler writes on stderr before exiting (`noteLength` bytes of it).
  nonisolated(unsafe) private static let note: UnsafeMutablePointer<UInt8> = {
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: noteCapacity)
    bytes.initialize(repeating: 0, count: noteCapacity)
    return bytes
  }()
  nonisolated(unsafe) private static let noteLength: UnsafeMutablePointer<sig_atomic_t> = {
    let length = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    length.initialize(to: 0)
    return length
  }()

  /// What an interruption by SIGINT, SIGTERM or SIGHUP says on stderr from now on: one line
  /// `milequest: interrupted: <text>` (after clearing a progress line, when one may be
  /// drawn); nil says nothing. A command sets it while what it says is true (an import's
  /// "nothing was imported" until its transaction commits); `Context.run` clears it.
  static func sayOnInterrupt(_ text: String?) {
    setNoteLength(0)
    guard let text else { return }
    let clear = ProgressOutput.wanted(quiet: false) ? ProgressMeter.clearLine : ""
    let bytes = Array((clear + "milequest: interrupted: \(text)\n").utf8.prefix(noteCapacity))
    for (index, byte) in bytes.enumerated() { note[index] = byte }
    setNoteLength(sig_atomic_t(bytes.count))
  }

  /// Not inlined, so the note's bytes are stored before its length says they are there.
  @inline(never)
  private static func setNoteLength(_ value: sig_atomic_t) {
    noteLength.pointee = value
  }
}
