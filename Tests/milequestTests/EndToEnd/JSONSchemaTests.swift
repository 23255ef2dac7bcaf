import Foundation
import Testing

/// docs/schema/*.json, checked by an independent validator (python3-jsonschema through
/// `Reference/validate_schema.py`) against what real commands print with `--format json`.
enum SchemaValidator {
  static let directory = repositoryRoot.appendingPathComponent("docs/schema")
  static let script = repositoryRoot.appendingPathComponent(
    "Tests/milequestTests/Reference/validate_schema.py"
  ).path
  static let python = findTool("python3")
  static let environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]

  /// Whether python3 with the jsonschema package is there (Debian's python3-jsonschema).
  static let available: Bool = {
    guard let python else { return false }
    return runTool(python, [script, "--available"], environment: environment).code == 0
  }()

  /// Every schema file's name without `.json`.
  static var schemaNames: Set<String> {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return Set(names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) })
  }

  static func schemaPath(_ name: String) -> String {
    directory.appendingPathComponent("\(name).json").path
  }

  /// Validates `document` against `schema` (a name in docs/schema): exit 0 when valid, else
  /// 1 and one line per error.
  static func validate(_ document: String, schema: String, in cli: CLI) throws -> (
    code: Int32, output: String
  ) {
    let path = try cli.write("document-\(UUID().uuidString).json", document)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return runTool(
      python ?? "python3", [script, schemaPath(schema), path], environment: environment)
  }
}

/// One command whose `--format json` output a schema describes.
struct SchemaCase: CustomTestStringConvertible, Sendable {
  let arguments: [String]
  let schema: String
  var env: [String: String] = [:]

  init(_ arguments: [String], _ schema: String, env: [String: String] = [:]) {
    self.arguments = arguments
    self.schema = schema
    self.env = env
  }

  var testDescription: String { "\(arguments.joined(separator: " ")) → \(schema).json" }
}

@Suite(
  "End to end: JSON schema", .serialized,
  .enabled(
    if: SchemaValidator.available,
    "python3 with python3-jsonschema is not installed: the JSON Schema checks are skipped"))
