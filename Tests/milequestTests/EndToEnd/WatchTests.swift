import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

@testable import milequest

/// `leaderboard --watch` and `progress --watch`, end to end: the built binary runs in the
/// background while other processes change the database.
@Suite("Watching a board")
struct WatchTests {
  /// A challenge: ann and bob in Striders, ann with one walk, a 100 km goal.
  static func challenge(_ cli: CLI, env: [String: String] = [:]) {
    cli.ok(["member", "add", "ann"], env: env)
    cli.ok(["member", "add", "bob"], env: env)
    cli.ok(["team", "create", "Striders", "--as", "ann", "--since", "2026-03-01"], env: env)
    cli.ok(["team", "add", "Striders", "bob", "--as", "ann", "--since", "2026-03-01"], env: env)
    cli.ok(
      [
        "goal", "create", "Hundred", "--team", "Striders", "--distance", "100km", "--start",
        "2026-03-01", "--as", "ann",
      ], env: env)
    cli.ok(["log", "3km", "--as", "ann", "--date", "2026-03-10"], env: env)
  }

  /// One JSON document per line.
  static func documents(_ lines: [String]) throws -> [[String: Any]] {
    try lines.map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// The distance (metres) of `name` on a leaderboard document.
  static func distance(_ board: [String: Any], _ name: String) -> Double? {
    J.array(board["entries"]).map(J.object).first { J.string($0["name"]) == name }
      .flatMap { J.double($0["distance_m"]) }
  }

  /// Runs one leaderboard or progress watch through its life: the first document at start,
  /// nothing while nothing moves it (a change it does not show included), a new document
  /// within a second of a walk logged by another process (which is not kept waiting: its
  /// busy timeout is 0.2 s), and exit 0 on Ctrl-C with nothing on stderr.
  static func watchesWalks(
    _ cli: CLI, env: [String: String], watch arguments: [String],
    measure: ([String: Any]) -> Double?
  ) throws {
    let watcher = try Background(cli, arguments + ["--watch", "--format", "ndjson"], env: env)
    defer { watcher.kill() }
    let first = try documents(watcher.lines(atLeast: 1, within: 10))
    #expect(first.count == 1)
    #expect(measure(first[0]) == 3000)
    // A change the report does not show: no new line.
    cli.ok(["member", "add", "cy"], env: env)
    #expect(watcher.lines(atLeast: 2, within: 1.5).count == 1)
    // A walk logged by another process: a new document within a second.
    var writing = env
    writing["MILEQUEST_BUSY_TIMEOUT"] = "0.2"
    let started = Date()
    cli.ok(["log", "2km", "--as", "bob", "--date", "2026-03-12"], env: writing)
    let lines = watcher.lines(atLeast: 2, within: 5)
    #expect(Date().timeIntervalSince(started) < 1, "the new board took too long")
    let boards = try documents(lines)
    #expect(boards.count == 2)
    #expect(boards.last.flatMap(measure) == 5000)
    // Quiet again; then Ctrl-C ends it normally.
    #expect(watcher.lines(atLeast: 3, within: 1.5).count == 2)
    let ending = watcher.stop(SIGINT)
    #expect(ending.code == 0)
    #expect(ending.stderr == "")
  }

  @Test("leaderboard --watch on SQLite: one NDJSON line per change, quiet otherwise, Ctrl-C 0")
  func leaderboardSQLite() throws {
    let cli = try CLI()
    Self.challenge(cli)
    try Self.watchesWalks(cli, env: [:], watch: ["leaderboard", "--team", "Striders"]) {
      (Self.distance($0, "ann") ?? 0) + (Self.distance($0, "bob") ?? 0)
    }
  }

  @Test("progress --watch on SQLite: one NDJSON line per change, quiet otherwise, Ctrl-C 0")
  func progressSQLite() throws {
    let cli = try CLI()
    Self.challenge(cli)
    try Self.watchesWalks(cli, env: [:], watch: ["progress", "Hundred"]) {
      J.double($0["done_m"])
    }
  }

  @Test("a text watch into a file prints each new board once, after an empty line; SIGTERM 143")
  func textIntoFile() throws {
    let cli = try CLI()
    Self.challenge(cli)
    let before = cli.ok(["leaderboard", "--team", "Striders"])
    let watcher = try Background(cli, ["leaderboard", "--team", "Striders", "--watch"])
    defer { watcher.kill() }
    #expect(watcher.waitForOutput(within: 10) { $0 == before })
    cli.ok(["log", "2km", "--as", "bob", "--date", "2026-03-12"])
    let after = cli.ok(["leaderboard", "--team", "Striders"])
    #expect(after != before)
    #expect(watcher.waitForOutput(within: 5) { $0 == before + "\n" + after })
    let ending = watcher.stop(SIGTERM)
    #expect(ending.code == 143)
    #expect(watcher.output == before + "\n" + after)
    #expect(!watcher.output.contains("\u{1B}"))
  }

  @Test("on a terminal each board is drawn over the last from the top left corner")
  func redrawnInPlace() throws {
    let drawn = LiveOutput.redrawn("a\nbb\n")
    #expect(drawn == "\u{1B}[H" + "a\u{1B}[K\nbb\u{1B}[K\n" + "\u{1B}[J")
    // The binary on a pseudo-terminal (util-linux `script`): the first board, then the new
    // one drawn from the top left corner, with the new total.
    let script = "/usr/bin/script"
    guard FileManager.default.isExecutableFile(atPath: script) else { return }
    let cli = try CLI()
    Self.challenge(cli)
    let command = "'\(BuiltBinary.url.path)' leaderboard --team Striders --watch --unit km"
    let watcher = try Background(
      cli, ["-qfec", command, "/dev/null"], env: ["TERM": "xterm", "NO_COLOR": "1"],
      program: script)
    defer { watcher.kill() }
    #expect(watcher.waitForOutput(within: 10) { $0.contains("3.00") && $0.contains("\u{1B}[J") })
    cli.ok(["log", "2km", "--as", "bob", "--date", "2026-03-12"])
    #expect(
      watcher.waitForOutput(within: 5) {
        $0.components(separatedBy: "\u{1B}[H").count == 3 && $0.contains("2.00")
      })
    let boards = watcher.output.components(separatedBy: "\u{1B}[H")
    #expect(boards.first == "")
    #expect(boards.last?.contains("bob") == true)
    #expect(boards.last?.contains("\u{1B}[K\r\n") == true)
    _ = watcher.stop(SIGTERM)
  }

