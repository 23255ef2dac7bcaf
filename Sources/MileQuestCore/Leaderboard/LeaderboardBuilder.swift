/// Builds leaderboards from members, memberships and walks. Pure: no storage.
public enum LeaderboardBuilder {
  /// One member's history in the scope of a board.
  public struct Contender: Sendable {
    public var member: Member
    /// The memberships that decide which of the member's walks count.
    public var memberships: [Membership]

    public init(member: Member, memberships: [Membership]) {
      self.member = member
      self.memberships = memberships
    }
  }

  /// Ranks members by what they walked in `range` while in the scope of their memberships.
  ///
  /// - Parameters:
  ///   - dailyCap: metres per member per day that count (goal boards), or nil.
  public static func members(
    _ contenders: [Contender], walks: [Walk], range: DateRange, metric: LeaderboardMetric,
    dailyCap: Double? = nil, limit: Int? = nil
  ) -> [Leaderboard.Entry] {
    let byMember = Dictionary(grouping: walks, by: \.memberId)
    let entries = contenders.filter { $0.memberships.contains { $0.overlaps(range) } }
      .map { contender -> Leaderboard.Entry in
        let counted = (byMember[contender.member.id ?? -1] ?? []).filter {
          WalkCounting.counts($0, memberships: contender.memberships, in: range)
        }
        let total = cappedTotal(counted, dailyCap: dailyCap)
        let value: Double =
          switch metric {
          case .total: total
          case .average: counted.isEmpty ? 0 : total / Double(counted.count)
          case .walks: Double(counted.count)
          }
        return Leaderboard.Entry(
          name: contender.member.handle, totalMetres: total, walks: counted.count, value: value)
      }
    return ranked(entries, limit: limit)
  }

  /// `members(_:walks:…)` from per-member per-day totals (`DayTotal`) instead of walks: the
  /// same entries, to the last bit, as over the walks those days add up.
  public static func members(
    _ contenders: [Contender], days: [DayTotal], range: DateRange, metric: LeaderboardMetric,
    dailyCap: Double? = nil, limit: Int? = nil
  ) -> [Leaderboard.Entry] {
    let byMember = Dictionary(grouping: days, by: \.memberId)
    let entries = contenders.filter { $0.memberships.contains { $0.overlaps(range) } }
      .map { contender -> Leaderboard.Entry in
        var sum = ExactSum()
        var walks = 0
        for day in byMember[contender.member.id ?? -1] ?? []
        where counts(day, memberships: contender.memberships, in: range) {
          add(day, to: &sum, dailyCap: dailyCap)
          walks += day.walks
        }
        let total = sum.value
        let value: Double =
          switch metric {
          case .total: total
          case .average: walks == 0 ? 0 : total / Double(walks)
          case .walks: Double(walks)
          }
        return Leaderboard.Entry(
          name: contender.member.handle, totalMetres: total, walks: walks, value: value)
      }
    return ranked(entries, limit: limit)
  }

  /// `teams(_:walks:…)` from per-member per-day totals (`DayTotal`) instead of walks: the
  /// same entries, to the last bit, as over the walks those days add up.
  public static func teams(
    _ teams: [TeamContender], days: [DayTotal], range: DateRange, metric: LeaderboardMetric,
    averageOver basis: AverageBasis = .members, dailyCap: Double? = nil, limit: Int? = nil
  ) -> [Leaderboard.Entry] {
    var board = TeamDays(teams, range: range, dailyCap: dailyCap)
    for day in days { board.add(day) }
    return board.entries(metric: metric, averageOver: basis, limit: limit)
  }

  /// A teams board over a period built one `DayTotal` at a time, so that a year of a
  /// hundred thousand members' days never sits in memory at once. A member counts for a team
  /// only on the days one of their memberships of it covers.
  public struct TeamDays: Sendable {
    /// One member's days of membership of one team inside the period, as day numbers
    /// `[from, until)`, and the (member, team) pair it belongs to.
    private struct Span: Sendable {
      let from: Int
      let until: Int
      let pair: Int
    }
    private let teams: [TeamContender]
    private let range: DateRange
    private let dailyCap: Double?
    /// For each member, where their spans start in `spans` and how many there are: flat
    /// arrays, so that adding a day allocates and retains nothing (millions of days a year).
    private let byMember: [Int64: (start: Int, count: Int)]
    private let spans: [Span]
    /// The team of each (member, team) pair, and whether the member walked for it.
    private let pairTeam: [Int]
    private var walked: [Bool]
    private let members: [Int]
    private var sums: [ExactSum]
    private var walks: [Int]

