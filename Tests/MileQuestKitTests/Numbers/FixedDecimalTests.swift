import Foundation
import Testing

@testable import MileQuestKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `FixedDecimal` against the C library's own `%.*f` (glibc on Linux), digit for digit: there is
/// one right answer, the exact binary value rounded once, ties to even.
@Suite("FixedDecimal against C's %.*f")
struct FixedDecimalTests {
  /// What `snprintf(buffer, size, "%.*f", places, value)` writes.
  static func printf(_ value: Double, places: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 400)
    let count = withVaList([Int32(places), value]) { arguments in
      buffer.withUnsafeMutableBufferPointer {
        vsnprintf($0.baseAddress, $0.count, "%.*f", arguments)
      }
    }
    precondition(count >= 0 && Int(count) < buffer.count)
    return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The values on which `FixedDecimal` and `printf` disagree, with both texts.
  static func mismatches(_ values: [Double], places: ClosedRange<Int>) -> [String] {
    var found: [String] = []
    for value in values {
      for p in places {
        let ours = FixedDecimal.string(value, places: p)
        let theirs = printf(value, places: p)
        if ours != theirs { found.append("\(value) (\(p) places): \(ours) vs printf \(theirs)") }
      }
    }
    return found
  }

  @Test("the reference is the C library's: exact binary values, ties to even")
  func reference() {
    // 2.675 is 2.67499999999999982236431605997495353221893310546875; 0.125 is a tie.
    for (value, places, text) in [
      (2.675, 2, "2.67"), (1.005, 2, "1.00"), (0.125, 2, "0.12"), (0.375, 2, "0.38"),
      (2.5, 0, "2"), (3.5, 0, "4"), (-0.5, 0, "-0"), (1e21, 1, "1000000000000000000000.0"),
    ] {
      #expect(Self.printf(value, places: places) == text)
      #expect(FixedDecimal.string(value, places: places) == text)
    }
  }

  @Test("halves, ties and the classic decimal traps, both signs, 0–6 places")
  func classics() {
    let values: [Double] = [
      0, 0.5, 1.5, 2.5, 3.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875, 0.0625, 2.675, 1.005, 1.015,
      1.025, 1.045, 0.045, 0.015, 8.345, 1.0005, 1.00005, 0.1, 0.2, 0.3, 0.7, 1 / 3, 2 / 3,
      9.995, 9.9995, 99.5, 999.9999999, 0.05, 0.005, 0.0005, 0.00005, 0.000005, 0.0000005,
      123.456, 1_234_567.891, 4.35, 4.45, 0.999_999_5, 0.499_999_999_999_999_94,
      1e-7, 1e-300, .leastNonzeroMagnitude, .leastNormalMagnitude,
    ]
    let found = Self.mismatches(values + values.map { -$0 }, places: 0...6)
    #expect(found.isEmpty, "\(found.prefix(20))")
  }

  @Test("-0.0, and negatives that round to zero, keep their sign")
  func negativeZero() {
    #expect(FixedDecimal.string(-0.0, places: 0) == "-0")
    #expect(FixedDecimal.string(-0.0, places: 2) == "-0.00")
    #expect(FixedDecimal.string(-0.001, places: 2) == "-0.00")
    #expect(Self.mismatches([-0.0, -0.001, -0.4, -0.5, -0x1.8p-1063], places: 0...6).isEmpty)
  }

  @Test("exact ties (2j+1)/2^(p+1) at p places go to the even digit")
  func exactTies() {
    var generator = SplitMix64(state: 13)
    var values: [Double] = []
    for p in 0...6 {
      for _ in 0..<300 {
        let odd = Double(2 * (generator.next() >> 24) + 1)  // below 2^41: exact
        values.append(odd / Double(sign: .plus, exponent: p + 1, significand: 1))
      }
    }
    let found = Self.mismatches(values + values.map { -$0 }, places: 0...6)
    #expect(found.isEmpty, "\(found.prefix(20))")
  }

