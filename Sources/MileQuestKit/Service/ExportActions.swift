/// Scriptable exports: stable columns, ISO dates, metres plus the display unit.
extension MileQuestService {
  /// Columns of a walk export (and of a walk import that wants an exact round trip).
  public static let walkColumns = [
    "id", "member", "date", "distance_m", "distance", "unit", "duration_s", "steps", "note",
    "source", "external_id", "activity",
  ]

  /// Writes one kind of record (every kind but `all`) in `format` through `write`, a chunk at
  /// a time: walks and route points stream from the database, so exporting a million walks or
  /// a 200,000-point route holds one row (the other kinds are small).
  public func export(
    _ kind: ExportKind, format: ExchangeFormat, write: (String) throws -> Void
  ) throws {
    switch kind {
    case .walks:
      try store.read { db in
        let handles = Dictionary(
          uniqueKeysWithValues: try db.allMembers().map { ($0.id ?? -1, $0.handle) })
        var rows = ExchangeRowWriter(columns: Self.walkColumns, format: format)
        var counter = WalkCounter(workListener, "exporting walks", db, WalkFilter())
        defer { counter.end() }
        try db.forEachWalk(WalkFilter()) { walk in
          counter.count()
          let row = WalkExportRow(walk: walk, handle: handles[walk.memberId] ?? "?", unit: unit)
          if let text = rows.add(row) {
            try write(text)
          }
        }
        try write(rows.finish())
      }
    case .routes:
      try store.read { db in
        var rows = ExchangeRowWriter(columns: Self.routeColumns, format: format)
        for route in try db.allRoutes() {
          try Self.forEachRouteRow(route) { row in
            if let text = rows.add(row) { try write(text) }
          }
        }
        try write(rows.finish())
      }
    case .members, .teams, .memberships, .goals, .all:
      try write(try exportTable(kind).rendered(as: format))
    }
  }

  static let routeColumns = ["route", "position", "lat", "lon", "label", "at_m"]

  /// A route's points as rows of `routeColumns`, with the distance along the route.
  private static func forEachRouteRow(
    _ route: Route, _ emit: ([JSONValue]) throws -> Void
  ) throws {
    let geometry = try route.geometry()
    for (index, point) in route.points.enumerated() {
      try emit([
        .string(route.name), .int(Int64(index)), .double(point.coordinate.latitude),
        .double(point.coordinate.longitude), JSONValue(point.label),
        .double(geometry.cumulative[index]),
      ])
    }
  }

  /// One walk as a row of `walkColumns`.
  func walkRow(_ walk: Walk, handle: String) -> [JSONValue] {
    JSONRowCells.values(of: WalkExportRow(walk: walk, handle: handle, unit: unit))
  }

