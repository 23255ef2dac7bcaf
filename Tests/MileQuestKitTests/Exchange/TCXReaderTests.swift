import Foundation
import MileQuestCore
import Testing

@testable import MileQuestExchange

/// The TCX reader against real files (Fixtures/tcx, from python-tcxparser, BSD-2-Clause),
/// compared with what Python's xml.etree reads from them (Reference/tcx_reference.py).
@Suite struct TCXReaderTests {
  struct Expected: Decodable {
    struct Lap: Decodable {
      var startUnix: Double?
      var totalS: Double?
      var distanceM: Double?
    }
    var sport: String
    var startUnix: Double?
    var laps: [Lap]
    var positions: Int
  }

  static func tcxPath(_ name: String) throws -> String {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/tcx")
    ).path
  }

  static let expected: [String: [Expected]] = {
    guard
      let url = Bundle.module.url(
        forResource: "expected", withExtension: "json", subdirectory: "Fixtures/tcx"),
      let data = try? Data(contentsOf: url)
    else { return [:] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return (try? decoder.decode([String: [Expected]].self, from: data)) ?? [:]
  }()

  @Test func everyFixtureHasExpectedValues() {
    #expect(Self.expected.count == 3)
  }

  @Test(arguments: expected.keys.sorted())
  func activitiesMatchElementTree(name: String) throws {
    let expected = try #require(Self.expected[name])
    let activities = try TCXReader.activities(at: try Self.tcxPath(name))
    #expect(activities.count == expected.count)
    for (got, want) in zip(activities, expected) {
      #expect(got.sport == want.sport)
      #expect(got.start?.timeIntervalSince1970 == want.startUnix)
      #expect(got.positions == want.positions)
      #expect(got.laps.count == want.laps.count)
      for (lap, wantLap) in zip(got.laps, want.laps) {
        #expect(lap.start?.timeIntervalSince1970 == wantLap.startUnix)
        #expect(lap.totalSeconds == wantLap.totalS)
        #expect(lap.distanceMetres == wantLap.distanceM)
      }
      // The activity's distance is the laps', never the track points' cumulative values.
      let lapSum = want.laps.compactMap(\.distanceM).reduce(0, +)
      #expect(got.distanceMetres == lapSum)
    }
  }

  static func read(_ text: String) throws -> [TCXActivity] {
    try TCXReader.activities(bytes: Array(text.utf8), name: "a.tcx")
  }

  @Test func hostileAndBrokenFilesAreBadDataWithAPlace() throws {
    let cases = [
      // entities: refused on sight by the scanner
      """
      <?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>
      <TrainingCenterDatabase/>
      """,
      "<gpx/>",
      "",
      """
      <TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id>
      <Lap StartTime="2020-01-01T00:00:00Z"><DistanceMeters>12km</DistanceMeters></Lap>
      </Activity></Activities></TrainingCenterDatabase>
      """,
      """
      <TrainingCenterDatabase><Activities><Activity Sport="Running">
      <Lap><DistanceMeters>-5</DistanceMeters></Lap></Activity></Activities></TrainingCenterDatabase>
      """,
      "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Lap>",
    ]
    for text in cases {
      do {
        _ = try Self.read(text)
        Issue.record("accepted: \(text)")
      } catch let error as MileQuestError {
        #expect(error.exitCode == 65)
        #expect("\(error)".hasPrefix("a.tcx:"), "\(error)")
      }
    }
  }

  @Test func aFileWithNoActivityGivesNone() throws {
    #expect(try Self.read("<TrainingCenterDatabase><Courses/></TrainingCenterDatabase>").isEmpty)
  }
}
