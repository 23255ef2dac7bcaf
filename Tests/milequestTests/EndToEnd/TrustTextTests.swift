import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// Issue 11, "Nothing hostile reaches the terminal or the spreadsheet" and "Messages that tell
/// the truth": escaped values in errors and tables, TSV formulas, Unicode names, captain powers,
/// mistyped commands, config lines, negative numbers, plurals and empty routes.
///
/// Most tests start from `ErrorTests`' seed: ann (captain of Kiwis), bob (member of Kiwis), cat
/// (in no team), route R, goal G, walk 1; today is 2026-03-15.
@Suite("End to end: trust in text")
struct TrustTextTests {
  static let esc = "\u{1b}"
  static let bel = "\u{7}"

  /// Runs SQL on the database with the sqlite3 tool: how a database written by an older or
  /// another program gets values that no milequest entrance accepts today.
  func sql(_ cli: CLI, _ statement: String) throws {
    let sqlite3 = try #require(findTool("sqlite3"), "sqlite3 is not installed; .ci/run installs it")
    let result = try ChildProcess.run(sqlite3, [cli.databasePath, statement])
    try #require(result.code == 0, "sqlite3 failed on: \(statement): \(result.output)")
  }

  func oneErrorLine(
    _ result: CLIResult, code: Int32, mentions: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    ErrorTests().expectOneErrorLine(
      result, code: code, mentions: mentions, sourceLocation: sourceLocation)
    #expect(
      !result.stderr.contains(Self.esc) && !result.stderr.contains(Self.bel)
        && !result.stderr.contains("\r"),
      "raw control characters in \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
  }

  // MARK: - Control characters never reach the terminal

  @Test("unknown names with ESC, BEL, CR and LF are echoed escaped, on one line")
  func unknownNamesEscaped() throws {
    let cli = try ErrorTests().seeded()
    let title = "a\u{1b}]0;pwned\u{7}b"
    oneErrorLine(cli.run(["team", "show", title]), code: 67, mentions: "a\\u{1b}]0;pwned\\u{7}b")
    oneErrorLine(cli.run(["team", "show", "x\ny"]), code: 67, mentions: "x\\u{a}y")
    oneErrorLine(cli.run(["route", "show", "x\r\ny"]), code: 67, mentions: "x\\u{d}\\u{a}y")
    oneErrorLine(cli.run(["log", "3", "--as", "z\u{1b}[2J"]), code: 67, mentions: "\\u{1b}[2J")
    oneErrorLine(cli.run(["member", "show", "q\u{9b}31m"]), code: 67, mentions: "\\u{9b}")
    oneErrorLine(cli.run(["goal", "show", "g\u{7f}\u{202e}"]), code: 67, mentions: "\\u{202e}")
  }

  @Test("bad values and unknown options are escaped in errors")
  func badValuesEscaped() throws {
    let cli = try ErrorTests().seeded()
    oneErrorLine(
      cli.run(["log", "3\u{1b}[31m", "--as", "ann"]), code: 65, mentions: "3\\u{1b}[31m")
    oneErrorLine(
      cli.run(["log", "3", "--as", "ann", "--date", "x\ny"]), code: 65, mentions: "x\\u{a}y")
    oneErrorLine(cli.run(["member", "list", "--bad\u{1b}opt"]), code: 64, mentions: "\\u{1b}")
    // A line break in a value ArgumentParser quotes no longer cuts its message short
    let unit = cli.run(["member", "list", "--unit", "k\nm"])
    oneErrorLine(unit, code: 64, mentions: "'k\\u{a}m' is invalid")
    #expect(unit.stderr.contains("'mi'"), "\(unit.stderr)")
  }

