/// The narrow storage interface the Kit's rules run on.
///
/// Everything a command changes happens inside one `write` call, which is one transaction: when
/// the body throws, nothing it did is kept. Ranking, progress and every other rule stay in pure
/// Kit code on top of these primitives, so a second engine only has to store and fetch.
public protocol MileQuestStore: AnyObject, Sendable {
  /// Runs `body` in a read transaction (a consistent snapshot).
  func read<T>(_ body: (any StoreReading) throws -> T) throws -> T
  /// Runs `body` in one write transaction and records it as an undoable change.
  ///
  /// - Parameter change: a short description of the change, shown by `undo`.
  func write<T>(change: String, _ body: (any StoreWriting) throws -> T) throws -> T
  /// Like `read`, but rows that cannot be read (changed outside milequest) are left out of
  /// every answer and described in `skipped` instead of failing the read (`export all`).
  func readSalvaging<T>(_ skipped: SkippedRows, _ body: (any StoreReading) throws -> T) throws -> T
  /// Reverts the most recent recorded change; returns its description, or nil when there is none.
  func undoLastChange() throws -> String?
  /// Releases the database; the store cannot be used afterwards.
  func close() throws
}

/// Which walks to fetch.
public struct WalkFilter: Sendable, Equatable {
  /// Only walks of these members; nil for everyone.
  public var memberIds: [Int64]?
  /// Only walks dated inside this range.
  public var range: DateRange
  /// Also fetch soft-deleted walks.
  public var includeDeleted: Bool
  /// Order by date and id descending instead of ascending (for cursors).
  public var newestFirst: Bool

  public init(
    memberIds: [Int64]? = nil, range: DateRange = DateRange(from: nil, to: nil),
    includeDeleted: Bool = false, newestFirst: Bool = false
  ) {
    self.memberIds = memberIds
    self.range = range
    self.includeDeleted = includeDeleted
    self.newestFirst = newestFirst
  }
}

/// Read access inside a transaction. Name look-ups are case-insensitive.
public protocol StoreReading {
  func member(handle: String) throws -> Member?
  func member(id: Int64) throws -> Member?
  /// All members, archived ones included, ordered by handle.
  func allMembers() throws -> [Member]
  func team(name: String) throws -> Team?
  func team(id: Int64) throws -> Team?
  /// All teams ordered by name.
  func allTeams() throws -> [Team]
  /// Every membership (past and present) of one team, oldest first.
  func memberships(teamId: Int64) throws -> [Membership]
  /// Every membership of every team, by id.
  func allMemberships() throws -> [Membership]
  /// Every membership (past and present) of one member, oldest first.
  func memberships(memberId: Int64) throws -> [Membership]
  func route(name: String) throws -> Route?
  func route(id: Int64) throws -> Route?
  /// All routes with their points, ordered by name.
  func allRoutes() throws -> [Route]
  func goal(name: String) throws -> Goal?
  func goal(id: Int64) throws -> Goal?
  /// All goals ordered by start date, then name.
  func allGoals() throws -> [Goal]
  /// The goals any of these teams pursue, ordered by start date, then name.
  func goals(teamIds: [Int64]) throws -> [Goal]
  func walk(id: Int64) throws -> Walk?
  /// The walk imported from `source` with this external id, deleted or not.
  func walk(source: WalkSource, externalId: String) throws -> Walk?
  /// Walks matching `filter`, ordered by date then id (descending with `newestFirst`).
  func walks(_ filter: WalkFilter) throws -> [Walk]
  /// Calls `body` with each walk matching `filter`, ordered by date then id (descending with
  /// `newestFirst`), one at a time (exports and lists of millions of walks).
  func forEachWalk(_ filter: WalkFilter, _ body: (Walk) throws -> Void) throws
  /// Every membership's running total of counted walks (exact sum, count), by membership id.
  func membershipTotals() throws -> [Int64: (sum: ExactSum, walks: Int)]
  /// Calls `body` with the amount of each walk matching `filter` that is not deleted, in no
  /// particular order: the cheap input for totals.
  func forEachWalkAmount(_ filter: WalkFilter, _ body: (WalkAmount) throws -> Void) throws
  /// A route's milestones as saved by `saveMilestones`, or nil when none were saved.
  func savedMilestones(routeId: Int64) throws -> [Milestone]?
  /// The running totals (exact sums of counted walks) of these memberships, by membership id
  /// (one without a total is missing), or nil when the store keeps none.
  func membershipTotals(ids: [Int64]) throws -> [Int64: ExactSum]?
  /// Whether any of these members has a walk, not deleted, dated outside `range`.
  func hasWalks(memberIds: [Int64], outside range: DateRange) throws -> Bool
  /// A closed goal's final results (see `FinalResults`), or nil while it is open.
  func finalResults(goalId: Int64) throws -> FinalResults?
  /// The goals whose results are final, by id, with the day each closed.
  func closedGoals() throws -> [Int64: LocalDate]
  /// The active goals, with no final results yet, whose end date and grace period are over
  /// on `today`: the ones to close before the next change.
  func goalsToClose(today: LocalDate) throws -> [Goal]
}

