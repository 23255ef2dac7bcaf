import Foundation

/// What every import of another tool's files shares (FIT, TCX, Apple Health, and the Strava,
/// Google Fit and Fitbit readers): walks read first, checked, then written for one member in
/// one transaction, all or nothing, idempotent by external id, with a dry run.
extension MileQuestService {
  /// A walk read from another tool's file, before its member is known.
  public struct ImportDraft: Sendable, Equatable {
    /// Where it came from, for errors and the dry run: `FILE`, `FILE:session 2`, `FILE:2024-03-09`.
    public var origin: String
    public var date: LocalDate
    /// Metres; nil for a day known only by its steps (turned into distance with the member's
    /// stride, as `log 8000steps` does).
    public var distanceMetres: Double?
    public var durationSeconds: Double?
    public var steps: Int?
    public var activity: Activity
    public var note: String?
    /// What identifies it in every later import of the same data (`fit:…`, `tcx:…`,
    /// `health:…`): stored with source `import`, so a walk with this id is never added twice.
    public var externalId: String

    public init(
      origin: String, date: LocalDate, distanceMetres: Double?, durationSeconds: Double? = nil,
      steps: Int? = nil, activity: Activity, note: String? = nil, externalId: String
    ) {
      self.origin = origin
      self.date = date
      self.distanceMetres = distanceMetres
      self.durationSeconds = durationSeconds
      self.steps = steps
      self.activity = activity
      self.note = note
      self.externalId = externalId
    }
  }

  /// Checks drafts before any transaction: a date not in the future, a distance within the
  /// walk rules (or steps to make one), a duration of at most 7 days. Errors name the draft's
  /// origin: `FILE:WHERE: reason` (65).
  public func checkImportDrafts(_ drafts: [ImportDraft]) throws {
    for draft in drafts {
      func fail(_ reason: String) -> MileQuestError {
        .badData("\(draft.origin): \(reason)")
      }
      if draft.date > today {
        throw fail("date \(draft.date) is in the future (today is \(today))")
      }
      if let metres = draft.distanceMetres {
        guard RecordRules.isWalkDistance(metres) else {
          throw fail("distance \(metres) m: \(RecordRules.walkDistanceRule)")
        }
      } else if (draft.steps ?? 0) <= 0 {
        throw fail("no distance and no steps")
      }
      if let seconds = draft.durationSeconds,
        !(seconds.isFinite && seconds > 0 && seconds <= DurationInput.maxSeconds)
      {
        throw fail("duration \(seconds) s: must be more than 0 and at most 7 days")
      }
    }
  }

  /// Writes `drafts` for the member `handle` (or the acting member) in one transaction: a
  /// draft whose external id is already stored (or repeated in `drafts`) is skipped; a
  /// dry run, or nothing new, rolls back. `changed(existing, draft)` may return a warning for
  /// a draft already stored with other values (Apple Health's day totals that grew).
  public func importDrafts(
    _ drafts: [ImportDraft], member handle: String?, change: String, dryRun: Bool,
    changed: ((Walk, ImportDraft) -> String?)? = nil
  ) throws -> ImportReport {
    try checkImportDrafts(drafts)
    let work = { (db: any StoreWriting) throws -> ImportReport in
      let member: Member
      if let handle {
        member = try db.requireMember(handle)
      } else {
        member = try actingMember(db, for: "importing walks")
      }
      if member.isArchived {
        throw MileQuestError.ruleViolation("member '\(member.handle)' is removed")
      }
      var report = ImportReport(added: 0, skipped: 0, dryRun: dryRun)
      var seen = Set<String>()
      var uncounted = UncountedWalkCollector(self, db)
      var notes: [String] = []
      for draft in drafts {
        guard seen.insert(draft.externalId).inserted else {
          report.skipped += 1
          continue
        }
        if let known = try db.walk(source: .import, externalId: draft.externalId) {
          if let note = changed?(known, draft) { notes.append(note) }
          report.skipped += 1
          continue
        }
        let metres = draft.distanceMetres ?? Double(draft.steps ?? 0) * member.strideMetres
        guard RecordRules.isWalkDistance(metres) else {
          throw MileQuestError.badData(
            "\(draft.origin): \(draft.steps ?? 0) steps at \(member.handle)'s stride: "
              + RecordRules.walkDistanceRule)
        }
        let walk = Walk(
          memberId: member.id ?? -1, date: draft.date, distanceMetres: metres,
          durationSeconds: draft.durationSeconds, steps: draft.steps, activity: draft.activity,
          note: draft.note, source: .import, externalId: draft.externalId)
        try uncounted.add(walk)
        _ = try db.insert(walk)
        report.added += 1
      }
      report.warnings = notes + (try uncounted.messages())
      return report
    }
    return try writeImport(change: change, dryRun: dryRun, work)
  }
}
