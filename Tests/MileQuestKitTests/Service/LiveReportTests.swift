import Foundation
import MileQuestSQLite
import Testing

@testable import MileQuestKit

/// `ChangeWatching` on SQLite (two connections to one WAL file, as two processes have) and
/// the `LiveReport` loop on top of it.
@Suite("Live reports")
struct LiveReportTests {
  /// Two stores on one new database file: the watcher and another connection that writes
  /// (with a busy timeout of zero: it fails at once if anything holds the database).
  static func pair() throws -> (watcher: SQLiteStore, writer: SQLiteStore, cleanup: () -> Void) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-live-\(UUID().uuidString)")
    let path = directory.appendingPathComponent("t.db").path
    let watcher = try SQLiteStore(path: path)
    let writer = try SQLiteStore(path: path, busyTimeout: 0)
    return (
      watcher, writer,
      {
        try? watcher.close()
        try? writer.close()
        try? FileManager.default.removeItem(at: directory)
      }
    )
  }

  static func addMember(_ store: SQLiteStore, _ handle: String) throws {
    try store.write(change: "add") { s in _ = try s.insert(Member(handle: handle, name: handle)) }
  }

  @Test("SQLite: another connection's commit is seen within a second, nothing else is")
  func sqliteSeesCommits() throws {
    // Given a watcher that has started watching
    let (watcher, writer, cleanup) = try Self.pair()
    defer { cleanup() }
    #expect(try watcher.waitForChanges(timeout: 0) == false)
    #expect(try watcher.waitForChanges(timeout: 0.3) == false)
    // When another connection commits, then it is seen within a second
    try Self.addMember(writer, "ann")
    let started = Date()
    #expect(try watcher.waitForChanges(timeout: 5))
    #expect(Date().timeIntervalSince(started) < 1)
    // and only once
    #expect(try watcher.waitForChanges(timeout: 0.3) == false)
    // A rolled-back change (a dry run) is not a change.
    writer.holdChanges()
    try Self.addMember(writer, "bob")
    try writer.discardHeldChanges()
    #expect(try watcher.waitForChanges(timeout: 0.4) == false)
  }

  @Test("SQLite: a watcher never blocks a writer, nor keeps an old snapshot")
  func sqliteWatcherHoldsNothing() throws {
    let (watcher, writer, cleanup) = try Self.pair()
    defer { cleanup() }
    _ = try watcher.waitForChanges(timeout: 0)
    // A read by the watcher, then a wait in another thread while the writer writes with no
    // busy timeout at all: any lock the watcher kept would fail the write at once (75).
    _ = try watcher.read { try $0.allMembers() }
    let seen = LockedFlag()
    let thread = Thread { seen.set((try? watcher.waitForChanges(timeout: 3)) ?? false) }
    thread.start()
    usleep(100_000)
    for handle in ["ann", "bob", "cy"] { try Self.addMember(writer, handle) }
    let deadline = Date().addingTimeInterval(5)
    while seen.value == nil && Date() < deadline { usleep(20_000) }
    #expect(seen.value == true)
    // The watcher's next read sees all three.
    #expect(try watcher.read { try $0.allMembers() }.count == 3)
  }

  @Test("the loop shows the first rendering, then only renderings that differ")
  func loopShowsChanges() throws {
    let (watcher, writer, cleanup) = try Self.pair()
    defer { cleanup() }
    try Self.addMember(writer, "ann")
    // The report: the handles of the members whose names start with "a".
    let render = {
      try watcher.read { db in
        try db.allMembers().map(\.handle).filter { $0.hasPrefix("a") }.joined(separator: ",")
      }
    }
    var shown: [String] = []
    var steps = 0
    // Each step runs between two waits: another connection changes the database (which must
    // not be blocked: the writer has no busy timeout), and the loop goes on.
    let script: [() throws -> Void] = [
      { try Self.addMember(writer, "amy") },  // moves the report
      { try Self.addMember(writer, "bob") },  // a change the report does not show
      {}, {},
      { try Self.addMember(writer, "abe") },  // moves it again
      {}, {},
    ]
    var report = LiveReport()
    report.waitSlice = 0.3
    try report.run(
      watcher, render: render, show: { shown.append($0) },
      stopped: {
        defer { steps += 1 }
        // Asked after each wait and before each rendering: act every other time.
        guard steps % 2 == 1 else { return steps / 2 >= script.count }
        if steps / 2 < script.count { try? script[steps / 2]() }
        return false
      })
    #expect(shown == ["ann", "amy,ann", "abe,amy,ann"])
  }

  @Test("without a change the report is rendered again after the refresh interval")
  func loopRefreshes() throws {
    let (watcher, _, cleanup) = try Self.pair()
    defer { cleanup() }
    var clock = Date(timeIntervalSince1970: 0)
    var renderings = 0
    var day = "monday"
    var shown: [String] = []
    var report = LiveReport()
    report.waitSlice = 0.01
    report.refreshInterval = 60
    var waits = 0
    try report.run(
      watcher,
      render: {
        renderings += 1
        return day
      }, show: { shown.append($0) },
      stopped: {
        waits += 1
        clock += 25  // each wait: 25 s of the fake clock
        if waits == 4 { day = "tuesday" }
        return waits > 12
      }, now: { clock })
    // Rendered at start, then once each time 60 s had passed: the new day shown once.
    #expect(shown == ["monday", "tuesday"])
    // Not at every wait: only when the interval had passed.
    #expect(renderings >= 2 && renderings <= 5)
  }

  @Test("an SQLite store can be watched")
  func watchable() throws {
    let store = try SQLiteStore.inMemory()
    #expect(try LiveReport.watching(store) === store)
  }
}

/// A value set by one thread and read by another.
private final class LockedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Bool?
  var value: Bool? { lock.withLock { stored } }
  func set(_ value: Bool) { lock.withLock { stored = value } }
}
