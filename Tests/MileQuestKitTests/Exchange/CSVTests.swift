import Foundation
import Testing

@testable import MileQuestKit

/// All records of `text` (as UTF-8), or the error the reader throws.
private func records(_ text: String) throws -> [CSVReader.Record] {
  try records(Array(text.utf8))
}

private func records(_ bytes: [UInt8]) throws -> [CSVReader.Record] {
  var reader = CSVReader(bytes: bytes)
  var out: [CSVReader.Record] = []
  while let record = try reader.nextRecord() { out.append(record) }
  return out
}

extension ExchangeTests {
  /// RFC 4180 reading (with the line numbers import errors need) and formula-safe writing.
  @Suite("CSV")
  struct CSVTests {
    // MARK: Reader

    @Test func plainFieldsAndEmptyFields() throws {
      let read = try records("a,b,c\n,,\nx\n")
      #expect(read.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["x"]])
      #expect(read.map(\.line) == [1, 2, 3])
    }

    @Test func lastLineWithoutNewlineAndEmptyInput() throws {
      #expect(try records("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
      #expect(try records("").isEmpty)
    }

    @Test func quotedFieldsKeepSeparatorsAndDoubledQuotes() throws {
      let read = try records(#"a,"b,c","he said ""hi""","""",x"# + "\n")
      #expect(read.map(\.fields) == [["a", "b,c", #"he said "hi""#, #"""#, "x"]])
    }

    @Test func emptyQuotedFieldIsEmpty() throws {
      #expect(try records(#""","",z"# + "\n").map(\.fields) == [["", "", "z"]])
    }

    @Test func newlinesInsideQuotesKeepLineNumbersRight() throws {
      let text = "h1,h2\n\"first\nsecond\nthird\",x\nnext,y\n\"a\r\nb\",z\r\nlast,w\n"
      let read = try records(text)
      #expect(read.map(\.line) == [1, 2, 5, 6, 8])
      #expect(read[1].fields == ["first\nsecond\nthird", "x"])
      #expect(read[2].fields == ["next", "y"])
      // A CRLF inside quotes is data and is kept as written.
      #expect(read[3].fields == ["a\r\nb", "z"])
      #expect(read[4].fields == ["last", "w"])
    }

    @Test func byteOrderMarkIsSkipped() throws {
      let read = try records([0xEF, 0xBB, 0xBF] + Array("member,date\nann,2026-03-01\n".utf8))
      #expect(read.first?.fields == ["member", "date"])
      #expect(read.first?.fields.first?.unicodeScalars.first == "m")
      #expect(read.map(\.line) == [1, 2])
    }

    @Test func byteOrderMarkOnlyAtTheStartIsSkipped() throws {
      // A BOM later in the file is data (U+FEFF), not a marker.
      let read = try records("a,\u{FEFF}b\n")
      #expect(read.first?.fields == ["a", "\u{FEFF}b"])
    }

    @Test func crlfAndLfMayBeMixed() throws {
      let read = try records("a,b\r\nc,d\ne,f\r\ng,h")
      #expect(read.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
      #expect(read.map(\.line) == [1, 2, 3, 4])
      #expect(read.allSatisfy { $0.fields.allSatisfy { !$0.contains("\r") } })
    }

    @Test func quotedFieldBeforeCRLF() throws {
      let read = try records("\"a\",\"b\"\r\n\"c\",\"d\"\r\n")
      #expect(read.map(\.fields) == [["a", "b"], ["c", "d"]])
    }

    @Test func multiByteUTF8IsKept() throws {
      let read = try records("café,🚶‍♀️,\"Zürich, ЦЮ\"\n")
      #expect(read.first?.fields == ["café", "🚶‍♀️", "Zürich, ЦЮ"])
    }

    @Test func otherSeparator() throws {
      var reader = CSVReader(bytes: Array("a\tb,c\n".utf8), separator: UInt8(ascii: "\t"))
      #expect(try reader.nextRecord()?.fields == ["a", "b,c"])
    }

    @Test func unterminatedQuoteIsAnErrorNamingItsLine() throws {
      var reader = CSVReader(bytes: Array("a,b\nc,\"d\n\ne\n".utf8))
      #expect(try reader.nextRecord()?.fields == ["a", "b"])
      #expect {
        _ = try reader.nextRecord()
      } throws: { error in
        guard case .badData(let message) = error as? MileQuestError else { return false }
        return message.contains("line 2") && message.contains("never closed")
      }
    }

