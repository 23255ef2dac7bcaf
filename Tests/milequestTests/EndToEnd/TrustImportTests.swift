import Foundation
import Testing

/// Issue 11, imports: different walks that look alike are never merged (the n-th identical row
/// of a source is the n-th identical walk from it), re-imports of a file or of the tool's own
/// export add nothing, and `import all` refuses, as `FILE: where: reason`, every record that
/// the command creating it would refuse.
@Suite("End to end: trust, imports")
struct TrustImportTests {
  /// A database with pat and ben, on 2026-12-31.
  static func people() throws -> CLI {
    let cli = try CLI(today: "2026-12-31")
    cli.ok(["member", "add", "pat"])
    cli.ok(["member", "add", "ben"])
    return cli
  }

  /// The walks as JSON objects, oldest first.
  static func walks(_ cli: CLI, db: [String] = []) throws -> [[String: Any]] {
    J.array(try cli.json(db + ["walks", "--limit", "100000"])).map(J.object).reversed()
  }

  @Test("two identical rows of one file are two walks; the file again adds nothing")
  func identicalRowsAreTwoWalks() throws {
    // Given a morning and an evening walk that look alike
    let cli = try Self.people()
    _ = try cli.write("day.csv", "member,date,distance\npat,2026-12-01,2mi\npat,2026-12-01,2mi\n")

    // When
    let first = cli.ok(["import", "walks", "day.csv"])
    let again = cli.ok(["import", "walks", "day.csv"])

    // Then
    #expect(first.contains("imported 2 walks (0 already there)"), "\(first)")
    #expect(again.contains("imported 0 walks (2 already there)"), "\(again)")
    #expect(try Self.walks(cli).count == 2)
  }

  @Test("the n-th identical row matches the n-th identical walk, never one of the same file")
  func nthRowMatchesNthWalk() throws {
    // Given one walk imported from a first file
    let cli = try Self.people()
    _ = try cli.write("one.csv", "member,date,distance\npat,2026-12-01,2mi\n")
    _ = try cli.write(
      "three.csv",
      "member,date,distance\npat,2026-12-01,2mi\nben,2026-12-01,2mi\npat,2026-12-01,2mi\n"
        + "pat,2026-12-01,3218.688m\n")
    cli.ok(["import", "walks", "one.csv"])

    // When a second file has the same walk three times (the last in other units)
    let dry = cli.ok(["import", "walks", "three.csv", "--dry-run"])
    let real = cli.ok(["import", "walks", "three.csv"])
    let again = cli.ok(["import", "walks", "three.csv"])
    let first = cli.ok(["import", "walks", "one.csv"])

    // Then its first is the walk already there, and the other two (and ben's) are new
    #expect(dry.contains("3"), "\(dry)")
    #expect(real.contains("imported 3 walks (1 already there)"), "\(real)")
    #expect(again.contains("imported 0 walks (4 already there)"), "\(again)")
    #expect(first.contains("imported 0 walks (1 already there)"), "\(first)")
    #expect(try Self.walks(cli).filter { J.string($0["member"]) == "pat" }.count == 3)
  }

