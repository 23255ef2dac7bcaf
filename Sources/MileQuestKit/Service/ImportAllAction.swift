import Foundation

/// `import all`: an `export all` document into an empty database.
extension MileQuestService {
  /// Counts of what `importAll` restored.
  public struct RestoreCounts: Sendable, Equatable {
    public var members = 0, teams = 0, memberships = 0, routes = 0, goals = 0, walks = 0
  }

  /// Reads an `export all` document into an empty database, in one transaction.
  ///
  /// The document was checked from end to end when it was opened; here each section is read
  /// one item at a time (in the order below, whatever the order in the file), so a million
  /// walks never sit in memory at once. Walks keep their ids (see `WalkRestore`).
  public func importAll(_ document: ExportAllDocument, file: String) throws -> RestoreCounts {
    try Self.requireSupported(document, file: file)
    return try store.write(change: "import all from \(FilePath.lastComponent(of: file))") {
      db in
      if try !db.allMembers().isEmpty || !db.allTeams().isEmpty || !db.allRoutes().isEmpty {
        throw MileQuestError.ruleViolation("import all needs an empty database")
          .hinted(.useEmptyDatabase)
      }
      return try fill(db, from: document, file: file)
    }
  }

  /// Refuses a document that is not an `export all` document of a version this milequest reads.
  static func requireSupported(_ document: ExportAllDocument, file: String) throws {
    guard document.format == .string(ExchangeDocument.format) else {
      throw MileQuestError.badData("\(file): not a milequest 'export all' document")
    }
    guard document.version == .int(ExchangeDocument.version) else {
      throw MileQuestError.badData(
        "\(file): document version \(document.version?.rendered() ?? "?") is not supported")
    }
    // An export written before `schema_version` existed has none, and reads as version 1.
    try JSONSchemaVersion.requireReadable(document.schemaVersion, file: file)
  }

