import Foundation

/// The one way every import of another tool's files is written (Apple Health, FIT, TCX,
/// Strava, Google Fit, Fitbit: the formats of `ImportFormats.all`): walks read first as
/// drafts, every one checked, then written for one member in one transaction, all or
/// nothing, idempotent by external id, with a dry run and one summary.
extension MileQuestService {
  /// A walk read from another tool's file, before its member is known.
  public struct ImportDraft: Sendable, Equatable {
    /// Where it came from, for errors and the dry run: `FILE`, `FILE:session 2`, `FILE:LINE`.
    public var origin: String
    public var date: LocalDate
    /// Metres; nil for a day known only by its steps (turned into distance with the member's
    /// stride, as `log 8000steps` does).
    public var distanceMetres: Double?
    public var durationSeconds: Double?
    public var steps: Int?
    public var activity: Activity
    public var note: String?
    /// What identifies it in every later import of the same data (`fit:…`, `strava:…`,
    /// `health:…`): stored with source `import`, so a walk with this id is never added twice.
    public var externalId: String

    public init(
      origin: String, date: LocalDate, distanceMetres: Double?, durationSeconds: Double? = nil,
      steps: Int? = nil, activity: Activity = .walk, note: String? = nil, externalId: String
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

  /// What a format read from its inputs: the drafts, and what the import says about them.
  public struct ImportBatch: Sendable {
    public var drafts: [ImportDraft]
    /// The change's name in the history (`undo`): "import 3 FIT walks".
    public var change: String
    /// Said before the summary: what was read and left out ("2 days without a distance").
    public var warnings: [String]
    /// Apple Health's per day and source totals, shown by its dry run; empty for the others.
    public var sourceDays: [AppleHealthDay]
    /// A warning for a draft already stored with other values (a day total that grew).
    public var changed: (@Sendable (Walk, ImportDraft) -> String?)?

    public init(
      drafts: [ImportDraft], change: String, warnings: [String] = [],
      sourceDays: [AppleHealthDay] = [], changed: (@Sendable (Walk, ImportDraft) -> String?)? = nil
    ) {
      self.drafts = drafts
      self.change = change
      self.warnings = warnings
      self.sourceDays = sourceDays
      self.changed = changed
    }
  }

  /// What a dry run shows for one walk read: what it is and whether it would be added.
  public struct ImportedWalkLine: Sendable, Equatable {
    public var date: LocalDate
    public var activity: Activity
    public var distanceMetres: Double
    public var steps: Int?
    public var externalId: String
    /// False when the walk is already there (it is skipped).
    public var isNew: Bool
  }

  /// What an import did or would do: the counts and warnings, each walk read (a dry run
  /// lists them), and Apple Health's per day and source totals.
  public struct ImportOutcome: Sendable, Equatable {
    public var report: ImportReport
    public var walks: [ImportedWalkLine] = []
    public var sourceDays: [AppleHealthDay] = []
  }

  /// Checks every draft before any transaction with the rules `log` keeps (a date not in the
  /// future, a distance within the walk rules or steps to make one, a duration of at most 7
  /// days, steps and note), each problem named by the draft's origin: `FILE:WHERE: reason`.
  /// Any problem is 65 listing them all (up to `importErrorLimit`); nothing is imported.
  public func checkImportDrafts(_ drafts: [ImportDraft]) throws {
    var problems: [String] = []
    var bad = 0
    for draft in drafts {
      do {
        if draft.distanceMetres == nil && (draft.steps ?? 0) <= 0 {
          throw MileQuestError.badData("no distance and no steps")
        }
        // A steps-only draft is held to every rule but the distance, checked with the
        // member's stride in the transaction.
        try RecordRules.walk(
          Walk(
            memberId: 0, date: draft.date, distanceMetres: draft.distanceMetres ?? 1,
            durationSeconds: draft.durationSeconds, steps: draft.steps,
            activity: draft.activity, note: draft.note, source: .import,
            externalId: draft.externalId),
          today: today)
      } catch let error as MileQuestError {
        bad += 1
        if problems.count < Self.importErrorLimit { problems.append("\(draft.origin): \(error)") }
      }
    }
    guard bad > 0 else { return }
    if bad > problems.count { problems.append("… and \(bad - problems.count) more") }
    throw MileQuestError.badRecords(
      problems: problems,
      summary: "nothing was imported (\(Plural.count(bad, "bad walk")) of \(drafts.count))")
  }

  /// Writes the batch's drafts for the member `handle` (or the acting member) in one
  /// transaction: a draft whose external id is already stored (or repeated in the batch) is
  /// skipped; a dry run, or nothing new, rolls back. The batch's warnings come first in the
  /// report's, then those of drafts that changed, then walks that count for nothing.
  public func importDrafts(_ batch: ImportBatch, member handle: String?, dryRun: Bool) throws
    -> ImportOutcome
  {
    try checkImportDrafts(batch.drafts)
    var lines: [ImportedWalkLine] = []
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
      lines = []
      for draft in batch.drafts {
        guard seen.insert(draft.externalId).inserted else {
          report.skipped += 1
          continue
        }
        let metres = draft.distanceMetres ?? Double(draft.steps ?? 0) * member.strideMetres
        let known = try db.walk(source: .import, externalId: draft.externalId)
        if let known {
          if let note = batch.changed?(known, draft) { notes.append(note) }
          report.skipped += 1
        } else {
          guard RecordRules.isWalkDistance(metres) else {
            throw MileQuestError.badData(
              "\(draft.origin): \(draft.steps ?? 0) steps at \(member.handle)'s stride: "
                + RecordRules.walkDistanceRule)
          }
          let walk = Walk(
            memberId: member.id ?? -1, date: draft.date, distanceMetres: metres,
            durationSeconds: draft.durationSeconds, steps: draft.steps,
            activity: draft.activity, note: draft.note, source: .import,
            externalId: draft.externalId)
          try uncounted.add(walk)
          _ = try db.insert(walk)
          report.added += 1
        }
        if dryRun {
          lines.append(
            ImportedWalkLine(
              date: draft.date, activity: draft.activity, distanceMetres: metres,
              steps: draft.steps, externalId: draft.externalId, isNew: known == nil))
        }
      }
      report.warnings = batch.warnings + notes + (try uncounted.messages())
      return report
    }
    let report = try writeImport(change: batch.change, dryRun: dryRun, work)
    return ImportOutcome(report: report, walks: lines, sourceDays: batch.sourceDays)
  }
}
