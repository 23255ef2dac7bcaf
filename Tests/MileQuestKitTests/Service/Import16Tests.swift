import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Issue 16: a re-import remembers one fingerprint per row it finds already stored; past a
/// bound they go to a scratch file (`SpillingCounts`), and nothing an import does, reports or
/// refuses may change with the bound: the n-th identical row is still the n-th identical walk
/// when its earlier copies were moved to the file.
@Suite("Import 16: fingerprints past the bound")
struct Import16Tests {
  typealias T = ImportExportTests

  // MARK: SpillingCounts

  @Test func countsPastTheCapacityAreReadBackFromTheFile() throws {
    var counts = SpillingCounts(capacity: 3)
    let keys: [UInt64] = (0..<100).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 } + [UInt64.max, 0]
    for (index, key) in keys.enumerated() { try counts.set(Int32(index % 7 + 1), for: key) }
    #expect(counts.spilled >= 99)
    for (index, key) in keys.enumerated().dropLast() where key != 0 {
      #expect(try counts.value(for: key) == Int32(index % 7 + 1))
    }
    #expect(try counts.value(for: 12345) == nil)
  }

  @Test func aNewerCountWinsOverTheOneInTheFile() throws {
    var counts = SpillingCounts(capacity: 2)
    try counts.set(1, for: 42)
    try counts.set(1, for: 43)  // full: both go to the file
    #expect(counts.spilled == 2)
    try counts.set(2, for: 42)  // held in memory, newer than the file's
    #expect(try counts.value(for: 42) == 2)
    try counts.set(5, for: 44)  // a second spill replaces the file's 42
    #expect(counts.spilled == 4)
    #expect(try counts.value(for: 42) == 2)
    #expect(try counts.value(for: 43) == 1)
    #expect(try counts.value(for: 44) == 5)
  }

  @Test func underTheCapacityNothingGoesToAFile() throws {
    var counts = SpillingCounts(capacity: 10)
    for key in UInt64(1)...9 { try counts.set(1, for: key) }
    #expect(counts.spilled == 0)
    #expect(try counts.value(for: 9) == 1)
  }

  // MARK: imports with a bound of a few fingerprints

  /// `count` different rows of ana, ben and cai, then the rows at `repeats` again, in order.
  static func rows(_ count: Int, repeating repeats: [Int] = []) -> String {
    let start = LocalDate("2026-01-01")!
    var lines = ["member,date,distance_m,duration_s"]
    let row = { (index: Int) -> String in
      let handle = ["ana", "ben", "cai"][index % 3]
      return "\(handle),\(start.adding(days: index % 70)),\(1000 + index),"
    }
    for index in 0..<count { lines.append(row(index)) }
    for index in repeats { lines.append(row(index)) }
    return lines.joined(separator: "\n") + "\n"
  }

  static func importing(
    _ text: String, into store: SQLiteStore, bound: Int, dryRun: Bool = false
  ) throws -> MileQuestService.ImportReport {
    try T.service(store).importWalks(
      ByteSource(bytes: Array(text.utf8), name: "walks.csv"), format: .csv, file: "walks.csv",
      dryRun: dryRun, cacheCapacity: 16, identityCapacity: bound)
  }

  @Test func reImportOfAFileLargerThanTheBoundAddsNothing() throws {
    // 60 rows, the first and the 10th twice more at the end, far past a bound of 2.
    let text = Self.rows(60, repeating: [0, 9, 0])
    let small = try T.people()
    let large = try T.people()
    let a = try Self.importing(text, into: small, bound: 2)
    let b = try Self.importing(text, into: large, bound: 100_000)
    #expect(a.added == 63 && a.skipped == 0)
    #expect(a == b)
    #expect(try T.snapshot(small) == T.snapshot(large))
    for bound in [1, 2, 5, 100_000] {
      let again = try Self.importing(text, into: small, bound: bound)
      #expect(again.added == 0 && again.skipped == 63, "bound \(bound)")
    }
    #expect(try T.snapshot(small) == T.snapshot(large))
    #expect(try small.check().problems.isEmpty)
  }

  @Test func moreCopiesInALaterFileAddExactlyTheNewOnes() throws {
    let store = try T.people()
    _ = try Self.importing(Self.rows(40, repeating: [3]), into: store, bound: 2)
    // Row 3 once more (now three times) and row 30 twice more, each copy more than the bound
    // of rows after the last one: exactly three walks are new.
    let later = Self.rows(40, repeating: [3, 30, 3, 30])
    let dry = try Self.importing(later, into: store, bound: 2, dryRun: true)
    #expect(dry == .init(added: 3, skipped: 41, dryRun: true))
    let real = try Self.importing(later, into: store, bound: 2)
    #expect(real == .init(added: 3, skipped: 41, dryRun: false))
    let ids = try T.walks(store).compactMap(\.externalId)
    #expect(ids.count == 44 && Set(ids).count == 44)
    #expect(ids.filter { $0.hasSuffix("#3") }.count == 2)
    #expect(ids.filter { $0.hasSuffix("#2") }.count == 2)
    let again = try Self.importing(later, into: store, bound: 1)
    #expect(again.added == 0 && again.skipped == 44)
  }

  @Test func duplicatesAcrossSpillsOfOneFileAreTwoWalks() throws {
    // A first import of a file whose identical rows lie far apart: the first copy is added,
    // the second finds it added earlier and becomes #2, the third #3.
    let store = try T.people()
    let report = try Self.importing(Self.rows(30, repeating: [7, 7, 20]), into: store, bound: 1)
    #expect(report.added == 33)
    let ids = try T.walks(store).compactMap(\.externalId)
    #expect(Set(ids).count == 33)
  }

  @Test func theIdentityMovesFingerprintsToTheFileOnAReImport() throws {
    // The bound is really passed: a re-import of 50 rows with a bound of 4 spills.
    let store = try T.people()
    let walks = try (0..<50).map { index in
      Walk(
        memberId: 1, date: try date(2026, 1, 1).adding(days: index % 60),
        distanceMetres: Double(1000 + index), source: .import)
    }
    for pass in 0..<2 {
      var identity = ImportIdentity(capacity: 4)
      let added = try store.write(change: "import") { db in
        try db.insertWalks { insert in
          for walk in walks {
            let hash = ImportIdentity.fingerprint(of: walk, handle: "ana")
            var row = walk
            row.externalId = ImportIdentity.id(hash, occurrence: 1)
            _ = try identity.place(
              ImportedRow(walk: row, fingerprint: hash, exportedId: nil, source: .import), insert)
          }
        }
      }
      #expect(added == (pass == 0 ? 50 : 0))
      #expect(identity.spilled == (pass == 0 ? 0 : 48))
    }
  }

  @Test func badRowsAreReportedTheSameWhateverTheBound() throws {
    var text = Self.rows(20)
    text += "dan,2026-02-01,1000,\nana,2026-02-02,-5,\n"
    let store = try T.people()
    _ = try Self.importing(Self.rows(20), into: store, bound: 1)
    let before = try T.snapshot(store)
    var messages: [String?] = []
    for bound in [1, 3, 100_000] {
      messages.append(T.badData { _ = try Self.importing(text, into: store, bound: bound) })
      #expect(try T.snapshot(store) == before)
    }
    let message = try #require(messages[0])
    #expect(message.contains("walks.csv:22: unknown member 'dan'"))
    #expect(message.contains("walks.csv:23: bad distance_m '-5'"))
    #expect(messages.allSatisfy { $0 == message })
  }
}
