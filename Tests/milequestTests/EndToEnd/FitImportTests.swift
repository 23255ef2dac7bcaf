import Foundation
import Testing
import ZIPFoundation

/// `import health|fit|tcx` and `import FILE` through the built binary, on the real fixtures of
/// MileQuestKitTests (Fixtures/fit, tcx, health): walks added with the recorded distance and
/// nothing added again, dry runs and errors leaving the database unchanged, and
/// the hostile inputs of issue 17 (corrupt FIT, entities, zip bombs) each one line and 65.
@Suite("End to end: import health, fit, tcx and import FILE")
struct FitImportTests {
  static let fixtures = repositoryRoot.appendingPathComponent("Tests/MileQuestKitTests/Fixtures")

  static func fixture(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
  }

  /// A CLI whose database has the member ana (today 2026-12-07: rules.xml is of Nov 2026).
  static func withAna() throws -> CLI {
    let cli = try CLI(today: "2026-12-07")
    let added = cli.run(["member", "add", "ana", "--quiet"])
    #expect(added.code == 0, "\(added.stderr)")
    return cli
  }

  static func put(_ cli: CLI, _ name: String, _ bytes: [UInt8]) throws -> String {
    let url = cli.directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  /// A zip at `name` in the CLI's directory holding `members`.
  static func zip(_ cli: CLI, _ name: String, _ members: [(String, [UInt8])]) throws -> String {
    let url = cli.directory.appendingPathComponent(name)
    try zip(url, members)
    return url.path
  }

  static func zip(_ url: URL, _ members: [(String, [UInt8])]) throws {
    let archive = try Archive(url: url, accessMode: .create)
    for (path, bytes) in members {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
      ) { position, size in Data(bytes[Int(position)..<Int(position) + size]) }
    }
  }

  static func walks(_ cli: CLI) throws -> [[String: Any]] {
    let text = cli.ok(["walks", "--format", "json", "--limit", "1000"])
    return J.array(try JSONSerialization.jsonObject(with: Data(text.utf8))).map(J.object)
  }

  @Test func fitImportsTheRecordedDistanceOnceEvenGzipped() throws {
    let cli = try Self.withAna()
    let fit = try Self.put(cli, "walk.fit", try Self.fixture("fit/garmin-fenix-5-walk.fit"))
    let gz = try Self.put(cli, "walk.fit.gz", try Self.fixture("fit/garmin-fenix-5-walk.fit.gz"))
    #expect(cli.ok(["import", "fit", fit, "--member", "ana"]).contains("imported 1 walk"))
    let walks = try Self.walks(cli)
    #expect(walks.count == 1)
    let walk = try #require(walks.first)
    #expect(J.string(walk["date"]) == "2017-06-11")  // 07:32 at the file's UTC-7
    #expect(isClose(J.double(walk["distance_m"]), 67.85, within: 1e-9))
    #expect(isClose(J.double(walk["duration_s"]), 45.379, within: 1e-6))
    let again = cli.ok(["import", "fit", fit, gz, "--member", "ana"])
    #expect(again.contains("imported 0 walks (2 already there)"), "\(again)")
    #expect(try Self.walks(cli).count == 1)
  }

  @Test func tcxImportsOneWalkPerActivity() throws {
    let cli = try Self.withAna()
    let tcx = try Self.put(cli, "run.tcx", try Self.fixture("tcx/no_hr.tcx"))
    #expect(cli.ok(["import", "tcx", tcx, "--member", "ana"]).contains("imported 1 walk"))
    let walk = try #require(try Self.walks(cli).first)
    #expect(isClose(J.double(walk["distance_m"]), 1609.34399414 * 2 + 1470.5546875, within: 1e-6))
    #expect(J.string(walk["date"]) == "2012-12-26")
    #expect(cli.ok(["import", "tcx", tcx, "--member", "ana"]).contains("imported 0 walks"))
  }

  @Test func healthZipImportsDaysOnceAndDryRunShowsSources() throws {
    let cli = try Self.withAna()
    let xml = try Self.fixture("health/rules.xml")
    let zip = try Self.zip(
      cli, "export.zip",
      [
        ("apple_health_export/export.xml", xml),
        ("apple_health_export/workout-routes/route_1.gpx", Array("<gpx></gpx>".utf8)),
      ])
    let before = cli.dbBytes()
    let dry = cli.run(["import", "health", zip, "--member", "ana", "--dry-run"])
    #expect(dry.code == 0, "\(dry.stderr)")
    #expect(dry.stdout.contains("Ann’s Apple Watch") && dry.stdout.contains("Ann’s iPhone"))
    #expect(dry.stdout.contains("would import"))
    #expect(cli.dbBytes() == before)
    let done = cli.ok(["import", "health", zip, "--member", "ana"])
    #expect(done.contains("imported"))
    let walks = try Self.walks(cli)
    let first = try #require(walks.first { J.string($0["date"]) == "2026-11-01" })
    #expect(isClose(J.double(first["distance_m"]), 2200, within: 1e-9))
    #expect(J.int(first["steps"]) == 3100)
    let count = walks.count
    #expect(cli.ok(["import", "health", zip, "--member", "ana"]).contains("imported 0 walks"))
    // The export.xml itself is the same export: nothing new either.
    let plain = try Self.put(cli, "export.xml", xml)
    #expect(cli.ok(["import", "health", plain, "--member", "ana"]).contains("imported 0 walks"))
    #expect(try Self.walks(cli).count == count)
  }