  /// Writes the contents of `document` into `db`, an empty database, inside the caller's
  /// write transaction (`import all`, and `restore` on a server).
  func fill(_ db: any StoreWriting, from document: ExportAllDocument, file: String) throws
    -> RestoreCounts
  {
    var counts = RestoreCounts()
    let reader = DocumentReader(document: document, file: file)
    var memberIds: [String: Int64] = [:]
    // Every record passes the rules its own entrance applies (RecordRules); an error names
    // the file and the record's place in the document, as `FILE: walks[12]: reason`.
    try reader.forEach("members") { item in
      let draft = Member(
        handle: try reader.string(item, "handle"),
        name: try reader.string(item, "name"), email: reader.optionalString(item, "email"),
        strideMetres: try reader.double(item, "stride_m"),
        archivedOn: try reader.optionalDate(item, "archived_on"))
      try RecordRules.member(draft)
      let member = try db.insert(draft)
      memberIds[member.handle] = member.id
      counts.members += 1
    }
    var teamIds: [String: Int64] = [:]
    var teams: [Team] = []
    try reader.forEach("teams") { item in
      let draft = Team(
        name: try reader.string(item, "name"),
        description: reader.optionalString(item, "description"),
        maxMembers: try reader.integer(item, "max_members"))
      try RecordRules.team(draft)
      let team = try db.insert(draft)
      teamIds[team.name] = team.id
      teams.append(team)
      counts.teams += 1
    }
    var memberships: [Int64: [Membership]] = [:]
    try reader.forEach("memberships") { item in
      guard let teamId = teamIds[try reader.string(item, "team")] else {
        throw reader.bad("team", item)
      }
      guard let memberId = memberIds[try reader.string(item, "member")] else {
        throw reader.bad("member", item)
      }
      guard let role = Role(rawValue: try reader.string(item, "role")) else {
        throw reader.bad("role (captain or member)", item)
      }
      let draft = Membership(
        teamId: teamId, memberId: memberId, role: role, joined: try reader.date(item, "joined"),
        left: try reader.optionalDate(item, "left"))
      try RecordRules.membership(draft)
      memberships[teamId, default: []].append(try db.insert(draft))
      counts.memberships += 1
    }
    for (index, team) in teams.enumerated() {
      let problems = RecordRules.teamProblems(
        team, memberships: memberships[team.id ?? -1] ?? [], today: today)
      if let first = problems.first {
        throw MileQuestError.badData("\(file): teams[\(index)]: \(first)")
      }
    }
    var routeIds: [String: Int64] = [:]
    try reader.forEach("routes") { item in
      guard case .array(let points)? = item["points"] else { throw reader.bad("points", item) }
      let draft = Route(
        name: try reader.string(item, "name"),
        points: try points.map { point in
          RoutePoint(
            coordinate: try Coordinate.validated(
              latitude: try reader.double(point, "lat"),
              longitude: try reader.double(point, "lon")),
            label: reader.optionalString(point, "label"))
        })
      try RecordRules.route(draft)
      let route = try db.insert(draft)
      try db.saveMilestones(
        Milestone.of(route: route, geometry: try route.geometry()), routeId: route.id ?? -1)
      routeIds[route.name] = route.id
      counts.routes += 1
    }
    try reader.forEach("goals") { item in
      guard case .array(let names)? = item["teams"] else { throw reader.bad("teams", item) }
      guard let mode = GoalMode(rawValue: try reader.string(item, "mode")) else {
        throw reader.bad("mode (race or together)", item)
      }
      guard let state = GoalState(rawValue: try reader.string(item, "state")) else {
        throw reader.bad("state", item)
      }
      let ids = try names.map { name -> Int64 in
        guard case .string(let text) = name, let id = teamIds[text] else {
          throw reader.bad("team", item)
        }
        return id
      }
      let graceDays = try reader.optionalInteger(item, "grace_days") ?? 0
      guard (0...366).contains(graceDays) else {
        throw reader.bad("grace_days (0 to 366)", item)
      }
      let draft = Goal(
        name: try reader.string(item, "name"),
        routeId: try reader.optionalString(item, "route").map { name in
          guard let id = routeIds[name] else { throw reader.bad("route", item) }
          return id
        },
        targetMetres: try reader.double(item, "target_m"), mode: mode,
        start: try reader.date(item, "start"), end: try reader.optionalDate(item, "end"),
        dailyCapMetres: reader.optionalDouble(item, "daily_cap_m"),
        graceDays: Int(graceDays), state: state, teamIds: ids,
        activities: try reader.activities(item))
      try RecordRules.goal(draft)
      let goal = try db.insert(draft)
      if let final = item["final"], final != .null {
        try db.saveFinalResults(
          try reader.finalResults(final, teamIds: teamIds, memberIds: memberIds),
          goalId: goal.id ?? -1)
      }
      counts.goals += 1
    }
    var walks = try reader.items("walks")
    var index = -1
    // The walks are nearly all of a big document: the line counts the bytes of their list
    // read, every 1,024 walks.
    let listener = workListener
    listener?.begin(
      "importing walks from \(FilePath.lastComponent(of: file))", unit: .bytes,
      total: document.byteCount(of: "walks"))
    defer { listener?.end() }
    counts.walks = try WalkRestore.insert(into: db) {
      guard let item = try walks.next() else { return nil }
      index += 1
      if let listener, index & 1023 == 1023 { listener.update(done: walks.bytesRead) }
      return try reader.at("walks", index) {
        guard let memberId = memberIds[try reader.string(item, "member")] else {
          throw reader.bad("member", item)
        }
        guard let source = WalkSource(rawValue: try reader.string(item, "source")) else {
          throw reader.bad("source (manual, gpx or import)", item)
        }
        let walk = Walk(
          id: try reader.optionalInteger(item, "id"), memberId: memberId,
          date: try reader.date(item, "date"),
          distanceMetres: try reader.double(item, "distance_m"),
          durationSeconds: reader.optionalDouble(item, "duration_s"),
          steps: try reader.optionalInteger(item, "steps").map { Int($0) },
          activity: try reader.activity(item), note: reader.optionalString(item, "note"),
          source: source, externalId: reader.optionalString(item, "external_id"),
          isDeleted: item["deleted"] == .bool(true))
        try RecordRules.walk(walk, today: today)
        return walk
      }
    }
    return counts
  }

  /// Reads a parsed `export all` document (tests, callers that built one): rendered and read
  /// back through the same path as a file.
  public func importAll(_ document: JSONValue, file: String) throws -> RestoreCounts {
    try importAll(
      try ExportAllDocument(bytes: Array(document.compact().utf8), name: file), file: file)
  }
}

/// Typed access to an `export all` document, with errors that name the file and the record.
private struct DocumentReader {
  let document: ExportAllDocument
  let file: String

  /// The items of the list `key`, read one at a time.
  func items(_ key: String) throws -> ExportAllDocument.Items {
    guard let items = try document.items(of: key) else {
      throw MileQuestError.badData("\(file): '\(key)' is missing or not a list")
    }
    return items
  }

  /// Calls `body` with each item of the list `key` in turn.
  func forEach(_ key: String, _ body: (JSONValue) throws -> Void) throws {
    var items = try items(key)
    var index = 0
    while let item = try items.next() {
      try at(key, index) { try body(item) }
      index += 1
    }
  }

  /// Runs `body` for item `index` of the list `key`: a bad-data error names the file and the
  /// item's JSON path, `FILE: walks[12]: reason`.
  func at<T>(_ key: String, _ index: Int, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch MileQuestError.badData(let reason) {
      throw MileQuestError.badData("\(file): \(key)[\(index)]: \(reason)")
    } catch MileQuestError.ruleViolation(let reason) {
      throw MileQuestError.ruleViolation("\(file): \(key)[\(index)]: \(reason)")
    } catch MileQuestError.duplicate(let kind, let name) {
      throw MileQuestError.badData("\(file): \(key)[\(index)]: \(kind) '\(name)' appears twice")
    }
  }

