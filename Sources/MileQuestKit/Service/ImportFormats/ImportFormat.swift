import Foundation

/// One format of another tool's files that `milequest import` reads: Apple Health, FIT, TCX,
/// Strava, Google Fit, Fitbit. A format is a value of one file in this folder, listed once
/// in `ImportFormats.all`; detection (`import FILE`), the `import NAME` subcommands, their
/// completion and the progress line all walk that list (docs/ARCHITECTURE.md, "Adding an
/// import format").
public protocol ImportFormat: Sendable {
  /// A format is a value without state: the CLI makes one for each `import NAME` command.
  init()
  /// The subcommand (`import NAME`) and the format's id in `ImportKind.format`: `fit`.
  var name: String { get }
  /// How `import FILE` names it on stderr: "reading FILE as a FIT activity file".
  var title: String { get }
  /// One line for the subcommand's help. In the help texts and examples an option is named
  /// `{name}` (`{dry-run}`, `{source}`): the library names no flag; the CLI spells it from
  /// its option table.
  var abstract: String { get }
  /// The rules, for the subcommand's help.
  var discussion: String { get }
  /// Examples for the subcommand's help (whole command lines).
  var examples: [String] { get }
  /// What the inputs are, for the help of the FILE arguments.
  var inputsHelp: String { get }
  /// File name endings of its inputs (shell completion): `["fit", "gz"]`.
  var extensions: [String] { get }
  /// Options of its own besides `--member`, by their long name (`source` for Apple Health);
  /// each is an entry of the CLI's option table, and such a format has a command of its own.
  var optionNames: [String] { get }
  /// Whether its dry run shows per day and source totals (`ImportBatch.sourceDays`), which
  /// `--format csv|tsv|json|ndjson` prints as rows; the others list each walk for people.
  var showsSourceTotals: Bool { get }
  /// Files under `Tests/…/Fixtures` that `import FILE` must take for this format (the
  /// registry test checks it).
  var fixtures: [String] { get }
  /// Whether what `probe` looked at is this format's.
  func recognises(_ probe: ImportProbe) -> Bool
  /// The walks the inputs hold, as drafts (checked and written by `importDrafts`).
  func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch
}

extension ImportFormat {
  public var optionNames: [String] { [] }
  public var showsSourceTotals: Bool { false }
  public var fixtures: [String] { [] }
  /// The kind `import FILE` chooses for this format.
  public var kind: ImportKind { .format(name) }
}

/// The registry: every format `milequest import` reads from other tools, in the order
/// `import FILE` asks them.
public enum ImportFormats {
  public static let all: [any ImportFormat] = [
    AppleHealthFormat(), FITFormat(), TCXFormat(), StravaFormat(), GoogleFitFormat(),
    FitbitFormat(),
  ]

  /// The format named `name` (its subcommand), if registered.
  public static func named(_ name: String) -> (any ImportFormat)? {
    all.first { $0.name == name }
  }

  /// The kinds `import NAME FILE` takes, for messages: this tool's and the registry's.
  public static var kindNames: [String] {
    ["walks", "all", "gpx"] + all.map(\.name)
  }

  /// How `import FILE` says what it chose.
  public static func title(of kind: ImportKind) -> String {
    if case .format(let name) = kind, let format = named(name) { return format.title }
    return kind.description
  }
}

extension ImportDetection {
  /// The kind of the file at `path`, told from its content: this tool's own kinds first,
  /// then each registered format in turn. A file none of them knows is `.badData` (65) that
  /// says what was looked at, a missing file `.inputUnreadable` (66).
  public static func detect(path: String) throws -> ImportKind {
    let probes = try probes(path: path)
    for probe in probes {
      if probe.container == .plain, let kind = ownKind(probe) { return kind }
      if let format = ImportFormats.all.first(where: { $0.recognises(probe) }) {
        return format.kind
      }
    }
    let names = ImportFormats.all.map(\.title).joined(separator: ", ")
    switch probes.last?.container {
    case .gzip?:
      if probes.last.map(ownKind) == .gpx {
        throw unknown(path, "a gzipped GPX track: unzip it and import the .gpx", kinds: kindNames)
      }
      throw unknown(path, "gzip data that is none of: \(names)", kinds: kindNames)
    case .zip?:
      throw unknown(path, "a zip archive that is none of: \(names)", kinds: kindNames)
    default:
      throw unknown(path, nil, kinds: kindNames)
    }
  }