    @Test func sequenceStopsAtTheMalformedRecord() {
      let reader = CSVReader(bytes: Array("a\nb\n\"c\n".utf8))
      #expect(Array(reader).map(\.fields) == [["a"], ["b"]])
    }

    // MARK: Writer

    @Test(arguments: [
      ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
      ("+1+2", "'+1+2"),
      ("-1+HYPERLINK(\"x\")", "'-1+HYPERLINK(\"x\")"),
      ("@cmd", "'@cmd"),
      ("\tindent", "'\tindent"),
      ("\rreturn", "'\rreturn"),
      ("\r\nline", "'\r\nline"),
      ("'=x", "''=x"),
      ("''+x", "'''+x"),
      ("'-5", "'-5"),
      ("'plain", "'plain"),
      ("-", "'-"),
      ("-5", "-5"),
      ("-12.25", "-12.25"),
      ("-33.92", "-33.92"),
      ("+3", "+3"),
      ("-3.2e-5", "-3.2e-5"),
      ("plain", "plain"),
      ("a=b", "a=b"),
      ("", ""),
    ])
    func neutralised(_ input: String, _ expected: String) {
      #expect(CSVWriter.neutralised(input) == expected)
    }

    @Test(arguments: [
      "=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-1", "-0.5", "@x", "\tx", "\rx",
      "-", "'", "''", "'=already quoted", "'-5", "''=x", "'''@x", "'plain", "\r\nx", "'\u{301}=x",
      "it's fine", "", "=", "@",
    ])
    func restoreUndoesNeutralise(_ text: String) {
      #expect(CSVWriter.restored(CSVWriter.neutralised(text)) == text)
    }

    @Test func restoredLeavesOrdinaryApostrophesAlone() {
      #expect(CSVWriter.restored("'tis") == "'tis")
      #expect(CSVWriter.restored("'") == "'")
    }

    @Test func crlfInsideAFieldIsQuoted() throws {
      // "\r\n" is a single Character in Swift; it must still be quoted.
      #expect(CSVWriter.line(["a\r\nb", "c"]) == "\"a\r\nb\",c")
      #expect(
        try records(CSVWriter.document(header: ["x", "y"], rows: [["a\r\nb", "c"]])).count == 2)
    }

    @Test func lineQuotesOnlyWhereNeeded() {
      #expect(
        CSVWriter.line(["a", "b c", "d,e", "say \"hi\"", "two\nlines", "cr\rx"])
          == #"a,b c,"d,e","say ""hi""","two"# + "\n" + #"lines","cr"# + "\r" + #"x""#)
    }

    @Test func documentHasHeaderRowsAndLFEnds() {
      let text = CSVWriter.document(header: ["x", "y"], rows: [["1", "=2"], ["", "-3"]])
      #expect(text == "x,y\n1,'=2\n,-3\n")
    }

    @Test func writeThenReadGivesTheOriginalFields() throws {
      let rows: [[String]] = [
        ["=HYPERLINK(\"http://x\",\"y\")", "-5", "Hill, then rain\nand \"wind\"", ""],
        ["@a", "\ttab", "crlf\r\ninside", "'=odd"],
        ["café 🚶", "+1+1", ",", "\""],
      ]
      let text = CSVWriter.document(header: ["a", "b", "c", "d"], rows: rows)
      let read = try records(text)
      #expect(read.count == 4)
      #expect(read.dropFirst().map { $0.fields.map(CSVWriter.restored) } == rows)
      // Line numbers count the newlines inside quoted fields.
      #expect(read.map(\.line) == [1, 2, 4, 6])
    }
  }
}
