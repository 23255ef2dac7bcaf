import Foundation
import Testing

/// Issue 12, "setting up and correcting": a walk that counts for nothing is reported with its
/// fix, join and leave dates can be moved, teams can be edited, and the full-team hint names
/// a real command.
@Suite("End to end: setting up and correcting a challenge")
struct ChallengeSetupTests {
  /// Wednesday 2026-12-09: the organiser sets the team up today.
  static let wednesday = "2026-12-09"

  /// ann creates "Fast Feet" today and adds ben; goal Quest (100 km) from Monday 12-07.
  static func midWeek() throws -> CLI {
    let cli = try CLI(today: wednesday)
    for command in [
      ["member", "add", "ann"], ["member", "add", "ben"], ["member", "add", "cat"],
      ["team", "create", "Fast Feet", "--as", "ann"],
      ["team", "add", "Fast Feet", "ben", "--as", "ann"],
      [
        "goal", "create", "Quest", "--team", "Fast Feet", "--distance", "100km", "--start",
        "2026-12-07", "--as", "ann",
      ],
    ] {
      cli.ok(command)
    }
    return cli
  }

  /// Splits a printed command the way a POSIX shell would (double and single quotes).
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    for character in line {
      if let open = quote {
        if character == open { quote = nil } else { word.append(character) }
      } else if character == "\"" || character == "'" {
        quote = character
        inWord = true
      } else if character == " " {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(character)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// The fix a warning names: the arguments after "milequest".
  static func fix(in warning: String) -> [String]? {
    guard let range = warning.range(of: ": milequest ") else { return nil }
    let rest = warning[range.upperBound...].prefix { $0 != "\n" }
    return words(String(rest))
  }

  static func done(_ cli: CLI, goal: String = "Quest") throws -> Double {
    J.double(J.object(try cli.json(["progress", goal, "--as", "ann"]))["done_m"]) ?? -1
  }

  static func check(_ cli: CLI, sourceLocation: SourceLocation = #_sourceLocation) {
    let result = cli.run(["check"])
    #expect(result.code == 0, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.hasPrefix("ok"), "\(result.stdout)", sourceLocation: sourceLocation)
  }

  // MARK: The warning

  @Test("a team set up mid-week: earlier walks warn with the fix, and count once it is run")
  func midWeekSetUp() throws {
    let cli = try Self.midWeek()
    let monday = cli.run(["log", "3km", "--member", "ben", "--date", "2026-12-07", "--as", "ann"])
    #expect(monday.code == 0)
    #expect(monday.stdout.contains("logged walk"))
    #expect(
      monday.stderr
        == "milequest: warning: ben's walk of 2026-12-07 counts for no team: ben joined Fast Feet "
        + "on 2026-12-09; to count earlier walks: milequest team add \"Fast Feet\" ben --since "
        + "2026-12-07\n")
    let tuesday = cli.run(["log", "4km", "--member", "ben", "--date", "2026-12-08", "--as", "ann"])
    #expect(tuesday.stderr.contains("--since 2026-12-08"))
    #expect(try Self.done(cli) == 0)
    // Run the fix of the first warning, as printed.
    let fix = try #require(Self.fix(in: monday.stderr))
    #expect(fix == ["team", "add", "Fast Feet", "ben", "--since", "2026-12-07"])
    let moved = cli.ok(fix + ["--as", "ann"])
    #expect(moved.contains("moved ben's join to Fast Feet from 2026-12-09 to 2026-12-07"))
    #expect(try Self.done(cli) == 7000)
    Self.check(cli)
    // A walk that counts says nothing.
    let counted = cli.run(["log", "1km", "--member", "ben", "--date", "2026-12-08", "--as", "ann"])
    #expect(counted.code == 0 && counted.stderr == "")
  }

  @Test("the warning goes to stderr with --quiet and --format json, and exits 0")
  func warningWhateverTheOutput() throws {
    let cli = try Self.midWeek()
    let quiet = cli.run([
      "log", "3km", "--member", "ben", "--date", "2026-12-07", "--quiet", "--as", "ann",
    ])
    #expect(quiet.code == 0 && quiet.stdout == "")
    #expect(
      quiet.stderr.hasPrefix("milequest: warning: ben's walk of 2026-12-07 counts for no team"))
    let json = cli.run([
      "log", "3km", "--member", "ben", "--date", "2026-12-07", "--format", "json", "--as", "ann",
    ])
    #expect(json.code == 0)
    #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
    #expect(json.stderr.contains("counts for no team"))
    let dry = cli.run([
      "log", "3km", "--member", "ben", "--date", "2026-12-07", "--dry-run", "--as", "ann",
    ])
    #expect(dry.code == 0 && dry.stdout.contains("would log"))
    #expect(dry.stderr.contains("counts for no team"))
  }

