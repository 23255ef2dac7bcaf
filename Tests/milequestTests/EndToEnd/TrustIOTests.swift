import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Bytes gathered by a reader thread.
final class LockedBytes: @unchecked Sendable {
  private let condition = NSCondition()
  private var bytes = 0
  private var finished = false

  func append(_ chunk: ArraySlice<UInt8>) {
    condition.lock()
    bytes += chunk.count
    condition.unlock()
  }

  func finish() {
    condition.lock()
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  func waitUntilFinished() {
    condition.lock()
    while !finished { condition.wait() }
    condition.unlock()
  }

  var count: Int {
    condition.lock()
    defer { condition.unlock() }
    return bytes
  }
}

/// One run of the binary (a `ChildProcess`), so that a test can
/// signal it while it runs, and read its peak memory.
///
/// The peak is measured by GNU time (`measuringMemory`), which forks the binary from its own
/// small process: the test runner's `ru_maxrss` for a child it spawned counts the runner's own
/// memory at the spawn (the child shares it until `exec`), and `RUSAGE_CHILDREN` is the largest
/// of all children of every test.
final class SpawnedRun {
  let pid: pid_t
  private let child: ChildProcess
  private let outPath: String
  private let errPath: String
  /// Where GNU time writes the peak resident memory, when measuring.
  private let rssPath: String?
  static let gnuTime = "/usr/bin/time"

  /// Starts `executable arguments...` with the CLI's environment; standard output goes to
  /// `stdoutPath` (a file, or `/dev/full`), standard error to a file. Signals are reset to
  /// their defaults in the child, whatever the test runner ignores.
  init(
    _ cli: CLI, executable: String = BuiltBinary.url.path, _ arguments: [String],
    env: [String: String] = [:], stdoutPath: String? = nil, measuringMemory: Bool = false
  ) throws {
    let id = UUID().uuidString
    outPath = stdoutPath ?? cli.directory.appendingPathComponent(".out-\(id)").path
    errPath = cli.directory.appendingPathComponent(".err-\(id)").path
    var executable = executable
    var arguments = arguments
    if measuringMemory && FileManager.default.isExecutableFile(atPath: Self.gnuTime) {
      let rss = cli.directory.appendingPathComponent(".rss-\(id)").path
      arguments = ["-f", "%M", "-o", rss, executable] + arguments
      executable = Self.gnuTime
      rssPath = rss
    } else {
      rssPath = nil
    }
    child = try ChildProcess(
      executable, arguments, environment: cli.environment(env), stdout: .file(outPath),
      stderr: .file(errPath))
    pid = child.pid
  }

  /// How the run ended: its exit code, or the signal that killed it; its peak resident memory
  /// in KiB (nil when not measured); what it wrote.
  struct Ending {
    var code: Int32?
    var signal: Int32?
    var maxRSSKiB: Int?
    var stdout: String
    var stderr: String
  }

  /// Waits for the run to end.
  func wait() -> Ending {
    while true {
      if let ending = poll(blocking: true) { return ending }
    }
  }

  /// The ending when the run has ended (waiting for it when `blocking`), else nil.
  func poll(blocking: Bool = false) -> Ending? {
    if let ended { return ended }
    if blocking {
      child.wait()
    } else if child.isRunning {
      return nil
    }
    let read = { (path: String) in
      String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
    }
    ended = Ending(
      code: child.exitCode, signal: child.terminatingSignal,
      maxRSSKiB: rssPath.flatMap { read($0).split(separator: "\n").last.flatMap { Int($0) } },
      stdout: outPath.hasPrefix("/dev/") ? "" : read(outPath),
      stderr: read(errPath))
    return ended
  }
  private var ended: Ending?
}

/// Issue 11, "memory and output stay bounded" and "interrupted writes": imports stream their
/// file with a bounded record size and errors that never echo more than a few hundred bytes of
/// it; exports and backups are written to a temporary file and renamed, so a full disk, a
/// file-size limit or SIGINT/SIGTERM/SIGHUP leave neither a partial file at the target nor a
/// temporary file, and exit 74 (or 128 + the signal) with a real message.
@Suite("End to end: bounded imports and interrupted writes")
struct TrustIOTests {
  /// Peak memory allowed for one command (the issue's bound).
  static let memoryLimitKiB = 64 * 1024

  // MARK: - Imports: bounded records, bounded memory, bounded errors

