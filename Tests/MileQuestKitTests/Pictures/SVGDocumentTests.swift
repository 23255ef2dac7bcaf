import Foundation
import Testing

@testable import MileQuestKit

@Suite("SVGDocument")
struct SVGDocumentTests {
  @Test("text and attributes are escaped, and controls XML cannot carry are dropped")
  func escaping() {
    #expect(SVGDocument.escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;")
    #expect(SVGDocument.escape("a\u{0}b\u{7}c\td") == "abc\td")
    #expect(SVGDocument.escape("🦘 צוות") == "🦘 צוות")
  }

  @Test("a document with hostile text parses as XML and keeps the text as text")
  func parses() throws {
    // Given
    var svg = SVGDocument(width: 100, height: 50, title: "<b>title</b>")
    svg.begin("g", [("id", "x\"><script>"), ("data-name", "a & b")])
    svg.element("text", [("x", "1"), ("y", "2")], text: "</text><script>alert('x')</script>")

    // When
    let root = PictureFixture.parse(svg.rendered())

    // Then
    PictureFixture.checkSVG(root)
    let group = root?.first(id: "x\"><script>")
    #expect(group?.attributes["data-name"] == "a & b")
    #expect(root?.all.contains { $0.name == "script" } == false)
    #expect(root?.allText.contains("</text><script>alert('x')</script>") == true)
  }

  @Test("numbers print with at most two decimals and no trailing zeros")
  func numbers() {
    #expect(SVGDocument.number(12) == "12")
    #expect(SVGDocument.number(12.5) == "12.5")
    #expect(SVGDocument.number(-0.001) == "0")
    #expect(SVGDocument.number(1.23456) == "1.23")
    #expect(SVGDocument.number(.nan) == "0")
  }
}