  /// A closed goal's final results (`export all`'s `final` of a goal).
  func finalResults(
    _ item: JSONValue, teamIds: [String: Int64], memberIds: [String: Int64]
  ) throws -> FinalResults {
    guard let reason = FinalResults.Reason(rawValue: try string(item, "status")),
      case .array(let memberships)? = item["memberships"], case .array(let walks)? = item["walks"]
    else { throw bad("final results", item) }
    return FinalResults(
      reason: reason, closedOn: try date(item, "closed_on"),
      memberships: try memberships.map { entry in
        guard let teamId = teamIds[try string(entry, "team")],
          let memberId = memberIds[try string(entry, "member")],
          let role = Role(rawValue: try string(entry, "role"))
        else { throw bad("final membership", entry) }
        return Membership(
          teamId: teamId, memberId: memberId, role: role, joined: try date(entry, "joined"),
          left: try optionalDate(entry, "left"))
      },
      walks: try walks.map { entry in
        guard let memberId = memberIds[try string(entry, "member")] else {
          throw bad("final walk", entry)
        }
        return Walk(
          id: try optionalInteger(entry, "id"), memberId: memberId, date: try date(entry, "date"),
          distanceMetres: try double(entry, "distance_m"), activity: try activity(entry))
      })
  }

  /// A walk's `activity`; a document written before activities has none: `walk`.
  func activity(_ item: JSONValue) throws -> Activity {
    guard let value = item["activity"], value != .null else { return .walk }
    guard case .string(let name) = value, let activity = Activity(rawValue: name) else {
      throw bad(
        "activity (" + Activity.allCases.map(\.rawValue).joined(separator: ", ") + ")", item)
    }
    return activity
  }

  /// A goal's `activities` and `convert`; a document written before them has neither: the
  /// default.
  func activities(_ item: JSONValue) throws -> ActivityCounting {
    var full = Activity.countedByDefault
    var factors: [Activity: Double] = [:]
    if let value = item["activities"], value != .null {
      guard case .array(let names) = value else { throw bad("activities", item) }
      full = try Set(
        names.map { name in
          guard case .string(let text) = name, let activity = Activity(rawValue: text) else {
            throw bad("activities", item)
          }
          return activity
        })
    }
    if let value = item["convert"], value != .null {
      guard case .array(let pairs) = value else { throw bad("convert", item) }
      for pair in pairs {
        guard let activity = Activity(rawValue: try string(pair, "activity")),
          let factor = optionalDouble(pair, "factor"), factor > 0,
          factor <= ActivityCounting.maximumFactor, !full.contains(activity),
          factors[activity] == nil
        else { throw bad("convert", item) }
        factors[activity] = factor
      }
    }
    if full.isEmpty && factors.isEmpty { throw bad("activities (none counted)", item) }
    return ActivityCounting(full: full, factors: factors)
  }

  func bad(_ what: String, _ item: JSONValue) -> MileQuestError {
    let shown = item.compact()
    return .badData("bad \(what) in \(shown.prefix(120))\(shown.count > 120 ? "…" : "")")
  }

  func string(_ item: JSONValue, _ key: String) throws -> String {
    guard case .string(let text)? = item[key] else { throw bad(key, item) }
    return text
  }

  func optionalString(_ item: JSONValue, _ key: String) -> String? {
    if case .string(let text)? = item[key] { return text }
    return nil
  }

  func double(_ item: JSONValue, _ key: String) throws -> Double {
    guard let value = optionalDouble(item, key) else { throw bad(key, item) }
    return value
  }

  func optionalDouble(_ item: JSONValue, _ key: String) -> Double? {
    switch item[key] {
    case .double(let value)?: value
    case .int(let value)?: Double(value)
    default: nil
    }
  }

  func integer(_ item: JSONValue, _ key: String) throws -> Int {
    guard let value = try optionalInteger(item, key) else { throw bad(key, item) }
    return Int(value)
  }

  /// A number as an integer, its fraction dropped (as before); refused when out of range
  /// (1e300 used to crash the conversion).
  func optionalInteger(_ item: JSONValue, _ key: String) throws -> Int64? {
    guard let value = optionalDouble(item, key) else { return nil }
    guard let integer = Int64(exactly: value.rounded(.towardZero)) else { throw bad(key, item) }
    return integer
  }

  func date(_ item: JSONValue, _ key: String) throws -> LocalDate {
    guard let date = try optionalDate(item, key) else { throw bad(key, item) }
    return date
  }

  func optionalDate(_ item: JSONValue, _ key: String) throws -> LocalDate? {
    guard let text = optionalString(item, key) else { return nil }
    guard let date = LocalDate(text) else {
      throw MileQuestError.badData(
        "bad \(key) '\(Validation.printable(String(text.prefix(40))))': use a date YYYY-MM-DD "
          + "(years 0001-9999)")
    }
    return date
  }
}
