import MileQuestCore

/// The narrow storage interface the Kit's rules run on, and the contract every back end keeps.
///
/// Ranking, progress, permissions and every other rule stay in pure Kit code on top of these
/// primitives, so a back end only stores and fetches — but it must keep the promises below,
/// which the rules rely on. `StoreContractTests` holds every back end to them (one suite over
/// `any MileQuestStore`, run against each factory in its list).
///
/// ## Transactions and isolation
/// - Everything a command changes happens inside `write` calls; each is one transaction: when
///   the body throws, nothing it did is kept (every row, every running total, the undo log).
/// - **Write transactions are serialised.** The body of a `write` (and `undoLastChange`) sees
///   the latest committed state and runs as though no other write ran at the same time, in
///   this process or any other: a write that reads, decides, then changes cannot be overtaken
///   between its read and its change. SQLite takes the database's write lock up front
///   (`BEGIN IMMEDIATE`); a server back end must give the same guarantee (e.g. SERIALIZABLE,
///   or a lock taken first) and, when it retries a transaction after a serialisation failure,
///   runs the whole body again — so a body has no effect outside the store, and a retried
///   serialisation failure is never shown as an error. A writer that cannot get its turn
///   within the busy timeout throws `.databaseBusy` (75).
/// - The rules that rely on this, all checked inside one `write`: "team full" (count the
///   current members, then insert: two captains adding the last seat at once — exactly one
///   succeeds), "last captain" (a team keeps a captain: count the other captains, then
///   remove or demote), unique names (look up, then insert; the back end also refuses, with
///   a `MileQuestError`, a handle already there or a team, route or goal name whose
///   `NameText.key` is), `import` skipping walks already imported (same source and external
///   id), goal closing (`goalsToClose` then `saveFinalResults`: one closer per goal), and
///   `undo` (the newest change is the one reverted, never a change committed meanwhile).
/// - `read` sees one consistent committed snapshot (and, while changes are held, this
///   store's own held changes): a board or an export never mixes two states.
/// - Calls do not nest: a body never calls `read`, `write` or `undoLastChange` of a store.
///
/// ## Held changes and dry runs
/// After `holdChanges()`, every `write` and `undoLastChange` joins one transaction, begun by
/// the first of them, that stays open (holding the write lock) until `commitHeldChanges()` or
/// `discardHeldChanges()`; a `write` that throws meanwhile undoes only its own part (a
/// savepoint). The CLI holds every command's changes and commits only after its output is
/// written (a full disk leaves the database unchanged, so a retried command does not do its
/// work twice); `--dry-run` discards them, leaving the database as it was. `hasHeldChanges`
/// tells whether a write happened since `holdChanges()`. `close()` discards held changes.
///
/// ## Undo
/// Each `write` that changed at least one row is recorded as one change, with its `change`
/// description; a `write` that changed nothing is not recorded. `undoLastChange()` reverts the
/// newest recorded change completely (every row it inserted, updated or deleted, and the
/// running totals with them), forgets it (undo is not itself undoable), and returns its
/// description; nil when there is none. At least the 50 newest changes can be undone. Changes
/// made by other programs are not recorded. A back end with logins reverts the login's own
/// newest change only, never another member's.
///
/// ## Identity
/// A store without logins (SQLite: one file, one machine) lets a command act as any member:
/// `actingHandle(asked:)` returns the handle asked for. A back end with logins (PostgreSQL)
/// links each database login to a member: the acting member is the login's; naming another
/// is refused (77) unless the login is an organiser's; and the server itself refuses a
/// member's change to rows that are not theirs, whichever client sends it (see
/// docs/postgresql.md). `createLogin(handle:)` makes a member's login there.
///
/// ## Ids
/// `insert` returns the row with its id set. Ids are assigned by the store, per kind of row:
/// the first row of a new database is 1 and each insert gets one more than the largest id of
/// that kind present — so a rolled-back or undone insert leaves no gap, and the same commands
/// give the same ids on every back end (the end-to-end scenarios compare JSON that shows
/// them). An id never names two rows at once.
///
/// ## Running totals
/// `membershipTotals()` gives, for every membership, the exact sum (`ExactSum`, so equal to
/// the last bit whichever order walks arrived in) and the count of the walks it counts: the
/// member's walks that are not deleted and dated in `[joined, left)`, whatever their activity
/// (the boards count every activity; a goal that counts only some reads its walks, or uses
/// the totals only when its members have no walk of another activity). They are exact after
/// every write, bulk insert, membership change and undo, and equal what summing `walks(_:)`
/// gives (the contract tests compare them). A store may also keep totals per team
/// (`teamTotals()`, a speed-up: PostgreSQL does), which must then equal the sums of its
/// memberships' totals after every commit.
///
/// ## Day and month totals
/// `forEachDayTotal` gives each member's exact sum and count of the walks of each day that
/// are not deleted; `forEachMonthTotal`, where a store keeps them (SQLite's `walkMonth`),
/// the same per calendar month, equal to the sum of that month's days. Both count every
/// activity and ignore memberships (a board applies them), and both are exact after every
/// write, bulk insert, undo and import; `check` reports rows that differ from the walks.
///
/// ## Check
/// `check(today:)` reports the schema version, rows per table and every problem found, with
/// nothing changed: the storage's own integrity (SQLite: `integrity_check`, foreign keys),
/// a schema newer than this milequest (refused, `.configuration`), running, day and month
/// totals that differ from the walks, saved milestones that no longer match their route's points, and every row
/// read as the commands read it and held to the rules of its entrance (a bad date, a walk
/// longer than 1000 mi, a team with more members than its limit, no captain…). A sound
/// database reports no problems.
///
/// ## Speed-ups
/// `StoreSpeedUps` (inherited by `StoreReading`) holds the answers that only save time; each
/// has a default that is correct for any back end, so a back end overrides only those it can
/// answer faster. Overridden answers must agree with the defaults (the contract tests check).
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
  /// From now on, writes join one transaction until `commitHeldChanges` or
  /// `discardHeldChanges` (see "Held changes and dry runs").
  func holdChanges()
  /// Whether a write happened since `holdChanges` (an open held transaction).
  var hasHeldChanges: Bool { get }
  /// Commits the held changes (nothing when no write happened) and stops holding.
  func commitHeldChanges() throws
  /// Rolls the held changes back (a dry run, or a command that failed) and stops holding.
  func discardHeldChanges() throws
  /// The integrity check of `milequest check` (see "Check"); `today` decides which walks are
  /// in the future and who is in a team now.
  func check(today: LocalDate) throws -> StoreCheckReport
  /// `check(today:)`, telling `listener` how far it is (a progress line). Default: the check
  /// without a line.
  func check(today: LocalDate, listener: (any WorkListener)?) throws -> StoreCheckReport
  /// The member a command acts as, given the one asked for (`nil`: none named). A store
  /// without logins (SQLite) takes the asked one as it is; a server with logins
  /// (PostgreSQL) answers with the login's member and refuses (77) another one unless the
  /// login is an organiser's (see "Identity").
  func actingHandle(asked: String?) throws -> String?
  /// Creates the database login of the member `handle` (a server's role). A store without
  /// logins refuses it (64).
  func createLogin(handle: String) throws
  /// Releases the database (held changes not committed by then are discarded); the store
  /// cannot be used afterwards.
  func close() throws
  /// Makes a store that served one command ready for the next command of the same process
  /// (the shell keeps a server's connection from one command to the next). Throws when it
  /// cannot serve another (its connection is gone): the caller then closes it and opens a
  /// new one. Default: nothing to do.
  func prepareForNextCommand() throws
}

