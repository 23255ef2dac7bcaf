import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// The reader registry (`ImportFormats.all`): every format is told from its own fixtures'
/// content, the one import path writes all of them, and every one draws the progress line
/// the other long imports draw. Today is 2026-12-07.
@Suite("Import formats: the registry, one plumbing, progress")
struct ImportRegistryTests {
  static func fixture(_ name: String) throws -> String {
    try FitImportServiceTests.fixture(name)
  }

  @Test func namesAndTitlesAreUniqueAndKindsRoundTrip() {
    let names = ImportFormats.all.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(Set(ImportFormats.all.map(\.title)).count == names.count)
    #expect(names == ["health", "fit", "tcx", "strava", "google-fit", "fitbit"])
    for format in ImportFormats.all {
      #expect(ImportFormats.named(format.name)?.name == format.name)
      #expect(ImportFormats.title(of: format.kind) == format.title)
      #expect(!format.fixtures.isEmpty, "\(format.name) names no fixture")
      #expect(!format.extensions.isEmpty && !format.abstract.isEmpty)
    }
    #expect(ImportFormats.named("walks") == nil)
  }

  @Test("detection covers each format's fixtures, and only that format takes them")
  func detectionCoversEveryFixture() throws {
    for format in ImportFormats.all {
      for name in format.fixtures {
        let path = try Self.fixture(name)
        #expect(try ImportDetection.detect(path: path) == format.kind, "\(name)")
        let takers = try ImportDetection.probes(path: path).flatMap { probe in
          ImportFormats.all.filter { $0.recognises(probe) }.map(\.name)
        }
        #expect(Set(takers) == [format.name], "\(name): \(takers)")
      }
    }
  }

  @Test("a file none of the formats knows names them all in its error")
  func unknownFileNamesTheKinds() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("unknown-\(UUID().uuidString).txt")
    try Data("hello\n".utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let error = try #require(throws: MileQuestError.self) {
      _ = try ImportDetection.detect(path: url.path)
    }
    let text = "\(error)"
    #expect(text.contains("cannot tell what to import"))
    for format in ImportFormats.all { #expect(text.contains(format.name), "\(text)") }
  }

  @Test("every format writes through the one transaction: idempotent, dry run rolled back")
  func everyFormatGoesThroughOnePath() throws {
    for format in ImportFormats.all {
      let (service, store) = try FitImportServiceTests.service()
      let path = try Self.fixture(format.fixtures[0])
      let dry = try service.importFiles(format, paths: [path], member: "ana", dryRun: true)
      #expect(dry.report.added > 0, "\(format.name)")
      #expect(dry.walks.count == dry.report.added + dry.report.skipped, "\(format.name)")
      #expect(dry.walks.allSatisfy { $0.isNew }, "\(format.name)")
      #expect(try FitImportServiceTests.walks(store).isEmpty, "\(format.name)")
      let first = try service.importFiles(format, paths: [path], member: "ana", dryRun: false)
      #expect(first.report.added == dry.report.added, "\(format.name)")
      #expect(first.walks.isEmpty, "\(format.name): only a dry run lists walks")
      let again = try service.importFiles(format, paths: [path], member: "ana", dryRun: false)
      #expect(again.report.added == 0 && again.report.skipped == first.report.added)
      let stored = try FitImportServiceTests.walks(store)
      #expect(stored.count == first.report.added, "\(format.name)")
      #expect(stored.allSatisfy { $0.source == .import && $0.externalId != nil })
    }
  }

  @Test("every bad draft is listed with where it was read, and nothing is written")
  func badDraftsAreAllListed() throws {
    let (service, store) = try FitImportServiceTests.service()
    let day = try date(2026, 1, 2)
    let drafts = [
      MileQuestService.ImportDraft(
        origin: "a.csv:2", date: day, distanceMetres: 1_000, externalId: "x:1"),
      MileQuestService.ImportDraft(
        origin: "a.csv:3", date: try date(2027, 1, 1), distanceMetres: 1_000, externalId: "x:2"),
      MileQuestService.ImportDraft(
        origin: "a.csv:4", date: day, distanceMetres: 1e9, externalId: "x:3"),
      MileQuestService.ImportDraft(
        origin: "a.csv:5", date: day, distanceMetres: nil, externalId: "x:4"),
    ]
    let error = try #require(throws: MileQuestError.self) {
      _ = try service.importDrafts(
        MileQuestService.ImportBatch(drafts: drafts, change: "test"), member: "ana",
        dryRun: false)
    }
    let text = "\(error)"
    #expect(text.contains("a.csv:3: date 2027-01-01 is in the future"), "\(text)")
    #expect(text.contains("a.csv:4: bad distance_m"), "\(text)")
    #expect(text.contains("a.csv:5: no distance and no steps"), "\(text)")
    #expect(!text.contains("a.csv:2"), "\(text)")
    #expect(text.contains("3 bad walks of 4"), "\(text)")
    #expect(try FitImportServiceTests.walks(store).isEmpty)
  }

  @Test("every format reports the bytes it reads against the inputs' size, then ends")
  func everyFormatDrawsProgress() throws {
    for format in ImportFormats.all {
      var (service, _) = try FitImportServiceTests.service()
      let recorder = ProgressMeterTests.Recorder()
      service.workListener = recorder
      let name = format.fixtures[0]
      let path = try Self.fixture(name)
      let size = try #require(
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
      _ = try service.importFiles(format, paths: [path], member: "ana", dryRun: true)
      let label = FilePath.lastComponent(of: path)
      #expect(recorder.calls.first == "begin importing \(label) bytes \(size)", "\(name)")
      #expect(recorder.calls.last == "end", "\(name)")
      let updates = recorder.calls.compactMap { call -> Int? in
        call.hasPrefix("update ") ? Int(call.dropFirst("update ".count)) : nil
      }
      #expect(!updates.isEmpty, "\(name): \(recorder.calls)")
      #expect(updates == updates.sorted(), "\(name): counts only grow")
      let last = try #require(updates.last)
      // A plain file is read to its end; a zip's members count their compressed share.
      if name.hasSuffix(".zip") || name.hasSuffix(".gz") {
        #expect(last > 0 && last <= size + size / 100, "\(name): \(last) of \(size)")
      } else {
        #expect(last == size, "\(name): \(last) of \(size)")
      }
    }
  }

  @Test("a format that fails still ends the line")
  func failedFormatEndsTheLine() throws {
    var (service, _) = try FitImportServiceTests.service()
    let recorder = ProgressMeterTests.Recorder()
    service.workListener = recorder
    #expect(throws: MileQuestError.self) {
      _ = try service.importFiles(
        FitbitFormat(), paths: [try Self.fixture("strava/activities.csv")], member: "ana",
        dryRun: true)
    }
    #expect(recorder.calls.last == "end")
  }
}
