import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite

/// The Kit's text functions behind issue 11's "nothing hostile reaches the terminal" and
/// "messages that tell the truth": escaping, NFC names, suggestions, plurals, config lines.
@Suite("Trust in text")
struct TrustTextUnitTests {
  // MARK: TerminalText

  @Test(
    "every control, separator and bidi character is escaped",
    arguments: [
      (0x00, "\\u{0}"), (0x07, "\\u{7}"), (0x09, "\\u{9}"), (0x0A, "\\u{a}"), (0x0D, "\\u{d}"),
      (0x1B, "\\u{1b}"), (0x7F, "\\u{7f}"), (0x85, "\\u{85}"), (0x9B, "\\u{9b}"),
      (0x2028, "\\u{2028}"), (0x2029, "\\u{2029}"), (0x202A, "\\u{202a}"), (0x202E, "\\u{202e}"),
      (0x2066, "\\u{2066}"), (0x2069, "\\u{2069}"), (0x200E, "\\u{200e}"), (0x200F, "\\u{200f}"),
      (0x061C, "\\u{61c}"),
    ])
  func escapesUnsafe(_ value: UInt32, _ expected: String) throws {
    let scalar = try #require(Unicode.Scalar(value))
    let text = "a" + String(Character(scalar)) + "b"
    #expect(TerminalText.escaped(text) == "a\(expected)b")
  }

  @Test("ordinary text is left alone, escaping twice changes nothing")
  func leavesTextAlone() {
    for text in ["", "Ann", "Café", "東京", "👩‍👩‍👧 family", "مرحبا", "Zoe\u{308}", "a\\u{1b}b"] {
      #expect(TerminalText.escaped(text) == text)
    }
    let once = TerminalText.escaped("x\u{1b}[2J\u{7}\ny")
    #expect(once == "x\\u{1b}[2J\\u{7}\\u{a}y")
    #expect(TerminalText.escaped(once) == once)
  }

  @Test("escapedKeepingLines keeps line breaks and escapes the rest")
  func keepsLines() {
    #expect(TerminalText.escapedKeepingLines("a\u{1b}\nb\r\n") == "a\\u{1b}\nb\\u{d}\n")
    #expect(TerminalText.escapedKeepingLines("plain\ntext\n") == "plain\ntext\n")
  }

