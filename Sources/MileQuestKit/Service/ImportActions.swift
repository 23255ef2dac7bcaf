import Foundation
import MileQuestSQLite

/// Bulk imports: all-or-nothing, idempotent.
extension MileQuestService {
  /// What an import did (or, with a dry run, would do).
  public struct ImportReport: Sendable, Equatable {
    /// Walks added.
    public var added: Int
    /// Walks skipped because they were already imported.
    public var skipped: Int
    public var dryRun: Bool
    /// One line per member and reason for the walks read that count for no team or no goal
    /// (`UncountedWalks`), bounded whatever the number of rows.
    public var warnings: [String] = []
  }

  /// At most this many bad rows are listed in one error.
  public static let importErrorLimit = 20

  /// At most this many members are remembered by an import of walks: a member evicted is
  /// looked up again when a later row names them, so memory stays flat however many members
  /// there are (`BoundedCache`). Nearly every member of a company-wide challenge (100,000):
  /// with 16,384, three rows in four of a day of such a file looked their member up again.
  /// Only what the rows need is kept (`ImportMember`), and 98,304 is three quarters of a
  /// power of two, the most a Swift dictionary of 131,072 slots holds: at most 7 MiB.
  static let importMemberCache = 98_304

  /// At most this many members' memberships (the checkers of `UncountedWalkCollector`, each
  /// an array of memberships and goals, a hundred bytes or more) are remembered. Most rows
  /// need none: a walk inside the days its member's last checker found counted (kept for
  /// `importMemberCache` members, 8 bytes each) is known to count without one.
  static let importCheckerCache = 16_384

  /// Imports walks from a CSV, JSON or NDJSON file, read a chunk at a time, in one transaction.
  ///
  /// Every bad row is reported as `FILE:LINE: reason` and nothing is imported. Which rows are
  /// walks already stored is decided by `ImportIdentity` (README "Imports"): a row of this
  /// tool's own `export walks` is the walk it was exported from; a row with an `external_id`
  /// is the walk with that source and id; any other row is identified by its content and its
  /// occurrence number, so the n-th identical row matches the n-th identical imported walk and
  /// two identical rows of one file are two walks.
  public func importWalks(
    _ source: ByteSource, format: ExchangeFormat, file: String, dryRun: Bool
  ) throws -> ImportReport {
    try importWalks(
      source, format: format, file: file, dryRun: dryRun, cacheCapacity: Self.importMemberCache)
  }

  /// `importWalks` remembering at most `cacheCapacity` members and holding at most
  /// `identityCapacity` fingerprints in memory (tests make them small).
  func importWalks(
    _ source: ByteSource, format: ExchangeFormat, file: String, dryRun: Bool, cacheCapacity: Int,
    identityCapacity: Int = ImportIdentity.capacity
  ) throws -> ImportReport {
    let change = "import walks from \(FilePath.lastComponent(of: file))"
    if let listener = workListener {
      // Bytes of the file read so far: one call per chunk, whatever the number of rows.
      listener.begin(
        "importing \(FilePath.lastComponent(of: file))", unit: .bytes, total: source.size)
      source.onChunk = { listener.update(done: $0) }
    }
    defer { workListener?.end() }
    let work = { (db: any StoreWriting) throws -> ImportReport in
      // By the handle as the file spells it: a miss (or an unknown handle) asks the database.
      var members = BoundedCache<String, ImportMember?>(capacity: cacheCapacity)
      let member = { (handle: String) throws -> ImportMember? in
        try members.value(for: handle) { try db.member(handle: handle).map(ImportMember.init) }
      }
      var problems: [String] = []
      var badRows = 0
      var rows = 0
      var identity = ImportIdentity(capacity: identityCapacity)
      var report = ImportReport(added: 0, skipped: 0, dryRun: dryRun)
      var uncounted = UncountedWalkCollector(
        self, db, cacheCapacity: min(cacheCapacity, Self.importCheckerCache),
        countedCapacity: cacheCapacity)
      // One pass: rows are validated and inserted as they are read; after the first bad row
      // nothing more is inserted, every bad row is still reported, and the transaction is
      // rolled back at the end.
      let produce = { (insert: (Walk) throws -> BulkInsertOutcome) throws in
        try WalkImportReader.forEachRecord(source, format: format, file: file) { record in
          rows += 1
          do {
            let row = try importedWalk(from: record, member: member)
            if badRows == 0 {
              if try row.isExportOf(db) { return }
              _ = try identity.place(row, insert)
              try uncounted.add(row.walk)
            }
          } catch let error as MileQuestError {
            badRows += 1
            if problems.count < Self.importErrorLimit {
              problems.append("\(file):\(record.location): \(error)")
            }
          }
        }
      }
      // A dry run inserts too, in a transaction that is rolled back (`writeImport`): the
      // same code decides, in the same bounded memory, whatever the file's size.
      report.added = try db.insertWalks(produce)
      if badRows > 0 {
        if badRows > problems.count {
          problems.append("… and \(Plural.count(badRows - problems.count, "more bad row"))")
        }
        throw MileQuestError.badRecords(
          problems: problems,
          summary: "nothing was imported (\(badRows) bad of \(Plural.count(rows, "row")))")
      }
      report.skipped = rows - report.added
      report.warnings = try uncounted.messages()
      return report
    }
    return try writeImport(change: change, dryRun: dryRun, work)
  }

