import Foundation
import MileQuestKit
import Testing

@testable import milequest

/// The output contract (docs/output.md): every command the document lists is run against a
/// copy of the demo database in csv, tsv, ndjson and json, and its fields must be the
/// documented ones, in the documented order, with canonical values. A renamed, added or
/// removed field fails here until the document says so.
@Suite("End to end: the output contract of docs/output.md")
struct OutputContractTests {
  /// One documented field.
  struct Field {
    var name: String
    var type: String
    var nullable: Bool
  }

  /// One `### command` section of the document.
  struct Section {
    var title: String
    var example: [String] = []
    var shape: OutputRecords.Shape = .document
    var fields: [Field] = []
    /// "Same fields as `X`": the section whose table this one shares.
    var sameAs: String?
  }

  /// The sections of docs/output.md, with shared tables resolved.
  static func sections() throws -> [Section] {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("docs/output.md"), encoding: .utf8)
    var sections: [Section] = []
    var inCommands = false
    for line in text.components(separatedBy: "\n") {
      if line.hasPrefix("## ") { inCommands = line == "## Commands" }
      guard inCommands else { continue }
      if line.hasPrefix("### ") {
        sections.append(Section(title: String(line.dropFirst(4))))
        continue
      }
      guard !sections.isEmpty else { continue }
      if line.hasPrefix("Example: `milequest "), let end = line.lastIndex(of: "`") {
        let command = line[line.index(line.startIndex, offsetBy: 20)..<end]
        sections[sections.count - 1].example = try ShellWords.split(String(command))
      } else if line.hasPrefix("Rows:") {
        if let range = line.range(of: "element of `") {
          let name = line[range.upperBound...].prefix { $0 != "`" }
          sections[sections.count - 1].shape = .list(String(name))
        }
        if let range = line.range(of: "Same fields as `") {
          sections[sections.count - 1].sameAs = String(
            line[range.upperBound...].prefix { $0 != "`" })
        }
      } else if line.hasPrefix("| "), !line.hasPrefix("| field |") {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        guard cells.count >= 6 else { continue }
        sections[sections.count - 1].fields.append(
          Field(name: cells[1], type: cells[2], nullable: cells[4] == "yes"))
      }
    }
    return try sections.map { section in
      guard let name = section.sameAs else { return section }
      var resolved = section
      resolved.fields = try #require(sections.first { $0.title == name }, "\(name)").fields
      return resolved
    }
  }

  /// A CLI acting as alice on its own copy of the demo database.
  static func demo() throws -> (CLI, [String: String]) {
    let cli = try CLI()
    let made = cli.run(["demo", "--keep"])
    let kept = (made.stdout + made.stderr).components(separatedBy: "\n").compactMap { line in
      line.range(of: "sample database kept at ").map { String(line[$0.upperBound...]) }
    }.first
    let path = try #require(kept, "demo --keep names its database: \(made.stderr)")
    let database = cli.directory.appendingPathComponent("demo.db")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: path), to: database)
    try? FileManager.default.removeItem(atPath: path)
    return (cli, ["MILEQUEST_DB": database.path, "MILEQUEST_USER": "alice"])
  }

  /// The keys of a one-line JSON object, in the order written.
  static func keys(_ line: String) -> [String] {
    var keys: [String] = []
    var depth = 0
    var inString = false
    var escaped = false
    var current = ""
    var expectingKey = false
    var readingKey = false
    for character in line {
      if inString {
        if escaped {
          escaped = false
          if readingKey { current.append(character) }
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
          if readingKey {
            keys.append(current)
            readingKey = false
          }
        } else if readingKey {
          current.append(character)
        }
        continue
      }
      switch character {
      case "\"":
        inString = true
        if depth == 1 && expectingKey {
          readingKey = true
          expectingKey = false
          current = ""
        }
      case "{", "[":
        depth += 1
        if depth == 1 { expectingKey = true }
      case "}", "]": depth -= 1
      case ",": if depth == 1 { expectingKey = true }
      default: break
      }
    }
    return keys
  }

  /// The records of CSV or TSV text (TSV has no quoting: split on tabs).
  static func records(_ text: String, tsv: Bool) -> [[String]] {
    if tsv {
      return text.split(separator: "\n").map {
        $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      }
    }
    return CSVReader(bytes: Array(text.utf8)).map { $0.fields.map(CSVWriter.restored) }
  }

  /// Whether `cell` is a canonical value of `field` (and the same as `native`, the NDJSON
  /// value of that field in the same row).
  static func check(_ cell: String, _ field: Field, native: JSONValue?, _ name: String) {
    let label = "\(name): \(field.name) = '\(cell)'"
    if cell.isEmpty {
      #expect(field.nullable, "\(label): empty but not nullable")
      #expect(
        native == nil || native == .null,
        "\(label): csv empty, ndjson \(String(describing: native))")
      return
    }
    switch field.type {
    case "integer":
      #expect(Int(cell) != nil, "\(label): not an integer")
      #expect(native == .int(Int64(cell) ?? 0), "\(label) vs \(String(describing: native))")
    case "number":
      let value = Double(cell)
      #expect(value != nil && value!.isFinite, "\(label): not a number")
      if case .double(let number)? = native {
        #expect(
          value == number, "\(label): reads back as \(String(describing: value)), not \(number)")
      } else if case .int(let number)? = native {
        #expect(value == Double(number), "\(label)")
      } else {
        Issue.record("\(label): ndjson has \(String(describing: native))")
      }
    case "date":
      #expect(
        cell.count == 10 && cell.split(separator: "-").map(\.count) == [4, 2, 2]
          && LocalDate(cell) != nil, "\(label): not a date")
    case "boolean":
      #expect(cell == "true" || cell == "false", "\(label): not a boolean")
    case "array":
      let parsed = try? JSONValue(parsing: Data(cell.utf8))
      if case .array? = parsed {} else { Issue.record("\(label): not a JSON array") }
      #expect(parsed == native, "\(label): not the ndjson array")
    case "string":
      #expect(native == .string(cell), "\(label) vs \(String(describing: native))")
    default:
      Issue.record("\(label): unknown type '\(field.type)' in docs/output.md")
    }
  }

  @Test("docs/output.md lists every command that prints data, each with fields")
  func documented() throws {
    let sections = try Self.sections()
    let titles = sections.map(\.title)
    for command in [
      "walks", "log", "leaderboard", "leaderboard --teams", "leaderboard --teams --goal",
      "progress", "goal show", "goal list", "stats", "member list", "member show",
      "team list", "team show", "team add", "route list", "route show", "route catalog", "check",
      "config list",
    ] {
      #expect(titles.contains(command), "docs/output.md has no section '### \(command)'")
    }
    for section in sections {
      #expect(!section.example.isEmpty, "\(section.title): no example")
      #expect(!section.fields.isEmpty, "\(section.title): no fields")
      let names = section.fields.map(\.name)
      #expect(Set(names).count == names.count, "\(section.title): a field twice")
      #expect(
        names.allSatisfy { !$0.hasSuffix("_km") && !$0.hasSuffix("_mi") },
        "\(section.title): a display-unit field")
    }
  }

  @Test("every documented command prints its documented fields, canonical, in all formats")
  func everyCommandMatchesTheDocument() throws {
    let (cli, environment) = try Self.demo()
    for section in try Self.sections() where !section.example.isEmpty {
      let name = "milequest \(section.example.joined(separator: " "))"
      let expected =
        section.fields.map(\.name) + (section.example.contains("--dry-run") ? ["dry_run"] : [])
      let fields = section.fields + [Field(name: "dry_run", type: "boolean", nullable: false)]
      func run(_ format: String, unit: String = "km") -> String {
        let result = cli.run(
          section.example + ["--format", format],
          env: environment.merging(["MILEQUEST_UNIT": unit]) { $1 })
        #expect(result.code == 0, "\(name) -f \(format): \(result.stderr)")
        return result.stdout
      }
      // NDJSON: each line an object with exactly the fields, in order.
      let ndjson = try run("ndjson").split(separator: "\n").map {
        try JSONValue(parsing: Data($0.utf8))
      }
      #expect(!ndjson.isEmpty, "\(name): no rows to check")
      for line in ndjson {
        guard case .object(let pairs) = line else {
          Issue.record("\(name) ndjson: not an object")
          continue
        }
        #expect(Set(pairs.map(\.0)) == Set(expected), "\(name) ndjson keys")
      }
      // The decoder does not keep the order: read the keys off the text.
      for line in run("ndjson").split(separator: "\n") {
        #expect(Self.keys(String(line)) == expected, "\(name) ndjson key order")
      }
      // JSON: the document's rows have the same fields.
      // The printer's document version (docs/schema/) is the document's, not a row's.
      var json = try JSONValue(parsing: Data(run("json").utf8))
      // (The parser does not keep the order: `check` has its own string `schema_version`.)
      if case .object(let pairs) = json {
        let version =
          pairs.contains { $0.0 == JSONSchemaVersion.fallbackKey }
          ? JSONSchemaVersion.fallbackKey : JSONSchemaVersion.key
        json = .object(pairs.filter { $0.0 != version })
      }
      for row in OutputRecords.rows(json, shape: section.shape, nullable: ProgressView.nullable) {
        #expect(Set(row.map(\.0)) == Set(expected), "\(name) json rows")
      }
      // CSV and TSV: the header, then cells that read back to the NDJSON values.
      let csv = run("csv")
      #expect(csv == run("csv", unit: "mi"), "\(name): --unit changes the csv")
      for (format, text) in [("csv", csv), ("tsv", run("tsv"))] {
        let records = Self.records(text, tsv: format == "tsv")
        #expect(records.first == expected, "\(name) \(format) header")
        #expect(records.count == ndjson.count + 1, "\(name) \(format): rows")
        for (record, line) in zip(records.dropFirst(), ndjson) {
          #expect(record.count == expected.count, "\(name) \(format): \(record)")
          for (cell, fieldName) in zip(record, expected) {
            guard let field = fields.first(where: { $0.name == fieldName }) else { continue }
            if format == "tsv" && field.type == "array" { continue }  // tabs become spaces
            Self.check(cell, field, native: line[fieldName], "\(name) \(format)")
          }
        }
      }
    }
  }

  @Test("--fields selects and orders columns; X_km and X_mi come from X_m")
  func fieldsSelect() throws {
    let (cli, environment) = try Self.demo()
    let csv = cli.ok(
      ["walks", "-n", "3", "--fields", "date,distance_km,id, distance_mi", "--format", "csv"],
      env: environment)
    let records = Self.records(csv, tsv: false)
    #expect(records.first == ["date", "distance_km", "id", "distance_mi"])
    let full = cli.ok(["walks", "-n", "3", "--format", "ndjson"], env: environment)
      .split(separator: "\n").map { try? JSONValue(parsing: Data($0.utf8)) }
    #expect(records.count == 4 && full.count == 3)
    for (record, object) in zip(records.dropFirst(), full) {
      let metres: Double
      switch object?["distance_m"] {
      case .double(let value)?: metres = value
      case .int(let value)?: metres = Double(value)
      default:
        Issue.record("no distance_m")
        continue
      }
      #expect(Double(record[1]) == metres / 1000)
      #expect(Double(record[3]) == metres / 1609.344)
      #expect(record[2] == object?["id"].map(OutputRecords.cell))
    }
    // JSON: an array of the selected flat rows; NDJSON and TSV the same columns.
    let json = try JSONValue(
      parsing: Data(
        cli.ok(
          [
            "leaderboard", "--teams", "--goal", "LEJOG race", "--fields", "name,percent", "-f",
            "json",
          ],
          env: environment
        ).utf8))
    guard case .array(let rows) = json else {
      Issue.record("not an array: \(json)")
      return
    }
    #expect(rows.count == 2)
    for row in rows {
      guard case .object(let pairs) = row else { continue }
      #expect(pairs.map(\.0) == ["name", "percent"])
    }
    let ndjson = cli.ok(["progress", "--fields", "done_mi,goal", "-f", "ndjson"], env: environment)
    #expect(ndjson.hasPrefix("{\"done_mi\":") && ndjson.contains("\"goal\":\"LEJOG race\"}"))
    let tsv = cli.ok(["team", "list", "--fields", "members,name", "-f", "tsv"], env: environment)
    #expect(tsv.hasPrefix("members\tname\n3\t"))
  }

  @Test("--fields: an unknown field is a usage error naming the valid ones")
  func unknownField() throws {
    let (cli, environment) = try Self.demo()
    let walks = cli.run(["walks", "--fields", "id,distance", "-f", "csv"], env: environment)
    #expect(walks.code == 64)
    #expect(walks.stdout.isEmpty)
    #expect(
      walks.stderr
        == "milequest: error: unknown field 'distance' for walks; fields: id, member, date, "
        + "distance_m, duration_s, steps, note, source, external_id, activity\n")
    let goals = cli.run(["goal", "list", "--fields", "nope", "-f", "json"], env: environment)
    #expect(goals.code == 64)
    #expect(
      goals.stderr.hasPrefix(
        "milequest: error: unknown field 'nope' for goal list; fields: goal, team,"))
    // A writing command changes nothing when its output is refused.
    let before = cli.ok(["walks", "-f", "csv"], env: environment)
    let log = cli.run(["log", "3km", "--fields", "km", "-f", "csv"], env: environment)
    #expect(log.code == 64, "\(log.stderr)")
    #expect(cli.ok(["walks", "-f", "csv"], env: environment) == before)
    for arguments in [
      ["walks", "--fields", "id"],  // the table
      ["walks", "--fields", "id,,date", "-f", "csv"],
      ["walks", "--fields", "id,id", "-f", "csv"],
      ["walks", "--no-header", "-f", "json"],
      ["walks", "--no-header"],
      ["leaderboard", "--watch", "--fields", "name", "-f", "ndjson"],
      ["export", "walks", "--fields", "id"],
      ["export", "walks", "--no-header"],
      ["undo", "--fields", "id", "-f", "csv"],
    ] {
      let result = cli.run(arguments, env: environment)
      #expect(result.code == 64, "\(arguments): \(result.stderr)")
      #expect(result.stderr.hasPrefix("milequest: error: "), "\(arguments): \(result.stderr)")
    }
  }

  @Test("--no-header leaves out the csv and tsv header only")
  func noHeader() throws {
    let (cli, environment) = try Self.demo()
    for format in ["csv", "tsv"] {
      let with = cli.ok(["leaderboard", "-f", format], env: environment)
      let without = cli.ok(["leaderboard", "-f", format, "--no-header"], env: environment)
      #expect(with.hasPrefix(format == "csv" ? "rank,name,distance_m" : "rank\tname\tdistance_m"))
      #expect(with.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n" == without)
    }
    let walks = cli.ok(
      ["walks", "-n", "2", "--no-header", "-f", "csv", "--fields", "id"], env: environment)
    #expect(walks.split(separator: "\n").allSatisfy { Int($0) != nil }, "\(walks)")
  }

  @Test("export takes every data format but one: export all is a JSON document only")
  func exportFormats() throws {
    let (cli, environment) = try Self.demo()
    let tsv = cli.ok(["export", "walks", "-f", "tsv"], env: environment)
    #expect(tsv.hasPrefix("id\tmember\tdate\tdistance_m\t"))
    for arguments in [["-f", "csv"], ["-f", "tsv"], ["-f", "ndjson"], ["-o", "all.csv"]] {
      let result = cli.run(["export", "all"] + arguments, env: environment)
      #expect(result.code == 64, "\(arguments)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.hasPrefix("milequest: error: export all writes one JSON document"))
      #expect(
        !FileManager.default.fileExists(
          atPath: cli.directory.appendingPathComponent("all.csv").path))
    }
    #expect(cli.ok(["export", "all", "-f", "json"], env: environment).hasPrefix("{"))
  }

  @Test("an empty walk list prints the csv header; other formats print no row")
  func emptyWalks() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    #expect(
      cli.ok(["walks", "-f", "csv"])
        == "id,member,date,distance_m,duration_s,steps,note,source,external_id,activity\n")
    #expect(cli.ok(["walks", "-f", "ndjson"]) == "")
    #expect(cli.ok(["walks", "-f", "json"]) == "[]\n")
    #expect(cli.ok(["walks", "-f", "json", "--fields", "id"]) == "[]\n")
    #expect(cli.run(["walks", "-f", "csv", "--fields", "x"]).code == 64)
  }

  @Test("a walk with every field set reads back from csv, tsv and ndjson as stored")
  func everyWalkFieldReadsBack() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok([
      "log", "4.2195km", "--as", "ann", "--date", "2026-03-10", "--duration", "1:02:03",
      "--steps", "5123", "--note", "=1+1, \"quoted\" and more",
    ])
    let header = "id,member,date,distance_m,duration_s,steps,note,source,external_id,activity"
    let csv = Self.records(cli.ok(["walks", "-f", "csv", "--unit", "mi"]), tsv: false)
    #expect(csv.first == header.split(separator: ",").map(String.init))
    #expect(
      csv.dropFirst().first
        == [
          "1", "ann", "2026-03-10", "4219.5", "3723.0", "5123", "=1+1, \"quoted\" and more",
          "manual", "", "walk",
        ])
    let tsv = Self.records(cli.ok(["walks", "-f", "tsv"]), tsv: true)
    #expect(tsv.dropFirst().first?[6] == "'=1+1, \"quoted\" and more")
    let line = cli.ok(["walks", "-f", "ndjson"])
    #expect(
      line
        == #"{"id":1,"member":"ann","date":"2026-03-10","distance_m":4219.5,"duration_s":3723.0,"#
        + #""steps":5123,"note":"=1+1, \"quoted\" and more","source":"manual","#
        + #""external_id":null,"activity":"walk"}"# + "\n")
  }
}
