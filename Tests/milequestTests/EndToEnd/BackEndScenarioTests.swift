import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// A back end the end-to-end scenarios run against.
struct TestBackEnd: Sendable, CustomTestStringConvertible {
  /// The back end's name in test output.
  let name: String
  /// Makes a new, empty, `init`-made milequest database for one `CLI` and returns the
  /// `--db`/`MILEQUEST_DB` value that names it (the CLI's directory is removed with it).
  let makeDatabase: @Sendable (CLI) throws -> String

  var testDescription: String { name }

  /// Every back end, the reference (SQLite) first: add one line per back end.
  static let all: [TestBackEnd] =
    [.sqlite] + (ThrowawayCluster.isAvailable ? [.postgres] : [])

  /// The CLI's own `t.db`, made by `milequest init`.
  static let sqlite = TestBackEnd(name: "SQLite") { cli in cli.databasePath }

  /// A new database on the tests' own throw-away PostgreSQL cluster.
  static let postgres = TestBackEnd(name: "PostgreSQL") { _ in
    try ThrowawayCluster.shared().freshMilequestDatabase()
  }

  /// A `CLI` whose every run uses a new database of this back end.
  func cli(timeZone: String) throws -> CLI {
    let cli = try CLI(timeZone: timeZone)
    cli.databaseAddress = try makeDatabase(cli)
    return cli
  }
}

/// The scripted challenge of `ScenarioTests` (a route across the antimeridian, a late joiner,
/// a leaver, a race, a daily cap, two time zones), run against every back end: each must
/// print the same JSON as the reference back end, which `ScenarioTests` checks against the
/// independent Python reference.
@Suite("End to end: the scenario prints identical JSON on every back end")
struct BackEndScenarioTests {
  /// Everything the scenario prints as JSON: each `log`'s document, every report, the walk
  /// list, members, teams and goals, by a short key.
  static func transcript(_ cli: CLI) throws -> [String: String] {
    var texts: [String: String] = [:]
    for (handle, extra) in Scenario.members { cli.ok(["member", "add", handle] + extra) }
    for command in Scenario.setup { cli.ok(command) }
    for (index, walk) in Scenario.walks.enumerated() {
      texts["log \(index)"] = cli.ok(
        ["log", walk.distance, "--member", walk.member, "--date", walk.date, "--format", "json"])
    }
    texts.merge(Scenario.reportTexts(cli)) { _, new in new }
    let lists: [[String]] = [
      ["walks"], ["walks", "--team", "Kiwis"], ["member", "list"], ["team", "list"],
      ["team", "show", "Islanders"], ["goal", "list"],
      ["leaderboard", "--teams", "--period", "week"],
      ["goal", "show", "Dateline Race"],
    ]
    for args in lists { texts[args.joined(separator: " ")] = cli.ok(args + ["--format", "json"]) }
    // A change and its undo print the same on every back end too.
    texts["delete"] = cli.ok(["walks", "delete", "3", "--as", "ann", "--format", "json"])
    texts["undo"] = cli.ok(["undo", "--format", "json"])
    texts["walks after undo"] = cli.ok(["walks", "--format", "json"])
    return texts
  }

  @Test("prints the reference back end's JSON", arguments: TestBackEnd.all)
  func identicalJSON(backEnd: TestBackEnd) throws {
    for timeZone in ["UTC", "Pacific/Auckland"] {
      // Given the scenario on the reference back end and on this one
      let reference = try Self.transcript(TestBackEnd.all[0].cli(timeZone: timeZone))
      let texts = try Self.transcript(backEnd.cli(timeZone: timeZone))

      // Then every document is the same, byte for byte
      #expect(Set(texts.keys) == Set(reference.keys))
      for key in reference.keys.sorted() {
        #expect(texts[key] == reference[key], "\(backEnd.name), TZ \(timeZone): \(key) differs")
        #expect(key == "delete" || reference[key]?.isEmpty == false, "\(key) printed nothing")
      }
    }
  }
}