    public init(_ teams: [TeamContender], range: DateRange, dailyCap: Double? = nil) {
      self.teams = teams
      self.range = range
      self.dailyCap = dailyCap
      // Every span with its member, grouped by member below with one sort of flat values:
      // a dictionary of arrays per team and per member cost most of a board of a day over
      // 100,000 memberships.
      var flat: [(memberId: Int64, order: Int, span: Span)] = []
      var pairTeam: [Int] = []
      var members: [Int] = []
      members.reserveCapacity(teams.count)
      for (index, contender) in teams.enumerated() {
        // By member (a team has about ten memberships), each member's in their order.
        let inPeriod = contender.memberships.enumerated().filter { $0.element.overlaps(range) }
          .sorted { ($0.element.memberId, $0.offset) < ($1.element.memberId, $1.offset) }
        let firstPair = pairTeam.count
        var last: Int64?
        for (_, membership) in inPeriod {
          if membership.memberId != last {
            pairTeam.append(index)
            last = membership.memberId
          }
          flat.append(
            (
              membership.memberId, flat.count,
              Span(
                from: membership.joined.dayNumber,
                until: membership.left?.dayNumber ?? Int.max, pair: pairTeam.count - 1)
            ))
        }
        members.append(pairTeam.count - firstPair)
      }
      // A member's spans in team order, so a pair's spans stay next to each other.
      flat.sort { ($0.memberId, $0.order) < ($1.memberId, $1.order) }
      var byMember: [Int64: (start: Int, count: Int)] = [:]
      byMember.reserveCapacity(flat.count)
      var spans: [Span] = []
      spans.reserveCapacity(flat.count)
      var start = 0
      for (offset, entry) in flat.enumerated() {
        spans.append(entry.span)
        if offset + 1 == flat.count || flat[offset + 1].memberId != entry.memberId {
          byMember[entry.memberId] = (start: start, count: offset + 1 - start)
          start = offset + 1
        }
      }
      self.byMember = byMember
      self.spans = spans
      self.pairTeam = pairTeam
      self.walked = Array(repeating: false, count: pairTeam.count)
      self.members = members
      self.sums = Array(repeating: ExactSum(), count: teams.count)
      self.walks = Array(repeating: 0, count: teams.count)
    }

    /// Adds one member's day to every team it counts for (once per team, however many of
    /// the member's memberships there cover it).
    public mutating func add(_ day: DayTotal) {
      guard range.contains(day.date), let slot = byMember[day.memberId] else { return }
      let number = day.date.dayNumber
      var lastPair = -1
      for index in slot.start..<(slot.start + slot.count) {
        let span = spans[index]
        guard span.pair != lastPair, number >= span.from, number < span.until else { continue }
        lastPair = span.pair
        let team = pairTeam[span.pair]
        LeaderboardBuilder.add(day, to: &sums[team], dailyCap: dailyCap)
        walks[team] += day.walks
        walked[span.pair] = true
      }
    }

    /// The member-months a `add(_: MonthTotal)` could not count whole: some (member, team)
    /// pair of the member has a membership that covers part of the month and none that
    /// covers all of it. Their days go to `add(dayOfPartialMonth:)`.
    public private(set) var partialMonths: [(memberId: Int64, month: DateRange)] = []

    /// Adds one member's whole calendar month (it must lie inside the period; no daily cap)
    /// to every team a membership of the member covers for the whole month, and notes it in
    /// `partialMonths` when a team's memberships cover only part of it.
    public mutating func add(_ month: MonthTotal) {
      precondition(dailyCap == nil, "a daily cap needs each day's total")
      guard let slot = byMember[month.memberId] else { return }
      let first = month.month.dayNumber
      let end = month.month.endOfMonth.dayNumber + 1
      var partial = false
      Self.forEachPair(of: slot, in: spans) { pair, spans in
        if spans.contains(where: { $0.from <= first && $0.until >= end }) {
          let team = pairTeam[pair]
          sums[team].add(month.sum)
          walks[team] += month.walks
          walked[pair] = true
        } else if spans.contains(where: { $0.from < end && $0.until > first }) {
          partial = true
        }
      }
      if partial {
        partialMonths.append(
          (month.memberId, DateRange(from: month.month, to: month.month.endOfMonth)))
      }
    }

    /// Adds one day of a member-month of `partialMonths` to the teams whose memberships cover
    /// that day but not the whole month (`add(_: MonthTotal)` counted the others).
    public mutating func add(dayOfPartialMonth day: DayTotal) {
      guard range.contains(day.date), let slot = byMember[day.memberId] else { return }
      let number = day.date.dayNumber
      let first = day.date.startOfMonth.dayNumber
      let end = day.date.endOfMonth.dayNumber + 1
      Self.forEachPair(of: slot, in: spans) { pair, spans in
        guard !spans.contains(where: { $0.from <= first && $0.until >= end }),
          spans.contains(where: { number >= $0.from && number < $0.until })
        else { return }
        let team = pairTeam[pair]
        LeaderboardBuilder.add(day, to: &sums[team], dailyCap: dailyCap)
        walks[team] += day.walks
        walked[pair] = true
      }
    }

