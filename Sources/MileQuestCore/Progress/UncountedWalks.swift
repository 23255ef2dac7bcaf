/// Which walks count for nothing, and why: the rule behind the warnings of `log` and the
/// imports (a pure function of a walk's date, its member's memberships and their teams' goals).
///
/// A walk **counts for no team** when no membership of its member covers its date: then none
/// of the teams' boards or goals sees it. A walk that counts for a team still counts on that
/// team's boards, so it only **counts for no goal** when the member's teams (those whose
/// membership covers the date or is current) have open goals and none of them counts it,
/// because of a goal's window, a membership or the walk's activity (a goal counts only some
/// activities, `ActivityCounting`). Both are reported with every reason found,
/// each with the command that fixes it when one exists.
public enum UncountedWalks {
  /// How much a walk misses.
  public enum Scope: String, Sendable, Hashable {
    /// No membership covers the walk's date: it counts nowhere.
    case noTeam = "no team"
    /// It counts for a team's boards but for none of those teams' open goals.
    case noGoal = "no goal"
  }

  /// One reason why a walk is not counted.
  public enum Reason: Sendable, Hashable {
    /// The member has never been in a team.
    case inNoTeam
    /// The walk is dated before the member joined the team on `joined`. `movable`: that
    /// membership is the current one, so `team add --since` can move its join date.
    case beforeJoin(teamId: Int64, joined: LocalDate, movable: Bool)
    /// The walk is dated on or after the member left the team on `left`. `movable`: that was
    /// the member's last membership of the team, so `team remove --on` can move the leave
    /// date.
    case afterLeave(teamId: Int64, left: LocalDate, movable: Bool)
    /// The walk is dated before the goal's first day.
    case beforeStart(goalId: Int64, start: LocalDate)
    /// The walk is dated after the goal's last day.
    case afterEnd(goalId: Int64, end: LocalDate)
    /// The goal does not count the walk's activity.
    case activityNotCounted(goalId: Int64, activity: Activity)
  }

  /// What is known about one walk that misses: its scope and every reason.
  public struct Finding: Sendable, Equatable {
    public var scope: Scope
    public var reasons: [Reason]
  }

  /// Whether a goal is open for the warnings on `today`: not cancelled and its end date and
  /// grace period not yet over. A goal that is over counts nothing new, which is no news.
  public static func isOpen(_ goal: Goal, on today: LocalDate) -> Bool {
    goal.state == .active && !goal.hasEnded(on: today)
  }

  /// Why a walk dated `date` of `activity` counts for nothing, or nil when it counts for
  /// something.
  ///
  /// - Parameters:
  ///   - memberships: every membership of the walk's member (any team).
  ///   - goals: the goals of the member's teams (any state; only open ones matter).
  ///   - today: the day the walk is recorded, which decides current memberships and open goals.
  ///   - teamsExist: whether there is any team at all. A member in no team while there is none
  ///     misses nothing (their walks count for their own stats and the member boards, all
  ///     there is), so that is no finding; once a challenge is set up, it is one.
  public static func finding(
    date: LocalDate, activity: Activity = .walk, memberships: [Membership], goals: [Goal],
    today: LocalDate, teamsExist: Bool = true
  ) -> Finding? {
    if memberships.isEmpty {
      return teamsExist ? Finding(scope: .noTeam, reasons: [.inNoTeam]) : nil
    }
    let byTeam = Dictionary(grouping: memberships, by: \.teamId)
    let covering = Set(memberships.filter { $0.covers(date) }.map(\.teamId))
    let open = goals.filter { isOpen($0, on: today) }
    if covering.isEmpty {
      // Every team of the member, in the order first joined; then the windows of the open
      // goals of those teams that would not count the walk either.
      var reasons = teamOrder(memberships).compactMap {
        membershipReason(date, byTeam[$0] ?? [], today: today)
      }
      let teamIds = Set(byTeam.keys)
      for goal in open where goal.teamIds.contains(where: teamIds.contains) {
        if let reason = windowReason(date, goal) { reasons.append(reason) }
      }
      return Finding(scope: .noTeam, reasons: reasons)
    }
    // The member's teams now or on the walk's day; their open goals.
    let current = Set(
      memberships.filter { $0.covers(date) || $0.isCurrent(on: today) }.map(\.teamId))
    let relevant = open.filter { $0.teamIds.contains(where: current.contains) }
    if relevant.isEmpty { return nil }
    if relevant.contains(where: {
      $0.window.contains(date) && $0.teamIds.contains(where: covering.contains)
        && $0.activities.counts(activity)
    }) {
      return nil
    }
    var reasons: [Reason] = []
    for goal in relevant {
      if !goal.teamIds.contains(where: covering.contains) {
        for teamId in goal.teamIds where current.contains(teamId) {
          if let reason = membershipReason(date, byTeam[teamId] ?? [], today: today),
            !reasons.contains(reason)
          {
            reasons.append(reason)
          }
        }
      }
      if let reason = windowReason(date, goal), !reasons.contains(reason) {
        reasons.append(reason)
      }
      if !goal.activities.counts(activity) {
        reasons.append(.activityNotCounted(goalId: goal.id ?? -1, activity: activity))
      }
    }
    return Finding(scope: .noGoal, reasons: reasons)
  }