  /// The run's peak memory is under the limit (when GNU time could measure it).
  static func expectBounded(
    _ run: SpawnedRun.Ending, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let peak = run.maxRSSKiB else {
      print("TrustIOTests: peak memory not measured (no GNU time at \(SpawnedRun.gnuTime))")
      return
    }
    #expect(peak < memoryLimitKiB, "peak RSS \(peak) KiB", sourceLocation: sourceLocation)
  }

  /// A file of `size` bytes: `head`, then `filler` repeated, then `tail`.
  static func write(
    _ cli: CLI, _ name: String, head: String, filler: UInt8, size: Int, tail: String = ""
  ) throws -> String {
    let url = cli.directory.appendingPathComponent(name)
    var data = Data(head.utf8)
    data.append(Data(repeating: filler, count: max(0, size - head.utf8.count - tail.utf8.count)))
    data.append(Data(tail.utf8))
    try data.write(to: url)
    return url.path
  }

  static let hugeLines: [(name: String, head: String, tail: String)] = [
    ("line.csv", "member,date,distance\nann,2026-03-01,", "\n"),
    ("quoted.csv", "member,date,distance\nann,2026-03-01,\"", ""),
    ("header.csv", "member,date,", ""),
    ("line.ndjson", "{\"member\":\"ann\",\"date\":\"2026-03-01\",\"distance\":\"", "\"}\n"),
    ("array.json", "[{\"member\":\"ann\",\"date\":\"2026-03-01\",\"distance\":\"", "\"}]"),
  ]

  @Test(
    "a 50 MB line is refused at once, in bounded memory, with a short error",
    arguments: 0..<hugeLines.count)
  func hugeLine(_ index: Int) throws {
    // Given a file whose second line (or first) is 50 MB of digits
    let (name, head, tail) = Self.hugeLines[index]
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let path = try Self.write(
      cli, name, head: head, filler: UInt8(ascii: "9"), size: 50 << 20, tail: tail)
    let before = cli.dbBytes()

    // When
    let run = try SpawnedRun(cli, ["import", "walks", path], measuringMemory: true).wait()

    // Then one short line, exit 65, nothing imported, and the file never held in memory
    #expect(run.code == 65, "\(run.stderr.prefix(300))")
    #expect(run.stderr.hasPrefix("milequest: error: "), "\(run.stderr.prefix(300))")
    #expect(run.stderr.utf8.count < 400, "error of \(run.stderr.utf8.count) bytes")
    #expect(run.stderr.contains(name), "\(run.stderr.prefix(300))")
    Self.expectBounded(run)
    #expect(cli.dbBytes() == before)
  }

  @Test("a long value within a record is echoed cut short, on one line")
  func longValueEchoedShort() throws {
    // Given a 900 KB distance (a record under the 1 MiB limit) and a 900 KB member name
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let long = String(repeating: "7", count: 900_000)
    let file = cli.directory.appendingPathComponent("long.csv")
    try Data(
      "member,date,distance\nann,2026-03-01,\(long)\n\(long),2026-03-01,1\n".utf8
    ).write(to: file)

    // When
    let result = cli.run(["import", "walks", file.path])

    // Then each listed problem stays short; the summary line follows
    #expect(result.code == 65)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 3, "\(result.stderr.prefix(1000))")
    for line in lines { #expect(line.utf8.count <= 320, "a line of \(line.utf8.count) bytes") }
    #expect(result.stderr.contains("long.csv:2"))
    #expect(result.stderr.contains("long.csv:3"))
  }

  @Test("a 48 MB CSV of bad rows is read in bounded memory and every row is counted")
  func streamingMemory() throws {
    // Given 48 MB of rows for a member who does not exist
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    var text = "member,date,distance,note\n"
    let note = String(repeating: "n", count: 400)
    var rows = 0
    while text.utf8.count < 48 << 20 {
      text += "zed,2026-03-01,1.\(rows),\(note)\n"
      rows += 1
    }
    let file = cli.directory.appendingPathComponent("zed.csv")
    try Data(text.utf8).write(to: file)
    text = ""

    // When
    let run = try SpawnedRun(cli, ["import", "walks", file.path], measuringMemory: true).wait()

    // Then all rows were seen, the error is bounded, and memory stayed under the limit
    #expect(run.code == 65)
    #expect(
      run.stderr.contains("nothing was imported (\(rows) bad of \(rows) rows)"),
      "\(run.stderr.suffix(200))")
    #expect(run.stderr.utf8.count < 20_000)
    Self.expectBounded(run)
  }