/// What `check` found.
public struct StoreCheckReport: Sendable, Equatable {
  /// The newest migration applied.
  public var schemaVersion: String
  /// Integrity and foreign-key problems; empty when the database is sound.
  public var problems: [String]
  /// Rows per table.
  public var counts: [(table: String, rows: Int)]

  public init(schemaVersion: String, problems: [String], counts: [(table: String, rows: Int)]) {
    self.schemaVersion = schemaVersion
    self.problems = problems
    self.counts = counts
  }

  public static func == (lhs: StoreCheckReport, rhs: StoreCheckReport) -> Bool {
    lhs.schemaVersion == rhs.schemaVersion && lhs.problems == rhs.problems
      && lhs.counts.map(\.rows) == rhs.counts.map(\.rows)
  }
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

/// Read access inside a transaction. Name look-ups are case-insensitive (`NameText.key`).
/// Orders are part of the contract, so every back end prints the same lists: handles sort by
/// their UTF-8 bytes, names by `NameText.key` bytes, ties by id.
public protocol StoreReading: StoreSpeedUps {
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
  /// Every membership's running total of counted walks (exact sum, count), by membership id
  /// (see "Running totals" in `MileQuestStore`).
  func membershipTotals() throws -> [Int64: (sum: ExactSum, walks: Int)]
  /// A closed goal's final results (see `FinalResults`), or nil while it is open.
  func finalResults(goalId: Int64) throws -> FinalResults?
  /// The goals whose results are final, by id, with the day each closed.
  func closedGoals() throws -> [Int64: LocalDate]
}

/// Answers that only save time (see "Speed-ups" in `MileQuestStore`). `StoreReading` inherits
/// them with correct defaults; a back end overrides those it can answer faster, and its
/// answers must agree with the defaults (`StoreContractTests`). A "don't know" answer (nil,
/// `true` for `hasWalks`) is always allowed: the caller then computes the answer itself.
public protocol StoreSpeedUps {
  /// The teams with these ids, each with every membership of it (oldest first, as
  /// `memberships(teamId:)`), by id; a team that does not exist is left out. What
  /// `team(id:)` and `memberships(teamId:)` answer for each id, asked at once (`goal list`:
  /// a thousand teams). Default: those two for each id.
  func teamsWithMemberships(ids: [Int64]) throws -> [Int64: (
    team: Team, memberships: [Membership]
  )]
  /// Calls `body` with the amount of each walk matching `filter` that is not deleted, in no
  /// particular order: the cheap input for totals. Default: `forEachWalk`.
  func forEachWalkAmount(_ filter: WalkFilter, _ body: (WalkAmount) throws -> Void) throws
  /// A route's milestones as saved by `saveMilestones`, or nil when none were saved (or the
  /// store keeps none: the default).
  func savedMilestones(routeId: Int64) throws -> [Milestone]?
  /// The running totals (exact sums of counted walks) of these memberships, by membership id
  /// (one without a total is missing), or nil when the store keeps none (the default).
  func membershipTotals(ids: [Int64]) throws -> [Int64: ExactSum]?
  /// Every team's all-time totals, by team id (a team with none has walked nothing), kept
  /// per team so the all-teams all-time board reads one row per team; nil when the store
  /// keeps none (the default: the board adds up `membershipTotals()` itself). Must equal
  /// what `membershipTotals()` and `allMemberships()` give (`LeaderboardBuilder.TeamTotals`).
  func teamTotals() throws -> [Int64: LeaderboardBuilder.TeamTotals]?
  /// Calls `body` with each member's total of each day in `range` on which they have walks
  /// that are not deleted (only these members' when `memberIds` is given), in no particular
  /// order: the input for boards over a period. A store keeping per-member per-day totals
  /// (SQLite's `walkDay`) reads them; the default adds up `forEachWalkAmount`.
  func forEachDayTotal(
    memberIds: [Int64]?, range: DateRange, _ body: (DayTotal) throws -> Void) throws
  /// Calls `body` with each member's total of each calendar month in `months` (a range of
  /// months' first days; open ends stay open) in which they have walks that are not deleted,
  /// in no particular order, and returns true; or returns false without calling `body` when
  /// the store keeps no month totals (the default): the caller then reads the days with
  /// `forEachDayTotal`. A month's total must equal the sum of its `forEachDayTotal` days.
  /// SQLite reads `walkMonth`.
  func forEachMonthTotal(months: DateRange, _ body: (MonthTotal) throws -> Void) throws -> Bool
  /// What each goal marker counts per day, in date order, one array per marker: for each
  /// day, the exact sum of the walks (not deleted, every activity in full) dated in one of
  /// its `spans` (at most one span of a member holds a day: `WalkCounting.spans`), each
  /// member's day counting at most its `dailyCap` when given; a day without such walks is
  /// left out. Equal, to the last bit, to
  /// `WalkCounting.dailySums` over these members' `forEachDayTotal` days. Nil (the default)
  /// when the store does not add them up itself, or meets a stored value not of milequest's
  /// form: the caller then adds up the day totals, which names the value. SQLite reads the
  /// walks' covering index into one flat buffer of day sums (`DaySums`) per marker, in one
  /// statement for all of them.
  func daySums(ofMarkers markers: [MarkerSpans]) throws -> [[(
    date: LocalDate, sum: ExactSum
  )]]?
  /// Whether any of these members has a walk, not deleted, dated outside `range`; `true`
  /// (the default) when not known.
  func hasWalks(memberIds: [Int64], outside range: DateRange) throws -> Bool
  /// Whether any of these members has a walk, not deleted, of one of `activities`; `true`
  /// (the default) when not known. Asked only of activities other than `walk` (a goal's
  /// `ActivityCounting.notCountedInFull` without it), which few walks have, so a back end
  /// can answer from an index of the walks that are not `walk`.
  func hasWalks(memberIds: [Int64], ofAny activities: Set<Activity>) throws -> Bool
  /// For each of these members with walks (not deleted) of activities other than `walk`,
  /// those activities (a member with none is left out): `hasWalks(memberIds:ofAny:)` for
  /// many groups of members at once (`goal list` asks it for a thousand goals). Nil (the
  /// default) when not known: the caller then asks `hasWalks` per group. SQLite reads the
  /// partial index of the walks that are not `walk`.
  func otherActivities(memberIds: [Int64]) throws -> [Int64: Set<Activity>]?
  /// The active goals, with no final results yet, whose end date and grace period are over
  /// on `today`: the ones to close before the next change. Default: from `allGoals` and
  /// `closedGoals`.
  func goalsToClose(today: LocalDate) throws -> [Goal]
  /// How many walks match `filter` (a progress line's total), or nil when not known (the
  /// default: counting would cost a pass over the walks).
  func walkCount(_ filter: WalkFilter) throws -> Int?
}

extension MileQuestStore {
  public func check(today: LocalDate, listener: (any WorkListener)?) throws -> StoreCheckReport {
    try check(today: today)
  }
}

/// The speed-ups' defaults: correct (or "don't know") for any back end.
extension StoreReading {
  public func walkCount(_ filter: WalkFilter) throws -> Int? { nil }