struct JSONSchemaTests {
  /// Every command of the demo database that prints JSON, reads first, then writes.
  static let demoCases: [SchemaCase] = [
    SchemaCase(["progress", "LEJOG race"], "progress"),
    SchemaCase(["goal", "show", "LEJOG race"], "progress"),
    SchemaCase(["goal", "list", "--all"], "goals"),
    SchemaCase(["leaderboard", "--teams"], "leaderboard"),
    SchemaCase(["leaderboard", "--teams", "--by", "average"], "leaderboard"),
    SchemaCase(["leaderboard", "--team", "Trailblazers", "--period", "week"], "leaderboard"),
    SchemaCase(["leaderboard", "--goal", "LEJOG race"], "leaderboard"),
    SchemaCase(["leaderboard", "--goal", "LEJOG race", "--teams"], "leaderboard"),
    SchemaCase(["stats", "--as", "alice"], "stats"),
    SchemaCase(["stats", "--team", "Night Owls"], "stats"),
    SchemaCase(["member", "list", "--all"], "members"),
    SchemaCase(["member", "show", "alice"], "member"),
    SchemaCase(["team", "list"], "teams"),
    SchemaCase(["team", "show", "Night Owls"], "team-show"),
    SchemaCase(["route", "list"], "routes"),
    SchemaCase(["route", "show", "Land's End to John o' Groats"], "route"),
    SchemaCase(["route", "catalog"], "route-catalog"),
    SchemaCase(["walks", "--limit", "5"], "walks"),
    SchemaCase(["check"], "check"),
    SchemaCase(["config", "list"], "config"),
    SchemaCase(["demo"], "demo"),
    SchemaCase(["export", "all"], "export-all"),
    SchemaCase(["export", "walks"], "walks"),
    SchemaCase(["export", "members"], "members"),
    SchemaCase(["export", "teams"], "export-teams"),
    SchemaCase(["export", "memberships"], "memberships"),
    SchemaCase(["export", "goals"], "export-goals"),
    SchemaCase(["export", "routes"], "export-routes"),
    // Writes, each also as a dry run (`"dry_run": true` on the object or on each item).
    SchemaCase(["log", "3km", "--as", "alice", "--note", "schema", "--dry-run"], "log"),
    SchemaCase(["log", "3km", "--as", "alice", "--note", "schema", "--duration", "40m"], "log"),
    SchemaCase(["walks", "edit", "1", "--distance", "4km", "--as", "alice"], "walks"),
    SchemaCase(["undo", "--dry-run"], "undo"),
    SchemaCase(["undo"], "undo"),
    SchemaCase(["member", "add", "zed", "--email", "zed@example.com", "--dry-run"], "members"),
    SchemaCase(["member", "add", "zed", "--email", "zed@example.com"], "members"),
    SchemaCase(["member", "edit", "zed", "--name", "Zed"], "members"),
    SchemaCase(["team", "create", "Zeds", "--as", "zed", "--dry-run"], "team"),
    SchemaCase(["team", "create", "Zeds", "--as", "zed"], "team"),
    SchemaCase(["team", "edit", "Zeds", "--description", "The Zs", "--as", "zed"], "team"),
    SchemaCase(["team", "add", "Zeds", "alice", "--as", "zed"], "memberships"),
    SchemaCase(["team", "promote", "Zeds", "alice", "--as", "zed"], "memberships"),
    SchemaCase(["team", "demote", "Zeds", "alice", "--as", "zed"], "memberships"),
    SchemaCase(["team", "leave", "Zeds", "--as", "alice"], "memberships"),
    SchemaCase(["route", "create", "Zig", "--waypoint", "0,0,A", "--waypoint", "0,1"], "route"),
    SchemaCase(["route", "add-builtin", "--dry-run", "camino-frances"], "route"),
    SchemaCase(
      ["goal", "create", "Zap", "--team", "Zeds", "--distance", "10km", "--as", "zed"],
      "progress"),
    SchemaCase(["goal", "edit", "Zap", "--end", "2026-04-30", "--as", "zed"], "progress"),
    SchemaCase(["team", "remove", "Zeds", "alice", "--as", "zed"], "memberships"),
    SchemaCase(["member", "remove", "bob", "--yes"], "members"),
    SchemaCase(["init", "--db", "fresh.db", "--dry-run"], "init"),
    SchemaCase(["init", "--db", "fresh.db"], "init"),
  ]

  /// A challenge with the shapes the demo lacks: nothing walked yet, then a race with
  /// arrivals, a together goal completed, an ended distance goal (no route, no position), an
  /// archived member, steps, a duration and a note.
  static func buildNullShapes(_ cli: CLI) {
    cli.ok(["member", "add", "ana", "--email", "ana@example.com"])
    cli.ok(["member", "add", "ben", "--stride", "0.8m"])
    cli.ok(["member", "add", "cy"])
    cli.ok(["team", "create", "Kiwis", "--as", "ana", "--since", "2026-01-01"])
    cli.ok(["team", "add", "Kiwis", "cy", "--as", "ana", "--since", "2026-01-01"])
    cli.ok(["team", "create", "Islanders", "--as", "ben", "--since", "2026-01-01"])
    cli.ok(["route", "create", "Short", "--waypoint", "0,0,Start", "--waypoint", "0,0.01"])
    cli.ok(["route", "create", "Dash Line", "--waypoint", "0,0", "--waypoint", "0,0.02,Post"])
    cli.ok(
      [
        "goal", "create", "Old", "--team", "Kiwis", "--distance", "5km", "--start",
        "2026-01-05", "--end", "2026-02-01", "--daily-cap", "3km", "--as", "ana",
      ], env: ["MILEQUEST_TODAY": "2026-01-10"])
    cli.ok(
      [
        "goal", "create", "Dash", "--team", "Kiwis", "--team", "Islanders", "--route",
        "Dash Line", "--start", "2026-03-01", "--as", "ana",
      ])
    cli.ok(
      [
        "goal", "create", "Pool", "--team", "Kiwis", "--team", "Islanders", "--mode", "together",
        "--route", "Short", "--start", "2026-03-01", "--as", "ana",
      ])
  }