  @Test("an error's text is one line whatever its values hold")
  func errorsAreOneLine() {
    let errors: [MileQuestError] = [
      .unknown(kind: "team", name: "a\nb\u{1b}[2J"), .badData("bad 'x\ry'"),
      .duplicate(kind: "team", name: "\u{202e}x"),
      .inputUnreadable(path: "/tmp/a\nb", reason: "gone"), .usage("unknown option '--\u{7}'"),
    ]
    for error in errors {
      #expect(!error.description.unicodeScalars.contains(where: TerminalText.isUnsafe), "\(error)")
    }
    #expect(
      MileQuestError.unknown(kind: "team", name: "a\u{1b}b").description
        == "unknown team 'a\\u{1b}b'")
  }

  @Test("bad records keep one line per problem, each escaped")
  func badRecordsLines() {
    let error = MileQuestError.badRecords(
      problems: ["f.csv:2: bad distance '3\u{1b}[2J'", "f.csv:3: x\ny"],
      summary: "nothing was imported (2 bad of 2 rows)")
    #expect(error.exitCode == 65)
    #expect(
      error.description
        == "f.csv:2: bad distance '3\\u{1b}[2J'\nf.csv:3: x\\u{a}y\nnothing was imported (2 bad of 2 rows)"
    )
  }

  // MARK: NameText

  @Test("NFC: precomposed and decomposed spellings are one name and one key")
  func nfc() {
    let composed = "Caf\u{e9}"
    let decomposed = "Cafe\u{301}"
    #expect(Array(NameText.normalized(decomposed).unicodeScalars) == Array(composed.unicodeScalars))
    #expect(NameText.normalized("Ann") == "Ann")
    #expect(NameText.key(decomposed) == NameText.key("CAF\u{c9}"))
    #expect(Array(NameText.key("CAFE\u{301}").unicodeScalars) == Array("caf\u{e9}".unicodeScalars))
    // Hangul jamo compose too; compatibility forms (ﬁ) are left as they are (NFC, not NFKC)
    #expect(NameText.normalized("\u{1100}\u{1161}") == "\u{ac00}")
    #expect(Array(NameText.normalized("\u{fb01}").unicodeScalars) == ["\u{fb01}"])
  }

  @Test("Validation.text stores NFC and refuses bidi and control characters")
  func validationText() throws {
    let stored = try Validation.text("  Cafe\u{301} ", what: "team name", length: 1...60)
    #expect(Array(stored.unicodeScalars) == Array("Caf\u{e9}".unicodeScalars))
    for bad in ["a\u{202e}b", "a\u{2066}b", "\u{200f}x", "a\u{2028}b", "a\u{85}b", "a\u{1b}b"] {
      #expect(throws: MileQuestError.self) {
        try Validation.text(bad, what: "name", length: 1...60)
      }
    }
    // A joiner inside an emoji is not a bidi control
    #expect(try Validation.text("👩‍👩‍👧", what: "name", length: 1...60) == "👩‍👩‍👧")
  }

  @Test(
    "a store finds a name typed in either spelling, and refuses a twin", arguments: [true, false])
  func storeLooksUpNFC(_ composedFirst: Bool) throws {
    let store = try SQLiteStore.inMemory()
    let service = MileQuestService(
      store: store, today: LocalDate(year: 2026, month: 3, day: 15)!, actingHandle: "ann")
    _ = try service.addMember(handle: "ann", name: nil, email: nil, stride: nil)
    let (first, second) =
      composedFirst ? ("Caf\u{e9}", "CAFE\u{301}") : ("Cafe\u{301}", "caf\u{e9}")
    _ = try service.createTeam(name: first, description: nil, maxMembers: nil, since: nil)
    #expect(try service.teamDetails(name: second).team.name.unicodeScalars.count == 4)
    #expect(throws: MileQuestError.self) {
      _ = try service.createTeam(name: second, description: nil, maxMembers: nil, since: nil)
    }
  }

  // MARK: Suggestion

  @Test("suggestions: close words, prefixes, nothing for strangers")
  func suggestions() {
    let commands = ["log", "walks", "undo", "progress", "leaderboard", "stats", "team", "member"]
    #expect(Suggestion.closest(to: "leaderbord", among: commands) == "leaderboard")
    #expect(Suggestion.closest(to: "lgo", among: commands) == "log")
    #expect(Suggestion.closest(to: "wlaks", among: commands) == "walks")
    #expect(Suggestion.closest(to: "leader", among: commands) == "leaderboard")
    #expect(Suggestion.closest(to: "Team", among: commands) == "team")
    #expect(Suggestion.closest(to: "frobnicate", among: commands) == nil)
    #expect(Suggestion.closest(to: "x", among: commands) == nil)
    #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    #expect(Suggestion.editDistance("ab", "ba") == 1)
    #expect(Suggestion.editDistance("", "abc") == 3)
  }

  // MARK: Plural

  @Test("plurals")
  func plurals() {
    #expect(Plural.count(1, "walk") == "1 walk")
    #expect(Plural.count(0, "walk") == "0 walks")
    #expect(Plural.count(2, "day") == "2 days")
    #expect(Plural.count(1, "copy", plural: "copies") == "1 copy")
    #expect(Plural.count(3, "copy", plural: "copies") == "3 copies")
  }

  // MARK: Config lines

  @Test("a config key's line is the line that sets it")
  func configLines() {
    let text = """
      # unit = "km" in a comment
      database = "x.db"
      units = "nope"
      "member" = "ann"
      note = \"\"\"
      unit = "inside a string"
      \"\"\"
      unit = "km"
      [color]
      week_start = "x"
      """
    #expect(Config.line(of: "database", in: text) == 2)
    #expect(Config.line(of: "units", in: text) == 3)
    #expect(Config.line(of: "member", in: text) == 4)
    #expect(Config.line(of: "unit", in: text) == 8)
    #expect(Config.line(of: "color", in: text) == 9)
    #expect(Config.line(of: "data", in: text) == 1)
  }

  @Test("CRLF line ends and a byte-order mark do not shift the line")
  func configLineEnds() {
    #expect(Config.line(of: "unit", in: "member = \"ann\"\r\n\r\nunit = \"x\"\r\n") == 3)
    #expect(Config.line(of: "unit", in: "\u{feff}member = \"a\"\nunit = 1\n") == 2)
    #expect(Config.line(of: "member", in: "\u{feff}member = 1\n") == 1)
  }

  @Test("the first bad key in the file is the one reported")
  func configFirstBadKey() {
    #expect(throws: MileQuestError.configuration("c.toml:2: bad unit 'x': use mi or km")) {
      _ = try Config.parse("member = \"ann\"\nunit = \"x\"\ncolor = \"y\"\n", path: "c.toml")
    }
    #expect(
      throws: MileQuestError.configuration("c.toml:1: bad color 'y': use auto, always or never")
    ) {
      _ = try Config.parse("color = \"y\"\nunit = \"x\"\n", path: "c.toml")
    }
  }
}
