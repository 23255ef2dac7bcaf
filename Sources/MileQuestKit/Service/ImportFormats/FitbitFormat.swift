import Foundation

/// `import fitbit DIR|FILE...`: a Fitbit account export, its `Physical
/// Activity/distance-*.json` and `steps-*.json` files, the export's zip, or a folder holding
/// them (the export, a user's folder, `Physical Activity`).
///
/// Minutes are summed per local day in the inputs' time zone (Fitbit writes UTC): one `walk`
/// per day with a distance, with the day's steps, id `fitbit:<date>`. Files of one kind that
/// cover the same minutes (an export given twice) are refused.
public struct FitbitFormat: ImportFormat {
  public init() {}
  public var name: String { "fitbit" }
  public var title: String { "a Fitbit export" }
  public var abstract: String { "Import a Fitbit account export: one walk per day; idempotent." }
  public var discussion: String {
    """
    Reads Physical Activity/distance-*.json (centimetres per minute) and steps-*.json, \
    from the export's zip, its folder or the files named. \
    Fitbit writes the minutes in UTC: they are summed per local day in the time zone of \
    TZ (the walker's). Each day with a distance becomes one walk with that day's steps \
    (fitbit:<date>); a day already imported is left as it is.
    """
  }
  public var examples: [String] {
    [
      "milequest import fitbit MyFitbitData {dry-run}",
      "milequest import fitbit MyFitbitData {member} alice",
    ]
  }
  public var inputsHelp: String {
    "The export's zip or folder, or distance-*.json and steps-*.json files."
  }
  public var extensions: [String] { ["zip", "json"] }
  public var fixtures: [String] {
    [
      "fitbit/MyFitbitData.zip",
      "fitbit/MyFitbitData/Ana/Physical Activity/distance-2024-03-09.json",
    ]
  }

  public func recognises(_ probe: ImportProbe) -> Bool {
    switch probe.container {
    case .plain:
      return probe.jsonStart.map { $0.hasPrefix("[") && $0.contains("\"dateTime\"") } ?? false
    case .zip: return probe.zipMembers.contains { FitbitReader.kind(ofFile: $0) != nil }
    case .gzip: return false
    }
  }

  public func read(_ inputs: ImportInputs) throws -> MileQuestService.ImportBatch {
    let files = try ExportFile.collect(inputs, inFolder: Self.files(in:)) { zip in
      let members = zip.members.filter { FitbitReader.kind(ofFile: $0.path) != nil }
      guard !members.isEmpty else {
        throw MileQuestError.badData(
          "\(zip.name): no distance-*.json or steps-*.json in this zip; is it a Fitbit export?")
      }
      return members
    } checkFile: { path in
      guard FitbitReader.kind(ofFile: path) != nil else {
        throw MileQuestError.badData(
          "\(path): a Fitbit file is named distance-YYYY-MM-DD.json or steps-YYYY-MM-DD.json")
      }
    }
    var distance: [LocalDate: (metres: Double, file: String)] = [:]
    var steps: [LocalDate: Double] = [:]
    var spans: [FitbitSeries.Kind: [(span: ClosedRange<Date>, file: String)]] = [:]
    var named = Set<String>()
    for export in files.sorted(by: { $0.name < $1.name }) where named.insert(export.name).inserted {
      let file = export.name
      guard let kind = FitbitReader.kind(ofFile: file) else { continue }
      let series = try FitbitReader.series(
        source: try export.open(), kind: kind, timeZone: inputs.timeZone)
      if let span = series.span {
        if let other = spans[kind, default: []].first(where: { $0.span.overlaps(span) }) {
          throw MileQuestError.badData(
            "\(file): covers minutes that \(other.file) covers too; give each export once")
        }
        spans[kind, default: []].append((span, file))
      }
      for (day, total) in series.totals {
        switch kind {
        case .distance: distance[day] = ((distance[day]?.metres ?? 0) + total, file)
        case .steps: steps[day, default: 0] += total
        }
      }
    }
    var drafts: [MileQuestService.ImportDraft] = []
    for day in distance.keys.sorted() {
      guard let entry = distance[day], entry.metres > 0 else { continue }
      let count = steps[day].map { Int(min($0, 1e15).rounded()) }
      drafts.append(
        MileQuestService.ImportDraft(
          origin: entry.file, date: day, distanceMetres: entry.metres,
          steps: (count ?? 0) > 0 ? count : nil, externalId: "fitbit:\(day)"))
    }
    let stepsOnly = steps.keys.filter { distance[$0] == nil }.count
    return MileQuestService.ImportBatch(
      drafts: drafts, change: "import \(Plural.count(drafts.count, "Fitbit day"))",
      warnings: stepsOnly > 0
        ? ["\(Plural.count(stepsOnly, "day")) with steps and no distance not imported"] : [])
  }

  /// The distance and steps files under a Fitbit export folder (its `Physical Activity`
  /// folders, up to three levels down: `MyFitbitData/<name>/Physical Activity`).
  static func files(in folder: String) throws -> [String] {
    var found: [String] = []
    var queue = [(folder, 0)]
    while let (current, depth) = queue.first {
      queue.removeFirst()
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: current)) ?? []).sorted()
      for name in names {
        let path = (current as NSString).appendingPathComponent(name)
        if FilePath.entry(at: path) == .directory {
          if depth < 3 { queue.append((path, depth + 1)) }
        } else if FitbitReader.kind(ofFile: name) != nil {
          found.append(path)
        }
      }
    }
    guard !found.isEmpty else {
      throw MileQuestError.badData(
        "\(folder): no distance-*.json or steps-*.json files; is it a Fitbit export?")
    }
    return found
  }
}

extension ImportKind {
  public static var fitbit: ImportKind { FitbitFormat().kind }
}
