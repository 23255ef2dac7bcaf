import Foundation
import MileQuestCore

/// What `milequest import FILE` (no kind named) takes a file for, decided from its content,
/// not its name: the first bytes, what a gzip file holds, a zip's member names, an XML
/// file's root element, a CSV header, a JSON document's shape.
public enum ImportKind: Equatable, Sendable {
  case fit
  case tcx
  case gpx
  case health
  /// A Strava bulk export (its zip, or its `activities.csv`).
  case strava
  /// Google Takeout Fit's daily metrics.
  case googleFit
  /// A Fitbit account export (its zip, or a distance/steps JSON file).
  case fitbit
  /// This tool's walk exchange files (`import walks`).
  case walks(ExchangeFormat)
  /// This tool's `export all` document (`import all`).
  case exportAll
  /// Recognised, but read by a command of its own that this build may not have.
  case other(String)

  /// How the chosen kind is named on stderr: "reading FILE as ...".
  public var description: String {
    switch self {
    case .fit: "a FIT activity file"
    case .tcx: "a Training Center (TCX) file"
    case .gpx: "a GPX track"
    case .health: "an Apple Health export"
    case .strava: "a Strava bulk export"
    case .googleFit: "Google Takeout Fit daily metrics"
    case .fitbit: "a Fitbit export"
    case .walks(let format): "walks in \(format.rawValue.uppercased())"
    case .exportAll: "an `export all` document"
    case .other(let name): name
    }
  }
}

public enum ImportDetection {
  /// Bytes looked at: enough for an XML prolog with Apple's internal DTD subset (about 10 KB)
  /// or a CSV header.
  static let window = 64 * 1024

  /// The kind of the file at `path`; a file none of the readers knows is `.badData` (65)
  /// that says what was looked for, a missing file `.inputUnreadable` (66).
  public static func detect(path: String) throws -> ImportKind {
    if path == "-" {
      throw MileQuestError.usage(
        "import FILE reads a file by name; to read standard input, name the kind "
          + "(import walks|health|tcx -)")
    }
    let source = try ByteSource(path: path)
    let head = try source.head(window)
    if let kind = try kind(head: head, path: path) { return kind }
    if try Gzip.isGzip(source) {
      let inner = Gzip.inflating(source)
      let innerHead = try inner.head(window)
      switch try kind(head: innerHead, path: path) {
      case .fit?, .tcx?, .health?: return try kind(head: innerHead, path: path)!
      case .gpx?: throw unknown(path, "a gzipped GPX track: unzip it and import the .gpx")
      default:
        throw unknown(path, "gzip data whose content is none of FIT, TCX or Apple Health")
      }
    }
    if try ZipArchive.isZip(source), path != "-" {
      let archive = try ZipArchive(path: path)
      let names = archive.members.map(\.path)
      if names.contains(where: { $0 == "export.xml" || $0.hasSuffix("/export.xml") }) {
        return .health
      }
      if names.contains(where: { $0 == "activities.csv" || $0.hasSuffix("/activities.csv") }) {
        return .strava
      }
      if names.contains(where: { $0.hasSuffix("Daily activity metrics.csv") }) {
        return .googleFit
      }
      if names.contains(where: {
        let name = FilePath.lastComponent(of: $0)
        return (name.hasPrefix("distance-") || name.hasPrefix("steps-")) && name.hasSuffix(".json")
      }) {
        return .fitbit
      }
      throw unknown(
        path,
        "a zip archive with none of export.xml, activities.csv, Daily activity metrics.csv "
          + "or Fitbit's distance-*.json")
    }
    throw unknown(path, nil)
  }

  static func unknown(_ path: String, _ what: String?) -> MileQuestError {
    .badData(
      "\(path): cannot tell what to import from it\(what.map { " (\($0))" } ?? ""); "
        + "name the kind: milequest import health|fit|tcx|gpx|walks|all FILE")
  }

