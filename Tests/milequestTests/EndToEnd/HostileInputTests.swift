import Foundation
import Testing

/// One hostile command line: its arguments, the files and environment it runs with, and what
/// SPEC §5 says it must do.
struct HostileInput: CustomTestStringConvertible, Sendable {
  let args: [String]
  let code: Int32
  /// Text the one error line must contain, when the value can be named in it.
  let mentions: String?
  let env: [String: String]
  /// Files created in the run's directory (its working directory) first, by name.
  let files: [String: [UInt8]]
  /// Lines on stderr: 1, except for an import's bad rows, which are listed `FILE:LINE: reason`
  /// one a line followed by "nothing was imported (...)".
  let lines: Int

  init(
    _ args: [String], _ code: Int32, mentions: String? = nil, env: [String: String] = [:],
    files: [String: String] = [:], bytes: [String: [UInt8]] = [:], lines: Int = 1
  ) {
    self.args = args
    self.code = code
    self.mentions = mentions
    self.env = env
    self.lines = lines
    self.files = bytes.merging(files.mapValues { Array($0.utf8) }) { a, _ in a }
  }

  var testDescription: String {
    let shown = args.map { arg -> String in
      let visible = arg.unicodeScalars.map {
        $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0)
      }
      .joined()
      return visible.count > 40 ? String(visible.prefix(12)) + "…(\(arg.count) chars)" : visible
    }
    let environment = env.keys.sorted().map { "\($0)=… " }.joined()
    return "\(environment)\(shown.joined(separator: " ")) → \(code)"
  }
}

/// The hostile-input matrix (SPEC §5): every command fed bad numbers, units, dates, time zones,
/// names with control characters or 10,000 characters, SQL fragments, unknown entities and
/// wrong roles. Each must exit with its code, print one line `milequest: error: ...` and nothing
/// on stdout, and leave the database byte for byte unchanged. SQL fragments that are valid
/// names are data: they are stored and read back as typed, and nothing else changes.
///
/// Runs on `ErrorTests`' seed database: ann (captain of Kiwis), bob (member of Kiwis), cat (in
/// no team), route R, goal G, walk 1. ErrorTests holds the first 63 cases; these are the rest.
@Suite("End to end: hostile input")
struct HostileInputTests {
  static let long = String(repeating: "x", count: 10_000)
  static let sql = "'; DROP TABLE walk; --"
  static let track = """
    <gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="1"><time>2026-03-01T08:00:00Z</time>\
    </trkpt><trkpt lat="1.01" lon="1"><time>2026-03-01T08:20:00Z</time></trkpt></trkseg></trk>\
    </gpx>
    """

  static let cases: [HostileInput] =
    member + team + route + goal + log + walks + reports
    + files + settings

  static let member: [HostileInput] = [
    HostileInput(["member", "add", "dee", "--name", long], 65, mentions: "bad name"),
    HostileInput(["member", "add", "dee", "--name", "A\u{7}nn"], 65, mentions: "control"),
    HostileInput(["member", "add", "dee", "--name", "Ann\nSmith"], 65, mentions: "control"),
    HostileInput(["member", "add", "dee", "--name", "\u{1b}[31mred"], 65, mentions: "control"),
    HostileInput(["member", "add", "dee", "--name", "tab\there"], 65, mentions: "control"),
    HostileInput(["member", "add", "dee", "--name", "bell\u{7f}"], 65),
    HostileInput(["member", "add", sql], 65, mentions: "bad handle"),
    HostileInput(["member", "add", long], 65),
    HostileInput(["member", "add", "dee", "--email", long], 65, mentions: "bad email"),
    HostileInput(["member", "add", "dee", "--stride", "0x1"], 65, mentions: "'0x1'"),
    HostileInput(["member", "add", "dee", "--stride", "nan"], 65, mentions: "'nan'"),
    HostileInput(["member", "add", "dee", "--stride", "1e0"], 65, mentions: "'1e0'"),
    HostileInput(["member", "edit", "ann", "--name", long], 65, mentions: "bad name"),
    HostileInput(["member", "edit", "nobody", "--name", "x"], 67, mentions: "nobody"),
    HostileInput(["member", "remove", "nobody"], 67, mentions: "nobody"),
    HostileInput(["member", "show", "ann' OR '1'='1"], 67, mentions: "ann' OR '1'='1"),
  ]

