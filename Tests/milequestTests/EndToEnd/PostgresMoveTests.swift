import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// Moving a challenge between the back ends, and many writers at once on PostgreSQL.
@Suite("PostgreSQL: moving and concurrency", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresMoveTests {
  /// The reports that must read the same wherever the challenge lives.
  static let reports: [[String]] = [
    ["export", "all"], ["leaderboard", "--teams"], ["leaderboard", "--goal", "Crossing"],
    ["leaderboard", "--team", "Amblers", "--by", "average"], ["progress", "Crossing"],
    ["walks"], ["stats", "--team", "Striders"], ["goal", "list", "--all"], ["member", "list"],
  ]

  @Test("export all from SQLite, import all into PostgreSQL, and back: identical reports")
  func roundTrip() throws {
    // Given a challenge on SQLite, exported to sqlite.json
    // When it moves to PostgreSQL (a second import is refused) and back to a new SQLite file
    let (cli, postgres) = try PostgresBackupTests.movedChallenge()
    #expect(cli.run(["import", "all", "sqlite.json"], env: postgres).code == 65)
    cli.ok(["export", "all", "--output", "postgres.json"], env: postgres)
    let back = cli.path("back.db")
    cli.initDatabase(back)
    cli.ok(["--db", back, "import", "all", "postgres.json"])

    // Then every report reads the same in all three places
    for report in Self.reports {
      let arguments = report + ["--format", "json"]
      let original = cli.ok(arguments)
      #expect(cli.ok(arguments, env: postgres) == original, "\(report) on PostgreSQL")
      #expect(cli.ok(["--db", back] + arguments) == original, "\(report) back on SQLite")
    }
    #expect(
      try String(contentsOf: cli.directory.appendingPathComponent("sqlite.json"), encoding: .utf8)
        == String(
          contentsOf: cli.directory.appendingPathComponent("postgres.json"), encoding: .utf8))
  }

  @Test("16 processes logging at once lose nothing; totals stay exact (check)")
  func sixteenWriters() throws {
    let (cli, env) = try PostgresEndToEndTests.postgresCLI()
    let handles = (1...16).map { "w\($0)" }
    for handle in handles { cli.ok(["member", "add", handle], env: env) }
    cli.ok(
      ["team", "create", "Crowd", "--as", "w1", "--since", "2026-11-01", "--max-members", "16"],
      env: env)
    cli.ok(
      ["team", "add", "Crowd"] + handles.dropFirst() + ["--as", "w1", "--since", "2026-11-01"],
      env: env)
    let perWriter = 10
    // CLI.run only reads the CLI's settings: safe from several threads.
    nonisolated(unsafe) let shared = cli
    DispatchQueue.concurrentPerform(iterations: handles.count) { index in
      for step in 0..<perWriter {
        let result = shared.run(
          ["log", "0.\(step + 1)", "--as", handles[index], "--date", "2026-11-1\(step % 10)"],
          env: env)
        #expect(result.code == 0, "\(handles[index]) log \(step): \(result.stderr)")
      }
    }
    let walks = J.array(try cli.json(["walks", "--limit", "1000"], env: env))
    #expect(walks.count == handles.count * perWriter)
    #expect(Set(walks.compactMap { J.int(J.object($0)["id"]) }).count == walks.count)
    let board = J.object(try cli.json(["leaderboard", "--team", "Crowd"], env: env))
    let total = J.array(board["entries"]).compactMap { J.double(J.object($0)["distance_m"]) }
    let expected = (0..<perWriter).map { Double("0.\($0 + 1)")! * 1609.344 }
    #expect(total.count == 16)
    #expect(total.allSatisfy { abs($0 - expected.reduce(0, +)) < 1e-6 })
    cli.ok(["check"], env: env)
  }

  @Test("two captains adding the last seat of a full team at once: exactly one succeeds")
  func lastSeat() throws {
    for _ in 0..<3 {
      let (cli, env) = try PostgresEndToEndTests.postgresCLI()
      for handle in ["ann", "bob", "cy", "dee"] { cli.ok(["member", "add", handle], env: env) }
      cli.ok(["team", "create", "Pair", "--as", "ann", "--max-members", "3"], env: env)
      cli.ok(["team", "add", "Pair", "bob", "--role", "captain", "--as", "ann"], env: env)
      let codes = Codes()
      nonisolated(unsafe) let shared = cli
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        let result = shared.run(
          ["team", "add", "Pair", index == 0 ? "cy" : "dee", "--as", index == 0 ? "ann" : "bob"],
          env: env)
        codes.set(index, result.code)
      }
      #expect(codes.sorted == [0, 65], "\(codes.sorted)")
      let team = J.object(try cli.json(["team", "show", "Pair"], env: env))
      #expect(J.array(team["memberships"]).count == 3, "\(team)")
    }
  }
}

/// Exit codes written by concurrent runs.
private final class Codes: @unchecked Sendable {
  private var codes: [Int: Int32] = [:]
  private let lock = NSLock()

  func set(_ index: Int, _ code: Int32) { lock.withLock { codes[index] = code } }
  var sorted: [Int32] { lock.withLock { codes.values.sorted() } }
}
