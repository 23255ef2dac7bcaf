/// A correctly rounded sum of doubles (Shewchuk's algorithm, as in Python's `math.fsum`).
///
/// Totals are order-independent this way: a leaderboard total is exactly the sum of the walks it
/// lists however they were fetched, and two teams with the same walks tie exactly.
/// Source: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust
/// Geometric Predicates", 1997; the `msum` recipe in the Python Cookbook.
public struct ExactSum: Sendable, Equatable {
  private var partials: [Double] = []

  public init() {}

  /// The sum of `values`, correctly rounded.
  public init<S: Sequence>(_ values: S) where S.Element == Double {
    for value in values { add(value) }
  }

  /// Adds `value` exactly.
  public mutating func add(_ value: Double) {
    let count = partials.count
    partials.append(0)  // the room `add(_:to:count:)` may need
    let kept = partials.withUnsafeMutableBufferPointer { buffer in
      Self.add(value, to: buffer.baseAddress!, count: count)
    }
    partials.removeLast(count + 1 - kept)
  }

  /// The correctly rounded value of everything added so far.
  public var value: Double {
    partials.withUnsafeBufferPointer { Self.value(of: $0.baseAddress, count: $0.count) }
  }
}

/// The arithmetic on partials in place, without an array: the SQLite functions
/// (`mq_fsum_add`…) run it for every walk of a bulk merge and of every trigger, on the bytes
/// SQLite hands them, where building arrays cost more than the sums.
extension ExactSum {
  /// Adds `value` exactly to the `count` partials at `partials`, which has room for one more;
  /// returns how many partials there are now (at most `count + 1`).
  public static func add(
    _ value: Double, to partials: UnsafeMutablePointer<Double>, count: Int
  ) -> Int {
    var x = value
    var kept = 0
    for i in 0..<count {
      var y = partials[i]
      if abs(x) < abs(y) { swap(&x, &y) }
      let high = x + y
      let low = y - (high - x)
      if low != 0 {
        partials[kept] = low
        kept += 1
      }
      x = high
    }
    partials[kept] = x
    return kept + 1
  }

  /// The correctly rounded value of the `count` partials at `partials`.
  public static func value(of partials: UnsafePointer<Double>?, count: Int) -> Double {
    guard let partials, count > 0 else { return 0 }
    var high = partials[count - 1]
    var i = count - 1
    var low = 0.0
    while i > 0 {
      i -= 1
      let x = high
      let y = partials[i]
      high = x + y
      let yr = high - x
      low = y - yr
      if low != 0 { break }
    }
    // Round half-even across the remaining partials, as math.fsum does.
    if i > 0 && ((low < 0 && partials[i - 1] < 0) || (low > 0 && partials[i - 1] > 0)) {
      let y = low * 2
      let x = high + y
      if y == x - high { high = x }
    }
    return high
  }
}

extension Sequence where Element == Double {
  /// The correctly rounded sum of the elements.
  public func exactSum() -> Double { ExactSum(self).value }
}

extension ExactSum {
  /// The running sum's exact state: its non-overlapping partials, smallest first.
  public var parts: [Double] { partials }

  /// A sum that continues from saved `parts`.
  public init(parts: [Double]) {
    partials = parts
  }

  /// Adds everything `other` holds, exactly.
  public mutating func add(_ other: ExactSum) {
    for part in other.partials { add(part) }
  }

  /// The partials as little-endian bytes, for storing a running total.
  public var bytes: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(partials.count * 8)
    for part in partials {
      withUnsafeBytes(of: part.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    return bytes
  }

  /// A sum read back from `bytes` (a multiple of 8 bytes; anything else reads as zero).
  public init(bytes: [UInt8]) {
    guard bytes.count % 8 == 0 else {
      self.init()
      return
    }
    self.init(
      parts: stride(from: 0, to: bytes.count, by: 8).map { offset in
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return Double(bitPattern: bits)
      })
  }
}
