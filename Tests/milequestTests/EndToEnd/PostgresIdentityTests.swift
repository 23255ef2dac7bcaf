import Foundation
import MileQuestKit
@_spi(Testing) import MileQuestPostgres
import Testing

/// Identity and roles on PostgreSQL, enforced by the server: through the CLI and through a
/// direct connection, as a member using `psql` would.
@Suite("PostgreSQL identity and roles", .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresIdentityTests {
  /// A challenge with logins ann (captain of Striders) and bob (member), and cy without one;
  /// returns the CLI, the organiser's environment and each login's.
  static func challenge() throws -> (CLI, [String: String], [String: [String: String]]) {
    let (cli, organiser) = try PostgresEndToEndTests.postgresCLI()
    cli.ok(["member", "add", "ann", "--login"], env: organiser)
    cli.ok(["member", "add", "bob", "--login"], env: organiser)
    cli.ok(["member", "add", "cy"], env: organiser)
    cli.ok(["team", "create", "Striders", "--as", "ann", "--since", "2026-11-01"], env: organiser)
    cli.ok(
      ["team", "add", "Striders", "bob", "--as", "ann", "--since", "2026-11-01"], env: organiser)
    let address = organiser["MILEQUEST_DB"]!
    var logins: [String: [String: String]] = [:]
    for login in ["ann", "bob"] {
      logins[login] = [
        "MILEQUEST_DB": address.replacingOccurrences(of: "user=postgres", with: "user=\(login)")
      ]
    }
    return (cli, organiser, logins)
  }

  @Test("the acting member is the login's; --as and MILEQUEST_USER are refused (77) for members")
  func actingMember() throws {
    let (cli, organiser, logins) = try Self.challenge()
    let ann = logins["ann"]!
    let logged = J.object(try cli.json(["log", "3"], env: ann))
    #expect(
      J.string(logged["member"]) == "ann" || J.string(J.object(logged["walk"])["member"]) == "ann",
      "\(logged)")
    cli.ok(["log", "1", "--as", "ann"], env: ann)
    #expect(cli.run(["log", "2", "--as", "bob"], env: ann).code == 77)
    #expect(cli.run(["log", "2"], env: ann.merging(["MILEQUEST_USER": "bob"]) { $1 }).code == 77)
    #expect(cli.run(["member", "add", "dan", "--login"], env: ann).code == 77)
    #expect(cli.run(["member", "add", "dan"], env: ann).code == 77)
    // The organiser may act as anyone.
    cli.ok(["log", "2", "--as", "bob"], env: organiser)
    let walks = J.array(try cli.json(["walks"], env: organiser))
    #expect(
      walks.compactMap { J.string(J.object($0)["member"]) }.sorted() == ["ann", "ann", "bob"])
  }

  @Test("a member connecting directly cannot touch others' walks, roles, members or totals")
  func psqlBypass() throws {
    let (cli, organiser, logins) = try Self.challenge()
    cli.ok(["log", "3", "--as", "ann"], env: organiser)
    let bob = logins["bob"]!["MILEQUEST_DB"]!
    func refused(_ sql: String) -> Bool {
      do {
        return try ThrowawayCluster.execute(sql, at: bob) == 0
      } catch let error as MileQuestError {
        return error.exitCode == 77
      } catch {
        return false
      }
    }
    #expect(
      refused(
        "INSERT INTO walk(id, memberId, date, distanceMetres, source) VALUES (99, 1, '2026-11-02', 5, 'manual')"
      ))
    #expect(refused("UPDATE walk SET distanceMetres = 1e6 WHERE memberId = 1"))
    #expect(refused("DELETE FROM walk"))
    #expect(refused("UPDATE membership SET role = 'captain' WHERE memberId = 2"))
    #expect(
      refused("INSERT INTO member(id, handle, name, strideMetres) VALUES (9, 'zed', 'Zed', 0.7)"))
    #expect(refused("UPDATE member SET name = 'Ann the Slow' WHERE handle = 'ann'"))
    #expect(refused("UPDATE membershipTotal SET walks = 0"))
    #expect(refused("DELETE FROM change"))
    #expect(refused("UPDATE team SET maxMembers = 1"))
    // What is bob's to do, bob may do directly, and the running totals follow.
    #expect(
      try ThrowawayCluster.execute(
        "INSERT INTO walk(id, memberId, date, distanceMetres, source) VALUES (50, 2, '2026-11-02', 1000, 'manual')",
        at: bob) == 1)
    let board = J.object(try cli.json(["leaderboard", "--team", "Striders"], env: organiser))
    let names = J.array(board["entries"]).map { J.string(J.object($0)["name"]) }
    #expect(names == ["ann", "bob"], "\(board)")
    cli.ok(["check"], env: organiser)
  }

  @Test("undo undoes the acting login's own last change, never someone else's")
  func undoOwn() throws {
    let (cli, _, logins) = try Self.challenge()
    let ann = logins["ann"]!
    let bob = logins["bob"]!
    cli.ok(["log", "3"], env: ann)
    cli.ok(["log", "1"], env: bob)
    let undone = cli.ok(["undo"], env: ann)
    #expect(undone.contains("log"), "\(undone)")
    let walks = J.array(try cli.json(["walks"], env: bob))
    #expect(walks.map { J.string(J.object($0)["member"]) } == ["bob"])
    cli.ok(["undo"], env: bob)
    #expect(J.array(try cli.json(["walks"], env: bob)).isEmpty)
  }
}
