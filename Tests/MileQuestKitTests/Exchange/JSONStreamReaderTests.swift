import Foundation
import Testing

@testable import MileQuestKit

/// Chunk sizes every comparison runs at: 1 puts every token across a chunk boundary.
private let chunkSizes = [1, 2, 3, 7, 64, Int.max]

/// What JSONDecoder makes of `bytes` (through `JSONValue(parsing:)`), or nil when it refuses.
private func decoded(_ bytes: [UInt8]) -> JSONValue? {
  try? JSONValue(parsing: Data(bytes))
}

/// The message of the `.badData` the streaming reader refuses `bytes` with, at `chunkSize`.
private func refusal(_ bytes: [UInt8], chunkSize: Int = .max) -> String? {
  do {
    _ = try JSONStreamReader.parse(bytes, name: "t.json", chunkSize: chunkSize)
    return nil
  } catch MileQuestError.badData(let message) {
    return message
  } catch {
    return "unexpected \(error)"
  }
}

extension ExchangeTests {
  /// The streaming JSON reader against JSONDecoder: the same values, bit for bit, at every
  /// chunk size, and the same refusals.
  @Suite("JSONStreamReader")
  struct JSONStreamReaderTests {
    /// Compares the reader's value (and that `check` accepts) with JSONDecoder's at every chunk
    /// size; `compact()` tells .int from .double and prints doubles in shortest round-trip form,
    /// so equal text is equal bits.
    private func expectSameAsDecoder(
      _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
    ) {
      guard let expected = decoded(bytes) else {
        Issue.record("JSONDecoder refuses \(bytes)", sourceLocation: sourceLocation)
        return
      }
      for size in chunkSizes {
        do {
          let value = try JSONStreamReader.parse(bytes, name: "t.json", chunkSize: size)
          #expect(
            value.compact() == expected.compact(), "chunk \(size)", sourceLocation: sourceLocation)
          try JSONStreamReader.check(bytes, name: "t.json", chunkSize: size)
        } catch {
          Issue.record("chunk \(size): \(error)", sourceLocation: sourceLocation)
        }
      }
    }

    private func expectSameAsDecoder(
      _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
      expectSameAsDecoder(Array(text.utf8), sourceLocation: sourceLocation)
    }

    @Test(arguments: [
      "0.1", "1e-320", "123456789.123456789", "-0.0", "-0", "0", "1.0", "1e2", "1E+2", "2.5E-3",
      "1e-400", "-1e-400", "5e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
      "0.30000000000000004", "5310.8351999999995", "6371008.8", "-0.000001",
      "12345678901234567890", "9223372036854775807", "-9223372036854775808",
      "9223372036854775808", "-9223372036854775809", "9007199254740993",
      "9007199254740993.0", "9007199254740993.5", "-9007199254740993.9",
      "9223372036854775807.0", "-9223372036854775808.0", "1.5e17", "1e18",
      "9007199254740993000000e-6", "100000000000000000000000e-5", "12345678901234567.5",
      "0.0e-0", "0e5", "1.0e0", "0." + String(repeating: "0", count: 400) + "1",
      "1" + String(repeating: "0", count: 300), "1" + String(repeating: "0", count: 30) + "e-30",
    ])
    func numbersMatchJSONDecoder(_ text: String) {
      expectSameAsDecoder("[\(text), {\"n\": \(text)}]")
      expectSameAsDecoder(text)
    }

    @Test func everyDoubleKeepsItsBits() throws {
      var generator = SystemRandomNumberGenerator()
      for _ in 0..<2000 {
        let value = Double(
          bitPattern: generator.next() & ~(0x7FF << 52) | (UInt64.random(in: 0...0x7FE) << 52))
        let text = "\(value)"
        let read = try JSONStreamReader.parse(Array(text.utf8), name: "t")
        switch read {
        case .double(let d): #expect(d.bitPattern == value.bitPattern, "\(text)")
        case .int(let i): #expect(Double(i) == value, "\(text)")
        default: Issue.record("\(text) read as \(read.compact())")
        }
      }
    }

