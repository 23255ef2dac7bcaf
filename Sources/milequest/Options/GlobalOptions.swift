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
/// The quick path (`QuickParse`) fills one without building ArgumentParser's types. It keeps
/// each option's word as typed, by `OptionKey`, so that every reader of the table (the shell's
/// inherited options, the tests) sees a new global option without a new field.
struct GlobalValues: Equatable {
  /// Each global option's value as typed, at its key's raw value; "" for a flag present.
  private var words = [String?](repeating: nil, count: Int(OptionKey.globalCount))

  /// The word given for global option `key` ("" for a flag); nil when absent.
  subscript(key: OptionKey) -> String? {
    get { key.isGlobal ? words[Int(key.rawValue)] : nil }
    set {
      precondition(key.isGlobal, "\(key) is not a global option")
      words[Int(key.rawValue)] = newValue
    }
  }

  var db: String? { self[.db] }
  var actingMember: String? { self[.actingMember] }
  var format: OutputFormat? { self[.format].flatMap(OutputFormat.init(rawValue:)) }
  var unit: DistanceUnit? { self[.unit].flatMap(DistanceUnit.init(rawValue:)) }
  var output: String? { self[.output] }
  var quiet: Bool { self[.quiet] != nil }
  var noColor: Bool { self[.noColor] != nil }
  var color: ColorChoice? { self[.color].flatMap(ColorChoice.init(rawValue:)) }
  var yes: Bool { self[.yes] != nil }
  var dryRun: Bool { self[.dryRun] != nil }
  var ascii: Bool { self[.ascii] != nil }
  var fields: String? { self[.fields] }
  var noHeader: Bool { self[.noHeader] != nil }
}

/// Options every command accepts, before or after the subcommand. Names, help and completion
/// come from the option table (`OptionKey`); declared in its order, the order of GLOBAL OPTIONS.
struct GlobalOptions: ParsableArguments {
  @Option(.db) var db: String?
  @Option(.actingMember) var actingMember: String?
  @Option(.format) var format: OutputFormat?
  @Option(.unit) var unit: DistanceUnit?
  @Option(.output) var output: String?
  @Flag(.quiet) var quiet = false
  @Option(.color) var color: ColorChoice?
  @Flag(.noColor) var noColor = false
  @Flag(.ascii) var ascii = false
  @Flag(.yes) var yes = false
  @Flag(.dryRun) var dryRun = false
  @Option(.fields) var fields: String?
  @Flag(.noHeader) var noHeader = false
  #if DEBUG
    @Option(.testProbe) var testProbe: String?
  #endif

  /// The word each option was given as (what `QuickParse` would have read).
  func word(_ key: OptionKey) -> String? {
    func flag(_ present: Bool) -> String? { present ? "" : nil }
    switch key {
    case .db: return db
    case .actingMember: return actingMember
    case .format: return format?.rawValue
    case .unit: return unit?.rawValue
    case .output: return output
    case .quiet: return flag(quiet)
    case .noColor: return flag(noColor)
    case .color: return color?.rawValue
    case .yes: return flag(yes)
    case .dryRun: return flag(dryRun)
    case .ascii: return flag(ascii)
    case .fields: return fields
    case .noHeader: return flag(noHeader)
    #if DEBUG
      case .testProbe: return testProbe
    #endif
    default: return nil
    }
  }

  /// The parsed values.
  var values: GlobalValues {
    var values = GlobalValues()
    var raw: UInt8 = 0
    while raw < OptionKey.globalCount, let key = OptionKey(rawValue: raw) {
      values[key] = word(key)
      raw += 1
    }
    return values
  }
}

// ArgumentParser's property wrappers made from a table entry: `@Option(.db) var db: String?`.
extension Option {
  init<T: ExpressibleByArgument>(_ key: OptionKey) where Value == T? {
    self.init(name: key.name, parsing: key.parsing, help: key.help, completion: key.completion)
  }

  init(wrappedValue: Value, _ key: OptionKey) where Value: ExpressibleByArgument {
    self.init(
      wrappedValue: wrappedValue, name: key.name, parsing: key.parsing, help: key.help,
      completion: key.completion)
  }

  /// A required option (no default).
  init(_ key: OptionKey) where Value: ExpressibleByArgument {
    self.init(name: key.name, parsing: key.parsing, help: key.help, completion: key.completion)
  }

  /// A repeatable option: `@Option(.goalTeam) var teams: [String] = []`.
  init<T: ExpressibleByArgument>(wrappedValue: [T], _ key: OptionKey) where Value == [T] {
    self.init(
      wrappedValue: wrappedValue, name: key.name, parsing: key.arrayParsing, help: key.help,
      completion: key.completion)
  }
}

extension Flag where Value == Bool {
  init(wrappedValue: Bool, _ key: OptionKey) {
    self.init(wrappedValue: wrappedValue, name: key.name, help: key.help)
  }
}
