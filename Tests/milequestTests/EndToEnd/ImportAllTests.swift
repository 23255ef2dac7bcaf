import Foundation
import Testing

/// `import all` end to end: the document is read in two passes (checked whole, then imported a
/// section at a time), so key order does not matter, standard input works, and a broken
/// document changes nothing.
@Suite("End to end: import all")
struct ImportAllTests {
  /// The bytes of a database and its WAL file, empty when there is neither.
  static func bytes(_ path: String) -> Data {
    var data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
    data.append((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
    return data
  }

  /// The `export all` text of FileTests' world, whose walks are not in id order (a back-dated
  /// walk, GPX and CSV imports) and include a deleted one.
  static func world(_ cli: CLI) throws -> String {
    try FileTests.buildWorld(cli)
    return cli.ok(["export", "all"])
  }

  /// `document` with its last section, "walks", moved to the front.
  static func walksFirst(_ document: String) throws -> String {
    let marker = ",\n  \"walks\": "
    let cut = try #require(document.range(of: marker))
    let head = document[..<cut.lowerBound].dropFirst(2)  // without "{\n"
    var walks = document[cut.upperBound...]
    walks.removeLast("\n}\n".count)
    return "{\n  \"walks\": " + walks + ",\n" + head + "\n}\n"
  }

  @Test func exportImportExportIsIdentical() throws {
    let cli = try CLI()
    let original = try Self.world(cli)
    _ = try cli.write("all.json", original)

    cli.initDatabase("copy.db")
    let imported = cli.ok(["--db", "copy.db", "import", "all", "all.json"])
    let again = cli.ok(["--db", "copy.db", "export", "all"])

    #expect(imported.hasPrefix("imported 4 members, 2 teams, "), "\(imported)")
    #expect(again == original)
  }

  @Test func walksBeforeMembersImportTheSame() throws {
    let cli = try CLI()
    let original = try Self.world(cli)
    let reordered = try Self.walksFirst(original)
    #expect(reordered.hasPrefix("{\n  \"walks\": [\n    {\n      \"id\": "))
    _ = try cli.write("reordered.json", reordered)

    cli.initDatabase("copy.db")
    cli.ok(["--db", "copy.db", "import", "all", "reordered.json"])

    #expect(cli.ok(["--db", "copy.db", "export", "all"]) == original)
  }

  @Test func standardInputImportsTheSame() throws {
    let cli = try CLI()
    let original = try Self.world(cli)

    cli.initDatabase("copy.db")
    let result = cli.run(
      ["--db", "copy.db", "import", "all", "-"], stdin: try Self.walksFirst(original))

    #expect(result.code == 0, "\(result.stderr)")
    #expect(cli.ok(["--db", "copy.db", "export", "all"]) == original)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
      .filter { $0.hasPrefix("milequest-spool") }
    #expect(leftovers == [], "the spooled copy of standard input is gone")
  }

  @Test func brokenDocumentsChangeNothingAndSayWhere() throws {
    let cli = try CLI()
    let original = try Self.world(cli)
    let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
    let documents: [(String, String, String)] = [
      (
        "cut.json", lines.prefix(lines.count - 12).joined(separator: "\n"),
        "not valid JSON: unexpected end of data"
      ),
      (
        "twice.json",
        original.replacingOccurrences(of: "\"teams\": [", with: "\"teams\": [], \"teams\": ["),
        "not valid JSON: duplicate key \"teams\" at line "
      ),
      (
        "nan.json",
        original.replacingOccurrences(of: "\"deleted\": true", with: "\"deleted\": NaN"),
        "not valid JSON: unexpected character 'N', expected a value at line "
      ),
      (
        "surrogate.json", original.replacingOccurrences(of: "\"Ann Ärmann\"", with: "\"\\ud800\""),
        "not valid JSON: lone surrogate \\uD800"
      ),
      (
        "walker.json",
        original.replacingOccurrences(
          of: "\"member\": \"dan\",\n      \"date\"",
          with: "\"member\": \"nobody\",\n      \"date\""), "walks[4]: bad member in {"
      ),
    ]
    cli.initDatabase("empty.db")
    let xdg = cli.path("xdg")
    let fresh = xdg + "/milequest/milequest.db"
    let empty = Self.bytes(cli.path("empty.db"))
    #expect(!empty.isEmpty)
    for (name, text, reason) in documents {
      #expect(text != original, "\(name) is broken")
      _ = try cli.write(name, text)
      // An empty database, and the default database that does not exist yet (only the default
      // is created on demand).
      for db in ["empty.db", nil] {
        let result =
          db.map { cli.run(["--db", $0, "import", "all", name]) }
          ?? cli.run(
            ["import", "all", name], env: ["XDG_DATA_HOME": xdg], removing: ["MILEQUEST_DB"])
        #expect(result.code == 65, "\(name): \(result.stderr)")
        #expect(
          result.stderr.hasPrefix("milequest: error: \(name): \(reason)"),
          "\(name): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
      }
      #expect(Self.bytes(cli.path("empty.db")) == empty, "\(name) changed the database")
      if reason.hasPrefix("not valid JSON") {
        #expect(!FileManager.default.fileExists(atPath: fresh), "\(name) created a database")
      }
      try? FileManager.default.removeItem(atPath: fresh)
    }
  }

  @Test func missingFilesAndDirectoriesAreUnreadable() throws {
    let cli = try CLI()
    let missing = cli.run(["import", "all", "none.json"])
    let directory = cli.run(["import", "all", "."])
    #expect(missing.code == 66)
    #expect(
      missing.stderr == "milequest: error: cannot read 'none.json': No such file or directory\n")
    #expect(directory.code == 66)
    #expect(directory.stderr == "milequest: error: cannot read '.': it is a directory\n")
  }
}
