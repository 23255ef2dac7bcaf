import Foundation
import Testing

@testable import MileQuestKit

/// One test per bug found by fuzzing (Fuzz/) or by the hostile-input matrix, named by the day
/// it was found, with the smallest input that showed it. A crash here is the bug coming back.
@Suite("Regressions")
struct RegressionTests {
  /// Fuzz/FuzzConfig: a table header starting with a character that cannot start a key
  /// (`[é]`, `[=]`, `[.a]`, `[` alone on a line) made toml++ fail an assertion and abort the
  /// whole process (exit 134) before any command ran; a NUL cut the file short silently.
  @Test(
    "2026-11-26: bad TOML table headers are a configuration error, not an abort",
    arguments: [
      "[é]\n", "[=]\n", "[.a]\n", "[#]\n", "[\u{1}]\n", "[ \t\u{FFFD}]\n", "[[é]]\n",
      "[\n", "[\r\n", "[[\n", "unit = \"mi\"\n[\n\u{0}table]\nx = 1\n",
      "unit = \"mi\"\n[\u{8C}able]\nx = 1\n", "member = \"ann\"\u{0}\n",
      // 2026-12-07, FuzzConfig in CI: behind a byte-order mark, which toml++ skips and the
      // guard did not (bytes EF BB BF 5B 5B BF FF 0A).
      "\u{FEFF}[[\u{FFFD}\u{FFFD}\n", "\u{FEFF}[é]\n", "\u{FEFF}[\n",
      // and behind two (EF BB BF EF BB BF 5B 16 9F 16 9F BF FF 0A), or Unicode spaces.
      "\u{FEFF}\u{FEFF}[\u{16}\u{9F}\u{16}\u{9F}\u{FFFD}\n", "\u{FEFF}\u{FEFF}[é]\n",
      "\u{A0}[é]\n", "\u{3000}[[\n", "unit = \"mi\"\n\u{2003}[.a]\n",
    ])
  func badTableHeader(_ text: String) {
    let error = #expect(throws: MileQuestError.self) {
      try Config.parse(text, path: "config.toml")
    }
    guard case .configuration(let message)? = error else {
      Issue.record("want a configuration error (exit 78), got \(String(describing: error))")
      return
    }
    #expect(message.hasPrefix("config.toml:"), "\(message)")
    #expect(!message.contains("\n") && !message.contains("\u{1}"), "\(message)")
  }

  /// Fuzz/FuzzConfig: a `}` where an array element should be (`a = [}`, also after a comma,
  /// a comment or a line break, or in an array inside an inline table) made toml++ fail an
  /// assertion and abort the process (exit 134). Arrays and inline tables are refused first,
  /// with the message a valid array gets: settings are quoted strings.
  @Test(
    "2026-11-26: an array or inline-table value is a configuration error, not an abort",
    arguments: [
      "member =[}\n 'bom\u{B4} # l}\"b'\n", "a = [}\n", "a = [1,}\n", "a = [ # c\n}\n",
      "a = [ \"x\",\n } ]\n", "a = [[}]]\n", "a = {b = [}]}\n", "\"a=b\" = [}\n",
      "unit = \"km\"\n\tmember\t=\t[ }\n",
    ])
  func arrayValue(_ text: String) {
    let error = #expect(throws: MileQuestError.self) {
      try Config.parse(text, path: "config.toml")
    }
    guard case .configuration(let message)? = error else {
      Issue.record("want a configuration error (exit 78), got \(String(describing: error))")
      return
    }
    #expect(message.hasPrefix("config.toml:") && message.hasSuffix("must be a quoted string"))
  }

  @Test("2026-11-26: the table-header guard leaves valid files and ordinary errors alone")
  func tableHeaderGuardKeepsValidFiles() throws {
    #expect(try Config.parse("\u{FEFF}member = \"ann\"\n", path: "c.toml").member == "ann")
    let config = try Config.parse(
      "# settings\nmember = \"ann\"\nunit = 'km'\n  week_start = \"sunday\"\n", path: "c.toml")
    #expect(config.member == "ann")
    #expect(config.unit == .km)
    // A well-formed table is still refused by the settings rules, as before.
    #expect(throws: MileQuestError.self) { try Config.parse("[table]\nx = \"1\"\n", path: "c") }
    // Brackets and braces inside strings and comments are no arrays.
    let quoted = try Config.parse(
      "member = \"ann\" # = [}\n# x = [}\ndatabase = '/tmp/{a}[b].db'\n", path: "c.toml")
    #expect(quoted.member == "ann")
    #expect(quoted.database == "/tmp/{a}[b].db")
  }

  /// Hostile-input matrix: `log 3 --date -999999d` stored the walk on "-0712-04-18", a date
  /// "YYYY-MM-DD" cannot hold; every later `walks`, `stats` or `export` of the database then
  /// crashed decoding it. Relative dates may not leave the years 1…9999.
  @Test(
    "2026-11-26: relative dates before year 1 are refused, not stored",
    arguments: ["-999999d", "999999 days ago", "-142858w", "800000d ago"])
  func datesBeforeYearOne(_ text: String) throws {
    let today = try #require(LocalDate(year: 2026, month: 3, day: 15))
    #expect(throws: MileQuestError.self) { try DateInput.parse(text, today: today) }
  }

  @Test("2026-11-26: the year range applies to words and weekdays too; near limits still work")
  func dateRangeEdges() throws {
    let first = try #require(LocalDate(year: 1, month: 1, day: 1))
    #expect(throws: MileQuestError.self) { try DateInput.parse("yesterday", today: first) }
    #expect(throws: MileQuestError.self) { try DateInput.parse("monday", today: first) }
    #expect(try DateInput.parse("today", today: first) == first)
    let today = try #require(LocalDate(year: 2026, month: 3, day: 15))
    let old = try DateInput.parse("-700000d", today: today)
    #expect(old.year == 109)
    #expect(LocalDate(old.description) == old)
  }
}
