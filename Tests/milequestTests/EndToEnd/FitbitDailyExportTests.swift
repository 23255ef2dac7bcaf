import Foundation
import Testing

/// `import fitbit` of the website's daily export (`fitbit_export_*.csv`) through the built
/// binary: the real files of Fixtures/fitbit-daily import to the values
/// Reference/fitbit_daily_reference.py computed, `import FILE` tells the layout, a re-import
/// adds nothing and leaves the database as it was, miles are read with `--unit mi`, and a bad
/// row is 65 with FILE:LINE and the database unchanged.
@Suite("End to end: Fitbit's daily website export")
struct FitbitDailyExportTests {
  static func fixture(_ path: String) -> String {
    FileFixtures.directory.appendingPathComponent(path).path
  }

  static func member() throws -> CLI {
    let cli = try CLI(timeZone: "UTC")
    cli.ok(["member", "add", "ana"])
    return cli
  }

  @Test func realExportsImportToTheReferenceValuesOnce() throws {
    let cli = try Self.member()
    let data = try Data(
      contentsOf: FileFixtures.directory.appendingPathComponent("fitbit-daily/expected.json"))
    let want = J.array(J.object(try JSONSerialization.jsonObject(with: data))["walks"])
      .map(J.object)
    // These files are in kilometres (the account's unit); the default unit is miles.
    let result = cli.run([
      "import", "fitbit", Self.fixture("fitbit-daily"), "-m", "ana", "--unit", "km",
    ])
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.contains("imported 145 walks (0 already there)"), "\(result.stdout)")
    #expect(result.stderr.contains("read in km"), "\(result.stderr)")
    let rows = J.array(try cli.json(["export", "walks"])).map(J.object)
    #expect(rows.count == want.count)
    for (row, walk) in zip(rows.sorted { J.string($0["date"])! < J.string($1["date"])! }, want) {
      #expect(J.string(row["date"]) == J.string(walk["date"]))
      #expect(J.string(row["external_id"]) == J.string(walk["external_id"]))
      let metres = try #require(J.double(walk["distance_m"]))
      #expect(isClose(J.double(row["distance_m"]), metres, within: metres * 1e-4))
      #expect(J.int(row["steps"]) == J.int(walk["steps"]))
    }
    // One file again, named on its own and found by `import FILE`: nothing added.
    let before = cli.dbBytes()
    let again = cli.run([
      "import", Self.fixture("fitbit-daily/fitbit_export_20161201.csv"), "--member", "ana",
      "--unit", "km",
    ])
    #expect(again.code == 0, "\(again.stderr)")
    #expect(again.stderr.contains("Fitbit"), "\(again.stderr)")
    #expect(again.stdout.contains("imported 0 walks (31 already there)"), "\(again.stdout)")
    #expect(cli.dbBytes() == before)
  }

  @Test func milesNeedTheUnitAndTheDryRunSaysWhichWasUsed() throws {
    let cli = try Self.member()
    let file = Self.fixture("fitbit-daily-miles/fitbit_export_20140710.csv")
    let before = cli.dbBytes()
    let dry = cli.run(["import", "fitbit", file, "-m", "ana", "--dry-run", "--unit", "km"])
    #expect(dry.code == 0, "\(dry.stderr)")
    #expect(dry.stderr.contains("short for a step"), "\(dry.stderr)")
    #expect(dry.stdout.contains("would import 2 walks"), "\(dry.stdout)")
    #expect(cli.dbBytes() == before)
    let real = cli.run(["import", "fitbit", file, "-m", "ana", "--unit", "mi"])
    #expect(real.code == 0, "\(real.stderr)")
    #expect(!real.stderr.contains("short for a step"), "\(real.stderr)")
    let rows = J.array(try cli.json(["export", "walks"])).map(J.object)
    let metres = rows.compactMap { J.double($0["distance_m"]) }.sorted()
    // 3.75 mi and 5.12 mi at 1,609.344 m a mile.
    #expect(metres.count == 2)
    #expect(isClose(metres.first, 6_035.04, within: 0.01))
    #expect(isClose(metres.last, 8_239.84128, within: 0.01))
  }

  @Test func aBadRowIs65WithItsFileAndLine() throws {
    let cli = try Self.member()
    let file = cli.directory.appendingPathComponent("fitbit_export_20161001.csv")
    try
      "Activities\nDate,Calories Burned,Steps,Distance\n\"01-10-2016\",\"1\",\"4\",\"3\"\n\"02-10-2016\",\"1\",\"4\",\"three\"\n"
      .write(to: file, atomically: true, encoding: .utf8)
    let before = cli.dbBytes()
    let result = cli.run(["import", "fitbit", file.path, "-m", "ana"])
    #expect(result.code == 65, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains("fitbit_export_20161001.csv:4: Distance 'three'"), "\(result.stderr)")
    #expect(cli.dbBytes() == before)
  }
}
