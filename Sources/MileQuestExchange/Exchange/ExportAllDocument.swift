import Foundation
import MileQuestCore

/// An `export all` document, checked from end to end and indexed before anything is imported,
/// then read one section and one item at a time.
///
/// Two passes over the file instead of one parse into memory (a million walks took 1.5 GB as a
/// `JSONValue`): the first checks the whole text, exactly as strictly as `JSONValue(parsing:)`,
/// and notes where each top-level section starts; the second (`items(of:)`) reads a section's
/// items from there, one at a time. So a broken document is refused before the database is
/// opened, as before; the sections may come in any order (a document whose "walks" come before
/// its "members" imports); and memory holds one item, not the document.
public struct ExportAllDocument {
  /// The sections read item by item; any other top-level key is checked and ignored.
  static let sectionKeys: Set<String> = [
    "members", "teams", "memberships", "routes", "goals", "walks",
  ]

  /// The document's bytes: a file read in chunks, or UTF-8 in memory.
  private enum Bytes {
    case file(InputFile)
    case memory([UInt8])
  }

  /// The name in messages (the path as given).
  let name: String
  private let bytes: Bytes
  /// The `format`, `version` and `schema_version` values; nil when absent (or the document is
  /// no object).
  package let format: JSONValue?
  package let version: JSONValue?
  package let schemaVersion: JSONValue?
  /// Where each section's value starts, and what kind of value it is.
  private let sections: [String: (kind: JSONStreamReader.Kind, at: JSONStreamReader.Position)]
  /// Where each section's value ends (the offset just past it).
  private let sectionEnds: [String: Int]

  /// The document in the file at `path` (`-`: standard input; it and other pipes are copied
  /// to a temporary file so they can be read twice); `name` names it in messages. Refuses
  /// unreadable files (exit 66) and text that is not JSON (exit 65).
  public init(path: String, name: String) throws {
    var file = path == "-" ? try InputFile.spooledStandardInput() : try InputFile(path: path)
    if !file.isRegular { file = try file.spooled() }
    let head = try file.read(upTo: 4, at: 0)
    if JSONTextEncoding.detect(head[...]) == .utf8 {
      try self.init(name: name, bytes: .file(file), utf8Original: true)
    } else {
      // Another Unicode encoding: rare enough (milequest writes UTF-8) to convert in memory.
      try self.init(converting: try file.readAll(limit: .max, what: "JSON"), name: name)
    }
  }

  /// The document in `bytes`, in any encoding JSONDecoder reads.
  public init(bytes: [UInt8], name: String) throws {
    if JSONTextEncoding.detect(bytes[...]) == .utf8 {
      try self.init(name: name, bytes: .memory(bytes), utf8Original: true)
    } else {
      try self.init(converting: bytes, name: name)
    }
  }

  private init(converting bytes: [UInt8], name: String) throws {
    guard let utf8 = JSONTextEncoding.utf8(bytes) else {
      throw MileQuestError.badData(
        "\(name): not valid JSON: not valid in the Unicode encoding its first bytes announce")
    }
    try self.init(name: name, bytes: .memory(utf8), utf8Original: false)
  }

  /// The first pass: checks the whole document and indexes its sections. A byte order mark
  /// is skipped only in an original UTF-8 text, as JSONDecoder skips it.
  private init(name: String, bytes: Bytes, utf8Original: Bool) throws {
    self.name = name
    self.bytes = bytes
    var reader = Self.reader(bytes, name: name, at: .start)
    if utf8Original { try reader.skipByteOrderMark() }
    var format: JSONValue?
    var version: JSONValue?
    var schemaVersion: JSONValue?
    var sections: [String: (kind: JSONStreamReader.Kind, at: JSONStreamReader.Position)] = [:]
    var sectionEnds: [String: Int] = [:]
    if try reader.peekValue().kind == .object {
      try reader.beginObject()
      while let key = try reader.nextKey() {
        switch key {
        case "format": format = try reader.readValue()
        case "version": version = try reader.readValue()
        case JSONSchemaVersion.key: schemaVersion = try reader.readValue()
        case _ where Self.sectionKeys.contains(key):
          sections[key] = try reader.peekValue()
          try reader.skipValue()
          sectionEnds[key] = reader.position.offset
        default: try reader.skipValue()
        }
      }
    } else {
      try reader.skipValue()
    }
    try reader.expectEnd()
    self.format = format
    self.version = version
    self.schemaVersion = schemaVersion
    self.sections = sections
    self.sectionEnds = sectionEnds
  }

  /// The bytes the section `key` spans in the document (a progress line's total), if present.
  package func byteCount(of key: String) -> Int? {
    guard let start = sections[key]?.at.offset, let end = sectionEnds[key] else { return nil }
    return end - start
  }

  /// The items of the top-level list `key`, to read one at a time; nil when the document has
  /// no such list.
  package func items(of key: String) throws -> Items? {
    guard let section = sections[key], section.kind == .array else { return nil }
    var reader = Self.reader(bytes, name: name, at: section.at)
    try reader.beginArray()
    return Items(reader: reader, start: section.at.offset)
  }

  /// The items of one list, read as they are asked for.
  package struct Items {
    fileprivate var reader: JSONStreamReader
    /// Where the list starts in the document.
    fileprivate let start: Int

    /// Bytes of the list read so far (for a progress line).
    package var bytesRead: Int { reader.position.offset - start }

    /// The next item, or nil after the last.
    package mutating func next() throws -> JSONValue? {
      try reader.nextItem() ? try reader.readValue() : nil
    }
  }

  /// A reader of the document from `start` on.
  private static func reader(
    _ bytes: Bytes, name: String, at start: JSONStreamReader.Position
  ) -> JSONStreamReader {
    var offset = start.offset
    let size = JSONStreamReader.defaultChunkSize
    switch bytes {
    case .file(let file):
      return JSONStreamReader(name: name, start: start) {
        let chunk = try file.read(upTo: size, at: offset)
        offset += chunk.count
        return chunk
      }
    case .memory(let all):
      return JSONStreamReader(name: name, start: start) {
        let end = min(all.count, offset + size)
        defer { offset = end }
        return offset < end ? Array(all[offset..<end]) : []
      }
    }
  }
}
