import Foundation
import MileQuestCore

/// One record of a walk import file: its fields by lower-case name, and where it came from.
public struct ImportRecord: Sendable {
  /// Where a record stands in its file: a line (CSV, NDJSON) or a position (JSON array).
  public enum Location: Sendable, CustomStringConvertible {
    case line(Int)
    case record(Int)

    public var description: String {
      switch self {
      case .line(let line): "\(line)"
      case .record(let index): "record \(index)"
      }
    }
  }

  public var location: Location
  /// CSV rows keep their cells and share one column index, so a million rows cost no
  /// dictionaries; JSON records keep their objects.
  private let columns: [String: Int]
  private let cells: [String]
  private let fields: [String: JSONValue]

  /// A CSV row.
  init(line: Int, columns: [String: Int], cells: [String]) {
    location = .line(line)
    self.columns = columns
    self.cells = cells
    fields = [:]
  }

  /// A JSON object.
  init(location: Location, fields: [String: JSONValue]) {
    self.location = location
    columns = [:]
    cells = []
    self.fields = fields
  }

  /// The field as text (numbers in full precision), or nil when absent, null or empty.
  public func text(_ name: String) -> String? {
    if let index = columns[name] {
      let cell = cells[index]
      return cell.isEmpty ? nil : CSVWriter.restored(cell)
    }
    switch fields[name] {
    case nil, .null?: return nil
    case .string(let text)?: return text.isEmpty ? nil : text
    case let value?: return ExchangeTable.cell(value)
    }
  }
}

/// Reads walk import files (CSV with a header row, a JSON array, NDJSON) into records, a chunk
/// at a time: memory holds one chunk and one record, whatever the file's size. A record (a CSV
/// row, an NDJSON line, an item of the JSON array) longer than `maxRecordBytes` is refused.
public enum WalkImportReader {
  /// Columns a CSV must have.
  public static let requiredColumns = ["member", "date"]
  /// Longest record accepted, in bytes (1 MiB): a walk is well under 1 KiB.
  public static let maxRecordBytes = CSVReader.maxRecordBytes
  /// Largest JSON file in UTF-16 or UTF-32 accepted (16 MiB): such a file is converted to
  /// UTF-8 in memory before it is read.
  public static let maxConvertedJSONBytes = 16 << 20

  /// The records of `bytes` in `format`; throws `.badData` for a malformed file.
  public static func records(_ bytes: [UInt8], format: ExchangeFormat, file: String) throws
    -> [ImportRecord]
  {
    var records: [ImportRecord] = []
    try forEachRecord(bytes, format: format, file: file) { records.append($0) }
    return records
  }

  /// Calls `body` with each record of `bytes` in turn.
  public static func forEachRecord(
    _ bytes: [UInt8], format: ExchangeFormat, file: String, _ body: (ImportRecord) throws -> Void
  ) throws {
    try forEachRecord(ByteSource(bytes: bytes, name: file), format: format, file: file, body)
  }

  /// Calls `body` with each record of `source` in turn, so a million-row file needs no
  /// million-row array (nor the file in memory).
  public static func forEachRecord(
    _ source: ByteSource, format: ExchangeFormat, file: String,
    _ body: (ImportRecord) throws -> Void
  ) throws {
    switch format {
    case .csv: try csv(source, file: file, body)
    case .tsv: try csv(source, file: file, separator: UInt8(ascii: "\t"), quotes: false, body)
    case .json: try json(source, file: file, body)
    case .ndjson: try ndjson(source, file: file, body)
    }
  }

