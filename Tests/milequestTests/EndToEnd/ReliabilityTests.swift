import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// Several processes at once, a writer that waits too long, and processes killed with SIGKILL
/// in the middle of an import or a backup (SPEC §6: never lose a write; on any error the
/// database is unchanged).
///
/// Serialized: the concurrency test wants both cores to itself, and the kill tests time their
/// kills against a running process.
@Suite("End to end: reliability", .serialized)
struct ReliabilityTests {
  static let writers = 8
  static let walksPerWriter = 250

  @Test("8 `log` processes × 250 walks against one database: 2,000 walks, exact leaderboards")
  func concurrentWriters() throws {
    // Given members m1…m8, m1…m4 in team Alpha and m5…m8 in team Beta
    let cli = try CLI()
    for n in 1...Self.writers { cli.ok(["member", "add", "m\(n)"]) }
    cli.ok(["team", "create", "Alpha", "--as", "m1", "--since", "2026-03-01"])
    cli.ok(["team", "add", "Alpha", "m2", "m3", "m4", "--as", "m1", "--since", "2026-03-01"])
    cli.ok(["team", "create", "Beta", "--as", "m5", "--since", "2026-03-01"])
    cli.ok(["team", "add", "Beta", "m6", "m7", "m8", "--as", "m5", "--since", "2026-03-01"])
    let go = cli.directory.appendingPathComponent("go").path

    // When: eight shells, each running `milequest log` 250 times, all released at once
    let results = Results()
    for n in 1...Self.writers {
      let script = """
        while [ ! -e "$GO" ]; do sleep 0.01; done
        i=0
        while [ $i -lt \(Self.walksPerWriter) ]; do
          "$MQ" log 1km --as m\(n) --date 2026-03-0$((i % 9 + 1)) --quiet || exit $?
          i=$((i + 1))
        done
        """
      let environment = cli.environment(["MQ": BuiltBinary.url.path, "GO": go])
      let thread = Thread {
        let result = runTool("/bin/sh", ["-c", script], environment: environment)
        results.append(n, result)
      }
      thread.start()
    }
    let started = Date()
    _ = FileManager.default.createFile(atPath: go, contents: nil)
    while results.count < Self.writers {
      Thread.sleep(forTimeInterval: 0.05)
      if Date().timeIntervalSince(started) > 600 { break }
    }
    let elapsed = Date().timeIntervalSince(started)

    // Then every process succeeded, and nothing was lost or counted twice
    for (n, result) in results.all {
      #expect(result.code == 0, "writer m\(n) → \(result.code): \(result.output)")
    }
    print("concurrency: \(Self.writers * Self.walksPerWriter) `log` runs in \(elapsed) s")
    let check = J.object(try cli.json(["check"]))
    #expect(check["ok"] as? Bool == true, "\(check)")
    #expect(J.int(J.object(check["counts"])["walk"]) == Self.writers * Self.walksPerWriter)
    for team in ["Alpha", "Beta"] {
      let board = J.object(try cli.json(["leaderboard", "--team", team, "--unit", "km"]))
      let members = J.array(board["entries"]).map(J.object)
      #expect(members.count == Self.writers / 2, "\(board)")
      for entry in members {
        // 250 × 1 km, summed exactly: no walk lost, none counted twice
        #expect(J.double(entry["distance_m"]) == 250_000, "\(team): \(entry)")
        #expect(J.int(entry["walks"]) == Self.walksPerWriter, "\(team): \(entry)")
        #expect(J.double(entry["distance"]) == 250, "\(team): \(entry)")
      }
    }
    let teams = J.array(J.object(try cli.json(["leaderboard", "--teams"]))["entries"])
    #expect(teams.count == 2)
    for entry in teams.map(J.object) {
      #expect(J.double(entry["distance_m"]) == 1_000_000, "\(entry)")
      #expect(J.int(entry["walks"]) == 1_000, "\(entry)")
    }
    let walks = J.array(try cli.json(["walks", "--limit", "5000"]))
    let ids = Set(walks.compactMap { J.int(J.object($0)["id"]) })
    #expect(ids == Set(1...(Self.writers * Self.walksPerWriter)), "walk ids are 1…2000, no gaps")
  }