  @Test func healthSourcePicksOneSource() throws {
    let cli = try Self.withAna()
    let plain = try Self.put(cli, "export.xml", try Self.fixture("health/rules.xml"))
    cli.ok(["import", "health", plain, "--member", "ana", "--source", "Ann’s iPhone"])
    let first = try #require(try Self.walks(cli).first { J.string($0["date"]) == "2026-11-01" })
    #expect(isClose(J.double(first["distance_m"]), 2100, within: 1e-9))
    let unknown = cli.run(["import", "health", plain, "--member", "ana", "--source", "Nokia"])
    #expect(unknown.code == 65)
    #expect(unknown.stderr.contains("Ann’s iPhone"))
  }

  @Test func importFileSaysWhatItChose() throws {
    let cli = try Self.withAna()
    let cases: [(String, [UInt8], String)] = [
      ("a.dat", try Self.fixture("fit/garmin-fenix-5-walk.fit"), "a FIT activity file"),
      ("b.dat", try Self.fixture("fit/garmin-fenix-5-walk.fit.gz"), "a FIT activity file"),
      ("c.dat", try Self.fixture("tcx/test.tcx.gz"), "a Training Center (TCX) file"),
      ("d.dat", try Self.fixture("health/export6s3sample.xml"), "an Apple Health export"),
    ]
    for (name, bytes, kind) in cases {
      let path = try Self.put(cli, name, bytes)
      let result = cli.run(["import", path, "--member", "ana"])
      #expect(result.code == 0, "\(name): \(result.stderr)")
      #expect(result.stderr.contains("milequest: reading \(path) as \(kind)"), "\(result.stderr)")
    }
    // `import walks FILE` is still the walks command.
    let csv = try Self.put(
      cli, "w.csv", Array("member,date,distance_m\nana,2026-03-01,1500\n".utf8))
    #expect(cli.ok(["import", "walks", csv]).contains("imported 1 walk"))
    let auto = cli.run(["import", csv])
    #expect(auto.code == 0, "\(auto.stderr)")
    #expect(auto.stdout.contains("imported 0 walks"))
    #expect(auto.stderr.contains("as walks in CSV"))
    let unknown = try Self.put(cli, "x.dat", Array("hello, world\n".utf8))
    let refused = cli.run(["import", unknown])
    #expect(refused.code == 65)
    #expect(refused.stderr.contains("cannot tell what to import"))
  }

  // MARK: the hostile matrix of issue 17

  static func hostile() throws -> [(String, [String], (CLI) throws -> Void)] {
    var truncatedFIT = try fixture("fit/garmin-fenix-5-walk.fit")
    truncatedFIT.removeLast(truncatedFIT.count / 2)
    var wrongCRC = try fixture("fit/garmin-fenix-5-walk.fit")
    wrongCRC[wrongCRC.count - 1] ^= 0x55
    var oversized = try fixture("fit/garmin-fenix-5-walk.fit")
    oversized[4] = 0xff  // the header's data size: far past the end of the file
    oversized[5] = 0xff
    oversized[6] = 0xff
    let entity = """
      <?xml version="1.0"?>
      <!DOCTYPE HealthData [<!ENTITY boom "boom">]>
      <HealthData locale="en"><Record type="HKQuantityTypeIdentifierStepCount" \
      sourceName="x" unit="count" startDate="2026-11-01 08:00:00 +0000" value="&boom;"/>\
      </HealthData>
      """
    let badDate = """
      <?xml version="1.0"?>
      <HealthData locale="en"><Record type="HKQuantityTypeIdentifierDistanceWalkingRunning" \
      sourceName="x" unit="km" startDate="2026-13-45 08:00:00 +0000" value="1.5"/></HealthData>
      """
    return [
      ("truncated FIT", ["fit", "t.fit"], { try _ = put($0, "t.fit", truncatedFIT) }),
      ("wrong-CRC FIT", ["fit", "c.fit"], { try _ = put($0, "c.fit", wrongCRC) }),
      ("oversized FIT", ["fit", "o.fit"], { try _ = put($0, "o.fit", oversized) }),
      (
        "Health DTD with entities", ["health", "e.xml"],
        { try _ = put($0, "e.xml", Array(entity.utf8)) }
      ),
      ("Health bad date", ["health", "d.xml"], { try _ = put($0, "d.xml", Array(badDate.utf8)) }),
      (
        "zip with no export.xml", ["health", "n.zip"],
        { try _ = zip($0, "n.zip", [("apple_health_export/export_cda.xml", Array("<x/>".utf8))]) }
      ),
      (
        "zip bomb", ["health", "bomb.zip"],
        {
          try _ = zip(
            $0, "bomb.zip",
            [("apple_health_export/export.xml", [UInt8](repeating: 0x20, count: 200 << 20))])
        }
      ),
    ]
  }

  @Test func hostileInputsFailWithOneLineAndChangeNothing() throws {
    for (name, args, setUp) in try Self.hostile() {
      let cli = try Self.withAna()
      try setUp(cli)
      let before = cli.dbBytes()
      let result = cli.run(["import"] + args + ["--member", "ana"])
      #expect(result.code == 65, "\(name): \(result.stderr)")
      #expect(result.stdout == "", "\(name)")
      let lines = result.stderr.split(separator: "\n")
      #expect(lines.count == 1, "\(name): \(result.stderr)")
      #expect(result.stderr.hasPrefix("milequest: error: "), "\(name): \(result.stderr)")
      #expect(cli.dbBytes() == before, "\(name) changed the database")
    }
  }
}