    /// Calls `body` with each (member, team) pair of a member's spans and that pair's spans
    /// (a pair's spans are next to each other).
    private static func forEachPair(
      of slot: (start: Int, count: Int), in spans: [Span], _ body: (Int, ArraySlice<Span>) -> Void
    ) {
      var start = slot.start
      let end = slot.start + slot.count
      while start < end {
        let pair = spans[start].pair
        var next = start + 1
        while next < end && spans[next].pair == pair { next += 1 }
        body(pair, spans[start..<next])
        start = next
      }
    }

    /// The ranked entries.
    public func entries(metric: LeaderboardMetric, averageOver basis: AverageBasis, limit: Int?)
      -> [Leaderboard.Entry]
    {
      var walkers = Array(repeating: 0, count: teams.count)
      for (pair, team) in pairTeam.enumerated() where walked[pair] { walkers[team] += 1 }
      let entries = teams.indices.map { index -> Leaderboard.Entry in
        let total = sums[index].value
        let divisor = basis == .members ? members[index] : walkers[index]
        let value: Double =
          switch metric {
          case .total: total
          case .average: divisor == 0 ? 0 : total / Double(divisor)
          case .walks: Double(walks[index])
          }
        return Leaderboard.Entry(
          name: teams[index].team.name, totalMetres: total, walks: walks[index],
          members: members[index], walkers: walkers[index], value: value)
      }
      return LeaderboardBuilder.ranked(entries, limit: limit)
    }
  }

  /// Whether a member's day counts for these memberships (of that member) over `range`.
  public static func counts(_ day: DayTotal, memberships: [Membership], in range: DateRange)
    -> Bool
  {
    range.contains(day.date)
      && memberships.contains { $0.memberId == day.memberId && $0.covers(day.date) }
  }

  /// Adds what a counted day adds: its walks, or the cap when they exceed it.
  fileprivate static func add(_ day: DayTotal, to sum: inout ExactSum, dailyCap: Double?) {
    if let cap = dailyCap, day.sum.value > cap {
      sum.add(cap)
    } else {
      sum.add(day.sum)
    }
  }

  /// One team's members for a team board.
  public struct TeamContender: Sendable {
    public var team: Team
    public var memberships: [Membership]

    public init(team: Team, memberships: [Membership]) {
      self.team = team
      self.memberships = memberships
    }
  }

  /// Ranks teams by what their members walked in `range` while members.
  public static func teams(
    _ teams: [TeamContender], walks: [Walk], range: DateRange, metric: LeaderboardMetric,
    averageOver basis: AverageBasis = .members, dailyCap: Double? = nil, limit: Int? = nil
  ) -> [Leaderboard.Entry] {
    let byMember = Dictionary(grouping: walks, by: \.memberId)
    let entries = teams.map { contender -> Leaderboard.Entry in
      let inPeriod = contender.memberships.filter { $0.overlaps(range) }
      let memberIds = Set(inPeriod.map(\.memberId))
      var counted: [Walk] = []
      var pieces: [Double] = []
      var walkers = Set<Int64>()
      for memberId in memberIds {
        let mine = (byMember[memberId] ?? []).filter {
          WalkCounting.counts($0, memberships: inPeriod, in: range)
        }
        if !mine.isEmpty { walkers.insert(memberId) }
        counted += mine
        pieces += cappedPieces(mine, dailyCap: dailyCap)
      }
      let total = pieces.exactSum()
      let divisor = basis == .members ? memberIds.count : walkers.count
      let value: Double =
        switch metric {
        case .total: total
        case .average: divisor == 0 ? 0 : total / Double(divisor)
        case .walks: Double(counted.count)
        }
      return Leaderboard.Entry(
        name: contender.team.name, totalMetres: total, walks: counted.count,
        members: memberIds.count, walkers: walkers.count, value: value)
    }
    return ranked(entries, limit: limit)
  }

  /// Ranks teams by everything their members walked while members (all time), from running
  /// totals per membership; the same result as `teams(_:walks:range:...)` over all walks.
  public static func teams(
    _ teams: [TeamContender], totals: [Int64: (sum: ExactSum, walks: Int)],
    metric: LeaderboardMetric, averageOver basis: AverageBasis = .members, limit: Int? = nil
  ) -> [Leaderboard.Entry] {
    let everything = DateRange()
    let entries = teams.map { contender -> Leaderboard.Entry in
      var sum = ExactSum()
      var walks = 0
      var walkers = Set<Int64>()
      let counted = contender.memberships.filter { $0.overlaps(everything) }
      for membership in counted {
        guard let id = membership.id, let total = totals[id] else { continue }
        sum.add(total.sum)
        walks += total.walks
        if total.walks > 0 { walkers.insert(membership.memberId) }
      }
      let members = Set(counted.map(\.memberId)).count
      let total = sum.value
      let divisor = basis == .members ? members : walkers.count
      let value: Double =
        switch metric {
        case .total: total
        case .average: divisor == 0 ? 0 : total / Double(divisor)
        case .walks: Double(walks)
        }
      return Leaderboard.Entry(
        name: contender.team.name, totalMetres: total, walks: walks, members: members,
        walkers: walkers.count, value: value)
    }
    return ranked(entries, limit: limit)
  }

