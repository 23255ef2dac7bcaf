import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// The built binary against a database of the tests' own PostgreSQL cluster
/// (`ThrowawayCluster`), and the same commands against SQLite: the same JSON.
@Suite("PostgreSQL end to end", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresEndToEndTests {
  /// A CLI whose runs use a fresh, initialised PostgreSQL database.
  static func postgresCLI(today: String = "2026-11-20") throws -> (CLI, [String: String]) {
    let cli = try CLI(today: today)
    let address = try ThrowawayCluster.shared().freshDatabase()
    let env = ["MILEQUEST_DB": address]
    cli.ok(["init", "--quiet"], env: env)
    return (cli, env)
  }

  /// A challenge: members, a team with a late joiner and a leaver, a route, a race of two
  /// teams, walks across days, a daily cap, a deleted walk, an undo and a dry run.
  static let scenario: [[String]] = [
    ["member", "add", "ann", "--name", "Ann Ørsted"],
    ["member", "add", "bob", "--name", "Bob"],
    ["member", "add", "cy", "--name", "Cy"],
    ["member", "add", "dee", "--name", "Dee"],
    ["team", "create", "Striders", "--as", "ann", "--since", "2026-11-01"],
    ["team", "add", "Striders", "bob", "--as", "ann", "--since", "2026-11-01"],
    ["team", "create", "Amblers", "--as", "cy", "--since", "2026-11-01"],
    ["team", "add", "Amblers", "dee", "--as", "cy", "--since", "2026-11-01"],
    [
      "route", "create", "Dateline", "--waypoint", "64.0,170.0,Anadyr", "--waypoint",
      "65.6,-168.1,Wales AK", "--waypoint", "64.5,-165.4,Nome",
    ],
    [
      "goal", "create", "Crossing", "--team", "Striders", "--team", "Amblers", "--route",
      "Dateline", "--start", "2026-11-01", "--daily-cap", "20km", "--as", "ann",
    ],
    ["log", "3.5", "--as", "ann", "--date", "2026-11-02", "--note", "first, \"quoted\""],
    ["log", "30km", "--as", "bob", "--date", "2026-11-03"],
    ["log", "0.1", "--as", "bob", "--date", "2026-11-03"],
    ["log", "0.2", "--as", "cy", "--date", "2026-11-04", "--steps", "4000"],
    ["log", "12km", "--as", "dee", "--date", "2026-11-05", "--duration", "1h20m"],
    ["walks", "delete", "3", "--as", "bob"],
    ["log", "5km", "--as", "cy", "--date", "2026-11-06"],
    ["undo", "--as", "cy"],
    ["log", "1", "--as", "ann", "--dry-run"],
    ["team", "remove", "Amblers", "dee", "--as", "cy", "--on", "2026-11-10"],
    ["member", "add", "eve"],
    ["team", "add", "Amblers", "eve", "--as", "cy", "--since", "2026-11-12"],
    ["log", "7km", "--as", "eve", "--date", "2026-11-15"],
    ["log", "1", "--as", "dee", "--date", "2026-11-18"],
    ["leaderboard", "--team", "Striders"],
    ["leaderboard", "--teams"],
    ["leaderboard", "--team", "Amblers", "--period", "week"],
    ["leaderboard", "--goal", "Crossing"],
    ["progress", "Crossing"],
    ["walks"],
    ["walks", "--team", "Amblers", "--from", "2026-11-05"],
    ["stats", "--team", "Striders"],
    ["member", "list"],
    ["team", "show", "Amblers"],
    ["goal", "list", "--all"],
    ["route", "show", "Dateline"],
    ["export", "all"],
    ["check"],
  ]

  @Test("the scenario prints the same JSON and exit codes on PostgreSQL as on SQLite")
  func sameJSON() throws {
    let sqlite = try CLI(today: "2026-11-20")
    let (postgres, env) = try Self.postgresCLI()
    for command in Self.scenario {
      let arguments = command + ["--format", "json"]
      let expected = sqlite.run(arguments)
      let actual = postgres.run(arguments, env: env)
      #expect(expected.code == 0, "\(command) on SQLite: \(expected.stderr)")
      #expect(actual.code == expected.code, "\(command): \(actual.stderr)")
      #expect(actual.stdout == expected.stdout, "\(command)")
      #expect(actual.stderr == expected.stderr, "\(command)")
    }
  }

  @Test("dry runs and failed commands leave the PostgreSQL database unchanged")
  func nothingChanged() throws {
    let (cli, env) = try Self.postgresCLI()
    cli.ok(["member", "add", "ann"], env: env)
    let before = cli.ok(["export", "all", "--format", "json"], env: env)
    cli.ok(["member", "add", "bob", "--dry-run"], env: env)
    cli.ok(["team", "create", "T", "--as", "ann", "--dry-run"], env: env)
    #expect(cli.run(["log", "-3", "--as", "ann"], env: env).code == 65)
    #expect(cli.run(["member", "add", "ann"], env: env).code == 65)
    #expect(cli.ok(["export", "all", "--format", "json"], env: env) == before)
  }

  @Test("connection failures: 69 for a server that is not there, no password in any output")
  func connectionFailures() throws {
    let cli = try CLI()
    let address = "postgresql://walker:s3cret@/quest?host=/nonexistent-milequest-dir&port=5"
    for arguments in [["member", "list"], ["init"], ["log", "3", "--as", "ann"]] {
      let result = cli.run(arguments, env: ["MILEQUEST_DB": address])
      #expect(result.code == 69, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("PostgreSQL"))
      #expect(!result.stderr.contains("s3cret") && !result.stdout.contains("s3cret"))
    }
    let entries = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
    #expect(!entries.contains { $0.hasPrefix("postgres") }, "\(entries)")
  }
}

@Suite("PostgreSQL addresses in settings")
struct PostgresSettingsTests {
  @Test("config get and config list never show an address's password")
  func configHidesPasswords() throws {
    let cli = try CLI()
    let config = try cli.write(
      "config.toml", "database = \"postgresql://walker:s3cret@h.invalid/quest\"\n")
    let env = ["MILEQUEST_CONFIG": config]
    for arguments in [
      ["config", "get", "database"], ["config", "list"], ["config", "list", "--format", "json"],
    ] {
      let result = cli.run(arguments, env: env)
      #expect(result.code == 0, "\(arguments): \(result.stderr)")
      #expect(result.stdout.contains("walker:***@h.invalid"), "\(result.stdout)")
      #expect(!result.stdout.contains("s3cret") && !result.stderr.contains("s3cret"))
    }
  }
}
