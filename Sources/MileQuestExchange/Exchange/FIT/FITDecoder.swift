import MileQuestCore

/// One data message of a FIT file: its global message number and the fields a reader asked
/// for, by field definition number. Invalid values (the protocol's "no value" patterns) are
/// left out, so a present field always holds a real value.
package struct FITMessage: Sendable, Equatable {
  /// The profile's global message number (18 session, 19 lap, 20 record, 34 activity, ...).
  package var global: UInt16
  /// Byte offset of the message's record header in the file, for messages.
  package var offset: Int
  /// Field values by field definition number (253 is the timestamp of any message).
  package var fields: [UInt8: FITValue]

  package init(global: UInt16, offset: Int, fields: [UInt8: FITValue]) {
    self.global = global
    self.offset = offset
    self.fields = fields
  }

  /// The field as an unsigned integer, if present and of an integer type.
  package func unsigned(_ field: UInt8) -> UInt64? {
    switch fields[field] {
    case .unsigned(let value)?: value
    case .signed(let value)? where value >= 0: UInt64(value)
    default: nil
    }
  }

  /// The field as a signed integer, if present and of an integer type.
  package func signed(_ field: UInt8) -> Int64? {
    switch fields[field] {
    case .signed(let value)?: value
    case .unsigned(let value)? where value <= UInt64(Int64.max): Int64(value)
    default: nil
    }
  }
}

/// A field value of a FIT data message.
package enum FITValue: Sendable, Equatable {
  case unsigned(UInt64)
  case signed(Int64)
  case float(Double)
}

