/// A correctly rounded sum of doubles (Shewchuk's algorithm, as in Python's `math.fsum`).
///
/// Totals are order-independent this way: a leaderboard total is exactly the sum of the walks it
/// lists however they were fetched, and two teams with the same walks tie exactly.
/// Source: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust
/// Geometric Predicates", 1997; the `msum` recipe in the Python Cookbook.
public struct ExactSum: Sendable, Equatable {
  // The partials, smallest first: up to two inline (a sum of walk distances keeps one or
  // two), all of them in `spill` when there are more. `goal list` makes one sum per marker
  // and day, hundreds of thousands, and an array each was a tenth of its time.
  private var first = 0.0
  private var second = 0.0
  private var inlineCount: UInt8 = 0
  private var spill: [Double]?

  public init() {}

  /// The sum of `values`, correctly rounded.
  public init<S: Sequence>(_ values: S) where S.Element == Double {
    for value in values { add(value) }
  }

  /// Adds `value` exactly.
  public mutating func add(_ value: Double) {
    guard spill != nil else {
      var buffer = (first, second, 0.0)
      let kept = withUnsafeMutablePointer(to: &buffer) { tuple in
        tuple.withMemoryRebound(to: Double.self, capacity: 3) { partials in
          Self.add(value, to: partials, count: Int(inlineCount))
        }
      }
      if kept <= 2 {
        (first, second, inlineCount) = (buffer.0, buffer.1, UInt8(kept))
      } else {
        spill = [buffer.0, buffer.1, buffer.2]
      }
      return
    }
    let count = spill!.count
    spill!.append(0)  // the room `add(_:to:count:)` may need
    let kept = spill!.withUnsafeMutableBufferPointer { buffer in
      Self.add(value, to: buffer.baseAddress!, count: count)
    }
    spill!.removeLast(count + 1 - kept)
  }

  /// The correctly rounded value of everything added so far.
  public var value: Double {
    withParts { Self.value(of: $0.baseAddress, count: $0.count) }
  }

  /// Calls `body` with the partials, smallest first, in place.
  private func withParts<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R {
    if let spill { return spill.withUnsafeBufferPointer(body) }
    var buffer = (first, second)
    let count = Int(inlineCount)
    return withUnsafePointer(to: &buffer) { tuple in
      tuple.withMemoryRebound(to: Double.self, capacity: 2) {
        body(UnsafeBufferPointer(start: $0, count: count))
      }
    }
  }

  /// Two sums are equal when their partials are (the same exact sum, kept the same way).
  public static func == (a: ExactSum, b: ExactSum) -> Bool {
    a.withParts { x in b.withParts { y in x.elementsEqual(y) } }
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
  public var parts: [Double] { withParts { Array($0) } }

  /// A sum that continues from saved `parts`.
  public init<C: Collection>(parts: C) where C.Element == Double {
    if parts.count <= 2 {
      var iterator = parts.makeIterator()
      first = iterator.next() ?? 0
      second = iterator.next() ?? 0
      inlineCount = UInt8(parts.count)
    } else {
      spill = Array(parts)
    }
  }

  /// Adds everything `other` holds, exactly.
  public mutating func add(_ other: ExactSum) {
    if let spill = other.spill {
      for part in spill { add(part) }
      return
    }
    if other.inlineCount > 0 { add(other.first) }
    if other.inlineCount > 1 { add(other.second) }
  }

  /// The partials as little-endian bytes, for storing a running total.
  public var bytes: [UInt8] {
    withParts { parts in
      var bytes: [UInt8] = []
      bytes.reserveCapacity(parts.count * 8)
      for part in parts {
        withUnsafeBytes(of: part.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
      }
      return bytes
    }
  }

  /// A sum read back from `bytes` (a multiple of 8 bytes; anything else reads as zero).
  public init(bytes: [UInt8]) {
    self = bytes.withUnsafeBytes { ExactSum(bytes: $0) }
  }

  /// A sum read back from `ExactSum.bytes` where they lie (a stored blob), without copying
  /// them first; a multiple of 8 bytes, anything else reads as zero.
  public init(bytes raw: UnsafeRawBufferPointer) {
    guard raw.count % 8 == 0 else {
      self.init()
      return
    }
    self.init(
      parts: (0..<(raw.count / 8)).lazy.map { index in
        Double(
          bitPattern: UInt64(
            littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
      })
  }
}