  static func record(_ value: JSONValue, location: ImportRecord.Location, file: String) throws
    -> ImportRecord
  {
    guard case .object(let fields) = value else {
      throw MileQuestError.badData("\(file):\(location): expected an object")
    }
    return ImportRecord(
      location: location,
      fields: Dictionary(fields.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a }))
  }

  /// A JSON array of objects, read an item at a time with `JSONStreamReader` (UTF-16 and
  /// UTF-32 files, rare, are converted in memory first, up to `maxConvertedJSONBytes`).
  static func json(_ source: ByteSource, file: String, _ body: (ImportRecord) throws -> Void)
    throws
  {
    var reader: JSONStreamReader
    if JSONTextEncoding.detect(try source.head(4)[...]) == .utf8 {
      reader = JSONStreamReader(name: file, start: .start, chunks: source.next)
      try reader.skipByteOrderMark()
    } else {
      let bytes = try source.readAll(limit: maxConvertedJSONBytes, what: "a JSON file not in UTF-8")
      guard let utf8 = JSONTextEncoding.utf8(bytes) else {
        throw MileQuestError.badData(
          "\(file): not valid JSON: not valid in the Unicode encoding its first bytes announce")
      }
      reader = JSONStreamReader(bytes: utf8, name: file, chunkSize: ByteSource.defaultChunkSize)
    }
    guard try reader.peekValue().kind == .array else {
      throw MileQuestError.badData("\(file): expected a JSON array of walks")
    }
    try reader.beginArray()
    var index = 0
    while try reader.nextItem() {
      index += 1
      let value = try reader.readValue(maxBytes: maxRecordBytes) {
        "\(file): record \(index) is longer than \(ByteSource.size(maxRecordBytes))"
      }
      try body(try record(value, location: .record(index), file: file))
    }
    try reader.expectEnd()
  }

  /// One JSON object a line; blank lines are skipped.
  static func ndjson(_ source: ByteSource, file: String, _ body: (ImportRecord) throws -> Void)
    throws
  {
    var lines = LineReader(source: source, maxBytes: maxRecordBytes)
    var number = 0
    while let line = try lines.next() {
      number += 1
      guard let line else {
        throw MileQuestError.badData(
          "\(file):\(number): a line longer than \(ByteSource.size(maxRecordBytes))")
      }
      let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text == "\r" { continue }
      let value: JSONValue
      do {
        value = try JSONValue(parsing: Data(text.utf8))
      } catch let error as MileQuestError {
        throw MileQuestError.badData("\(file):\(number): \(error)")
      }
      try body(try record(value, location: .line(number), file: file))
    }
  }

  static func csv(
    _ source: ByteSource, file: String, separator: UInt8 = UInt8(ascii: ","), quotes: Bool = true,
    _ body: (ImportRecord) throws -> Void
  ) throws {
    var reader = try CSVReader(
      source: source, separator: separator, quotes: quotes, maxRecordBytes: maxRecordBytes)
    let header: CSVReader.Record?
    do {
      header = try reader.nextRecord()
    } catch let error as MileQuestError {
      throw MileQuestError.badData("\(file): \(error)")
    }
    guard let header else {
      throw MileQuestError.badData("\(file): empty file; expected a header row")
    }
    let columns = header.fields.map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    let missing = requiredColumns.filter { !columns.contains($0) }
    if !missing.isEmpty || !(columns.contains("distance") || columns.contains("distance_m")) {
      // The header as read, cut short: it may be a whole file that is not CSV.
      var shown = columns.joined(separator: ",")
      if shown.utf8.count > 120 {
        shown = String(shown.prefix(100)) + "… (\(columns.count) columns)"
      }
      throw MileQuestError.badData(
        "\(file):1: the header needs member, date and distance (or distance_m) columns, got "
          + shown)
    }
    let index = Dictionary(
      columns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    while true {
      let row: CSVReader.Record?
      do {
        row = try reader.nextRecord()
      } catch let error as MileQuestError {
        throw MileQuestError.badData("\(file): \(error)")
      }
      guard let row else { return }
      if row.fields.count == 1 && row.fields[0].isEmpty { continue }
      if row.fields.count != columns.count {
        throw MileQuestError.badData(
          "\(file):\(row.line): expected \(Plural.count(columns.count, "field")), "
            + "got \(row.fields.count)")
      }
      try body(ImportRecord(line: row.line, columns: index, cells: row.fields))
    }
  }
}

/// Lines of a `ByteSource` (split at LF, which stays out of the line), each at most
/// `maxBytes` long: a longer line is given as `.some(nil)` once its first `maxBytes` have been
/// read, so that a file with no line breaks is refused without being held.
struct LineReader {
  private let source: ByteSource
  private let maxBytes: Int
  private var chunk: [UInt8] = []
  private var index = 0
  private var finished = false

  init(source: ByteSource, maxBytes: Int) {
    self.source = source
    self.maxBytes = maxBytes
  }

  /// The next line; nil at the end; `.some(nil)` for a line that is too long.
  mutating func next() throws -> [UInt8]?? {
    var line: [UInt8] = []
    while true {
      if index == chunk.count {
        if finished { return line.isEmpty ? nil : .some(line) }
        chunk = try source.next()
        index = 0
        if chunk.isEmpty {
          finished = true
          continue
        }
      }
      let end = chunk[index...].firstIndex(of: UInt8(ascii: "\n")) ?? chunk.count
      if line.count + (end - index) > maxBytes { return .some(nil) }
      line += chunk[index..<end]
      if end < chunk.count {
        index = end + 1
        return .some(line)
      }
      index = end
    }
  }
}