  @Test("a writer blocked beyond MILEQUEST_BUSY_TIMEOUT exits 75 and changes nothing")
  func busyTimeout() throws {
    // Given a database whose write lock another program holds for 3 s
    let sqlite3 = try #require(findTool("sqlite3"), "sqlite3 is not installed; .ci/run installs it")
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["log", "3", "--as", "ann", "--date", "2026-03-10"])
    let before = cli.dbBytes()
    let locked = cli.directory.appendingPathComponent("locked").path
    let holder = try ChildProcess(
      "/bin/sh",
      [
        "-c",
        "(echo 'BEGIN IMMEDIATE;'; echo '.shell touch \"$LOCKED\"'; sleep 3; echo 'ROLLBACK;') "
          + "| \"$SQLITE3\" \"$DB\"",
      ],
      environment: cli.environment(["LOCKED": locked, "SQLITE3": sqlite3, "DB": cli.databasePath])
    )
    defer { holder.signal(SIGKILL) }
    var waited = 0
    while !FileManager.default.fileExists(atPath: locked) && waited < 200 {
      Thread.sleep(forTimeInterval: 0.02)
      waited += 1
    }
    try #require(FileManager.default.fileExists(atPath: locked), "sqlite3 never took the lock")

    // When a writer with a 0.5 s busy timeout tries to log a walk, and a reader reads
    let started = Date()
    let blocked = cli.run(
      ["log", "5", "--as", "ann", "--date", "2026-03-11"], env: ["MILEQUEST_BUSY_TIMEOUT": "0.5"])
    let waitedFor = Date().timeIntervalSince(started)
    let reader = cli.run(["walks", "--format", "json"], env: ["MILEQUEST_BUSY_TIMEOUT": "0.5"])
    holder.wait(timeout: 60)

