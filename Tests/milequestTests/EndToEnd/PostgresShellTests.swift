import Foundation
import MileQuestKit
@_spi(Testing) import MileQuestPostgres
import Testing

@testable import milequest

/// `milequest shell` on PostgreSQL keeps its server connection from one command to the next
/// (`KeptStore`): the commands behave as one-shot commands do, and a lost connection is
/// replaced, never reused.
@Suite("PostgreSQL shell sessions", .enabled(if: ThrowawayCluster.isAvailable), .serialized)
struct PostgresShellTests {
  @Test("a kept store serves only its own address and timeout, and never once the server ended it")
  func keptStore() throws {
    let text = try ThrowawayCluster.shared().freshMilequestDatabase()
    let address = try StoreAddress(text)
    KeptStore.enabled = true
    defer {
      KeptStore.close()
      KeptStore.enabled = false
    }
    let store = try StoreOpener.open(address)
    #expect(KeptStore.keep(store, address, busyTimeout: 5))
    let again = try #require(KeptStore.take(address, busyTimeout: 5))
    #expect(again as AnyObject === store as AnyObject, "the same connection serves again")
    #expect(KeptStore.take(address, busyTimeout: 5) == nil, "taken once, not twice")
    // Another busy timeout (or address) is another command's: the kept one is closed.
    #expect(KeptStore.keep(again, address, busyTimeout: 5))
    #expect(KeptStore.take(address, busyTimeout: 2) == nil)
    #expect(throws: (any Error).self) { try store.read { try $0.allTeams() } }

    // A connection the server ended (a restart, an administrator) is not served again.
    let fresh = try StoreOpener.open(address)
    #expect(KeptStore.keep(fresh, address, busyTimeout: 5))
    let database = String(text.split(separator: "?")[0].split(separator: "/").last ?? "")
    let others = "FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()"
    _ = try ThrowawayCluster.execute("SELECT pg_terminate_backend(pid) \(others)", at: text)
    // The backend ends a moment after it is told to: wait until the server has no session
    // on the database but the query's own (`execute` returns the rows a SELECT gave).
    let deadline = Date().addingTimeInterval(10)
    while try ThrowawayCluster.execute("SELECT pid \(others)", at: text) > 0, Date() < deadline {
      usleep(20_000)
    }
    #expect(KeptStore.take(address, busyTimeout: 5) == nil)
    // SQLite files are not kept: opening one is cheap, and closing leaves no WAL behind.
    #expect(!KeptStore.keep(store, .file("/nonexistent/kept.db"), busyTimeout: 5))
  }

  @Test("a shell session's logs, dry run, undo and reads on one connection, as one-shot commands")
  func sessionOnOneConnection() throws {
    let (cli, organiser) = try PostgresEndToEndTests.postgresCLI()
    let script = """
      member add ann
      log 3 --as ann --date 2026-11-02
      log 4 --as ann --date 2026-11-03 --dry-run
      log 5 --as ann --date 2026-11-04
      undo
      log 2 --as ann --date 2026-11-05
      leaderboard --format json
      """
    let result = cli.run(["shell"], env: organiser, stdin: script)
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.contains("would log walk 2: ann, 2026-11-03"), "\(result.stdout)")
    let walks = J.array(try cli.json(["walks"], env: organiser))
    let dates = walks.compactMap { J.string(J.object($0)["date"]) }.sorted()
    #expect(dates == ["2026-11-02", "2026-11-05"], "the dry run kept nothing, undo took 11-04")
    // The board the session printed is the board a one-shot command prints now.
    let board = cli.ok(["leaderboard", "--format", "json"], env: organiser)
    #expect(result.stdout.hasSuffix(board), "\(result.stdout)")
    cli.ok(["check"], env: organiser)
  }
}