  /// Runs an import's transaction; one that adds nothing (a re-import), or a dry run, is
  /// rolled back, so it leaves no change behind for `undo` to revert in place of the user's
  /// last real change, and a dry run reports exactly what the import would do.
  func writeImport(
    change: String, dryRun: Bool, _ work: (any StoreWriting) throws -> ImportReport
  ) throws -> ImportReport {
    struct RolledBack: Error { let report: ImportReport }
    do {
      return try writeChange(change, completing: true) { db in
        let report = try work(db)
        if dryRun || report.added == 0 { throw RolledBack(report: report) }
        return report
      }
    } catch let rolledBack as RolledBack {
      return rolledBack.report
    }
  }

  /// A walk from one import record, validated like `log`, with what identifies it.
  func importedWalk(
    from record: ImportRecord, member lookUp: (String) throws -> ImportMember?
  ) throws -> ImportedRow {
    guard let handle = record.text("member") else {
      throw MileQuestError.badData("member is missing")
    }
    guard let member = try lookUp(handle) else {
      throw MileQuestError.unknown(kind: "member", name: handle)
    }
    guard let dateText = record.text("date") else {
      throw MileQuestError.badData("date is missing")
    }
    let date = try DateInput.parse(dateText, today: today)
    if date > today {
      throw MileQuestError.badData("date \(date) is in the future (today is \(today))")
    }
    let metres: Double
    if let exact = record.text("distance_m") {
      guard let value = Double(exact), RecordRules.isWalkDistance(value) else {
        throw MileQuestError.badData(
          "bad distance_m '\(Validation.printable(String(exact.prefix(40))))': "
            + RecordRules.walkDistanceRule)
      }
      metres = value
    } else if let text = record.text("distance") {
      let unitText = record.text("unit").map { " " + $0 } ?? ""
      metres = try DistanceInput.parseWalk(
        text + unitText, defaultUnit: unit, strideMetres: member.strideMetres)
    } else {
      throw MileQuestError.badData("distance is missing")
    }
    var duration: Double?
    if let seconds = record.text("duration_s") {
      guard let value = Double(seconds), value.isFinite, value > 0,
        value <= DurationInput.maxSeconds
      else {
        throw MileQuestError.badData(
          "bad duration_s '\(Validation.printable(String(seconds.prefix(40))))': "
            + "must be more than 0 and at most 7 days")
      }
      duration = value
    } else if let text = record.text("duration") {
      duration = try DurationInput.parse(text)
    }
    var steps: Int?
    if let text = record.text("steps") {
      guard let value = Int(text) else {
        throw MileQuestError.badData(
          "bad steps '\(Validation.printable(String(text.prefix(40))))': use a whole number")
      }
      steps = try Validation.count(value, what: "steps", in: RecordRules.stepsRange)
    }
    if record.text("distance_m") == nil, let text = record.text("distance") {
      // A distance in steps keeps them (`12000 steps` with no steps column).
      steps = try DistanceInput.walkSteps(distance: text, steps: steps)
    }
    let note = try record.text("note").map {
      try Validation.text($0, what: "note", length: 0...500)
    }
    var source = WalkSource.import
    let sourceText = record.text("source")
    if let text = sourceText {
      guard let named = WalkSource(rawValue: text) else {
        throw MileQuestError.badData(
          "bad source '\(Validation.printable(String(text.prefix(40))))': use manual, gpx or import"
        )
      }
      source = named
    }
    var exportedId: Int64?
    if sourceText != nil, let text = record.text("id") {
      guard let id = Int64(text) else {
        throw MileQuestError.badData(
          "bad id '\(Validation.printable(String(text.prefix(40))))': use a whole number")
      }
      exportedId = id
    }
    // Optional: a file without the column (or an empty cell) holds walks.
    let activity = try record.text("activity").map(Self.activity) ?? .walk
    var walk = Walk(
      memberId: member.id, date: date, distanceMetres: metres, durationSeconds: duration,
      steps: steps, activity: activity, note: note, source: .import)
    let fingerprint: UInt64?
    if let external = record.text("external_id") {
      // The row names its walk: the same source and id are the same walk.
      walk.source = source
      walk.externalId = try Validation.text(external, what: "external_id", length: 1...200)
      fingerprint = nil
    } else {
      let hash = ImportIdentity.fingerprint(of: walk, handle: member.handle)
      fingerprint = hash
      walk.externalId = ImportIdentity.id(hash, occurrence: 1)
    }
    return ImportedRow(walk: walk, fingerprint: fingerprint, exportedId: exportedId, source: source)
  }
}

