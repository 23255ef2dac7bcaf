import Foundation
import MileQuestCore
import Testing
import ZIPFoundation

@testable import MileQuestExchange

/// Zip archives and gzip files read as streams (`ZipArchive`, `Gzip`): the same bytes as the
/// plain file, a chunk at a time; corrupt, truncated and bomb inputs refused as bad data.
@Suite struct ArchiveTests {
  static func fixture(_ name: String) throws -> String {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
    ).path
  }

  static func drain(_ source: ByteSource) throws -> [UInt8] {
    var all: [UInt8] = []
    while true {
      let chunk = try source.next()
      if chunk.isEmpty { return all }
      all += chunk
    }
  }

  /// A temporary directory removed at the end of `body`.
  static func withDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-archive-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
  }

  /// Writes a zip at `url` with `members` (path, bytes), deflated unless `stored`.
  static func makeZip(at url: URL, _ members: [(String, [UInt8])], stored: Bool = false) throws {
    let archive = try Archive(url: url, accessMode: .create)
    for (path, bytes) in members {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(bytes.count),
        compressionMethod: stored ? .none : .deflate
      ) { position, size in
        Data(bytes[Int(position)..<Int(position) + size])
      }
    }
  }

  /// Gzip data around `bytes` (header, raw deflate from ZIPFoundation, CRC-32, size).
  static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    var deflated = Data()
    let data = Data(bytes)
    _ = try Data.compress(
      size: Int64(bytes.count), bufferSize: 64 * 1024,
      provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) },
      consumer: { deflated.append($0) })
    let crc = data.crc32(checksum: 0)
    var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]
    out += deflated
    for value in [crc, UInt32(truncatingIfNeeded: bytes.count)] {
      out += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
    return out
  }

  // MARK: gzip

  @Test func gzippedFITReadsAsThePlainFile() throws {
    let plain = try FITActivityReader.read(path: try Self.fixture("fit/garmin-fenix-5-walk.fit"))
    let gzipped = try FITActivityReader.read(
      source: try ByteSource.plainOrGzip(path: try Self.fixture("fit/garmin-fenix-5-walk.fit.gz")))
    #expect(gzipped == plain)
    #expect(plain.sessions.count == 1)
  }

  @Test func gzippedTCXReadsAsThePlainFile() throws {
    let plain = try TCXReader.activities(at: try Self.fixture("tcx/test.tcx"))
    let gzipped = try TCXReader.activities(
      source: try ByteSource.plainOrGzip(path: try Self.fixture("tcx/test.tcx.gz")))
    #expect(gzipped == plain)
    #expect(!plain.isEmpty)
  }

  @Test func plainFileIsLeftAsIs() throws {
    let path = try Self.fixture("tcx/test.tcx")
    let bytes = try Self.drain(try ByteSource.plainOrGzip(path: path))
    #expect(bytes == [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  @Test func concatenatedMembersAreReadOneAfterAnother() throws {
    let joined = try Self.gzip(Array("first ".utf8)) + Self.gzip(Array("second".utf8))
    let source = Gzip.inflating(ByteSource(bytes: joined, name: "two.gz", chunkSize: 7))
    #expect(String(decoding: try Self.drain(source), as: UTF8.self) == "first second")
  }

  @Test func truncatedGzipIsBadData() throws {
    let whole = try Self.gzip(Array(repeating: UInt8(ascii: "a"), count: 10_000))
    for cut in [3, 12, whole.count - 4] {
      let source = Gzip.inflating(ByteSource(bytes: Array(whole.prefix(cut)), name: "cut.gz"))
      #expect(throws: MileQuestError.self) { _ = try Self.drain(source) }
      do {
        _ = try Self.drain(
          Gzip.inflating(ByteSource(bytes: Array(whole.prefix(cut)), name: "cut.gz")))
      } catch let error as MileQuestError {
        #expect(error.exitCode == 65)
        #expect(error.description.hasPrefix("cut.gz: "))
      }
    }
  }

  @Test func wrongGzipChecksumIsBadData() throws {
    var bytes = try Self.gzip(Array("hello, walker".utf8))
    bytes[bytes.count - 6] ^= 0xff  // inside the CRC-32
    let source = Gzip.inflating(ByteSource(bytes: bytes, name: "bad.gz"))
    #expect(throws: MileQuestError.self) { _ = try Self.drain(source) }
  }

  @Test func gzipBombIsRefused() throws {
    let bomb = try Self.gzip([UInt8](repeating: 0, count: 8 << 20))
    let limits = ArchiveLimits(maxExpandedBytes: 1 << 40, maxRatio: 200, ratioFreeBytes: 1 << 20)
    let source = Gzip.inflating(ByteSource(bytes: bomb, name: "bomb.gz"), limits: limits)
    do {
      _ = try Self.drain(source)
      Issue.record("a gzip bomb was read")
    } catch let error as MileQuestError {
      #expect(error.exitCode == 65)
      #expect(error.description.contains("decompression bomb"))
    }
  }

  @Test func gzipPastTheTotalLimitIsRefused() throws {
    let random = (0..<(3 << 20)).map { _ in UInt8.random(in: 0...255) }
    let limits = ArchiveLimits(maxExpandedBytes: 2 << 20, maxRatio: 200, ratioFreeBytes: 1 << 20)
    let source = Gzip.inflating(
      ByteSource(bytes: try Self.gzip(random), name: "big.gz"), limits: limits)
    #expect(throws: MileQuestError.self) { _ = try Self.drain(source) }
  }

  // MARK: zip

  @Test func zipMembersStreamTheirBytes() throws {
    let big = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("export.zip")
      try Self.makeZip(
        at: url,
        [
          ("apple_health_export/export.xml", big),
          ("apple_health_export/workout-routes/a.gpx", [1, 2, 3]),
        ])
      let archive = try ZipArchive(path: url.path)
      #expect(
        archive.members.map(\.path) == [
          "apple_health_export/export.xml", "apple_health_export/workout-routes/a.gpx",
        ])
      let member = try #require(archive.member("apple_health_export/export.xml"))
      #expect(member.size == UInt64(big.count))
      let source = try archive.source(for: member)
      #expect(source.name == "\(url.path):apple_health_export/export.xml")
      var chunks = 0
      var all: [UInt8] = []
      while true {
        let chunk = try source.next()
        if chunk.isEmpty { break }
        #expect(chunk.count <= ZipArchive.chunkSize)
        chunks += 1
        all += chunk
      }
      #expect(all == big)
      #expect(chunks >= 3)
    }
  }

  @Test func droppingAMemberHalfReadStopsItsThread() throws {
    let big = [UInt8](repeating: 65, count: 4 << 20)
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("a.zip")
      try Self.makeZip(at: url, [("a.txt", big), ("b.txt", Array("b".utf8))])
      let archive = try ZipArchive(path: url.path)
      do {
        let source = try archive.source(for: archive.members[0])
        _ = try source.next()
      }
      // The archive is still usable after a member was abandoned.
      #expect(try Self.drain(try archive.source(for: archive.members[1])) == Array("b".utf8))
    }
  }

  @Test func zipBombIsRefused() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("bomb.zip")
      try Self.makeZip(at: url, [("export.xml", [UInt8](repeating: 0, count: 8 << 20))])
      let limits = ArchiveLimits(maxExpandedBytes: 1 << 40, maxRatio: 200, ratioFreeBytes: 1 << 20)
      do {
        _ = try ZipArchive(path: url.path, limits: limits)
        Issue.record("a zip bomb was opened")
      } catch let error as MileQuestError {
        #expect(error.exitCode == 65)
        #expect(error.description.contains("decompression bomb"))
      }
    }
  }

  @Test func zipPastTheTotalLimitIsRefused() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("many.zip")
      let random = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255) }
      try Self.makeZip(at: url, [("a", random), ("b", random), ("c", random)])
      let limits = ArchiveLimits(maxExpandedBytes: 2 << 20, maxRatio: 200, ratioFreeBytes: 1 << 20)
      #expect(throws: MileQuestError.self) { _ = try ZipArchive(path: url.path, limits: limits) }
    }
  }

  @Test func wrongCRCInAZipIsBadData() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("crc.zip")
      let text = Array("<HealthData></HealthData>".utf8)
      try Self.makeZip(at: url, [("export.xml", text)], stored: true)
      var bytes = [UInt8](try Data(contentsOf: url))
      let at = try #require(
        (0..<bytes.count - text.count).first { Array(bytes[$0..<$0 + text.count]) == text })
      bytes[at + 2] ^= 0x20  // "<HealthData>" -> "<hEalthData>"
      try Data(bytes).write(to: url)
      let archive = try ZipArchive(path: url.path)
      do {
        _ = try Self.drain(try archive.source(for: archive.members[0]))
        Issue.record("a member with a wrong CRC-32 was read")
      } catch let error as MileQuestError {
        #expect(error.exitCode == 65)
        #expect(error.description.contains("CRC-32"))
      }
    }
  }

  @Test func notAZipIsBadDataAndMissingIsUnreadable() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("not.zip")
      try Data("PK\u{3}\u{4} but not really".utf8).write(to: url)
      #expect(throws: MileQuestError.self) { _ = try ZipArchive(path: url.path) }
      do {
        _ = try ZipArchive(path: directory.appendingPathComponent("none.zip").path)
      } catch let error as MileQuestError {
        #expect(error.exitCode == 66)
      }
    }
  }

  @Test func healthExportInsideAZipReadsAsTheXML() throws {
    let xmlPath = try Self.fixture("health/export6s3sample.xml")
    let xml = [UInt8](try Data(contentsOf: URL(fileURLWithPath: xmlPath)))
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("export.zip")
      try Self.makeZip(at: url, [("apple_health_export/export.xml", xml)])
      let archive = try ZipArchive(path: url.path)
      let zipped = try AppleHealthReader.totals(
        source: try archive.source(for: archive.members[0]))
      let plain = try AppleHealthReader.totals(at: xmlPath)
      #expect(zipped.days() == plain.days())
      #expect(!plain.days().isEmpty)
    }
  }
}
