import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// One bad command line and what SPEC §5 says it must do.
struct BadInput: CustomTestStringConvertible, Sendable {
  let args: [String]
  let code: Int32
  /// Text the one error line must contain (the offending value), when the spec asks for it.
  let mentions: String?

  init(_ args: [String], _ code: Int32, mentions: String? = nil) {
    self.args = args
    self.code = code
    self.mentions = mentions
  }

  var testDescription: String { "\(args.joined(separator: " ")) → \(code)" }
}

/// Every failure prints exactly one line `milequest: error: ...` on stderr, nothing on stdout,
/// exits with its sysexits code, and leaves the database bytes unchanged (SPEC §5).
@Suite("End to end: bad input")
struct ErrorTests {
  /// A database with ann (captain of Kiwis), bob (plain member of Kiwis), cat (in no team),
  /// route R, goal G and walk 1, built once and copied into every test's directory.
  static let seed: Data = {
    guard let cli = try? CLI() else { return Data() }
    let commands: [[String]] = [
      ["member", "add", "ann"], ["member", "add", "bob"], ["member", "add", "cat"],
      ["team", "create", "Kiwis", "--as", "ann", "--since", "2026-03-01"],
      ["team", "add", "Kiwis", "bob", "--as", "ann", "--since", "2026-03-01"],
      ["route", "create", "R", "--waypoint", "0,0,Here", "--waypoint", "0,1,There"],
      [
        "goal", "create", "G", "--team", "Kiwis", "--route", "R", "--start", "2026-03-01", "--as",
        "ann",
      ],
      ["log", "3", "--as", "ann", "--date", "2026-03-10"],
    ]
    for command in commands where cli.run(command).code != 0 { return Data() }
    return cli.dbBytes(includingWAL: false)
  }()

  static let cases: [BadInput] = [
    // 65: bad values
    BadInput(["log", "abc", "--as", "ann"], 65, mentions: "'abc'"),
    BadInput(["log", "0", "--as", "ann"], 65, mentions: "'0'"),
    BadInput(["log", "abc", "--as", "ann", "--format", "json"], 65, mentions: "'abc'"),
    BadInput(["--as", "ann", "--format", "json", "log", "abc"], 65, mentions: "'abc'"),
    BadInput(["log", "--as", "ann", "--", "-5"], 65, mentions: "'-5'"),
    BadInput(["log", "1001mi", "--as", "ann"], 65, mentions: "'1001mi'"),
    BadInput(["log", "1609.345km", "--as", "ann"], 65, mentions: "1609.345km"),
    BadInput(["log", "nan", "--as", "ann"], 65, mentions: "'nan'"),
    BadInput(["log", "inf", "--as", "ann"], 65, mentions: "'inf'"),
    BadInput(["log", "1e3", "--as", "ann"], 65, mentions: "1e3"),
    BadInput(["log", "5 parsecs", "--as", "ann"], 65, mentions: "parsecs"),
    BadInput(["log", "12000.5steps", "--as", "ann"], 65),
    BadInput(["log", "3", "--date", "2026-03-16", "--as", "ann"], 65, mentions: "2026-03-16"),
    BadInput(["log", "3", "--date", "tomorrow", "--as", "ann"], 65, mentions: "2026-03-16"),
    BadInput(["log", "3", "--date", "2026-02-30", "--as", "ann"], 65, mentions: "2026-02-30"),
    BadInput(["log", "3", "--date", "someday", "--as", "ann"], 65, mentions: "someday"),
    BadInput(["log", "3", "--duration", "forever", "--as", "ann"], 65, mentions: "forever"),
    BadInput(["member", "add", "ann"], 65, mentions: "ann"),
    BadInput(["member", "add", "ANN"], 65, mentions: "ann"),
    BadInput(["member", "add", "Bad Handle"], 65, mentions: "Bad Handle"),
    BadInput(["member", "add", "_ann"], 65, mentions: "_ann"),
    BadInput(["member", "add", String(repeating: "a", count: 33)], 65),
    BadInput(["member", "add", "dee", "--stride", "3m"], 65, mentions: "3m"),
    BadInput(
      ["route", "create", "Polar", "--waypoint", "91,0", "--waypoint", "0,0"], 65, mentions: "91"),
    BadInput(
      ["route", "create", "East", "--waypoint", "0,181", "--waypoint", "0,0"], 65, mentions: "181"),
    BadInput(["route", "create", "Dot", "--waypoint", "1,2,Only"], 65),
    BadInput(
      ["route", "create", "R", "--waypoint", "1,2", "--waypoint", "3,4"], 65, mentions: "R"),
    BadInput(["team", "create", "Kiwis", "--as", "cat"], 65, mentions: "Kiwis"),
    BadInput(["team", "create", "KIWIS", "--as", "cat"], 65, mentions: "Kiwis"),
    BadInput(["goal", "create", "G", "--team", "Kiwis", "--distance", "5km", "--as", "ann"], 65),
    BadInput(["team", "remove", "Kiwis", "ann", "--as", "ann"], 65, mentions: "captain"),
    BadInput(["team", "leave", "Kiwis", "--as", "ann"], 65, mentions: "captain"),
    BadInput(["team", "demote", "Kiwis", "ann", "--as", "ann"], 65, mentions: "captain"),
    BadInput(["team", "add", "Kiwis", "bob", "--as", "ann"], 65, mentions: "bob"),
    // 67: unknown names
    BadInput(["log", "3", "--member", "nobody", "--as", "ann"], 67, mentions: "nobody"),
    BadInput(["log", "3", "--as", "nobody"], 67, mentions: "nobody"),
    BadInput(["--as", "nobody", "log", "3"], 67, mentions: "nobody"),
    BadInput(["member", "show", "nobody"], 67, mentions: "nobody"),
    BadInput(["team", "show", "Nope"], 67, mentions: "Nope"),
    BadInput(["team", "add", "Nope", "cat", "--as", "ann"], 67, mentions: "Nope"),
    BadInput(["team", "add", "Kiwis", "nobody", "--as", "ann"], 67, mentions: "nobody"),
    BadInput(["leaderboard", "--team", "Nope"], 67, mentions: "Nope"),
    BadInput(["route", "show", "Nope"], 67, mentions: "Nope"),
    BadInput(["goal", "create", "G3", "--team", "Kiwis", "--route", "Nope", "--as", "ann"], 67),
    BadInput(["progress", "Nope"], 67, mentions: "Nope"),
    BadInput(["goal", "show", "Nope"], 67, mentions: "Nope"),
    BadInput(["walks", "delete", "999"], 67, mentions: "999"),
    BadInput(["walks", "edit", "999", "--distance", "1"], 67, mentions: "999"),
    // 77: not a captain
    BadInput(["team", "add", "Kiwis", "cat", "--as", "bob"], 77, mentions: "bob"),
    BadInput(["team", "add", "Kiwis", "cat", "--as", "cat"], 77, mentions: "cat"),
    BadInput(["team", "promote", "Kiwis", "bob", "--as", "bob"], 77, mentions: "bob"),
    BadInput(["team", "remove", "Kiwis", "ann", "--as", "bob"], 77, mentions: "bob"),
    BadInput(["goal", "create", "G2", "--team", "Kiwis", "--distance", "10km", "--as", "bob"], 77),
    BadInput(["goal", "cancel", "G", "--as", "bob"], 77, mentions: "bob"),
    // 64: usage
    BadInput(["log", "3", "--bogus", "--as", "ann"], 64, mentions: "--bogus"),
    BadInput(["--bogus", "member", "list"], 64, mentions: "--bogus"),
    BadInput(["member", "list", "--format", "xml"], 64, mentions: "xml"),
    BadInput(["--format", "yaml", "member", "list"], 64, mentions: "yaml"),
    BadInput(["leaderboard", "--unit", "furlong"], 64, mentions: "furlong"),
    BadInput(["leaderboard", "--by", "speed"], 64, mentions: "speed"),
    BadInput(["frobnicate"], 64, mentions: "frobnicate"),
    BadInput(["log", "--as", "ann"], 64),
    BadInput(["log", "3"], 64, mentions: "--as"),
  ]