  static let beforeWalks: [SchemaCase] = [
    SchemaCase(["progress", "Dash"], "progress"),
    SchemaCase(["progress", "Pool"], "progress"),
    SchemaCase(["stats", "--as", "ana"], "stats"),
    SchemaCase(["stats", "--team", "Kiwis"], "stats"),
    SchemaCase(["member", "show", "ana"], "member"),
    SchemaCase(["walks"], "walks"),
    SchemaCase(["leaderboard", "--teams"], "leaderboard"),
    SchemaCase(["leaderboard", "--goal", "Dash", "--teams"], "leaderboard"),
    SchemaCase(["export", "all"], "export-all"),
    SchemaCase(["check"], "check"),
    SchemaCase(["config", "list"], "config", env: ["MILEQUEST_UNIT": "km"]),
  ]

  static let walksLogged: [SchemaCase] = [
    SchemaCase(
      [
        "log", "1km", "--as", "ana", "--date", "2026-03-02", "--duration", "20m", "--steps",
        "1500", "--note", "first",
      ], "log"),
    SchemaCase(["log", "3km", "--as", "cy", "--date", "2026-03-03"], "log"),
    SchemaCase(["log", "2500m", "--as", "ben", "--date", "2026-03-04"], "log"),
    SchemaCase(["log", "1km", "--as", "ana", "--date", "2026-01-06"], "log"),
  ]

  static let afterWalks: [SchemaCase] = [
    SchemaCase(["progress", "Dash"], "progress"),
    SchemaCase(["progress", "Pool"], "progress"),
    SchemaCase(["progress", "Old"], "progress"),
    SchemaCase(["goal", "list", "--all"], "goals"),
    SchemaCase(["leaderboard", "--goal", "Dash", "--teams"], "leaderboard"),
    SchemaCase(["leaderboard", "--goal", "Old"], "leaderboard"),
    SchemaCase(["stats", "--as", "ana", "--unit", "km"], "stats"),
    SchemaCase(["team", "show", "Kiwis"], "team-show"),
    SchemaCase(
      [
        "import", "health", FitImportTests.fixtures.appendingPathComponent("health/rules.xml").path,
        "--member", "ana", "--dry-run",
      ], "health-days", env: ["MILEQUEST_TODAY": "2026-12-07"]),
    SchemaCase(["member", "remove", "cy", "--yes"], "members"),
    SchemaCase(["member", "list", "--all"], "members"),
    SchemaCase(["walks"], "walks"),
    SchemaCase(["goal", "cancel", "Old", "--yes", "--as", "ana"], ""),
    SchemaCase(["goal", "show", "Old"], "progress"),
    SchemaCase(["export", "all"], "export-all"),
    SchemaCase(["export", "goals"], "export-goals"),
  ]

