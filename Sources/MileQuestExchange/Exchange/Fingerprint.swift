import MileQuestCore

/// A stable 64-bit FNV-1a hash, for content fingerprints (idempotent imports).
///
/// FNV-1a is not cryptographic; it only has to tell different walks apart within one
/// database, and it is the same on every platform and run (Swift's `Hasher` is seeded per run).
public struct Fingerprint: Sendable {
  private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  /// Mixes in `bytes`.
  public mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
  }

  /// Mixes in a string and a separator.
  public mutating func add(_ text: String) {
    add(text.utf8)
    add([0x1F])
  }

  /// Mixes in the exact bits of a double.
  public mutating func add(_ value: Double) {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { add($0) }
  }

  /// The hash.
  public var value: UInt64 { hash }

  /// The hash as 16 hex digits.
  public var hex: String {
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