  public func teamsWithMemberships(ids: [Int64]) throws -> [Int64: (
    team: Team, memberships: [Membership]
  )] {
    var teams: [Int64: (team: Team, memberships: [Membership])] = [:]
    for id in ids where teams[id] == nil {
      guard let team = try team(id: id) else { continue }
      teams[id] = (team, try memberships(teamId: id))
    }
    return teams
  }

  public func forEachWalkAmount(_ filter: WalkFilter, _ body: (WalkAmount) throws -> Void)
    throws
  {
    var live = filter
    live.includeDeleted = false
    try forEachWalk(live) { try body(WalkAmount($0)) }
  }

  public func savedMilestones(routeId: Int64) throws -> [Milestone]? { nil }

  public func forEachDayTotal(
    memberIds: [Int64]?, range: DateRange, _ body: (DayTotal) throws -> Void
  ) throws {
    var days = DayTotal.Accumulator()
    try forEachWalkAmount(WalkFilter(memberIds: memberIds, range: range)) { days.add($0) }
    for day in days.totals { try body(day) }
  }

  public func forEachMonthTotal(months: DateRange, _ body: (MonthTotal) throws -> Void) throws
    -> Bool
  { false }

  public func membershipTotals(ids: [Int64]) throws -> [Int64: ExactSum]? { nil }

