import Foundation

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

/// Reads walk import files (CSV with a header row, a JSON array, NDJSON) into records.
public enum WalkImportReader {
  /// Columns a CSV must have.
  public static let requiredColumns = ["member", "date"]

  /// The records of `bytes` in `format`; throws `.badData` for a malformed file.
  public static func records(_ bytes: [UInt8], format: ExchangeFormat, file: String) throws
    -> [ImportRecord]
  {
    var records: [ImportRecord] = []
    try forEachRecord(bytes, format: format, file: file) { records.append($0) }
    return records
  }

  /// Calls `body` with each record in turn, so a million-row file needs no million-row array.
  public static func forEachRecord(
    _ bytes: [UInt8], format: ExchangeFormat, file: String, _ body: (ImportRecord) throws -> Void
  ) throws {
    switch format {
    case .csv: try csv(bytes, file: file, body)
    case .json:
      // The streaming reader's errors name the file, the line and the column.
      guard case .array(let items) = try JSONStreamReader.parse(bytes, name: file) else {
        throw MileQuestError.badData("\(file): expected a JSON array of walks")
      }
      for (index, item) in items.enumerated() {
        try body(try record(item, location: .record(index + 1), file: file))
      }
    case .ndjson:
      let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() {
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text == "\r" { continue }
        let value: JSONValue
        do {
          value = try JSONValue(parsing: Data(text.utf8))
        } catch let error as MileQuestError {
          throw MileQuestError.badData("\(file):\(index + 1): \(error)")
        }
        try body(try record(value, location: .line(index + 1), file: file))
      }
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

  static func csv(_ bytes: [UInt8], file: String, _ body: (ImportRecord) throws -> Void) throws {
    var reader = CSVReader(bytes: bytes)
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
      throw MileQuestError.badData(
        "\(file):1: the header needs member, date and distance (or distance_m) columns, got "
          + columns.joined(separator: ","))
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