/// Decodes the binary FIT protocol (Garmin's Flexible and Interoperable data Transfer):
/// file header and its CRC, definition and data messages, compressed-timestamp headers,
/// developer fields (skipped), chained files (several FIT files one after the other, as
/// multisport devices write), and the file CRC at the end of each.
///
/// Only the messages a reader names are decoded; the others are stepped over by their
/// defined size. Anything that does not add up — a header that is not FIT, a size past the
/// end, a data message whose local type was never defined, a CRC that does not match — is
/// `.badData("FILE: byte N: reason")` (exit 65) with the offset where it went wrong.
package struct FITDecoder {
  /// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
  package static let epochOffset: Int64 = 631_065_600
  /// Largest file read (FIT activity files are a few MiB; a day of 1 s records is ~3 MiB).
  package static let maxFileBytes = 256 * 1024 * 1024

  private let bytes: [UInt8]
  private let name: String
  private let wanted: Set<UInt16>

  /// A decoder for `bytes` (named `name` in messages) that hands out the messages whose
  /// global numbers are in `wanted`.
  package init(bytes: [UInt8], name: String, wanted: Set<UInt16>) {
    self.bytes = bytes
    self.name = name
    self.wanted = wanted
  }

  /// Calls `body` with each wanted data message in file order.
  package func decode(_ body: (FITMessage) throws -> Void) throws {
    if bytes.isEmpty { throw failure(at: 0, "empty file, not a FIT file") }
    var start = 0
    while start < bytes.count {
      start = try decodeFile(at: start, body)
    }
  }

  // MARK: One file of a chain

  /// What a definition message says about the data messages of its local type.
  private struct Definition {
    var global: UInt16
    var bigEndian: Bool
    /// (field number, size in bytes, base type) in message order.
    var fields: [(number: UInt8, size: Int, baseType: UInt8)]
    /// Total size of the data message's content, developer fields included.
    var size: Int
  }

  /// Decodes the file whose header starts at `start`; returns the offset after its CRC.
  private func decodeFile(at start: Int, _ body: (FITMessage) throws -> Void) throws -> Int {
    let headerSize = Int(bytes[start])
    guard headerSize == 12 || headerSize == 14 else {
      throw failure(
        at: start, "not a FIT file header (header size \(headerSize); FIT headers are 12 or 14)")
    }
    guard start + headerSize <= bytes.count else {
      throw failure(at: start, "truncated file header")
    }
    guard Array(bytes[(start + 8)..<(start + 12)]) == Array(".FIT".utf8) else {
      throw failure(at: start + 8, "not a FIT file (no \".FIT\" signature)")
    }
    if headerSize == 14 {
      let stored = UInt16(bytes[start + 12]) | UInt16(bytes[start + 13]) << 8
      // 0 means "not computed", which the protocol allows.
      if stored != 0 && stored != FITChecksum.crc16(bytes[start..<(start + 12)]) {
        throw failure(at: start + 12, "file header checksum does not match")
      }
    }
    let dataSize = Int(littleEndian: bytes, at: start + 4, count: 4)
    var dataEnd = start + headerSize + dataSize
    if dataEnd + 2 > bytes.count {
      // Some apps (Strava's Android app, for one) write a data size past the end of the
      // file. When the rest of the file ends with its own correct checksum, that is the
      // file; otherwise it was cut short.
      let end = bytes.count - 2
      guard end >= start + headerSize,
        storedChecksum(at: end) == FITChecksum.crc16(bytes[start..<end])
      else {
        throw failure(
          at: bytes.count,
          "truncated file: the header announces \(dataSize) bytes of records, "
            + "\(max(0, bytes.count - start - headerSize - 2)) are present")
      }
      dataEnd = end
    } else if storedChecksum(at: dataEnd) != FITChecksum.crc16(bytes[start..<dataEnd]) {
      throw failure(at: dataEnd, "file checksum does not match (the file is damaged)")
    }
    try decodeRecords(from: start + headerSize, to: dataEnd, body)
    return dataEnd + 2
  }

  /// The little-endian checksum stored at `offset`.
  private func storedChecksum(at offset: Int) -> UInt16 {
    UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
  }

  /// Decodes the definition and data messages between `from` and `end`.
  private func decodeRecords(
    from: Int, to end: Int, _ body: (FITMessage) throws -> Void
  ) throws {
    var definitions = [Definition?](repeating: nil, count: 16)
    var offset = from
    var lastTimestamp: UInt32?
    while offset < end {
      let recordStart = offset
      let header = bytes[offset]
      offset += 1
      if header & 0x80 != 0 {
        // Compressed timestamp header: local type in bits 5-6, a 5-bit time offset.
        let local = Int((header >> 5) & 0x03)
        guard let definition = definitions[local] else {
          throw failure(
            at: recordStart, "data message of local type \(local) before its definition")
        }
        guard offset + definition.size <= end else {
          throw failure(at: recordStart, "truncated data message")
        }
        if wanted.contains(definition.global) {
          var message = decodeData(definition, at: offset, recordStart: recordStart)
          if let last = lastTimestamp {
            let timeOffset = UInt32(header & 0x1F)
            var timestamp = (last & ~UInt32(0x1F)) | timeOffset
            if timeOffset < last & 0x1F { timestamp &+= 0x20 }
            message.fields[253] = .unsigned(UInt64(timestamp))
            lastTimestamp = timestamp
          }
          try body(message)
        }
        offset += definition.size
        continue
      }
      let local = Int(header & 0x0F)
      if header & 0x40 != 0 {
        let definition = try readDefinition(at: &offset, end: end, developer: header & 0x20 != 0)
        definitions[local] = definition
        continue
      }
      guard let definition = definitions[local] else {
        throw failure(at: recordStart, "data message of local type \(local) before its definition")
      }
      guard offset + definition.size <= end else {
        throw failure(at: recordStart, "truncated data message")
      }
      if wanted.contains(definition.global)
        || definition.fields.contains(where: { $0.number == 253 })
      {
        let message = decodeData(definition, at: offset, recordStart: recordStart)
        if case .unsigned(let time)? = message.fields[253] { lastTimestamp = UInt32(time) }
        if wanted.contains(definition.global) { try body(message) }
      }
      offset += definition.size
    }
  }

  /// Reads a definition message whose content starts at `offset` (after its record header).
  private func readDefinition(at offset: inout Int, end: Int, developer: Bool) throws -> Definition
  {
    let start = offset - 1
    guard offset + 5 <= end else { throw failure(at: start, "truncated definition message") }
    let bigEndian: Bool
    switch bytes[offset + 1] {
    case 0: bigEndian = false
    case 1: bigEndian = true
    default:
      throw failure(
        at: offset + 1, "definition message with unknown byte order \(bytes[offset + 1])")
    }
    let global =
      bigEndian
      ? UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3])
      : UInt16(bytes[offset + 3]) << 8 | UInt16(bytes[offset + 2])
    let count = Int(bytes[offset + 4])
    offset += 5
    guard offset + 3 * count <= end else {
      throw failure(at: start, "truncated definition message")
    }
    var fields: [(number: UInt8, size: Int, baseType: UInt8)] = []
    fields.reserveCapacity(count)
    var size = 0
    for index in 0..<count {
      let at = offset + 3 * index
      let fieldSize = Int(bytes[at + 1])
      fields.append((bytes[at], fieldSize, bytes[at + 2]))
      size += fieldSize
    }
    offset += 3 * count
    if developer {
      guard offset + 1 <= end else { throw failure(at: start, "truncated definition message") }
      let developerCount = Int(bytes[offset])
      offset += 1
      guard offset + 3 * developerCount <= end else {
        throw failure(at: start, "truncated definition message")
      }
      for index in 0..<developerCount {
        size += Int(bytes[offset + 3 * index + 1])
      }
      offset += 3 * developerCount
    }
    return Definition(global: global, bigEndian: bigEndian, fields: fields, size: size)
  }

  /// The values of a data message whose content starts at `offset`.
  private func decodeData(_ definition: Definition, at offset: Int, recordStart: Int) -> FITMessage
  {
    var values: [UInt8: FITValue] = [:]
    var at = offset
    for field in definition.fields {
      if let value = FITBaseType.value(
        bytes, at: at, size: field.size, baseType: field.baseType, bigEndian: definition.bigEndian)
      {
        values[field.number] = value
      }
      at += field.size
    }
    return FITMessage(global: definition.global, offset: recordStart, fields: values)
  }

  private func failure(at offset: Int, _ reason: String) -> MileQuestError {
    .badData("\(name): byte \(offset): \(reason)")
  }
}

extension Int {
  /// The unsigned little-endian integer of `count` bytes at `offset`.
  fileprivate init(littleEndian bytes: [UInt8], at offset: Int, count: Int) {
    var value = 0
    for index in (0..<count).reversed() {
      value = value << 8 | Int(bytes[offset + index])
    }
    self = value
  }
}
