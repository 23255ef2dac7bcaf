import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// `import walks` on PostgreSQL sends walks in batches (`PostgresWalkBatch`): the same walks,
/// ids, running totals, duplicates and undo as the SQLite import of the same file.
@Suite("PostgreSQL: batched walk imports", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresBulkImportTests {
  static let today = "2026-11-20"

  /// 40 members in 4 teams (one joins late, one leaves), on both back ends.
  static let setup: [[String]] = {
    var commands: [[String]] = []
    for index in 0..<40 { commands.append(["member", "add", String(format: "m%02d", index)]) }
    for team in 0..<4 {
      let captain = String(format: "m%02d", team * 10)
      commands.append(["team", "create", "T\(team)", "--as", captain, "--since", "2026-01-01"])
      let others = (1..<10).map { String(format: "m%02d", team * 10 + $0) }
        .filter { $0 != "m19" }
      commands.append(
        ["team", "add", "T\(team)"] + others + ["--as", captain, "--since", "2026-01-01"])
    }
    commands.append(["team", "add", "T1", "m19", "--as", "m10", "--since", "2026-04-15"])
    commands.append(["team", "leave", "T2", "--as", "m29", "--on", "2026-10-01"])
    return commands
  }()

  /// `rows` walks over 2026 up to `today`, deterministic; every 97th row repeats the one
  /// before (the n-th identical row rule), some with duration, steps or a note.
  static func csv(rows: Int, seed: Int = 0) -> String {
    var lines = ["member,date,distance_m,duration_s,steps,note"]
    var previous = ""
    for index in 0..<rows {
      if index % 97 == 96 {
        lines.append(previous)
        continue
      }
      let n = index + seed * 1_000_003
      let member = String(format: "m%02d", (n * 7) % 40)
      let day = 1 + (n * 13) % 323  // 2026-01-01 … 2026-11-20
      let date = Calendar(identifier: .gregorian).date(
        from: DateComponents(
          timeZone: TimeZone(identifier: "UTC"), year: 2026, month: 1, day: day))!
      let text = ISO8601DateFormatter.string(
        from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
      let metres = String(format: "%.3f", 300 + Double((n * 7919) % 15_000) + 0.001 * Double(n % 7))
      let duration = n % 3 == 0 ? String(60 + n % 5000) : ""
      let steps = n % 5 == 0 ? String(400 + n % 20_000) : ""
      let note = n % 11 == 0 ? "walk \(n % 13)" : ""
      previous = "\(member),\(text),\(metres),\(duration),\(steps),\(note)"
      lines.append(previous)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static let reports: [[String]] = [
    ["leaderboard", "--teams"], ["leaderboard", "--team", "T1"],
    ["leaderboard", "--team", "T2", "--period", "month"], ["stats", "--team", "T0"],
  ]

  /// The same challenge on SQLite (`cli`'s own file) and on a fresh PostgreSQL database.
  static func bothBackEnds() throws -> (CLI, [String: String]) {
    let (cli, postgres) = try PostgresEndToEndTests.postgresCLI(today: today)
    for command in setup {
      cli.ok(command)
      cli.ok(command, env: postgres)
    }
    return (cli, postgres)
  }

  static func write(_ text: String, _ name: String, in cli: CLI) throws -> String {
    let path = cli.path(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("20,000 walks: the same walks, ids and totals as on SQLite; check ok; undo takes all")
  func twentyThousand() throws {
    let (cli, postgres) = try Self.bothBackEnds()
    let file = try Self.write(Self.csv(rows: 20_000), "walks.csv", in: cli)
    let before = Self.reports.map { cli.ok($0 + ["--format", "json"], env: postgres) }

    let onSQLite = cli.ok(["import", "walks", file])
    let onPostgres = cli.ok(["import", "walks", file], env: postgres)
    #expect(onPostgres == onSQLite)
    #expect(onSQLite.contains("20000") || onSQLite.contains("20,000"), "\(onSQLite)")
    cli.ok(["check"], env: postgres)
    for report in Self.reports {
      let arguments = report + ["--format", "json"]
      #expect(cli.ok(arguments, env: postgres) == cli.ok(arguments), "\(report)")
    }
    // Same ids, same external ids, same order: the export reads the same.
    #expect(cli.ok(["export", "walks"], env: postgres) == cli.ok(["export", "walks"]))

    // A second import of the same file adds nothing, on both.
    #expect(
      cli.ok(["import", "walks", file], env: postgres) == cli.ok(["import", "walks", file]))

    // Undo takes the whole import away, totals with it.
    cli.ok(["undo"], env: postgres)
    #expect(J.array(try cli.json(["walks"], env: postgres)).isEmpty)
    cli.ok(["check"], env: postgres)
    #expect(Self.reports.map { cli.ok($0 + ["--format", "json"], env: postgres) } == before)
  }

  @Test("a file that repeats stored walks: exactly the new ones added, as on SQLite")
  func overlapping() throws {
    let (cli, postgres) = try Self.bothBackEnds()
    let first = Self.csv(rows: 3_000)
    let second = Self.csv(rows: 3_000, seed: 1)
    let firstFile = try Self.write(first, "first.csv", in: cli)
    // Half of the first file's rows (more than the batch's look-ups one by one), then new
    // rows, then the first file's rows again (all found).
    let firstRows = first.split(separator: "\n").dropFirst()
    let mixed =
      ["member,date,distance_m,duration_s,steps,note"] + firstRows.prefix(1_500).map(String.init)
      + second.split(separator: "\n").dropFirst().map(String.init) + firstRows.map(String.init)
    let mixedFile = try Self.write(mixed.joined(separator: "\n") + "\n", "mixed.csv", in: cli)

    for file in [firstFile, mixedFile] {
      let onSQLite = cli.ok(["import", "walks", file])
      #expect(cli.ok(["import", "walks", file], env: postgres) == onSQLite, "\(file)")
    }
    cli.ok(["check"], env: postgres)
    #expect(cli.ok(["export", "walks"], env: postgres) == cli.ok(["export", "walks"]))
    #expect(
      cli.ok(["leaderboard", "--teams", "--format", "json"], env: postgres)
        == cli.ok(["leaderboard", "--teams", "--format", "json"]))
  }

  @Test("a member login imports its own walks; a file with another's walk is refused whole")
  func memberLoginImports() throws {
    let (cli, organiser) = try PostgresEndToEndTests.postgresCLI(today: Self.today)
    cli.ok(["member", "add", "ann", "--login"], env: organiser)
    cli.ok(["member", "add", "bob", "--login"], env: organiser)
    let bob = [
      "MILEQUEST_DB": organiser["MILEQUEST_DB"]!.replacingOccurrences(
        of: "user=postgres", with: "user=bob")
    ]
    let own = (0..<5_000).map {
      String(format: "bob,2026-%02ld-%02ld,%ld", 1 + $0 % 10, 1 + $0 % 28, 1000 + $0)
    }
    let ownFile = try Self.write(
      "member,date,distance_m\n" + own.joined(separator: "\n") + "\n", "own.csv", in: cli)
    cli.ok(["import", "walks", ownFile], env: bob)
    #expect(J.array(try cli.json(["walks", "--member", "bob"], env: bob)).count == 5_000)

    // Ann's walk comes after two batches of Bob's.
    let other = (0..<5_000).map {
      ($0 == 4_321 ? "ann" : "bob") + String(format: ",2026-03-%02ld,%ld", 1 + $0 % 28, 2000 + $0)
    }
    let otherFile = try Self.write(
      "member,date,distance_m\n" + other.joined(separator: "\n") + "\n", "other.csv", in: cli)
    let refused = cli.run(["import", "walks", otherFile], env: bob)
    #expect(refused.code == 77, "\(refused.stderr)")
    #expect(J.array(try cli.json(["walks", "--limit", "100000"], env: organiser)).count == 5_000)
    cli.ok(["check"], env: organiser)
  }
}
