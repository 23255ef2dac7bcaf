import Foundation
import Testing

/// `import strava`, `import google-fit` and `import fitbit` through the built binary: the real
/// fixtures import to the values Reference/activity_exports_reference.py computed, a
/// re-import adds nothing and leaves the database as it was, a dry run changes nothing, and
/// every hostile input is exit 65 (66 for a missing file) with the database unchanged.
@Suite("End to end: Strava, Google Fit and Fitbit imports")
struct OtherImportsTests {
  static let fixtures = FileFixtures.directory

  static func fixture(_ path: String) -> String {
    fixtures.appendingPathComponent(path).path
  }

  static func expected(_ directory: String) throws -> [String: Any] {
    let data = try Data(
      contentsOf: fixtures.appendingPathComponent("\(directory)/expected.json"))
    return J.object(try JSONSerialization.jsonObject(with: data))
  }

  /// Every walk stored, by external id.
  static func walks(_ cli: CLI) throws -> [String: [String: Any]] {
    let rows = J.array(try cli.json(["export", "walks"])).map(J.object)
    return Dictionary(
      rows.map { (J.string($0["external_id"]) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
  }

  static func member(_ timeZone: String = "UTC") throws -> CLI {
    let cli = try CLI(timeZone: timeZone)
    cli.ok(["member", "add", "ana"])
    return cli
  }

  @Test(arguments: ["UTC", "America/New_York"])
  func stravaExportImportsToTheReferenceValues(zone: String) throws {
    let cli = try Self.member(zone)
    let out = cli.ok(["import", "strava", Self.fixture("strava"), "--member", "ana"])
    #expect(out.contains("imported 33 walks (0 already there)"))
    let want = J.array(J.object(try Self.expected("strava")[zone])["walks"]).map(J.object)
    let got = try Self.walks(cli)
    #expect(got.count == 33)
    for walk in want {
      let id = try #require(J.string(walk["external_id"]))
      let stored = try #require(got[id], "\(id) not imported")
      #expect(J.string(stored["date"]) == J.string(walk["date"]), "\(id)")
      let metres = try #require(J.double(walk["distance_m"]))
      #expect(isClose(J.double(stored["distance_m"]), metres, within: metres * 1e-4), "\(id)")
      #expect(J.double(stored["duration_s"]) == J.double(walk["duration_s"]), "\(id)")
      #expect(J.string(stored["note"]) == J.string(walk["note"]), "\(id)")
      #expect(J.string(stored["source"]) == "import")
    }
    // Importing the same export again adds nothing and leaves the file as it was.
    let before = cli.dbBytes()
    let again = cli.ok([
      "import", "strava", Self.fixture("strava/activities.csv"), "--member", "ana",
    ])
    #expect(again.contains("imported 0 walks (33 already there)"))
    #expect(cli.dbBytes() == before)
  }

  @Test func stravaDryRunListsEachWalkAndChangesNothing() throws {
    let cli = try Self.member()
    let before = cli.dbBytes()
    let out = cli.ok(["import", "strava", Self.fixture("strava"), "--member", "ana", "--dry-run"])
    #expect(out.contains("would import 33 walks (0 already there)"))
    #expect(out.contains("2019-03-16  hike  14.11 mi  strava:2221060927"))
    #expect(out.contains("2023-05-06  other  18.40 mi  strava:9024249421"))
    #expect(cli.dbBytes() == before)
    // A grown export adds only what is new.
    let grown = cli.directory.appendingPathComponent("grown")
    try FileManager.default.createDirectory(at: grown, withIntermediateDirectories: true)
    let lines = try String(contentsOfFile: Self.fixture("strava/activities.csv"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    try (lines.prefix(11).joined(separator: "\n") + "\n").write(
      to: grown.appendingPathComponent("activities.csv"), atomically: true, encoding: .utf8)
    #expect(cli.ok(["import", "strava", grown.path, "-m", "ana"]).contains("imported 10 walks"))
    let all = cli.ok(["import", "strava", Self.fixture("strava"), "-m", "ana", "--dry-run"])
    #expect(all.contains("would import 23 walks (10 already there)"))
    #expect(all.contains("strava:203707851  (already there)"))
  }

  @Test func stravaZipReadsTheActivitiesOwnFilesWhenTheCSVHasNoDistance() throws {
    let cli = try Self.member()
    let zip = Self.fixture("strava/export_zip.zip")
    let result = cli.run(["import", "strava", zip, "--member", "ana"])
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.contains("imported 3 walks (0 already there)"))
    #expect(result.stderr.contains("1 activity without a distance"))
    let got = try Self.walks(cli)
    // activities/11.fit.gz: fitparse's total_distance; 12.gpx.gz: the haversine sum of its
    // segments (Fixtures/expected.json); 13: the CSV's metres.
    #expect(J.double(got["strava:11"]?["distance_m"]) == 67.85)
    #expect(isClose(J.double(got["strava:12"]?["distance_m"]), 87.6486, within: 87.6486e-4))
    #expect(J.double(got["strava:13"]?["distance_m"]) == 2412.5)
    #expect(J.string(got["strava:11"]?["date"]) == "2017-06-11")
    let before = cli.dbBytes()
    #expect(cli.ok(["import", "strava", zip, "-m", "ana"]).contains("imported 0 walks (3 already"))
    #expect(cli.dbBytes() == before)
  }

  @Test func googleFitTakeoutImportsToTheReferenceValues() throws {
    let cli = try Self.member()
    let days = J.array(try Self.expected("googlefit")["days"]).map(J.object)
    let out = cli.ok([
      "import", "google-fit", Self.fixture("googlefit/Daily activity metrics.csv"),
      Self.fixture("googlefit/2024-05-02.csv"), "--member", "ana",
    ])
    let withDistance = days.filter { (J.double($0["distance_m"]) ?? 0) > 0 }
    #expect(withDistance.count == 46)
    #expect(out.contains("imported 46 walks (0 already there)"))
    let got = try Self.walks(cli)
    for day in withDistance {
      let date = try #require(J.string(day["date"]))
      let stored = try #require(got["google-fit:\(date)"], "\(date) not imported")
      #expect(J.string(stored["date"]) == date)
      let metres = try #require(J.double(day["distance_m"]))
      #expect(isClose(J.double(stored["distance_m"]), metres, within: metres * 1e-4), "\(date)")
      #expect(J.int(stored["steps"]) == J.int(day["steps"]), "\(date)")
    }
    // The folder holds the summary: re-importing it adds nothing.
    let before = cli.dbBytes()
    let again = cli.run(["import", "google-fit", Self.fixture("googlefit"), "-m", "ana"])
    #expect(again.code == 0)
    #expect(again.stdout.contains("imported 0 walks (45 already there)"))
    #expect(again.stderr.contains("5 days without a distance not imported"))
    #expect(cli.dbBytes() == before)
  }

  @Test(arguments: ["UTC", "America/New_York", "Asia/Tokyo"])
  func fitbitExportImportsToTheReferenceValues(zone: String) throws {
    let cli = try Self.member(zone)
    let want = J.array(J.object(try Self.expected("fitbit")[zone])["walks"]).map(J.object)
    let out = cli.ok(["import", "fitbit", Self.fixture("fitbit"), "--member", "ana"])
    #expect(out.contains("imported \(want.count) walk"))
    let got = try Self.walks(cli)
    #expect(got.count == want.count)
    for walk in want {
      let id = try #require(J.string(walk["external_id"]))
      let stored = try #require(got[id], "\(id) not imported")
      #expect(J.string(stored["date"]) == J.string(walk["date"]))
      let metres = try #require(J.double(walk["distance_m"]))
      #expect(isClose(J.double(stored["distance_m"]), metres, within: metres * 1e-4), "\(id)")
      #expect(J.int(stored["steps"]) == J.int(walk["steps"]), "\(id)")
    }
    let before = cli.dbBytes()
    let physical = Self.fixture("fitbit/MyFitbitData/Ana/Physical Activity")
    let again = cli.ok([
      "import", "fitbit", "\(physical)/distance-2024-03-09.json",
      "\(physical)/steps-2024-03-09.json", "-m", "ana",
    ])
    #expect(again.contains("imported 0 walks"))
    #expect(cli.dbBytes() == before)
  }

  @Test func takeoutAndFitbitZipsImportLikeTheirFolders() throws {
    let cli = try Self.member("America/New_York")
    let folder = cli.ok([
      "import", "google-fit", Self.fixture("googlefit"), "-m", "ana", "--dry-run",
    ])
    let zip = cli.ok(["import", "google-fit", Self.fixture("googlefit/takeout.zip"), "-m", "ana"])
    #expect(zip.contains("imported 45 walks (0 already there)"))
    #expect(folder.contains("would import 45 walks (0 already there)"))
    let fitbit = cli.ok(["import", "fitbit", Self.fixture("fitbit/MyFitbitData.zip"), "-m", "ana"])
    #expect(fitbit.contains("imported 4 walks (0 already there)"))
    let got = try Self.walks(cli)
    let want = J.array(J.object(try Self.expected("fitbit")["America/New_York"])["walks"])
    for walk in want.map(J.object) {
      let id = try #require(J.string(walk["external_id"]))
      #expect(J.double(got[id]?["distance_m"]) == J.double(walk["distance_m"]), "\(id)")
    }
    let before = cli.dbBytes()
    #expect(
      cli.ok(["import", "fitbit", Self.fixture("fitbit"), "-m", "ana"]).contains("imported 0"))
    #expect(cli.dbBytes() == before)
  }

  // MARK: - Hostile inputs

  /// A file in the run's folder, and the command fails as SPEC §5 says with the database
  /// unchanged.
  static func refused(
    _ cli: CLI, _ args: [String], files: [String: String], code: Int32 = 65, mentions: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    for (name, text) in files {
      let url = cli.directory.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let before = cli.dbBytes()
    let result = cli.run(args + ["--member", "ana"])
    #expect(result.code == code, "\(args) → \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(result.stderr.contains(mentions), "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("milequest: error: "), sourceLocation: sourceLocation)
    #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
    #expect(cli.dbBytes() == before, sourceLocation: sourceLocation)
  }

  static let header =
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,"
    + "Elapsed Time,Distance\n"

  @Test(arguments: [
    (
      "1,\"Jan 1, 2024, 10:00:00 AM\",a,Walk,60,1.0,,60.0,1000\n2,\"Jan 2, 20", "s/activities.csv:3"
    ),
    (
      "1,\"Jan 1, 2024, 10:00:00 AM\",a,Walk,60,1.0,,60.0,1000\n2,\"Feb 30, 2024, 1:00:00 PM\",b,Walk,60,1,,60,1",
      "s/activities.csv:3: Activity Date 'Feb 30, 2024, 1:00:00 PM'"
    ),
    (
      "1,\"Jan 1, 2024, 10:00:00 AM\",a,Walk,60,1.0,,60.0,1000\n1,\"Jan 2, 2024, 10:00:00 AM\",b,Walk,60,1,,60,1",
      "activity ID 1 appears twice"
    ),
    (
      "1,\"Jan 1, 2024, 10:00:00 AM\",a,Walk,60,1.0,,60.0,1e308\n",
      "s/activities.csv:2: bad distance_m"
    ),
    ("1,\"Jan 1, 2024, 10:00:00 AM\",a,Walk,60,1.0,,60.0,99999999999999999999\n", "1000 mi"),
    ("1,\"Jan 1, 2027, 10:00:00 AM\",a,Walk,60,1.0,,60.0,1000\n", "is in the future"),
    (
      "1,\"Jan 1, 2024, 10:00:00 AM\",a,Walk,60,1.0,activities/1.gpx,60.0,\n",
      "is not in the export"
    ),
    ("1,\"Jan 1, 2024, 10:00:00 AM\",a,Walk,60,1.0,,60.0,NaN\n", "'NaN'"),
  ])
  func stravaHostile(rows: String, mentions: String) throws {
    let cli = try Self.member()
    try Self.refused(
      cli, ["import", "strava", "s"], files: ["s/activities.csv": Self.header + rows],
      mentions: mentions)
  }

  @Test func hostileHeadersAndFolders() throws {
    let cli = try Self.member()
    try Self.refused(
      cli, ["import", "strava", "w"], files: ["w/activities.csv": "member,date,distance\n"],
      mentions: "not the activities.csv of a Strava export")
    try Self.refused(
      cli, ["import", "strava", "e"], files: ["e/readme.txt": "x"], mentions: "no activities.csv")
    try Self.refused(
      cli, ["import", "strava", "nowhere.csv"], files: [:], code: 66, mentions: "nowhere.csv")
    try Self.refused(
      cli, ["import", "google-fit", "g.csv"], files: ["g.csv": "Date,Steps\n2024-01-01,5\n"],
      mentions: "g.csv:1: no 'Distance (m)' column")
    try Self.refused(
      cli, ["import", "google-fit", "h.csv", "i.csv"],
      files: [
        "h.csv": "Date,Distance (m)\n2024-01-01,5\n", "i.csv": "Date,Distance (m)\n2024-01-01,7\n",
      ],
      mentions: "i.csv:2: 2024-01-01 is also in h.csv:2")
    try Self.refused(
      cli, ["import", "google-fit", "j.csv"],
      files: ["j.csv": "Date,Distance (m)\n2024-01-01,5e9\n"],
      mentions: "1000 mi")
    try Self.refused(
      cli, ["import", "google-fit", "k.csv"], files: ["k.csv": "Date,Distance (m)\n2024-13-01,5\n"],
      mentions: "k.csv:2: Date '2024-13-01'")
    try Self.refused(
      cli, ["import", "fitbit", "f/distance-2024-01-01.json"],
      files: [
        "f/distance-2024-01-01.json":
          "[{\n  \"dateTime\" : \"01/01/24 00:00:00\",\n  \"value\" : \"1"
      ],
      mentions: "f/distance-2024-01-01.json")
    try Self.refused(
      cli, ["import", "fitbit", "f2"],
      files: [
        "f2/a/distance-2024-01-01.json": "[{\"dateTime\":\"01/01/24 00:00:00\",\"value\":\"100\"}]",
        "f2/b/distance-2024-01-01.json": "[{\"dateTime\":\"01/01/24 00:00:00\",\"value\":\"100\"}]",
      ], mentions: "give each export once")
    try Self.refused(
      cli, ["import", "fitbit", "f3/steps-2024-01-01.json"],
      files: ["f3/steps-2024-01-01.json": "[{\"dateTime\":\"13/01/24 00:00:00\",\"value\":\"1\"}]"],
      mentions: "dateTime '13/01/24 00:00:00'")
    try Self.refused(
      cli, ["import", "fitbit", "f4"], files: ["f4/notes.json": "[]"],
      mentions: "no distance-*.json, steps-*.json, distance_*.csv or steps_*.csv files")
    try Self.refused(
      cli, ["import", "fitbit", "missing"], files: [:], code: 66, mentions: "missing")
  }
}
