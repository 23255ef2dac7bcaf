import Foundation

/// Numbers with a fixed number of decimals, exactly as `String(format: "%.Nf", x)` writes them,
/// without Foundation's formatter: its first use costs a command more than the rest of a small
/// table (format parsing, CVarArg boxing and dynamic casts).
enum FixedPoint {
  /// `value` with `places` (0–9) decimals: the binary value rounded exactly, ties to even, as
  /// C's printf does. Non-finite values and magnitudes of 2^33 and more take Foundation's path.
  static func string(_ value: Double, places: Int) -> String {
    precondition((0...9).contains(places))
    guard value.isFinite, value.magnitude < 0x1p33 else {
      return String(format: "%.\(places)f", value)
    }
    var scale: UInt64 = 1
    for _ in 0..<places { scale *= 10 }
    // magnitude = significand * 2^exponent, exactly, with an integer significand below 2^53.
    let magnitude = value.magnitude
    var significand = magnitude.significandBitPattern
    var exponent: Int
    if magnitude.isNormal {
      significand |= 1 << 52
      exponent = Int(magnitude.exponent) - 52
    } else {
      exponent = -1074
    }
    var scaled: UInt64  // round(magnitude * scale), ties to even
    if significand == 0 {
      scaled = 0
    } else if exponent >= 0 {
      scaled = (significand << UInt64(exponent)) * scale  // below 2^33 * 10^9 < 2^63
    } else {
      // significand * scale < 2^83, as a 128-bit (high, low) pair, shifted right by `shift`.
      let (high, low) = significand.multipliedFullWidth(by: scale)
      let shift = -exponent
      let remainderAboveHalf: Bool
      let remainderIsHalf: Bool
      if shift >= 128 {
        scaled = 0
        remainderAboveHalf = false
        remainderIsHalf = false
      } else if shift >= 64 {
        let s = shift - 64
        scaled = high >> UInt64(s)
        if s == 0 {
          remainderAboveHalf = low > 1 << 63
          remainderIsHalf = low == 1 << 63
        } else {
          let restHigh = high & ((1 << UInt64(s)) - 1)
          let halfHigh: UInt64 = 1 << UInt64(s - 1)
          remainderAboveHalf = restHigh > halfHigh || (restHigh == halfHigh && low > 0)
          remainderIsHalf = restHigh == halfHigh && low == 0
        }
      } else {
        // The quotient fits: magnitude < 2^33, so it is below 2^33 * 10^9.
        scaled = (high << UInt64(64 - shift)) | (low >> UInt64(shift))
        let rest = low & ((1 << UInt64(shift)) - 1)
        let half: UInt64 = 1 << UInt64(shift - 1)
        remainderAboveHalf = rest > half
        remainderIsHalf = rest == half
      }
      if remainderAboveHalf || (remainderIsHalf && scaled & 1 == 1) { scaled += 1 }
    }
    var digits = Array(String(scaled).utf8)
    if digits.count <= places {
      let zeros = repeatElement(UInt8(ascii: "0"), count: places + 1 - digits.count)
      digits.insert(contentsOf: zeros, at: 0)
    }
    if places > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - places) }
    if value.sign == .minus { digits.insert(UInt8(ascii: "-"), at: 0) }
    return String(decoding: digits, as: UTF8.self)
  }
}
