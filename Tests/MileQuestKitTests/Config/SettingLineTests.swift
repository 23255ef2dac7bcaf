import Testing

@testable import MileQuestKit

/// The config file's line whitelist: only blank lines, comments and one-line `key = "value"`
/// settings reach toml++ (which aborts on some other malformed input).
@Suite("Config setting lines")
struct SettingLineTests {
  @Test(
    "blank lines, comments and one-line quoted settings pass",
    arguments: [
      "", "   ", "\t", "# a comment", "  # [not = a table", "unit = \"km\"", "unit='km'",
      "\tmember\t=\t\"ann\"\t# who I am", "\"unit\" = \"mi\"", "'week_start' = 'sunday'",
      "database = \"C:\\\\x \\\"y\\\".db\"", "database = '/tmp/{a}[b].db'", "color = \"auto\"\r",
      "member = \"\\u00e9\"", "my-key_2 = \"x\"",
    ])
  func accepted(_ line: String) {
    #expect(SettingLine.problem(Substring(line).unicodeScalars) == nil)
  }

  @Test(
    "anything else is refused with the reason",
    arguments: [
      ("[table]", "is a table"), ("[[array]]", "is a table"), ("[é]", "is a table"),
      ("unit = 5", "must be a quoted string"), ("unit = [\"km\"]", "must be a quoted string"),
      ("unit = {a = \"b\"}", "must be a quoted string"), ("unit = true", "must be a quoted"),
      ("a.b = \"c\"", "followed by a dot"), ("unit \"km\"", "needs ="),
      ("member = \"\"\"", "one-line"), ("member = '''x'''", "one-line"),
      ("member = \"ann", "unterminated"), ("member = \"ann\\\"", "unterminated"),
      ("member = 'ann", "unterminated"), ("unit = \"km\" \"mi\"", "after the value"),
      ("unit = \"km\" x", "after the value"), ("\u{3000}[[", "not a setting"),
      ("é = \"x\"", "not a setting"), ("= \"x\"", "not a setting"),
      ("\"a\\\"b\" = \"x\"", "not a setting"), ("unit = \"km\"\u{A0}", "after the value"),
    ])
  func refused(_ line: String, reason: String) {
    let problem = SettingLine.problem(Substring(line).unicodeScalars)
    #expect(problem?.contains(reason) == true, "\(String(describing: problem))")
  }

  @Test("a file's first bad line is named, whatever follows it")
  func fileLine() {
    let error = #expect(throws: MileQuestError.self) {
      try Config.parse("member = \"ann\"\n\nunit = 5\n[x]\n", path: "c.toml")
    }
    guard case .configuration(let message)? = error else {
      Issue.record("want a configuration error, got \(String(describing: error))")
      return
    }
    #expect(message == "c.toml:3: 'unit' must be a quoted string")
  }
}
