import Foundation
import Testing

/// Issue 17's activity types through the binary: `log --activity`, `walks --activity`,
/// `walks edit --activity`, goals' `--activities` and `--convert` in progress, boards and
/// warnings, the `activity` column of exports and imports, and the same JSON on every back
/// end for a challenge of mixed activities with a conversion.
@Suite("End to end: activity types")
struct ActivityTests {
  /// ana and ben in Kiwis since March 1st; a 100 km goal that converts rides at 0.5.
  static func challenge(_ cli: CLI) {
    cli.ok(["member", "add", "ana"])
    cli.ok(["member", "add", "ben"])
    cli.ok(["--as", "ana", "team", "create", "Kiwis", "--since", "2026-03-01"])
    cli.ok(["--as", "ana", "team", "add", "Kiwis", "ben", "--since", "2026-03-01"])
    cli.ok([
      "--as", "ana", "goal", "create", "Twenty", "--distance", "100km", "-t", "Kiwis",
      "--start", "2026-03-01", "--convert", "cycle=0.5",
    ])
  }

  /// The walks of the scenario: member, distance, date, activity (nil: the default).
  static let walks: [(String, String, String, String?)] = [
    ("ana", "5km", "2026-03-02", nil), ("ben", "30km", "2026-03-03", "cycling"),
    ("ana", "1.5km", "2026-03-04", "swim"), ("ben", "2.5km", "2026-03-05", "run"),
    ("ana", "0.1km", "2026-03-06", "wheelchair"), ("ben", "4km", "2026-03-07", "hike"),
  ]