  @Test("walks that differ only in their note are not merged across files")
  func notesTellWalksApart() throws {
    let cli = try Self.people()
    _ = try cli.write("am.csv", "member,date,distance,note\npat,2026-12-01,2mi,morning\n")
    _ = try cli.write("pm.csv", "member,date,distance,note\npat,2026-12-01,2mi,evening\n")

    cli.ok(["import", "walks", "am.csv"])
    let evening = cli.ok(["import", "walks", "pm.csv"])

    #expect(
      evening.contains("imported 1 walks") || evening.contains("imported 1 walk "), "\(evening)")
    #expect(try Self.walks(cli).count == 2)
  }

  @Test("re-importing the tool's own export adds nothing", arguments: ["csv", "json", "ndjson"])
  func ownExportAddsNothing(_ format: String) throws {
    // Given walks logged by hand (no external id, two alike), imported and from GPX-less CSV
    let cli = try Self.people()
    cli.ok(["log", "3mi", "--as", "pat", "--date", "2026-12-01"])
    cli.ok(["log", "3mi", "--as", "pat", "--date", "2026-12-01"])
    cli.ok([
      "log", "5km", "--as", "ben", "--date", "2026-12-02", "--note", "hills", "--steps", "6000",
    ])
    _ = try cli.write("day.csv", "member,date,distance\npat,2026-12-03,2mi\npat,2026-12-03,2mi\n")
    cli.ok(["import", "walks", "day.csv"])
    cli.ok(["walks", "delete", "2", "--as", "pat"])
    cli.ok(["export", "walks", "--format", format, "--output", "mine.\(format)"])
    let before = try Self.walks(cli)

    // When
    let again = cli.run(["import", "walks", "mine.\(format)"])

    // Then
    #expect(again.code == 0, "\(again.stderr)")
    #expect(again.stdout.contains("imported 0 walks"), "\(again.stdout)")
    #expect(try Self.walks(cli).count == before.count)

    // and into another database it adds each walk once, and again nothing
    let other = ["--db", cli.path("other.db")]
    cli.initDatabase(cli.path("other.db"))
    cli.ok(other + ["member", "add", "pat"])
    cli.ok(other + ["member", "add", "ben"])
    let copy = cli.ok(other + ["import", "walks", "mine.\(format)"])
    let copyAgain = cli.ok(other + ["import", "walks", "mine.\(format)"])
    #expect(copy.contains("imported \(before.count) walks"), "\(copy)")
    #expect(copyAgain.contains("imported 0 walks"), "\(copyAgain)")
    #expect(try Self.walks(cli, db: other).count == before.count)
  }

  @Test("an untimed GPX track walked on two days is two walks; a copy of a recording is one")
  func gpxIdentity() throws {
    let cli = try Self.people()
    let untimed = """
      <gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="1"></trkpt>\
      <trkpt lat="1.01" lon="1"></trkpt></trkseg></trk></gpx>
      """
    _ = try cli.write("loop.gpx", untimed)
    _ = try cli.write("loop-copy.gpx", untimed)
    _ = try cli.write("rec.gpx", HostileInputTests.track)
    _ = try cli.write("rec-copy.gpx", HostileInputTests.track)

    let monday = cli.ok(["import", "gpx", "loop.gpx", "--member", "pat", "--date", "2026-12-07"])
    let tuesday = cli.ok(["import", "gpx", "loop.gpx", "--member", "pat", "--date", "2026-12-08"])
    let tuesdayAgain = cli.ok(
      ["import", "gpx", "loop-copy.gpx", "--member", "pat", "--date", "2026-12-08"])
    let recordings = cli.ok(["import", "gpx", "rec.gpx", "rec-copy.gpx", "--member", "pat"])

    #expect(monday.contains("imported 1"), "\(monday)")
    #expect(tuesday.contains("imported 1"), "\(tuesday)")
    #expect(tuesdayAgain.contains("imported 0"), "\(tuesdayAgain)")
    #expect(
      recordings.contains("imported 1") && recordings.contains("1 already there"), "\(recordings)")
  }

  // MARK: import all validates like every other entrance

  /// A valid `export all` document: pat captain of Hikers with ben, a goal, a route, walks.
  static func document() throws -> (cli: CLI, json: [String: Any]) {
    let cli = try Self.people()
    cli.ok(["team", "create", "Hikers", "--as", "pat", "--since", "2026-11-01"])
    cli.ok(["team", "add", "Hikers", "ben", "--as", "pat", "--since", "2026-11-01"])
    cli.ok(["route", "create", "R", "--waypoint", "0,0,Here", "--waypoint", "0,1,There"])
    cli.ok([
      "goal", "create", "G", "--team", "Hikers", "--route", "R", "--start", "2026-11-01", "--as",
      "pat",
    ])
    cli.ok(["log", "3mi", "--as", "pat", "--date", "2026-12-01", "--steps", "5000", "--note", "ok"])
    cli.ok(["log", "2mi", "--as", "ben", "--date", "2026-12-02", "--duration", "40m"])
    let text = cli.ok(["export", "all"])
    return (cli, J.object(try JSONSerialization.jsonObject(with: Data(text.utf8))))
  }

  /// One broken record: the JSON path, the field, its bad value, and what the error must say.
  struct Broken: CustomTestStringConvertible, Sendable {
    let section: String
    let index: Int
    let field: String
    let value: String  // JSON text
    let mentions: String
    var testDescription: String { "\(section)[\(index)].\(field) = \(value)" }
  }

  static let broken: [Broken] = [
    Broken(section: "walks", index: 0, field: "distance_m", value: "-5", mentions: "distance_m"),
    Broken(section: "walks", index: 0, field: "distance_m", value: "0", mentions: "distance_m"),
    Broken(section: "walks", index: 1, field: "distance_m", value: "1e9", mentions: "distance_m"),
    Broken(section: "walks", index: 1, field: "date", value: "\"2027-06-01\"", mentions: "future"),
    Broken(
      section: "walks", index: 1, field: "date", value: "\"10000-01-01\"", mentions: "10000-01-01"),
    Broken(section: "walks", index: 1, field: "duration_s", value: "-60", mentions: "duration_s"),
    Broken(section: "walks", index: 0, field: "steps", value: "-5", mentions: "steps"),
    Broken(
      section: "walks", index: 0, field: "note", value: "\"a\\u001b[2Jb\"", mentions: "control"),
    Broken(
      section: "walks", index: 0, field: "note",
      value: "\"" + String(repeating: "n", count: 600) + "\"", mentions: "note"),
    Broken(section: "walks", index: 0, field: "source", value: "\"strava\"", mentions: "source"),
    Broken(section: "members", index: 0, field: "stride_m", value: "0", mentions: "stride"),
    Broken(section: "members", index: 0, field: "stride_m", value: "-1", mentions: "stride"),
    Broken(
      section: "members", index: 1, field: "name", value: "\"x\\u0007y\"", mentions: "control"),
    Broken(
      section: "members", index: 1, field: "name",
      value: "\"" + String(repeating: "m", count: 200) + "\"", mentions: "name"),
    Broken(
      section: "members", index: 1, field: "handle", value: "\"Bad Handle\"", mentions: "handle"),
    Broken(section: "teams", index: 0, field: "max_members", value: "0", mentions: "max_members"),
    Broken(section: "teams", index: 0, field: "max_members", value: "-3", mentions: "max_members"),
    Broken(section: "teams", index: 0, field: "max_members", value: "1", mentions: "max_members"),
    Broken(section: "teams", index: 0, field: "name", value: "\"\"", mentions: "team name"),
    Broken(
      section: "memberships", index: 0, field: "role", value: "\"member\"", mentions: "no captain"),
    Broken(
      section: "memberships", index: 1, field: "left", value: "\"2026-01-01\"", mentions: "before"),
    Broken(section: "memberships", index: 1, field: "role", value: "\"boss\"", mentions: "role"),
    Broken(section: "goals", index: 0, field: "end", value: "\"2026-10-01\"", mentions: "before"),
    Broken(section: "goals", index: 0, field: "teams", value: "[]", mentions: "team"),
    Broken(section: "goals", index: 0, field: "target_m", value: "-1", mentions: "target_m"),
    Broken(
      section: "goals", index: 0, field: "start", value: "\"2026-02-30\"", mentions: "2026-02-30"),
  ]

  @Test(
    "import all refuses what the entrance would refuse, naming file and place", arguments: broken)
  func importAllValidates(_ bad: Broken) throws {
    // Given a valid document with one field broken
    let (cli, document) = try Self.document()
    var json = document
    var section = J.array(json[bad.section]).map(J.object)
    try #require(section.count > bad.index)
    section[bad.index][bad.field] = try JSONSerialization.jsonObject(
      with: Data(bad.value.utf8), options: .fragmentsAllowed)
    json[bad.section] = section
    let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    _ = try cli.write("bad.json", data)
    cli.initDatabase(cli.path("empty.db"))
    let empty = ImportAllTests.bytes(cli.path("empty.db"))

    // When
    let result = cli.run(["--db", cli.path("empty.db"), "import", "all", "bad.json"])

    // Then: one line `FILE: section[i]: reason`, exit 65, nothing imported
    let place =
      bad.section == "memberships" && bad.mentions == "no captain"
      ? "teams[0]" : "\(bad.section)[\(bad.index)]"
    #expect(result.code == 65, "\(result.stderr)")
    #expect(result.stderr.hasPrefix("milequest: error: bad.json: \(place): "), "\(result.stderr)")
    #expect(result.stderr.contains(bad.mentions), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(!result.stderr.contains("\u{1b}"))
    #expect(ImportAllTests.bytes(cli.path("empty.db")) == empty, "the database changed")
  }

  @Test("the untouched document imports, so the broken cases fail for their one field")
  func importAllAcceptsTheValidDocument() throws {
    let (cli, document) = try Self.document()
    let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    _ = try cli.write("good.json", data)
    cli.initDatabase(cli.path("copy.db"))
    let result = cli.run(["--db", cli.path("copy.db"), "import", "all", "good.json"])
    #expect(result.code == 0, "\(result.stderr)")
  }

  @Test("a JSON import error names the file and the position")
  func jsonErrorsNameFileAndPosition() throws {
    let cli = try Self.people()
    _ = try cli.write(
      "w.json",
      #"[{"member":"pat","date":"2026-12-01","distance":"2mi"},{"member":"pat","date":"2026-12-01","distance":"-2mi"}]"#
    )
    _ = try cli.write(
      "w.ndjson",
      "{\"member\":\"pat\",\"date\":\"2026-12-01\",\"distance\":\"2mi\"}\n{\"member\":\"pat\",\n")

    _ = try cli.write("syntax.json", "[{\"member\":\"pat\",\n \"date\": 2026-12-01}]")
    let array = cli.run(["import", "walks", "w.json"])
    let lines = cli.run(["import", "walks", "w.ndjson"])
    let syntax = cli.run(["import", "walks", "syntax.json"])
    cli.initDatabase(cli.path("new.db"))
    let all = cli.run(["--db", cli.path("new.db"), "import", "all", "syntax.json"])

    #expect(array.code == 65)
    #expect(array.stderr.contains("w.json:record 2:"), "\(array.stderr)")
    #expect(lines.code == 65)
    #expect(lines.stderr.contains("w.ndjson:2"), "\(lines.stderr)")
    for result in [syntax, all] {
      #expect(result.code == 65)
      #expect(result.stderr.contains("syntax.json"), "\(result.stderr)")
      #expect(result.stderr.contains("line 2, column"), "\(result.stderr)")
    }
  }
}
