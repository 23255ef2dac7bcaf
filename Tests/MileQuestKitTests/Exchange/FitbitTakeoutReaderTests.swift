import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit

/// The Google-era Fitbit layout (`Physical Activity_GoogleData/distance_*.csv`, `steps_*.csv`)
/// and its mix with the classic JSON of `Global Export Data`, against Fixtures/fitbit-takeout
/// (written for these tests in the Takeout layout) and what
/// Reference/fitbit_takeout_reference.py (Python's csv, json, zoneinfo, math.fsum) reads from
/// it: distances to 0.01 %, dates, steps and the source that counts exactly.
@Suite struct FitbitTakeoutReaderTests {
  static let zones = ["UTC", "America/New_York", "Asia/Tokyo"]

  static func fixture(_ path: String) throws -> String {
    let url = try #require(Bundle.module.resourceURL)
    return url.appendingPathComponent("Fixtures").appendingPathComponent(path).path
  }

  static func expected(_ zone: String) throws -> [[String: Any]] {
    let path = try fixture("fitbit-takeout/expected.json")
    let all = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    let walks = ((all as? [String: Any])?[zone] as? [String: Any])?["walks"] as? [[String: Any]]
    return try #require(walks)
  }

  static func series(_ text: String, kind: FitbitSeries.Kind = .distance, zone: String = "UTC")
    throws -> FitbitSourceSeries
  {
    try FitbitCSVReader.series(
      source: ByteSource(bytes: Array(text.utf8), name: "x.csv"), kind: kind,
      timeZone: TimeZone(identifier: zone)!)
  }

  @Test(arguments: zones)
  func takeoutFolderMatchesPython(zone: String) throws {
    let want = try Self.expected(zone)
    let inputs = ImportInputs(
      paths: [try Self.fixture("fitbit-takeout/Takeout")],
      timeZone: try #require(TimeZone(identifier: zone)))
    let batch = try FitbitFormat().read(inputs)
    #expect(batch.drafts.map(\.date.description) == want.map { $0["date"] as? String })
    for (draft, want) in zip(batch.drafts, want) {
      let metres = try #require(want["distance_m"] as? Double)
      let got = try #require(draft.distanceMetres)
      #expect(abs(got - metres) <= metres * 1e-4, "\(draft.date)")
      #expect(draft.steps == want["steps"] as? Int, "\(draft.date)")
      #expect(draft.externalId == want["external_id"] as? String)
      let source = try #require(want["source"] as? String)
      #expect(
        draft.note == (source == FitbitFormat.jsonSource ? nil : "Fitbit, \(source)"),
        "\(draft.date)")
    }
    #expect(batch.warnings.contains { $0.contains("several sources") })
  }

  @Test func csvReaderSumsPerLocalDayAndSourceExactly() throws {
    let rows = (0..<10).map { "2024-03-02T23:5\($0):00Z,0.1,Watch" }
    let series = try Self.series(
      "timestamp,distance,data source\n" + rows.joined(separator: "\n")
        + "\n2024-03-03T00:00:30.5Z,7.25,Phone\n\n", zone: "UTC")
    #expect(series.totals[LocalDate("2024-03-02")!]?["Watch"] == 1.0)
    #expect(series.totals[LocalDate("2024-03-03")!]?["Phone"] == 7.25)
    let ny = try Self.series(
      "timestamp,distance,data source\n2024-03-03T04:59:00Z,5,Watch\n2024-03-03T05:00:00Z,6,Watch\n",
      zone: "America/New_York")
    #expect(ny.totals[LocalDate("2024-03-02")!]?["Watch"] == 5)
    #expect(ny.totals[LocalDate("2024-03-03")!]?["Watch"] == 6)
  }

  @Test func csvReaderCountsAnExactRepeatOnceAndNoDataAsNothing() throws {
    let repeated = try Self.series(
      "timestamp,steps,data source\n2024-03-02T10:00:00Z,40,W\n2024-03-02T10:00:00Z,40,W\n"
        + "2024-03-02T10:00:00Z,35,P\n", kind: .steps)
    #expect(repeated.totals[LocalDate("2024-03-02")!] == ["W": 40, "P": 35])
    #expect(try Self.series("no data\n").totals.isEmpty)
    #expect(try Self.series("timestamp,distance,data source\n").totals.isEmpty)
    let unnamed = try Self.series("timestamp,distance\n2024-03-02T10:00:00Z,3\n")
    #expect(unnamed.totals[LocalDate("2024-03-02")!] == [FitbitCSVReader.unnamedSource: 3])
  }

  @Test(arguments: [
    ("timestamp,steps\n", "x.csv:1: expected the header 'timestamp,distance,data source'"),
    ("timestamp,distance,data source\n2024-03-02,1,W\n", "x.csv:2: timestamp '2024-03-02'"),
    ("timestamp,distance,data source\n2024-03-02T10:00:00Z,-1,W\n", "x.csv:2: distance '-1'"),
    ("timestamp,distance,data source\n2024-03-02T10:00:00Z,NaN,W\n", "x.csv:2: distance 'NaN'"),
    ("timestamp,distance,data source\n2024-03-02T10:00:00Z,,W\n", "x.csv:2: distance ''"),
    ("timestamp,distance,data source\n2024-03-02T10:00:00Z\n", "x.csv:2: the row has 1 cells"),
    (
      "timestamp,distance,data source\n2024-03-02T10:00:00Z,1,W\n2024-03-02T10:00:00Z,2,W\n",
      "x.csv:3: 2024-03-02T10:00:00Z of 'W' is also on line 2"
    ),
    ("timestamp,distance,data source\n2024-03-02T10:00:00Z,1,\"W\n", "x.csv:2"),
  ])
  func csvReaderRefusesBadRows(text: String, message: String) throws {
    #expect {
      try Self.series(text)
    } throws: { "\($0)".contains(message) }
  }

  @Test func kindsOfBothLayouts() {
    #expect(FitbitCSVReader.kind(ofFile: "a/distance_2024-03-01.csv") == .distance)
    #expect(FitbitCSVReader.kind(ofFile: "steps_2024-03-01.csv") == .steps)
    #expect(FitbitCSVReader.kind(ofFile: "calories_2024-03-01.csv") == nil)
    #expect(FitbitCSVReader.kind(ofFile: "distance-2024-03-01.json") == nil)
    #expect(FitbitFormat.layout(ofFile: "distance-2024-03-01.json") == .json(.distance))
    #expect(FitbitFormat.layout(ofFile: "x/Steps/steps_2024-03-01.csv") == .takeout(.steps))
    #expect(FitbitFormat.layout(ofFile: "x/fitbit_export_20161001.csv") == .daily)
    #expect(FitbitFormat.layout(ofFile: "x/export_20161001.csv") == nil)
  }

  @Test func theLargestSourceCountsAndTiesGoToTheFirstName() {
    #expect(FitbitFormat.largest(["b": ExactSum([2]), "a": ExactSum([2])])?.source == "a")
    #expect(FitbitFormat.largest(["b": ExactSum([3]), "a": ExactSum([2])])?.source == "b")
    #expect(FitbitFormat.largest([:]) == nil)
  }
}