  @Test("fails cleanly", arguments: cases)
  func failsCleanly(_ bad: BadInput) throws {
    // Given
    let cli = try seeded()
    let before = cli.dbBytes()

    // When
    let result = cli.run(bad.args)

    // Then
    expectOneErrorLine(result, code: bad.code, mentions: bad.mentions)
    #expect(cli.dbBytes() == before, "the database changed")
  }

  @Test("a database written by a newer milequest is refused with 78")
  func newerDatabase() throws {
    // Given
    let sqlite3 = "/usr/bin/sqlite3"
    try #require(
      FileManager.default.isExecutableFile(atPath: sqlite3),
      "skipped in effect: /usr/bin/sqlite3 is missing, so a newer database cannot be simulated")
    let cli = try seeded()
    let insert = try ChildProcess.run(
      sqlite3, [cli.databasePath, "INSERT INTO grdb_migrations VALUES('v99-future')"])
    try #require(insert.code == 0, "\(insert.output)")
    let before = cli.dbBytes()

    // When
    let result = cli.run(["member", "list"])
    let write = cli.run(["member", "add", "dee"])

    // Then
    expectOneErrorLine(result, code: 78, mentions: "newer")
    expectOneErrorLine(write, code: 78, mentions: "newer")
    #expect(cli.dbBytes() == before, "the database changed")
  }

  @Test("a bad MILEQUEST_UNIT is a configuration error (78)")
  func badUnitEnvironment() throws {
    let cli = try seeded()
    let before = cli.dbBytes()
    let result = cli.run(["log", "3", "--as", "ann"], env: ["MILEQUEST_UNIT": "leagues"])
    expectOneErrorLine(result, code: 78, mentions: "leagues")
    #expect(cli.dbBytes() == before)
  }

  // MARK: - Helpers

  func seeded() throws -> CLI {
    let seed = Self.seed
    try #require(!seed.isEmpty, "the seed database could not be built")
    let cli = try CLI()
    try seed.write(to: URL(fileURLWithPath: cli.databasePath))
    return cli
  }

  func expectOneErrorLine(
    _ result: CLIResult, code: Int32, mentions: String?,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(result.code == code, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout == "", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.count == 2 && lines[1].isEmpty, "want one line, got: \(result.stderr)",
      sourceLocation: sourceLocation)
    #expect(
      result.stderr.hasPrefix("milequest: error: "), "\(result.stderr)",
      sourceLocation: sourceLocation)
    if let mentions {
      #expect(
        result.stderr.contains(mentions), "\(result.stderr) should name \(mentions)",
        sourceLocation: sourceLocation)
    }
  }
}
