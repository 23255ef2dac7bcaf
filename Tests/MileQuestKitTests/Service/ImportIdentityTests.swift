import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit

/// Issue 11: the n-th identical row of a source is the n-th identical walk from it.
@Suite struct ImportIdentityTests {
  typealias T = ImportExportTests

  @Test func identicalRowsGetOccurrenceNumbers() throws {
    // Given
    let store = try T.people()
    let csv = "member,date,distance\nana,2026-03-01,3\nana,2026-03-01,3\nana,2026-03-01,3\n"

    // When
    let first = try T.importing(csv, .csv, into: store)
    let again = try T.importing(csv, .csv, into: store)

    // Then: three walks, the first with the id earlier versions gave it
    #expect(first.added == 3 && again.added == 0 && again.skipped == 3)
    let ids = try T.walks(store).compactMap(\.externalId).sorted()
    #expect(ids.count == 3)
    let base = try #require(ids.first)
    #expect(ids == [base, base + "#2", base + "#3"])
  }

  @Test func theFirstIdIsTheOneEarlierVersionsStored() throws {
    // The fingerprint of earlier versions: member, date, distance, duration (-1 for none).
    var old = Fingerprint()
    old.add("ana")
    old.add("2026-03-01")
    old.add(3 * 1609.344)
    old.add(-1.0)
    let walk = Walk(memberId: 1, date: LocalDate("2026-03-01")!, distanceMetres: 3 * 1609.344)
    let hash = ImportIdentity.fingerprint(of: walk, handle: "ana")
    #expect(ImportIdentity.id(hash, occurrence: 1) == "fp:\(old.hex)")
    #expect(ImportIdentity.id(hash, occurrence: 3) == "fp:\(old.hex)#3")
    var noted = walk
    noted.note = "evening"
    #expect(ImportIdentity.fingerprint(of: noted, handle: "ana") != old.value)
  }

  @Test func aLaterFileMatchesOccurrencesInOrder() throws {
    let store = try T.people()
    _ = try T.importing("member,date,distance\nana,2026-03-01,3\n", .csv, into: store)
    let report = try T.importing(
      "member,date,distance\nana,2026-03-01,3\nana,2026-03-01,3\n", .csv, into: store, dryRun: true)
    #expect(report == .init(added: 1, skipped: 1, dryRun: true))
    let real = try T.importing(
      "member,date,distance\nana,2026-03-01,3\nana,2026-03-01,3\n", .csv, into: store)
    #expect(real == .init(added: 1, skipped: 1, dryRun: false))
    #expect(try T.walks(store).count == 2)
  }

  @Test func anExportedRowIsTheWalkItCameFrom() throws {
    let store = try T.people()
    let service = try T.service(store, as: "ana")
    _ = try service.logWalk(.init(member: "ana", distance: "3", date: "2026-03-01"))
    _ = try service.logWalk(.init(member: "ana", distance: "3", date: "2026-03-01"))
    var csv = ""
    try service.export(.walks, format: .csv) { csv += $0 }

    let report = try T.importing(csv, .csv, into: store)

    #expect(report == .init(added: 0, skipped: 2, dryRun: false))
  }

  @Test func anUnknownSourceIsRefused() throws {
    let store = try T.people()
    let message = T.badData {
      _ = try T.importing(
        "member,date,distance,source\nana,2026-03-01,3,strava\n", .csv, into: store)
    }
    #expect(message?.contains("walks:2: bad source 'strava'") == true, "\(message ?? "-")")
  }
}