  @Test func logListEditAndFilterByActivity() throws {
    let cli = try CLI()
    Self.challenge(cli)
    var warnings: [String] = []
    for (member, distance, date, activity) in Self.walks {
      let result = cli.run(
        ["--as", member, "log", distance, "--date", date]
          + (activity.map { ["--activity", $0] } ?? []))
      #expect(result.code == 0, "\(result.stderr)")
      warnings += result.stderr.split(separator: "\n").map(String.init)
    }
    // The swim counts for no goal, and the warning says how to count it.
    #expect(
      warnings == [
        "milequest: warning: ana's walk of 2026-03-04 counts for no goal: goal Twenty does not "
          + "count swim (it counts walk, run, hike, wheelchair; cycle x0.5); to count it: "
          + "milequest goal edit Twenty --activities walk,run,hike,wheelchair,swim"
      ])
    let listed = J.array(try cli.json(["walks"])).map { J.string(J.object($0)["activity"]) }
    #expect(listed == ["hike", "wheelchair", "run", "swim", "cycle", "walk"])
    let runs = cli.ok(["walks", "--activity", "running", "-f", "csv", "--fields", "id,activity"])
    #expect(runs == "id,activity\n4,run\n")
    // Progress: 5 + 15 (the ride at 0.5) + 2.5 + 0.1 + 4 km; the swim does not count.
    let progress = J.object(try cli.json(["goal", "show", "Twenty"]))
    let ride: Double = 30000 * 0.5
    let counted: Double = 5000 + ride + 2500 + 100 + 4000
    #expect(J.double(progress["done_m"]) == counted)
    #expect(
      J.array(progress["activities"]).compactMap(J.string) == [
        "walk", "run", "hike", "wheelchair",
      ])
    #expect(
      J.array(progress["convert"]).map { J.object($0) }.map {
        "\(J.string($0["activity"]) ?? "")=\(J.double($0["factor"]) ?? 0)"
      } == ["cycle=0.5"])
    let text = cli.ok(["goal", "show", "Twenty"])
    #expect(text.contains("\ncounts: walk, run, hike, wheelchair; cycle x0.5\n"))
    // The goal's board counts the same; the team's board counts every activity.
    let goalBoard = J.object(try cli.json(["leaderboard", "--goal", "Twenty"]))
    let goalTotals = J.array(goalBoard["entries"]).map {
      (J.string(J.object($0)["name"]) ?? "", J.double(J.object($0)["distance_m"]) ?? -1)
    }
    #expect(goalTotals.map(\.0) == ["ben", "ana"])
    let goalMetres: [Double] = [15000 + 2500 + 4000, 5000 + 100]
    #expect(goalTotals.map(\.1) == goalMetres)
    let teamBoard = J.object(try cli.json(["leaderboard", "--team", "Kiwis"]))
    let teamMetres: [Double] = [30000 + 2500 + 4000, 5000 + 1500 + 100]
    #expect(
      J.array(teamBoard["entries"]).compactMap { J.double(J.object($0)["distance_m"]) }
        == teamMetres)
    // walks edit --activity, then the goal counts the swim as a walk.
    cli.ok(["--as", "ana", "walks", "edit", "3", "--activity", "walk"])
    let withSwim: Double = counted + 1500
    #expect(J.double(J.object(try cli.json(["goal", "show", "Twenty"]))["done_m"]) == withSwim)
    // goal edit --activities: only walks now (the ride is still converted).
    cli.ok(["--as", "ana", "goal", "edit", "Twenty", "--activities", "walk"])
    let onlyWalks: Double = 5000 + ride + 1500
    #expect(J.double(J.object(try cli.json(["goal", "show", "Twenty"]))["done_m"]) == onlyWalks)
  }

  @Test func unknownActivitiesAndBadFactorsChangeNothing() throws {
    let cli = try CLI()
    Self.challenge(cli)
    cli.ok(["--as", "ana", "log", "2km", "--date", "2026-03-02"])
    let before = cli.dbBytes()
    let cases: [([String], String)] = [
      (
        ["--as", "ana", "log", "2km", "--activity", "skating"],
        "milequest: error: unknown activity 'skating': must be one of walk, run, hike, "
          + "wheelchair, cycle, swim, other\n"
      ),
      (
        ["--as", "ana", "walks", "edit", "1", "--activity", "yoga"],
        "milequest: error: unknown activity 'yoga': must be one of walk, run, hike, "
          + "wheelchair, cycle, swim, other\n"
      ),
      (
        ["--as", "ana", "goal", "edit", "Twenty", "--convert", "swim=11"],
        "milequest: error: bad factor '11' for swim: must be a number more than 0 and at "
          + "most 10 (metres counted per metre done)\n"
      ),
      (
        [
          "--as", "ana", "goal", "edit", "Twenty", "--activities", "walk,swim", "--convert",
          "swim=2",
        ],
        "milequest: error: activity 'swim' is both counted in full and converted; name it "
          + "once\n"
      ),
      (
        [
          "--as", "ana", "goal", "create", "X", "--distance", "5km", "-t", "Kiwis",
          "--activities", "",
        ],
        "milequest: error: a goal must count at least one activity\n"
      ),
    ]
    for (args, message) in cases {
      let result = cli.run(args)
      #expect(result.code == 65, "\(args)")
      #expect(result.stderr == message)
      #expect(cli.dbBytes() == before, "\(args) changed the database")
    }
    #expect(cli.run(["walks", "--activity", "yoga"]).code == 65)
  }

  @Test func importAndExportCarryTheActivity() throws {
    let cli = try CLI()
    Self.challenge(cli)
    let csv = """
      member,date,distance,activity
      ana,2026-03-02,3km,Running
      ben,2026-03-03,10km,
      ben,2026-03-04,1km,swim

      """
    try csv.write(
      to: cli.directory.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
    cli.ok(["import", "walks", "w.csv"])
    // A re-import adds nothing.
    #expect(cli.ok(["import", "walks", "w.csv"]).contains("0 walks"))
    let exported = cli.ok(["export", "walks"])
    #expect(exported.hasPrefix("id,member,date,distance_m,"))
    #expect(
      exported.split(separator: "\n").dropFirst().map { $0.split(separator: ",").last ?? "" }
        == ["run", "walk", "swim"])
    // A bad value is FILE:LINE: reason, and nothing is imported.
    try "member,date,distance,activity\nana,2026-03-05,1km,walk\nana,2026-03-06,1km,skate\n"
      .write(
        to: cli.directory.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    let before = cli.dbBytes()
    let bad = cli.run(["import", "walks", "bad.csv"])
    #expect(bad.code == 65)
    #expect(
      bad.stderr.contains(
        "bad.csv:3: unknown activity 'skate': must be one of walk, run, hike, wheelchair, "
          + "cycle, swim, other"))
    #expect(cli.dbBytes() == before)
    // The exported file reads back into another database with its activities.
    let other = try CLI()
    other.ok(["member", "add", "ana"])
    other.ok(["member", "add", "ben"])
    try exported.write(
      to: other.directory.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
    other.ok(["import", "walks", "e.csv"])
    #expect(
      J.array(try other.json(["walks"])).compactMap { J.string(J.object($0)["activity"]) }
        == ["swim", "walk", "run"])
  }

  @Test func exportAllKeepsActivitiesAndAnOlderExportStillImports() throws {
    let cli = try CLI()
    Self.challenge(cli)
    cli.ok(["--as", "ben", "log", "30km", "--activity", "cycle", "--date", "2026-03-03"])
    cli.ok(["--as", "ana", "log", "3km", "--date", "2026-03-04"])
    let document = cli.ok(["export", "all"])
    let copy = try CLI()
    try document.write(
      to: copy.directory.appendingPathComponent("all.json"), atomically: true, encoding: .utf8)
    copy.ok(["import", "all", "all.json"])
    #expect(copy.ok(["export", "all"]) == document)
    #expect(
      J.double(J.object(try copy.json(["goal", "show", "Twenty"]))["done_m"])
        == Double(15000 + 3000))
    // An export made before activities: no activity, no activities, no convert.
    var old = try #require(
      try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
    old["walks"] = J.array(old["walks"]).map { walk -> [String: Any] in
      var fields = J.object(walk)
      fields["activity"] = nil
      return fields
    }
    old["goals"] = J.array(old["goals"]).map { goal -> [String: Any] in
      var fields = J.object(goal)
      fields["activities"] = nil
      fields["convert"] = nil
      return fields
    }
    let older = try CLI()
    try JSONSerialization.data(withJSONObject: old).write(
      to: older.directory.appendingPathComponent("old.json"))
    older.ok(["import", "all", "old.json"])
    #expect(
      J.array(try older.json(["walks"])).compactMap { J.string(J.object($0)["activity"]) }
        == ["walk", "walk"])
    let progress = J.object(try older.json(["goal", "show", "Twenty"]))
    #expect(J.array(progress["convert"]).isEmpty)
    #expect(J.double(progress["done_m"]) == Double(30000 + 3000))
  }

  /// Everything the mixed-activity scenario prints as JSON.
  static func transcript(_ cli: CLI) throws -> [String: String] {
    challenge(cli)
    var texts: [String: String] = [:]
    for (index, (member, distance, date, activity)) in walks.enumerated() {
      texts["log \(index)"] = cli.ok(
        ["--as", member, "log", distance, "--date", date, "--format", "json"]
          + (activity.map { ["--activity", $0] } ?? []))
    }
    texts["edit"] = cli.ok(
      ["--as", "ben", "walks", "edit", "2", "--activity", "other", "--format", "json"])
    texts["goal edit"] = cli.ok(
      ["--as", "ana", "goal", "edit", "Twenty", "--convert", "other=0.25,swim=4", "-f", "json"])
    let reads: [[String]] = [
      ["walks"], ["walks", "--activity", "swim"], ["goal", "show", "Twenty"], ["goal", "list"],
      ["leaderboard", "--goal", "Twenty"], ["leaderboard", "--goal", "Twenty", "--teams"],
      ["leaderboard", "--team", "Kiwis"], ["stats", "--team", "Kiwis"], ["export", "goals"],
    ]
    for args in reads { texts[args.joined(separator: " ")] = cli.ok(args + ["--format", "json"]) }
    texts["undo"] = cli.ok(["undo", "--format", "json"])
    texts["after undo"] = cli.ok(["goal", "show", "Twenty", "--format", "json"])
    texts["walks after undo"] = cli.ok(["walks", "--format", "json"])
    return texts
  }

  @Test("prints the reference back end's JSON", arguments: TestBackEnd.all)
  func identicalJSON(backEnd: TestBackEnd) throws {
    let reference = try Self.transcript(TestBackEnd.all[0].cli(timeZone: "UTC"))
    let texts = try Self.transcript(backEnd.cli(timeZone: "UTC"))
    #expect(Set(texts.keys) == Set(reference.keys))
    for key in reference.keys.sorted() {
      #expect(texts[key] == reference[key], "\(backEnd.name): \(key) differs")
      #expect(reference[key]?.isEmpty == false, "\(key) printed nothing")
    }
    // The numbers themselves, on the reference: 5 + 30 x 0.25 (other) + 1.5 x 4 (swim) + 2.5
    // + 0.1 + 4 km.
    let progress = try #require(
      try JSONSerialization.jsonObject(with: Data((reference["goal show Twenty"] ?? "").utf8))
        as? [String: Any])
    let other: Double = 30000 * 0.25
    let swim: Double = 1500 * 4
    let expected: Double = 5000 + other + swim + 2500 + 100 + 4000
    #expect(J.double(progress["done_m"]) == expected)
  }
}
