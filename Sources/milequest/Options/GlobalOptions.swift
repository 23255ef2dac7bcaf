import ArgumentParser
import Foundation
import MileQuestKit

/// Output formats for data (`--format`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv, tsv, ndjson
}

extension DistanceUnit: ExpressibleByArgument {}

/// Options every command accepts, before or after the subcommand.
struct GlobalOptions: ParsableArguments {
  @Option(name: .long, help: "The database file (env MILEQUEST_DB).")
  var db: String?

  @Option(name: .customLong("as"), help: "The acting member's handle (env MILEQUEST_USER).")
  var actingMember: String?

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat?

  @Option(name: .long, help: "Display unit (env MILEQUEST_UNIT).")
  var unit: DistanceUnit?

  @Option(name: .long, help: "Write the output to FILE; its extension picks the format.")
  var output: String?

  @Flag(name: .long, help: "Print only data and errors.")
  var quiet = false

  @Flag(name: .customLong("no-color"), help: "Never colour the output.")
  var noColor = false

  @Flag(name: .long, help: "Do not ask before changes that touch many rows.")
  var yes = false

  @Flag(name: .customLong("dry-run"), help: "Report what would change, change nothing.")
  var dryRun = false

  /// Options that take a value, for moving global options typed before the subcommand.
  static let valued: Set<String> = ["--db", "--as", "--format", "--unit", "--output"]
  /// Flags, likewise.
  static let flags: Set<String> = ["--quiet", "--no-color", "--yes", "--dry-run"]
}
