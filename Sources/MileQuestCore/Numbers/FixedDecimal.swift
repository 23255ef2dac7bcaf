/// Numbers with a fixed number of decimals, digit for digit as C's `printf("%.*f", places, x)`
/// writes them with glibc: the exact binary value rounded once, ties to even.
///
/// The one fixed-decimal printer of tables, pictures and messages. It does not go
/// through `String(format:)`: Foundation's first use costs a command more than the rest of a
/// small table (format parsing, `CVarArg` boxing, dynamic casts), and an SVG holds thousands
/// of numbers. Results of up to 15 bytes are small strings (no heap allocation); nothing else
/// is allocated but the string, except for magnitudes of 2^64 and more.
///
/// Exact rounding: a finite double is `m · 2^e` with an integer `m < 2^53`. Below 2^53 its
/// integer part fits a `UInt64` and its fraction is exactly `f / 2^k` (k ≤ 1074), so the
/// decimals are `f · 10^places / 2^k` (a product below 2^110), rounded with the remainder
/// compared to half of 2^k. From 2^53 on a double is an integer, printed in full (glibc
/// writes all 309 digits of `Double.greatestFiniteMagnitude`, and so does this).
public enum FixedDecimal {
  /// The most decimals `string(_:places:)` writes (`10^17 · 2^53 < 2^128` keeps its
  /// arithmetic in 128 bits).
  public static let maximumPlaces = 17

  /// `value` with `places` decimals (0...`maximumPlaces`), as `%.*f` writes it: "-0.50" for
  /// -0.5 with two places, "-0.0" for -0.0, "inf", "-inf", "nan" and "-nan" for non-finite
  /// values.
  public static func string(_ value: Double, places: Int) -> String {
    precondition((0...maximumPlaces).contains(places), "places must be 0...\(maximumPlaces)")
    let negative = value.sign == .minus
    guard value.isFinite else {
      return (negative ? "-" : "") + (value.isNaN ? "nan" : "inf")
    }
    let magnitude = value.magnitude
    guard magnitude < 0x1p64 else {
      return hugeString(magnitude, negative: negative, places: places)
    }
    var integer: UInt64
    var decimals: UInt64 = 0
    var scale: UInt64 = 1  // 10^places
    for _ in 0..<places { scale &*= 10 }
    if magnitude < 0x1p53 {
      let whole = magnitude.rounded(.towardZero)
      integer = UInt64(whole)
      // Exact: below 2^53 the fraction's bits are a subset of the value's.
      let fraction = magnitude - whole
      if fraction != 0 {
        // fraction = f / 2^k exactly, with f < 2^53.
        var f = fraction.significandBitPattern
        var k: Int
        if fraction.isNormal {
          f |= 1 << 52
          k = 52 - Int(fraction.exponent)
        } else {
          k = 1074
        }
        let (quotient, comparedToHalf) = shiftedRight(f.multipliedFullWidth(by: scale), by: k)
        decimals = quotient
        // Ties go to the even last digit: the decimals' parity for places > 0, else the
        // integer's (the scale is 1 and the quotient 0 then).
        let lastDigitOdd = places > 0 ? decimals & 1 == 1 : integer & 1 == 1
        if comparedToHalf > 0 || (comparedToHalf == 0 && lastDigitOdd) {
          if places == 0 {
            integer += 1
          } else {
            decimals += 1
            if decimals == scale {
              decimals = 0
              integer += 1
            }
          }
        }
      }
    } else {
      // An integer below 2^64.
      integer = UInt64(magnitude)
    }
    let integerDigits = digitCount(integer)
    let count = (negative ? 1 : 0) + integerDigits + (places > 0 ? 1 + places : 0)
    return String(unsafeUninitializedCapacity: count) { buffer in
      var end = count
      if places > 0 {
        end = write(decimals, digits: places, endingAt: end, in: buffer)
        end -= 1
        buffer[end] = UInt8(ascii: ".")
      }
      end = write(integer, digits: integerDigits, endingAt: end, in: buffer)
      if negative { buffer[0] = UInt8(ascii: "-") }
      return count
    }
  }

