import Foundation

/// `import gpx`: GPS tracks become walks.
extension MileQuestService {
  /// Timestamps before 1990 are device placeholders (gpxpy's Mojstrovka file carries
  /// 1901-12-13T20:45:52Z, INT32_MIN seconds), not walk dates: such a file counts as having
  /// no timestamps.
  static let earliestPlausibleTime = Date(timeIntervalSince1970: 631_152_000)

  /// Imports one walk per track (or per file with `merge`) for `member`, in one transaction.
  ///
  /// Distance is the sum over each track segment (gaps between segments are not walked), the
  /// date is the first timestamp's local date (or `date` when the file has none), the
  /// duration is last minus first timestamp, and the track content's fingerprint is the
  /// external id, so importing the same file twice adds nothing.
  public func importGPX(
    paths: [String], member handle: String?, merge: Bool, date dateText: String?, dryRun: Bool
  ) throws -> ImportReport {
    if paths.isEmpty { throw MileQuestError.usage("import gpx needs at least one FILE") }
    let fallbackDate = try dateText.map { try DateInput.parse($0, today: today) }
    // Walks without a member yet: the member is looked up inside the transaction. A file
    // named twice is read once.
    var drafts: [(walk: Walk, timed: Bool)] = []
    var named = Set<String>()
    // The line counts the bytes of all the files read, against their sizes.
    let listener = workListener
    var bytesBefore = 0
    if let listener {
      let sizes = Set(paths).map { FilePath.size(of: $0) ?? 0 }
      let label = paths.count == 1 ? FilePath.lastComponent(of: paths[0]) : "\(paths.count) files"
      listener.begin("importing \(label)", unit: .bytes, total: sizes.reduce(0, +))
    }
    defer { listener?.end() }
    for path in paths where named.insert(path).inserted {
      let tracks = try GPXReader.tracks(
        at: path, onChunk: listener.map { listener in { listener.update(done: bytesBefore + $0) } })
      bytesBefore += FilePath.size(of: path) ?? 0
      if tracks.isEmpty {
        throw MileQuestError.badData("\(path): no track points to import")
      }
      let groups = merge ? [tracks] : tracks.map { [$0] }
      for group in groups {
        let metres = group.map(\.lengthMetres).exactSum()
        let label = group.count == 1 ? (group[0].name.map { "track '\($0)'" } ?? "track") : "tracks"
        guard metres > 0 else {
          throw MileQuestError.badData("\(path): \(label) has zero length; nothing to import")
        }
        guard metres <= Distance.maxWalkMetres else {
          throw MileQuestError.badData(
            "\(path): \(label) is longer than the 1000 mi limit for one walk")
        }
        let first = group.compactMap(\.firstTime).filter { $0 >= Self.earliestPlausibleTime }.min()
        guard let day = first.map({ LocalDate.today(in: .current, now: $0) }) ?? fallbackDate
        else {
          throw MileQuestError.badData("\(path): the \(label) has no timestamps")
            .hinted(.giveDate)
        }
        if day > today {
          throw MileQuestError.badData("\(path): date \(day) is in the future (today is \(today))")
        }
        let elapsed = group.compactMap(\.elapsedSeconds).filter { $0 > 0 }
        // A recording with timestamps is one walk whatever file it is in (copies of it add
        // nothing); a track without them is only a shape, so its date is part of what
        // identifies it (the same loop walked on two days is two walks).
        var fingerprint = Fingerprint()
        group.forEach { fingerprint.add($0.fingerprint) }
        if first == nil { fingerprint.add("date=\(day)") }
        drafts.append(
          (
            Walk(
              memberId: 0, date: day, distanceMetres: metres,
              durationSeconds: elapsed.isEmpty ? nil : elapsed.exactSum(),
              note: group.count == 1 ? group[0].name.map { String($0.prefix(500)) } : nil,
              source: .gpx, externalId: "gpx:\(fingerprint.hex)"), first != nil
          ))
      }
    }
    let work = { (db: any StoreWriting) throws -> ImportReport in
      let member: Member
      if let handle {
        member = try db.requireMember(handle)
      } else {
        member = try actingMember(db, for: "importing a track")
      }
      if member.isArchived {
        throw MileQuestError.ruleViolation("member '\(member.handle)' is removed")
      }
      var report = ImportReport(added: 0, skipped: 0, dryRun: dryRun)
      var seen = Set<String>()
      var uncounted = UncountedWalkCollector(self, db)
      var occurrences: [String: Int] = [:]
      for draft in drafts {
        var walk = draft.walk
        walk.memberId = member.id ?? -1
        try uncounted.add(walk)
        var key = walk.externalId ?? ""
        if !draft.timed {
          // Identical untimed tracks of one command on one date: the n-th rule of
          // `import walks` (README "Imports"): the n-th is `gpx:HEX#n`.
          let count = (occurrences[key] ?? 0) + 1
          occurrences[key] = count
          if count > 1 { key += "#\(count)" }
          walk.externalId = key
        }
        let known = try db.walk(source: .gpx, externalId: key) != nil
        if !seen.insert(key).inserted || known {
          report.skipped += 1
        } else {
          _ = try db.insert(walk)
          report.added += 1
        }
      }
      report.warnings = try uncounted.messages()
      return report
    }
    return try writeImport(
      change: "import \(Plural.count(drafts.count, "GPX walk"))", dryRun: dryRun, work)
  }

  /// Creates a route from a GPX or GeoJSON file.
  public func createRoute(name: String, file path: String, format: RouteFileFormat) throws
    -> Route
  {
    let points =
      switch format {
      case .gpx: try GPXReader.route(at: path)
      case .geojson: try GeoJSONReader.route(at: path)
      }
    return try createRoute(name: name, points: points)
  }

  /// A stored route written as GPX or GeoJSON.
  public func exportRoute(name: String, format: RouteFileFormat) throws -> String {
    let route = try store.read { db in try db.requireRoute(name) }
    return switch format {
    case .gpx: GPXWriter.route(route)
    case .geojson: GeoJSONWriter.route(route)
    }
  }
}
