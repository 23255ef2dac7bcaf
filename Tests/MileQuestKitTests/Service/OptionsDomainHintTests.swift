import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite

/// Issue 13: Kit errors speak of the domain, not of command-line flags. What would help is a
/// `DomainHint`, said in the domain's words here and with the option names by the CLI
/// (`milequest`'s `DomainHint.rendered`, tested in `OptionsDomainHintCLITests`).
@Suite("Service: errors hint in domain words")
struct OptionsDomainHintTests {
  static let hints: [DomainHint] = [
    .nameActingMember, .giveDate, .useEmptyDatabase, .moveJoinDate(team: "T", handle: "h"),
    .moveLeaveDate(team: "T", handle: "h"), .raiseMemberLimit(team: "T"), .nameGoal,
    .giveDatabasePath, .createDatabase(path: "p.db"), .initialiseDatabase(path: "p.db"),
  ]

  @Test("a hinted error keeps its code and case, and ends with the hint", arguments: hints)
  func hinted(_ hint: DomainHint) {
    let base = MileQuestError.ruleViolation("team 'T' is full")
    let error = base.hinted(hint)
    #expect(error.exitCode == base.exitCode)
    #expect(error.withoutHint == base && error.hint == hint && base.hint == nil)
    #expect(error.description == "team 'T' is full; " + hint.text)
    #expect(!hint.text.contains("--"))
    #expect(error.description(renderingHint: { _ in "X" }) == "team 'T' is full; X")
    #expect(MileQuestError.usage("u").hinted(hint).exitCode == 64)
  }

  @Test("refusals that need an acting member or a goal say so without flags")
  func refusals() throws {
    let store = try SQLiteStore.inMemory()
    let today = LocalDate(dayNumber: 20_000)
    let nobody = MileQuestService(store: store, today: today)
    let cases: [(String, Int32, DomainHint, () throws -> Void)] = [
      (
        "create a team", 64, .nameActingMember,
        {
          _ = try nobody.createTeam(name: "Kiwis", description: nil, maxMembers: nil, since: nil)
        }
      ),
      ("leave a team", 64, .nameActingMember, { _ = try nobody.leaveTeam(team: "Kiwis", on: nil) }),
    ]
    for (what, code, hint, body) in cases {
      let error = try #require(OptionsDomainMessageTests.refusal(body), "\(what)")
      #expect(error.exitCode == code, "\(what): \(error)")
      #expect(error.hint == hint, "\(what): \(error)")
      #expect(!error.description.contains("--"), "\(what): \(error)")
    }
  }

  /// The library sources: every `Sources/<target>` but the CLI's.
  static func librarySources() -> [URL] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let sources = root.appendingPathComponent("Sources")
    let targets =
      (try? FileManager.default.contentsOfDirectory(atPath: sources.path))?.filter {
        $0 != "milequest"
      } ?? []
    return targets.flatMap { target -> [URL] in
      let enumerator = FileManager.default.enumerator(
        at: sources.appendingPathComponent(target), includingPropertiesForKeys: nil)
      return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }
  }

  /// Files whose string literals may still name a flag, and why.
  static let allowed: [String: String] = [
    // The fixes for uncounted walks are commands to paste, built as text for the warnings
    // (`[String]`) that log and import return: not yet a structured hint.
    "UncountedWalks.swift": "fix commands in warnings",
    // The tests' own PostgreSQL server: the flags are initdb's and pg_ctl's, not milequest's.
    "ThrowawayCluster.swift": "initdb and pg_ctl command lines",
  ]

  @Test("no string literal of the library names a command-line flag")
  func sourcesNameNoFlag() throws {
    let files = Self.librarySources()
    #expect(files.count > 50)
    let flag = try Regex(#"--[a-z][a-z-]*"#)
    var offenders: [String] = []
    for file in files where Self.allowed[file.lastPathComponent] == nil {
      let text = try String(contentsOf: file, encoding: .utf8)
      var inMultiline = false
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        let trimmed = line.drop { $0 == " " }
        let toggles = line.components(separatedBy: "\"\"\"").count - 1
        defer { if toggles % 2 == 1 { inMultiline.toggle() } }
        if !inMultiline && toggles == 0 && trimmed.hasPrefix("//") { continue }
        for match in line.matches(of: flag) {
          let before = line[..<match.range.lowerBound]
          let after = line[match.range.upperBound...]
          // CSS custom properties in the HTML report: `--ink: #222`, `var(--ink)`.
          if after.hasPrefix(":") || before.hasSuffix("var(") { continue }
          // Only inside a string literal: a quote before it on the line, or a multi-line one.
          let quoted = inMultiline || before.contains("\"")
          let comment = before.range(of: "//").map { !before[..<$0.lowerBound].contains("\"") }
          if quoted && comment != true {
            offenders.append("\(file.lastPathComponent):\(number + 1): \(match.output)")
          }
        }
      }
    }
    #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
  }
}