  /// Team ids in the order the member first joined them.
  private static func teamOrder(_ memberships: [Membership]) -> [Int64] {
    var seen = Set<Int64>()
    return memberships.sorted { ($0.joined, $0.id ?? 0) < ($1.joined, $1.id ?? 0) }
      .map(\.teamId).filter { seen.insert($0).inserted }
  }

  /// Why the member's periods in one team (`periods`) do not cover `date`; nil when one does.
  static func membershipReason(_ date: LocalDate, _ periods: [Membership], today: LocalDate)
    -> Reason?
  {
    if periods.isEmpty || periods.contains(where: { $0.covers(date) }) { return nil }
    let sorted = periods.sorted { $0.joined < $1.joined }
    let next = sorted.first { $0.joined > date }
    let previous = sorted.last { $0.joined <= date }
    // Before a membership that is still current: its join date can be moved back. Else the
    // walk is after a leave date (moved forward only for the last membership).
    if let next, next.isCurrent(on: today) || previous == nil {
      return .beforeJoin(
        teamId: next.teamId, joined: next.joined, movable: next.isCurrent(on: today))
    }
    guard let previous, let left = previous.left else { return nil }
    return .afterLeave(teamId: previous.teamId, left: left, movable: next == nil)
  }

  private static func windowReason(_ date: LocalDate, _ goal: Goal) -> Reason? {
    if date < goal.start { return .beforeStart(goalId: goal.id ?? -1, start: goal.start) }
    if let end = goal.end, date > end { return .afterEnd(goalId: goal.id ?? -1, end: end) }
    return nil
  }

  /// `finding` for many walks of one member: a walk that counts for a goal (or for a team,
  /// when the member's teams have no open goal) is told in a few comparisons, with no
  /// allocation, so an import of a million rows pays next to nothing.
  public struct Checker: Sendable {
    let memberships: [Membership]
    let goals: [Goal]
    let openGoals: [Goal]
    let today: LocalDate
    let teamsExist: Bool

    /// - Parameters:
    ///   - memberships: every membership of the member.
    ///   - goals: the goals of the member's teams (others are ignored).
    ///   - teamsExist: whether there is any team (see `finding`).
    public init(
      memberships: [Membership], goals: [Goal], today: LocalDate, teamsExist: Bool = true
    ) {
      self.teamsExist = teamsExist
      let teamIds = Set(memberships.map(\.teamId))
      self.memberships = memberships
      self.goals = goals.filter { $0.teamIds.contains(where: teamIds.contains) }
      self.openGoals = self.goals.filter { UncountedWalks.isOpen($0, on: today) }
      self.today = today
    }

