import Foundation
import MileQuestKit

/// Owns stdout (or `--output FILE`): renders data in the chosen format and human messages.
final class Printer {
  let format: OutputFormat
  let unit: DistanceUnit
  let quiet: Bool
  /// `--dry-run`: messages say what would be done, and JSON objects carry `"dry_run": true`.
  let dryRun: Bool
  let outputPath: String?
  /// Whether to use ANSI colour (a terminal, and the settings allow it).
  let color: Bool
  private var buffer = ""
  /// Where `stream` writes: a temporary file renamed by `finish`, or standard output.
  private var streamFile: OutputFile?
  private var streamingToStandardOutput = false
  /// `--fields`: the columns of csv, tsv, ndjson and json rows, in order; nil for all.
  let fields: [String]?
  /// CSV and TSV start with their header (not with `--no-header`).
  let header: Bool
  /// `--watch --format ndjson`: one whole JSON document per line, not its rows.
  var wholeDocuments = false
  /// A failure found while printing (an unknown `--fields` name): `finish` throws it, and
  /// nothing more is printed.
  private(set) var failure: MileQuestError?
  /// Whether rows were printed (`--fields` on a command that prints none is refused).
  private var printedRows = false

  init(options: GlobalValues, settings: Settings) throws {
    unit = settings.unit
    quiet = options.quiet
    dryRun = options.dryRun
    // `--output -` is standard output.
    outputPath = options.output == "-" ? nil : options.output
    color = outputPath == nil && Terminal.wantsColor(settings.color, fileDescriptor: 1)
    if let format = options.format {
      self.format = format
    } else if let path = outputPath {
      self.format = Self.format(forPath: path) ?? .table
    } else {
      self.format = .table
    }
    header = !options.noHeader
    fields = try Self.fields(options.fields)
    if fields != nil && format == .table {
      throw MileQuestError.usage(
        "--fields selects the columns of csv, tsv, ndjson and json: add --format")
    }
    if options.noHeader && format != .csv && format != .tsv {
      throw MileQuestError.usage("--no-header is for --format csv or tsv")
    }
    if let path = outputPath {
      if settings.databaseAddress.holds(path) {
        throw MileQuestError.cannotCreateOutput(
          path: path, reason: "that is the database in use; choose another file")
      }
      if FilePath.entry(at: path) != .special,
        !FileManager.default.isWritableFile(
          atPath: FilePath.directory(of: FilePath.followingSymlinks(path)))
      {
        throw MileQuestError.cannotCreateOutput(path: path, reason: "directory not writable")
      }
    }
  }

