import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// The Kit side of `import fit|tcx|health` and `import FILE`: drafts from the real fixtures
/// (activity, date, id), the shared all-or-nothing writer, Apple Health re-exports, and
/// content detection. Today is 2026-12-07 (rules.xml is of November 2026).
@Suite("Import of device files (FIT, TCX, Apple Health)")
struct FitImportServiceTests {
  static func fixture(_ name: String) throws -> String {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
    ).path
  }

  static func service() throws -> (MileQuestService, SQLiteStore) {
    let store = try SQLiteStore.inMemory()
    let service = MileQuestService(store: store, today: try date(2026, 12, 7))
    _ = try service.addMember(handle: "ana", name: nil, email: nil, stride: nil)
    return (service, store)
  }

  static func walks(_ store: SQLiteStore) throws -> [Walk] {
    try store.read { db in try db.walks(WalkFilter(includeDeleted: true)) }
      .sorted { ($0.id ?? 0) < ($1.id ?? 0) }
  }

  @Test func fitSessionBecomesADraftWithItsSportAndLocalDate() throws {
    let (service, _) = try Self.service()
    let drafts = try service.fitDrafts(paths: [try Self.fixture("fit/garmin-fenix-5-walk.fit")])
    #expect(drafts.count == 1)
    let draft = try #require(drafts.first)
    #expect(draft.activity == .walk)
    #expect(draft.date.description == "2017-06-11")
    #expect(draft.distanceMetres == 67.85)
    #expect(draft.externalId == "fit:1497191571:11")
    // The gzipped copy is the same recording.
    let gz = try service.fitDrafts(paths: [try Self.fixture("fit/garmin-fenix-5-walk.fit.gz")])
    #expect(gz.map(\.externalId) == drafts.map(\.externalId))
  }

  @Test func sportsMapToActivities() {
    #expect(ImportActivity.fit(sport: 1, subSport: nil) == .run)
    #expect(ImportActivity.fit(sport: 2, subSport: nil) == .cycle)
    #expect(ImportActivity.fit(sport: 17, subSport: nil) == .hike)
    #expect(ImportActivity.fit(sport: 5, subSport: nil) == .swim)
    #expect(ImportActivity.fit(sport: nil, subSport: nil) == .other)
    #expect(ImportActivity.tcx(sport: "Running") == .run)
    #expect(ImportActivity.tcx(sport: "Biking") == .cycle)
    #expect(ImportActivity.tcx(sport: "Walking") == .walk)
    #expect(ImportActivity.tcx(sport: "Other") == .other)
    #expect(ImportActivity.health(.walkingRunning) == .walk)
    #expect(ImportActivity.health(.wheelchair) == .wheelchair)
    #expect(ImportActivity.health(.cycling) == .cycle)
    #expect(ImportActivity.health(.swimming) == .swim)
  }

  @Test func tcxActivitiesKeepTheirSport() throws {
    let (service, _) = try Self.service()
    let drafts = try service.tcxDrafts(paths: [try Self.fixture("tcx/no_hr.tcx")])
    #expect(drafts.map(\.activity) == [.run])
    #expect(drafts.first?.externalId == "tcx:1356557393")
  }

  @Test func importsAreAllOrNothingAndIdempotent() throws {
    let (service, store) = try Self.service()
    let fit = try Self.fixture("fit/garmin-fenix-5-walk.fit")
    let first = try service.importFIT(paths: [fit], member: "ana", dryRun: false)
    #expect(first.added == 1)
    let walks = try Self.walks(store)
    #expect(walks.map(\.source) == [.import])
    #expect(walks.map(\.externalId) == ["fit:1497191571:11"])
    let again = try service.importFIT(paths: [fit, fit], member: "ana", dryRun: false)
    #expect(again.added == 0 && again.skipped == 1)
    // A good file with a bad one: nothing at all.
    let tcx = try Self.fixture("tcx/no_hr.tcx")
    #expect(throws: MileQuestError.self) {
      _ = try service.importTCX(paths: [tcx, fit], member: "ana", dryRun: false)
    }
    #expect(try Self.walks(store).count == 1)
    let dry = try service.importTCX(paths: [tcx], member: "ana", dryRun: true)
    #expect(dry.added == 1 && dry.dryRun)
    #expect(try Self.walks(store).count == 1)
  }

  /// A later export with one more day adds that day only; a day whose total grew keeps the
  /// walk imported first and says so.
  @Test func aLaterHealthExportAddsOnlyNewDays() throws {
    let (service, store) = try Self.service()
    func export(_ records: [(String, String)]) throws -> String {
      let body = records.map { day, km in
        "<Record type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sourceName=\"Phone\" "
          + "unit=\"km\" startDate=\"\(day) 08:00:00 +0100\" value=\"\(km)\"/>"
      }.joined(separator: "\n")
      let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("health-\(UUID().uuidString).xml")
      try Data("<HealthData locale=\"en\">\n\(body)\n</HealthData>\n".utf8).write(to: url)
      return url.path
    }
    let first = try export([("2026-11-01", "2.0"), ("2026-11-02", "1.0")])
    defer { try? FileManager.default.removeItem(atPath: first) }
    #expect(
      try service.importHealth(path: first, member: "ana", source: nil, dryRun: false)
        .report.added == 2)
    let second = try export([
      ("2026-11-01", "2.0"), ("2026-11-02", "1.0"), ("2026-11-02", "0.5"), ("2026-11-03", "3.0"),
    ])
    defer { try? FileManager.default.removeItem(atPath: second) }
    let result = try service.importHealth(path: second, member: "ana", source: nil, dryRun: false)
    #expect(result.report.added == 1)
    #expect(result.report.skipped == 2)
    #expect(result.report.warnings.contains { $0.contains("2026-11-02") && $0.contains("1500 m") })
    let walks = try Self.walks(store)
    #expect(walks.map(\.distanceMetres) == [2000, 1000, 3000])
    #expect(
      walks.map(\.externalId) == [
        "health:2026-11-01:walking+running", "health:2026-11-02:walking+running",
        "health:2026-11-03:walking+running",
      ])
  }

  @Test func detectionReadsContentNotNames() throws {
    #expect(try ImportDetection.detect(path: Self.fixture("fit/garmin-fenix-5-walk.fit")) == .fit)
    #expect(
      try ImportDetection.detect(path: Self.fixture("fit/garmin-fenix-5-walk.fit.gz")) == .fit)
    #expect(try ImportDetection.detect(path: Self.fixture("tcx/test.tcx")) == .tcx)
    #expect(try ImportDetection.detect(path: Self.fixture("tcx/test.tcx.gz")) == .tcx)
    #expect(try ImportDetection.detect(path: Self.fixture("health/export6s3sample.xml")) == .health)
    func kind(_ text: String) throws -> ImportKind? {
      try ImportDetection.kind(head: Array(text.utf8), path: "x")
    }
    #expect(try kind("member,date,distance_m\nana,2026-01-01,100\n") == .walks(.csv))
    #expect(try kind("member\tdate\tdistance\n") == .walks(.tsv))
    #expect(
      try kind("{\"member\":\"ana\",\"date\":\"2026-01-01\"}\n{\"member\":\"b\"}\n")
        == .walks(.ndjson))
    #expect(try kind("[{\"member\":\"ana\"}]") == .walks(.json))
    #expect(try kind("{\"schema_version\": 1, \"members\": []}") == .exportAll)
    #expect(try kind("<?xml version=\"1.0\"?>\n<!-- c -->\n<gpx version=\"1.1\">") == .gpx)
    #expect(
      try kind("[{\"dateTime\":\"01/01/24 00:00:00\",\"value\":\"12\"}]")
        == .fitbit)
    #expect(
      try kind("Activity ID,Activity Date,Activity Name\n") == .strava)
    #expect(try kind("hello") == nil)
    #expect(try kind("") == nil)
  }
}
