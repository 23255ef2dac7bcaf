import Foundation
import MileQuestKit
@_spi(Testing) import MileQuestPostgres
import Testing

/// TAB completion of names from a PostgreSQL database: the same candidates as from SQLite,
/// and nothing (no error, no wait) when the server cannot answer.
@Suite("PostgreSQL name completion", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresCompletionTests {
  @Test("bash completes member, team, goal and route names from a PostgreSQL database")
  func namesFromServer() throws {
    let (cli, env) = try PostgresEndToEndTests.postgresCLI()
    for handle in ["ana", "anouk", "ben", "old"] { cli.ok(["member", "add", handle], env: env) }
    cli.ok(["member", "remove", "old"], env: env)
    cli.ok(["team", "create", "Fast Feet", "--as", "ana"], env: env)
    cli.ok(["team", "create", "Zebras", "--as", "ben"], env: env)
    cli.ok(["route", "create", "Loop", "--waypoint", "0,0", "--waypoint", "0,1"], env: env)
    cli.ok(
      ["goal", "create", "Lap", "--team", "Zebras", "--route", "Loop", "--as", "ben"], env: env)
    var environment = cli.environment(env)
    environment["PATH"] = BuiltBinary.url.deletingLastPathComponent().path + ":/usr/bin:/bin"

    #expect(
      DocsTests.bashComplete("milequest log --member an", environment).output == "ana\nanouk\n")
    #expect(
      DocsTests.bashComplete("milequest leaderboard --team ", environment).output
        == "Fast Feet\nZebras\n")
    #expect(DocsTests.bashComplete("milequest team add Zebras b", environment).output == "ben\n")
    #expect(DocsTests.bashComplete("milequest leaderboard --goal L", environment).output == "Lap\n")
    // The library call the completion makes, in every kind, as from SQLite.
    let address = env["MILEQUEST_DB"]!
    #expect(StoreOpener.names(.member, inDatabaseAt: address) == ["ana", "anouk", "ben"])
    #expect(StoreOpener.names(.team, inDatabaseAt: address) == ["Fast Feet", "Zebras"])
    #expect(StoreOpener.names(.route, inDatabaseAt: address) == ["Loop"])
    #expect(StoreOpener.names(.goal, inDatabaseAt: address) == ["Lap"])
  }

  @Test("no server, no schema or no such database: no names, nothing printed, no wait")
  func nothingOnFailure() throws {
    let cli = try CLI()
    let empty = try ThrowawayCluster.shared().freshDatabase()
    let addresses = [
      "postgresql://walker:s3cret@/quest?host=/nonexistent-milequest-dir&port=5",
      empty,
      empty.replacingOccurrences(of: "/t", with: "/missing_t"),
      // Not routable: only the connect timeout ends the attempt.
      "postgresql://walker@10.255.255.1:5432/quest",
    ]
    for address in addresses {
      let started = Date()
      #expect(StoreOpener.names(.member, inDatabaseAt: address) == [], "\(address)")
      #expect(Date().timeIntervalSince(started) < 5, "\(address)")
      var environment = cli.environment(["MILEQUEST_DB": address])
      environment["PATH"] = BuiltBinary.url.deletingLastPathComponent().path + ":/usr/bin:/bin"
      let (code, output) = DocsTests.bashComplete("milequest log --member ", environment)
      #expect(output == "\n" && code == 0, "\(address): \(output)")
    }
  }
}
