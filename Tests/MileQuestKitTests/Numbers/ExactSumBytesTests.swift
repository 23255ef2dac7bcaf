import Testing

@testable import MileQuestKit

/// Stored partials read back in place (`ExactSum(bytes:)` over a raw buffer, as the stores
/// read blobs), against the little-endian bytes written out by hand.
@Suite("Exact sums from stored bytes")
struct ExactSumBytesTests {
  /// The little-endian bytes of `values`, by hand: least significant byte first.
  static func bytes(_ values: [Double]) -> [UInt8] {
    values.flatMap { value in
      (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) }
    }
  }

  @Test("none, one, two and more partials read back from any offset, aligned or not")
  func partsAtAnyOffset() {
    let cases: [[Double]] = [[], [1.5], [1e-30, 4.0], [1e-300, 2e-100, 3e10, -7e300]]
    for parts in cases {
      for offset in 0..<8 {
        let padded = [UInt8](repeating: 0xAB, count: offset) + Self.bytes(parts)
        let sum = padded.withUnsafeBytes { raw in
          ExactSum(bytes: UnsafeRawBufferPointer(rebasing: raw[offset...]))
        }
        #expect(sum.parts == parts, "\(parts) at offset \(offset)")
        #expect(ExactSum(bytes: Self.bytes(parts)).parts == parts)
        #expect(sum.bytes == Self.bytes(parts))
      }
    }
  }

  @Test("a length that is not a multiple of 8 reads as zero")
  func oddLength() {
    let bytes = Self.bytes([2.0]) + [1]
    #expect(bytes.withUnsafeBytes { ExactSum(bytes: $0) }.parts.isEmpty)
    #expect(ExactSum(bytes: bytes).value == 0)
    #expect(ExactSum(bytes: UnsafeRawBufferPointer(start: nil, count: 0)).parts.isEmpty)
  }
}
