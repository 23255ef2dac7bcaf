import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit
@testable import MileQuestSQLite

/// The progress line of long work (issue 15, "Long work shows progress"): its text, rate and
/// time left, when it is drawn and cleared, with a clock driven by hand; and the counts an
/// import reports. Expected texts are worked out by hand.
@Suite("Progress line")
struct ProgressMeterTests {
  /// A meter on a hand-driven clock that records what it draws.
  final class Harness {
    var now = 100.0
    var drawn: [String] = []
    lazy var meter = ProgressMeter(
      width: 79, startAfter: 0.75, interval: 0.1, clock: { [unowned self] in self.now },
      draw: { [unowned self] in self.drawn.append($0) })
  }

  @Test("the line says done of total, percent, rate and time left")
  func lineText() {
    // 12 MiB of 40 MiB in 1.5 s: 8 MiB/s, 28 MiB left → 3.5 s, shown rounded up as 4 s.
    let mib = 1 << 20
    #expect(
      ProgressMeter.line(
        label: "importing walks.csv", done: 12 * mib, total: 40 * mib, unit: .bytes,
        elapsed: 1.5)
        == "importing walks.csv: 12.0 MiB of 40.0 MiB (30%), 8.0 MiB/s, 4 s left")
    // 120000 of 1000000 rows in 2.4 s: 50000 rows/s, 880000 left → 17.6 s → 18 s.
    #expect(
      ProgressMeter.line(
        label: "exporting walks", done: 120_000, total: 1_000_000, unit: .rows, elapsed: 2.4)
        == "exporting walks: 120000 of 1000000 rows (12%), 50000 rows/s, 18 s left")
    // No total: the count and the rate only.
    #expect(
      ProgressMeter.line(label: "reading", done: 3000, total: nil, unit: .rows, elapsed: 2)
        == "reading: 3000 rows, 1500 rows/s")
    // Nothing done yet: no rate, no time left.
    #expect(
      ProgressMeter.line(label: "copying", done: 0, total: 10, unit: .pages, elapsed: 1)
        == "copying: 0 of 10 pages (0%)")
  }

  @Test("percent is rounded down and never passes 100; done past the total shows the total")
  func percentBounds() {
    #expect(
      ProgressMeter.line(label: "x", done: 999, total: 1000, unit: .rows, elapsed: 1)
        == "x: 999 of 1000 rows (99%), 999 rows/s, 1 s left")
    #expect(
      ProgressMeter.line(label: "x", done: 1500, total: 1000, unit: .rows, elapsed: 1)
        == "x: 1000 of 1000 rows (100%), 1500 rows/s, 0 s left")
  }

  @Test("amounts and durations as people read them")
  func units() {
    #expect(ProgressMeter.amount(1, .rows) == "1 row")
    #expect(ProgressMeter.amount(512, .bytes) == "512 B")
    #expect(ProgressMeter.amount(1536, .bytes) == "1.5 KiB")
    #expect(ProgressMeter.amount(5 * (1 << 30) / 2, .bytes) == "2.5 GiB")
    #expect(ProgressMeter.duration(0.2) == "1 s")
    #expect(ProgressMeter.duration(59) == "59 s")
    #expect(ProgressMeter.duration(125) == "2 min 05 s")
    #expect(ProgressMeter.duration(3720) == "1 h 02 min")
    #expect(ProgressMeter.rateText(2.5 * 1024 * 1024, .bytes) == "2.5 MiB/s")
  }

  @Test("a long label is cut to the width; control characters are escaped")
  func width() {
    let line = ProgressMeter.line(
      label: String(repeating: "w", count: 100), done: 1, total: 2, unit: .rows, elapsed: 1,
      width: 40)
    #expect(line.count == 40)
    #expect(line.hasSuffix("…"))
    let hostile = ProgressMeter.line(
      label: "importing \u{1B}[2Jx.csv", done: 1, total: nil, unit: .rows, elapsed: 1)
    #expect(!hostile.contains("\u{1B}"))
  }

  @Test("nothing is drawn in the first 0.75 s, so short work shows no line")
  func quietAtFirst() {
    let harness = Harness()
    harness.meter.begin("importing", unit: .rows, total: 100)
    harness.now += 0.5
    harness.meter.update(done: 50)
    harness.now += 0.2
    harness.meter.update(done: 99)
    harness.meter.end()
    #expect(harness.drawn == [])
  }

  @Test("the line is redrawn in place at most ten times a second, then cleared at the end")
  func throttled() {
    let harness = Harness()
    harness.meter.begin("importing", unit: .rows, total: 100)
    // 1 s in: the first drawing, in place (carriage return, text, clear to end of line).
    harness.now += 1
    harness.meter.update(done: 10)
    #expect(
      harness.drawn == ["\rimporting: 10 of 100 rows (10%), 10 rows/s, 9 s left\u{1B}[K"])
    // Updates 1/32 s apart (exact in binary): only those at least 0.1 s after the last
    // drawing draw, at 1.125, 1.25, … 1.875 s: seven more.
    for step in 1...30 {
      harness.now += 0.03125
      harness.meter.update(done: 10 + step)
    }
    #expect(harness.drawn.count == 8, "\(harness.drawn)")
    #expect(harness.meter.isShown)
    harness.meter.end()
    #expect(harness.drawn.last == "\r\u{1B}[K")
    #expect(!harness.meter.isShown)
    // After the end, updates draw nothing.
    harness.now += 5
    harness.meter.update(done: 100)
    #expect(harness.drawn.count == 9)
  }

  @Test("an end with nothing drawn writes nothing")
  func endWithoutLine() {
    let harness = Harness()
    harness.meter.end()
    harness.meter.begin("x", unit: .bytes, total: nil)
    harness.meter.end()
    #expect(harness.drawn == [])
  }

  /// Records every call, for the Kit's side of the contract.
  final class Recorder: WorkListener, @unchecked Sendable {
    var calls: [String] = []
    func begin(_ label: String, unit: WorkUnit, total: Int?) {
      calls.append("begin \(label) \(unit) \(total.map(String.init) ?? "nil")")
    }
    func update(done: Int) { calls.append("update \(done)") }
    func end() { calls.append("end") }
  }

  @Test("import walks reports the bytes read, a chunk at a time, against the file's size")
  func importReportsBytes() throws {
    // Given a CSV of 2000 rows read 4 KiB at a time
    let store = try ImportExportTests.people()
    var service = try ImportExportTests.service(store)
    let recorder = Recorder()
    service.workListener = recorder
    var csv = "member,date,distance\n"
    for day in 0..<2000 { csv += "ana,2026-03-\(10 + day % 10),\(day % 7 + 1) km\n" }
    let bytes = Array(csv.utf8)
    let source = ByteSource(bytes: bytes, name: "w.csv", chunkSize: 4096)

    // When it is imported
    let report = try service.importWalks(source, format: .csv, file: "w.csv", dryRun: false)

    // Then the listener heard one begin with the size, one update per chunk, one end
    #expect(report.added == 2000)
    let chunks = (bytes.count + 4095) / 4096
    #expect(recorder.calls.first == "begin importing w.csv bytes \(bytes.count)")
    #expect(recorder.calls.count == chunks + 2)
    #expect(recorder.calls[chunks] == "update \(bytes.count)")
    #expect(recorder.calls.last == "end")
  }

  @Test("check reports the walks it reads, every 1,024, against their count")
  func checkReportsWalks() throws {
    // Given 2,100 walks
    let store = try ImportExportTests.people()
    let service = try ImportExportTests.service(store)
    var csv = "member,date,distance\n"
    for day in 0..<2100 { csv += "ben,2026-03-\(10 + day % 10),\(day % 7 + 1) km\n" }
    let source = ByteSource(bytes: Array(csv.utf8), name: "w.csv")
    _ = try service.importWalks(source, format: .csv, file: "w.csv", dryRun: false)

    // When the store is checked with a listener
    let recorder = Recorder()
    let report = try store.check(today: try ImportExportTests.today(), listener: recorder)

    // Then it heard the count, two updates (1,024 and 2,048) and the end
    #expect(report.problems == [])
    #expect(
      recorder.calls == ["begin checking walks rows 2100", "update 1024", "update 2048", "end"])
  }

  @Test("import gpx reports the bytes of its files against their sizes")
  func gpxReportsBytes() throws {
    // Given a 12,231-byte track, read in one 64 KiB chunk, named twice (read once)
    let store = try ImportExportTests.people()
    var service = try ImportExportTests.service(store)
    let recorder = Recorder()
    service.workListener = recorder
    let path = try fixturePath("garmin_etrex20x_visnjan.gpx")
    let size = try #require(
      try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)

    // When it is imported
    _ = try service.importGPX(
      paths: [path, path], member: "ana", merge: false, date: nil, dryRun: true)

    // Then: the total is the file's size (a file named twice counts once), one update, end
    #expect(
      recorder.calls == [
        "begin importing 2 files bytes \(size)", "update \(size)", "end",
      ])
  }

  @Test("import all reports the bytes of the walks list read, every 1,024 walks")
  func importAllReportsWalks() throws {
    // Given an export of 2,100 walks
    let original = try ImportExportTests.people()
    var csv = "member,date,distance\n"
    for day in 0..<2100 { csv += "cai,2026-03-\(10 + day % 10),\(day % 7 + 1) km\n" }
    _ = try ImportExportTests.service(original).importWalks(
      ByteSource(bytes: Array(csv.utf8), name: "w.csv"), format: .csv, file: "w.csv",
      dryRun: false)
    let text = try ImportExportTests.service(original).exportAll().compact()

    // When it is imported into an empty store with a listener
    let copy = try SQLiteStore.inMemory()
    var service = try ImportExportTests.service(copy)
    let recorder = Recorder()
    service.workListener = recorder
    let counts = try service.importAll(
      try ExportAllDocument(bytes: Array(text.utf8), name: "all.json"), file: "all.json")

    // Then the total is the walks list's bytes (from its "[" to its "]", the document's last
    // value), two updates within it and rising, and the end
    #expect(counts.walks == 2100)
    let start = try #require(text.range(of: "\"walks\":[")).upperBound
    let span = text.utf8.distance(from: text.utf8.index(before: start), to: text.utf8.endIndex) - 1
    #expect(recorder.calls.first == "begin importing walks from all.json bytes \(span)")
    let updates = recorder.calls.dropFirst().dropLast().compactMap {
      Int($0.dropFirst("update ".count))
    }
    #expect(updates.count == 2)
    #expect(updates == updates.sorted() && (updates.last ?? .max) < span)
    #expect(recorder.calls.last == "end")
  }

  @Test("a failed import still ends the line")
  func importFailureEnds() throws {
    let store = try ImportExportTests.people()
    var service = try ImportExportTests.service(store)
    let recorder = Recorder()
    service.workListener = recorder
    let source = ByteSource(
      bytes: Array("member,date,distance\nzed,2026-03-10,1\n".utf8), name: "b.csv")
    #expect(throws: MileQuestError.self) {
      _ = try service.importWalks(source, format: .csv, file: "b.csv", dryRun: false)
    }
    #expect(recorder.calls.last == "end")
  }
}
