import Foundation
import Testing

@testable import MileQuestExchange
@testable import MileQuestKit

/// Groups the file-exchange suites, so that `swift test --filter Exchange` selects them.
@Suite("Exchange")
struct ExchangeTests {}

/// Every token of `xml`, read `chunkSize` bytes at a time.
private func tokens(_ xml: String, chunkSize: Int = XMLScanner.defaultChunkSize) throws
  -> [XMLToken]
{
  try tokens(bytes: Array(xml.utf8), chunkSize: chunkSize)
}

private func tokens(bytes: [UInt8], chunkSize: Int = XMLScanner.defaultChunkSize) throws
  -> [XMLToken]
{
  var scanner = XMLScanner(bytes: bytes, chunkSize: chunkSize)
  var all: [XMLToken] = []
  while let token = try scanner.next() { all.append(token) }
  return all
}

/// The scanner error `xml` raises (nil if it scans cleanly).
private func scanError(_ xml: String, chunkSize: Int = 7) -> XMLScanError? {
  scanError(bytes: Array(xml.utf8), chunkSize: chunkSize)
}

private func scanError(bytes: [UInt8], chunkSize: Int = 7) -> XMLScanError? {
  do {
    _ = try tokens(bytes: bytes, chunkSize: chunkSize)
    return nil
  } catch let error as XMLScanError {
    return error
  } catch {
    return nil
  }
}

extension ExchangeTests {
  @Suite("XMLScanner")
  struct XMLScannerTests {
    @Test func elementsAttributesAndText() throws {
      let xml = #"<?xml version="1.0"?><g:a x="1" g:y='two' xmlns:g="urn:g"><b>hi</b><c/></g:a>"#
      #expect(
        try tokens(xml) == [
          .start(
            name: "a",
            attributes: [
              XMLAttribute(name: "x", value: "1"), XMLAttribute(name: "y", value: "two"),
            ]),
          .start(name: "b", attributes: []), .text("hi"), .end(name: "b"),
          .start(name: "c", attributes: []), .end(name: "c"),
          .end(name: "a"),
        ])
    }

    @Test func entitiesAndCharacterReferencesAreDecoded() throws {
      let xml = #"<a v="&lt;&quot;&apos;&#9;">x &amp; y &lt;&gt; &#65;&#x42;&#x20AC;</a>"#
      let all = try tokens(xml)
      #expect(all[0] == .start(name: "a", attributes: [XMLAttribute(name: "v", value: "<\"'\t")]))
      #expect(all[1] == .text("x & y <> AB€"))
    }

