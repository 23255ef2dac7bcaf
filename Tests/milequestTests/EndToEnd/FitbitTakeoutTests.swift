import Foundation
import Testing

/// `import fitbit` of a Google Takeout (Physical Activity_GoogleData CSVs beside the classic
/// JSON of Global Export Data) through the built binary: the folder and the zip import to the
/// values Reference/fitbit_takeout_reference.py computed, a re-import adds nothing and leaves
/// the database as it was, a dry run lists the days and changes nothing, and a malformed row
/// is 65 with FILE:LINE and the database unchanged.
@Suite("End to end: Fitbit's Google Takeout layout")
struct FitbitTakeoutTests {
  static func fixture(_ path: String) -> String {
    FileFixtures.directory.appendingPathComponent(path).path
  }

  static func expected(_ zone: String) throws -> [[String: Any]] {
    let data = try Data(
      contentsOf: FileFixtures.directory.appendingPathComponent("fitbit-takeout/expected.json"))
    let all = J.object(try JSONSerialization.jsonObject(with: data))
    return J.array(J.object(all[zone])["walks"]).map(J.object)
  }

  static func member(_ timeZone: String) throws -> CLI {
    let cli = try CLI(timeZone: timeZone)
    cli.ok(["member", "add", "ana"])
    return cli
  }

  /// Every walk stored, by external id.
  static func walks(_ cli: CLI) throws -> [String: [String: Any]] {
    let rows = J.array(try cli.json(["export", "walks"])).map(J.object)
    return Dictionary(
      rows.map { (J.string($0["external_id"]) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
  }

  static func expectReference(
    _ cli: CLI, zone: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let want = try expected(zone)
    let got = try walks(cli)
    #expect(got.count == want.count, sourceLocation: sourceLocation)
    for walk in want {
      let id = try #require(J.string(walk["external_id"]))
      let stored = try #require(got[id], "\(id) not imported", sourceLocation: sourceLocation)
      #expect(J.string(stored["date"]) == J.string(walk["date"]), sourceLocation: sourceLocation)
      let metres = try #require(J.double(walk["distance_m"]))
      #expect(
        isClose(J.double(stored["distance_m"]), metres, within: metres * 1e-4), "\(id)",
        sourceLocation: sourceLocation)
      #expect(
        J.int(stored["steps"]) == J.int(walk["steps"]), "\(id)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: ["UTC", "America/New_York"])
  func takeoutFolderImportsToTheReferenceValues(zone: String) throws {
    let cli = try Self.member(zone)
    let result = cli.run([
      "import", "fitbit", Self.fixture("fitbit-takeout/Takeout"), "--member", "ana",
    ])
    #expect(result.code == 0, "\(result.stderr)")
    let want = try Self.expected(zone)
    #expect(result.stdout.contains("imported \(want.count) walks (0 already there)"))
    #expect(result.stderr.contains("with several sources"))
    try Self.expectReference(cli, zone: zone)
    // The zip of the same export adds nothing.
    let before = cli.dbBytes()
    let again = cli.ok([
      "import", "fitbit", Self.fixture("fitbit-takeout/takeout-fitbit.zip"), "-m", "ana",
    ])
    #expect(again.contains("imported 0 walks (\(want.count) already there)"))
    #expect(cli.dbBytes() == before)
  }

  @Test func takeoutZipImportsToTheReferenceValuesAndIsDetected() throws {
    let cli = try Self.member("Asia/Tokyo")
    let zip = Self.fixture("fitbit-takeout/takeout-fitbit.zip")
    let result = cli.run(["import", zip, "--member", "ana"])
    #expect(result.code == 0, "\(result.stderr)")
    #expect((result.stdout + result.stderr).contains("Fitbit"))
    try Self.expectReference(cli, zone: "Asia/Tokyo")
    let before = cli.dbBytes()
    let csv = Self.fixture("fitbit-takeout/Takeout/Fitbit/Physical Activity_GoogleData")
    #expect(
      cli.ok([
        "import", "fitbit", "\(csv)/distance_2024-03-01.csv", "\(csv)/steps_2024-03-01.csv",
        "-m", "ana",
      ]).contains("imported 0 walks"))
    #expect(cli.dbBytes() == before)
  }

  @Test func dryRunListsTheDaysAndChangesNothing() throws {
    let cli = try Self.member("UTC")
    let before = cli.dbBytes()
    let out = cli.ok([
      "import", "fitbit", Self.fixture("fitbit-takeout/Takeout"), "-m", "ana", "--dry-run",
    ])
    let want = try Self.expected("UTC")
    for walk in want {
      let date = try #require(J.string(walk["date"]))
      let line = out.split(separator: "\n").first { $0.hasPrefix(date) }
      #expect(line?.contains("fitbit:\(date)") == true, "\(out)")
      if let steps = J.int(walk["steps"]) {
        #expect(line?.contains("\(steps) steps") == true, "\(date)")
      }
    }
    #expect(out.contains("would import \(want.count) walks (0 already there)"))
    #expect(cli.dbBytes() == before)
  }

  @Test func aMalformedRowIs65WithItsFileAndLine() throws {
    let cli = try Self.member("UTC")
    let folder = cli.directory.appendingPathComponent("t/Physical Activity_GoogleData")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("distance_2024-03-01.csv")
    try
      "timestamp,distance,data source\n2024-03-02T10:00:00Z,5.5,Watch\n2024-03-02T10:01:00Z,five,Watch\n"
      .write(to: file, atomically: true, encoding: .utf8)
    try "timestamp,steps,data source\n2024-03-02T10:00:00Z,8,Watch\n"
      .write(
        to: folder.appendingPathComponent("steps_2024-03-01.csv"), atomically: true,
        encoding: .utf8)
    let before = cli.dbBytes()
    let result = cli.run(["import", "fitbit", "t", "-m", "ana"])
    #expect(result.code == 65, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("milequest: error: "))
    #expect(
      result.stderr.contains("distance_2024-03-01.csv:3: distance 'five'"), "\(result.stderr)")
    #expect(cli.dbBytes() == before)
    // Twice the same minutes (an export given twice) is refused too.
    let twice = cli.run([
      "import", "fitbit", Self.fixture("fitbit-takeout/Takeout"),
      Self.fixture("fitbit-takeout/takeout-fitbit.zip"), "-m", "ana",
    ])
    #expect(twice.code == 65, "\(twice.stderr)")
    #expect(twice.stderr.contains("covers minutes that"))
    #expect(cli.dbBytes() == before)
  }
}