  @Test("why a walk counts for nothing: no team, after leaving, before a goal's start")
  func everyReason() throws {
    let cli = try Self.midWeek()
    // cat is in no team while a team exists.
    let cat = cli.run(["log", "2km", "--as", "cat"])
    #expect(cat.code == 0)
    #expect(
      cat.stderr
        == "milequest: warning: cat's walk of 2026-12-09 counts for no team: cat is in no team; "
        + "to count walks, a captain adds them: milequest team add TEAM cat --since 2026-12-09\n")
    // ben left on 12-08 (ran after the fact): his walk of 12-08 counts for nothing.
    cli.ok(["team", "add", "Fast Feet", "ben", "--since", "2026-12-01", "--as", "ann"])
    cli.ok(["team", "remove", "Fast Feet", "ben", "--on", "2026-12-08", "--as", "ann"])
    let left = cli.run(["log", "2km", "--member", "ben", "--date", "2026-12-08", "--as", "ann"])
    #expect(
      left.stderr
        == "milequest: warning: ben's walk of 2026-12-08 counts for no team: ben left Fast Feet on "
        + "2026-12-08; to count later walks: milequest team remove \"Fast Feet\" ben --on "
        + "2026-12-09\n")
    // A walk before the goal's start that counts for the team: counts for no goal.
    let early = cli.run(["log", "2km", "--member", "ben", "--date", "2026-12-03", "--as", "ann"])
    #expect(
      early.stderr
        == "milequest: warning: ben's walk of 2026-12-03 counts for no goal: goal Quest starts on "
        + "2026-12-07; to count earlier walks: milequest goal edit Quest --start 2026-12-03\n")
    // Fix the leave date as told: the walk of 12-08 counts.
    let fix = try #require(Self.fix(in: left.stderr))
    cli.ok(fix + ["--as", "ann"])
    #expect(try Self.done(cli) == 2000)
    Self.check(cli)
  }

  @Test("no warning for walks in a database without teams (personal use)")
  func noTeamsNoWarning() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let result = cli.run(["log", "2km", "--as", "ann"])
    #expect(result.code == 0 && result.stderr == "")
  }

  @Test(
    "import walks: one line per member and reason, however many rows; nothing for walks that count")
  func importWarnings() throws {
    let cli = try Self.midWeek()
    var csv = "member,date,distance\n"
    for day in 1...8 { csv += "ben,2026-12-0\(day),1km\n" }
    for day in 1...8 { csv += "cat,2026-12-0\(day),1km\n" }
    csv += "ben,2026-12-09,1km\n"
    let file = try cli.write("walks.csv", csv)
    let result = cli.run(["import", "walks", file])
    #expect(result.code == 0)
    #expect(result.stdout.contains("imported 17 walks"))
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "milequest: warning: 8 walks of ben (2026-12-01 to 2026-12-08) count for no team: ben "
          + "joined Fast Feet on 2026-12-09; to count earlier walks: milequest team add \"Fast Feet\" "
          + "ben --since 2026-12-01",
        "milequest: warning: 6 walks of ben (2026-12-01 to 2026-12-06) count for no team, nor for "
          + "its goal: goal Quest starts on 2026-12-07; to count earlier walks: milequest goal edit "
          + "Quest --start 2026-12-01",
        "milequest: warning: 8 walks of cat (2026-12-01 to 2026-12-08) count for no team: cat is "
          + "in no team; to count walks, a captain adds them: milequest team add TEAM cat --since "
          + "2026-12-01",
      ])
    // --quiet still warns; the dry run too.
    let again = cli.run(["import", "walks", file, "--quiet", "--dry-run"])
    #expect(again.code == 0 && again.stdout == "")
    #expect(again.stderr.split(separator: "\n").count == 3)
  }

  @Test("import gpx warns about a track dated before the join")
  func gpxWarning() throws {
    let cli = try Self.midWeek()
    let gpx = """
      <?xml version="1.0"?>
      <gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
      <trkpt lat="51.5" lon="-0.1"><time>2026-12-07T08:00:00Z</time></trkpt>
      <trkpt lat="51.51" lon="-0.1"><time>2026-12-07T08:15:00Z</time></trkpt>
      </trkseg></trk></gpx>
      """
    let file = try cli.write("monday.gpx", gpx)
    let result = cli.run(["import", "gpx", file, "--member", "ben"])
    #expect(result.code == 0)
    #expect(
      result.stderr
        == "milequest: warning: ben's walk of 2026-12-07 counts for no team: ben joined Fast Feet "
        + "on 2026-12-09; to count earlier walks: milequest team add \"Fast Feet\" ben --since "
        + "2026-12-07\n")
  }

  // MARK: Moving join and leave dates

  @Test("team add --since moves the join date: dry run, undo, check, every period shown")
  func moveJoin() throws {
    let cli = try Self.midWeek()
    cli.ok(["log", "3km", "--member", "ben", "--date", "2026-12-08", "--as", "ann"])
    let before = cli.dbBytes()
    let dry = cli.ok([
      "team", "add", "Fast Feet", "ben", "--since", "2026-12-08", "--dry-run", "--as", "ann",
    ])
    #expect(dry.contains("would move ben's join to Fast Feet from 2026-12-09 to 2026-12-08"))
    #expect(cli.dbBytes() == before)
    cli.ok(["team", "add", "Fast Feet", "ben", "--since", "2026-12-08", "--as", "ann"])
    #expect(try Self.done(cli) == 3000)
    Self.check(cli)
    #expect(cli.ok(["undo"]).contains("undid"))
    #expect(try Self.done(cli) == 0)
    Self.check(cli)
    // Periods: ben [12-01, 12-04), then from 12-06; team show lists both with their dates.
    cli.ok(["team", "add", "Fast Feet", "ben", "--since", "2026-12-01", "--as", "ann"])
    cli.ok(["team", "remove", "Fast Feet", "ben", "--on", "2026-12-04", "--as", "ann"])
    cli.ok(["team", "add", "Fast Feet", "ben", "--since", "2026-12-06", "--as", "ann"])
    let rows = J.array(J.object(try cli.json(["team", "show", "Fast Feet"]))["memberships"])
      .map(J.object).filter { J.string($0["member"]) == "ben" }
    #expect(rows.map { J.string($0["joined"]) } == ["2026-12-01", "2026-12-06"])
    #expect(rows.map { J.string($0["left"]) } == ["2026-12-04", nil])
    let table = cli.ok(["team", "show", "Fast Feet"])
    #expect(table.contains("joined") && table.contains("left"))
    #expect(table.contains("2026-12-01  2026-12-04"))
    // Overlapping the earlier period: 65, nothing changed.
    let unchanged = cli.dbBytes()
    let overlap = cli.run([
      "team", "add", "Fast Feet", "ben", "--since", "2026-12-03", "--as", "ann",
    ])
    #expect(overlap.code == 65)
    #expect(overlap.stderr.hasPrefix("milequest: error: ") && overlap.stderr.contains("overlap"))
    #expect(cli.dbBytes() == unchanged)
    // Right after it: fine.
    cli.ok(["team", "add", "Fast Feet", "ben", "--since", "2026-12-04", "--as", "ann"])
    Self.check(cli)
    // Not a captain: 77.
    #expect(
      cli.run(["team", "add", "Fast Feet", "ben", "--since", "2026-12-05", "--as", "ben"]).code
        == 77)
    // Without --since: still "already in the team", naming the fix.
    let already = cli.run(["team", "add", "Fast Feet", "ben", "--as", "ann"])
    #expect(already.code == 65)
    #expect(already.stderr.contains("milequest team add \"Fast Feet\" ben --since DATE"))
  }

  @Test("a join date on or after the leave date is refused (65)")
  func joinAfterLeave() throws {
    let cli = try Self.midWeek()
    cli.ok(["team", "remove", "Fast Feet", "ben", "--on", "2026-12-20", "--as", "ann"])
    let unchanged = cli.dbBytes()
    let result = cli.run([
      "team", "add", "Fast Feet", "ben", "--since", "2026-12-20", "--as", "ann",
    ])
    #expect(result.code == 65)
    #expect(result.stderr.contains("must be before"))
    #expect(cli.dbBytes() == unchanged)
  }

  @Test("team remove --on on a member who left moves the leave date: dry run, undo, check")
  func moveLeave() throws {
    let cli = try Self.midWeek()
    cli.ok(["team", "add", "Fast Feet", "ben", "--since", "2026-12-01", "--as", "ann"])
    cli.ok(["log", "5km", "--member", "ben", "--date", "2026-12-07", "--as", "ann"])
    cli.ok(["team", "remove", "Fast Feet", "ben", "--on", "2026-12-07", "--as", "ann"])
    #expect(try Self.done(cli) == 0)
    let before = cli.dbBytes()
    let dry = cli.ok([
      "team", "remove", "Fast Feet", "ben", "--on", "2026-12-08", "--dry-run", "--as", "ann",
    ])
    #expect(dry.contains("would move ben's leave from Fast Feet from 2026-12-07 to 2026-12-08"))
    #expect(cli.dbBytes() == before)
    cli.ok(["team", "remove", "Fast Feet", "ben", "--on", "2026-12-08", "--as", "ann"])
    #expect(try Self.done(cli) == 5000)
    Self.check(cli)
    cli.ok(["undo"])
    #expect(try Self.done(cli) == 0)
    Self.check(cli)
    // Before the join: 65, unchanged.
    let unchanged = cli.dbBytes()
    let early = cli.run(["team", "remove", "Fast Feet", "ben", "--on", "2026-11-30", "--as", "ann"])
    #expect(early.code == 65)
    #expect(cli.dbBytes() == unchanged)
    // team leave --on moves one's own leave date the same way.
    let own = cli.ok(["team", "leave", "Fast Feet", "--on", "2026-12-08", "--as", "ben"])
    #expect(own.contains("moved your leave from Fast Feet from 2026-12-07 to 2026-12-08"))
    #expect(try Self.done(cli) == 5000)
    cli.ok(["undo"])
    // Without --on: the member already left; the message names the fix.
    let again = cli.run(["team", "remove", "Fast Feet", "ben", "--as", "ann"])
    #expect(again.code == 65)
    #expect(again.stderr.contains("already left") && again.stderr.contains("--on DATE"))
  }

  // MARK: team edit

  @Test("team edit renames and keeps history, exports, progress and milestones; undo; dry run")
  func renameKeepsHistory() throws {
    let cli = try Self.midWeek()
    cli.ok(["team", "add", "Fast Feet", "ben", "--since", "2026-12-07", "--as", "ann"])
    cli.ok(["log", "30km", "--member", "ben", "--date", "2026-12-08", "--as", "ann"])
    let progress = J.object(try cli.json(["progress", "Quest", "--as", "ann"]))
    let reached = J.array(progress["milestones"]).map { J.string(J.object($0)["reached_on"]) }
    let before = cli.dbBytes()
    let dry = cli.ok([
      "team", "edit", "Fast Feet", "--name", "Swift Soles", "--dry-run", "--as", "ann",
    ])
    #expect(dry.contains("would edit team Swift Soles"))
    #expect(cli.dbBytes() == before)
    cli.ok([
      "team", "edit", "fast feet", "--name", "Swift Soles", "--description", "we walk",
      "--max-members", "5", "--as", "ann",
    ])
    let team = J.object(try cli.json(["team", "show", "Swift Soles"]))
    #expect(J.string(team["description"]) == "we walk" && J.int(team["max_members"]) == 5)
    #expect(J.array(team["memberships"]).count == 2)
    #expect(J.array(team["goals"]).compactMap(J.string) == ["Quest"])
    let after = J.object(try cli.json(["progress", "Quest", "--as", "ann"]))
    #expect(J.double(after["done_m"]) == 30000)
    #expect(J.array(after["milestones"]).map { J.string(J.object($0)["reached_on"]) } == reached)
    #expect(cli.ok(["export", "goals", "--format", "csv"]).contains("Swift Soles"))
    #expect(cli.ok(["export", "memberships", "--format", "csv"]).contains("Swift Soles,ben"))
    #expect(cli.ok(["leaderboard", "--teams"]).contains("Swift Soles"))
    #expect(cli.run(["team", "show", "Fast Feet"]).code == 67)
    cli.ok(["undo"])
    #expect(J.string(J.object(try cli.json(["team", "show", "Fast Feet"]))["name"]) == "Fast Feet")
    Self.check(cli)
  }

  @Test(
    "team edit refusals: not a captain 77, duplicate or bad name 65, limit below the count 65, nothing to do 64"
  )
  func editRefusals() throws {
    let cli = try Self.midWeek()
    cli.ok(["team", "create", "Owls", "--as", "cat"])
    let unchanged = cli.dbBytes()
    let cases: [([String], Int32, String)] = [
      (["team", "edit", "Fast Feet", "--name", "X", "--as", "ben"], 77, "not a captain"),
      (["team", "edit", "Fast Feet", "--name", "OWLS", "--as", "ann"], 65, "Owls"),
      (["team", "edit", "Fast Feet", "--name", "a\u{1}b", "--as", "ann"], 65, "control"),
      (
        ["team", "edit", "Fast Feet", "--name", String(repeating: "x", count: 61), "--as", "ann"],
        65, "1-60"
      ),
      (["team", "edit", "Fast Feet", "--name", "  ", "--as", "ann"], 65, "1-60"),
      (["team", "edit", "Fast Feet", "--max-members", "1", "--as", "ann"], 65, "has 2 members"),
      (["team", "edit", "Fast Feet", "--max-members", "0", "--as", "ann"], 65, "max members"),
      (["team", "edit", "Fast Feet", "--as", "ann"], 64, "--name"),
      (["team", "edit", "Nope", "--name", "Y", "--as", "ann"], 67, "Nope"),
    ]
    for (command, code, text) in cases {
      let result = cli.run(command)
      #expect(result.code == code, "\(command) → \(result.stderr)")
      #expect(
        result.stderr.hasPrefix("milequest: error: ") && result.stderr.contains(text),
        "\(command) → \(result.stderr)")
      #expect(cli.dbBytes() == unchanged, "\(command) changed the database")
    }
    // The same limit as the member count is fine; changing nothing leaves no undo step.
    cli.ok(["team", "edit", "Fast Feet", "--max-members", "2", "--as", "ann"])
    #expect(
      cli.ok(["team", "edit", "Fast Feet", "--max-members", "2", "--as", "ann"]).contains(
        "unchanged"))
    #expect(cli.ok(["undo"]).contains("edit team"))
  }

  // MARK: The full-team hint

  @Test("the full-team hint names a command that exists, and running it makes room")
  func fullTeamHint() throws {
    let cli = try Self.midWeek()
    cli.ok(["team", "edit", "Fast Feet", "--max-members", "2", "--as", "ann"])
    let full = cli.run(["team", "add", "Fast Feet", "cat", "--as", "ann"])
    #expect(full.code == 65)
    #expect(full.stderr.contains("milequest team edit \"Fast Feet\" --max-members N"))
    let hint = try #require(
      full.stderr.range(of: "milequest team edit \"Fast Feet\" --max-members N"))
    var fix = Self.words(String(full.stderr[hint].dropFirst("milequest ".count)))
    fix[fix.count - 1] = "3"
    cli.ok(fix + ["--as", "ann"])
    cli.ok(["team", "add", "Fast Feet", "cat", "--as", "ann"])
  }
}