  /// `value` with at most `places` decimals and no trailing zeros or bare point ("2.5", "3",
  /// "0.25"), rounded as `string(_:places:)` does; a value that rounds to zero is "0", never
  /// "-0". For labels and SVG coordinates, which show no more digits than they need.
  public static func trimmed(_ value: Double, places: Int) -> String {
    var text = string(value, places: places)
    guard value.isFinite else { return text }
    if places > 0 {
      while text.utf8.last == UInt8(ascii: "0") { text.removeLast() }
      if text.utf8.last == UInt8(ascii: ".") { text.removeLast() }
    }
    if text == "-0" { return "0" }
    return text
  }

  // MARK: - Arithmetic

  /// `value >> shift` for a 128-bit `value`, and how the bits shifted out compare with half
  /// of `2^shift` (-1 below, 0 exactly half, 1 above). The quotient must fit 64 bits.
  private static func shiftedRight(
    _ value: (high: UInt64, low: UInt64), by shift: Int
  ) -> (quotient: UInt64, comparedToHalf: Int) {
    let (high, low) = value
    if shift == 0 { return (low, -1) }
    if shift > 128 {
      // value < 2^128 ≤ 2^(shift - 1): below half, and zero unless value is.
      return (0, -1)
    }
    // The remainder's top bit (the half) and whether anything below it is set.
    let quotient: UInt64
    let halfBit: Bool
    let belowHalf: Bool
    if shift < 64 {
      quotient = (low >> UInt64(shift)) | (high << UInt64(64 - shift))
      halfBit = (low >> UInt64(shift - 1)) & 1 == 1
      belowHalf = shift > 1 && low & ((1 << UInt64(shift - 1)) - 1) != 0
    } else if shift == 64 {
      quotient = high
      halfBit = low >> 63 == 1
      belowHalf = low & ((1 << 63) - 1) != 0
    } else {
      let s = shift - 64  // 1...64
      quotient = s == 64 ? 0 : high >> UInt64(s)
      halfBit = (high >> UInt64(s - 1)) & 1 == 1
      belowHalf = (s > 1 && high & ((1 << UInt64(s - 1)) - 1) != 0) || low != 0
    }
    return (quotient, !halfBit ? -1 : (belowHalf ? 1 : 0))
  }

  private static func digitCount(_ value: UInt64) -> Int {
    var count = 1
    var rest = value
    while rest >= 10 {
      rest /= 10
      count += 1
    }
    return count
  }

  /// Writes `value` as exactly `digits` digits (zero-padded) ending before `end`; returns the
  /// index of the first digit written.
  private static func write(
    _ value: UInt64, digits: Int, endingAt end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    var rest = value
    var index = end
    for _ in 0..<digits {
      index -= 1
      buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
    }
    return index
  }

  /// An integer of 2^64 or more (at most 309 digits) and `places` zeros: the significand
  /// multiplied by 2^exponent in base 10^9 limbs.
  private static func hugeString(_ magnitude: Double, negative: Bool, places: Int) -> String {
    let billion: UInt64 = 1_000_000_000
    var limbs: [UInt64] = []  // least significant first, each below 10^9
    var significand = magnitude.significandBitPattern | 1 << 52
    while significand > 0 {
      limbs.append(significand % billion)
      significand /= billion
    }
    var shift = Int(magnitude.exponent) - 52
    while shift > 0 {
      let step = min(shift, 32)
      var carry: UInt64 = 0
      for i in limbs.indices {
        let product = limbs[i] << UInt64(step) + carry  // < 2^30 · 2^32 + 2^33
        limbs[i] = product % billion
        carry = product / billion
      }
      while carry > 0 {
        limbs.append(carry % billion)
        carry /= billion
      }
      shift -= step
    }
    let top = limbs[limbs.count - 1]
    let topDigits = digitCount(top)
    let integerDigits = topDigits + 9 * (limbs.count - 1)
    let count = (negative ? 1 : 0) + integerDigits + (places > 0 ? 1 + places : 0)
    return String(unsafeUninitializedCapacity: count) { buffer in
      var end = count
      if places > 0 {
        end = write(0, digits: places, endingAt: end, in: buffer)
        end -= 1
        buffer[end] = UInt8(ascii: ".")
      }
      for limb in limbs.dropLast() { end = write(limb, digits: 9, endingAt: end, in: buffer) }
      end = write(top, digits: topDigits, endingAt: end, in: buffer)
      if negative { buffer[0] = UInt8(ascii: "-") }
      return count
    }
  }
}
