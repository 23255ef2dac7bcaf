import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// Issue 11, "data must never be lost or silently changed": `--dry-run` keeps its promise on
/// every writing command, no output lands on the database, a command whose output cannot be
/// written changes nothing, `restore` asks first and never overwrites a kept copy, and an
/// edit that changes nothing leaves no undo step.
@Suite("End to end: writes keep their promises")
struct TrustWriteTests {
  /// ann captains Kiwis (bob is a member), route R, goal G, walk 1 by ann.
  static func seeded() throws -> CLI {
    let cli = try CLI()
    for command in [
      ["member", "add", "ann"], ["member", "add", "bob"], ["member", "add", "cat"],
      ["team", "create", "Kiwis", "--as", "ann", "--since", "2026-03-01"],
      ["team", "add", "Kiwis", "bob", "--as", "ann", "--since", "2026-03-01"],
      ["route", "create", "R", "--waypoint", "0,0,Here", "--waypoint", "0,1,There"],
      [
        "goal", "create", "G", "--team", "Kiwis", "--route", "R", "--start", "2026-03-01",
        "--as", "ann",
      ],
      ["log", "3", "--as", "ann", "--date", "2026-03-10"],
    ] {
      cli.ok(command)
    }
    return cli
  }

  /// Every writing command, as a user would try it first with --dry-run.
  static let writingCommands: [[String]] = [
    ["log", "5km", "--as", "ann"],
    ["log", "400", "--as", "ann", "--date", "2026-03-11"],
    ["walks", "edit", "1", "--distance", "4km"],
    ["walks", "delete", "1"],
    ["undo"],
    ["member", "add", "dan", "--name", "Dan"],
    ["member", "edit", "bob", "--name", "Robert"],
    ["member", "remove", "cat"],
    ["team", "create", "Owls", "--as", "ann"],
    ["team", "add", "Kiwis", "cat", "--as", "ann"],
    ["team", "remove", "Kiwis", "bob", "--as", "ann"],
    ["team", "promote", "Kiwis", "bob", "--as", "ann"],
    ["team", "leave", "Kiwis", "--as", "bob"],
    ["route", "create", "S", "--waypoint", "1,1", "--waypoint", "2,2"],
    ["route", "add-builtin", "lejog"],
    ["goal", "create", "H", "--team", "Kiwis", "--distance", "10km", "--as", "ann"],
    ["goal", "cancel", "G", "--as", "ann"],
    ["backup", "copy.db"],
  ]