  @Test(
    "--watch is refused (64, one line) where it cannot work",
    arguments: [
      ["leaderboard", "--watch", "--format", "json"],
      ["leaderboard", "--watch", "--format", "csv"],
      ["progress", "Hundred", "--watch", "--format", "tsv"],
      ["progress", "Hundred", "--watch", "--output", "board.txt"],
      ["leaderboard", "--watch", "--dry-run"],
    ])
  func refused(_ arguments: [String]) throws {
    let cli = try CLI()
    Self.challenge(cli)
    let bytes = cli.dbBytes()
    let result = cli.run(arguments)
    #expect(result.code == 64)
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix("milequest: error: "))
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(cli.dbBytes() == bytes)
    #expect(
      !FileManager.default.fileExists(
        atPath: cli.directory.appendingPathComponent("board.txt").path))
  }

  @Test("--watch is refused inside milequest shell")
  func refusedInShell() throws {
    let cli = try CLI()
    Self.challenge(cli)
    let result = cli.run(["shell"], stdin: "leaderboard --watch\nmember list\n")
    #expect(result.code == 64)
    #expect(result.stderr.contains("--watch"))
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }
}

@Suite("Watching a board on PostgreSQL", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresWatchTests {
  static func postgresCLI() throws -> (CLI, [String: String]) {
    let cli = try CLI()
    let env = ["MILEQUEST_DB": try ThrowawayCluster.shared().freshDatabase()]
    cli.ok(["init", "--quiet"], env: env)
    WatchTests.challenge(cli, env: env)
    return (cli, env)
  }

  @Test("leaderboard --watch on PostgreSQL: LISTEN/NOTIFY, one line per change, Ctrl-C 0")
  func leaderboard() throws {
    let (cli, env) = try Self.postgresCLI()
    try WatchTests.watchesWalks(cli, env: env, watch: ["leaderboard", "--teams"]) {
      WatchTests.distance($0, "Striders")
    }
  }

  @Test("progress --watch on PostgreSQL: LISTEN/NOTIFY, one line per change, Ctrl-C 0")
  func progress() throws {
    let (cli, env) = try Self.postgresCLI()
    try WatchTests.watchesWalks(cli, env: env, watch: ["progress", "Hundred"]) {
      J.double($0["done_m"])
    }
  }
}

/// The built binary started in the background (a `ChildProcess`), its standard output and
/// error going to files that a test reads while it runs.
final class Background {
  private let child: ChildProcess
  private let outputPath: String
  private let errorPath: String

  init(
    _ cli: CLI, _ arguments: [String], env: [String: String] = [:],
    program: String = BuiltBinary.url.path
  ) throws {
    let id = UUID().uuidString
    outputPath = cli.directory.appendingPathComponent(".watch-out-\(id)").path
    errorPath = cli.directory.appendingPathComponent(".watch-err-\(id)").path
    // ChildProcess starts it with default handlers and no signal blocked: the program meets
    // SIGINT as it would from a terminal.
    child = try ChildProcess(
      program, arguments, environment: cli.environment(env), stdout: .file(outputPath),
      stderr: .file(errorPath))
  }

  deinit {
    kill()
    try? FileManager.default.removeItem(atPath: outputPath)
    try? FileManager.default.removeItem(atPath: errorPath)
  }

  /// What it printed so far.
  var output: String {
    String(
      decoding: (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data(), as: UTF8.self)
  }

  var stderr: String {
    String(
      decoding: (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data(), as: UTF8.self)
  }

  /// Its complete output lines, once there are at least `count` or `seconds` have passed.
  func lines(atLeast count: Int, within seconds: TimeInterval) -> [String] {
    var lines: [String] = []
    _ = waitForOutput(within: seconds) { text in
      lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
        String.init)
      return lines.count >= count
    }
    return lines
  }

  /// Polls its output until `done` holds (true) or `seconds` have passed (false).
  @discardableResult
  func waitForOutput(within seconds: TimeInterval, _ done: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      if done(output) { return true }
      if Date() >= deadline { return false }
      usleep(20_000)
    }
  }

  /// Sends `signal` and waits (up to 10 s, then SIGKILL) for it to end; its exit code (-1 when
  /// a signal ended it, -2 when it had to be killed) and standard error.
  func stop(_ signal: Int32) -> (code: Int32, stderr: String) {
    child.signal(signal)
    child.wait(timeout: 10)
    if signal != SIGKILL && child.terminatingSignal == SIGKILL { return (-2, stderr) }
    return (child.exitCode ?? -1, stderr)
  }

  /// Ends it if it still runs (a failed test must not leave it behind).
  func kill() {
    child.signal(SIGKILL)
    child.wait()
  }
}