  @Test("a large JSON array and NDJSON file import as before, record by record")
  func streamingJSONImports() throws {
    // Given 3,000 walks as a JSON array and as NDJSON, with a byte order mark and CRLF lines
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let objects = (0..<3000).map {
      "{\"member\":\"ann\",\"date\":\"2026-03-01\",\"distance_m\":\(1000 + $0),\"note\":\"n\($0)\"}"
    }
    let json = cli.directory.appendingPathComponent("w.json")
    try Data([0xEF, 0xBB, 0xBF] + Array(("[" + objects.joined(separator: ",\n") + "]").utf8))
      .write(to: json)
    let ndjson = cli.directory.appendingPathComponent("w.ndjson")
    try Data(objects.map { $0.replacingOccurrences(of: "ann", with: "ANN") + "\r\n" }.joined().utf8)
      .write(to: ndjson)

    // When / Then
    #expect(cli.ok(["import", "walks", json.path]) == "imported 3000 walks (0 already there)\n")
    #expect(cli.ok(["import", "walks", ndjson.path]) == "imported 0 walks (3000 already there)\n")
  }

  /// A GeoJSON LineString or GPX track of `count` points, a few metres apart.
  static func routeFile(_ cli: CLI, points count: Int, gpx: Bool) throws -> String {
    let positions = (0..<count).map { index -> (Double, Double) in
      (40 + 0.5 * sin(Double(index) / 1000), -3 + Double(index) * 1e-5)
    }
    let text =
      gpx
      ? "<gpx version=\"1.1\"><trk><trkseg>\n"
        + positions.map { "<trkpt lat=\"\($0.0)\" lon=\"\($0.1)\"/>\n" }.joined()
        + "</trkseg></trk></gpx>\n"
      : "{\"type\":\"LineString\",\"coordinates\":["
        + positions.map { "[\($0.1),\($0.0)]" }.joined(separator: ",") + "]}"
    let url = cli.directory.appendingPathComponent("r\(count).\(gpx ? "gpx" : "geojson")")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test("a large GeoJSON route is read within the memory bound")
  func largeGeoJSONRoute() throws {
    // Given a 150,000-point line (3.6 MB)
    let cli = try CLI()
    let path = try Self.routeFile(cli, points: 150_000, gpx: false)

    // When
    let run = try SpawnedRun(
      cli, ["route", "create", "Long", "--geojson", path], measuringMemory: true
    )
    .wait()

    // Then
    #expect(run.code == 0, "\(run.stderr)")
    #expect(run.stdout.contains("150000 points"), "\(run.stdout)")
    Self.expectBounded(run)
  }

  @Test(
    "a route file of more points than a route may have is refused in bounded memory",
    arguments: [false, true])
  func tooManyRoutePoints(_ gpx: Bool) throws {
    // Given 300,000 points (7 MB of GeoJSON or 16 MB of GPX)
    let cli = try CLI()
    let path = try Self.routeFile(cli, points: 300_000, gpx: gpx)
    let before = cli.dbBytes()

    // When
    let run = try SpawnedRun(
      cli, ["route", "create", "Long", gpx ? "--gpx" : "--geojson", path], measuringMemory: true
    ).wait()

    // Then
    #expect(run.code == 65, "\(run.stderr)")
    #expect(run.stderr.contains("a route is limited to 250000 points"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
    Self.expectBounded(run)
    #expect(cli.dbBytes() == before)
  }

  // MARK: - Interrupted exports and backups

  /// A database with `walks` walks of long notes (tens of MB), built once and copied.
  static let bigDatabase: Data = {
    guard let cli = try? CLI() else { return Data() }
    cli.run(["member", "add", "ann"])
    let note = String(repeating: "w", count: 480)
    var text = "member,date,distance_m,note\n"
    for index in 0..<30_000 { text += "ann,2026-03-01,\(1000 + index),\(note)\n" }
    let file = cli.directory.appendingPathComponent("big.csv")
    guard (try? Data(text.utf8).write(to: file)) != nil,
      cli.run(["import", "walks", file.path]).code == 0,
      cli.run(["check"]).code == 0
    else { return Data() }
    return (try? Data(contentsOf: URL(fileURLWithPath: cli.databasePath))) ?? Data()
  }()

  func bigCLI() throws -> CLI {
    let data = Self.bigDatabase
    try #require(!data.isEmpty, "the big database could not be built")
    let cli = try CLI()
    try data.write(to: URL(fileURLWithPath: cli.databasePath))
    return cli
  }

  /// Names in the directory `out` other than the database and the run's own files.
  func leftovers(_ directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
      !$0.hasPrefix("t.db") && !$0.hasPrefix(".out-") && !$0.hasPrefix(".err-")
        && !$0.hasPrefix(".rss-")
    }.sorted()
  }

