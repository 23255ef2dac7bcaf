import Foundation

/// Bulk imports: all-or-nothing, idempotent.
extension MileQuestService {
  /// What an import did (or, with a dry run, would do).
  public struct ImportReport: Sendable, Equatable {
    /// Walks added.
    public var added: Int
    /// Walks skipped because they were already imported.
    public var skipped: Int
    public var dryRun: Bool
  }

  /// At most this many bad rows are listed in one error.
  public static let importErrorLimit = 20

  /// Imports walks from a CSV, JSON or NDJSON file, read a chunk at a time, in one transaction.
  ///
  /// Every bad row is reported as `FILE:LINE: reason` and nothing is imported. A row with an
  /// `external_id` is skipped when a walk with the same source and id exists; a row without
  /// one gets a fingerprint of member, date, distance and duration as its id.
  public func importWalks(
    _ source: ByteSource, format: ExchangeFormat, file: String, dryRun: Bool
  ) throws -> ImportReport {
    let change = "import walks from \((file as NSString).lastPathComponent)"
    let work = { (db: any StoreWriting) throws -> ImportReport in
      let members = Dictionary(
        try db.allMembers().map { ($0.handle, $0) }, uniquingKeysWith: { a, _ in a })
      var problems: [String] = []
      var badRows = 0
      var rows = 0
      var seen = Set<String>()
      var report = ImportReport(added: 0, skipped: 0, dryRun: dryRun)
      // One pass: rows are validated and inserted as they are read; after the first bad row
      // nothing more is inserted, every bad row is still reported, and the transaction is
      // rolled back at the end.
      let produce = { (insert: (Walk) throws -> Void) throws in
        try WalkImportReader.forEachRecord(source, format: format, file: file) { record in
          rows += 1
          do {
            let walk = try walk(from: record, members: members)
            if badRows == 0 { try insert(walk) }
          } catch let error as MileQuestError {
            badRows += 1
            if problems.count < Self.importErrorLimit {
              problems.append("\(file):\(record.location): \(error)")
            }
          }
        }
      }
      if dryRun {
        try produce { walk in
          let key = walk.externalId ?? ""
          if seen.insert(key).inserted, try db.walk(source: .import, externalId: key) == nil {
            report.added += 1
          }
        }
      } else {
        report.added = try db.insertWalks(produce)
      }
      if badRows > 0 {
        var message = problems.joined(separator: "\n")
        if badRows > problems.count {
          message += "\n… and \(badRows - problems.count) more bad rows"
        }
        message += "\nnothing was imported (\(badRows) bad of \(rows) rows)"
        throw MileQuestError.badData(message)
      }
      report.skipped = rows - report.added
      return report
    }
    if dryRun { return try store.read { db in try work(ReadOnlyWriter(db)) } }
    return try writeImport(change: change, work)
  }

  /// Runs an import's transaction; one that adds nothing (a re-import) is rolled back, so it
  /// leaves no change behind for `undo` to revert in place of the user's last real change.
  func writeImport(
    change: String, _ work: (any StoreWriting) throws -> ImportReport
  ) throws -> ImportReport {
    struct NothingAdded: Error { let report: ImportReport }
    do {
      return try store.write(change: change) { db in
        let report = try work(db)
        if report.added == 0 { throw NothingAdded(report: report) }
        return report
      }
    } catch let nothing as NothingAdded {
      return nothing.report
    }
  }

