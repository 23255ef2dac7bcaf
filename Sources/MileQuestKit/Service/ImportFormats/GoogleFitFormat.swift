import Foundation

/// `import google-fit FILE|DIR...`: Google Takeout Fit daily metrics, `Daily activity
/// metrics.csv`, per-day `YYYY-MM-DD.csv` files, a Takeout zip, or a folder holding them (a
/// Takeout, its `Fit` folder or the `Daily activity metrics` folder; the summary file is
/// read when there is one, else the per-day files).
///
/// One `walk` per day with a distance, with the day's steps, id `google-fit:<date>`: a day
/// imported once is not updated by a later export whose total for it changed.
public struct GoogleFitFormat: ImportFormat {
  public init() {}
  public var name: String { "google-fit" }
  public var title: String { "Google Takeout Fit daily metrics" }
  public var abstract: String {
    "Import Google Takeout Fit daily metrics: one walk per day; idempotent."
  }
  public var discussion: String {
    """
    Reads 'Daily activity metrics.csv' (Date, Distance (m), Step count) or the per-day \
    YYYY-MM-DD.csv files, or a folder or Takeout zip holding them. Each day \
    with a distance becomes one walk with that day's steps (google-fit:<date>); a day \
    already imported is left as it is.
    """
  }
  public var examples: [String] {
    [
      "milequest import google-fit Takeout {dry-run}",
      "milequest import google-fit Takeout/Fit {member} alice",
    ]
  }
  public var inputsHelp: String { "The CSV files, folders or Takeout zips." }
  public var extensions: [String] { ["csv", "zip"] }
  public var fixtures: [String] {
    ["googlefit/Daily activity metrics.csv", "googlefit/2024-05-02.csv", "googlefit/takeout.zip"]
  }

  public func recognises(_ probe: ImportProbe) -> Bool {
    switch probe.container {
    case .plain:
      guard let names = probe.csvHeader?.names else { return false }
      // The daily summary has a Date column, the per-day files a Start time column.
      return (names.contains("date") || names.contains("start time"))
        && names.contains("distance (m)")
    case .zip:
      return probe.zipMembers.contains { $0.hasSuffix(GoogleFitDailyReader.summaryName) }
    case .gzip: return false
    }
  }

  public func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch {
    let files = try ExportFile.collect(
      inputs, inFolder: Self.files(in:), inZip: Self.members(of:), checkFile: { _ in })
    var drafts: [MileQuestService.ImportDraft] = []
    var seen: [LocalDate: String] = [:]
    var withoutDistance = 0
    for file in files {
      for day in try GoogleFitDailyReader.days(source: try file.open()) {
        if let first = seen[day.date] {
          throw MileQuestError.badData(
            "\(day.location): \(day.date) is also in \(first); give each day once")
        }
        seen[day.date] = day.location
        guard let metres = day.distanceMetres, metres > 0 else {
          withoutDistance += 1
          continue
        }
        drafts.append(
          MileQuestService.ImportDraft(
            origin: day.location, date: day.date, distanceMetres: metres,
            steps: (day.steps ?? 0) > 0 ? day.steps : nil, externalId: "google-fit:\(day.date)"))
      }
    }
    return MileQuestService.ImportBatch(
      drafts: drafts, change: "import \(Plural.count(drafts.count, "Google Fit day"))",
      warnings: withoutDistance > 0
        ? ["\(Plural.count(withoutDistance, "day")) without a distance not imported"] : [])
  }

  /// The Google Fit files a folder holds: the daily summary if found (in the folder, its
  /// `Fit/Daily activity metrics`, `Takeout/Fit/Daily activity metrics` or `Daily activity
  /// metrics`), else the per-day files there.
  static func files(in folder: String) throws -> [String] {
    let candidates = [
      "", "Daily activity metrics", "Fit/Daily activity metrics",
      "Takeout/Fit/Daily activity metrics",
    ].map { ($0.isEmpty ? folder : (folder as NSString).appendingPathComponent($0)) }
    for candidate in candidates where FilePath.entry(at: candidate) == .directory {
      let summary = (candidate as NSString).appendingPathComponent(
        GoogleFitDailyReader.summaryName)
      if FileManager.default.fileExists(atPath: summary) { return [summary] }
      let days = ((try? FileManager.default.contentsOfDirectory(atPath: candidate)) ?? [])
        .filter { $0.hasSuffix(".csv") && LocalDate(String($0.dropLast(4))) != nil }.sorted()
      if !days.isEmpty { return days.map { (candidate as NSString).appendingPathComponent($0) } }
    }
    throw MileQuestError.badData(
      "\(folder): no '\(GoogleFitDailyReader.summaryName)' or YYYY-MM-DD.csv files; is it a "
        + "Google Takeout Fit folder?")
  }

  /// The Google Fit files of a Takeout zip: its daily summary if it has one, else its
  /// per-day files.
  static func members(of zip: ZipArchive) throws -> [ZipArchive.Member] {
    let summaries = zip.members.filter {
      FilePath.lastComponent(of: $0.path) == GoogleFitDailyReader.summaryName
    }
    if let summary = summaries.min(by: { $0.path.count < $1.path.count }) {
      return [summary]
    }
    let days = zip.members.filter {
      let name = FilePath.lastComponent(of: $0.path)
      return $0.path.contains("Daily activity metrics/") && name.hasSuffix(".csv")
        && LocalDate(String(name.dropLast(4))) != nil
    }
    guard !days.isEmpty else {
      throw MileQuestError.badData(
        "\(zip.name): no '\(GoogleFitDailyReader.summaryName)' or Daily activity "
          + "metrics/YYYY-MM-DD.csv in this zip; is it a Google Takeout with Fit data?")
    }
    return days.sorted { $0.path < $1.path }
  }
}

extension ImportKind {
  public static var googleFit: ImportKind { GoogleFitFormat().kind }
}