  static let interruptions: [(signal: Int32, args: [String])] = [
    (SIGINT, ["export", "walks", "--output", "OUT/x.csv"]),
    (SIGTERM, ["export", "all", "--output", "OUT/x.json"]),
    (SIGHUP, ["export", "walks", "--format", "ndjson", "--output", "OUT/x.ndjson"]),
    (SIGINT, ["backup", "OUT/x.db"]),
    (SIGTERM, ["backup", "OUT/x.db"]),
  ]

  @Test(
    "a signal during an export or backup leaves no file at the target and no temporary file",
    arguments: 0..<interruptions.count)
  func interrupted(_ index: Int) throws {
    // Given a database of tens of MB and an empty output directory
    let (signal, template) = Self.interruptions[index]
    let cli = try bigCLI()
    let out = cli.directory.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let args = template.map { $0.replacingOccurrences(of: "OUT", with: out.path) }
    let target = args.last!

    // When the signal arrives while the temporary file is being written (a run that finishes
    // first proves nothing and is tried again)
    var interrupted = 0
    for _ in 0..<6 where interrupted == 0 {
      let run = try SpawnedRun(cli, args)
      let deadline = Date().addingTimeInterval(60)
      var seen = false
      while Date() < deadline {
        if !leftovers(out).isEmpty {
          seen = true
          break
        }
        if run.poll() != nil { break }
        usleep(200)
      }
      if seen { kill(run.pid, signal) }
      let ending = run.wait()
      if ending.code == 0 {
        // Finished before the signal: the file is complete; start again.
        try? FileManager.default.removeItem(atPath: target)
        continue
      }
      interrupted += 1

      // Then it exits 128 + the signal's number, having removed its temporary file
      #expect(
        ending.code == 128 + signal,
        "code \(String(describing: ending.code)) signal \(String(describing: ending.signal)): \(ending.stderr)"
      )
      #expect(leftovers(out) == [], "left behind in the output directory")
    }
    #expect(interrupted > 0, "no run was interrupted mid-write")

    // And the next run to that name works
    cli.ok(args)
    #expect(FileManager.default.fileExists(atPath: target))
    if target.hasSuffix(".db") {
      #expect(cli.run(["check"], env: ["MILEQUEST_DB": target]).code == 0)
    }
    #expect(leftovers(out) == [(target as NSString).lastPathComponent])
  }

