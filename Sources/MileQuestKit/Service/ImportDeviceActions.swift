import Foundation

/// Named entry points of the registry's formats (`ImportFormats.all`) for callers that know
/// the format: each reads through its format and writes through `importDrafts`.
extension MileQuestService {
  /// The walks of FIT files (`FITFormat`), as drafts.
  public func fitDrafts(paths: [String]) throws -> [ImportDraft] {
    try FITFormat().read(ImportInputs(paths: paths, unit: unit)).drafts
  }

  /// The walks of TCX files (`TCXFormat`), as drafts.
  public func tcxDrafts(paths: [String]) throws -> [ImportDraft] {
    try TCXFormat().read(ImportInputs(paths: paths, unit: unit)).drafts
  }

  /// Imports the walks of FIT files for one member: all or nothing, idempotent.
  public func importFIT(paths: [String], member: String?, dryRun: Bool) throws -> ImportReport {
    try importFiles(FITFormat(), paths: paths, member: member, dryRun: dryRun).report
  }

  /// Imports the walks of TCX files for one member: all or nothing, idempotent.
  public func importTCX(paths: [String], member: String?, dryRun: Bool) throws -> ImportReport {
    try importFiles(TCXFormat(), paths: paths, member: member, dryRun: dryRun).report
  }

  /// Imports an Apple Health export (`AppleHealthFormat`) for one member, only `source`'s
  /// records when one is named; the outcome has every day's per-source totals.
  public func importHealth(path: String, member: String?, source: String?, dryRun: Bool) throws
    -> ImportOutcome
  {
    try importFiles(
      AppleHealthFormat(), paths: [path], member: member,
      options: source.map { ["source": $0] } ?? [:], dryRun: dryRun)
  }

  /// A device's duration when it is one a walk can have (more than 0, at most 7 days).
  static func plausibleDuration(_ seconds: Double?) -> Double? {
    guard let seconds, seconds.isFinite, seconds > 0, seconds <= DurationInput.maxSeconds else {
      return nil
    }
    return seconds
  }
}
