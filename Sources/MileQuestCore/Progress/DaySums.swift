/// One member and the days whose walks count for a marker: a membership's days inside the
/// goal's window, overlapping ones of the same member merged (a walk counts once).
public struct MemberSpan: Sendable, Equatable {
  public var memberId: Int64
  /// First and last day (inclusive); `from` nil for "since forever", `to` nil for "until
  /// forever".
  public var days: DateRange

  public init(memberId: Int64, days: DateRange) {
    self.memberId = memberId
    self.days = days
  }

  /// Whether `date` lies in the span's days.
  public func contains(_ date: LocalDate) -> Bool { days.contains(date) }
}

/// One goal marker's question to a store's day sums (`StoreSpeedUps.daySums(ofMarkers:)`):
/// the spans of days whose walks it counts (`WalkCounting.spans`) and its daily cap.
public struct MarkerSpans: Sendable, Equatable {
  public var spans: [MemberSpan]
  /// The most one member's day counts, in metres; nil for no cap.
  public var dailyCap: Double?

  public init(spans: [MemberSpan], dailyCap: Double?) {
    self.spans = spans
    self.dailyCap = dailyCap
  }
}

extension WalkCounting {
  /// The spans of days whose walks a marker with these `memberships` counts inside
  /// `window`: per member, each membership's days (`Membership.covers`: from `joined` to the
  /// day before `left`) cut to the window, overlapping and adjacent ones merged, so a walk
  /// lies in at most one span. Sorted by member, then by first day. A member's day lies in a
  /// span exactly when `dailySums` counts it.
  public static func spans(memberships: [Membership], window: DateRange) -> [MemberSpan] {
    // Each membership's days cut to the window, sorted by member and first day: one array
    // and one sort, not an array per member (`goal list` asks for ten thousand members).
    var ranges: [MemberSpan] = []
    ranges.reserveCapacity(memberships.count)
    for membership in memberships {
      let from = window.from.map { max($0, membership.joined) } ?? membership.joined
      let last = membership.left.map { $0.adding(days: -1) }
      let to: LocalDate? =
        switch (last, window.to) {
        case (let a?, let b?): min(a, b)
        case (let a?, nil): a
        case (nil, let b): b
        }
      if let to, from > to { continue }
      ranges.append(MemberSpan(memberId: membership.memberId, days: DateRange(from: from, to: to)))
    }
    ranges.sort {
      ($0.memberId, $0.days.from?.dayNumber ?? Int.min)
        < ($1.memberId, $1.days.from?.dayNumber ?? Int.min)
    }
    var spans: [MemberSpan] = []
    spans.reserveCapacity(ranges.count)
    var current: MemberSpan?
    for range in ranges {
      guard let open = current, open.memberId == range.memberId else {
        if let current { spans.append(current) }
        current = range
        continue
      }
      // `range` starts no earlier than `open`: merge when it starts by the day after
      // `open` ends.
      if let end = open.days.to, let start = range.days.from,
        start.dayNumber > end.dayNumber + 1
      {
        spans.append(open)
        current = range
      } else {
        let to: LocalDate? =
          (open.days.to == nil || range.days.to == nil) ? nil : max(open.days.to!, range.days.to!)
        current = MemberSpan(memberId: open.memberId, days: DateRange(from: open.days.from, to: to))
      }
    }
    if let current { spans.append(current) }
    return spans
  }
}

/// Exact sums per day in one flat buffer: a few partials per day side by side instead of an
/// `ExactSum` (a heap array) per day, for adding up a goal's walks day by day (`goal list`:
/// a thousand goals, a million walks). Each day's partials are exactly those `ExactSum.add`
/// would keep for the same values in the same order, so `sums` holds the same exact sums
/// (and values, to the last bit). A day whose partials outgrow their slots, or that lies far
/// from the first day, is kept as an `ExactSum` of its own.
public struct DaySums: Sendable {
  /// Partials kept per day in the buffer (distances of walks need one or two).
  static let slots = 6
  /// Days kept in the buffer, from `base` on (about eleven years).
  static let bufferDays = 4_096

  /// The day number of the buffer's first day.
  private var base: Int?
  /// Partials per day in the buffer; `slots + 1` when the day is in `spilled`.
  private var counts: [UInt8] = []
  private var parts: [Double] = []
  private var spilled: [Int: ExactSum] = [:]

  /// Sums whose buffer starts at `first` (the earliest day expected; else the first day
  /// added), with room for the days up to `last` (the latest expected) made at once rather
  /// than grown (`goal list` makes a thousand).
  public init(first: LocalDate? = nil, last: LocalDate? = nil) {
    base = first?.dayNumber
    if let first, let last, last >= first {
      // At most about three years up front: a window that ends far ahead grows as before.
      let days = min(1_024, last.dayNumber - first.dayNumber + 1)
      counts = [UInt8](repeating: 0, count: days)
      parts = [Double](repeating: 0, count: days * Self.slots)
    }
  }

  /// Adds `metres` to the day `dayNumber` (`LocalDate.dayNumber`), exactly.
  public mutating func add(_ metres: Double, dayNumber: Int) {
    if base == nil { base = dayNumber }
    let index = dayNumber - (base ?? dayNumber)
    guard index >= 0, index < Self.bufferDays else {
      spilled[dayNumber, default: ExactSum()].add(metres)
      return
    }
    if index >= counts.count {
      let days = max(index + 1, min(Self.bufferDays, counts.count * 2))
      counts.append(contentsOf: repeatElement(0, count: days - counts.count))
      parts.append(contentsOf: repeatElement(0, count: days * Self.slots - parts.count))
    }
    let count = Int(counts[index])
    if count >= Self.slots {
      // Full (the next part might need one more slot) or spilled already: an `ExactSum`.
      if count == Self.slots {
        let start = index * Self.slots
        spilled[dayNumber] = ExactSum(parts: parts[start..<(start + count)])
        counts[index] = UInt8(Self.slots + 1)
      }
      spilled[dayNumber, default: ExactSum()].add(metres)
      return
    }
    // `ExactSum.add` on the day's slots, which have room for one more.
    let kept = parts.withUnsafeMutableBufferPointer { buffer in
      ExactSum.add(metres, to: buffer.baseAddress! + index * Self.slots, count: count)
    }
    counts[index] = UInt8(kept)
  }

  /// Adds everything `sum` holds to the day `dayNumber`, exactly.
  public mutating func add(_ sum: ExactSum, dayNumber: Int) {
    for part in sum.parts { add(part, dayNumber: dayNumber) }
  }

  /// Each day something was added to, with its exact sum, in date order.
  public var sums: [(date: LocalDate, sum: ExactSum)] {
    var days: [(date: LocalDate, sum: ExactSum)] = []
    let base = base ?? 0
    for index in counts.indices {
      let count = Int(counts[index])
      guard count > 0, count <= Self.slots else { continue }
      let start = index * Self.slots
      days.append(
        (
          date: LocalDate(dayNumber: base + index),
          sum: ExactSum(parts: parts[start..<(start + count)])
        ))
    }
    if spilled.isEmpty { return days }
    days += spilled.map { (date: LocalDate(dayNumber: $0.key), sum: $0.value) }
    return days.sorted { $0.date < $1.date }
  }
}