  @Test("random doubles of every magnitude from 2^-1074 to 2^1023, 0–6 places")
  func randomMagnitudes() {
    var generator = SplitMix64(state: 2026)
    var values: [Double] = []
    for _ in 0..<6_000 {
      let bits = generator.next()
      // Mostly table-sized numbers (2^-30 … 2^70), some anywhere in the range of Double.
      let exponent =
        bits & 7 == 0 ? Int(bits >> 53) % 2046 - 1022 : Int((bits >> 53) % 100) - 30
      let value = Double(
        sign: bits & 8 == 0 ? .plus : .minus, exponent: exponent,
        significand: 1 + Double(generator.next() >> 12) / 0x1p52)
      values.append(value)
      values.append(Double(bitPattern: generator.next()))  // any bit pattern, subnormals too
    }
    let found = Self.mismatches(values.filter(\.isFinite), places: 0...6)
    #expect(found.isEmpty, "\(found.prefix(20))")
  }

  @Test("large values: 2^53 and beyond, 2^64, the largest double")
  func large() {
    let values: [Double] = [
      0x1p53 - 1, 0x1p53, 0x1p53 + 2, 0x1p63, 0x1p64 - 2048, 0x1p64, 0x1p64 + 4096, 1e19, 1e20,
      1e22, 1e23, 123_456_789_012_345_678_901_234.0, 0x1p100, 1e300, .greatestFiniteMagnitude,
      8_589_934_592.123_456, 9_007_199_254_740_991.5 - 0.5, 4_503_599_627_370_495.5,
    ]
    let found = Self.mismatches(values + values.map { -$0 }, places: 0...6)
    #expect(found.isEmpty, "\(found.prefix(20))")
  }

  @Test("more places, up to the most it writes")
  func morePlaces() {
    var generator = SplitMix64(state: 7)
    let values = (0..<400).map { _ in generator.nextValue() } + [0.1, 2.675, 1e-17, 5e-18]
    let found = Self.mismatches(values, places: 7...FixedDecimal.maximumPlaces)
    #expect(found.isEmpty, "\(found.prefix(20))")
  }

  @Test("non-finite values read as printf writes them")
  func nonFinite() {
    #expect(FixedDecimal.string(.infinity, places: 2) == Self.printf(.infinity, places: 2))
    #expect(FixedDecimal.string(-.infinity, places: 0) == Self.printf(-.infinity, places: 0))
    #expect(FixedDecimal.string(.nan, places: 1) == Self.printf(.nan, places: 1))
    #expect(FixedDecimal.string(-.nan, places: 1) == Self.printf(-.nan, places: 1))
  }

  @Test("pictures print through it: an exact tie rounds to even in an SVG as in a table")
  func pictures() {
    #expect(SVGDocument.number(0.125) == "0.12")
    #expect(SVGDocument.number(-0.375) == "-0.38")
    #expect(SVGDocument.number(1e15) == "1000000000000000")
    #expect(NiceNumbers.label(2.004) == "2")
    #expect(NiceNumbers.label(-0.001) == "0")
    #expect(PictureFormat.grouped(1_234_567.125, decimals: 2) == "1,234,567.12")
    #expect(PictureFormat.grouped(-1_234.5, decimals: 0) == "-1,234")
    #expect(PictureFormat.percent(12.25) == "12.2%")
  }

  @Test("trimmed: no trailing zeros, no bare point, no negative zero")
  func trimmed() {
    #expect(FixedDecimal.trimmed(12, places: 2) == "12")
    #expect(FixedDecimal.trimmed(12.5, places: 2) == "12.5")
    #expect(FixedDecimal.trimmed(2.004, places: 2) == "2")
    #expect(FixedDecimal.trimmed(0.25, places: 2) == "0.25")
    #expect(FixedDecimal.trimmed(-0.001, places: 2) == "0")
    #expect(FixedDecimal.trimmed(-0.0, places: 0) == "0")
    #expect(FixedDecimal.trimmed(-1.5, places: 2) == "-1.5")
    #expect(FixedDecimal.trimmed(100, places: 0) == "100")
  }
}