  static let team: [HostileInput] = [
    HostileInput(["team", "create", long, "--as", "cat"], 65, mentions: "bad team name"),
    HostileInput(["team", "create", "Bad\u{1}Team", "--as", "cat"], 65, mentions: "control"),
    HostileInput(["team", "create", "Two\nLines", "--as", "cat"], 65, mentions: "control"),
    HostileInput(["team", "create", "T2", "--as", "cat", "--description", long], 65),
    HostileInput(["team", "create", "T2", "--as", "cat", "--max-members", "0"], 65),
    HostileInput(
      ["team", "create", "T2", "--as", "cat", "--max-members", "1e3"], 64, mentions: "1e3"),
    HostileInput(
      ["team", "create", "T2", "--as", "cat", "--max-members", "99999999999999999999"], 64),
    HostileInput(
      ["team", "create", "T2", "--as", "cat", "--since", "2026-02-29"], 65, mentions: "2026-02-29"),
    HostileInput(["team", "show", "Kiwis' OR 1=1 --"], 67, mentions: "Kiwis' OR 1=1 --"),
    HostileInput(["team", "show", sql], 67),
    HostileInput(["team", "demote", "Kiwis", "ann", "--as", "bob"], 77, mentions: "bob"),
    HostileInput(["team", "promote", "Kiwis", "bob", "--as", "cat"], 77, mentions: "cat"),
    HostileInput(["team", "add", "Kiwis", "cat", "--as", "nobody"], 67, mentions: "nobody"),
    HostileInput(["team", "leave", "Kiwis", "--as", "cat"], 65, mentions: "cat"),
    HostileInput(
      ["team", "add", "Kiwis", "cat", "--as", "ann", "--role", "emperor"], 64, mentions: "emperor"),
    HostileInput(
      ["team", "add", "Kiwis", "cat", "--as", "ann", "--since", "99999-01-01"], 65,
      mentions: "99999-01-01"),
    HostileInput(
      ["team", "remove", "Kiwis", "bob", "--as", "ann", "--on", "2026-02-30"], 65,
      mentions: "2026-02-30"),
    HostileInput(["team", "promote", "Nope", "bob", "--as", "ann"], 67, mentions: "Nope"),
  ]

