import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuestService.ExportKind: ArgumentEnum {}

extension MileQuest {
  /// `milequest export KIND`: scriptable exports.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      _superCommandName: "milequest",
      abstract: "Export walks, members, teams, memberships, goals, routes or everything.",
      discussion: Examples.following(
        """
        --format csv (default), tsv, json or ndjson; `all` is one JSON document that \
        `milequest import all` reads back into an empty database. CSV cells that start with \
        = + - @ or a tab are prefixed with ' against spreadsheet formula injection (plain \
        numbers excepted); imports undo that.
        """,
        "milequest export walks -f json",
        "milequest export members -o members.csv",
        "milequest export all -o everything.json"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "What to export.") var kind: MileQuestService.ExportKind

    func run() throws {
      // Exports are the files `import` reads back: their columns are fixed (docs/output.md).
      if options.fields != nil || options.noHeader {
        throw MileQuestError.usage(
          "export writes the columns that import reads back; --fields and --no-header are "
            + "for the reports")
      }
      let format: ExchangeFormat
      switch options.format {
      case nil, .table?, .csv?:
        format = options.output.flatMap { ExchangeFormat(fileName: $0) } ?? .csv
      case .json?: format = .json
      case .ndjson?: format = .ndjson
      case .tsv?: format = .tsv
      }
      ProgressOutput.streamsToStandardOutput = true
      // `all` is one JSON document (what `import all` reads); asking for rows is a mistake
      // worth saying, not a format to ignore.
      let named = options.output.flatMap { ExchangeFormat(fileName: $0) }
      let rowsAsked: Bool =
        switch options.format {
        case .csv?, .tsv?, .ndjson?: true
        case .json?: false
        case .table?, nil: named != nil && named != .json
        }
      if kind == .all && rowsAsked {
        throw MileQuestError.usage(
          "export all writes one JSON document (what 'import all' reads); --format json or an "
            + "output file named .json")
      }
      try Context.run(options) { context in
        if kind == .all {
          // Rows changed outside milequest that cannot be read are left out, each named on
          // stderr; everything else is written, and the exit (65) says the copy is partial.
          let skipped = SkippedRows()
          try context.service.exportAll(skipped: skipped) { try context.printer.stream($0) }
          if !skipped.rows.isEmpty {
            try context.printer.finish()
            for row in skipped.rows {
              FileHandle.standardError.write(Data("milequest: warning: skipped \(row)\n".utf8))
            }
            throw MileQuestError.badData(
              "export all left out \(skipped.rows.count) unreadable rows (listed above) and wrote "
                + "everything else; 'milequest check' lists every problem")
          }
        } else {
          try context.service.export(kind, format: format) { try context.printer.stream($0) }
        }
      }
    }
  }
}