    public func finding(date: LocalDate, activity: Activity = .walk) -> Finding? {
      if memberships.contains(where: { $0.covers(date) }) {
        if openGoals.isEmpty { return nil }
        for goal in openGoals where goal.window.contains(date) && goal.activities.counts(activity) {
          for membership in memberships
          where membership.covers(date) && goal.teamIds.contains(membership.teamId) {
            return nil
          }
        }
      }
      return UncountedWalks.finding(
        date: date, activity: activity, memberships: memberships, goals: goals, today: today,
        teamsExist: teamsExist)
    }

    /// Days around `date`, up to `today`, on which every walk (activity `walk`) counts, so
    /// that `finding` is nil for each: the stretch of a membership covering `date`, cut to
    /// the window of an open goal of its team that counts walks when the member's teams
    /// have open goals. Nil when a walk on `date` does not count that way. An import keeps
    /// only this per member (`UncountedWalkCollector`), a few bytes instead of a checker.
    public func countedDays(around date: LocalDate) -> ClosedRange<LocalDate>? {
      guard date <= today else { return nil }
      for membership in memberships where membership.covers(date) {
        var through = today
        if let left = membership.left { through = min(through, left.adding(days: -1)) }
        if openGoals.isEmpty { return membership.joined...through }
        for goal in openGoals
        where goal.window.contains(date) && goal.activities.counts(.walk)
          && goal.teamIds.contains(membership.teamId)
        {
          if let end = goal.end { through = min(through, end) }
          return max(membership.joined, goal.start)...through
        }
      }
      return nil
    }
  }

  // MARK: Summaries

  /// The walks of one member that miss for one reason: how many and their first and last
  /// dates (the fix of a reason depends on the earliest or the latest).
  public struct Group: Sendable, Equatable {
    public var memberId: Int64
    public var scope: Scope
    public var reason: Reason
    public var count: Int
    public var first: LocalDate
    public var last: LocalDate
  }

  /// Walks that miss, grouped by member, scope and reason in the order first seen: an import
  /// of a million rows reports a few lines. At most `maxGroups` groups are kept (an import
  /// of walks that miss for every one of 100,000 members must not hold 100,000 groups):
  /// later walks of a kept group still count in it; a walk of a group that would be new
  /// once the limit is reached is only counted in `droppedWalks`.
  public struct Summary: Sendable, Equatable {
    public private(set) var groups: [Group] = []
    private var index: [GroupKey: Int] = [:]
    /// The most groups kept.
    public let maxGroups: Int
    /// Walks of groups not kept (reasons beyond `maxGroups`).
    public private(set) var droppedWalks = 0

    private struct GroupKey: Hashable {
      var memberId: Int64
      var scope: Scope
      var reason: Reason
    }

    public init(maxGroups: Int = .max) {
      self.maxGroups = max(1, maxGroups)
    }

    public var isEmpty: Bool { groups.isEmpty }

    /// Adds one walk's finding.
    public mutating func add(memberId: Int64, date: LocalDate, _ finding: Finding) {
      var dropped = false
      for reason in finding.reasons {
        let key = GroupKey(memberId: memberId, scope: finding.scope, reason: reason)
        if let at = index[key] {
          groups[at].count += 1
          groups[at].first = min(groups[at].first, date)
          groups[at].last = max(groups[at].last, date)
        } else if groups.count >= maxGroups {
          dropped = true
        } else {
          index[key] = groups.count
          groups.append(
            Group(
              memberId: memberId, scope: finding.scope, reason: reason, count: 1, first: date,
              last: date))
        }
      }
      if dropped { droppedWalks += 1 }
    }

    public static func == (a: Summary, b: Summary) -> Bool {
      a.groups == b.groups && a.droppedWalks == b.droppedWalks
    }
  }

  /// Names for the messages.
  public struct Names: Sendable {
    public var members: [Int64: String]
    public var teams: [Int64: String]
    public var goals: [Int64: String]
    /// What each goal counts (for the hint of `activityNotCounted`).
    public var goalActivities: [Int64: ActivityCounting]

    public init(
      members: [Int64: String] = [:], teams: [Int64: String] = [:], goals: [Int64: String] = [:],
      goalActivities: [Int64: ActivityCounting] = [:]
    ) {
      self.members = members
      self.teams = teams
      self.goals = goals
      self.goalActivities = goalActivities
    }
  }