  static let route: [HostileInput] = [
    HostileInput(["route", "create", long, "--waypoint", "0,0", "--waypoint", "0,1"], 65),
    HostileInput(
      ["route", "create", "R\u{1b}2", "--waypoint", "0,0", "--waypoint", "0,1"], 65,
      mentions: "control"),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "0,0," + long, "--waypoint", "0,1"], 65,
      mentions: "bad label"),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "0,0,Bad\u{7}Label", "--waypoint", "0,1"], 65),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "nan,0", "--waypoint", "0,1"], 65, mentions: "nan,0"),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "1e1,0", "--waypoint", "0,1"], 65, mentions: "1e1,0"),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "0x1,0", "--waypoint", "0,1"], 65, mentions: "0x1,0"),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "0,inf", "--waypoint", "0,1"], 65, mentions: "0,inf"),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "1;DROP", "--waypoint", "0,1"], 65, mentions: "1;DROP"
    ),
    HostileInput(["route", "show", "R' --"], 67, mentions: "R' --"),
    HostileInput(["route", "export", "Nope", "--to", "gpx"], 67, mentions: "Nope"),
    HostileInput(["route", "export", "R", "--to", "kml"], 64, mentions: "kml"),
    HostileInput(
      ["route", "add-builtin", "'; DROP TABLE route; --"], 67, mentions: "DROP TABLE route"),
    HostileInput(["route", "create", "R2", "--gpx", "missing.gpx"], 66, mentions: "missing.gpx"),
    HostileInput(
      ["route", "create", "R2", "--geojson", "notes.geojson"], 65, mentions: "notes.geojson",
      files: ["notes.geojson": "just some notes\n"]),
  ]

  static let goal: [HostileInput] = [
    HostileInput(
      ["goal", "create", long, "--team", "Kiwis", "--distance", "5km", "--as", "ann"], 65),
    HostileInput(
      ["goal", "create", "G\t2", "--team", "Kiwis", "--distance", "5km", "--as", "ann"], 65,
      mentions: "control"),
    HostileInput(
      ["goal", "create", "G2", "--team", "Kiwis", "--distance", "0x10", "--as", "ann"], 65,
      mentions: "0x10"),
    HostileInput(
      ["goal", "create", "G2", "--team", "Kiwis", "--distance", "∞", "--as", "ann"], 65,
      mentions: "∞"),
    HostileInput(
      [
        "goal", "create", "G2", "--team", "Kiwis", "--distance",
        String(repeating: "9", count: 400) + "km",
        "--as", "ann",
      ], 65, mentions: "too large"),
    HostileInput(
      ["goal", "create", "G2", "--team", "Nope", "--distance", "5km", "--as", "ann"], 67,
      mentions: "Nope"),
    HostileInput(
      ["goal", "create", "G2", "--team", "Kiwis", "--distance", "5km", "--as", "cat"], 77,
      mentions: "cat"),
    HostileInput(
      [
        "goal", "create", "G2", "--team", "Kiwis", "--distance", "5km", "--as", "ann", "--mode",
        "chaos",
      ], 64,
      mentions: "chaos"),
    HostileInput(
      [
        "goal", "create", "G2", "--team", "Kiwis", "--distance", "5km", "--as", "ann", "--start",
        "2026-03-10",
        "--end", "2026-03-01",
      ], 65, mentions: "2026-03-01"),
    HostileInput(
      [
        "goal", "create", "G2", "--team", "Kiwis", "--distance", "5km", "--as", "ann",
        "--daily-cap", "0",
      ], 65),
    HostileInput(
      [
        "goal", "create", "G2", "--team", "Kiwis", "--distance", "5km", "--as", "ann",
        "--daily-cap", "-1km",
      ], 65,
      mentions: "-1km"),
    HostileInput(["goal", "cancel", "Nope", "--as", "ann"], 67, mentions: "Nope"),
    HostileInput(["goal", "list", "--team", "Nope"], 67, mentions: "Nope"),
    HostileInput(["goal", "show", "G' OR 1=1"], 67, mentions: "G' OR 1=1"),
  ]

  static let badDistances = [
    "0x10", "+5", "5,5", "∞", "NaN", "Infinity", "１２", "5..5", ".", "1 2", "5km;DROP TABLE walk",
    "5 km km", "5e-1", "1_000", "3 furlongs",
  ]
  static let badDates = [
    "99999-01-01", "0000-01-01", "-9999999d", "2026-3-1", "2026-03-01T10:00", "2026-02-29",
    "2026-04-31", "yesterday; DROP TABLE walk",
    // Regression 2026-11-26: this used to store year -712 and crash every later read.
    "-999999d", "999999 days ago",
  ]
  static let badDurations = [
    "999999h", "1:99", "1h1h", "168:00:01", "1e3", "-5m", "0", "0:00", "9999999999999999999999:00",
    "1.5.5h", "nan", "5 parsecs", "∞",
  ]

  static let log: [HostileInput] =
    badDistances.map { HostileInput(["log", $0, "--as", "ann"], 65, mentions: "'\($0)'") }
    + badDates.map {
      HostileInput(["log", "3", "--as", "ann", "--date", $0], 65, mentions: "'\($0)'")
    }
    + badDurations.map {
      HostileInput(["log", "3", "--as", "ann", "--duration", $0], 65, mentions: "'\($0)'")
    }
    + ["1e3", "99999999999999999999", "abc", "1.5"].map {
      HostileInput(["log", "3", "--as", "ann", "--steps", $0], 64, mentions: "'\($0)'")
    } + [
      HostileInput(["log", "3", "--as", "ann", "--note", long], 65, mentions: "bad note"),
      HostileInput(["log", "3", "--as", "ann", "--note", "a\u{1b}b"], 65, mentions: "control"),
      HostileInput(["log", "3", "--as", "ann", "--note", "line\nbreak"], 65, mentions: "control"),
      HostileInput(["log", "3", "--as", "ann", "--member", sql], 67, mentions: sql),
      HostileInput(["log", "3", "--as", sql], 67, mentions: sql),
    ]

  static let walks: [HostileInput] = [
    HostileInput(["walks", "--member", "nobody"], 67, mentions: "nobody"),
    HostileInput(["walks", "--member", sql], 67, mentions: sql),
    HostileInput(["walks", "--team", "Nope"], 67, mentions: "Nope"),
    HostileInput(["walks", "--from", "2026-13-01"], 65, mentions: "2026-13-01"),
    HostileInput(["walks", "--limit", "abc"], 64, mentions: "abc"),
    HostileInput(["walks", "--limit", "1e3"], 64, mentions: "1e3"),
    HostileInput(["walks", "edit", "1", "--distance", "1e3"], 65, mentions: "1e3"),
    HostileInput(["walks", "edit", "1 OR 1=1", "--distance", "1"], 64, mentions: "1 OR 1=1"),
    HostileInput(["walks", "edit", "1", "--date", "2026-02-30"], 65, mentions: "2026-02-30"),
    HostileInput(["walks", "edit", "1", "--date", "-999999d"], 65, mentions: "-999999d"),
    HostileInput(["walks", "edit", "1", "--note", long], 65, mentions: "bad note"),
    HostileInput(["walks", "edit", "1", "--duration", "∞"], 65, mentions: "∞"),
    HostileInput(["walks", "delete", "1; DROP TABLE walk"], 64, mentions: "DROP TABLE walk"),
    HostileInput(["walks", "delete", "99999999999999999999"], 64),
  ]

  static let reports: [HostileInput] = [
    HostileInput(["leaderboard", "--period", "fortnight"], 64, mentions: "fortnight"),
    HostileInput(["leaderboard", "--goal", "Nope"], 67, mentions: "Nope"),
    HostileInput(["leaderboard", "--goal", sql], 67, mentions: sql),
    HostileInput(["leaderboard", "--from", "2026-02-30"], 65, mentions: "2026-02-30"),
    HostileInput(["leaderboard", "--limit", "0"], 65),
    HostileInput(["leaderboard", "--team", "Kiwis", "--teams"], 64),
    HostileInput(
      ["leaderboard", "--from", "2026-03-10", "--to", "2026-03-01"], 65, mentions: "2026-03-01"),
    HostileInput(["leaderboard", "--by", "total; DROP"], 64, mentions: "total; DROP"),
    HostileInput(["stats", "--member", "nobody"], 67, mentions: "nobody"),
    HostileInput(["stats", "--team", "Nope"], 67, mentions: "Nope"),
    HostileInput(["stats", "--member", "ann", "--team", "Kiwis"], 64),
    HostileInput(["progress", "Nope"], 67, mentions: "Nope"),
    HostileInput(["progress", "G'; DROP TABLE goal; --"], 67, mentions: "DROP TABLE goal"),
    HostileInput(["progress", "--as", "nobody"], 67, mentions: "nobody"),
    HostileInput(["map", "Nope"], 67, mentions: "Nope"),
    HostileInput(["chart", "Nope"], 67, mentions: "Nope"),
    HostileInput(["chart", "--team", "Nope"], 67, mentions: "Nope"),
    HostileInput(["chart", "G", "--kind", "pie"], 64, mentions: "pie"),
    HostileInput(["report", "Nope", "--output", "r.html"], 67, mentions: "Nope"),
    HostileInput(["map", "R", "--output", "/nonexistent-milequest/m.svg"], 73, mentions: "m.svg"),
  ]

  static let files: [HostileInput] = [
    HostileInput(["import", "walks", "missing.csv"], 66, mentions: "missing.csv"),
    HostileInput(
      ["import", "walks", "nohdr.csv"], 65, mentions: "nohdr.csv:1",
      files: ["nohdr.csv": "foo,bar\n1,2\n"]),
    HostileInput(
      ["import", "walks", "bad.json"], 65, files: ["bad.json": "[{\"member\":\"ann\""]),
    HostileInput(
      ["import", "walks", "obj.json"], 65, mentions: "obj.json", files: ["obj.json": "{\"a\":1}"]),
    HostileInput(
      ["import", "walks", "open.csv"], 65, mentions: "open.csv",
      files: ["open.csv": "member,date,distance\n\"ann,2026-03-01,1\n"]),
    HostileInput(
      ["import", "walks", "empty.csv"], 65, mentions: "empty.csv", files: ["empty.csv": ""]),
    HostileInput(
      ["import", "walks", "nul.csv"], 65, mentions: "nul.csv",
      bytes: ["nul.csv": Array("member,date,distance\n".utf8) + [0, 0xFF, 0xFE, 10]]),
    HostileInput(
      ["import", "walks", "sql.csv"], 65, mentions: "sql.csv:2: unknown member '\(sql)'",
      files: ["sql.csv": "member,date,distance\n\(sql),2026-03-01,1\n"], lines: 2),
    HostileInput(["import", "walks", "-", "--format", "xml"], 64, mentions: "xml"),
    HostileInput(["import", "gpx", "missing.gpx", "--member", "ann"], 66, mentions: "missing.gpx"),
    HostileInput(
      ["import", "gpx", "notes.gpx", "--member", "ann"], 65, mentions: "notes.gpx",
      files: ["notes.gpx": "not xml at all"]),
    HostileInput(
      ["import", "gpx", "t.gpx", "--member", "nobody"], 67, mentions: "nobody",
      files: ["t.gpx": track]),
    HostileInput(
      ["import", "gpx", "t.gpx", "--member", "ann", "--date", "2026-02-30"], 65,
      mentions: "2026-02-30",
      files: ["t.gpx": track]),
    HostileInput(
      ["import", "all", "obj.json"], 65, mentions: "obj.json", files: ["obj.json": "{\"a\":1}"]),
    HostileInput(["export", "walks", "--format", "xml"], 64, mentions: "xml"),
    HostileInput(["export", "nothing"], 64, mentions: "nothing"),
    HostileInput(
      ["export", "walks", "--output", "/nonexistent-milequest/x.csv"], 73, mentions: "x.csv"),
    HostileInput(["backup", "taken.db"], 73, mentions: "taken.db", files: ["taken.db": "keep me"]),
    HostileInput(["restore", "missing.db"], 66, mentions: "missing.db"),
    HostileInput(
      ["restore", "notadb.db"], 65, mentions: "notadb.db",
      files: ["notadb.db": String(repeating: "not a database. ", count: 64)]),
    HostileInput(
      ["restore", "fake.db"], 65, mentions: "fake.db",
      bytes: ["fake.db": Array("SQLite format 3".utf8) + [0] + Array(repeating: 0x41, count: 200)]),
    HostileInput(["restore", "/dev/null"], 65, mentions: "/dev/null"),
    // Negative counts are values (SPEC §5: values may start with '-'), so bad data, not usage.
    HostileInput(["walks", "--limit", "-1"], 65, mentions: "-1"),
    HostileInput(["leaderboard", "--teams", "--limit", "-3"], 65, mentions: "-3"),
    HostileInput(["log", "3", "--steps", "-5", "--as", "ann"], 65, mentions: "-5"),
    HostileInput(
      ["team", "create", "Neg", "--max-members", "-1", "--as", "ann"], 65, mentions: "-1"),
    // Issue 11: records past 1 MiB are refused without being held, in a short error.
    HostileInput(
      ["import", "walks", "long.csv"], 65, mentions: "long.csv: line 2: a record longer than 1 MiB",
      files: [
        "long.csv": "member,date,distance\nann,2026-03-01," + String(repeating: "9", count: 2 << 20)
      ]),
    HostileInput(
      ["import", "walks", "open.csv"], 65, mentions: "quoted field is never closed",
      files: [
        "open.csv": "member,date,distance\nann,2026-03-01,\""
          + String(repeating: "9\n", count: 1 << 20)
      ]),
    HostileInput(
      ["import", "walks", "long.ndjson"], 65, mentions: "long.ndjson:1: a line longer than 1 MiB",
      files: ["long.ndjson": "{\"member\":\"" + String(repeating: "a", count: 2 << 20) + "\"}\n"]),
    HostileInput(
      ["import", "walks", "long.json"], 65, mentions: "long.json: record 1 is longer than 1 MiB",
      files: ["long.json": "[{\"note\":[" + String(repeating: "1,", count: 1 << 20) + "1]}]"]),
  ]

  static let settings: [HostileInput] = [
    HostileInput(["config", "set", "unit", "furlong"], 78, mentions: "furlong"),
    HostileInput(["config", "set", "nokey", "x"], 78, mentions: "nokey"),
    HostileInput(["config", "get", "nokey"], 78, mentions: "nokey"),
    HostileInput(["config", "set", "week_start", "someday"], 78, mentions: "someday"),
    HostileInput(["config", "frob"], 64, mentions: "frob"),
    HostileInput(
      ["log", "3", "--as", "ann"], 78, mentions: "abc", env: ["MILEQUEST_BUSY_TIMEOUT": "abc"]),
    HostileInput(
      ["log", "3", "--as", "ann"], 78, mentions: "-1", env: ["MILEQUEST_BUSY_TIMEOUT": "-1"]),
    HostileInput(
      ["log", "3", "--as", "ann"], 78, mentions: "nan", env: ["MILEQUEST_BUSY_TIMEOUT": "nan"]),
    HostileInput(
      ["log", "3", "--as", "ann"], 78, mentions: "1e309", env: ["MILEQUEST_BUSY_TIMEOUT": "1e309"]),
    // Regression 2026-11-26: a timeout beyond Int32 milliseconds crashed (exit 132).
    HostileInput(
      ["log", "3", "--as", "ann"], 78, mentions: "99999999999",
      env: ["MILEQUEST_BUSY_TIMEOUT": "99999999999"]),
    HostileInput(
      ["log", "3", "--as", "ann"], 78, mentions: "2026-02-30",
      env: ["MILEQUEST_TODAY": "2026-02-30"]),
    HostileInput(["log", "3"], 67, mentions: sql, env: ["MILEQUEST_USER": sql]),
    // Regression 2026-11-26 (fuzzing): this config header aborted the process (exit 134).
    HostileInput(
      ["member", "list"], 78, mentions: "bad.toml:2", env: ["MILEQUEST_CONFIG": "bad.toml"],
      files: ["bad.toml": "unit = \"km\"\n[é]\n"]),
    HostileInput(
      ["log", "3", "--as", "ann"], 78, mentions: "bad.toml", env: ["MILEQUEST_CONFIG": "bad.toml"],
      files: ["bad.toml": "[=]\n"]),
  ]

  @Test("fails cleanly and changes nothing", arguments: cases)
  func failsCleanly(_ hostile: HostileInput) throws {
    // Given the seed database and the case's files
    let cli = try ErrorTests().seeded()
    for (name, bytes) in hostile.files {
      try Data(bytes).write(to: cli.directory.appendingPathComponent(name))
    }
    let before = cli.dbBytes()

    // When
    let result = cli.run(hostile.args, env: hostile.env)

    // Then
    if hostile.lines == 1 {
      ErrorTests().expectOneErrorLine(result, code: hostile.code, mentions: hostile.mentions)
    } else {
      #expect(result.code == hostile.code, "stderr: \(result.stderr)")
      #expect(result.stdout == "")
      #expect(result.stderr.hasPrefix("milequest: error: "), "\(result.stderr)")
      #expect(result.stderr.contains(hostile.mentions ?? ""), "\(result.stderr)")
      let lines = result.stderr.split(separator: "\n")
      #expect(lines.count == hostile.lines, "\(result.stderr)")
      #expect(lines.last?.hasPrefix("nothing was imported") == true, "\(result.stderr)")
    }
    #expect(cli.dbBytes() == before, "the database changed")
    #expect(!result.stderr.contains("\u{1b}"), "raw control characters in the message")
  }

  /// SQL fragments that are valid names or descriptions: the command, the command that reads
  /// the value back, the JSON field it appears in, and the value.
  static let sqlAsData: [(args: [String], readBack: [String], field: String, value: String)] = [
    (["member", "add", "dee", "--name", sql], ["member", "show", "dee"], "name", sql),
    (["team", "create", sql, "--as", "cat"], ["team", "show", sql], "name", sql),
    (
      ["team", "create", "Robert'); DROP TABLE team;--", "--as", "cat"],
      ["team", "show", "Robert'); DROP TABLE team;--"], "name", "Robert'); DROP TABLE team;--"
    ),
    (
      [
        "route", "create", "'; DROP TABLE route; --", "--waypoint", "0,0,x' OR '1'='1",
        "--waypoint", "0,1",
      ],
      ["route", "show", "'; DROP TABLE route; --"], "name", "'; DROP TABLE route; --"
    ),
    (
      ["goal", "create", "x' OR '1'='1", "--team", "Kiwis", "--distance", "5km", "--as", "ann"],
      ["goal", "show", "x' OR '1'='1"], "goal", "x' OR '1'='1"
    ),
    (
      ["team", "create", "T2", "--description", "\"; DELETE FROM member; --", "--as", "cat"],
      ["team", "show", "T2"], "description", "\"; DELETE FROM member; --"
    ),
  ]

  @Test("SQL fragments are data: stored and read back as typed", arguments: 0..<sqlAsData.count)
  func sqlIsData(_ index: Int) throws {
    // Given
    let (args, readBack, field, value) = Self.sqlAsData[index]
    let cli = try ErrorTests().seeded()

    // When
    cli.ok(args)

    // Then it reads back exactly, and every table is still there with its rows
    let shown = J.object(try cli.json(readBack))
    #expect(J.string(shown[field]) == value, "\(shown)")
    let check = J.object(try cli.json(["check"]))
    #expect(check["ok"] as? Bool == true, "\(check)")
    let counts = J.object(check["counts"])
    #expect(J.int(counts["walk"]) == 1, "\(counts)")
    #expect((J.int(counts["member"]) ?? 0) >= 3, "\(counts)")
  }

  @Test("a note that is an SQL fragment is stored as typed")
  func sqlNote() throws {
    let cli = try ErrorTests().seeded()
    cli.ok(["log", "3", "--as", "ann", "--date", "2026-03-11", "--note", Self.sql])
    let walks = J.array(try cli.json(["walks"])).map(J.object)
    #expect(walks.count == 2)
    #expect(walks.contains { J.string($0["note"]) == Self.sql })
  }

  @Test("an unknown TZ falls back to UTC for 'today' instead of failing")
  func unknownTimeZone() throws {
    // Given no pinned day, so the time zone decides what today is
    let cli = try ErrorTests().seeded()
    func utcToday() -> String {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(identifier: "UTC")!
      let parts = calendar.dateComponents([.year, .month, .day], from: Date())
      return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
    let before = utcToday()

    // When
    let result = cli.run(
      ["log", "1", "--as", "ann", "--date", "today", "--format", "json"],
      env: ["TZ": "Not/AZone"], removing: ["MILEQUEST_TODAY"])
    let after = utcToday()

    // Then the walk is on today's date in UTC
    #expect(result.code == 0, "\(result.stderr)")
    let walk = J.object(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
    let date = J.string(walk["date"])
    #expect(date == before || date == after, "\(result.stdout)")
  }
}

/// Issue 11, trust in text: escape sequences and bidirectional controls in every kind of name
/// and note, unknown names that carry them, mistyped commands and negative numbers. Each must
/// fail like the rest of the matrix (one escaped line, its code, the database unchanged).
extension HostileInputTests {
  static let trustText: [HostileInput] = [
    HostileInput(["team", "create", "Ki\u{202e}wis2", "--as", "cat"], 65, mentions: "\\u{202e}"),
    HostileInput(
      ["team", "create", "T\u{2066}x\u{2069}", "--as", "cat"], 65, mentions: "bidirectional"),
    HostileInput(["member", "add", "dee", "--name", "\u{202e}nna"], 65, mentions: "bidirectional"),
    HostileInput(["member", "edit", "ann", "--name", "A\u{200f}nn"], 65, mentions: "\\u{200f}"),
    HostileInput(
      ["member", "edit", "ann", "--name", "A\u{1b}]0;title\u{7}"], 65, mentions: "\\u{1b}"),
    HostileInput(
      ["log", "3", "--as", "ann", "--note", "gpj.\u{202e}exe"], 65, mentions: "\\u{202e}"),
    HostileInput(["walks", "edit", "1", "--note", "x\u{202d}y"], 65, mentions: "\\u{202d}"),
    HostileInput(
      ["team", "create", "Line\u{2028}Break", "--as", "cat"], 65, mentions: "\\u{2028}"),
    HostileInput(["team", "create", "C1\u{9b}2J", "--as", "cat"], 65, mentions: "\\u{9b}"),
    HostileInput(["route", "create", "R\u{202e}2", "--waypoint", "0,0", "--waypoint", "0,1"], 65),
    HostileInput(
      ["route", "create", "R2", "--waypoint", "0,0,x\u{2067}", "--waypoint", "0,1"], 65),
    HostileInput(
      ["goal", "create", "G\u{202b}2", "--team", "Kiwis", "--distance", "5km", "--as", "ann"], 65),
    HostileInput(["team", "show", "Ki\u{1b}[2Jwis"], 67, mentions: "\\u{1b}[2J"),
    HostileInput(["team", "show", "two\nlines"], 67, mentions: "two\\u{a}lines"),
    HostileInput(["member", "show", "bell\u{7}\r"], 67, mentions: "\\u{7}\\u{d}"),
    HostileInput(["log", "3", "--as", "\u{1b}[31mred"], 67, mentions: "\\u{1b}[31mred"),
    HostileInput(["--unit", "km", "leaderbord"], 64, mentions: "did you mean 'leaderboard'?"),
    HostileInput(["team", "ad", "Kiwis", "cat", "--as", "ann"], 64, mentions: "'team add'"),
    HostileInput(["le\u{1b}[2Jaderboard"], 64, mentions: "\\u{1b}"),
    HostileInput(["log", "-3", "--as", "ann"], 65, mentions: "'-3'"),
    HostileInput(["log", "-3mi", "--as", "ann"], 65, mentions: "'-3mi'"),
    HostileInput(["walks", "delete", "-1"], 65, mentions: "-1"),
    HostileInput(["route", "create", "Z", "--waypoint", "5,5", "--waypoint", "5,5"], 65),
    HostileInput(["member", "list", "--unit", "k\nm"], 64, mentions: "'k\\u{a}m'"),
    HostileInput(["member", "list", "--format", "x\u{1b}[2J"], 64, mentions: "\\u{1b}[2J"),
    HostileInput(["member", "list", "--bogus\u{7}"], 64, mentions: "--bogus\\u{7}"),
  ]

  @Test("trust in text: fails cleanly and changes nothing", arguments: trustText)
  func trustTextFailsCleanly(_ hostile: HostileInput) throws {
    try failsCleanly(hostile)
  }
}

/// Issue 11: paths of one character (Foundation's path functions trapped on them, SIGILL),
/// databases that do not exist or are not milequest's, and database addresses.
extension HostileInputTests {
  static let paths: [HostileInput] = [
    HostileInput(["--db", "a", "member", "list"], 66, mentions: "'a'"),
    HostileInput(["--db", "-", "walks"], 66, mentions: "'-'"),
    HostileInput(["--db", "x", "log", "3", "--as", "ann"], 66, mentions: "milequest init"),
    HostileInput(["--db", "nodir/x.db", "walks"], 66, mentions: "nodir"),
    HostileInput(["--db", "", "walks"], 64, mentions: "--db"),
    HostileInput(
      ["member", "list"], 66, mentions: "'a'",
      env: ["MILEQUEST_DB": "", "MILEQUEST_CONFIG": "c.toml"],
      files: ["c.toml": "database = \"a\"\n"]),
    HostileInput(["backup", "x", "--yes"], 73, mentions: "'x'", files: ["x": "keep me"]),
    HostileInput(["backup", "y"], 73, mentions: "'y'", files: ["y": "keep me"]),
    HostileInput(["export", "walks", "--output", "/"], 73, mentions: "'/'"),
    HostileInput(["import", "walks", "a", "--format", "csv"], 66, mentions: "'a'"),
    HostileInput(["restore", "r"], 66, mentions: "'r'"),
    HostileInput(
      ["--db", "n", "walks"], 65, mentions: "not a milequest database", files: ["n": "notes\n"]),
    HostileInput(
      ["--db", "n", "init"], 73, mentions: "not a milequest database", files: ["n": "notes\n"]),
    HostileInput(["--db", "e", "check"], 65, mentions: "milequest init", files: ["e": ""]),
    HostileInput(
      ["--db", "fake.db", "member", "add", "zed"], 65, mentions: "fake.db",
      bytes: ["fake.db": Array("SQLite format 3".utf8) + [0] + Array(repeating: 0x41, count: 200)]),
    HostileInput(["--db", "postgres://u:pw@h.invalid/d", "walks"], 69, mentions: "PostgreSQL"),
    HostileInput(
      ["log", "3", "--as", "ann"], 69, mentions: "PostgreSQL",
      env: ["MILEQUEST_DB": "postgresql://h.invalid/d"]),
    HostileInput(["restore", "/"], 66, mentions: "directory"),
    HostileInput(["restore", "."], 66, mentions: "directory"),
    HostileInput(["backup", "-"], 64, mentions: "'-'"),
    HostileInput(["backup", ".", "--yes"], 73, mentions: "directory"),
    HostileInput(["--db", ".", "walks"], 66, mentions: "directory"),
  ]

  @Test("paths: fails cleanly and changes nothing", arguments: paths)
  func pathsFailCleanly(_ hostile: HostileInput) throws {
    try failsCleanly(hostile)
  }
}

// MARK: - Issue 11: bad stored rows and hostile `import all` documents

extension HostileInputTests {
  /// A value written into the seed database by another program, a command that meets it, and
  /// the row the one error line must name (exit 65, never a trap).
  static let storedRows: [(sql: String, args: [String], mentions: String)] = [
    ("UPDATE walk SET date = '2026-02-30' WHERE id = 1", ["walks"], "walk 1"),
    ("UPDATE walk SET date = '2026-02-30' WHERE id = 1", ["stats", "--member", "ann"], "walk 1"),
    ("UPDATE walk SET date = '10000-01-01' WHERE id = 1", ["walks", "--as", "ann"], "walk 1"),
    // (boards read the per-member per-day totals, issue 16, not the walks: `stats` does)
    ("UPDATE walk SET distanceMetres = 'x' WHERE id = 1", ["stats", "--team", "Kiwis"], "walk 1"),
    (
      "UPDATE walk SET distanceMetres = 9e999 WHERE id = 1", ["stats", "--team", "Kiwis"],
      "walk 1"
    ),
    ("UPDATE walk SET source = 'strava' WHERE id = 1", ["export", "walks"], "walk 1"),
    ("UPDATE walk SET memberId = 'ann' WHERE id = 1", ["walks"], "walk 1"),
    (
      "UPDATE membership SET role = 'king' WHERE id = 1", ["team", "show", "Kiwis"], "membership 1"
    ),
    (
      "UPDATE membership SET role = 'king' WHERE id = 1", ["log", "1", "--as", "ann"],
      "membership 1"
    ),
    // (the all-teams board of all time reads team totals, issue 16; over a period it reads
    // every membership)
    (
      "UPDATE membership SET \"left\" = '10000-01-01' WHERE id = 2",
      ["leaderboard", "--teams", "--period", "year"], "membership 2"
    ),
    ("UPDATE membership SET joined = 7 WHERE id = 2", ["progress", "G"], "membership 2"),
    ("UPDATE member SET strideMetres = 'x' WHERE id = 1", ["member", "show", "ann"], "member 1"),
    ("UPDATE member SET archivedOn = '2026-02-29' WHERE id = 3", ["member", "list"], "member 3"),
    ("UPDATE team SET maxMembers = 2.5 WHERE id = 1", ["team", "list"], "team 1"),
    ("UPDATE goal SET state = 'paused' WHERE id = 1", ["goal", "list"], "goal 1"),
    ("UPDATE goal SET targetMetres = 0 WHERE id = 1", ["progress", "G"], "goal 1"),
    (
      "UPDATE routePoint SET longitude = 'east' WHERE routeId = 1", ["route", "show", "R"],
      "route 1"
    ),
  ]

  @Test("a bad stored row is exit 65 naming it, never a trap", arguments: 0..<storedRows.count)
  func badStoredRow(_ index: Int) throws {
    // Given the seed database with one value changed by the sqlite3 shell
    let (sql, args, mentions) = Self.storedRows[index]
    let cli = try ErrorTests().seeded()
    try TrustStoredRowTests.tamper(cli, sql)
    let before = cli.dbBytes()

    // When
    let result = cli.run(args)

    // Then
    ErrorTests().expectOneErrorLine(result, code: 65, mentions: mentions)
    #expect(cli.dbBytes() == before, "the database changed")
    // and check names the same row
    let check = cli.run(["check"])
    #expect(check.code == 65)
    #expect(check.stdout.contains(mentions), "check: \(check.stdout)")
  }

  /// `import all` documents (into a new database) that an entrance would refuse.
  static let importAllDocuments: [HostileInput] = {
    let head = """
      {"format":"milequest-export","version":1,
      "members":[{"handle":"ann","name":"Ann","email":null,"stride_m":0.762,"archived_on":null}],
      "teams":[{"name":"T","description":null,"max_members":5}],
      "memberships":[{"team":"T","member":"ann","role":"captain","joined":"2026-03-01","left":null}],
      "routes":[],"goals":[],
      """
    /// The document with one walk, `field` set to the JSON text `value`.
    func walk(_ field: String, _ value: String) -> String {
      var fields: [(String, String)] = [
        ("id", "1"), ("member", #""ann""#), ("date", #""2026-03-10""#), ("distance_m", "5000"),
        ("duration_s", "null"), ("steps", "null"), ("note", "null"), ("source", #""manual""#),
        ("external_id", "null"), ("deleted", "false"),
      ]
      for index in fields.indices where fields[index].0 == field { fields[index].1 = value }
      return head + #""walks":[{"# + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",")
        + "}]}"
    }
    let cases: [(String, String)] = [
      (walk("distance_m", "-1"), "walks[0]"),
      (walk("distance_m", "1e300"), "walks[0]"),
      (walk("date", #""2099-01-01""#), "future"),
      (walk("date", #""9999-12-32""#), "9999-12-32"),
      (walk("note", #""\u001b]0;pwned\u0007""#), "control"),
      (walk("steps", "-100"), "steps"),
      (
        head.replacingOccurrences(of: "\"captain\"", with: "\"member\"") + #""walks":[]}"#,
        "no captain"
      ),
      (
        head.replacingOccurrences(of: "\"left\":null", with: "\"left\":\"2026-01-01\"")
          + #""walks":[]}"#, "before"
      ),
      (
        head.replacingOccurrences(of: "\"stride_m\":0.762", with: "\"stride_m\":-0.5")
          + #""walks":[]}"#, "stride"
      ),
      (
        head.replacingOccurrences(of: "\"max_members\":5", with: "\"max_members\":0")
          + #""walks":[]}"#, "max_members"
      ),
      (
        head.replacingOccurrences(
          of: "\"name\":\"Ann\"", with: "\"name\":\"" + String(repeating: "A", count: 81) + "\"")
          + #""walks":[]}"#, "name"
      ),
    ]
    return cases.map { text, mentions in
      HostileInput(
        ["--db", "fresh.db", "import", "all", "all.json"], 65, mentions: mentions,
        files: ["all.json": text], bytes: ["fresh.db": [UInt8](CLI.newDatabase)])
    }
  }()

  @Test("import all refuses what its entrance would", arguments: importAllDocuments)
  func hostileImportAll(_ hostile: HostileInput) throws {
    try failsCleanly(hostile)
  }
}
