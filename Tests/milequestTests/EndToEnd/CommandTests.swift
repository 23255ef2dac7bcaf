import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// Smaller end-to-end checks of single commands, options and the environment (SPEC §5, §6).
@Suite("End to end: commands")
struct CommandTests {
  @Test("demo builds a throw-away challenge and shows progress and leaderboards")
  func demo() throws {
    // Given
    let cli = try CLI()
    let before = cli.dbBytes()

    // When
    let text = cli.run(["demo"])
    let json = cli.run(["demo", "--format", "json"])

    // Then
    #expect(text.code == 0, "\(text.stderr)")
    #expect(text.stderr == "")
    #expect(text.stdout.contains("milestone"))
    #expect(text.stdout.contains("by total"))
    #expect(text.stdout.contains("pace"))
    #expect(json.code == 0, "\(json.stderr)")
    let document = J.object(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
    #expect(J.string(J.object(document["progress"])["status"]) != nil)
    #expect(!J.array(J.object(document["race"])["entries"]).isEmpty)
    // The user's database is not touched, and the sample database is gone.
    #expect(cli.dbBytes() == before)
    let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
    #expect(left.filter { $0.hasPrefix("milequest-demo") }.isEmpty, "\(left)")
  }

  @Test("global options work before the subcommand")
  func globalOptionsFirst() throws {
    // Given
    let cli = try CLI()
    let other = cli.directory.appendingPathComponent("other.db").path
    let before = cli.dbBytes()
    cli.ok(["--db", other, "init"])
    cli.ok(["--db", other, "member", "add", "zed"])

    // When
    let members = J.array(try cli.json(["--db", other, "--format", "json", "member", "list"]))
    let walk = J.object(try cli.json(["--db", other, "--as", "zed", "--unit", "km", "log", "5"]))

    // Then
    #expect(members.map { J.string(J.object($0)["handle"]) } == ["zed"])
    #expect(J.double(walk["distance_m"]) == 5000)
    #expect(J.string(walk["member"]) == "zed")
    #expect(cli.dbBytes() == before, "MILEQUEST_DB was used")
  }

  @Test("option values may begin with '-'")
  func dashValues() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])

    // When
    cli.ok([
      "route", "create", "Cape", "--waypoint", "-33.92,18.42,Cape Town", "--waypoint",
      "-34.36,18.47,Cape Point",
    ])
    let walk = J.object(
      try cli.json(["log", "3", "--date", "-3d", "--note", "-tired-", "--as", "ann"]))
    let route = J.object(try cli.json(["route", "show", "Cape"]))

    // Then
    #expect(J.string(walk["date"]) == "2026-03-12")
    #expect(J.string(walk["note"]) == "-tired-")
    let points = J.array(route["points"]).map(J.object)
    #expect(points.map { J.double($0["lat"]) } == [-33.92, -34.36])
    #expect(points.map { J.string($0["label"]) } == ["Cape Town", "Cape Point"])
  }

  @Test("walks: list, edit, delete and undo round trip")
  func walksRoundTrip() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let first = J.object(try cli.json(["log", "3", "--as", "ann", "--date", "2026-03-10"]))
    let second = J.object(try cli.json(["log", "5km", "--as", "ann", "--date", "2026-03-11"]))
    let firstID = try #require(J.int(first["id"]))
    let secondID = try #require(J.int(second["id"]))
    func listed() throws -> [[String: Any]] { J.array(try cli.json(["walks"])).map(J.object) }

    // When / Then: newest first
    #expect(try listed().map { J.int($0["id"]) } == [secondID, firstID])

    cli.ok(["walks", "edit", String(firstID), "--distance", "4km", "--note", "fixed"])
    var walks = try listed()
    #expect(J.double(walks.last?["distance_m"]) == 4000)
    #expect(J.string(walks.last?["note"]) == "fixed")

    cli.ok(["walks", "delete", String(secondID)])
    #expect(try listed().map { J.int($0["id"]) } == [firstID])

    cli.ok(["undo"])
    #expect(try listed().map { J.int($0["id"]) } == [secondID, firstID])

    cli.ok(["undo"])
    walks = try listed()
    #expect(J.double(walks.last?["distance_m"]) == 3 * 1609.344)
    #expect(J.isNull(walks.last?["note"]))
    for walk in walks {
      for key in [
        "id", "member", "date", "distance_m", "distance", "duration_s", "steps", "note", "source",
      ] {
        #expect(walk.keys.contains(key), "walk JSON lacks \(key)")
      }
    }
  }

  @Test("csv and tsv print a header row and one row per item")
  func csvAndTSV() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["log", "3", "--as", "ann", "--date", "2026-03-10"])
    cli.ok(["log", "2", "--as", "ann", "--date", "2026-03-11"])

    // When
    // Split on any newline: CSV may end its records with CRLF (RFC 4180).
    let csv = cli.ok(["walks", "--format", "csv"]).split(whereSeparator: \.isNewline).map(
      String.init)
    let tsv = cli.ok(["walks", "--format", "tsv"]).split(whereSeparator: \.isNewline).map(
      String.init)

    // Then
    #expect(csv.count == 3)
    #expect(csv.first?.hasPrefix("id,member,date,distance_m,") == true, "\(csv)")
    #expect(tsv.first?.hasPrefix("id\tmember\tdate\tdistance_m\t") == true, "\(tsv)")
    #expect(tsv.map { $0.replacingOccurrences(of: "\t", with: ",") } == csv)
    let width = csv.first?.split(separator: ",", omittingEmptySubsequences: false).count
    #expect(
      csv.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width })
  }

  @Test("--unit km and mi show the same metres in different units")
  func units() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["log", "5km", "--as", "ann", "--date", "2026-03-10"])

    // When
    let km = J.object(J.array(try cli.json(["walks", "--unit", "km"])).first)
    let mi = J.object(J.array(try cli.json(["walks", "--unit", "mi"])).first)
    let table = cli.ok(["walks", "--unit", "km"])

    // Then
    #expect(J.double(km["distance_m"]) == 5000)
    #expect(J.double(mi["distance_m"]) == 5000)
    #expect(J.double(km["distance"]) == 5)
    #expect(isClose(J.double(mi["distance"]), 5000 / 1609.344, within: 1e-12))
    #expect(J.string(km["unit"]) == "km")
    #expect(J.string(mi["unit"]) == "mi")
    #expect(table.contains("5.00"))
  }

  @Test("the database file is created with mode 0600, in WAL mode")
  func databaseFile() throws {
    // Given / When
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])

    // Then
    let attributes = try FileManager.default.attributesOfItem(atPath: cli.databasePath)
    let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
    #expect(mode == 0o600, "mode \(String(mode ?? -1, radix: 8))")
    // SQLite header bytes 18 and 19 (file format write/read version) are 2 in WAL mode.
    let header = [UInt8](cli.dbBytes(includingWAL: false).prefix(20))
    try #require(header.count == 20)
    #expect(header[18] == 2 && header[19] == 2)
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
      let result = try ChildProcess.run(
        "/usr/bin/sqlite3", [cli.databasePath, "PRAGMA journal_mode"])
      #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
    }
  }

  @Test("MILEQUEST_UNIT sets the unit of bare numbers; MILEQUEST_USER the acting member")
  func environment() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["member", "add", "bob"])

    // When
    let km = J.object(try cli.json(["log", "5", "--as", "ann"], env: ["MILEQUEST_UNIT": "km"]))
    let user = J.object(try cli.json(["log", "2"], env: ["MILEQUEST_USER": "ann"]))
    let flag = J.object(try cli.json(["log", "2", "--as", "bob"], env: ["MILEQUEST_USER": "ann"]))
    let miles = J.object(
      try cli.json(["log", "5", "--as", "ann", "--unit", "mi"], env: ["MILEQUEST_UNIT": "km"]))

    // Then
    #expect(J.double(km["distance_m"]) == 5000)
    #expect(J.string(km["unit"]) == "km")
    #expect(J.string(user["member"]) == "ann")
    #expect(J.string(flag["member"]) == "bob", "--as wins over MILEQUEST_USER")
    #expect(J.double(miles["distance_m"]) == 5 * 1609.344, "--unit wins over MILEQUEST_UNIT")
  }

  @Test("the default database is $XDG_DATA_HOME/milequest/milequest.db, else under ~/.local/share")
  func defaultDatabase() throws {
    // Given
    let cli = try CLI()
    let xdg = cli.directory.appendingPathComponent("xdg").path
    let before = cli.dbBytes()

    // When
    let withXDG = cli.run(
      ["member", "add", "ann"], env: ["XDG_DATA_HOME": xdg], removing: ["MILEQUEST_DB"])
    let withHome = cli.run(["member", "add", "bob"], removing: ["MILEQUEST_DB"])

    // Then
    #expect(withXDG.code == 0, "\(withXDG.stderr)")
    #expect(withHome.code == 0, "\(withHome.stderr)")
    let fm = FileManager.default
    #expect(fm.fileExists(atPath: xdg + "/milequest/milequest.db"))
    #expect(fm.fileExists(atPath: cli.directory.path + "/.local/share/milequest/milequest.db"))
    #expect(cli.dbBytes() == before)
    let listed = J.array(
      try cli.json(["member", "list"], env: ["XDG_DATA_HOME": xdg, "MILEQUEST_DB": ""]))
    #expect(listed.map { J.string(J.object($0)["handle"]) } == ["ann"])
  }

  @Test("--output FILE writes the data there, in the format its extension names")
  func outputFile() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let path = cli.directory.appendingPathComponent("members.json").path

    // When
    let stdout = cli.ok(["member", "list", "--output", path])

    // Then
    #expect(stdout == "")
    let written = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(J.array(written).map { J.string(J.object($0)["handle"]) } == ["ann"])
  }
}
