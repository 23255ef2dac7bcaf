import Foundation
import MileQuestKit
@_spi(Testing) import MileQuestPostgres
import Testing

/// `ContentReplacing.replaceContents` (a server's restore), held to its written promises on
/// the tests' own PostgreSQL cluster: one transaction, nothing kept on an error, the replaced
/// contents readable first, and no undo history left behind.
@Suite("ContentReplacing on PostgreSQL", .enabled(if: ThrowawayCluster.isAvailable))
struct ContentReplacingTests {
  static func member(_ handle: String) -> Member {
    Member(
      handle: handle, name: handle.capitalized, email: nil, strideMetres: 0.75, archivedOn: nil)
  }

  static func handles(_ store: any MileQuestStore) throws -> [String] {
    try store.read { db in try db.allMembers().map(\.handle) }
  }

  @Test("replaces everything in one transaction; an error in fill changes nothing")
  func replaces() throws {
    let store = try PostgresStore(address: try ThrowawayCluster.shared().freshMilequestDatabase())
    defer { try? store.close() }
    _ = try store.write(change: "add ann") { db in try db.insert(Self.member("ann")) }
    _ = try store.write(change: "add bob") { db in try db.insert(Self.member("bob")) }

    // A fill that fails half-way: nothing changes, the history stays.
    struct HalfWay: Error {}
    #expect(throws: HalfWay.self) {
      try store.replaceContents(
        keep: { _ in },
        fill: { db in
          _ = try db.insert(Self.member("cy"))
          throw HalfWay()
        })
    }
    #expect(try Self.handles(store) == ["ann", "bob"])

    // A fill that succeeds: keep saw the old contents, the new ones replace them, ids start
    // again at 1, and nothing is left to undo.
    var kept: [String] = []
    let added = try store.replaceContents(
      keep: { db in kept = try db.allMembers().map(\.handle) },
      fill: { db in try db.insert(Self.member("dee")) })
    #expect(kept == ["ann", "bob"])
    #expect(added.id == 1)
    #expect(try Self.handles(store) == ["dee"])
    #expect(try store.undoLastChange() == nil)
    #expect(try store.check(today: LocalDate(year: 2026, month: 11, day: 20)!).problems.isEmpty)
  }
}
