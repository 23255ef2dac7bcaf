import Foundation
import MileQuestCore
import Testing

@testable import MileQuestExchange

/// The Apple Health reader and its day rules, against a real export and a file with one day
/// per rule (Fixtures/health), compared with Reference/health_reference.py's walks.
@Suite struct AppleHealthReaderTests {
  struct Expected: Decodable {
    var day: String
    var kind: String
    var source: String
    var metres: Double?
    var fromWorkouts: Bool
    var steps: Double?
    var candidates: [String: Double]
  }

  static func healthPath(_ name: String) throws -> String {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/health")
    ).path
  }

  static let expected: [String: [Expected]] = {
    guard
      let url = Bundle.module.url(
        forResource: "expected", withExtension: "json", subdirectory: "Fixtures/health"),
      let data = try? Data(contentsOf: url)
    else { return [:] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return (try? decoder.decode([String: [Expected]].self, from: data)) ?? [:]
  }()

  @Test func everyFixtureHasExpectedWalks() {
    #expect(Self.expected["export6s3sample.xml"]?.count == 2)
    #expect(Self.expected["rules.xml"]?.count == 7)
  }

  @Test(arguments: ["export6s3sample.xml", "rules.xml"])
  func walksMatchTheReference(name: String) throws {
    let expected = try #require(Self.expected[name])
    let days = try AppleHealthReader.totals(at: try Self.healthPath(name)).days()
    #expect(days.count == expected.count)
    for (got, want) in zip(days, expected) {
      #expect(got.day.description == want.day)
      #expect(got.kind.rawValue == want.kind)
      #expect(got.source == want.source)
      #expect(got.metres == want.metres)
      #expect(got.fromWorkouts == want.fromWorkouts)
      #expect(got.steps == want.steps)
      #expect(got.candidates.count == want.candidates.count)
      for candidate in got.candidates {
        #expect(want.candidates[candidate.source] == candidate.metres)
      }
    }
  }

  @Test func oneSourceOnly() throws {
    let totals = try AppleHealthReader.totals(at: try Self.healthPath("rules.xml"))
    let phone = totals.days(source: "Ann’s iPhone")
    #expect(phone.map(\.day.description) == ["2026-11-01", "2026-11-02", "2026-11-05"])
    #expect(phone.first?.metres == 2100)
    #expect(phone.first?.steps == 2900)
    #expect(totals.days(source: "nobody").isEmpty)
    #expect(totals.sources == ["Ann’s Apple Watch", "Ann’s iPhone", "Health", "Strava"])
  }

  @Test func smallChunksGiveTheSameTotals() throws {
    // Every token across a chunk boundary, the DTD included.
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.healthPath("rules.xml"))))
    let whole = try AppleHealthReader.totals(bytes: bytes, name: "rules.xml").days()
    let chunked = try AppleHealthReader.totals(
      scanner: XMLScanner(bytes: bytes, chunkSize: 7), name: "rules.xml"
    ).days()
    #expect(whole == chunked)
  }

  static func read(_ body: String, doctype: String = "") throws -> [AppleHealthDay] {
    let text = "<?xml version=\"1.0\"?>\(doctype)<HealthData>\(body)</HealthData>"
    return try AppleHealthReader.totals(bytes: Array(text.utf8), name: "export.xml").days()
  }

  @Test func entitiesAndExternalDTDsAreStillRefused() throws {
    let hostile = [
      "<!DOCTYPE HealthData [<!ENTITY a \"aaaaaaaa\">]>",
      "<!DOCTYPE HealthData SYSTEM \"http://example.com/x.dtd\">",
      "<!DOCTYPE HealthData [<!ELEMENT HealthData ANY><!ENTITY % p \"x\">]>",
      "<!DOCTYPE HealthData [<!ATTLIST Record a CDATA %p;>]>",
      "<!DOCTYPE HealthData [<!NOTATION n SYSTEM \"x\">]>",
      "<!DOCTYPE HealthData [<!ELEMENT HealthData ANY>",
      "<!DOCTYPE HealthData [<!ELEMENT HealthData ANY>]><!DOCTYPE HealthData []>",
    ]
    for doctype in hostile {
      do {
        _ = try Self.read("", doctype: doctype)
        Issue.record("accepted: \(doctype)")
      } catch let error as MileQuestError {
        #expect(error.exitCode == 65)
        #expect("\(error)".hasPrefix("export.xml:"), "\(error)")
      }
    }
  }

  @Test func badValuesNameTheirPlace() throws {
    let bad = [
      "<Record type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sourceName=\"a\" unit=\"km\" startDate=\"2026-11-01 09:00:00 +0000\" value=\"-1\"/>",
      "<Record type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sourceName=\"a\" unit=\"furlong\" startDate=\"2026-11-01 09:00:00 +0000\" value=\"1\"/>",
      "<Record type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sourceName=\"a\" unit=\"km\" startDate=\"yesterday\" value=\"1\"/>",
      "<Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"a\" startDate=\"2026-11-01 09:00:00 +0000\" value=\"nan\"/>",
      "<Record type=\"HKQuantityTypeIdentifierDistanceCycling\" unit=\"km\" startDate=\"2026-11-01 09:00:00 +0000\" value=\"1\"/>",
    ]
    for body in bad {
      #expect(throws: MileQuestError.self) { _ = try Self.read(body) }
    }
    #expect(throws: MileQuestError.self) {
      _ = try AppleHealthReader.totals(bytes: Array("<gpx/>".utf8), name: "x.xml")
    }
  }
}
