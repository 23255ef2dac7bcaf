import ArgumentParser
import Foundation
import Testing

@testable import MileQuestKit
@testable import milequest

/// The CLI side of the import registry (`ImportFormats.all`): every registered format has its
/// `import NAME` command, `import FILE` takes each format's fixtures as that format, the
/// dry run of `import health` prints rows in the data formats, and the platform imports
/// draw the progress line on a terminal.
@Suite("End to end: import formats of the registry", .serialized)
struct ImportRegistryCLITests {
  static func fixture(_ name: String) -> String {
    FitImportTests.fixtures.appendingPathComponent(name).path
  }

  static func withAna() throws -> CLI {
    let cli = try CLI(today: "2026-12-07")
    cli.ok(["member", "add", "ana"])
    return cli
  }

  @Test("the registry and the CLI's subcommands agree")
  func everyFormatHasItsCommand() throws {
    let commands = MileQuest.Import.configuration.subcommands
    let names = commands.map { $0.configuration.commandName ?? "" }
    for format in ImportFormats.all {
      let command = try #require(
        commands.first { $0.configuration.commandName == format.name },
        "no `import \(format.name)`")
      #expect(command.configuration.abstract == MileQuest.Import.spelled(format.abstract))
      // Every option a help text names is one of the option table's.
      for text in [format.abstract, format.discussion, format.inputsHelp] + format.examples {
        let spelled = MileQuest.Import.spelled(text)
        #expect(!spelled.contains("{"), "\(format.name): \(spelled)")
      }
      let help = MileQuest.helpMessage(for: command, columns: 1_000)
      #expect(help.contains("--member"), "\(format.name)")
      for option in format.optionNames {
        #expect(help.contains("--\(option)"), "import \(format.name) lacks --\(option)")
      }
      for example in format.examples.map(MileQuest.Import.spelled) {
        #expect(help.contains(example), "\(format.name): \(example)")
      }
    }
    // No command is left over from a format that is gone: the rest are this tool's own.
    let own = Set(names).subtracting(ImportFormats.all.map(\.name))
    #expect(own == ["walks", "gpx", "all", "auto"])
  }

  @Test("import FILE reads each format's fixtures as that format, and says so")
  func importFileTakesEveryFixture() throws {
    for format in ImportFormats.all {
      for name in format.fixtures {
        let cli = try Self.withAna()
        let file = Self.fixture(name)
        let result = cli.run(["import", file, "--member", "ana", "--dry-run"])
        #expect(result.code == 0, "\(name): \(result.stderr)")
        #expect(
          result.stderr.contains("milequest: reading \(file) as \(format.title)\n"),
          "\(name): \(result.stderr)")
        #expect(result.stdout.contains("would import "), "\(name)")
      }
    }
  }

  /// An export of two sources on one day and a steps-only day, with its rows worked out by
  /// hand: the larger source counts, the steps go on its row.
  func twoSources(_ cli: CLI) throws -> String {
    let records = [
      ("DistanceWalkingRunning", "Phone", "km", "2026-11-01 08:00:00 +0000", "2.0"),
      ("DistanceWalkingRunning", "Watch", "km", "2026-11-01 09:00:00 +0000", "1.5"),
      ("StepCount", "Phone", "count", "2026-11-01 08:00:00 +0000", "3000"),
      ("StepCount", "Phone", "count", "2026-11-02 08:00:00 +0000", "1200"),
    ].map { type, source, unit, start, value in
      "<Record type=\"HKQuantityTypeIdentifier\(type)\" sourceName=\"\(source)\" unit=\"\(unit)\" "
        + "startDate=\"\(start)\" value=\"\(value)\"/>"
    }
    return try cli.write(
      "export.xml",
      "<HealthData locale=\"en\">\n" + records.joined(separator: "\n") + "\n</HealthData>\n")
  }

  @Test("import health --dry-run --format csv: a row per day, kind and source")
  func healthDryRunRowsInCSV() throws {
    let cli = try Self.withAna()
    let file = try twoSources(cli)
    let before = cli.dbBytes()
    let csv = cli.ok(
      ["import", "health", file, "--member", "ana", "--dry-run", "--format", "csv", "--unit", "km"])
    #expect(
      csv == """
        date,kind,source,distance_m,steps,counts,dry_run
        2026-11-01,walking+running,Phone,2000.0,3000,true,true
        2026-11-01,walking+running,Watch,1500.0,,false,true
        2026-11-02,walking+running,Phone,,1200,true,true

        """)
    #expect(cli.dbBytes() == before)
  }

  @Test("import health --dry-run --format json and ndjson: the same rows, typed")
  func healthDryRunRowsInJSON() throws {
    let cli = try Self.withAna()
    let file = try twoSources(cli)
    let rows = J.array(
      try cli.json(["import", "health", file, "--member", "ana", "--dry-run", "--unit", "mi"])
    ).map(J.object)
    #expect(rows.count == 3)
    #expect(J.string(rows[0]["source"]) == "Phone" && (rows[0]["counts"] as? Bool) == true)
    #expect(J.double(rows[0]["distance_m"]) == 2000)
    #expect(isClose(J.double(rows[0]["distance"]), 2000 / 1609.344, within: 1e-9))
    #expect(J.int(rows[0]["steps"]) == 3000)
    #expect(J.string(rows[1]["source"]) == "Watch" && (rows[1]["counts"] as? Bool) == false)
    #expect(rows[1]["steps"] is NSNull)
    #expect(rows[2]["distance_m"] is NSNull && J.int(rows[2]["steps"]) == 1200)
    #expect(rows.allSatisfy { ($0["dry_run"] as? Bool) == true })
    let ndjson = cli.ok(
      ["import", "health", file, "--member", "ana", "--dry-run", "--format", "ndjson"])
    #expect(ndjson.split(separator: "\n").count == 3)
    // A format without source totals prints for people whatever --format says.
    let strava = cli.ok(
      [
        "import", "strava", Self.fixture("strava/activities.csv"), "--member", "ana",
        "--dry-run", "--format", "csv",
      ])
    #expect(strava.contains("would import 33 walks (0 already there)"), "\(strava)")
    // Without --dry-run, --format still names nothing the import prints: the summary.
    let done = cli.ok(["import", "health", file, "--member", "ana", "--format", "csv"])
    #expect(done == "imported 2 walks (0 already there)\n")
  }

  /// A Fitbit distance file of `minutes` minutes from 2024-01-01 (a few seconds to read).
  func bigFitbit(_ cli: CLI, minutes: Int) throws -> String {
    var text = "["
    text.reserveCapacity(minutes * 64)
    let start = Date(timeIntervalSince1970: 1_704_067_200)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "MM/dd/yy"
    var day = ""
    for minute in 0..<minutes {
      if minute % 1440 == 0 {
        day = formatter.string(from: start.addingTimeInterval(Double(minute) * 60))
      }
      let hh = minute / 60 % 24
      let mm = minute % 60
      let time = String(format: "%02d:%02d:00", hh, mm)
      text +=
        (minute == 0 ? "" : ",")
        + "{\n  \"dateTime\" : \"\(day) \(time)\",\n  \"value\" : \"\(minute % 7)\"\n}"
    }
    text += "]\n"
    return try cli.write("distance-2024-01-01.json", text)
  }

  @Test("import fitbit on a terminal draws the progress line and clears it")
  func platformImportDrawsTheLine() throws {
    let cli = try Self.withAna()
    let file = try bigFitbit(cli, minutes: 600_000)
    let run = try ProgressLineTests().onTerminal(
      cli, ["import", "fitbit", file, "--member", "ana", "--dry-run"], env: ["TERM": "xterm"])
    #expect(run.code == 0, "\(run.stderr)")
    let drawings = run.stderr.components(separatedBy: "\r").filter { !$0.isEmpty }
    #expect(drawings.count >= 2, "\(run.stderr.debugDescription)")
    let first = try #require(drawings.first)
    #expect(first.hasPrefix("importing distance-2024-01-01.json: "), "\(first.debugDescription)")
    #expect(first.contains(" MiB of ") && first.hasSuffix("\u{1B}[K"), "\(first.debugDescription)")
    #expect(run.stderr.hasSuffix("\r\u{1B}[K"), "\(run.stderr.debugDescription)")
    #expect(run.stdout.contains("would import 417 walks (0 already there)"), "\(run.stdout)")

    // And none when standard error is not a terminal
    let piped = cli.run(
      ["import", "fitbit", file, "--member", "ana", "--dry-run"], env: ["TERM": "xterm"])
    #expect(piped.code == 0)
    #expect(!piped.stderr.contains("importing"), "\(piped.stderr)")
  }
}