  /// The kind the first bytes of a file say, or nil (gzip and zip are looked into by the
  /// caller).
  static func kind(head: [UInt8], path: String) throws -> ImportKind? {
    // FIT: a 12- or 14-byte header whose bytes 8-11 are ".FIT".
    if head.count >= 12, head[0] == 12 || head[0] == 14, Array(head[8..<12]) == Array(".FIT".utf8) {
      return .fit
    }
    var text = head
    if text.starts(with: [0xef, 0xbb, 0xbf]) { text.removeFirst(3) }
    guard let first = text.firstIndex(where: { !isSpace($0) }) else { return nil }
    switch text[first] {
    case UInt8(ascii: "<"):
      switch rootElement(text, from: first) {
      case "TrainingCenterDatabase"?: return .tcx
      case "HealthData"?: return .health
      case "gpx"?: return .gpx
      default: return nil
      }
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      return jsonKind(String(decoding: text[first...], as: UTF8.self))
    default:
      return csvKind(text)
    }
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
  }

  /// The name of the first element after the prolog (`<?xml?>`, comments, a DOCTYPE with its
  /// internal subset), with any namespace prefix dropped; nil when the window ends first.
  static func rootElement(_ bytes: [UInt8], from start: Int) -> String? {
    var index = start
    func starts(_ text: String) -> Bool {
      let utf8 = Array(text.utf8)
      return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
    }
    while index < bytes.count {
      if isSpace(bytes[index]) {
        index += 1
      } else if starts("<?") {
        guard let end = find("?>", in: bytes, from: index) else { return nil }
        index = end + 2
      } else if starts("<!--") {
        guard let end = find("-->", in: bytes, from: index) else { return nil }
        index = end + 3
      } else if starts("<!") {
        // A DOCTYPE: up to its closing '>', past an internal subset in brackets.
        var depth = 0
        var end = index + 2
        while end < bytes.count {
          if bytes[end] == UInt8(ascii: "[") { depth += 1 }
          if bytes[end] == UInt8(ascii: "]") { depth -= 1 }
          if bytes[end] == UInt8(ascii: ">") && depth <= 0 { break }
          end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
      } else if bytes[index] == UInt8(ascii: "<") {
        let nameStart = index + 1
        var nameEnd = nameStart
        while nameEnd < bytes.count, !isSpace(bytes[nameEnd]), bytes[nameEnd] != UInt8(ascii: ">"),
          bytes[nameEnd] != UInt8(ascii: "/")
        {
          nameEnd += 1
        }
        let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
        return name.split(separator: ":").last.map(String.init) ?? name
      } else {
        return nil
      }
    }
    return nil
  }

  static func find(_ text: String, in bytes: [UInt8], from start: Int) -> Int? {
    let needle = Array(text.utf8)
    guard bytes.count >= needle.count else { return nil }
    var index = start
    while index + needle.count <= bytes.count {
      if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle {
        return index
      }
      index += 1
    }
    return nil
  }

  /// JSON: this tool's `export all` document, its walks (an array or NDJSON objects with a
  /// `member`), or a Fitbit export's `[{"dateTime": ..., "value": ...}]`.
  static func jsonKind(_ text: String) -> ImportKind? {
    let start = text.prefix(4096)
    if start.hasPrefix("{") {
      if start.contains("\"members\"") || start.contains("\"teams\"")
        || start.contains("\"routes\"")
      {
        if !start.contains("\"member\"") || start.contains("\"schema_version\"") {
          return .exportAll
        }
      }
      if start.contains("\"member\"") {
        let lines = start.split(separator: "\n", omittingEmptySubsequences: true)
        return lines.count > 1 && lines[1].hasPrefix("{") ? .walks(.ndjson) : .walks(.json)
      }
      return nil
    }
    if start.contains("\"dateTime\"") { return .fitbit }
    if start.contains("\"member\"") { return .walks(.json) }
    return nil
  }

  /// CSV or TSV: this tool's walks (a header naming member and date), Strava's
  /// `activities.csv`, Google Takeout Fit's daily metrics.
  static func csvKind(_ bytes: [UInt8]) -> ImportKind? {
    let end = bytes.firstIndex(of: 0x0a) ?? bytes.count
    let header = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
    let separator: Character = header.contains("\t") ? "\t" : ","
    let names = header.split(separator: separator).map {
      $0.trimmingCharacters(in: .init(charactersIn: "\" \r"))
    }
    if names.contains("member") && names.contains("date") {
      return .walks(separator == "\t" ? .tsv : .csv)
    }
    if names.contains("activity id") && names.contains("activity date") {
      return .strava
    }
    if names.contains("date") && names.contains("distance (m)") {
      return .googleFit
    }
    return nil
  }
}