  @Test("a backup over a file a killed backup left behind replaces it and its journal")
  func backupOverLeftovers() throws {
    // Given an earlier backup with a stale journal beside it (what a backup killed mid-write
    // by older versions left; a file that is not a milequest database is refused, 73)
    let cli = try bigCLI()
    let target = cli.directory.appendingPathComponent("x.db").path
    cli.ok(["backup", target])
    try Data(repeating: 0x42, count: 512).write(to: URL(fileURLWithPath: target + "-journal"))

    // When
    cli.ok(["backup", target, "--yes"])

    // Then the copy is whole and sound, and nothing else is beside it
    #expect(!FileManager.default.fileExists(atPath: target + "-journal"))
    let check = cli.run(["check", "--format", "json"], env: ["MILEQUEST_DB": target])
    #expect(check.code == 0, "\(check.stderr)")
    #expect(
      check.stdout.contains("\"walk\" : 30000") || check.stdout.contains("\"walk\": 30000"),
      "\(check.stdout)")
  }

  static let sizeLimited: [[String]] = [
    ["backup", "x.db"],
    ["export", "walks", "--output", "x.csv"],
    ["export", "all", "--output", "x.json"],
    ["walks", "--format", "csv", "--output", "x.csv"],
  ]

  @Test(
    "past the file-size limit (ulimit -f) a write fails with 74 and a message, never SIGXFSZ",
    arguments: 0..<sizeLimited.count)
  func fileSizeLimit(_ index: Int) throws {
    // Given a database far larger than a 100 KiB file-size limit
    let cli = try bigCLI()
    let args = Self.sizeLimited[index].map {
      $0.hasPrefix("x.") ? cli.directory.appendingPathComponent($0).path : $0
    }

    // When run under `ulimit -f 100` (100 blocks of 1 KiB)
    let run = try SpawnedRun(
      cli, executable: "/bin/bash",
      ["-c", "ulimit -f 100; exec \"$0\" \"$@\"", BuiltBinary.url.path] + args
    ).wait()

    // Then exit 74 with the reason, and nothing at the target or beside it
    #expect(run.signal == nil, "killed by signal \(run.signal ?? 0)")
    #expect(run.code == 74, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("milequest: error: cannot write"), "\(run.stderr)")
    #expect(run.stderr.contains("File too large"), "\(run.stderr)")
    #expect(!run.stderr.contains("not an error"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(leftovers(cli.directory) == [], "left behind")

    // And without the limit the same command works
    cli.ok(args)
    #expect(leftovers(cli.directory) == [(args.last! as NSString).lastPathComponent])
  }

  static let fullOutputs: [[String]] = [
    ["export", "walks"], ["export", "all"], ["export", "walks", "--format", "ndjson"],
    ["walks", "--format", "json"], ["walks"], ["leaderboard", "--format", "csv"],
  ]

  @Test(
    "writing to a full device (/dev/full) exits 74 naming the reason",
    arguments: 0..<fullOutputs.count)
  func fullDevice(_ index: Int) throws {
    // Given
    let cli = try bigCLI()

    // When standard output is /dev/full
    let run = try SpawnedRun(cli, Self.fullOutputs[index], stdoutPath: "/dev/full").wait()

    // Then
    #expect(run.code == 74, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("milequest: error: cannot write"), "\(run.stderr)")
    #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test("--output naming a FIFO or device writes to it in place, never replacing it")
  func outputToFIFO() throws {
    // Given a FIFO, read by another thread (a FIFO, not /dev/null: renaming a file over a
    // device, as the old code did, would break the machine's /dev/null for everyone)
    let cli = try bigCLI()
    let fifo = cli.directory.appendingPathComponent("pipe.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let received = LockedBytes()
    let reader = Thread {
      // Non-blocking, so a writer that never comes (a FIFO replaced by a file) ends in a
      // failed expectation after a minute, not a hung test.
      let fd = open(fifo, O_RDONLY | O_NONBLOCK)
      var chunk = [UInt8](repeating: 0, count: 65536)
      var seenData = false
      let deadline = Date().addingTimeInterval(60)
      while fd >= 0 && Date() < deadline {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
          seenData = true
          received.append(chunk[0..<n])
        } else if n == 0 && seenData {
          break  // the writer closed it
        } else {
          usleep(1000)  // no writer yet (0), or no data yet (EAGAIN)
        }
      }
      close(fd)
      received.finish()
    }
    reader.start()

    // When
    cli.ok(["export", "walks", "--output", fifo])
    received.waitUntilFinished()

    // Then the export went through the FIFO, which is still one
    #expect(received.count > 10 << 20, "\(received.count) bytes")
    var status = stat()
    #expect(lstat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
    #expect(leftovers(cli.directory) == ["pipe.csv"])

    // And a backup refuses it (a database is not written through a pipe)
    let backup = cli.run(["backup", fifo, "--yes"])
    #expect(backup.code == 73, "\(backup.stderr)")
    #expect(backup.stderr.contains("not a regular file"), "\(backup.stderr)")
    #expect(lstat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
  }

  /// A 64 KiB tmpfs to fill, when this process may mount one (root, outside a container
  /// that forbids it); nil otherwise.
  static func smallFileSystem(in directory: URL) -> URL? {
    guard geteuid() == 0 else { return nil }
    let mountPoint = directory.appendingPathComponent("small")
    try? FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
    let mounted = try? ChildProcess.run(
      "/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.path])
    return mounted?.code == 0 ? mountPoint : nil
  }

  static func unmount(_ mountPoint: URL) {
    _ = try? ChildProcess.run("/bin/umount", [mountPoint.path])
  }

  @Test("a full file system: backup and export exit 74 and leave nothing there")
  func fullFileSystem() throws {
    // Given a 64 KiB file system (skipped, with a note, where mounting is not permitted)
    let cli = try bigCLI()
    guard let small = Self.smallFileSystem(in: cli.directory) else {
      print("TrustIOTests.fullFileSystem: skipped, cannot mount a tmpfs here (needs root)")
      return
    }
    defer { Self.unmount(small) }

    for args in [
      ["backup", small.appendingPathComponent("x.db").path],
      ["export", "walks", "--output", small.appendingPathComponent("x.csv").path],
      ["walks", "--format", "json", "--output", small.appendingPathComponent("x.json").path],
    ] {
      // When
      let result = cli.run(args)

      // Then
      #expect(result.code == 74, "\(args): \(result.stderr)")
      #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
      #expect(!result.stderr.contains("not an error"), "\(result.stderr)")
      #expect(leftovers(small) == [], "\(args) left files behind")
    }
  }
}
