import MileQuestCore

/// The kinds of file milequest reads and writes, as a file name's extension names them: the one
/// map from an extension to a format, for imports (`import walks`), exports (`export`), pictures
/// (`report --output DIR|FILE.html`) and every command's `--output FILE`.
public enum FileFormat: String, Sendable, CaseIterable {
  case csv, tsv, json, ndjson, text, gpx, geojson, svg, html

  /// The extensions that name the format, the usual one first (lower case; matching ignores
  /// case). Also what a shell offers to complete a file of this format.
  public var extensions: [String] {
    switch self {
    case .csv: ["csv"]
    case .tsv: ["tsv", "tab"]
    case .json: ["json"]
    case .ndjson: ["ndjson", "jsonl"]
    case .text: ["txt"]
    case .gpx: ["gpx"]
    case .geojson: ["geojson"]
    case .svg: ["svg"]
    case .html: ["html", "htm"]
    }
  }

  /// The format `path`'s extension names (`walks.CSV` is CSV), or nil for an extension that
  /// names none, no extension, or `-`.
  public init?(path: String) {
    let ext = FilePath.pathExtension(of: path).lowercased()
    guard !ext.isEmpty, let format = Self.allCases.first(where: { $0.extensions.contains(ext) })
    else { return nil }
    self = format
  }
}
