import Foundation
import MileQuestKit
import Synchronization

/// `--watch` of `leaderboard` and `progress`: the report kept current by `LiveReport` (Kit),
/// printed as a terminal user or a script expects it.
///
/// - On a terminal (text output, `TERM` not `dumb`): each rendering replaces the last in
///   place (cursor home, every line cleared to its end, the rest of the screen cleared).
/// - Text into a pipe or file: each new rendering printed once, after an empty line.
/// - `--format ndjson`: one JSON document per line, the first at start, then one per change.
/// - `--format json`, `csv`, `tsv` and `--output FILE` are refused (64): a JSON document,
///   a CSV table and a file each hold one state, not a sequence of them.
/// - Ctrl-C (SIGINT) ends the watch normally: exit 0, as `watch` and `journalctl -f` do.
///   SIGTERM and SIGHUP end it as they end any command: exit 143, 129. Either way the current
///   rendering is finished first; a second signal ends the process at once.
enum LiveOutput {
  /// Set by `milequest shell`: a watch runs until Ctrl-C, so it is refused inside the shell.
  nonisolated(unsafe) static var inShell = false

  /// The signal that asked the watch to stop; 0 while none has.
  static let stopSignal = Atomic<Int32>(0)

  /// Refuses (64) a watch with options it cannot honour, before the database is opened.
  static func refuseUnusable(_ options: GlobalValues) throws {
    if inShell {
      throw MileQuestError.usage(
        "--watch runs until Ctrl-C, so not inside 'milequest shell'; run it from your system "
          + "shell")
    }
    if let output = options.output, output != "-" {
      throw MileQuestError.usage(
        "--watch prints to standard output, not to --output; redirect it instead (> FILE)")
    }
    if options.fields != nil {
      throw MileQuestError.usage(
        "--watch prints whole documents; --fields is for a single run")
    }
    switch options.format {
    case .json?:
      throw MileQuestError.usage(
        "--watch prints one JSON document per change: use --format ndjson (one per line)")
    case .csv?, .tsv?:
      throw MileQuestError.usage(
        "--watch prints a table, or one JSON document per line with --format ndjson; not "
          + "\(options.format?.rawValue ?? "csv")")
    case .table?, .ndjson?, nil:
      break
    }
  }

  /// Runs the watch: `report` prints the report once through the context's printer, with
  /// the service it is given (whose `today` is the day of that rendering).
  static func run(
    _ options: GlobalValues,
    report: (_ context: Context, _ service: MileQuestService) throws -> Void
  ) throws {
    try refuseUnusable(options)
    var ending: Int32 = 0
    try Context.run(options) { context in
      let store = try LiveReport.watching(context.store)
      let printer = context.printer
      printer.wholeDocuments = true
      let screen =
        printer.format == .table && isatty(1) == 1 && Terminal.variable("TERM") != "dumb"
      let environment = Settings.environment()
      let base = context.service
      var first = true
      installHandlers()
      try LiveReport().run(
        store,
        render: {
          // Today is read again for every rendering: a watch left running past midnight
          // shows the new day's board.
          let service = MileQuestService(
            store: base.store, today: try Settings.today(environment),
            actingHandle: base.actingHandle, unit: base.unit, weekStart: base.weekStart)
          try report(context, service)
          return printer.takeOutput()
        },
        show: { text in
          if screen {
            try Printer.writeToStandardOutput(redrawn(text))
          } else if first || printer.format == .ndjson {
            try Printer.writeToStandardOutput(text)
          } else {
            try Printer.writeToStandardOutput("\n" + text)
          }
          first = false
        },
        stopped: { stopSignal.load(ordering: .relaxed) != 0 })
      ending = stopSignal.load(ordering: .relaxed)
    }
    if ending != 0 && ending != SIGINT { exit(128 + ending) }
  }

  /// `text` drawn over the screen from its top left corner: each line cleared to its end,
  /// the rest of the screen cleared, so nothing flickers and nothing old remains.
  static func redrawn(_ text: String) -> String {
    let lines = text.hasSuffix("\n") ? String(text.dropLast()) : text
    return "\u{1B}[H"
      + lines.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0 + "\u{1B}[K" }.joined(separator: "\n") + "\n\u{1B}[J"
  }

  typealias Handler = @convention(c) (Int32) -> Void

  /// SIGINT, SIGTERM and SIGHUP set `stopSignal` (async-signal-safe: one atomic store); a
  /// second one exits at once. A signal the parent ignores (nohup) stays ignored.
  private static func installHandlers() {
    _ = stopSignal.load(ordering: .relaxed)  // initialised before any handler can run
    for number in [SIGINT, SIGTERM, SIGHUP] {
      let previous: Handler? = signal(number, stop)
      let ignore: Handler? = SIG_IGN
      if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(ignore, to: Int.self) {
        signal(number, SIG_IGN)
      }
    }
  }

  private static let stop: Handler = { number in
    if LiveOutput.stopSignal.exchange(number, ordering: .relaxed) != 0 {
      _exit(128 + number)
    }
  }
}