  /// The kind a file's first bytes say, or nil (tests; gzip and zip are looked into by
  /// `detect`).
  static func kind(head: [UInt8], path: String) throws -> ImportKind? {
    let probe = ImportProbe(path: path, container: .plain, head: head)
    return ownKind(probe) ?? ImportFormats.all.first { $0.recognises(probe) }?.kind
  }

  private static var kindNames: [String] { ImportFormats.kindNames }
}

/// What a format reads: the paths and options given, and the ways to open them that count
/// their bytes for the progress line.
///
/// `@unchecked Sendable`: used by the one thread that runs the import.
public final class ImportInputs: @unchecked Sendable {
  /// The files or folders named on the command line, each once, in order.
  public let paths: [String]
  /// The format's own options given (`optionNames`), by name.
  public let options: [String: String]
  /// The unit a formatted distance without one is read in (an old Strava export).
  public let unit: DistanceUnit
  /// The zone of local dates for formats whose times are UTC.
  public let timeZone: TimeZone
  private let listener: (any WorkListener)?
  /// Bytes read of each input opened, in the order they were opened.
  private var reading: [Int] = []

  public init(
    paths: [String], options: [String: String] = [:], unit: DistanceUnit = .km,
    timeZone: TimeZone = .current, listener: (any WorkListener)? = nil
  ) {
    var seen = Set<String>()
    self.paths = paths.filter { seen.insert($0).inserted }
    self.options = options
    self.unit = unit
    self.timeZone = timeZone
    self.listener = listener
  }

  /// The size the progress line counts against: the files' sizes (a zip's too); nil when a
  /// folder is among the inputs.
  var totalBytes: Int? {
    var total = 0
    for path in paths {
      guard FilePath.entry(at: path) == .file, let size = FilePath.size(of: path) else {
        return nil
      }
      total += size
    }
    return total
  }

  /// The file at `path` (`-` standard input), its bytes counted.
  public func open(_ path: String) throws -> ByteSource {
    counted(try ByteSource(path: path), scale: 1)
  }

  /// The file at `path`, inflated when it is gzip data; its file bytes counted.
  public func openPlainOrGzip(_ path: String) throws -> ByteSource {
    let source = try open(path)
    return try Gzip.isGzip(source) ? Gzip.inflating(source) : source
  }

  /// The zip archive at `path`, or nil when the file is not a zip (a missing file is 66).
  public func zipArchive(_ path: String) throws -> ZipArchive? {
    try ZipArchive.isZip(try ByteSource(path: path)) ? try ZipArchive(path: path) : nil
  }

  /// A member of a zip, its bytes counted as the share of the archive they take up.
  public func open(_ member: ZipArchive.Member, of zip: ZipArchive) throws -> ByteSource {
    let scale = member.size > 0 ? Double(member.compressedSize) / Double(member.size) : 1
    return counted(try zip.source(for: member), scale: scale)
  }

  private func counted(_ source: ByteSource, scale: Double) -> ByteSource {
    guard let listener else { return source }
    let index = reading.count
    reading.append(0)
    source.onChunk = { [unowned self] read in
      self.reading[index] = Int(Double(read) * scale)
      listener.update(done: self.reading.reduce(0, +))
    }
    return source
  }
}

extension MileQuestService {
  /// Imports `paths` as `format` reads them for `member` (or the acting member): read and
  /// checked, then written in one transaction (`importDrafts`). While the inputs are read,
  /// the progress line (`workListener`) counts their bytes: "importing NAME: …".
  public func importFiles(
    _ format: any ImportFormat, paths: [String], member: String?, options: [String: String] = [:],
    dryRun: Bool, timeZone: TimeZone = .current
  ) throws -> ImportOutcome {
    if paths.isEmpty {
      throw MileQuestError.usage("import \(format.name) needs at least one FILE or folder")
    }
    let inputs = ImportInputs(
      paths: paths, options: options, unit: unit, timeZone: timeZone, listener: workListener)
    if let listener = workListener {
      let label =
        inputs.paths.count == 1
        ? FilePath.lastComponent(of: inputs.paths[0]) : "\(inputs.paths.count) files"
      listener.begin("importing \(label)", unit: .bytes, total: inputs.totalBytes)
    }
    defer { workListener?.end() }
    let batch = try format.read(inputs)
    return try importDrafts(batch, member: member, dryRun: dryRun)
  }
}