  /// Runs `schemaCase` with `--format json` and validates what it printed; an empty schema
  /// name is a command run only for its effect.
  static func check(_ schemaCase: SchemaCase, _ cli: CLI, sourceLocation: SourceLocation) throws {
    let output = cli.ok(
      schemaCase.arguments + ["--format", "json"], env: schemaCase.env,
      sourceLocation: sourceLocation)
    guard !schemaCase.schema.isEmpty else { return }
    let result = try SchemaValidator.validate(output, schema: schemaCase.schema, in: cli)
    #expect(
      result.code == 0, "\(schemaCase.testDescription):\n\(result.output)\n\(output.prefix(2000))",
      sourceLocation: sourceLocation)
  }

  /// The sample database of `milequest demo --keep`, in the run directory.
  static func demoDatabase(_ cli: CLI) throws -> String {
    let output = cli.ok(["demo", "--keep"])
    let line = try #require(output.split(separator: "\n").last { $0.contains("kept at ") })
    let path = try #require(line.range(of: "kept at ").map { String(line[$0.upperBound...]) })
    #expect(FileManager.default.fileExists(atPath: path), "\(path)")
    return path
  }

  @Test func everySchemaFileIsAValidStrictSchema() {
    let result = runTool(
      SchemaValidator.python ?? "python3",
      [SchemaValidator.script, "--check", SchemaValidator.directory.path],
      environment: SchemaValidator.environment)

    #expect(result.code == 0, "\(result.output)")
  }

  /// The check of the schema files can fail: a schema that is no schema, one that accepts
  /// fields it does not list, and one that requires a field it does not describe.
  @Test func aLooseOrInvalidSchemaFailsTheCheck() throws {
    let cli = try CLI()
    let draft = #""$schema": "https://json-schema.org/draft/2020-12/schema""#
    let schemas: [(file: String, text: String, problem: String)] = [
      ("invalid", #"{\#(draft), "type": "nonsense"}"#, "invalid.json: not a valid schema"),
      (
        "loose", #"{\#(draft), "type": "object", "properties": {"a": {"type": "integer"}}}"#,
        "loose.json: #: additionalProperties is not false"
      ),
      (
        "unlisted",
        #"{\#(draft), "type": "object", "properties": {}, "required": ["a"], "additionalProperties": false}"#,
        "unlisted.json: #: required 'a' is not a property"
      ),
    ]
    for schema in schemas {
      let directory = cli.path(schema.file)
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try cli.write("\(schema.file)/\(schema.file).json", schema.text)

      let result = runTool(
        SchemaValidator.python ?? "python3", [SchemaValidator.script, "--check", directory],
        environment: SchemaValidator.environment)

      #expect(result.code == 1, "\(schema.file): \(result.output)")
      #expect(result.output.contains(schema.problem), "\(result.output)")
    }
  }

  @Test func everySchemaFileIsCheckedAgainstRealOutput() {
    let used = Set(
      (Self.demoCases + Self.beforeWalks + Self.walksLogged + Self.afterWalks).map(\.schema)
    )
    .subtracting([""])

    #expect(used == SchemaValidator.schemaNames)
  }

  /// docs/schema/README.md names every command: with the schema it prints, or among those
  /// that print no JSON document.
  @Test func theReadmeNamesEveryCommand() throws {
    let readme = try String(
      contentsOf: SchemaValidator.directory.appendingPathComponent("README.md"), encoding: .utf8)
    let commands = try DocsTests().commandLine().commands

    #expect(commands.contains("leaderboard"))
    for command in commands
    where !["walks", "import", "member", "team", "route", "goal", "config"]
      .contains(command)
    {
      #expect(
        readme.contains("`\(command)`") || readme.contains("`\(command) "),
        "docs/schema/README.md does not name `\(command)`")
    }
  }

  @Test func theDemoDatabaseMatchesTheSchemas() throws {
    let cli = try CLI()
    cli.databaseAddress = try Self.demoDatabase(cli)
    for schemaCase in Self.demoCases {
      try Self.check(schemaCase, cli, sourceLocation: #_sourceLocation)
    }
  }

  @Test func nullsArrivalsAndEndedGoalsMatchTheSchemas() throws {
    let cli = try CLI()
    Self.buildNullShapes(cli)
    for schemaCase in Self.beforeWalks + Self.walksLogged + Self.afterWalks {
      try Self.check(schemaCase, cli, sourceLocation: #_sourceLocation)
    }
    // The set-up reached the shapes it is there for.
    let dash = J.object(try cli.json(["progress", "Dash"]))
    #expect(J.array(dash["teams"]).allSatisfy { !J.isNull(J.object($0)["arrived_on"]) })
    let old = J.object(try cli.json(["progress", "Old"]))
    #expect(J.isNull(old["route"]) && J.isNull(old["position"]))
    let export = J.object(try cli.json(["export", "all"]))
    #expect(J.array(export["goals"]).contains { !J.isNull(J.object($0)["final"]) })
  }

  // MARK: - The version

  @Test func everyObjectDocumentStartsWithSchemaVersion() throws {
    let cli = try CLI()
    cli.databaseAddress = try Self.demoDatabase(cli)
    for arguments in [
      ["progress", "LEJOG race"], ["leaderboard", "--teams"], ["stats", "--as", "alice"],
      ["member", "show", "alice"], ["config", "list"], ["demo"], ["undo", "--dry-run"],
    ] {
      let output = cli.ok(arguments + ["--format", "json"])
      #expect(output.hasPrefix("{\n  \"schema_version\": 1,\n"), "\(arguments): \(output)")
    }
    #expect(cli.ok(["export", "all"]).contains("\n  \"version\": 1,\n  \"schema_version\": 1,\n"))
    // check's schema_version names the database's schema, as before.
    let check = J.object(try cli.json(["check"]))
    #expect(J.int(check["json_schema_version"]) == 1)
    #expect(J.string(check["schema_version"])?.hasPrefix("v") == true)
    // A list is an array: its items carry no version.
    let walks = J.array(try cli.json(["walks", "--limit", "2"]))
    #expect(walks.allSatisfy { J.object($0)["schema_version"] == nil })
  }

  /// A field renamed, removed, added or retyped without changing the schema (and so without a
  /// bump of schema_version) fails validation.
  @Test(arguments: [
    ("rename", "\"done_m\":", "\"done_metres\":"),
    ("bump", "\"schema_version\": 1,", "\"schema_version\": 2,"),
    ("add", "\"goal\":", "\"added\": 1, \"goal\":"),
    ("retype", "\"grace_days\": 0", "\"grace_days\": \"0\""),
    ("null", "\"start\": \"2026-02-23\"", "\"start\": null"),
    ("date", "\"start\": \"2026-02-23\"", "\"start\": \"20260223\""),
  ])
  func aChangedDocumentFailsItsSchema(_ change: (String, String, String)) throws {
    let cli = try CLI()
    cli.databaseAddress = try Self.demoDatabase(cli)
    let original = cli.ok(["progress", "LEJOG race", "--format", "json"])
    #expect(try SchemaValidator.validate(original, schema: "progress", in: cli).code == 0)
    #expect(original.contains(change.1), "\(change.0)")

    let changed = original.replacingOccurrences(of: change.1, with: change.2)
    let result = try SchemaValidator.validate(changed, schema: "progress", in: cli)

    #expect(result.code == 1, "\(change.0): \(result.output)")
    #expect(!result.output.isEmpty)
  }

  // MARK: - import all and the version

  /// `export all` of a small challenge, and an empty database beside it.
  static func exported(_ cli: CLI) -> String {
    cli.ok(["member", "add", "ana"])
    cli.ok(["team", "create", "Kiwis", "--as", "ana"])
    cli.ok(["log", "3km", "--as", "ana"])
    let document = cli.ok(["export", "all"])
    cli.initDatabase(cli.path("copy.db"))
    return document
  }

  @Test func importAllReadsAnExportWithoutSchemaVersion() throws {
    let cli = try CLI()
    let document = Self.exported(cli)
    let older = document.replacingOccurrences(of: "\n  \"schema_version\": 1,", with: "")
    #expect(older != document && !older.contains("schema_version"))
    try cli.write("older.json", older)

    let imported = cli.ok(["--db", "copy.db", "import", "all", "older.json"])

    #expect(imported.contains("1 member"), "\(imported)")
    #expect(cli.ok(["--db", "copy.db", "export", "all"]) == document)
  }

  @Test(arguments: ["2", "1.5", "\"1\"", "null"])
  func importAllRefusesAnUnknownSchemaVersion(_ version: String) throws {
    let cli = try CLI()
    let document = Self.exported(cli)
    let newer = document.replacingOccurrences(
      of: "\"schema_version\": 1,", with: "\"schema_version\": \(version),")
    try cli.write("newer.json", newer)
    let before = ImportAllTests.bytes(cli.path("copy.db"))

    let result = cli.run(["--db", "copy.db", "import", "all", "newer.json"])

    #expect(result.code == 65, "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(result.stderr.hasPrefix("milequest: error: newer.json: schema_version \(version) "))
    if version == "2" {
      #expect(result.stderr.contains("is newer than this milequest reads (1)"), "\(result.stderr)")
    }
    #expect(ImportAllTests.bytes(cli.path("copy.db")) == before)
  }
}
