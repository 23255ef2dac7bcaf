import Testing

@testable import MileQuestKit

/// The one map from a file name's extension to a format.
@Suite("FileFormat")
struct FileFormatTests {
  @Test("every extension names its own format, and no extension names two")
  func extensionsRoundTrip() {
    var seen: [String: FileFormat] = [:]
    for format in FileFormat.allCases {
      #expect(!format.extensions.isEmpty, "\(format) has no extension")
      for ext in format.extensions {
        #expect(seen[ext] == nil, "\(ext) names \(seen[ext].map { "\($0)" } ?? "") and \(format)")
        seen[ext] = format
        #expect(FileFormat(path: "dir.d/walks.\(ext)") == format)
        #expect(FileFormat(path: "WALKS.\(ext.uppercased())") == format)
      }
    }
  }

  @Test("names without a known extension name no format")
  func noFormat() {
    for path in ["-", "walks", "walks.", ".csv", "dir.csv/walks", "walks.xlsx", "a.csv.gz", ""] {
      #expect(FileFormat(path: path) == nil, "\(path)")
    }
  }

  @Test("imports and exports read the same map")
  func exchangeFormats() {
    #expect(ExchangeFormat(fileName: "a.CSV") == .csv)
    #expect(ExchangeFormat(fileName: "a.json") == .json)
    #expect(ExchangeFormat(fileName: "a.jsonl") == .ndjson)
    #expect(ExchangeFormat(fileName: "a.ndjson") == .ndjson)
    #expect(ExchangeFormat(fileName: "a.TSV") == .tsv)
    #expect(ExchangeFormat(fileName: "a.gpx") == nil)
  }
}
