import FuzzSupport
import MileQuestKit

/// FIT files, as the FIT reader decodes them. libFuzzer's mutations rarely keep a file's CRC
/// right, so the harness also reads each input with its last two bytes replaced by the CRC
/// of the rest: the decoder then meets damaged content, not only damaged checksums.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var bytes = Array(UnsafeBufferPointer(start: data, count: size))
  check(bytes)
  if bytes.count > 16 {
    var crc: UInt16 = 0
    for byte in bytes[0..<(bytes.count - 2)] {
      crc ^= UInt16(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
    }
    bytes[bytes.count - 2] = UInt8(crc & 0xFF)
    bytes[bytes.count - 1] = UInt8(crc >> 8)
    check(bytes)
  }
  return 0
}

private func check(_ bytes: [UInt8]) {
  guard
    let activity = Fuzz.refusing(
      "FITActivityReader.read", { try FITActivityReader.read(bytes: bytes, name: "fuzz.fit") })
  else { return }
  for session in activity.sessions {
    Fuzz.require(
      session.distanceMetres.map { $0.isFinite && $0 >= 0 } ?? true, "distance \(session)")
    Fuzz.require(session.start.timeIntervalSince1970.isFinite, "start \(session)")
  }
  for point in activity.track {
    Fuzz.require(abs(point.lat) <= 180 && abs(point.lon) <= 180, "position \(point)")
  }
}