  /// One kind of record as a table (every kind but `all`).
  public func exportTable(_ kind: ExportKind) throws -> ExchangeTable {
    try store.read { db in
      let members = try db.allMembers()
      let handles = Dictionary(uniqueKeysWithValues: members.map { ($0.id ?? -1, $0.handle) })
      let teams = try db.allTeams()
      let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id ?? -1, $0.name) })
      switch kind {
      case .walks, .all:
        return ExchangeTable(
          columns: Self.walkColumns,
          rows: try db.walks(WalkFilter()).map { walkRow($0, handle: handles[$0.memberId] ?? "?") })
      case .members:
        return ExchangeTable(
          columns: ["handle", "name", "email", "stride_m", "archived_on"],
          rows: members.map {
            [
              .string($0.handle), .string($0.name), JSONValue($0.email), .double($0.strideMetres),
              JSONValue($0.archivedOn?.description),
            ]
          })
      case .teams:
        return ExchangeTable(
          columns: ["name", "description", "max_members"],
          rows: teams.map {
            [.string($0.name), JSONValue($0.description), .int(Int64($0.maxMembers))]
          })
      case .memberships:
        return ExchangeTable(
          columns: ["team", "member", "role", "joined", "left"],
          rows: try teams.flatMap { team in
            try db.memberships(teamId: team.id ?? -1).map {
              [
                .string(team.name), .string(handles[$0.memberId] ?? "?"), .string($0.role.rawValue),
                .string($0.joined.description), JSONValue($0.left?.description),
              ]
            }
          })
      case .goals:
        let routes = Dictionary(
          uniqueKeysWithValues: try db.allRoutes().map { ($0.id ?? -1, $0.name) })
        return ExchangeTable(
          columns: [
            "name", "mode", "route", "target_m", "start", "end", "daily_cap_m", "state", "teams",
            "grace_days", "activities", "convert",
          ],
          rows: try db.allGoals().map { goal in
            [
              .string(goal.name), .string(goal.mode.rawValue),
              JSONValue(goal.routeId.flatMap { routes[$0] }), .double(goal.targetMetres),
              .string(goal.start.description), JSONValue(goal.end?.description),
              JSONValue(goal.dailyCapMetres), .string(goal.state.rawValue),
              .string(goal.teamIds.compactMap { teamNames[$0] }.joined(separator: ";")),
              .int(Int64(goal.graceDays)), .string(goal.activities.storedActivities),
              .string(goal.activities.storedConversions),
            ]
          })
      case .routes:
        var rows: [[JSONValue]] = []
        for route in try db.allRoutes() { try Self.forEachRouteRow(route) { rows.append($0) } }
        return ExchangeTable(columns: Self.routeColumns, rows: rows)
      }
    }
  }

  /// The whole database as one document that `importAll` reads back into an empty database.
  public func exportAll() throws -> JSONValue {
    try store.read { db in
      let head = try exportAllHead(db)
      var walks: [JSONValue] = []
      try db.forEachWalk(WalkFilter(includeDeleted: true)) {
        walks.append(walkObject($0, handle: head.handles[$0.memberId] ?? "?"))
      }
      return .object(
        try head.leading.map { ($0.name, try $0.whole()) }
          + [("routes", .array(head.routes.map(routeObject)))]
          + head.trailing.map { ($0.name, try $0.whole()) } + [("walks", .array(walks))])
    }
  }

  /// Writes the `export all` document through `write` in pieces of about 64 KiB: the same text
  /// as `exportAll().rendered()` and a newline, without holding a million walks or a route's
  /// points as JSON values (a 50,000-point route took 30 MB that way).
  ///
  /// With `skipped`, rows that cannot be read (changed outside milequest), and the rows that
  /// depend on them, are left out and described there instead of failing the export.
  public func exportAll(skipped: SkippedRows? = nil, write: (String) throws -> Void) throws {
    let read = { (body: (any StoreReading) throws -> Void) throws in
      if let skipped {
        try self.store.readSalvaging(skipped, body)
      } else {
        try self.store.read(body)
      }
    }
    try read { db in try exportAll(from: db, skipped: skipped, write: write) }
  }

  /// `exportAll(skipped:write:)` from `db`, inside a transaction the caller opened (a restore
  /// keeps the contents it replaces with it).
  func exportAll(
    from db: any StoreReading, skipped: SkippedRows? = nil, write: (String) throws -> Void
  ) throws {
    let head = try exportAllHead(db, skipped: skipped)
    var chunk = "{"
    var firstField = true
    func flushIfLarge() throws {
      if chunk.utf8.count > 1 << 16 {
        try write(chunk)
        chunk = ""
      }
    }
    func field(_ name: String) {
      chunk += (firstField ? "\n  " : ",\n  ") + JSONValue.quoted(name) + ": "
      firstField = false
    }
    /// An array at `indent` whose items `item` appends, as `JSONValue.rendered` lays it out.
    func array(indent: String, _ forEach: ((() throws -> Void) throws -> Void)) throws {
      var count = 0
      try forEach {
        chunk += (count == 0 ? "[\n" : ",\n") + indent + "  "
        count += 1
      }
      chunk += count == 0 ? "[]" : "\n" + indent + "]"
    }
    func fields(_ list: [ExportAllHead.Field]) throws {
      for item in list {
        field(item.name)
        switch item.value {
        case .single(let value):
          chunk += value.rendered(indent: "  ")
          try flushIfLarge()
        case .items(let count, let make):
          // One item at a time: 100,000 members as JSON values took 147 MiB at once.
          try array(indent: "  ") { next in
            for index in 0..<count {
              try next()
              chunk += try make(index).rendered(indent: "    ")
              try flushIfLarge()
            }
          }
        }
      }
    }
    try fields(head.leading)
    field("routes")
    try array(indent: "  ") { next in
      for route in head.routes {
        try next()
        chunk += "{\n      \"name\": " + JSONValue.quoted(route.name) + ",\n      \"points\": "
        try array(indent: "      ") { next in
          for point in route.points {
            try next()
            chunk += pointObject(point).rendered(indent: "        ")
            try flushIfLarge()
          }
        }
        chunk += "\n    }"
      }
    }
    try fields(head.trailing)
    field("walks")
    var counter = WalkCounter(
      workListener, "exporting walks", db, WalkFilter(includeDeleted: true))
    defer { counter.end() }
    try array(indent: "  ") { next in
      try db.forEachWalk(WalkFilter(includeDeleted: true)) { walk in
        counter.count()
        guard let handle = head.handles[walk.memberId] else {
          skipped?.append("walk \(walk.id ?? -1) (its member was left out)")
          if skipped != nil { return }
          throw MileQuestError.internalError("walk \(walk.id ?? -1) has no member")
        }
        try next()
        chunk += walkObject(walk, handle: handle)
          .rendered(indent: "    ")
        try flushIfLarge()
      }
    }
    try write(chunk + "\n}\n")
  }

  /// The `export all` document apart from its walks: the sections before the routes, the
  /// routes (written point by point when streamed), the sections after them, and the member
  /// handles by id.
  private struct ExportAllHead {
    /// A field of the document; an array's items are made one at a time as they are written.
    struct Field {
      enum Value {
        case single(JSONValue)
        case items(count: Int, (Int) throws -> JSONValue)
      }
      let name: String
      let value: Value

      init(_ name: String, _ value: JSONValue) {
        self.name = name
        self.value = .single(value)
      }

      init<Item>(_ name: String, _ items: [Item], _ make: @escaping (Item) throws -> JSONValue) {
        self.name = name
        value = .items(count: items.count) { try make(items[$0]) }
      }

      /// The whole value at once (the in-memory document).
      func whole() throws -> JSONValue {
        switch value {
        case .single(let value): value
        case .items(let count, let make): .array(try (0..<count).map(make))
        }
      }
    }
    var leading: [Field]
    var routes: [Route]
    var trailing: [Field]
    var handles: [Int64: String]
  }

  private func exportAllHead(_ db: any StoreReading, skipped: SkippedRows? = nil) throws
    -> ExportAllHead
  {
    do {
      let members = try db.allMembers()
      let handles = Dictionary(uniqueKeysWithValues: members.map { ($0.id ?? -1, $0.handle) })
      let teams = try db.allTeams()
      let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id ?? -1, $0.name) })
      let routes = try db.allRoutes()
      let routeNames = Dictionary(uniqueKeysWithValues: routes.map { ($0.id ?? -1, $0.name) })
      var memberships = try teams.flatMap { try db.memberships(teamId: $0.id ?? -1) }
        .sorted { ($0.id ?? 0) < ($1.id ?? 0) }
      var goals = try db.allGoals()
      if let skipped {
        memberships.removeAll { membership in
          if handles[membership.memberId] != nil { return false }
          skipped.append("membership \(membership.id ?? -1) (its member was left out)")
          return true
        }
        goals.removeAll { goal in
          if goal.teamIds.allSatisfy({ teamNames[$0] != nil })
            && goal.routeId.map({ routeNames[$0] != nil }) ?? true
          {
            return false
          }
          skipped.append("goal \(goal.id ?? -1) (a team or route of it was left out)")
          return true
        }
      }
      let leading: [ExportAllHead.Field] = [
        .init("format", .string(ExchangeDocument.format)),
        .init("version", .int(ExchangeDocument.version)),
        .init(JSONSchemaVersion.key, .int(JSONSchemaVersion.current)),
        .init("members", members) {
          .object([
            ("handle", .string($0.handle)), ("name", .string($0.name)),
            ("email", JSONValue($0.email)), ("stride_m", .double($0.strideMetres)),
            ("archived_on", JSONValue($0.archivedOn?.description)),
          ])
        },
        .init("teams", teams) {
          .object([
            ("name", .string($0.name)), ("description", JSONValue($0.description)),
            ("max_members", .int(Int64($0.maxMembers))),
          ])
        },
        .init("memberships", memberships) {
          .object([
            ("team", .string(teamNames[$0.teamId] ?? "?")),
            ("member", .string(handles[$0.memberId] ?? "?")),
            ("role", .string($0.role.rawValue)), ("joined", .string($0.joined.description)),
            ("left", JSONValue($0.left?.description)),
          ])
        },
      ]
      let goalObjects = try goals.map { goal in
        JSONValue.object([
          ("name", .string(goal.name)),
          ("route", JSONValue(goal.routeId.flatMap { routeNames[$0] })),
          ("target_m", .double(goal.targetMetres)), ("mode", .string(goal.mode.rawValue)),
          ("start", .string(goal.start.description)),
          ("end", JSONValue(goal.end?.description)),
          ("daily_cap_m", JSONValue(goal.dailyCapMetres)),
          ("state", .string(goal.state.rawValue)),
          ("teams", .array(goal.teamIds.compactMap { teamNames[$0] }.map { .string($0) })),
          ("grace_days", .int(Int64(goal.graceDays))),
          ("activities", Self.activitiesJSON(goal.activities)),
          ("convert", Self.convertJSON(goal.activities)),
          ("final", try finalObject(goal, db, handles: handles, teamNames: teamNames)),
        ])
      }
      let trailing: [ExportAllHead.Field] = [.init("goals", .array(goalObjects))]
      return ExportAllHead(
        leading: leading, routes: routes, trailing: trailing, handles: handles)
    }
  }

  /// A closed goal's final results in the `export all` document (null while it is open): the
  /// memberships and walks it counted when it closed, so a move keeps its results.
  private func finalObject(
    _ goal: Goal, _ db: any StoreReading, handles: [Int64: String], teamNames: [Int64: String]
  ) throws -> JSONValue {
    guard let id = goal.id, let final = try db.finalResults(goalId: id) else { return .null }
    return .object([
      ("status", .string(final.reason.rawValue)),
      ("closed_on", .string(final.closedOn.description)),
      (
        "memberships",
        .array(
          final.memberships.map {
            .object([
              ("team", .string(teamNames[$0.teamId] ?? "?")),
              ("member", .string(handles[$0.memberId] ?? "?")),
              ("role", .string($0.role.rawValue)), ("joined", .string($0.joined.description)),
              ("left", JSONValue($0.left?.description)),
            ])
          })
      ),
      (
        "walks",
        .array(
          final.walks.map {
            .object([
              ("id", JSONValue($0.id)), ("member", .string(handles[$0.memberId] ?? "?")),
              ("date", .string($0.date.description)), ("distance_m", .double($0.distanceMetres)),
              ("activity", .string($0.activity.rawValue)),
            ])
          })
      ),
    ])
  }

  /// One route of the `export all` document.
  private func routeObject(_ route: Route) -> JSONValue {
    .object([("name", .string(route.name)), ("points", .array(route.points.map(pointObject)))])
  }

  /// One route point of the `export all` document.
  private func pointObject(_ point: RoutePoint) -> JSONValue {
    .object([
      ("lat", .double(point.coordinate.latitude)), ("lon", .double(point.coordinate.longitude)),
      ("label", JSONValue(point.label)),
    ])
  }

  /// One walk of the `export all` document.
  private func walkObject(_ walk: Walk, handle: String) -> JSONValue {
    .object([
      ("id", JSONValue(walk.id)), ("member", .string(handle)),
      ("date", .string(walk.date.description)),
      ("distance_m", .double(walk.distanceMetres)),
      ("duration_s", JSONValue(walk.durationSeconds)), ("steps", JSONValue(walk.steps)),
      ("note", JSONValue(walk.note)), ("source", .string(walk.source.rawValue)),
      ("external_id", JSONValue(walk.externalId)), ("deleted", .bool(walk.isDeleted)),
      ("activity", .string(walk.activity.rawValue)),
    ])
  }

  /// A goal's full-distance activities as JSON: `["walk", "run", "hike", "wheelchair"]`.
  public static func activitiesJSON(_ counting: ActivityCounting) -> JSONValue {
    .array(counting.fullList.map { .string($0.rawValue) })
  }

  /// A goal's conversions as JSON: `[{"activity": "cycle", "factor": 0.33}]` (`[]` for
  /// none; an array, so that a csv row keeps it in one cell whatever the activities).
  public static func convertJSON(_ counting: ActivityCounting) -> JSONValue {
    .array(
      counting.factorList.map {
        .object([("activity", .string($0.activity.rawValue)), ("factor", .double($0.factor))])
      })
  }
}

/// Walks written by an export, told to a progress line every 1,024 rows against the count of
/// walks to write; with no listener it neither counts the walks nor keeps a count.
struct WalkCounter {
  private let listener: (any WorkListener)?
  private var done = 0

  init(
    _ listener: (any WorkListener)?, _ label: String, _ db: any StoreReading, _ filter: WalkFilter
  ) {
    self.listener = listener
    guard let listener else { return }
    listener.begin(label, unit: .rows, total: (try? db.walkCount(filter)) ?? nil)
  }

  /// One more walk written.
  @inline(__always)
  mutating func count() {
    guard let listener else { return }
    done += 1
    if done & 1023 == 0 { listener.update(done: done) }
  }

  func end() { listener?.end() }
}