  /// One team's all-time totals as a store keeps them (`StoreSpeedUps.teamTotals`): the
  /// exact sum and count of the walks its memberships count, and how many distinct members
  /// its memberships (those not empty) have and how many of them have a counted walk. The
  /// same numbers `teams(_:totals:…)` adds up from every membership's running total.
  public struct TeamTotals: Sendable, Equatable {
    public var sum: ExactSum
    public var walks: Int
    public var members: Int
    public var walkers: Int

    public init(sum: ExactSum, walks: Int, members: Int, walkers: Int) {
      self.sum = sum
      self.walks = walks
      self.members = members
      self.walkers = walkers
    }

    public static func == (lhs: TeamTotals, rhs: TeamTotals) -> Bool {
      lhs.sum.value == rhs.sum.value && lhs.walks == rhs.walks && lhs.members == rhs.members
        && lhs.walkers == rhs.walkers
    }
  }

  /// Ranks teams by everything their members walked while members (all time), from totals
  /// kept per team; the same result as `teams(_:totals:…)` over the memberships' totals. A
  /// team without totals has walked nothing.
  public static func teams(
    _ teams: [Team], teamTotals: [Int64: TeamTotals], metric: LeaderboardMetric,
    averageOver basis: AverageBasis = .members, limit: Int? = nil
  ) -> [Leaderboard.Entry] {
    let entries = teams.map { team -> Leaderboard.Entry in
      let totals =
        teamTotals[team.id ?? -1] ?? TeamTotals(sum: ExactSum(), walks: 0, members: 0, walkers: 0)
      let total = totals.sum.value
      let divisor = basis == .members ? totals.members : totals.walkers
      let value: Double =
        switch metric {
        case .total: total
        case .average: divisor == 0 ? 0 : total / Double(divisor)
        case .walks: Double(totals.walks)
        }
      return Leaderboard.Entry(
        name: team.name, totalMetres: total, walks: totals.walks, members: totals.members,
        walkers: totals.walkers, value: value)
    }
    return ranked(entries, limit: limit)
  }

  /// Ranks a goal's markers by progress: arrived first by arrival day, then by distance.
  /// `totalMetres` is everything counted (so it equals the sum of the counted walks, even
  /// past the finish); `percent` is the progress, capped at 100.
  public static func race(_ progress: GoalProgress, walksPerMarker: [String: Int])
    -> [Leaderboard.Entry]
  {
    var entries: [Leaderboard.Entry] = []
    for (index, marker) in progress.markers.enumerated() {
      let previous = index > 0 ? progress.markers[index - 1] : nil
      let tied =
        previous.map {
          $0.arrivedOn == marker.arrivedOn && $0.countedMetres == marker.countedMetres
        } ?? false
      entries.append(
        Leaderboard.Entry(
          rank: tied ? entries[index - 1].rank : index + 1, name: marker.name,
          totalMetres: marker.countedMetres, walks: walksPerMarker[marker.name] ?? 0,
          value: marker.doneMetres, arrivedOn: marker.arrivedOn, percent: marker.percent))
    }
    return entries
  }

  /// The sum of `walks`, with at most `dailyCap` metres per day when given.
  static func cappedTotal(_ walks: [Walk], dailyCap: Double?) -> Double {
    cappedPieces(walks, dailyCap: dailyCap).exactSum()
  }

  /// What one member's walks add: their distances, or the cap on a day that exceeds it.
  static func cappedPieces(_ walks: [Walk], dailyCap: Double?) -> [Double] {
    guard let cap = dailyCap else { return walks.map(\.distanceMetres) }
    var pieces: [Double] = []
    for (_, dayWalks) in Dictionary(grouping: walks, by: \.date) {
      let day = dayWalks.map(\.distanceMetres)
      if day.exactSum() > cap { pieces.append(cap) } else { pieces += day }
    }
    return pieces
  }

  static func ranked(_ entries: [Leaderboard.Entry], limit: Int?) -> [Leaderboard.Entry] {
    Ranking.limit(Ranking.rank(entries, value: \.value, name: \.name), to: limit).map {
      var entry = $0.item
      entry.rank = $0.rank
      return entry
    }
  }
}
