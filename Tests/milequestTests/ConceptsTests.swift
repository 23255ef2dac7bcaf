import MileQuestKit
import Testing

@testable import milequest

/// One of each concept in the CLI (issue 13): `--output` reads the Kit's one extension map.
@Suite("Concepts: one map, one printer")
struct ConceptsTests {
  @Test("--output FILE picks the data format its extension names, through FileFormat")
  func outputFormatFromExtension() {
    for format in FileFormat.allCases {
      let expected: OutputFormat? =
        switch format {
        case .csv: .csv
        case .tsv: .tsv
        case .json: .json
        case .ndjson: .ndjson
        case .text: .table
        case .gpx, .geojson, .svg, .html: nil
        }
      for ext in format.extensions {
        #expect(Printer.format(forPath: "out/x.\(ext.uppercased())") == expected, "\(ext)")
      }
    }
    #expect(Printer.format(forPath: "x.xlsx") == nil)
    #expect(Printer.format(forPath: "x") == nil)
  }
}
