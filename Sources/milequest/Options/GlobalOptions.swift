import ArgumentParser
import Foundation
import MileQuestKit

/// Output formats for data (`--format`).
enum OutputFormat: String, ArgumentEnum {
  case table, json, csv, tsv, ndjson
}

extension DistanceUnit: ArgumentEnum {}
extension ColorChoice: ArgumentEnum {}

/// A string-backed enum as an option value, described by its raw values directly: the same
/// strings ArgumentParser's defaults produce, without their string interpolation, whose dynamic
/// casts scan every protocol conformance in the binary (a start-up cost on every run).
public protocol ArgumentEnum: ExpressibleByArgument, CaseIterable, RawRepresentable
where RawValue == String {}

extension ArgumentEnum {
  public var defaultValueDescription: String { rawValue }
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
  public static var allValueDescriptions: [String: String] { [:] }
}

/// The global options' values as a plain struct: what `Settings`, `Printer` and `Context` read.
/// The quick path (`QuickParse`) fills one without building ArgumentParser's types.
struct GlobalValues: Equatable {
  var db: String?
  var actingMember: String?
  var format: OutputFormat?
  var unit: DistanceUnit?
  var output: String?
  var quiet = false
  var noColor = false
  var color: ColorChoice?
  var yes = false
  var dryRun = false
  var ascii = false
}

/// Options every command accepts, before or after the subcommand.
struct GlobalOptions: ParsableArguments {
  @Option(name: .long, help: "The database file (env MILEQUEST_DB).", completion: .file())
  var db: String?

  @Option(
    name: .customLong("as"), help: "The acting member's handle (env MILEQUEST_USER).",
    completion: NameCompletion.members)
  var actingMember: String?

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat?

  @Option(name: .long, help: "Display unit (env MILEQUEST_UNIT).")
  var unit: DistanceUnit?

  @Option(
    name: .long, help: "Write the output to FILE; its extension picks the format.",
    completion: .file())
  var output: String?

  @Flag(name: .long, help: "Print only data and errors.")
  var quiet = false

  @Flag(name: .customLong("no-color"), help: "Never colour the output (same as --color never).")
  var noColor = false

  @Option(name: .long, help: "Colour: auto (terminals only, not with NO_COLOR), always, never.")
  var color: ColorChoice?

  @Flag(name: .long, help: "Do not ask before changes that touch many rows.")
  var yes = false

  @Flag(name: .customLong("dry-run"), help: "Report what would change, change nothing.")
  var dryRun = false
  @Flag(help: "Plain ASCII output (no Unicode bars or symbols).") var ascii = false

  /// The parsed values.
  var values: GlobalValues {
    GlobalValues(
      db: db, actingMember: actingMember, format: format, unit: unit, output: output,
      quiet: quiet, noColor: noColor, color: color, yes: yes, dryRun: dryRun, ascii: ascii)
  }

  /// Whether `name` is an option that takes a value, for moving global options typed before
  /// the subcommand. (A `switch`, not a `Set`: a set's first use instantiates its type at run
  /// time, which every invocation would pay.)
  static func takesValue(_ name: String) -> Bool {
    switch name {
    case "--db", "--as", "--format", "--unit", "--output", "--color": true
    default: false
    }
  }

  /// Whether `name` is a global flag, likewise.
  static func isFlag(_ name: String) -> Bool {
    switch name {
    case "--quiet", "--no-color", "--yes", "--dry-run", "--ascii": true
    default: false
    }
  }
}
