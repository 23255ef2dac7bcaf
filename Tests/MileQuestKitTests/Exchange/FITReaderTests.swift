import Foundation
import MileQuestCore
import Testing

@testable import MileQuestExchange

/// The FIT decoder against real files from Garmin, Wahoo, COROS and Strava devices and apps
/// (Fixtures/fit, from python-fitparse's test files, MIT), compared with the values
/// python-fitparse reads from them (Reference/fit_reference.py -> Fixtures/fit/expected.json).
@Suite struct FITReaderTests {
  struct Expected: Decodable {
    struct Session: Decodable {
      var sport: Int?
      var subSport: Int?
      var startUnix: Double?
      var distanceM: Double?
      var elapsedS: Double?
      var timerS: Double?
    }
    var sessions: [Session]?
    var positions: Int?
    var firstPosition: [Double]?
    var utcOffsetS: Int?
    var fitparseError: String?
  }

  static func fitPath(_ name: String) throws -> String {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/fit")
    ).path
  }

  static let expected: [String: Expected] = {
    guard
      let url = Bundle.module.url(
        forResource: "expected", withExtension: "json", subdirectory: "Fixtures/fit"),
      let data = try? Data(contentsOf: url)
    else { return [:] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return (try? decoder.decode([String: Expected].self, from: data)) ?? [:]
  }()

  static let readable = expected.filter { $0.value.fitparseError == nil }.keys.sorted()

  @Test func everyFixtureHasExpectedValues() {
    #expect(Self.expected.count >= 16)
    #expect(Self.readable.count >= 15)
  }

  @Test(arguments: readable)
  func sessionsMatchFitparse(name: String) throws {
    let expected = try #require(Self.expected[name])
    let activity = try FITActivityReader.read(path: try Self.fitPath(name))
    let sessions = try #require(expected.sessions)
    #expect(activity.sessions.count == sessions.count)
    for (got, want) in zip(activity.sessions, sessions) {
      #expect(got.origin == .session)
      #expect(got.sport.map(Int.init) == want.sport)
      #expect(got.subSport.map(Int.init) == want.subSport)
      #expect(got.distanceMetres == want.distanceM)
      #expect(got.elapsedSeconds == want.elapsedS)
      #expect(got.timerSeconds == want.timerS)
      if !got.startIsLocalTime {
        #expect(got.start.timeIntervalSince1970 == want.startUnix)
      }
    }
    #expect(activity.track.count == expected.positions)
    if let first = expected.firstPosition, let got = activity.track.first {
      #expect(got.lat == first[0])
      #expect(got.lon == first[1])
    }
  }

  @Test func utcOffsetFromTheActivityMessage() throws {
    // fenix 5: local_timestamp − timestamp = −7 h (US Pacific daylight time).
    let walk = try FITActivityReader.read(path: try Self.fitPath("garmin-fenix-5-walk.fit"))
    #expect(walk.utcOffsetSeconds == -25_200)
    #expect(walk.sessions.first?.sportName == "walking")
    // Relative device times: the offset is not a real one and is not reported.
    let relative = try FITActivityReader.read(path: try Self.fitPath("antfs-dump.63.fit"))
    #expect(relative.utcOffsetSeconds == nil)
    #expect(relative.sessions.first?.startIsLocalTime == true)
  }

  @Test func chainedFilesGiveEverySession() throws {
    let triathlon = try FITActivityReader.read(path: try Self.fitPath("sample_mulitple_header.fit"))
    #expect(
      triathlon.sessions.map(\.sportName) == [
        "swimming", "transition", "cycling", "transition", "running",
      ])
  }

  @Test func compressedTimestampsAreExpanded() throws {
    // The records of this file use compressed-timestamp headers: the decoder must still
    // hand out increasing timestamps.
    var times: [UInt64] = []
    let bytes = try Array(
      Data(contentsOf: URL(fileURLWithPath: Self.fitPath("compressed-speed-distance.fit"))))
    try FITDecoder(bytes: bytes, name: "f", wanted: [20]).decode { message in
      if let time = message.unsigned(253) { times.append(time) }
    }
    #expect(times.count > 100)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
  }

  // MARK: Damaged files

  static func walkBytes() throws -> [UInt8] {
    try Array(Data(contentsOf: URL(fileURLWithPath: fitPath("garmin-fenix-5-walk.fit"))))
  }

  @Test func everyTruncationIsBadDataWithAnOffset() throws {
    let bytes = try Self.walkBytes()
    for length in [
      0, 1, 11, 12, 13, 14, 20, 100, bytes.count / 2, bytes.count - 3, bytes.count - 1,
    ] {
      let cut = Array(bytes.prefix(length))
      do {
        _ = try FITActivityReader.read(bytes: cut, name: "walk.fit")
        Issue.record("a file cut at \(length) bytes was accepted")
      } catch {
        let message = "\(error)"
        #expect(message.contains("walk.fit: byte "), "\(message)")
      }
    }
  }

  @Test func aRealTruncatedFileIsRefusedWhereItEnds() throws {
    // Written by Strava's Android app, 3 bytes short of what its header announces (and
    // python-fitparse refuses it too).
    #expect(Self.expected["strava-android-app-201.10-b1218918.fit"]?.fitparseError != nil)
    do {
      _ = try FITActivityReader.read(
        path: try Self.fitPath("strava-android-app-201.10-b1218918.fit"))
      Issue.record("a truncated file was accepted")
    } catch let error as MileQuestError {
      #expect(error.exitCode == 65)
      #expect("\(error)".contains(": byte 78233: truncated file"))
    }
  }

  @Test func aChangedByteFailsTheChecksum() throws {
    var bytes = try Self.walkBytes()
    bytes[bytes.count / 2] ^= 0x40
    #expect(throws: (any Error).self) {
      _ = try FITActivityReader.read(bytes: bytes, name: "walk.fit")
    }
  }

  @Test func notAFITFile() throws {
    let text = Array("<gpx></gpx>\n".utf8)
    #expect(throws: (any Error).self) {
      _ = try FITActivityReader.read(bytes: text, name: "x.fit")
    }
  }

  /// Random bytes, and real files with random bytes changed and their checksums fixed so the
  /// decoder must survive the content itself: an error or a result, never a crash.
  @Test func damagedContentNeverCrashes() throws {
    let original = try Self.walkBytes()
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        let index = Int.random(in: 14..<(bytes.count - 2), using: &generator)
        bytes[index] = UInt8.random(in: 0...255, using: &generator)
      }
      let crc = FITChecksum.crc16(bytes[0..<(bytes.count - 2)])
      bytes[bytes.count - 2] = UInt8(crc & 0xFF)
      bytes[bytes.count - 1] = UInt8(crc >> 8)
      _ = try? FITActivityReader.read(bytes: bytes, name: "fuzz.fit")
    }
    for length in [1, 14, 15, 100, 1000] {
      let noise = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      _ = try? FITActivityReader.read(bytes: noise, name: "noise.fit")
    }
  }

  @Test func checksumIsCRC16ARC() {
    // The check value of CRC-16/ARC for "123456789" is 0xBB3D.
    #expect(FITChecksum.crc16(Array("123456789".utf8)) == 0xBB3D)
  }
}