/// What an import of walks keeps of a member: its rows need only these, and a company's
/// 100,000 members fit in a few MiB this way (a `Member` holds a name and an email too).
struct ImportMember {
  var id: Int64
  var handle: String
  var strideMetres: Double

  init(_ member: Member) {
    id = member.id ?? -1
    handle = member.handle
    strideMetres = member.strideMetres
  }
}

/// One validated import row and what identifies it.
struct ImportedRow {
  /// The walk to insert (source and external id set).
  var walk: Walk
  /// The content fingerprint when the row has no `external_id`.
  var fingerprint: UInt64?
  /// The `id` of a row of this tool's own `export walks` (a row with `id` and `source`).
  var exportedId: Int64?
  /// The source the row says it has (`import` when it says nothing).
  var source: WalkSource

  /// True when the row is this tool's export of a walk stored here: the walk with its id
  /// exists (deleted or not) with the same member, date, distance, duration, steps, note and
  /// source. Re-importing an export into the database it came from then adds nothing, for
  /// walks logged by hand too (which have no external id).
  func isExportOf(_ db: any StoreReading) throws -> Bool {
    guard let exportedId, let stored = try db.walk(id: exportedId) else { return false }
    return stored.memberId == walk.memberId && stored.date == walk.date
      && stored.distanceMetres == walk.distanceMetres
      && stored.durationSeconds == walk.durationSeconds && stored.steps == walk.steps
      && stored.note == walk.note && stored.source == source && stored.activity == walk.activity
  }
}

/// The n-th identical row rule for rows without an `external_id`.
///
/// Such a row's id is its content fingerprint, `fp:HEX` for the first row of a file with that
/// content and `fp:HEX#n` for the n-th, so two identical rows of one file are two walks, and
/// re-importing the file (or one that repeats its rows) finds each again. Only fingerprints
/// that met a stored walk, or a row added earlier by the same file, are remembered (a first
/// import of a million different rows keeps nothing); a re-import of ten million rows meets
/// ten million, so past `capacity` they go to a scratch file (`SpillingCounts`) and memory
/// stays flat whatever the file's size.
struct ImportIdentity {
  /// Per fingerprint that met a stored walk: the occurrence number of its latest row (hashes,
  /// not id strings).
  private var occurrences: SpillingCounts

  /// Fingerprints held in memory before they go to the scratch file: about 1.5 MiB.
  static let capacity = 65_536

  init(capacity: Int = ImportIdentity.capacity) {
    occurrences = SpillingCounts(capacity: capacity)
  }

  /// Fingerprints moved to the scratch file so far (tests).
  var spilled: Int { occurrences.spilled }

  /// A walk's content fingerprint id: member, date, distance and duration (the fields of
  /// earlier versions, so ids they stored stay valid), then steps and note when present, and
  /// the activity when it is not `walk` (a ride and a walk of one day and distance are two).
  static func fingerprint(of walk: Walk, handle: String) -> UInt64 {
    var fingerprint = Fingerprint()
    fingerprint.add(handle)
    fingerprint.add(walk.date.description)
    fingerprint.add(walk.distanceMetres)
    fingerprint.add(walk.durationSeconds ?? -1)
    if let steps = walk.steps {
      fingerprint.add("steps")
      fingerprint.add(Double(steps))
    }
    if let note = walk.note {
      fingerprint.add("note")
      fingerprint.add(note)
    }
    if walk.activity != .walk {
      fingerprint.add("activity")
      fingerprint.add(walk.activity.rawValue)
    }
    return fingerprint.value
  }

  /// The external id of the `occurrence`-th row with this fingerprint: `fp:HEX`, `fp:HEX#2`…
  static func id(_ fingerprint: UInt64, occurrence: Int32) -> String {
    let digits = String(fingerprint, radix: 16)
    let hex = String(repeating: "0", count: 16 - digits.count) + digits
    return occurrence == 1 ? "fp:\(hex)" : "fp:\(hex)#\(occurrence)"
  }

  /// Inserts `row` under its identity; true when it was added.
  mutating func place(
    _ row: ImportedRow, _ insert: (Walk) throws -> BulkInsertOutcome
  ) throws -> Bool {
    guard let base = row.fingerprint else {
      // An explicit external id: a repeat in the same file is the same walk.
      return try insert(row.walk) == .added
    }
    var walk = row.walk
    if let last = try occurrences.value(for: base) {
      try occurrences.set(last + 1, for: base)
      walk.externalId = Self.id(base, occurrence: last + 1)
      return try insert(walk) == .added
    }
    switch try insert(walk) {
    case .added:
      return true
    case .existed:
      try occurrences.set(1, for: base)
      return false
    case .addedEarlier:
      // The first identical row of this file was added just now: this is the second.
      try occurrences.set(2, for: base)
      walk.externalId = Self.id(base, occurrence: 2)
      return try insert(walk) == .added
    }
  }
}