    @Test(arguments: [
      #""plain""#, #""\" \\ \/ \b \f \n \r \t""#, #""\u0000 \u001F \u007f""#,
      #""\u00e9\u20AC \uD834\uDD1E \ud83d\ude00""#, "\"é € 𝄞 \u{2028}\"", #""a\u2028b""#,
      #""\\\\u0041""#,
    ])
    func stringsMatchJSONDecoder(_ text: String) {
      expectSameAsDecoder(text)
      expectSameAsDecoder("{\(text): [\(text)]}")
    }

    @Test func invalidUTF8IsRefusedAsJSONDecoderRefusesIt() {
      let bad: [[UInt8]] = [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
        [0x80], [0xC2], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
      ]
      for sequence in bad {
        for bytes in [
          Array(#"["a"#.utf8) + sequence + Array(#"b"]"#.utf8),
          Array(#"["a"#.utf8) + sequence + Array(#"\n"]"#.utf8),
          Array(#"{"k"#.utf8) + sequence + Array(#"": 1}"#.utf8),
          Array("[1, ".utf8) + sequence + Array("]".utf8),
        ] {
          #expect(decoded(bytes) == nil, "JSONDecoder accepts \(bytes)")
          for size in chunkSizes {
            #expect(refusal(bytes, chunkSize: size) != nil, "\(bytes) at \(size)")
            #expect(throws: MileQuestError.self) {
              try JSONStreamReader.check(bytes, name: "t", chunkSize: size)
            }
          }
        }
      }
      // Every well-formed sequence reads, at every chunk size: the edges of each range.
      for scalar in [0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF] {
        expectSameAsDecoder("[\"x\(Character(Unicode.Scalar(UInt32(scalar))!))y\"]")
      }
    }

    @Test(arguments: [
      "[]", "{}", "[[[]]]", "[[1,[2,[3,[]]]],{}]",
      #"{"z": 1, "a": [true, false, null], "m": {"y": {}, "b": []}}"#,
      #"{"": 1, "é": 2, "e\u0301x": 3, "😀": 4}"#, "[1,]", #"{"a":1,}"#, "[1 ,]", "[1,\n]",
      " \t\r\n[ 1 , 2 ] \n", "null", "true", "false", #""top""#, "42",
    ])
    func structuresMatchJSONDecoder(_ text: String) {
      expectSameAsDecoder(text)
    }

    @Test func otherUnicodeEncodingsAndByteOrderMarksMatchJSONDecoder() {
      let text = #"{"a": ["é", 1.5, "𝄞"]}"#
      expectSameAsDecoder([0xEF, 0xBB, 0xBF] + Array(text.utf8))
      for encoding: String.Encoding in [
        .utf16LittleEndian, .utf16BigEndian, .utf32BigEndian, .utf16,
      ] {
        expectSameAsDecoder(Array(text.data(using: encoding)!))
      }
      expectSameAsDecoder(Array("7".data(using: .utf16LittleEndian)!))
    }

    @Test func nestingUpTo512LevelsReads() {
      expectSameAsDecoder(String(repeating: "[", count: 512) + String(repeating: "]", count: 512))
      expectSameAsDecoder(
        String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512))
    }

    @Test(arguments: [513, 100_000])
    func deeperNestingIsRefusedWithoutExhaustingTheStack(_ depth: Int) {
      for open in ["[", #"{"a":"#] {
        let bytes = Array((String(repeating: open, count: depth) + "1").utf8)
        #expect(decoded(bytes) == nil)
        #expect(refusal(bytes)?.contains("more than 512 levels of nesting") == true)
        #expect(throws: MileQuestError.self) { try JSONStreamReader.check(bytes, name: "t") }
      }
    }

    @Test(arguments: [
      "", " ", "{", "[", "[1", "[1,", "{\"a\"", "{\"a\":", "{\"a\":1", "[1,,]", "[,]", "{,}",
      "{\"a\":1,,}", "[1 2]", "{\"a\" 1}", "{1:2}", "{\"a\"}", "{\"a\":}", "[1]]", "[1] x", "01",
      "-01", "1.", ".5", "+1", "-", "-a", "1e", "1e+", "1.e5", "NaN", "Infinity", "-Infinity",
      "1e400", "-1e400", "1" + String(repeating: "0", count: 400), "tru", "nul", "falsey",
      #""\ud800""#, #""\udc00""#, #""\ud834\u0041""#, #""\ud834x""#, #""\ud834\n""#, #""\x""#,
      #""\u00""#, #""\u00zz""#, #""\U0041""#, "\"a\nb\"", "\"a\tb\"", "\"\u{1}\"", "\"open",
      "\"open\\", "[1]//c", "/*c*/[1]", "'a'", "[1]\u{0}", "\u{FEFF}\u{FEFF}[1]",
    ])
    func refusalsMatchJSONDecoder(_ text: String) {
      let bytes = Array(text.utf8)
      #expect(decoded(bytes) == nil, "JSONDecoder accepts \(text)")
      for size in chunkSizes {
        let message = refusal(bytes, chunkSize: size)
        #expect(
          message?.hasPrefix("t.json: not valid JSON: ") == true,
          "\(text): \(message ?? "accepted")")
        #expect(message?.contains(" at line ") == true)
        #expect(message?.contains("\n") == false)
        #expect(throws: MileQuestError.self) {
          try JSONStreamReader.check(bytes, name: "t.json", chunkSize: size)
        }
      }
    }

    @Test func truncatedDocumentsAreRefusedAtEveryLength() throws {
      let text = Array(
        #"{"a": [1, -2.5e3, "x\u00e9y", {"b": null, "c": [true, false]}], "d": "é"}"#.utf8)
      for length in 0..<text.count {
        let prefix = Array(text[..<length])
        if decoded(prefix) == nil {
          #expect(refusal(prefix, chunkSize: 3) != nil, "\(length)")
        } else {
          expectSameAsDecoder(prefix)
        }
      }
    }

    @Test(arguments: [
      #"{"a": 1, "a": 2}"#, #"[{"x": [{"k": 1, "j": 2, "k": 3}]}]"#, #"{"é": 1, "e\u0301": 2}"#,
      "{" + (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k17\": 0}",
    ])
    func duplicateKeysAreRefused(_ text: String) {
      // JSONDecoder keeps the first value; this reader refuses (see its documentation).
      for size in chunkSizes {
        #expect(refusal(Array(text.utf8), chunkSize: size)?.contains("duplicate key") == true)
      }
    }

    @Test func keysMayRepeatInDifferentObjects() {
      expectSameAsDecoder(#"[{"a": 1, "b": {"a": 2, "b": 3}}, {"a": 4}]"#)
    }

    @Test func errorsNameTheLineAndColumn() {
      let message = refusal(Array("{\n  \"a\": [1,\n    2 3]\n}".utf8), chunkSize: 2)
      #expect(
        message
          == "t.json: not valid JSON: unexpected character '3', expected ',' or ']' at line 3, column 7"
      )
      let string = refusal(Array("[\n\"abc".utf8))
      #expect(
        string
          == "t.json: not valid JSON: the string that starts here has no closing quote at line 2, column 1"
      )
    }

    @Test func longStringsWithEscapesCrossChunks() throws {
      let piece = #"abc\"\\\u00e9\uD834\uDD1E"# + "é𝄞"
      let text = "[\"" + String(repeating: piece, count: 20_000) + "\"]"
      let expected = decoded(Array(text.utf8))
      for size in [1, 7, 4096] {
        #expect(
          try JSONStreamReader.parse(Array(text.utf8), name: "t", chunkSize: size) == expected)
      }
    }

    @Test func pullAPIWalksContainersAndSkipsValues() throws {
      let text = #"{"skip": {"deep": [1, {"x": "y"}]}, "list": [{"id": 1}, [2], "three"], "n": 4}"#
      var reader = JSONStreamReader(bytes: Array(text.utf8), name: "t", chunkSize: 3)
      try reader.beginObject()
      #expect(try reader.nextKey() == "skip")
      try reader.skipValue()
      #expect(try reader.nextKey() == "list")
      #expect(try reader.peekValue().kind == .array)
      try reader.beginArray()
      var items: [JSONValue] = []
      while try reader.nextItem() { items.append(try reader.readValue()) }
      #expect(items == [.object([("id", .int(1))]), .array([.int(2)]), .string("three")])
      #expect(try reader.nextKey() == "n")
      #expect(try reader.readValue() == .int(4))
      #expect(try reader.nextKey() == nil)
      try reader.expectEnd()
    }
  }
}