  @Test(
    "--dry-run says 'would', exits 0 and leaves the database byte for byte",
    arguments: writingCommands)
  func dryRunChangesNothing(_ command: [String]) throws {
    let cli = try Self.seeded()
    let before = cli.dbBytes()
    let result = cli.run(command + ["--dry-run"])
    #expect(result.code == 0, "\(command) → \(result.stderr)")
    #expect(result.stderr == "")
    #expect(result.stdout.contains("would"), "\(command) printed \(result.stdout)")
    #expect(cli.dbBytes() == before, "\(command) --dry-run changed the database")
    #expect(
      !FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("copy.db").path))
    // The same command without --dry-run does change it: the dry run was not a no-op path.
    let real = cli.run(command)
    #expect(real.code == 0, "\(command) → \(real.stderr)")
    #expect(!real.stdout.contains("would"))
    if command != ["backup", "copy.db"] { #expect(cli.dbBytes() != before) }
  }

  @Test("A dry run reports what it would do: the walk's id, the milestone, dry_run in JSON")
  func dryRunReportsTheOutcome() throws {
    let cli = try Self.seeded()
    let before = cli.dbBytes()
    // Route R is 111.2 km: 120 km reaches its end.
    let text = cli.ok(["log", "120km", "--as", "ann", "--dry-run"])
    #expect(text.hasPrefix("would log walk 2: ann"))
    #expect(text.contains("Kiwis would reach There on G"))
    #expect(text.contains("goal G would be completed on 2026-03-15!"))
    let json = J.object(try cli.json(["log", "5km", "--as", "ann", "--dry-run"]))
    #expect(json["dry_run"] as? Bool == true)
    #expect(J.int(json["id"]) == 2)
    let members = J.array(
      try cli.json(["member", "add", "dan", "--dry-run"]))
    #expect(J.object(members.first)["dry_run"] as? Bool == true)
    #expect(cli.dbBytes() == before)
    let plain = J.object(try cli.json(["log", "5km", "--as", "ann"]))
    #expect(plain["dry_run"] == nil)
  }

  @Test("--dry-run on import all, restore and undo of an import changes nothing")
  func dryRunImportsAndRestore() throws {
    let source = try Self.seeded()
    let document = source.ok(["export", "all"])
    let backup = source.directory.appendingPathComponent("b.db").path
    source.ok(["backup", backup])
    let cli = try CLI()
    let file = cli.directory.appendingPathComponent("all.json")
    try Data(document.utf8).write(to: file)
    let imported = cli.run(["import", "all", file.path, "--dry-run"])
    #expect(imported.code == 0, "\(imported.stderr)")
    #expect(imported.stdout.hasPrefix("would import 3 members"))
    #expect(cli.run(["member", "list", "--format", "json"]).stdout == "[]\n")
    cli.ok(["member", "add", "zed"])
    let before = cli.dbBytes()
    let restore = cli.run(["restore", backup, "--dry-run"])
    #expect(restore.code == 0, "\(restore.stderr)")
    #expect(restore.stdout.hasPrefix("would restore"))
    #expect(cli.dbBytes() == before)
    let replaced = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
      .filter { $0.contains(".replaced-") }
    #expect(replaced.isEmpty)
  }

  @Test(
    "--dry-run is refused (64) by commands that only read",
    arguments: [
      ["leaderboard", "--team", "Kiwis"], ["walks"], ["progress", "G"],
      ["stats", "--member", "ann"],
      ["export", "walks"], ["member", "list"], ["check"], ["shell"],
    ])
  func dryRunRefusedWhereMeaningless(_ command: [String]) throws {
    let cli = try Self.seeded()
    let result = cli.run(command + ["--dry-run"], stdin: "")
    #expect(result.code == 64, "\(command) → \(result.code) \(result.stderr)")
    #expect(result.stderr.hasPrefix("milequest: error:"))
    #expect(result.stdout == "")
  }

  @Test(
    "--output that names the database or a companion file, however spelled, is refused (73)",
    arguments: [
      ["export", "walks", "--output", "t.db"],
      ["export", "all", "--output", "./t.db-wal"],
      ["export", "members", "--format", "csv", "--output", "sub/../t.db-shm"],
      ["leaderboard", "--team", "Kiwis", "--output", "t.db-journal"],
      ["map", "G", "--output", "link-to-db"],
      ["chart", "G", "--output", "hard-link-to-db"],
      ["backup", "t.db", "--yes"],
      ["backup", "link-to-db", "--yes"],
    ])
  func outputNeverOverwritesTheDatabase(_ command: [String]) throws {
    let cli = try Self.seeded()
    let directory = cli.directory.path
    try FileManager.default.createDirectory(
      atPath: directory + "/sub", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: directory + "/link-to-db", withDestinationPath: cli.databasePath)
    #expect(link(cli.databasePath, directory + "/hard-link-to-db") == 0)
    let before = cli.dbBytes(includingWAL: false)
    let result = cli.run(command)
    #expect(result.code == 73, "\(command) → \(result.code) \(result.stderr)")
    #expect(result.stderr.contains("database in use"))
    #expect(cli.dbBytes(includingWAL: false) == before)
    #expect(cli.run(["walks", "--format", "csv"]).stdout.contains("2026-03-10"))
    let litter = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.contains(".milequest-") }
    #expect(litter.isEmpty)
  }

  /// Runs `milequest ARGS >/dev/full` through the shell.
  func runToFullDisk(_ cli: CLI, _ args: [String]) throws -> (code: Int32, stderr: String) {
    let errors = cli.directory.appendingPathComponent(".full-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: errors) }
    let child = try ChildProcess(
      BuiltBinary.url.path, args, environment: cli.environment(), directory: cli.directory.path,
      stdout: .file("/dev/full"), stderr: .file(errors.path))
    child.wait()
    let data = (try? Data(contentsOf: errors)) ?? Data()
    return (child.result, String(decoding: data, as: UTF8.self))
  }

  @Test(
    "A command whose output cannot be written changes nothing (exit 74)",
    arguments: [
      ["log", "1", "--as", "ann"], ["log", "1", "--as", "ann", "--format", "json"],
      ["member", "add", "dan"], ["walks", "delete", "1"],
      ["team", "create", "Owls", "--as", "ann"],
      ["undo"],
    ])
  func failedOutputRollsBack(_ command: [String]) throws {
    let cli = try Self.seeded()
    let before = cli.dbBytes()
    let result = try runToFullDisk(cli, command)
    #expect(result.code == 74, "\(command) → \(result.code) \(result.stderr)")
    #expect(result.stderr.contains("nothing was changed"), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(cli.dbBytes() == before)
    // Retrying, as a script would, does the work once.
    cli.ok(command)
    if command.first == "log" {
      let walks = J.array(try cli.json(["walks"]))
      #expect(walks.count == 2)
    }
  }

  @Test("An edit that changes nothing leaves no undo step")
  func noOpEditIsNotUndone() throws {
    let cli = try Self.seeded()
    let output = cli.ok(["walks", "edit", "1", "--distance", "3", "--date", "2026-03-10"])
    #expect(output.contains("unchanged"))
    // undo reverts the real last change (the walk), not the edit that did nothing.
    #expect(cli.ok(["undo"]).contains("undid: log walk"))
    #expect(J.array(try cli.json(["walks"])).isEmpty)
  }

  @Test("restore needs --yes without a terminal, and keeps every replaced copy")
  func restoreConfirmsAndKeepsCopies() throws {
    let cli = try Self.seeded()
    let backup = cli.directory.appendingPathComponent("b.db").path
    cli.ok(["backup", backup])
    cli.ok(["log", "2", "--as", "ann"])
    let before = cli.dbBytes()
    let refused = cli.run(["restore", backup], stdin: "y\n")
    #expect(refused.code == 64, "\(refused.stderr)")
    #expect(refused.stderr.contains("--yes"))
    #expect(cli.dbBytes() == before)
    // Two restores straight after each other (usually within one second).
    cli.ok(["restore", backup, "--yes"])
    cli.ok(["log", "4", "--as", "ann"])
    cli.ok(["restore", backup, "--yes"])
    let kept = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
      .filter { $0.hasPrefix("t.db.replaced-") }
    #expect(kept.count == 2, "\(kept)")
    let sizes = try kept.map {
      try FileManager.default.attributesOfItem(atPath: cli.directory.path + "/" + $0)[.size]
        as? Int ?? 0
    }
    #expect(sizes.allSatisfy { $0 > 0 })
    #expect(J.array(try cli.json(["walks"])).count == 1)
  }

  /// Runs `milequest ARGS` on a pseudo-terminal (util-linux `script`), typing `answer`.
  func runOnTerminal(_ cli: CLI, _ args: [String], answer: String) throws -> Int32 {
    let command = ([BuiltBinary.url.path] + args).map { "'\($0)'" }.joined(separator: " ")
    let input = Pipe()
    let child = try ChildProcess(
      "/usr/bin/script", ["-qec", command, "/dev/null"], environment: cli.environment(),
      directory: cli.directory.path, stdin: .descriptor(input.fileHandleForReading.fileDescriptor))
    try input.fileHandleForReading.close()
    Thread.sleep(forTimeInterval: 0.5)
    input.fileHandleForWriting.write(Data(answer.utf8))
    try input.fileHandleForWriting.close()
    child.wait()
    return child.result
  }

  @Test(
    "restore on a terminal asks, and no (the default) changes nothing",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func restoreAsksOnATerminal() throws {
    let cli = try Self.seeded()
    let backup = cli.directory.appendingPathComponent("b.db").path
    cli.ok(["backup", backup])
    cli.ok(["log", "2", "--as", "ann"])
    let before = cli.dbBytes()
    #expect(try runOnTerminal(cli, ["restore", backup], answer: "\n") == 0)
    #expect(cli.dbBytes() == before)
    #expect(try runOnTerminal(cli, ["restore", backup], answer: "n\n") == 0)
    #expect(cli.dbBytes() == before)
    #expect(try runOnTerminal(cli, ["restore", backup], answer: "y\n") == 0)
    #expect(J.array(try cli.json(["walks"])).count == 1)
  }
}