    @Test func attributeWhitespaceIsNormalised() throws {
      #expect(
        try tokens("<a v=\"1\n2\t3\"/>")[0]
          == .start(name: "a", attributes: [XMLAttribute(name: "v", value: "1 2 3")]))
    }

    @Test func cdataCommentsAndProcessingInstructions() throws {
      let xml = "<a>x<!-- a -- comment -->y<?pi stuff?><![CDATA[<b> & ]]]]><![CDATA[]]>z</a>"
      #expect(
        try tokens(xml) == [
          .start(name: "a", attributes: []), .text("xy<b> & ]]z"), .end(name: "a"),
        ])
    }

    @Test func lineEndingsAreNormalised() throws {
      #expect(try tokens("<a>1\r\n2\r3</a>")[1] == .text("1\n2\n3"))
    }

    @Test func byteOrderMarkIsSkipped() throws {
      let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"<?xml version="1.0"?><a/>"#.utf8)
      #expect(try tokens(bytes: bytes) == [.start(name: "a", attributes: []), .end(name: "a")])
    }

    @Test func keepsTextFalseSuppressesText() throws {
      var scanner = XMLScanner(bytes: Array("<a>x<b>y</b></a>".utf8))
      scanner.keepsText = false
      var all: [XMLToken] = []
      while let token = try scanner.next() { all.append(token) }
      #expect(!all.contains { if case .text = $0 { true } else { false } })
      #expect(all.count == 4)
    }

    /// Tokens straddling chunk boundaries (down to 1 byte) give the same stream.
    @Test(arguments: [1, 2, 3, 5, 8, 13])
    func chunkBoundaries(_ chunkSize: Int) throws {
      let xml = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
        <!-- héllo --><gpx:root xmlns:gpx="urn:x" attr="Zürich &amp; Köln &#x1F600;">
          <name>Ærøskøbing &lt;1&gt;</name><![CDATA[a]]b]]><empty/>
          <?pi ?x?><t>   </t>
        </gpx:root>
        """
      #expect(try tokens(xml, chunkSize: chunkSize) == tokens(xml))
      let attribute = XMLAttribute(name: "attr", value: "Zürich & Köln 😀")
      #expect(
        try tokens(xml) == [
          .start(name: "root", attributes: [attribute]), .text("\n  "),
          .start(name: "name", attributes: []), .text("Ærøskøbing <1>"), .end(name: "name"),
          .text("a]]b"), .start(name: "empty", attributes: []), .end(name: "empty"),
          .text("\n  "), .start(name: "t", attributes: []), .text("   "), .end(name: "t"),
          .text("\n"), .end(name: "root"),
        ])
    }

    @Test(arguments: [1, 3, 4096])
    func realFileChunked(_ chunkSize: Int) throws {
      let text = try fixtureText("applewatch_friday_run_extensions.gpx")
      #expect(try tokens(text, chunkSize: chunkSize) == tokens(text))
    }

    // MARK: - Refusals

    @Test func doctypeIsRefused() throws {
      let error = try #require(scanError("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx>\n<gpx/>"))
      #expect(error.message == "DTDs and entities are not allowed")
      #expect((error.line, error.column) == (2, 1))
    }

    @Test func billionLaughsIsRefusedInstantly() throws {
      var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      for i in 1...9 {
        let previous = i == 1 ? "lol" : "lol\(i - 1)"
        doc += " <!ENTITY lol\(i) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
      }
      doc += "]>\n<lolz>&lol9;</lolz>\n"
      let start = Date()
      let error = try #require(scanError(doc, chunkSize: XMLScanner.defaultChunkSize))
      #expect(error.message == "DTDs and entities are not allowed")
      #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func entityDeclarationInsideTheDocumentIsRefused() throws {
      let error = try #require(scanError("<a><!ENTITY x \"y\"></a>"))
      #expect(error.message == "DTDs and entities are not allowed")
    }

    @Test(arguments: [
      ("<a>&nbsp;</a>", "undefined entity '&nbsp;' (DTDs and entities are not allowed)"),
      ("<a>AT&T</a>", "bare '&' (write &amp;)"),
      ("<a>&#0;</a>", "bad character reference '&#0;'"),
      ("<a>&#xD800;</a>", "bad character reference '&#xD800;'"),
      ("<a v=\"&foo;\"/>", "undefined entity '&foo;' (DTDs and entities are not allowed)"),
    ])
    func badReferences(_ xml: String, _ message: String) throws {
      #expect(try #require(scanError(xml)).message == message)
    }

    @Test(arguments: [
      ("<a x=1/>", "value of attribute 'x' must be in quotes"),
      ("<a x=\"1\"y=\"2\"/>", "expected whitespace, '>' or '/>' in <a>"),
      ("<a x/>", "attribute 'x' has no '=' and value"),
      ("<a x=\"1\" x=\"2\"/>", "duplicate attribute 'x' in <a>"),
      ("<a x=\"<\"/>", "'<' in the value of attribute 'x'"),
      ("<a/ >", "expected '>' after '/' in <a>"),
      ("<1a/>", "expected element name"),
    ])
    func badAttributeSyntax(_ xml: String, _ message: String) throws {
      #expect(try #require(scanError(xml)).message == message)
    }

    @Test func mismatchedTagReportsLineAndColumn() throws {
      let error = try #require(scanError("<a>\n  <b></c>\n</a>"))
      #expect(error.message == "mismatched end tag </c>; expected </b>")
      #expect((error.line, error.column) == (2, 6))
      #expect(error.description == "2:6: mismatched end tag </c>; expected </b>")
    }

    @Test func columnsCountCharactersNotBytes() throws {
      let error = try #require(scanError("<a>éé&bad;</a>"))
      #expect((error.line, error.column) == (1, 6))
    }

    @Test func unclosedElementIsAnError() throws {
      let error = try #require(scanError("<a>\n<b></b>\n"))
      #expect(error.message == "unexpected end of file: <a> is not closed")
      #expect(error.line == 3)
    }

    @Test func truncatedRealFileIsAnError() throws {
      let bytes = Array(try fixtureText("garmin_etrex20x_visnjan.gpx").utf8)
      let error = try #require(scanError(bytes: Array(bytes.prefix(bytes.count * 6 / 10))))
      #expect(error.message.hasPrefix("unexpected end of file"))
    }

    @Test func emptyFileIsAnError() throws {
      #expect(try #require(scanError("")).message == "the file is empty")
      #expect(try #require(scanError(bytes: [0xEF, 0xBB, 0xBF])).message == "the file is empty")
      #expect(try #require(scanError("  \n <!-- x -->\n")).message == "no root element")
    }

    @Test(arguments: [
      ("<a/>x", "junk after the root element", 5),
      ("<a/><b/>", "junk after the root element", 5),
      ("x<a/>", "text before the root element", 1),
      ("<a></a></a>", "unexpected end tag </a>", 8),
      ("<a><![CDATA[x]]</a>", "unterminated CDATA section", 4),
      ("<a><!-- x </a>", "unterminated comment", 4),
      ("<a/><!-- x", "unterminated comment", 5),
      ("<a><!ELEMENT a ANY></a>", "unexpected markup '<!'", 4),
      (" <?xml version=\"1.0\"?><a/>", "the XML declaration must be at the very start", 2),
      ("<a>\u{1}</a>", "control character 0x1 in text", 4),
    ])
    func wellFormednessErrors(_ xml: String, _ message: String, _ column: Int) throws {
      let error = try #require(scanError(xml))
      #expect(error.message == message)
      #expect(error.column == column)
    }

    @Test func invalidUTF8IsAnError() throws {
      let bytes = Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8)
      #expect(try #require(scanError(bytes: bytes)).message == "invalid UTF-8 in text")
    }

    @Test func utf16IsRefused() throws {
      let error = try #require(scanError(bytes: [0xFF, 0xFE, 0x3C, 0x00]))
      #expect(error.message == "UTF-16 is not supported; save the file as UTF-8")
    }

    @Test func deepNestingIsRefused() throws {
      let depth = XMLScanner.maxDepth + 1
      let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
      #expect(
        try #require(scanError(xml, chunkSize: 4096)).message
          == "elements are nested more than \(XMLScanner.maxDepth) deep")
    }
  }
}

/// Attribute values are read in one pass when their closing quote is already buffered, and a
/// byte at a time otherwise (a value across a chunk boundary, references, whitespace): both
/// ways give the same values, and the same errors at the same line and column.
@Suite("XML scanner: attribute values read in one pass")
struct XMLAttributeFastPathTests {
  static let documents: [[UInt8]] =
    [
      "<a b=\"plain\" c='single' d=\"\"/>",
      "<a b=\"é€😀 mixed\" c=\"x\">\n<b c=\"two\"/></a>",
      "<a b=\"é€x\" c=1/>",
      "<a b=\"tab\there\" c=\"a&amp;b\" d=\"&#233;\"/>",
      "<a\n b=\"ok\"\n c=\"lt<\"/>",
      "<a b=\"ok\" b=\"dup\"/>",
      "<a b=\"ctl\u{1}x\"/>",
      "<a b=\"unterminated/>",
      "<r><x v=\"\(String(repeating: "long", count: 3000))\"/><y w=\"é\" z/></r>",
      "<a device=\"&lt;&lt;HKDevice: 0x2&gt;, name:Ana’s Watch&gt;\" b=\"é&amp;\u{2}\"/>",
      "<a b=\"x&amp;\(String(repeating: "é", count: 5000))\tend\" c/>",
    ].map { Array($0.utf8) } + [
      [0x3C, 0x61, 0x20, 0x62, 0x3D, 0x22, 0xC3, 0x28, 0x22, 0x2F, 0x3E],  // invalid UTF-8
      [0x3C, 0x61, 0x20, 0x62, 0x3D, 0x22, 0xE2, 0x82, 0xAC, 0x22, 0x20, 0x63, 0x2F, 0x3E],
    ]

  static func outcome(_ bytes: [UInt8], chunkSize: Int) -> String {
    var scanner = XMLScanner(bytes: bytes, chunkSize: chunkSize)
    var out: [String] = []
    do {
      while let token = try scanner.next() { out.append("\(token)") }
    } catch {
      out.append("error \(error)")
    }
    return out.joined(separator: "\n")
  }

  @Test(arguments: 0..<documents.count)
  func sameAsByteAtATime(_ index: Int) {
    let bytes = Self.documents[index]
    // One byte a chunk: a closing quote is never buffered ahead, so every value takes the
    // byte-at-a-time loop; the default chunk holds the whole document.
    let slow = Self.outcome(bytes, chunkSize: 1)
    #expect(Self.outcome(bytes, chunkSize: XMLScanner.defaultChunkSize) == slow)
    #expect(Self.outcome(bytes, chunkSize: 5) == slow)
  }

  @Test("a value past the length limit fails at the same place, whatever the chunks")
  func lengthLimit() {
    let long = String(repeating: "é", count: XMLScanner.maxTextBytes / 2 + 3)
    for value in ["&amp;" + long, long, "x\t" + long] {
      let bytes = Array("<a b=\"\(value)\"/>".utf8)
      let whole = Self.outcome(bytes, chunkSize: XMLScanner.defaultChunkSize)
      #expect(whole.contains("longer than"), "\(whole.prefix(200))")
      #expect(Self.outcome(bytes, chunkSize: 997) == whole)
    }
    // And where the byte-at-a-time loop alone stops (one byte a chunk).
    let bytes = Array("<a b=\"&amp;\(long)\"/>".utf8)
    #expect(
      Self.outcome(bytes, chunkSize: 1)
        == Self.outcome(bytes, chunkSize: XMLScanner.defaultChunkSize))
  }
}
