import Foundation
import Testing

@testable import MileQuestKit

private func parse(_ text: String) throws -> JSONValue {
  try JSONValue(parsing: Data(text.utf8))
}

/// The number a parsed value holds, as a Double (ints converted), or nil.
private func number(_ value: JSONValue?) -> Double? {
  switch value {
  case .double(let d)?: d
  case .int(let i)?: Double(i)
  default: nil
  }
}

extension ExchangeTests {
  /// JSON parsing and printing: exact numbers, escapes, stable round trips.
  @Suite("JSONValue")
  struct JSONValueTests {
    @Test(arguments: [
      0.30000000000000004, 5310.8351999999995, 1e-300, .leastNonzeroMagnitude,
      1.7976931348623157e308,
      4828.032, 0.1, 2.2250738585072014e-308, 6371008.8, 1609.344, -0.000001,
    ])
    func doublesParseToTheSameBits(_ value: Double) throws {
      let parsed = try parse("[\(value)]")
      guard case .array(let items) = parsed, case .double(let read)? = items.first else {
        Issue.record("not a double: \(parsed.compact())")
        return
      }
      #expect(read.bitPattern == value.bitPattern, "\(value) came back as \(read)")
    }

    @Test(arguments: [
      ("0.30000000000000004", 0.30000000000000004),
      ("5310.8351999999995", 5310.8351999999995),
      ("1e-300", 1e-300),
      ("1E-300", 1e-300),
      ("2.5e+3", 2500.0),
      ("-0.1", -0.1),
      ("123456.78901234567", 123456.78901234567),
    ])
    func writtenDecimalsParseExactly(_ text: String, _ expected: Double) throws {
      let read = number(try parse("{\"x\": \(text)}")["x"])
      #expect(read?.bitPattern == expected.bitPattern, "\(text) → \(String(describing: read))")
    }

    @Test func largeIntegersStayExact() throws {
      let parsed = try parse("[9007199254740993, 9223372036854775807, -9223372036854775808, 0, -7]")
      #expect(
        parsed.compact() == "[9007199254740993,9223372036854775807,-9223372036854775808,0,-7]")
      guard case .array(let items) = parsed else { throw MileQuestError.badData("not an array") }
      #expect(
        items.first.map { if case .int(9_007_199_254_740_993) = $0 { true } else { false } } == true
      )
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
      guard case .array(let items) = try parse("[18446744073709551616]") else {
        Issue.record("not an array")
        return
      }
      #expect(number(items.first) == 18_446_744_073_709_551_616.0)
    }

    @Test func boolsAndNumbersAreNotConfused() throws {
      let parsed = try parse("[true, false, 1, 0, null]")
      #expect(parsed.compact() == "[true,false,1,0,null]")
    }

    @Test func stringEscapesAreDecoded() throws {
      let parsed = try parse(
        #"["quote \" back \\ slash \/ b\b f\f n\n r\r t\t", "\u00e9\u4e2d", "\ud83d\udeb6"]"#)
      guard case .array(let items) = parsed, items.count == 3 else {
        Issue.record("bad parse \(parsed.compact())")
        return
      }
      #expect(items[0] == .string("quote \" back \\ slash / b\u{8} f\u{C} n\n r\r t\t"))
      #expect(items[1] == .string("é中"))
      #expect(items[2] == .string("🚶"))
    }

    @Test func rawEmojiAndOtherScriptsArePreserved() throws {
      let text = "🚶‍♀️ Zürich → 東京 🏳️‍🌈 עברית"
      #expect(try parse(JSONValue.string(text).rendered()) == .string(text))
      if case .string(let back) = try parse(JSONValue.quoted(text)) {
        #expect(back.unicodeScalars.elementsEqual(text.unicodeScalars))
      } else {
        Issue.record("not a string")
      }
    }

    @Test func controlCharactersAreEscapedAndReadBack() throws {
      let text = "a\u{0}b\u{1}c\u{1F}d\u{7F}e\u{2028}f\u{2029}g\"\\"
      let quoted = JSONValue.quoted(text)
      #expect(quoted.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F })
      #expect(
        quoted.contains("\\u0000") && quoted.contains("\\u001f") && quoted.contains("\\u2028"))
      guard case .string(let back) = try parse(quoted) else {
        Issue.record("not a string")
        return
      }
      #expect(back.unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test func renderedThenParsedIsTheSameDocument() throws {
      // Keys in alphabetical order: parsing does not keep the written key order (see below).
      let document = JSONValue.object([
        ("a_distance_m", .double(5310.8351999999995)),
        ("b_tiny", .double(1e-300)),
        ("c_sum", .double(0.30000000000000004)),
        ("d_id", .int(9_007_199_254_740_993)),
        ("e_note", .string("Hill, then \"rain\"\nand 🚶‍♀️\t\u{1}")),
        ("f_nothing", .null),
        ("g_flags", .array([.bool(true), .bool(false)])),
        ("h_nested", .object([("x", .array([])), ("y", .object([]))])),
        ("i_negative", .double(-33.92)),
      ])
      let pretty = try parse(document.rendered())
      let compact = try parse(document.compact())
      #expect(pretty.rendered() == document.rendered())
      #expect(compact.compact() == document.compact())
      #expect(pretty == document)
    }

    @Test func parsedObjectsAreReadByKeyWhateverTheOrder() throws {
      let parsed = try parse(#"{"z": 1, "a": 2.5, "m": "x"}"#)
      #expect(parsed["z"] == .int(1))
      #expect(parsed["a"] == .double(2.5))
      #expect(parsed["m"] == .string("x"))
      #expect(parsed["missing"] == nil)
      #expect(JSONValue.array([])["z"] == nil)
    }

    @Test func nonFiniteDoublesPrintAsNull() {
      #expect(JSONValue.double(.nan).rendered() == "null")
      #expect(JSONValue.double(.infinity).compact() == "null")
    }

    @Test(arguments: ["", "{", "{\"a\" 1}", "nul", "[1] [2]", "\"unterminated", "[NaN]"])
    func invalidJSONIsBadData(_ text: String) {
      #expect {
        _ = try parse(text)
      } throws: { error in
        guard case .badData(let message) = error as? MileQuestError else { return false }
        return message.hasPrefix("not valid JSON")
      }
    }
  }
}