  @Test("an import error echoes a hostile CSV header and cell escaped, one line per bad row")
  func importErrorsEscaped() throws {
    let cli = try ErrorTests().seeded()
    let file = cli.directory.appendingPathComponent("w.csv")
    try Data(
      "member,date,distance,\u{1b}]0;x\u{7}\nann,2026-03-11,3\u{1b}[2J,\nann,2026-03-12,2,\n".utf8
    )
    .write(to: file)
    let before = cli.dbBytes()
    let result = cli.run(["import", "walks", file.path])
    #expect(result.code == 65, "\(result.stderr)")
    #expect(
      !result.stderr.contains(Self.esc) && !result.stderr.contains(Self.bel), "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 2, "\(result.stderr)")
    #expect(result.stderr.contains("\\u{1b}[2J"), "\(result.stderr)")
    #expect(
      lines.last?.hasPrefix("nothing was imported (1 bad of 2 rows)") == true, "\(result.stderr)")
    #expect(cli.dbBytes() == before)
  }

  @Test("names stored with control characters are escaped in tables and views, kept in JSON")
  func storedNamesEscapedInTables() throws {
    // Given names written into the database by another program
    let cli = try ErrorTests().seeded()
    try sql(
      cli, "UPDATE member SET name = 'Ann' || char(27) || '[2J' || char(7) WHERE handle = 'ann'")
    try sql(cli, "UPDATE team SET name = 'Ki' || char(27) || ']0;t' || char(7) || 'wis'")
    try sql(cli, "UPDATE walk SET note = 'n' || char(27) || '[1A' || char(13) || 'x' WHERE id = 1")

    // When / Then: tables and text views show escapes
    for args in [
      ["member", "list"], ["member", "show", "ann"], ["team", "list"], ["team", "show", "kiwis"],
      ["walks"], ["leaderboard", "--teams"], ["goal", "show", "G"], ["progress", "G"],
    ] {
      let result = cli.run(args)
      #expect(result.code == 0, "\(args): \(result.stderr)")
      #expect(
        !result.stdout.contains(Self.esc) && !result.stdout.contains(Self.bel)
          && !result.stdout.contains("\r"),
        "\(args) printed raw controls: \(result.stdout.debugDescription)")
    }
    #expect(cli.ok(["member", "list"]).contains("Ann\\u{1b}[2J\\u{7}"))
    #expect(cli.ok(["team", "list"]).contains("Ki\\u{1b}]0;t\\u{7}wis"))
    #expect(cli.ok(["walks"]).contains("n\\u{1b}[1A\\u{d}x"))

    // JSON keeps the real value (escaped by JSON itself)
    let members = J.array(try cli.json(["member", "list"])).map(J.object)
    #expect(members.contains { J.string($0["name"]) == "Ann\u{1b}[2J\u{7}" }, "\(members)")
  }

  @Test("aligned columns are measured on the escaped text")
  func escapedCellsStayAligned() throws {
    let cli = try ErrorTests().seeded()
    try sql(cli, "UPDATE member SET name = 'A' || char(27) || 'B' WHERE handle = 'ann'")
    let lines = cli.ok(["member", "list"]).split(separator: "\n").map(String.init)
    let header = try #require(lines.first)
    let emailColumn = try #require(header.range(of: "email")).lowerBound.utf16Offset(in: header)
    for line in lines.dropFirst() where line.count > emailColumn {
      let before = line.prefix(emailColumn)
      #expect(before.hasSuffix(" "), "misaligned: \(line)")
    }
  }

  // MARK: - TSV is neutralised against formulas

  @Test("TSV cells starting with = + - @ are neutralised like CSV")
  func tsvNeutralised() throws {
    let cli = try ErrorTests().seeded()
    cli.ok(["member", "add", "dee", "--name", "=HYPERLINK(\"http://x\";\"y\")"])
    cli.ok(["log", "2", "--as", "ann", "--date", "2026-03-12", "--note", "@SUM(A1)"])
    cli.ok(["log", "2", "--as", "ann", "--date", "2026-03-13", "--note", "+1 for rain"])
    let members = cli.ok(["member", "list", "--format", "tsv"])
    #expect(members.contains("\t'=HYPERLINK") || members.contains("\n'=HYPERLINK"), "\(members)")
    #expect(!members.contains("\t=HYPERLINK") && !members.contains("\n=HYPERLINK"), "\(members)")
    let walks = cli.ok(["walks", "--format", "tsv"])
    #expect(walks.contains("'@SUM(A1)") && walks.contains("'+1 for rain"), "\(walks)")
    let output = cli.directory.appendingPathComponent("walks.tsv")
    cli.ok(["walks", "--output", output.path])
    let written = try String(contentsOf: output, encoding: .utf8)
    #expect(written.contains("'@SUM(A1)"), "\(written)")
    // A plain negative number stays a number
    let routes = cli.ok(["route", "show", "R", "--format", "tsv"])
    #expect(!routes.contains("'0") && !routes.contains("'-"), "\(routes)")
  }

  // MARK: - Names in NFC; bidirectional controls refused

  static let cafeComposed = "Caf\u{e9}"
  static let cafeDecomposed = "Cafe\u{301}"

  @Test("a name typed precomposed and decomposed is one team, route and goal")
  func nfcNames() throws {
    let cli = try ErrorTests().seeded()
    cli.ok(["team", "create", Self.cafeComposed, "--as", "cat"])
    oneErrorLine(cli.run(["team", "create", Self.cafeDecomposed, "--as", "cat"]), code: 65)
    oneErrorLine(cli.run(["team", "create", "CAFE\u{301}", "--as", "cat"]), code: 65)
    let shown = J.object(try cli.json(["team", "show", Self.cafeDecomposed]))
    #expect(J.string(shown["name"])?.unicodeScalars.count == 4, "\(shown)")

    cli.ok(["route", "create", Self.cafeDecomposed, "--waypoint", "0,0", "--waypoint", "0,1"])
    let route = J.object(try cli.json(["route", "show", Self.cafeComposed]))
    #expect(
      J.string(route["name"]).map { Array($0.unicodeScalars) }
        == Array(Self.cafeComposed.unicodeScalars))
    oneErrorLine(
      cli.run(["route", "create", Self.cafeComposed, "--waypoint", "0,0", "--waypoint", "0,2"]),
      code: 65)

    cli.ok([
      "goal", "create", Self.cafeDecomposed, "--team", Self.cafeComposed, "--distance", "5km",
      "--as", "cat",
    ])
    cli.ok(["goal", "show", Self.cafeComposed])
    oneErrorLine(
      cli.run([
        "goal", "create", Self.cafeComposed, "--team", Self.cafeDecomposed, "--distance", "5km",
        "--as", "cat",
      ]), code: 65)
  }

  @Test("member names are stored in NFC")
  func nfcMemberNames() throws {
    let cli = try ErrorTests().seeded()
    cli.ok(["member", "add", "dee", "--name", "Zoe\u{308}"])
    let member = J.object(try cli.json(["member", "show", "dee"]))
    let name = try #require(J.string(member["name"]))
    #expect(
      Array(name.unicodeScalars) == Array("Zo\u{eb}".unicodeScalars),
      "\(name.unicodeScalars.map(\.value))")
    cli.ok(["member", "edit", "dee", "--name", Self.cafeDecomposed])
    let edited = J.object(try cli.json(["member", "show", "dee"]))
    #expect(J.string(edited["name"]).map { $0.unicodeScalars.count } == 4)
  }

  @Test("a database holding a name that is not NFC still finds it and refuses a twin")
  func legacyDecomposedNames() throws {
    let cli = try ErrorTests().seeded()
    cli.ok(["team", "create", "Cafe", "--as", "cat"])
    try sql(
      cli,
      "UPDATE team SET name = 'Cafe' || char(769), nameKey = 'cafe' || char(769) WHERE nameKey = 'cafe'"
    )
    cli.ok(["team", "show", Self.cafeComposed])
    cli.ok(["team", "show", Self.cafeDecomposed])
    oneErrorLine(cli.run(["team", "create", Self.cafeComposed, "--as", "cat"]), code: 65)
  }

  @Test(
    "bidirectional controls are refused in names, notes and labels",
    arguments: ["\u{202e}", "\u{202a}", "\u{2066}", "\u{2069}", "\u{200f}", "\u{2028}"])
  func bidiRefused(_ mark: String) throws {
    let cli = try ErrorTests().seeded()
    let before = cli.dbBytes()
    let name = "ab\(mark)cd"
    let escaped = "\\u{\(String(mark.unicodeScalars.first!.value, radix: 16))}"
    oneErrorLine(cli.run(["team", "create", name, "--as", "cat"]), code: 65, mentions: escaped)
    oneErrorLine(cli.run(["member", "add", "dee", "--name", name]), code: 65, mentions: escaped)
    oneErrorLine(cli.run(["member", "edit", "ann", "--name", name]), code: 65, mentions: escaped)
    oneErrorLine(cli.run(["log", "2", "--as", "ann", "--note", name]), code: 65, mentions: escaped)
    oneErrorLine(cli.run(["walks", "edit", "1", "--note", name]), code: 65, mentions: escaped)
    oneErrorLine(
      cli.run(["route", "create", name, "--waypoint", "0,0", "--waypoint", "0,1"]), code: 65)
    oneErrorLine(
      cli.run(["route", "create", "R2", "--waypoint", "0,0,\(name)", "--waypoint", "0,1"]),
      code: 65)
    oneErrorLine(
      cli.run(["goal", "create", name, "--team", "Kiwis", "--distance", "5km", "--as", "ann"]),
      code: 65)
    #expect(cli.dbBytes() == before)
  }

  @Test("import all refuses names and notes with bidi or control characters, imports nothing")
  func importAllNames() throws {
    let cli = try ErrorTests().seeded()
    let export = cli.ok(["export", "all", "--format", "json"])
    for (section, field, value) in [
      ("teams", "name", "Ki\u{202e}wis"), ("members", "name", "A\u{1b}[2Jnn"),
      ("walks", "note", "gpj.\u{202e}exe"),
    ] {
      var document = try #require(
        try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any])
      var rows = J.array(document[section]).map(J.object)
      rows[0][field] = value
      document[section] = rows
      if section == "teams" {
        // the memberships and goals name the team
        document["memberships"] = J.array(document["memberships"]).map(J.object).map {
          var row = $0
          row["team"] = value
          return row
        }
        document["goals"] = J.array(document["goals"]).map(J.object).map {
          var row = $0
          row["teams"] = [value]
          return row
        }
      }
      let file = cli.directory.appendingPathComponent("all-\(section).json")
      try JSONSerialization.data(withJSONObject: document).write(to: file)
      let result = cli.run(["import", "all", file.path], removing: ["MILEQUEST_DB"])
      #expect(result.code == 65, "\(section): \(result.stderr)")
      #expect(!result.stderr.contains(Self.esc), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
      let members = cli.run(["member", "list", "--format", "json"], removing: ["MILEQUEST_DB"])
      #expect(
        members.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]" || members.code != 0,
        "something was imported: \(members.stdout)")
    }
  }

  @Test("import all refuses two teams whose names differ only in Unicode spelling")
  func importAllTwinNames() throws {
    let cli = try ErrorTests().seeded()
    let export = cli.ok(["export", "all", "--format", "json"])
    var document = try #require(
      try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any])
    var teams = J.array(document["teams"]).map(J.object)
    var twin = teams[0]
    twin["name"] = Self.cafeDecomposed
    teams.append(twin)
    twin["name"] = Self.cafeComposed
    teams.append(twin)
    document["teams"] = teams
    let file = cli.directory.appendingPathComponent("twins.json")
    try JSONSerialization.data(withJSONObject: document).write(to: file)
    let result = cli.run(["import", "all", file.path], removing: ["MILEQUEST_DB"])
    // import all's own check names the second spelling first (the store would say "already
    // exists" had it got that far).
    oneErrorLine(result, code: 65, mentions: "teams[2]: team 'Café' appears twice")
  }

  @Test("an e-mail address with bidi or control characters is refused")
  func emailRefused() throws {
    let cli = try ErrorTests().seeded()
    oneErrorLine(cli.run(["member", "add", "dee", "--email", "a\u{202e}@x.org"]), code: 65)
    oneErrorLine(cli.run(["member", "edit", "ann", "--email", "a@x\u{85}.org"]), code: 65)
  }

  @Test("a GPX route whose point names hold bidi or control characters is refused")
  func gpxLabelsValidated() throws {
    let cli = try ErrorTests().seeded()
    let file = cli.directory.appendingPathComponent("r.gpx")
    try Data(
      """
      <gpx version="1.1"><rte><rtept lat="0" lon="0"><name>a\u{202e}b</name></rtept>\
      <rtept lat="0" lon="1"><name>end</name></rtept></rte></gpx>
      """.utf8
    ).write(to: file)
    let before = cli.dbBytes()
    oneErrorLine(
      cli.run(["route", "create", "G1", "--gpx", file.path]), code: 65, mentions: "\\u{202e}")
    #expect(cli.dbBytes() == before)
  }

  // MARK: - Captain powers end with removal or leaving

  @Test("a removed captain cannot act as captain any more")
  func removedCaptain() throws {
    // Given bob promoted, so that ann is not the last captain, then ann removed
    let cli = try ErrorTests().seeded()
    cli.ok(["team", "promote", "Kiwis", "bob", "--as", "ann"])
    cli.ok(["member", "remove", "ann"])
    let before = cli.dbBytes()

    // When / Then
    oneErrorLine(cli.run(["team", "add", "Kiwis", "cat", "--as", "ann"]), code: 77)
    oneErrorLine(cli.run(["team", "demote", "Kiwis", "bob", "--as", "ann"]), code: 77)
    oneErrorLine(cli.run(["team", "remove", "Kiwis", "bob", "--as", "ann"]), code: 77)
    oneErrorLine(cli.run(["goal", "cancel", "G", "--as", "ann"]), code: 77)
    oneErrorLine(
      cli.run(["goal", "create", "G2", "--team", "Kiwis", "--distance", "5km", "--as", "ann"]),
      code: 77)
    #expect(cli.dbBytes() == before)
    cli.ok(["team", "add", "Kiwis", "cat", "--as", "bob"])
  }

  @Test("a captain who left a team is not its captain any more")
  func leftCaptain() throws {
    let cli = try ErrorTests().seeded()
    cli.ok(["team", "promote", "Kiwis", "bob", "--as", "ann"])
    cli.ok(["team", "leave", "Kiwis", "--as", "ann"])
    let before = cli.dbBytes()
    oneErrorLine(cli.run(["team", "add", "Kiwis", "cat", "--as", "ann"]), code: 77)
    oneErrorLine(cli.run(["goal", "cancel", "G", "--as", "ann"]), code: 77)
    #expect(cli.dbBytes() == before)
  }

  // MARK: - A mistyped command is named

  @Test("a mistyped command after a global option is named, with a suggestion")
  func mistypedCommand() throws {
    let cli = try ErrorTests().seeded()
    oneErrorLine(
      cli.run(["--unit", "km", "leaderbord"]), code: 64,
      mentions: "unknown command 'leaderbord'; did you mean 'leaderboard'?")
    oneErrorLine(
      cli.run(["--db", cli.databasePath, "--as", "ann", "lgo", "3"]), code: 64,
      mentions: "did you mean 'log'?")
    oneErrorLine(
      cli.run(["team", "ad", "Kiwis", "cat", "--as", "ann"]), code: 64,
      mentions: "unknown command 'team ad'; did you mean 'team add'?")
    oneErrorLine(
      cli.run(["--format", "json", "walks", "delte", "1"]), code: 64,
      mentions: "did you mean 'walks delete'?")
    let far = cli.run(["--unit", "km", "frobnicate"])
    oneErrorLine(far, code: 64, mentions: "unknown command 'frobnicate'")
    #expect(!far.stderr.contains("--unit"), "\(far.stderr)")
    // Known commands with a bad option still blame the option, and suggest a close one
    oneErrorLine(cli.run(["leaderboard", "--frob"]), code: 64, mentions: "--frob")
    oneErrorLine(
      cli.run(["leaderboard", "--tema", "Kiwis"]), code: 64,
      mentions: "unknown option '--tema'; did you mean '--team'?")
    oneErrorLine(
      cli.run(["--unti", "km", "member", "list"]), code: 64, mentions: "did you mean '--unit'?")
  }

  @Test("help for a mistyped command names it instead of showing the root's help")
  func mistypedCommandHelp() throws {
    let cli = try ErrorTests().seeded()
    oneErrorLine(
      cli.run(["help", "leaderbord"]), code: 64,
      mentions: "unknown command 'leaderbord'; did you mean 'leaderboard'?")
    oneErrorLine(cli.run(["leaderbord", "--help"]), code: 64, mentions: "'leaderboard'")
    oneErrorLine(cli.run(["team", "ad", "-h"]), code: 64, mentions: "'team add'")
    #expect(cli.run(["help", "team", "add"]).code == 0)
    #expect(cli.run(["leaderboard", "--help"]).code == 0)
  }

  @Test("a bad choice lists the choices on the same line")
  func badChoiceListsChoices() throws {
    let cli = try ErrorTests().seeded()
    let result = cli.run(["export", "walsk"])
    oneErrorLine(result, code: 64, mentions: "'walsk'")
    #expect(
      result.stderr.contains("walks") && result.stderr.contains("members"), "\(result.stderr)")
  }

  @Test("the shell names a mistyped command too")
  func mistypedCommandInShell() throws {
    let cli = try ErrorTests().seeded()
    let result = cli.run(["shell"], stdin: "--unit km leaderbord\n")
    #expect(result.code == 64, "\(result.stderr)")
    #expect(
      result.stderr.contains("unknown command 'leaderbord'; did you mean 'leaderboard'?"),
      "\(result.stderr)")
    let help = cli.run(["shell"], stdin: "help leaderbord\n")
    #expect(help.code == 64, "\(help.stderr)")
    #expect(help.stderr.contains("did you mean 'leaderboard'?"), "\(help.stderr)")
    let nested = cli.run(["shell"], stdin: "team ad Kiwis cat --as ann\n")
    #expect(nested.code == 64)
    #expect(nested.stderr.contains("did you mean 'team add'?"), "\(nested.stderr)")
  }

  // MARK: - Config errors name the right line

  static let badConfigs: [(text: String, line: Int, mentions: String)] = [
    ("database = \"x.db\"\ndata = \"y\"\n", 2, "'data'"),
    ("# unit = \"km\"\nunits = \"km\"\n", 2, "'units'"),
    ("member = \"ann\"\n\n\"unit\" = \"furlong\"\n", 3, "furlong"),
    ("member = \"\"\"\nunit = 1\n\"\"\"\nunit = 5\n", 1, "one-line"),
    ("member = 'ann\nunit = \"km\"\n", 1, "unterminated"),
    ("unit = \"km\" \"mi\"\n", 1, "after the value"),
    ("member = \"ann\"\n\n[unit]\nx = \"y\"\n", 3, "'[unit]'"),
    ("member = \"unit\"\ncolor = \"blue\"\nunit = \"km\"\n", 2, "blue"),
    ("unit = \"km\"\nweek_start = \"friday\"\ncolor = \"pink\"\n", 2, "friday"),
    ("  week_start   =  \"x\"\n", 1, "'x'"),
    ("a.b = \"c\"\n", 1, "'a'"),
    ("member = \"ann\"\r\n\r\nunit = \"x\"\r\n", 3, "'x'"),
    ("member = \"ann\" # unit = 5\nunit = 5\n", 2, "'unit'"),
  ]

  @Test("config errors name the line of the bad key", arguments: 0..<badConfigs.count)
  func configLines(_ index: Int) throws {
    let (text, line, mentions) = Self.badConfigs[index]
    let cli = try ErrorTests().seeded()
    let file = cli.directory.appendingPathComponent("c.toml")
    try Data(text.utf8).write(to: file)
    let result = cli.run(["member", "list"], env: ["MILEQUEST_CONFIG": file.path])
    oneErrorLine(result, code: 78, mentions: "c.toml:\(line):")
    #expect(result.stderr.contains(mentions), "\(result.stderr)")
  }

  // MARK: - Negative numbers are bad data

  @Test("a negative distance is bad data (65), whatever its form and position")
  func negativeDistance() throws {
    let cli = try ErrorTests().seeded()
    let before = cli.dbBytes()
    oneErrorLine(cli.run(["log", "-3", "--as", "ann"]), code: 65, mentions: "'-3'")
    oneErrorLine(cli.run(["log", "-3mi", "--as", "ann"]), code: 65, mentions: "'-3mi'")
    oneErrorLine(cli.run(["--as", "ann", "log", "-2.5km"]), code: 65, mentions: "'-2.5km'")
    oneErrorLine(cli.run(["log", "--as", "ann", "-.5"]), code: 65, mentions: "'-.5'")
    oneErrorLine(
      cli.run(["log", "-3", "--as", "ann", "--date", "-3d"]), code: 65, mentions: "'-3'")
    oneErrorLine(cli.run(["walks", "delete", "-1"]), code: 65, mentions: "-1")
    oneErrorLine(cli.run(["walks", "edit", "-1", "--distance", "2"]), code: 65, mentions: "-1")
    oneErrorLine(cli.run(["walks", "delete", "0"]), code: 65, mentions: "0")
    #expect(cli.dbBytes() == before)
    let shell = cli.run(["shell"], stdin: "log -3 --as ann\n")
    #expect(shell.code == 65, "\(shell.stderr)")
    // An option's value may still be negative-looking
    cli.ok(["log", "2", "--as", "ann", "--date", "-3d"])
  }

  // MARK: - Plurals

  @Test("counts agree with their number")
  func plurals() throws {
    let cli = try ErrorTests().seeded()
    let file = cli.directory.appendingPathComponent("one.csv")
    try Data("member,date,distance\nann,2026-03-11,3\n".utf8).write(to: file)
    let imported = cli.ok(["import", "walks", file.path])
    #expect(imported.contains("imported 1 walk "), "\(imported)")
    let stats = cli.ok(["stats", "--member", "ann"])
    #expect(!stats.contains("1 days"), "\(stats)")
    cli.ok(["team", "create", "Solo", "--max-members", "1", "--as", "cat"])
    let solo = cli.ok(["team", "show", "Solo"])
    #expect(solo.contains("(max 1 member)"), "\(solo)")
    cli.ok([
      "goal", "create", "Soon", "--team", "Solo", "--distance", "5km", "--end", "2026-03-15",
      "--as", "cat",
    ])
    let progress = cli.ok(["goal", "show", "Soon"])
    #expect(progress.contains("1 day left"), "\(progress)")
    #expect(!progress.contains("1 days"), "\(progress)")
  }

  @Test("a one-day streak reads '1 day'")
  func streakOfOneDay() throws {
    let cli = try ErrorTests().seeded()
    cli.ok(["log", "2", "--as", "cat", "--date", "2026-03-15"])
    let stats = cli.ok(["stats", "--member", "cat"])
    #expect(stats.contains("1 day"), "\(stats)")
    #expect(!stats.contains("1 days"), "\(stats)")
  }

  // MARK: - A route of length zero is refused

  @Test("a route of length zero is refused on every entrance")
  func zeroLengthRoutes() throws {
    let cli = try ErrorTests().seeded()
    let before = cli.dbBytes()
    oneErrorLine(
      cli.run([
        "route", "create", "Z", "--waypoint", "1,1", "--waypoint", "1,1", "--waypoint", "1,1",
      ]),
      code: 65)
    oneErrorLine(
      cli.run(["route", "create", "Z", "--waypoint", "1,180", "--waypoint", "1,-180"]), code: 65)
    oneErrorLine(
      cli.run(["route", "create", "Z", "--waypoint", "1,1", "--waypoint", "1,1.0000000001"]),
      code: 65)
    let gpx = cli.directory.appendingPathComponent("z.gpx")
    try Data(
      """
      <gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="1"/><trkpt lat="1" lon="1"/>\
      </trkseg></trk></gpx>
      """.utf8
    ).write(to: gpx)
    oneErrorLine(cli.run(["route", "create", "Z", "--gpx", gpx.path]), code: 65)
    let geojson = cli.directory.appendingPathComponent("z.geojson")
    try Data(#"{"type":"LineString","coordinates":[[1,1],[1,1]]}"#.utf8).write(to: geojson)
    oneErrorLine(cli.run(["route", "create", "Z", "--geojson", geojson.path]), code: 65)
    #expect(cli.dbBytes() == before)
  }

  @Test("import all refuses a route of length zero")
  func zeroLengthRouteInImportAll() throws {
    let cli = try ErrorTests().seeded()
    let export = cli.ok(["export", "all", "--format", "json"])
    var document = try #require(
      try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any])
    var routes = J.array(document["routes"]).map(J.object)
    routes[0]["points"] = [["lat": 1.0, "lon": 1.0], ["lat": 1.0, "lon": 1.0]]
    document["routes"] = routes
    let file = cli.directory.appendingPathComponent("all.json")
    try JSONSerialization.data(withJSONObject: document).write(to: file)
    // Into the default database (under HOME, the test's directory): a new, empty one
    let result = cli.run(["import", "all", file.path], removing: ["MILEQUEST_DB"])
    #expect(result.code == 65, "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }
}
