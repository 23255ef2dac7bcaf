/// The FIT protocol's base types: how many bytes a value takes, whether it is signed, and the
/// bit pattern that means "no value".
package enum FITBaseType {
  /// The value of a single-element field of `size` bytes at `offset`, or nil when it holds
  /// the type's invalid pattern, is an array or a string, or its size does not fit its type
  /// (some devices write misaligned fields; they are skipped, not misread).
  package static func value(
    _ bytes: [UInt8], at offset: Int, size: Int, baseType: UInt8, bigEndian: Bool
  ) -> FITValue? {
    // The low 5 bits number the type; bit 7 only says whether byte order matters.
    switch baseType & 0x1F {
    case 0, 2, 13:  // enum, uint8, byte
      guard size == 1, bytes[offset] != 0xFF else { return nil }
      return .unsigned(UInt64(bytes[offset]))
    case 10:  // uint8z
      guard size == 1, bytes[offset] != 0 else { return nil }
      return .unsigned(UInt64(bytes[offset]))
    case 1:  // sint8
      guard size == 1, bytes[offset] != 0x7F else { return nil }
      return .signed(Int64(Int8(bitPattern: bytes[offset])))
    case 3:  // sint16
      guard size == 2 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 2, bigEndian: bigEndian)
      guard raw != 0x7FFF else { return nil }
      return .signed(Int64(Int16(truncatingIfNeeded: raw)))
    case 4, 11:  // uint16, uint16z
      guard size == 2 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 2, bigEndian: bigEndian)
      guard raw != (baseType & 0x1F == 4 ? 0xFFFF : 0) else { return nil }
      return .unsigned(raw)
    case 5:  // sint32
      guard size == 4 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 4, bigEndian: bigEndian)
      guard raw != 0x7FFF_FFFF else { return nil }
      return .signed(Int64(Int32(truncatingIfNeeded: raw)))
    case 6, 12:  // uint32, uint32z
      guard size == 4 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 4, bigEndian: bigEndian)
      guard raw != (baseType & 0x1F == 6 ? 0xFFFF_FFFF : 0) else { return nil }
      return .unsigned(raw)
    case 8:  // float32
      guard size == 4 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 4, bigEndian: bigEndian)
      guard raw != 0xFFFF_FFFF else { return nil }
      let value = Float(bitPattern: UInt32(raw))
      return value.isFinite ? .float(Double(value)) : nil
    case 9:  // float64
      guard size == 8 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 8, bigEndian: bigEndian)
      guard raw != UInt64.max else { return nil }
      let value = Double(bitPattern: raw)
      return value.isFinite ? .float(value) : nil
    case 14:  // sint64
      guard size == 8 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 8, bigEndian: bigEndian)
      guard raw != 0x7FFF_FFFF_FFFF_FFFF else { return nil }
      return .signed(Int64(bitPattern: raw))
    case 15, 16:  // uint64, uint64z
      guard size == 8 else { return nil }
      let raw = unsigned(bytes, at: offset, count: 8, bigEndian: bigEndian)
      guard raw != (baseType & 0x1F == 15 ? UInt64.max : 0) else { return nil }
      return .unsigned(raw)
    default:  // 7 string, and types this decoder does not know
      return nil
    }
  }

  private static func unsigned(_ bytes: [UInt8], at offset: Int, count: Int, bigEndian: Bool)
    -> UInt64
  {
    var value: UInt64 = 0
    for index in 0..<count {
      let byte = bytes[offset + (bigEndian ? index : count - 1 - index)]
      value = value << 8 | UInt64(byte)
    }
    return value
  }
}

/// The CRC the FIT protocol puts after its header and at the end of each file: CRC-16 with
/// the reflected polynomial 0xA001 and initial value 0 (CRC-16/ARC).
package enum FITChecksum {
  package static func crc16<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt16 {
    var crc: UInt16 = 0
    for byte in bytes {
      crc ^= UInt16(byte)
      for _ in 0..<8 {
        crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1
      }
    }
    return crc
  }
}
