import Foundation
import Testing

@testable import milequest

/// Every command's help ends with examples, and every example runs: each command's examples,
/// in order, against a fresh copy of the demo database (`milequest demo --keep`), acting as
/// its member alice, in a directory of their own that also holds `walk.gpx` (a short track,
/// for `import gpx`). The help lists the global options once and fits 80 columns.
@Suite("End to end: help examples, global options once, usage width")
struct HelpExamplesTests {
  /// Every command path (`["goal", "create"]`), from ArgumentParser's dump of the command
  /// line, without `help`.
  static func commandPaths(_ cli: CLI) throws -> [[String]] {
    let dump = cli.run(["--experimental-dump-help"])
    let root = J.object(
      J.object(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)))["command"])
    var paths: [[String]] = []
    func walk(_ node: [String: Any], path: [String]) {
      for sub in J.array(node["subcommands"]).map(J.object) {
        let name = J.string(sub["commandName"]) ?? ""
        if name == "help" { continue }
        paths.append(path + [name])
        walk(sub, path: path + [name])
      }
    }
    walk(root, path: [])
    return paths
  }

  /// The lines under EXAMPLES at the end of a help text.
  static func examples(in help: String) -> [String] {
    let lines = help.components(separatedBy: "\n")
    guard let heading = lines.lastIndex(of: "EXAMPLES:") else { return [] }
    return lines[(heading + 1)...].prefix { $0.hasPrefix("  milequest ") }.map {
      String($0.dropFirst(2))
    }
  }

  static let gpxTrack = """
    <?xml version="1.0" encoding="UTF-8"?>
    <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
    <trk><name>Morning</name><trkseg>
    <trkpt lat="51.5007" lon="-0.1246"><time>2026-03-14T07:00:00Z</time></trkpt>
    <trkpt lat="51.5033" lon="-0.1196"><time>2026-03-14T07:06:00Z</time></trkpt>
    <trkpt lat="51.5081" lon="-0.0759"><time>2026-03-14T07:40:00Z</time></trkpt>
    </trkseg></trk>
    </gpx>
    """

  /// Small exports of other platforms, for `import strava|google-fit|fitbit`.
  static let exports = [
    "export_12345/activities.csv":
      "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,"
      + "Elapsed Time,Distance\n1,\"Mar 1, 2026, 9:00:00 AM\",Morning Walk,Walk,3600,4.20,,"
      + "3600.0,4200.5\n",
    "Takeout/Fit/Daily activity metrics/Daily activity metrics.csv":
      "Date,Move Minutes count,Distance (m),Step count\n2026-03-02,40,3100.25,4400\n",
    "MyFitbitData/Alice/Physical Activity/distance-2026-03-03.json":
      "[{\n  \"dateTime\" : \"03/03/26 12:00:00\",\n  \"value\" : \"9000\"\n}]",
    "MyFitbitData/Alice/Physical Activity/steps-2026-03-03.json":
      "[{\n  \"dateTime\" : \"03/03/26 12:00:00\",\n  \"value\" : \"120\"\n}]",
  ]

  @Test("every subcommand's help ends with 2 to 4 examples, each one line of milequest")
  func everyCommandHasExamples() throws {
    let cli = try CLI()
    let paths = try Self.commandPaths(cli)
    #expect(paths.count > 40, "\(paths)")
    for path in paths {
      let help = cli.run(path + ["--help"])
      #expect(help.code == 0, "\(path)")
      let examples = Self.examples(in: help.stdout)
      #expect(
        (2...4).contains(examples.count),
        "'milequest \(path.joined(separator: " "))' has \(examples.count) examples")
      // The block is the last thing in the help.
      let tail = help.stdout.components(separatedBy: "\n").reversed().drop { $0.isEmpty }
      #expect(tail.first.map { examples.contains(String($0.dropFirst(2))) } == true, "\(path)")
      for example in examples {
        #expect(example.count <= 78, "too long to stay on one line: \(example)")
      }
    }
  }

  /// `walk.fit`, `walk.tcx` and `export.zip` (an Apple Health export) for the examples of
  /// `import fit|tcx|health` and `import FILE`, from MileQuestKitTests' real fixtures.
  static func writeDeviceFiles(to directory: URL) throws {
    let fixtures = repositoryRoot.appendingPathComponent("Tests/MileQuestKitTests/Fixtures")
    for (from, to) in [("fit/garmin-fenix-5-walk.fit", "walk.fit"), ("tcx/no_hr.tcx", "walk.tcx")] {
      try FileManager.default.copyItem(
        at: fixtures.appendingPathComponent(from), to: directory.appendingPathComponent(to))
    }
    try FitImportTests.zip(
      directory.appendingPathComponent("export.zip"),
      [
        (
          "apple_health_export/export.xml",
          try FitImportTests.fixture("health/export6s3sample.xml")
        )
      ])
  }

  @Test("every example runs, in order, against a copy of the demo database")
  func examplesRun() throws {
    let maker = try CLI()
    let demo = maker.run(["demo", "--keep"])
    #expect(demo.code == 0, "\(demo.stderr)")
    let kept = (demo.stdout + demo.stderr).components(separatedBy: "\n").compactMap { line in
      line.range(of: "sample database kept at ").map { String(line[$0.upperBound...]) }
    }.first
    let demoPath = try #require(kept, "demo --keep names its database: \(demo.stdout)")
    for path in try Self.commandPaths(maker) {
      let cli = try CLI()
      let database = cli.directory.appendingPathComponent("demo.db")
      try FileManager.default.copyItem(at: URL(fileURLWithPath: demoPath), to: database)
      try Data(Self.gpxTrack.utf8).write(to: cli.directory.appendingPathComponent("walk.gpx"))
      try Self.writeDeviceFiles(to: cli.directory)
      for (name, text) in Self.exports {
        let url = cli.directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
      }
      let environment = ["MILEQUEST_DB": database.path, "MILEQUEST_USER": "alice"]
      let help = cli.run(path + ["--help"])
      for example in Self.examples(in: help.stdout) {
        let words = try ShellWords.split(example)
        #expect(words.first == "milequest")
        let result = cli.run(Array(words.dropFirst()), env: environment)
        let name = "'\(example)' (in 'milequest \(path.joined(separator: " ")) --help')"
        #expect(result.code == 0, "\(name): \(result.stderr)")
        #expect(!result.stderr.contains("error:"), "\(name): \(result.stderr)")
        checkShape(words, result.stdout, directory: cli.directory, name: name)
      }
    }
  }

  /// The output looks like what the example asks for: JSON parses, NDJSON parses line by
  /// line, CSV has a header of several columns, a file named by --output exists.
  func checkShape(_ words: [String], _ stdout: String, directory: URL, name: String) {
    func value(_ options: String...) -> String? {
      guard let index = words.lastIndex(where: { options.contains($0) }),
        index + 1 < words.count
      else { return nil }
      return words[index + 1]
    }
    if let output = value("-o", "--output") {
      let file = directory.appendingPathComponent(output)
      #expect(FileManager.default.fileExists(atPath: file.path), "\(name) wrote no \(output)")
      return
    }
    switch value("-f", "--format") {
    case "json"?:
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) != nil,
        "\(name): not JSON: \(stdout.prefix(300))")
    case "ndjson"?:
      for line in stdout.split(separator: "\n") {
        #expect(
          (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil,
          "\(name): not NDJSON: \(line.prefix(300))")
      }
    case "csv"?:
      let header = stdout.split(separator: "\n").first ?? ""
      #expect(header.contains(","), "\(name): no CSV header: \(stdout.prefix(300))")
    default:
      break
    }
  }

  @Test("every USAGE line of every help fits 80 columns")
  func usageLinesFit() throws {
    let cli = try CLI()
    for path in [[]] + (try Self.commandPaths(cli)) {
      let help = cli.run(path + ["--help"]).stdout.components(separatedBy: "\n")
      guard let start = help.firstIndex(where: { $0.hasPrefix("USAGE:") }) else {
        Issue.record("no USAGE in 'milequest \(path.joined(separator: " ")) --help'")
        continue
      }
      for line in help[start...].prefix(while: { !$0.isEmpty }) {
        #expect(line.count <= 80, "\(path): \(line)")
      }
    }
  }

  @Test("the global options are listed once: under GLOBAL OPTIONS of milequest --help")
  func globalOptionsOnce() throws {
    let cli = try CLI()
    let root = cli.ok(["--help"])
    #expect(root.contains("\nGLOBAL OPTIONS:\n"))
    for option in ["--db <db>", "--as <as>", "-f, --format <format>", "--dry-run", "--ascii"] {
      #expect(root.contains("  " + option), "\(option)")
    }
    for path in [["log"], ["goal", "create"], ["walks", "list"]] {
      let help = cli.ok(path + ["--help"])
      #expect(!help.contains("--db <db>"), "\(path)")
      #expect(!help.contains("--dry-run"), "\(path)")
      #expect(help.contains("See 'milequest --help' for the global options."), "\(path)")
    }
    // They still work after the subcommand, and completion scripts still offer them.
    #expect(cli.run(["log", "--help", "--db", "x.db"]).code == 0)
    let script = repositoryRoot.appendingPathComponent("completions/milequest.bash").path
    let program = """
      source '\(script)'
      COMP_WORDS=(milequest goal create --dr); COMP_CWORD=3
      COMP_LINE="milequest goal create --dr"; COMP_POINT=${#COMP_LINE}
      _milequest milequest --dr create
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let completed = runTool("/bin/bash", ["-c", program], environment: cli.environment())
    #expect(completed.output == "--dry-run\n", "\(completed.output)")
  }
}