  /// The names of `--fields a,b,c` (spaces around names ignored); 64 for an empty list or a
  /// name given twice.
  static func fields(_ word: String?) throws -> [String]? {
    guard let word else { return nil }
    let names = word.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0.trimmingCharacters(in: .whitespaces))
    }
    if names.contains("") {
      throw MileQuestError.usage("--fields takes field names separated by commas: '\(word)'")
    }
    for (index, name) in names.enumerated() where names[..<index].contains(name) {
      throw MileQuestError.usage("--fields names '\(name)' twice")
    }
    return names
  }

  /// A stream that never reached `finish` (the command failed) leaves no temporary file.
  deinit {
    streamFile?.discard()
  }

  /// The data format `--output PATH` names by its extension (`FileFormat`), if it is one.
  static func format(forPath path: String) -> OutputFormat? {
    switch FileFormat(path: path) {
    case .json?: .json
    case .ndjson?: .ndjson
    case .csv?: .csv
    case .tsv?: .tsv
    case .text?: .table
    case .gpx?, .geojson?, .svg?, .html?, nil: nil
    }
  }

  /// Prints data. `json` is the document (`--format json`, and the source of every other
  /// data format); csv, tsv and ndjson print its rows (`OutputRecords`: flattened, canonical
  /// units, one row per element of `rows`), selected by `--fields`; the table (or `text`)
  /// is for people. Only the form the format needs is built. A JSON object document starts
  /// with `schema_version` (`JSONSchemaVersion`, docs/schema/); rows do not carry it.
  func emit(
    json: @autoclosure () -> JSONValue, table: @autoclosure () -> TextTable,
    text: @autoclosure () -> String? = nil, rows shape: OutputRecords.Shape = .document,
    nullable: [OutputRecords.NullableObject] = []
  ) {
    if failure != nil { return }
    switch format {
    case .json where fields == nil:
      buffer += JSONSchemaVersion.versioned(marked(json())).rendered() + "\n"
    case .ndjson where wholeDocuments:
      buffer += JSONSchemaVersion.versioned(marked(json())).compact() + "\n"
    case .json, .ndjson, .csv, .tsv:
      emitRows(OutputRecords.rows(marked(json()), shape: shape, nullable: nullable))
    case .table:
      if let text = text() {
        // Views print names in running text; each view line stays a line, nothing else
        // that could drive the terminal gets through (`TerminalText`).
        buffer += TerminalText.escapedKeepingLines(text)
      } else {
        buffer += table().aligned { style($0, .bold) }
      }
    }
  }

  /// Prints `rows` in a data format: their fields, narrowed by `--fields`.
  private func emitRows(_ rows: [OutputRecords.Row]) {
    guard let columns = columns(OutputRecords.fieldNames(rows), empty: rows.isEmpty) else {
      return
    }
    buffer += rowsHeader(columns)
    for row in rows { buffer += rowLine(row, columns) }
    if format == .json { buffer += rowsEnd() }
  }

  /// The columns printed of rows with `available` fields: `--fields` (checked: an unknown
  /// field fails the command with 64, naming the known ones) or all of them; nil after a
  /// failure. Rows of an empty list have no fields to check `--fields` against: any is taken.
  func columns(_ available: [String], empty: Bool) -> [String]? {
    if failure != nil { return nil }
    printedRows = true
    guard let fields else { return available }
    if !empty, let unknown = fields.first(where: { !OutputRecords.isKnown($0, in: available) }) {
      failure = MileQuestError.usage(
        "unknown field '\(unknown)' for \(Self.commandName()); fields: "
          + available.joined(separator: ", "))
      return nil
    }
    return fields
  }

  /// What comes before the rows: the CSV/TSV header (unless `--no-header`), or the JSON
  /// array's opening.
  func rowsHeader(_ columns: [String]) -> String {
    switch format {
    case .csv: header ? CSVWriter.line(columns) + "\n" : ""
    case .tsv: header ? TextTable.tsvLine(columns) + "\n" : ""
    case .json: "["
    case .ndjson, .table: ""
    }
  }

  /// One row in the data format.
  func rowLine(_ row: OutputRecords.Row, _ columns: [String]) -> String {
    switch format {
    case .csv: CSVWriter.line(OutputRecords.cells(row, fields: columns)) + "\n"
    case .tsv: TextTable.tsvLine(OutputRecords.cells(row, fields: columns)) + "\n"
    case .ndjson: OutputRecords.ndjsonLine(OutputRecords.selecting(columns, from: row)) + "\n"
    case .json:
      (jsonRowCount == 0 ? "\n  " : ",\n  ")
        + jsonRow(JSONValue.object(OutputRecords.selecting(columns, from: row)))
    case .table: ""
    }
  }

  /// Counts the rows of a JSON array being written (`--fields` with `--format json`).
  private var jsonRowCount = 0

  private func jsonRow(_ value: JSONValue) -> String {
    jsonRowCount += 1
    return value.rendered(indent: "  ")
  }

  /// What ends the rows: the JSON array's closing.
  func rowsEnd() -> String {
    guard format == .json else { return "" }
    defer { jsonRowCount = 0 }
    return jsonRowCount == 0 ? "]\n" : "\n]\n"
  }

  /// The command being run, for messages ("walks", "goal list"): the leading words of the
  /// command line that name a command.
  nonisolated(unsafe) static var commandName: () -> String = { "this command" }

  /// In a dry run, a JSON object with `"dry_run": true` added (each object of an array, as
  /// an array has no field of its own); anything else unchanged.
  private func marked(_ json: JSONValue) -> JSONValue {
    guard dryRun else { return json }
    switch json {
    case .object(let fields): return .object(fields + [("dry_run", .bool(true))])
    case .array(let items): return .array(items.map(marked))
    default: return json
    }
  }

  /// The message of a change: `done` ("added member ann") or, in a dry run, `wouldBe`
  /// ("would add member ann").
  func changed(_ done: @autoclosure () -> String, would wouldBe: @autoclosure () -> String) {
    message(dryRun ? wouldBe() : done())
  }

  /// Warnings, one line each on stderr as `milequest: warning: ...`, at once and whatever the
  /// format, `--quiet` or `--output`: they tell of something to fix (a walk that counts for
  /// nothing), which a script or a quiet user still needs to see. Exit status stays 0.
  func warn(_ lines: [String]) {
    if lines.isEmpty { return }
    let text = lines.map { "milequest: warning: \($0)\n" }.joined()
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Text printed as is (exports, generated files).
  func raw(_ text: String) { buffer += text }

  /// Text written at once to the destination instead of being buffered (exports of millions
  /// of rows); an output file is written to a temporary name and renamed by `finish`.
  func stream(_ text: String) throws {
    if streamFile == nil && !streamingToStandardOutput {
      if let path = outputPath {
        streamFile = try OutputFile(path: path)
      } else {
        streamingToStandardOutput = true
      }
    }
    if let streamFile {
      try streamFile.write(text)
    } else {
      try Self.writeToStandardOutput(text)
    }
  }

  /// A human message (confirmation, hint) in table format; nothing with --quiet or data formats.
  func message(_ text: String) {
    if !quiet && format == .table && outputPath == nil {
      buffer += TerminalText.escapedKeepingLines(text) + "\n"
    }
  }

  /// What was printed since the last call, taken out of the buffer (`--watch` shows each
  /// rendering itself and leaves `finish` nothing to write).
  func takeOutput() -> String {
    defer { buffer = "" }
    return buffer
  }

  /// Writes what was printed to stdout or the output file.
  func finish() throws {
    if let failure { throw failure }
    if fields != nil && !printedRows {
      throw MileQuestError.usage("--fields: \(Self.commandName()) prints no fields")
    }
    if let streamFile {
      try streamFile.commit()
      return
    }
    if streamingToStandardOutput { return }
    guard let path = outputPath else {
      try Self.writeToStandardOutput(buffer)
      return
    }
    try OutputFile.write(buffer, to: path)
  }

  /// Writes all of `text` to file descriptor 1 (as `FileHandle.standardOutput` would, without
  /// building it and a `Data` copy); a failed write is an I/O error (74).
  static func writeToStandardOutput(_ text: String) throws {
    var text = text
    try text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw MileQuestError.io("cannot write the output: \(String(cString: strerror(errno)))")
        }
        offset += written
      }
    }
  }

  /// `text` in `style` when colour is on, else unchanged.
  func style(_ text: String, _ style: Terminal.Style) -> String {
    color ? Terminal.styled(text, style) : text
  }

  // MARK: Formatting values

  /// A distance in the display unit with two decimals, for tables.
  func distance(_ metres: Double) -> String {
    FixedDecimal.string(unit.value(fromMetres: metres), places: 2)
  }

  /// `distance_m` and `distance` fields for JSON.
  func distanceFields(_ metres: Double, key: String = "distance") -> [(String, JSONValue)] {
    [("\(key)_m", .double(metres)), (key, .double(unit.value(fromMetres: metres)))]
  }

  func date(_ date: LocalDate?) -> String { date?.description ?? "-" }
}
