import Testing

@testable import MileQuestExchange

/// Every token of `xml` read `chunkSize` bytes at a time, reporting only `reported` attributes
/// (all when nil); or the scanner's error.
private func scan(_ xml: [UInt8], reported: [String]?, chunkSize: Int) -> Result<
  [XMLToken], XMLScanError
> {
  var scanner = XMLScanner(bytes: xml, chunkSize: chunkSize)
  scanner.reportedAttributes = reported
  var all: [XMLToken] = []
  do {
    while let token = try scanner.next() { all.append(token) }
    return .success(all)
  } catch let error as XMLScanError {
    return .failure(error)
  } catch {
    Issue.record("unexpected error \(error)")
    return .success([])
  }
}

/// `tokens` with every attribute not named in `names` taken out.
private func keepingOnly(_ names: [String], _ tokens: [XMLToken]) -> [XMLToken] {
  tokens.map { token in
    guard case .start(let name, let attributes) = token else { return token }
    return .start(name: name, attributes: attributes.filter { names.contains($0.name) })
  }
}

extension ExchangeTests {
  /// `XMLScanner.reportedAttributes` only saves making Strings: the attributes it reports are
  /// the ones an unfiltered scan reports, and a document it refuses is refused at the same
  /// line and column with the same message, whatever the attribute that is wrong.
  @Suite("XML reported attributes")
  struct XMLReportedAttributesTests {
    static let reported = ["type", "value", "y"]

    @Test func reportsOnlyTheNamedAttributesWithTheSameValues() throws {
      let xml = Array(
        """
        <HealthData xmlns:g="urn:g"><Record type="Steps" device="&lt;&lt;HKDevice: 0x1&gt;" \
        value="12" g:y="a&amp;b" unit="count" note="tab\there"/><Record value='3' \
        creationDate="2024-03-09 23:10:00 +0100" type="Dist&#233;"/></HealthData>
        """.utf8)
      let all = try scan(xml, reported: nil, chunkSize: 64).get()
      for chunk in [1, 2, 3, 7, 64, 4096] {
        let filtered = try scan(xml, reported: Self.reported, chunkSize: chunk).get()
        #expect(filtered == keepingOnly(Self.reported, all), "chunk \(chunk)")
      }
      // Independent of the scanner: the values as written, decoded by hand.
      guard
        case .start(_, let first) = try scan(xml, reported: Self.reported, chunkSize: 5).get()[1]
      else {
        Issue.record("no Record")
        return
      }
      #expect(
        first == [
          XMLAttribute(name: "type", value: "Steps"), XMLAttribute(name: "value", value: "12"),
          XMLAttribute(name: "y", value: "a&b"),
        ])
    }

    /// Each document is wrong in an attribute the filter does not report.
    @Test(arguments: [
      #"<a device="x" device="y"/>"#,  // duplicate
      #"<a g:device="x" g:device="y"/>"#,  // duplicate with a prefix
      #"<a device="&bogus;"/>"#,  // unknown entity
      #"<a device="a<b"/>"#,  // '<' in a value
      "<a device=\"a\u{01}b\"/>",  // control character
      #"<a device=x/>"#,  // no quotes
      #"<a device "x"/>"#,  // no '='
      #"<a device="x"#,  // end of file in a value
      #"<a device="x&amp;"#,  // end of file after a reference
    ])
    func refusesBadUnreportedAttributesAsAFullScanDoes(_ xml: String) {
      for chunk in [1, 3, 64] {
        let full = scan(Array(xml.utf8), reported: nil, chunkSize: chunk)
        let filtered = scan(Array(xml.utf8), reported: Self.reported, chunkSize: chunk)
        guard case .failure(let expected) = full else {
          Issue.record("\(xml) scanned cleanly")
          continue
        }
        #expect(filtered == .failure(expected), "\(xml), chunk \(chunk)")
      }
    }

    @Test func refusesInvalidUTF8InUnreportedNamesAndValues() {
      let badValue = Array(#"<a device=""#.utf8) + [0xC3, 0x28] + Array(#""/>"#.utf8)
      let badValueWithReference =
        Array(#"<a device="&amp;"#.utf8) + [0xFF] + Array(#""/>"#.utf8)
      let badName = Array("<a dev".utf8) + [0xC3, 0x28] + Array(#"ice="x"/>"#.utf8)
      for bytes in [badValue, badValueWithReference, badName] {
        for chunk in [1, 4, 64] {
          let full = scan(bytes, reported: nil, chunkSize: chunk)
          let filtered = scan(bytes, reported: Self.reported, chunkSize: chunk)
          guard case .failure(let expected) = full else {
            Issue.record("scanned cleanly")
            continue
          }
          #expect(expected.message.contains("invalid UTF-8"))
          #expect(filtered == .failure(expected))
        }
      }
    }

    /// Names and the five predefined entities are read in one go when the buffer holds them
    /// (`bufferedName`, `bufferedPredefinedEntity`) and a byte at a time across chunk
    /// boundaries: the tokens and any error's line and column must not depend on which.
    @Test(arguments: [
      "<g:r\u{E9}c a:b=\"&lt;&gt;&amp;&quot;&apos;x\" \u{E9}t\u{E9}='&apos;'><x\u{301}/></g:r\u{E9}c>",
      "<a v=\"&quot;&apos;&amp;&lt;\u{01}\"/>",  // control character after references
      "<a v=\"&lt;&gt\"/>",  // reference without ';'
      "<a v=\"&ampx;\"/>",  // not amp
      "<a v=\"&quox;\"/>",
      "<a \(String(repeating: "n", count: 1024))=\"1\"/>",  // longest name
      "<a \(String(repeating: "n", count: 1025))=\"1\"/>",  // one byte too long
      "<a b:=\"1\"/>",  // empty local part
      "<a\nb=\"1\"\n\u{E9}\u{E9}:c=\"&lt;\n\"/><",  // lines and columns
    ])
    func bufferedPathsMatchTheByteLoop(_ xml: String) {
      let bytes = Array(xml.utf8)
      let whole = scan(bytes, reported: nil, chunkSize: 1 << 16)
      for chunk in [1, 2, 3, 5, 11] {
        #expect(scan(bytes, reported: nil, chunkSize: chunk) == whole, "chunk \(chunk)")
      }
    }

    @Test func predefinedEntitiesDecode() throws {
      let xml = Array(#"<a v="&lt;&gt;&amp;&quot;&apos;"/>"#.utf8)
      #expect(
        try scan(xml, reported: nil, chunkSize: 1 << 16).get().first
          == .start(name: "a", attributes: [XMLAttribute(name: "v", value: "<>&\"'")]))
    }
  }
}