/// The walks of an import that count for no team or no goal, summarised per member and
/// reason. Goals are read once and indexed by team; each member's memberships and checker
/// are made when a walk of theirs first comes and kept in a `BoundedCache`, and the summary
/// keeps a bounded number of groups, so memory does not grow with members or walks.
struct UncountedWalkCollector {
  /// The most member/reason groups kept for the warnings (20 are shown).
  static let maxGroups = 1_000

  private let db: any StoreReading
  private let today: LocalDate
  private var loaded = false
  private var goals: [Goal] = []
  /// The goals of each team, as indexes into `goals`.
  private var goalsOfTeam: [Int64: [Int]] = [:]
  private var teamsExist = true
  private var checkers: BoundedCache<Int64, UncountedWalks.Checker>
  /// Per member, days on which a walk counts (`Checker.countedDays`): a walk inside them
  /// needs no checker. Day numbers, 8 bytes a member, so every member of a company-wide
  /// challenge fits where their checkers do not (a rare walker's walks are weeks apart, and
  /// a checker cache of a few days' members had lost theirs).
  private var countedDays: BoundedCache<Int64, CountedDays>

  struct CountedDays {
    var from: Int32
    var through: Int32

    init?(_ range: ClosedRange<LocalDate>?) {
      guard let range, let from = Int32(exactly: range.lowerBound.dayNumber),
        let through = Int32(exactly: range.upperBound.dayNumber)
      else { return nil }
      self.from = from
      self.through = through
    }

    func contains(_ date: LocalDate) -> Bool {
      date.dayNumber >= Int(from) && date.dayNumber <= Int(through)
    }
  }
  private var summary: UncountedWalks.Summary

  init(
    _ service: MileQuestService, _ db: any StoreReading,
    cacheCapacity: Int = MileQuestService.importCheckerCache,
    countedCapacity: Int = MileQuestService.importMemberCache,
    maxGroups: Int = UncountedWalkCollector.maxGroups
  ) {
    self.db = db
    self.today = service.today
    checkers = BoundedCache(capacity: cacheCapacity)
    countedDays = BoundedCache(capacity: countedCapacity)
    summary = UncountedWalks.Summary(maxGroups: maxGroups)
  }

  mutating func add(_ walk: Walk) throws {
    if !loaded {
      goals = try db.allGoals()
      for (at, goal) in goals.enumerated() {
        for teamId in Set(goal.teamIds) { goalsOfTeam[teamId, default: []].append(at) }
      }
      teamsExist = try !db.allTeams().isEmpty
      loaded = true
    }
    if walk.activity == .walk, let days = countedDays[walk.memberId], days.contains(walk.date) {
      return
    }
    let checker: UncountedWalks.Checker
    if let held = checkers[walk.memberId] {
      checker = held
    } else {
      let memberships = try db.memberships(memberId: walk.memberId)
      var indexes = Set<Int>()
      for membership in memberships { indexes.formUnion(goalsOfTeam[membership.teamId] ?? []) }
      checker = UncountedWalks.Checker(
        memberships: memberships, goals: indexes.sorted().map { goals[$0] }, today: today,
        teamsExist: teamsExist)
      checkers.set(checker, for: walk.memberId)
    }
    if let finding = checker.finding(date: walk.date, activity: walk.activity) {
      summary.add(memberId: walk.memberId, date: walk.date, finding)
    } else if walk.activity == .walk,
      let days = CountedDays(checker.countedDays(around: walk.date))
    {
      countedDays.set(days, for: walk.memberId)
    }
  }

  /// The warnings, with the names of only the members, teams and goals they show.
  func messages() throws -> [String] {
    if summary.isEmpty { return [] }
    var names = UncountedWalks.Names()
    for group in summary.groups.prefix(UncountedWalks.messageLimit) {
      if names.members[group.memberId] == nil {
        names.members[group.memberId] = try db.member(id: group.memberId)?.handle
      }
      switch group.reason {
      case .beforeJoin(let teamId, _, _), .afterLeave(let teamId, _, _):
        if names.teams[teamId] == nil { names.teams[teamId] = try db.team(id: teamId)?.name }
      default:
        break
      }
    }
    for goal in goals {
      names.goals[goal.id ?? -1] = goal.name
      names.goalActivities[goal.id ?? -1] = goal.activities
    }
    return UncountedWalks.messages(summary, names: names)
  }
}
