import Foundation
import MileQuestCore

/// The Unicode encoding of a JSON text, told from its first four bytes exactly as JSONDecoder
/// tells it (RFC 4627 §3: a byte order mark, else the pattern of zero bytes, since the first two
/// characters of a JSON text are ASCII).
///
/// `milequest` writes UTF-8, but JSONDecoder also reads UTF-16 and UTF-32, so a document
/// converted by some editor still imports: the streaming reader takes UTF-8 only, and the rare
/// other document is converted first.
enum JSONTextEncoding: Equatable {
  case utf8
  case other(String.Encoding, byteOrderMark: Int)

  /// The encoding of a text that starts with `head` (its first four bytes, or all of a shorter
  /// text).
  static func detect(_ head: ArraySlice<UInt8>) -> JSONTextEncoding {
    let bytes = Array(head.prefix(4))
    let b = (0..<4).map { $0 < bytes.count ? bytes[$0] : nil } as [UInt8?]
    switch (b[0], b[1], b[2], b[3]) {
    case (0, 0, 0xFE, 0xFF): return .other(.utf32BigEndian, byteOrderMark: 4)
    // Sic: JSONDecoder takes FE FF 00 00 (not FF FE 00 00) for little-endian UTF-32; the same
    // answer here keeps both readers agreeing on every input.
    case (0xFE, 0xFF, 0, 0): return .other(.utf32LittleEndian, byteOrderMark: 4)
    case (0xFE, 0xFF, _, _): return .other(.utf16BigEndian, byteOrderMark: 2)
    case (0xFF, 0xFE, _, _): return .other(.utf16LittleEndian, byteOrderMark: 2)
    case (0, 0, 0, let d?) where d != 0: return .other(.utf32BigEndian, byteOrderMark: 0)
    case (0, let a?, 0, let c?) where a != 0 && c != 0:
      return .other(.utf16BigEndian, byteOrderMark: 0)
    case (let a?, 0, 0, 0) where a != 0: return .other(.utf32LittleEndian, byteOrderMark: 0)
    case (let a?, 0, let c?, 0) where a != 0 && c != 0:
      return .other(.utf16LittleEndian, byteOrderMark: 0)
    case (0, let a?, nil, nil) where a != 0: return .other(.utf16BigEndian, byteOrderMark: 0)
    case (let a?, 0, nil, nil) where a != 0: return .other(.utf16LittleEndian, byteOrderMark: 0)
    default: return .utf8
    }
  }

  /// `bytes` as UTF-8: unchanged for UTF-8, else converted with the same Foundation call
  /// JSONDecoder uses; nil when they are not valid in their encoding (JSONDecoder refuses
  /// those too).
  static func utf8(_ bytes: [UInt8]) -> [UInt8]? {
    switch detect(bytes[...]) {
    case .utf8: return bytes
    case .other(let encoding, let mark):
      guard let text = String(bytes: bytes.dropFirst(mark), encoding: encoding) else { return nil }
      return Array(text.utf8)
    }
  }
}
