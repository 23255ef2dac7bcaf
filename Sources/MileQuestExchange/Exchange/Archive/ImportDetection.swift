import Foundation
import MileQuestCore

/// What `milequest import FILE` (no kind named) takes a file for, decided from its content,
/// not its name. This tool's own kinds are here; every other tool's format is one of the
/// Kit's registry (`ImportFormats.all`), named by its `name`.
public enum ImportKind: Equatable, Sendable {
  case gpx
  /// This tool's walk exchange files (`import walks`).
  case walks(ExchangeFormat)
  /// This tool's `export all` document (`import all`).
  case exportAll
  /// A format of the Kit's registry (`fit`, `strava`, …): its `import NAME` reads it.
  case format(String)
  /// Recognised, but read by a command of its own that this build may not have.
  case other(String)

  /// How the chosen kind is named on stderr: "reading FILE as ..." (a registered format is
  /// named by its title, which the registry knows).
  public var description: String {
    switch self {
    case .gpx: "a GPX track"
    case .walks(let format): "walks in \(format.rawValue.uppercased())"
    case .exportAll: "an `export all` document"
    case .format(let name): name
    case .other(let name): name
    }
  }
}

/// What `import FILE` looks at to tell a file's format: the first bytes (inflated, for gzip
/// data), or a zip's member names. The registry's formats each say from it whether the file
/// is theirs (`ImportFormat.recognises`).
public struct ImportProbe: Sendable {
  public enum Container: Sendable, Equatable {
    case plain
    /// `head` is the inflated content.
    case gzip
    /// `head` is empty; `zipMembers` are the archive's paths.
    case zip
  }

  public var path: String
  public var container: Container
  /// Up to `ImportDetection.window` bytes of the content, a UTF-8 byte order mark dropped.
  public var head: [UInt8]
  public var zipMembers: [String]

  public init(path: String, container: Container, head: [UInt8], zipMembers: [String] = []) {
    self.path = path
    self.container = container
    self.head = head.starts(with: [0xef, 0xbb, 0xbf]) ? Array(head.dropFirst(3)) : head
    self.zipMembers = zipMembers
  }

  /// A FIT file header: 12 or 14 bytes whose bytes 8-11 are ".FIT".
  public var isFIT: Bool {
    head.count >= 12 && (head[0] == 12 || head[0] == 14)
      && Array(head[8..<12]) == Array(".FIT".utf8)
  }

  private var firstByte: Int? { head.firstIndex(where: { !ImportDetection.isSpace($0) }) }

  /// An XML document's root element, namespace prefix dropped; nil for anything else.
  public var rootElement: String? {
    guard let first = firstByte, head[first] == UInt8(ascii: "<") else { return nil }
    return ImportDetection.rootElement(head, from: first)
  }

  /// The start of a JSON document (an object or an array); nil for anything else.
  public var jsonStart: String? {
    guard let first = firstByte,
      head[first] == UInt8(ascii: "{") || head[first] == UInt8(ascii: "[")
    else { return nil }
    return String(String(decoding: head[first...], as: UTF8.self).prefix(4096))
  }

  /// A CSV (or TSV) header's names, lowercased and unquoted; nil for XML, JSON, binary data.
  public var csvHeader: (names: [String], separator: Character)? {
    guard let first = firstByte, head[first] != UInt8(ascii: "<"), head[first] != UInt8(ascii: "{"),
      head[first] != UInt8(ascii: "["), !isFIT
    else { return nil }
    let end = head.firstIndex(of: 0x0a) ?? head.count
    let header = String(decoding: head[..<end], as: UTF8.self).lowercased()
    let separator: Character = header.contains("\t") ? "\t" : ","
    let names = header.split(separator: separator).map {
      $0.trimmingCharacters(in: .init(charactersIn: "\" \r"))
    }
    return (names, separator)
  }

  /// Whether the zip holds a file named `name` (at its top or in a folder).
  public func hasMember(named name: String) -> Bool {
    zipMembers.contains { $0 == name || $0.hasSuffix("/" + name) }
  }
}

public enum ImportDetection {
  /// Bytes looked at: enough for an XML prolog with Apple's internal DTD subset (about 10 KB)
  /// or a CSV header.
  static let window = 64 * 1024

  /// What can be looked at in the file at `path`: its first bytes, and what a gzip file
  /// holds or a zip's member names. A missing file is `.inputUnreadable` (66); standard
  /// input is refused (64).
  public static func probes(path: String) throws -> [ImportProbe] {
    if path == "-" {
      throw MileQuestError.usage(
        "import FILE reads a file by name; to read standard input, name the kind "
          + "(import walks|health|tcx -)")
    }
    let source = try ByteSource(path: path)
    var probes = [ImportProbe(path: path, container: .plain, head: try source.head(window))]
    if try Gzip.isGzip(source) {
      let inner = Gzip.inflating(source)
      probes.append(ImportProbe(path: path, container: .gzip, head: try inner.head(window)))
    } else if try ZipArchive.isZip(source) {
      let archive = try ZipArchive(path: path)
      probes.append(
        ImportProbe(path: path, container: .zip, head: [], zipMembers: archive.members.map(\.path)))
    }
    return probes
  }

  /// The error for a file no reader knows (65), saying what was looked for.
  public static func unknown(_ path: String, _ what: String?, kinds: [String]) -> MileQuestError {
    .badData(
      "\(path): cannot tell what to import from it\(what.map { " (\($0))" } ?? ""); "
        + "name the kind: milequest import \(kinds.joined(separator: "|")) FILE")
  }

  /// This tool's own kinds (walks, `export all`, GPX) in a file's first bytes, or nil.
  public static func ownKind(_ probe: ImportProbe) -> ImportKind? {
    if probe.rootElement == "gpx" { return .gpx }
    if let json = probe.jsonStart { return jsonKind(json) }
    if let (names, separator) = probe.csvHeader, names.contains("member"), names.contains("date") {
      return .walks(separator == "\t" ? .tsv : .csv)
    }
    return nil
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

  /// JSON: this tool's `export all` document, or its walks (an array or NDJSON objects
  /// with a `member`).
  static func jsonKind(_ start: String) -> ImportKind? {
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
    if start.contains("\"member\"") { return .walks(.json) }
    return nil
  }
}
