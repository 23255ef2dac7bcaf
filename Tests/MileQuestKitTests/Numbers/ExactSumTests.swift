import Foundation
import Testing

@testable import MileQuestKit

/// SplitMix64 (Steele, Lea & Flood 2014), the generator `Reference/exact_sum.py` uses, so that
/// both sides sum exactly the same doubles; also the seeded generator of other randomized tests.
struct SplitMix64: RandomNumberGenerator, Sendable {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A double of magnitude 2^-20 … 2^43 and either sign, built exactly from the bits
  /// (`value(z)` in the Python script).
  mutating func nextValue() -> Double {
    let z = next()
    let significand = Double(z >> 11)  // 53 bits: exact
    let exponent = Int(z & 63) - 20
    return Double(
      sign: (z >> 6) & 1 == 1 ? .minus : .plus, exponent: exponent - 52,
      significand: significand)
  }

  static func values(seed: UInt64, count: Int) -> [Double] {
    var generator = SplitMix64(state: seed)
    return (0..<count).map { _ in generator.nextValue() }
  }
}

@Suite("ExactSum against math.fsum")
struct ExactSumTests {
  /// Sequences and their `math.fsum` from `Reference/exact_sum.py` (each also checked there
  /// against an exact `Fraction` sum). Compared with `==`: the sum is defined as correctly
  /// rounded, so there is exactly one right answer.
  static let tricky: [(String, [Double], Double)] = [
    ("1e16, 1, -1e16", [1e16, 1, -1e16], 1.0),
    ("0.1 ten times", Array(repeating: 0.1, count: 10), 1.0),
    ("1e100 cancels", [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50], 1e-100),
    ("2^53 - 0.5 - 2^-54", [0x1p53, -0.5, -0x1p-54], 9007199254740991.0),
    ("2^53 + 1 + 2^-100", [0x1p53, 1.0, 0x1p-100], 9007199254740994.0),
    ("2^53 + 10 + 1 + 2^-100", [0x1p53 + 10.0, 1.0, 0x1p-100], 9007199254741004.0),
    ("2^53 - 4 + 0.5 + 2^-54", [0x1p53 - 4.0, 0.5, 0x1p-54], 9007199254740989.0),
    ("1e16 + 1 + 1e-16", [1e16, 1.0, 1e-16], 1.0000000000000002e+16),
    (
      "cancels to zero", [1e16 - 2.0, 1.0 - 0x1p-53, -(1e16 - 2.0), -(1.0 - 0x1p-53)], 0.0
    ),
    ("harmonic 1…1000", (1...1000).map { 1.0 / Double($0) }, 7.485470860550345),
    (
      "alternating harmonic", (1...1000).map { ($0 % 2 == 0 ? 1.0 : -1.0) / Double($0) },
      -0.6926474305598203
    ),
    ("empty", [], 0.0),
  ]

  @Test(arguments: tricky.indices)
  func trickySequences(_ index: Int) {
    // Given
    let (name, values, expected) = Self.tricky[index]
    // When
    let sum = ExactSum(values).value
    // Then
    #expect(sum == expected, "\(name): got \(sum)")
    #expect(values.exactSum() == expected, "\(name) via exactSum()")
  }

  @Test func incrementalAddMatchesBulkInit() {
    // Given: the 0.1 × 10 case, whose naive sum is 0.9999999999999999.
    var sum = ExactSum()
    #expect(sum.value == 0)
    // When
    for _ in 0..<10 { sum.add(0.1) }
    // Then
    #expect(sum.value == 1.0)
    #expect(sum == ExactSum(Array(repeating: 0.1, count: 10)))
  }

  @Test func generatorMatchesThePythonScript() {
    // The first values the script prints for seed 20261120; if these differ, the random
    // expectations below would compare different sequences.
    let first = SplitMix64.values(seed: 20_261_120, count: 3)
    #expect(first == [0.00018342987341427627, 14345.492948397097, -0.00036503786684567783])
  }

  /// `math.fsum` of SplitMix64 values (seed, count) → sum, from `Reference/exact_sum.py`.
  /// The naive left-to-right sums differ (45105019180909.2 and 50092557640843.68), so these
  /// cases can tell a plain loop from an exact sum.
  @Test(arguments: [
    (UInt64(20_261_120), 1000, 45105019180909.164),
    (UInt64(42), 5000, 50092557640843.69),
  ])
  func randomValuesFromAFixedSeed(_ seed: UInt64, _ count: Int, _ expected: Double) {
    // Given
    let values = SplitMix64.values(seed: seed, count: count)
    // When / Then: exactly fsum, in every order.
    #expect(values.exactSum() == expected)
    #expect(values.reversed().exactSum() == expected)
    #expect(values.sorted().exactSum() == expected)
    #expect(values.sorted { abs($0) < abs($1) }.exactSum() == expected)
    #expect(values.sorted { abs($0) > abs($1) }.exactSum() == expected)
  }

  @Test func orderDoesNotMatterForTheTrickyCases() {
    // Given: every permutation of a 4-element cancelling sequence (fsum = 1.0, see table).
    let values = [1e16, 1.0, -1e16, 0x1p-60]
    // fsum([1e16, 1, -1e16, 2^-60]) = 1 + 2^-60 rounded = 1.0 (2^-60 is far below half an ulp).
    var seen = Set<Double>()
    for a in 0..<4 {
      for b in 0..<4 where b != a {
        for c in 0..<4 where c != a && c != b {
          let d = 6 - a - b - c
          seen.insert([values[a], values[b], values[c], values[d]].exactSum())
        }
      }
    }
    // Then
    #expect(seen == [1.0])
  }
}
