import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit

extension ExchangeTests {
  /// Import files read a chunk at a time (issue 11, "memory and output stay bounded"): the
  /// same records whatever the chunk size, records past the limit refused, errors cut short.
  @Suite("Streaming reads")
  struct StreamingReadTests {
    static let csv =
      "\u{FEFF}member,date,distance,note\r\nann,2026-03-01,1,\"a, \"\"quoted\"\"\nnote\"\r\n"
      + "bob,2026-03-02,2.5,\r\n\r\nann,2026-03-03,3,x\r"

    func csvRecords(_ text: String, chunkSize: Int, max: Int = CSVReader.maxRecordBytes) throws
      -> [CSVReader.Record]
    {
      var reader = try CSVReader(
        source: ByteSource(bytes: Array(text.utf8), name: "t", chunkSize: chunkSize),
        maxRecordBytes: max)
      var out: [CSVReader.Record] = []
      while let record = try reader.nextRecord() { out.append(record) }
      return out
    }

    @Test("CSV records are the same whatever the chunk size", arguments: [1, 2, 3, 5, 64, 1 << 20])
    func csvChunks(_ size: Int) throws {
      // Given the whole text read at once
      var whole = CSVReader(bytes: Array(Self.csv.utf8))
      var expected: [CSVReader.Record] = []
      while let record = try whole.nextRecord() { expected.append(record) }

      // When / Then
      #expect(try csvRecords(Self.csv, chunkSize: size) == expected)
      #expect(expected.first?.fields.first == "member")
      #expect(expected.last?.fields == ["ann", "2026-03-03", "3", "x\r"])
    }

    @Test("a CSV record longer than the limit is refused, quoted or not")
    func csvRecordLimit() throws {
      #expect(try csvRecords("a,b\n12345,6\n", chunkSize: 3, max: 8).count == 2)
      #expect(
        throws: MileQuestError.badData("line 2: a record longer than 8 bytes (is this a CSV file?)")
      ) {
        try csvRecords("a,b\n123456789\n", chunkSize: 3, max: 8)
      }
      #expect(
        throws: MileQuestError.badData(
          "line 1: a record longer than 8 bytes (a quoted field is never closed?)")
      ) {
        try csvRecords("\"a\nb\nc\nd\ne\n", chunkSize: 2, max: 8)
      }
    }

    @Test(
      "walk records are the same from every format, whatever the chunk size",
      arguments: [1, 7, 1 << 20])
    func walkRecords(_ size: Int) throws {
      let inputs: [(ExchangeFormat, String)] = [
        (.csv, "member,date,distance\nann,2026-03-01,1\nbob,2026-03-02,2\n"),
        (
          .ndjson,
          "{\"member\":\"ann\",\"date\":\"2026-03-01\",\"distance\":1}\n\n"
            + "{\"member\":\"bob\",\"date\":\"2026-03-02\",\"distance\":\"2\"}"
        ),
        (
          .json,
          "\u{FEFF}[{\"member\":\"ann\",\"date\":\"2026-03-01\",\"distance\":1},\n"
            + "{\"member\":\"bob\",\"date\":\"2026-03-02\",\"distance\":2}]"
        ),
      ]
      for (format, text) in inputs {
        var seen: [String] = []
        try WalkImportReader.forEachRecord(
          ByteSource(bytes: Array(text.utf8), name: "f", chunkSize: size), format: format, file: "f"
        ) { record in
          seen.append(
            [record.text("member"), record.text("date"), record.text("distance")]
              .map { $0 ?? "-" }.joined(separator: " "))
        }
        #expect(seen == ["ann 2026-03-01 1", "bob 2026-03-02 2"], "\(format)")
      }
    }

    @Test("a JSON record or NDJSON line past 1 MiB is refused before it is held")
    func jsonRecordLimit() throws {
      let big = String(repeating: "9", count: WalkImportReader.maxRecordBytes + 10)
      #expect(throws: MileQuestError.badData("f: record 2 is longer than 1 MiB")) {
        try WalkImportReader.forEachRecord(
          ByteSource(bytes: Array("[{},{\"note\":\"\(big)\"}]".utf8), name: "f", chunkSize: 4096),
          format: .json, file: "f"
        ) { _ in }
      }
      #expect(throws: MileQuestError.badData("f:2: a line longer than 1 MiB")) {
        try WalkImportReader.forEachRecord(
          ByteSource(bytes: Array("{}\n{\"note\":\"\(big)\"}\n".utf8), name: "f", chunkSize: 4096),
          format: .ndjson, file: "f"
        ) { _ in }
      }
    }

    @Test("a long error line is cut in the middle, keeping its start and end")
    func boundedMessages() {
      #expect(ErrorMessage.bounded("short\nlines") == "short\nlines")
      let value = String(repeating: "é", count: 100_000)
      let message = ErrorMessage.bounded("f.csv:2: bad distance '\(value)' (a hint)\nnext")
      let lines = message.split(separator: "\n")
      #expect(lines.count == 2)
      #expect(lines[0].utf8.count <= ErrorMessage.maxLineBytes)
      #expect(lines[0].hasPrefix("f.csv:2: bad distance 'éé"))
      #expect(lines[0].hasSuffix("éé' (a hint)"))
      #expect(lines[0].contains("bytes not shown"))
      #expect(lines[1] == "next")
    }

    @Test("an output file appears at its name only when committed")
    func outputFile() throws {
      // Given an empty directory
      let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("mq-out-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      let target = directory.appendingPathComponent("x.csv").path
      let names = { try FileManager.default.contentsOfDirectory(atPath: directory.path) }

      // When written and discarded, nothing is left
      let dropped = try OutputFile(path: target)
      try dropped.write("partial")
      #expect(try names().count == 1 && !FileManager.default.fileExists(atPath: target))
      dropped.discard()
      #expect(try names() == [])

      // When written and committed, the file is there whole, mode 0600
      let kept = try OutputFile(path: target)
      try kept.write("whole\n")
      try kept.commit()
      #expect(try names() == ["x.csv"])
      #expect(try String(contentsOfFile: target, encoding: .utf8) == "whole\n")
      let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
      #expect(mode == 0o600)
    }

    @Test("temporary files are registered until they are renamed or removed")
    func temporaryFiles() throws {
      // (removeAll itself runs only in the signal handler: the end-to-end tests send signals;
      // here it would remove other tests' files.)
      let path = "/tmp/mq-registered-\(UUID().uuidString)"
      let registration = TemporaryFiles.register(path)
      #expect(TemporaryFiles.registeredPaths().contains(path))
      TemporaryFiles.unregister(registration)
      #expect(!TemporaryFiles.registeredPaths().contains(path))
      #expect(TemporaryFiles.register(String(repeating: "x", count: 5000)).slot == nil)
    }
  }
}