    // Then it waited about the timeout, exited 75 with one line, and changed nothing
    #expect(blocked.code == 75, "\(blocked)")
    #expect(blocked.stdout == "")
    #expect(
      blocked.stderr
        == "milequest: error: the database is busy (another milequest is writing); "
        + "nothing was changed, try again\n")
    #expect(waitedFor >= 0.45 && waitedFor < 2.5, "waited \(waitedFor) s for a 0.5 s timeout")
    #expect(reader.code == 0, "readers are not blocked by a writer in WAL mode: \(reader)")
    #expect(cli.dbBytes() == before, "the database changed")
    // And once the lock is gone the same command works
    cli.ok(
      ["log", "5", "--as", "ann", "--date", "2026-03-11"], env: ["MILEQUEST_BUSY_TIMEOUT": "0.5"])
    #expect(J.array(try cli.json(["walks"])).count == 2)
  }

  /// 300,000 walks for ann and bob, each with its own external id.
  static func largeCSV() -> String {
    var csv = "member,date,distance_m,external_id\n"
    csv.reserveCapacity(9_000_000)
    for i in 0..<300_000 {
      let day = i % 28 + 1
      csv += "\(i % 2 == 0 ? "ann" : "bob"),2026-0\(i % 2 + 1)-\(day < 10 ? "0" : "")\(day),"
      csv += "\(1000 + i % 977),r\(i)\n"
    }
    return csv
  }

  @Test("SIGKILL in the middle of a large import: `check` passes, the import is all or nothing")
  func killedImport() throws {
    // Given a database with ann and bob and a 300,000-row CSV
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["member", "add", "bob"])
    let csv = cli.directory.appendingPathComponent("walks.csv")
    try Data(Self.largeCSV().utf8).write(to: csv)
    let wal = cli.databasePath + "-wal"

    // When the import is killed once its transaction has written 8 MB to the WAL
    // (the whole import writes about 35 MB), or after 3 s at the latest
    let importer = try start(cli, ["import", "walks", csv.path])
    let started = Date()
    while importer.isRunning && Date().timeIntervalSince(started) < 3 {
      let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
      if size > 8_000_000 { break }
      Thread.sleep(forTimeInterval: 0.005)
    }
    let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
    importer.signal(SIGKILL)
    importer.wait()
    let killedAfter = Date().timeIntervalSince(started)

    // Then the process really died mid-way, and the database is sound with 0 or all walks
    #expect(
      importer.terminatingSignal == SIGKILL,
      "the import finished before the kill (\(killedAfter) s); make the file larger")
    print("killed import after \(killedAfter) s with a \(walSize)-byte WAL")
    let check = J.object(try cli.json(["check"]))
    #expect(check["ok"] as? Bool == true, "\(check)")
    let count = J.int(J.object(check["counts"])["walk"])
    #expect(count == 0 || count == 300_000, "a partial import: \(count ?? -1) walks")
    // And the same import, run again, completes it
    cli.ok(["import", "walks", csv.path])
    let again = J.object(try cli.json(["check"]))
    #expect(again["ok"] as? Bool == true, "\(again)")
    #expect(J.int(J.object(again["counts"])["walk"]) == 300_000)
  }

  @Test("SIGKILL in the middle of a backup leaves the source sound and unchanged")
  func killedBackup() throws {
    // Given a 30 MB database, closed and checkpointed
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["member", "add", "bob"])
    let csv = cli.directory.appendingPathComponent("walks.csv")
    try Data(Self.largeCSV().utf8).write(to: csv)
    cli.ok(["import", "walks", csv.path])
    let before = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))
    let report = cli.ok(["leaderboard", "--format", "json"])

    // When backups are killed as soon as they start writing the copy (a few tries, as a
    // backup of this size takes only about 0.1 s)
    var killedMidway = 0
    for attempt in 1...5 where killedMidway < 2 {
      let copy = cli.directory.appendingPathComponent("copy\(attempt).db").path
      let backup = try start(cli, ["backup", copy])
      let started = Date()
      while backup.isRunning && Date().timeIntervalSince(started) < 10 {
        // The copy is written under a temporary name (.milequest-*) and renamed at the end.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cli.directory.path)) ?? []
        if names.contains(where: { $0.hasPrefix(".milequest-") && $0.hasSuffix("-journal") }) {
          break
        }
        usleep(200)
      }
      backup.signal(SIGKILL)
      backup.wait()
      if backup.terminatingSignal == SIGKILL { killedMidway += 1 }

      // Then the source database file is byte for byte the same, passes `check` and reads
      // the same; any WAL a killed reader left behind is empty
      let after = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))
      #expect(after == before, "attempt \(attempt): the source database changed")
      let wal = (try? Data(contentsOf: URL(fileURLWithPath: cli.databasePath + "-wal"))) ?? Data()
      #expect(wal.isEmpty, "attempt \(attempt): the source has \(wal.count) bytes of WAL")
      let check = J.object(try cli.json(["check"]))
      #expect(check["ok"] as? Bool == true, "\(check)")
      #expect(J.int(J.object(check["counts"])["walk"]) == 300_000)
      #expect(cli.ok(["leaderboard", "--format", "json"]) == report)
    }
    #expect(killedMidway > 0, "no backup could be killed before it finished")
  }

  // MARK: - Helpers

  /// Starts `milequest args...` in `cli`'s environment without waiting for it.
  func start(_ cli: CLI, _ args: [String]) throws -> ChildProcess {
    try ChildProcess(
      BuiltBinary.url.path, args, environment: cli.environment(), directory: cli.directory.path)
  }
}

/// What the writer threads report, behind a lock.
private final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [(Int, (code: Int32, output: String))] = []

  func append(_ n: Int, _ result: (code: Int32, output: String)) {
    lock.lock()
    defer { lock.unlock() }
    results.append((n, result))
  }

  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return results.count
  }

  var all: [(Int, (code: Int32, output: String))] {
    lock.lock()
    defer { lock.unlock() }
    return results
  }
}
