import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite

/// `import all`'s walk insertion: whatever the order of the ids in the document, the table
/// ends as inserting each walk on its own would leave it (ids, deleted flags, running totals,
/// undo), and orders an export produces go in bulk.
@Suite("WalkRestore")
struct WalkRestoreTests {
  /// A document order of walk ids (nil: no id) with the positions of deleted walks.
  struct Scenario: CustomTestStringConvertible, Sendable {
    let name: String
    let ids: [Int64?]
    var deleted: Set<Int> = []
    var holdLimit = WalkRestore.holdLimit
    /// At most this many bulk runs and walks on their own.
    let runs: Int
    let singles: Int

    var testDescription: String { name }
  }

  static let sequence = (1...1000).map { Int64($0) }

  /// `ids` with each `every`-th walk moved `by` places later (negative: earlier).
  static func moved(_ ids: [Int64], every: Int, by: Int) -> [Int64] {
    var out = ids
    for from in stride(from: max(every, -by), to: ids.count - max(by, 0) - 1, by: every) {
      let walk = out.remove(at: from)
      out.insert(walk, at: from + by)
    }
    return out
  }

  static let scenarios: [Scenario] = {
    var swapped = sequence
    for i in stride(from: 0, to: 999, by: 10) { swapped.swapAt(i, i + 1) }
    var generator = SplitMix64(state: 7)
    let shuffled = sequence.shuffled(using: &generator)
    let gaps = sequence.filter { ![100, 101, 500, 777].contains($0) }
    // Three walks without ids, each taking one above the largest id before it.
    var withoutIds: [Int64?] = sequence.prefix(300).map { $0 }
    withoutIds.append(nil)
    withoutIds += sequence[300..<600].map { $0 + 1 }
    withoutIds += [nil, nil]
    withoutIds += sequence[600...].map { $0 + 3 }
    return [
      Scenario(name: "in order", ids: sequence, runs: 1, singles: 0),
      Scenario(name: "neighbours swapped", ids: swapped, runs: 1, singles: 0),
      Scenario(
        name: "backdated: every 50th earlier", ids: moved(sequence, every: 50, by: -300), runs: 1,
        singles: 0),
      Scenario(
        name: "moved later: every 97th", ids: moved(sequence, every: 97, by: 300), runs: 1,
        singles: 0),
      Scenario(
        name: "every 7th deleted", ids: sequence, deleted: Set(stride(from: 3, to: 1000, by: 7)),
        runs: 1, singles: 0),
      Scenario(name: "reversed", ids: sequence.reversed(), runs: 1, singles: 0),
      Scenario(name: "shuffled", ids: shuffled, runs: 1, singles: 0),
      Scenario(name: "missing ids", ids: gaps, runs: 4, singles: 3),
      Scenario(name: "walks without ids", ids: withoutIds, runs: 3, singles: 3),
      Scenario(name: "missing ids, little room", ids: gaps, holdLimit: 100, runs: 8, singles: 3),
      Scenario(
        name: "moved later, little room", ids: moved(sequence, every: 97, by: 300), holdLimit: 100,
        runs: 10, singles: 25),
      Scenario(
        name: "shuffled, little room", ids: shuffled, holdLimit: 100, runs: 1, singles: 1000),
      Scenario(name: "duplicates of nothing: tiny", ids: [3, 1, 2], runs: 0, singles: 3),
    ]
  }()

  /// The walks of a scenario, for the members of `store`.
  static func walks(_ scenario: Scenario, members: [Int64]) -> [Walk] {
    scenario.ids.enumerated().map { index, id in
      Walk(
        id: id, memberId: members[index % members.count],
        date: LocalDate(year: 2026, month: 1 + index % 12, day: 1 + index % 28)!,
        distanceMetres: 1000 + Double(index) / 7, durationSeconds: index % 3 == 0 ? nil : 600,
        steps: index % 5 == 0 ? index : nil, note: index % 11 == 0 ? "n\(index)" : nil,
        source: index % 2 == 0 ? .manual : .import,
        externalId: index % 2 == 0 ? nil : "e\(index)", isDeleted: scenario.deleted.contains(index))
    }
  }

  /// What inserting each walk on its own gives: its id, or one above the largest so far.
  static func expected(_ walks: [Walk]) -> [Walk] {
    var largest: Int64 = 0
    return walks.map { walk in
      var stored = walk
      if stored.id == nil { stored.id = largest + 1 }
      largest = max(largest, stored.id!)
      return stored
    }.sorted { $0.id! < $1.id! }
  }

  @Test(arguments: scenarios)
  func restoresEveryWalkAsInsertedOneByOne(_ scenario: Scenario) throws {
    let store = try ImportExportTests.people()
    let members = try store.read { db in try db.allMembers().compactMap(\.id) }
    let walks = Self.walks(scenario, members: members)
    let before = try ImportExportTests.snapshot(store)

    let count = try store.write(change: "restore") { db in
      var remaining = walks[...]
      return try WalkRestore.insert(into: db, holdLimit: scenario.holdLimit) {
        remaining.popFirst()
      }
    }

    #expect(count == walks.count)
    #expect(try ImportExportTests.walks(store) == Self.expected(walks))
    #expect(try store.check().problems == [], "running totals")
    let undo = try store.dbQueue.read { db in
      try String.fetchAll(
        db, sql: "SELECT statement FROM undoLog WHERE statement LIKE 'DELETE FROM walk%'")
    }
    let runs = undo.filter { $0.contains("BETWEEN") }.count
    #expect(runs <= scenario.runs, "\(runs) bulk runs")
    #expect(undo.count - runs <= scenario.singles, "\(undo.count - runs) walks on their own")
    #expect(try store.undoLastChange() == "restore")
    #expect(try ImportExportTests.snapshot(store) == before)
    #expect(try ImportExportTests.walks(store) == [])
  }

  @Test func aRepeatedIdIsTheSameErrorAsOneByOne() throws {
    for ids: [Int64] in [Array(1...100) + [50], [5] + Array(1...100), [7, 7]] {
      let store = try ImportExportTests.people()
      let members = try store.read { db in try db.allMembers().compactMap(\.id) }
      let walks = Self.walks(Scenario(name: "", ids: ids, runs: 0, singles: 0), members: members)
      #expect(
        throws: MileQuestError.ruleViolation(
          "the change breaks a database rule (UNIQUE constraint failed: walk.id)")
      ) {
        _ = try store.write(change: "restore") { db in
          var remaining = walks[...]
          return try WalkRestore.insert(into: db) { remaining.popFirst() }
        }
      }
      #expect(try ImportExportTests.walks(store) == [])
    }
  }
}