  /// A walk from one import record, validated like `log`.
  func walk(from record: ImportRecord, members: [String: Member]) throws -> Walk {
    guard let handle = record.text("member") else {
      throw MileQuestError.badData("member is missing")
    }
    guard let member = members[handle.lowercased()] else {
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
      guard let value = Double(exact), value.isFinite, value > 0,
        value <= Distance.maxWalkMetres * (1 + 1e-12)
      else {
        throw MileQuestError.badData("bad distance_m '\(exact)'")
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
      guard let value = Double(seconds), value.isFinite, value > 0 else {
        throw MileQuestError.badData("bad duration_s '\(seconds)'")
      }
      duration = value
    } else if let text = record.text("duration") {
      duration = try DurationInput.parse(text)
    }
    var steps: Int?
    if let text = record.text("steps") {
      guard let value = Int(text), value >= 0 else {
        throw MileQuestError.badData("bad steps '\(text)'")
      }
      steps = value
    }
    let note = try record.text("note").map {
      try Validation.text($0, what: "note", length: 0...500)
    }
    var fingerprint = Fingerprint()
    fingerprint.add(member.handle)
    fingerprint.add(date.description)
    fingerprint.add(metres)
    fingerprint.add(duration ?? -1)
    return Walk(
      memberId: member.id ?? -1, date: date, distanceMetres: metres, durationSeconds: duration,
      steps: steps, note: note, source: .import,
      externalId: record.text("external_id") ?? "fp:\(fingerprint.hex)")
  }
}

/// Lets a dry run share the import code path inside a read transaction: reads pass through,
/// writes are refused (the dry-run path never calls them).
struct ReadOnlyWriter: StoreWriting {
  let base: any StoreReading

  init(_ base: any StoreReading) { self.base = base }

  private func refuse() -> MileQuestError { .internalError("write during a dry run") }

  func member(handle: String) throws -> Member? { try base.member(handle: handle) }
  func member(id: Int64) throws -> Member? { try base.member(id: id) }
  func allMembers() throws -> [Member] { try base.allMembers() }
  func team(name: String) throws -> Team? { try base.team(name: name) }
  func team(id: Int64) throws -> Team? { try base.team(id: id) }
  func allTeams() throws -> [Team] { try base.allTeams() }
  func memberships(teamId: Int64) throws -> [Membership] { try base.memberships(teamId: teamId) }
  func memberships(memberId: Int64) throws -> [Membership] {
    try base.memberships(memberId: memberId)
  }
  func allMemberships() throws -> [Membership] { try base.allMemberships() }
  func route(name: String) throws -> Route? { try base.route(name: name) }
  func route(id: Int64) throws -> Route? { try base.route(id: id) }
  func allRoutes() throws -> [Route] { try base.allRoutes() }
  func goal(name: String) throws -> Goal? { try base.goal(name: name) }
  func goal(id: Int64) throws -> Goal? { try base.goal(id: id) }
  func allGoals() throws -> [Goal] { try base.allGoals() }
  func goals(teamIds: [Int64]) throws -> [Goal] { try base.goals(teamIds: teamIds) }
  func walk(id: Int64) throws -> Walk? { try base.walk(id: id) }
  func walk(source: WalkSource, externalId: String) throws -> Walk? {
    try base.walk(source: source, externalId: externalId)
  }
  func walks(_ filter: WalkFilter) throws -> [Walk] { try base.walks(filter) }
  func forEachWalk(_ filter: WalkFilter, _ body: (Walk) throws -> Void) throws {
    try base.forEachWalk(filter, body)
  }
  func membershipTotals() throws -> [Int64: (sum: ExactSum, walks: Int)] {
    try base.membershipTotals()
  }
  func insert(_ member: Member) throws -> Member { throw refuse() }
  func update(_ member: Member) throws { throw refuse() }
  func insert(_ team: Team) throws -> Team { throw refuse() }
  func update(_ team: Team) throws { throw refuse() }
  func insert(_ membership: Membership) throws -> Membership { throw refuse() }
  func update(_ membership: Membership) throws { throw refuse() }
  func insert(_ route: Route) throws -> Route { throw refuse() }
  func insert(_ goal: Goal) throws -> Goal { throw refuse() }
  func update(_ goal: Goal) throws { throw refuse() }
  func insert(_ walk: Walk) throws -> Walk { throw refuse() }
  func insertIfAbsent(_ walk: Walk) throws -> Walk? { throw refuse() }
  func insertWalks(_ produce: (_ insert: (Walk) throws -> Void) throws -> Void) throws -> Int {
    throw refuse()
  }
  func update(_ walk: Walk) throws { throw refuse() }
}