  public func daySums(ofMarkers markers: [MarkerSpans]) throws -> [[(
    date: LocalDate, sum: ExactSum
  )]]? { nil }

  /// `daySums(ofMarkers:)` of one marker: what its `spans` count per day, each member's day
  /// at most `dailyCap` when given.
  public func daySums(of spans: [MemberSpan], dailyCap: Double?) throws -> [(
    date: LocalDate, sum: ExactSum
  )]? {
    try daySums(ofMarkers: [MarkerSpans(spans: spans, dailyCap: dailyCap)])?.first
  }

  public func hasWalks(memberIds: [Int64], outside range: DateRange) throws -> Bool { true }

  public func hasWalks(memberIds: [Int64], ofAny activities: Set<Activity>) throws -> Bool {
    true
  }

  public func otherActivities(memberIds: [Int64]) throws -> [Int64: Set<Activity>]? { nil }

  public func teamTotals() throws -> [Int64: LeaderboardBuilder.TeamTotals]? { nil }

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
  /// them does not load and measure every point of the route again. A speed-up: the default
  /// keeps nothing.
  func saveMilestones(_ milestones: [Milestone], routeId: Int64) throws
  /// Keeps a closed goal's final results (replacing any it had).
  func saveFinalResults(_ results: FinalResults, goalId: Int64) throws
  /// Forgets a goal's final results (the goal is open again).
  func dropFinalResults(goalId: Int64) throws
}

extension StoreWriting {
  /// A speed-up (`savedMilestones`): a store that keeps no milestones ignores them.
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

  /// What follows a stored row's problem in a command's error (every back end ends its
  /// "stored walk 12 has a bad date …" errors with it, so that `salvage` recognises them).
  package static let hint =
    "; the database was changed outside milequest: 'milequest check' lists every such row"

  package func append(_ row: String) { rows.append(row) }

  /// Runs `decode`; when a stored value does not fit, notes the row and returns nil.
  package func salvage<T>(_ decode: () throws -> T) throws -> T? {
    do {
      return try decode()
    } catch MileQuestError.badData(let message) where message.hasSuffix(Self.hint) {
      var text = message
      text.removeLast(Self.hint.count)
      if text.hasPrefix("stored ") { text.removeFirst("stored ".count) }
      append(text)
      return nil
    }
  }
}

extension MileQuestStore {
  public func actingHandle(asked: String?) throws -> String? { asked }

  public func prepareForNextCommand() throws {}

  public func createLogin(handle: String) throws {
    throw MileQuestError.usage(
      "database logins exist only on a PostgreSQL database, where each member has one")
  }
}
