import Testing

@testable import MileQuestCore

/// Issue 16, the 10,000-row teams board: a view whose only unsafe scalars are its line breaks
/// is printed as it is, without splitting it into lines, and anything else still gets escaped.
@Suite struct BoardsTextTests {
  @Test("a view of plain lines is kept whole; other unsafe scalars on any line are escaped")
  func viewsKeepTheirLines() {
    let rows = (0..<10_000).map { "  \($0)  team-\($0)  12.5 km" }.joined(separator: "\n")
    let view = "teams — all time, by total\n" + rows + "\n"
    #expect(TerminalText.escapedKeepingLines(view) == view)
    #expect(TerminalText.escapedKeepingLines("only ascii\nlines\n") == "only ascii\nlines\n")
    #expect(TerminalText.escapedKeepingLines("é\n\n") == "é\n\n")
    #expect(
      TerminalText.escapedKeepingLines(view + "x\u{202e}y\n")
        == view + "x\\u{202e}y\n")
    #expect(TerminalText.escapedKeepingLines("a\nb\u{1b}[2J\n") == "a\nb\\u{1b}[2J\n")
    #expect(TerminalText.escapedKeepingLines("tab\there\r\n") == "tab\\u{9}here\\u{d}\n")
  }
}
