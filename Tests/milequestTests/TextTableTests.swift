import MileQuestKit
import Testing

@testable import milequest

/// Aligned tables (no binary, no database): the expected lines are written out by hand.
@Suite("Text tables")
struct TextTableTests {
  @Test("cells are padded to the widest of their column, right-aligned ones on the left")
  func padding() {
    var table = TextTable([("name", .left), ("km", .right), ("note", .left)])
    table.append(["Ann", "3.5", "x"])
    table.append(["Bartholomew", "12.25", "a longer note"])
    #expect(
      table.aligned() == """
        name            km  note
        Ann            3.5  x
        Bartholomew  12.25  a longer note

        """)
  }

  @Test("a column wider than the spaces kept at hand is padded in full")
  func widePadding() {
    let wide = String(repeating: "w", count: 150)
    var table = TextTable([("a", .left), ("b", .right), ("c", .left)])
    table.append([wide, "1", "end"])
    table.append(["x", String(repeating: "9", count: 100), "end"])
    let lines = table.aligned().split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4)
    #expect(
      lines[0] == "a" + String(repeating: " ", count: 149) + "  "
        + String(repeating: " ", count: 99) + "b  c")
    #expect(lines[1] == wide + "  " + String(repeating: " ", count: 99) + "1  end")
    #expect(
      lines[2] == "x" + String(repeating: " ", count: 149) + "  "
        + String(repeating: "9", count: 100) + "  end")
    #expect(lines[3] == "")
  }

  @Test("wide characters count two columns, and control characters show escaped")
  func displayWidth() {
    var table = TextTable([("who", .left), ("n", .right)])
    table.append(["日本", "1"])
    table.append(["a\u{1B}b", "22"])
    let lines = table.aligned().split(separator: "\n")
    // "日本" takes four columns; the escape shows as text, wider than the name column's header.
    #expect(lines[1].hasPrefix("日本"))
    #expect(!lines[2].contains("\u{1B}"))
    let nameWidth = DisplayWidth.of(TerminalText.escaped("a\u{1B}b"))
    #expect(lines[1] == "日本" + String(repeating: " ", count: nameWidth - 4) + "   1")
    #expect(lines[0] == "who" + String(repeating: " ", count: nameWidth - 3) + "   n")
  }
}