  /// How many groups `messages` shows by default.
  public static let messageLimit = 20

  /// One line per group, at most `limit` (then a line saying how many more):
  /// `ben's walk of 2026-12-01 counts for no team: ben joined Fast Feet on 2026-12-06; to
  /// count earlier walks: milequest team add "Fast Feet" ben --since 2026-12-01`.
  public static func messages(
    _ summary: Summary, names: Names, limit: Int = messageLimit
  ) -> [String] {
    var lines = summary.groups.prefix(limit).map { message($0, names: names) }
    if summary.droppedWalks > 0 {
      // Groups were dropped: how many distinct reasons there are is not known, only more.
      lines.append(
        "… and more than \(summary.groups.count - min(limit, summary.groups.count)) more "
          + "reasons like these")
    } else if summary.groups.count > limit {
      lines.append("… and \(summary.groups.count - limit) more reasons like these")
    }
    return lines
  }

  /// The line of one group.
  public static func message(_ group: Group, names: Names) -> String {
    let handle = names.members[group.memberId] ?? "?"
    let walks =
      group.count == 1
      ? "\(handle)'s walk of \(group.first)"
      : "\(group.count) walks of \(handle) (\(group.first) to \(group.last))"
    let verb = group.count == 1 ? "counts" : "count"
    let head = "\(walks) \(verb) for \(group.scope.rawValue): "
    // A goal's window is a second obstacle when no team counts the walk at all.
    let goalHead =
      group.scope == .noTeam ? "\(walks) \(verb) for no team, nor for its goal: " : head
    let member = ShellQuote.word(handle)
    func team(_ id: Int64) -> String { names.teams[id] ?? "?" }
    func goal(_ id: Int64) -> String { names.goals[id] ?? "?" }
    switch group.reason {
    case .inNoTeam:
      return head + "\(handle) is in no team; to count walks, a captain adds them: "
        + "milequest team add TEAM \(member) --since \(group.first)"
    case .beforeJoin(let id, let joined, let movable):
      var text = head + "\(handle) joined \(team(id)) on \(joined)"
      if movable {
        text +=
          "; to count earlier walks: milequest team add \(ShellQuote.word(team(id))) "
          + "\(member) --since \(group.first)"
      }
      return text
    case .afterLeave(let id, let left, let movable):
      var text = head + "\(handle) left \(team(id)) on \(left)"
      if movable {
        text +=
          "; to count later walks: milequest team remove \(ShellQuote.word(team(id))) "
          + "\(member) --on \(group.last.adding(days: 1))"
      }
      return text
    case .beforeStart(let id, let start):
      return goalHead + "goal \(goal(id)) starts on \(start); to count earlier walks: "
        + "milequest goal edit \(ShellQuote.word(goal(id))) --start \(group.first)"
    case .afterEnd(let id, let end):
      return goalHead + "goal \(goal(id)) ended on \(end); to count later walks: "
        + "milequest goal edit \(ShellQuote.word(goal(id))) --end \(group.last)"
    case .activityNotCounted(let id, let activity):
      let counting = names.goalActivities[id] ?? .standard
      var full = counting.fullList
      full.append(activity)
      return head + "goal \(goal(id)) does not count \(activity.rawValue) (it counts "
        + "\(counting.summary)); to count it: milequest goal edit \(ShellQuote.word(goal(id))) "
        + "--activities \(full.sorted().map(\.rawValue).joined(separator: ","))"
    }
  }
}

/// Quoting for the commands printed in hints, so that they can be pasted into a POSIX shell.
public enum ShellQuote {
  /// `text` as one shell word: bare when it is only safe characters, else in double quotes
  /// (as people write them) when nothing in it is special there, else in single quotes.
  public static func word(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:@+,=%")
    if !text.isEmpty && text.allSatisfy({ safe.contains($0) }) { return text }
    if !text.contains(where: { "$`\\\"!".contains($0) }) { return "\"\(text)\"" }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