extension StoreReading {
  public func forEachWalkAmount(_ filter: WalkFilter, _ body: (WalkAmount) throws -> Void)
    throws
  {
    var live = filter
    live.includeDeleted = false
    try forEachWalk(live) { try body(WalkAmount($0)) }
  }

  public func savedMilestones(routeId: Int64) throws -> [Milestone]? { nil }

  public func membershipTotals(ids: [Int64]) throws -> [Int64: ExactSum]? { nil }

  public func hasWalks(memberIds: [Int64], outside range: DateRange) throws -> Bool { true }

  public func goalsToClose(today: LocalDate) throws -> [Goal] {
    let final = try closedGoals()
    return try allGoals().filter {
      $0.state == .active && $0.hasEnded(on: today) && final[$0.id ?? -1] == nil
    }
  }
}

/// Write access inside a transaction.
public protocol StoreWriting: StoreReading {
  func insert(_ member: Member) throws -> Member
  func update(_ member: Member) throws
  func insert(_ team: Team) throws -> Team
  func update(_ team: Team) throws
  func insert(_ membership: Membership) throws -> Membership
  func update(_ membership: Membership) throws
  func insert(_ route: Route) throws -> Route
  func insert(_ goal: Goal) throws -> Goal
  func update(_ goal: Goal) throws
  func insert(_ walk: Walk) throws -> Walk
  /// Inserts `walk` unless one with the same source and external id exists; nil then.
  func insertIfAbsent(_ walk: Walk) throws -> Walk?
  /// Calls `produce` with a function that inserts one walk, skipping walks whose source and
  /// external id already exist (in the database or earlier in the stream) and telling which;
  /// returns how many were added. Streaming, so a million-row import holds one row at a time.
  func insertWalks(
    _ produce: (_ insert: (Walk) throws -> BulkInsertOutcome) throws -> Void
  ) throws -> Int
  func update(_ walk: Walk) throws
  /// Keeps a route's milestones (with their distances along it), so that code needing only
  /// them does not load and measure every point of the route again.
  func saveMilestones(_ milestones: [Milestone], routeId: Int64) throws
  /// Keeps a closed goal's final results (replacing any it had).
  func saveFinalResults(_ results: FinalResults, goalId: Int64) throws
  /// Forgets a goal's final results (the goal is open again).
  func dropFinalResults(goalId: Int64) throws
}

extension StoreWriting {
  public func saveMilestones(_ milestones: [Milestone], routeId: Int64) throws {}
}

/// What one insert of a bulk insert (`StoreWriting.insertWalks`) did.
public enum BulkInsertOutcome: Sendable, Equatable {
  /// The walk was added.
  case added
  /// A walk with the same source and external id was there before this bulk insert.
  case existed
  /// A walk with the same source and external id was added earlier in this bulk insert.
  case addedEarlier
}

/// The stored rows a salvaging read left out, each as "walk 12 has a bad date …".
public final class SkippedRows: @unchecked Sendable {
  public private(set) var rows: [String] = []

  public init() {}

  func append(_ row: String) { rows.append(row) }

  /// Runs `decode`; when a stored value does not fit, notes the row and returns nil.
  func salvage<T>(_ decode: () throws -> T) throws -> T? {
    do {
      return try decode()
    } catch MileQuestError.badData(let message) where message.hasSuffix(StoredRow.hint) {
      var text = message
      text.removeLast(StoredRow.hint.count)
      if text.hasPrefix("stored ") { text.removeFirst("stored ".count) }
      append(text)
      return nil
    }
  }
}
