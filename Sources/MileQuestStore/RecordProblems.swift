import MileQuestCore

/// `check`'s rule pass, the one implementation every back end runs: each stored row, as the
/// commands read it, held to the rules of its entrance (`RecordRules`), and each team to the
/// rules over its memberships; every problem listed as "walk 12: reason", not only the first.
///
/// A back end feeds it its rows in table order (members, teams, memberships, routes, goals,
/// walks), each by id, through a closure that reads the row as the commands read it: a row
/// that does not read (a value outside its column's limits, named with the column) is a
/// problem of that row like a broken rule, and the pass goes on. SQLite (`RecordCheck`) and
/// PostgreSQL (`PostgresStore.check`) read their own rows this way and share the rest.
public struct RecordProblems {
  /// The problems found so far, in the order found.
  public private(set) var list: [String] = []
  /// The day that decides which walks are in the future and who is in a team now.
  public let today: LocalDate
  private var teams: [Team] = []
  private var memberships: [Int64: [Membership]] = [:]

  public init(today: LocalDate) { self.today = today }

  /// Runs `body`; an error it throws becomes a problem of `row` ("walk 12: reason").
  public mutating func note(_ row: @autoclosure () -> String, _ body: () throws -> Void) {
    do {
      try body()
    } catch let error as MileQuestError {
      let label = row()
      var text = error.description
      if text.hasSuffix(SkippedRows.hint) { text.removeLast(SkippedRows.hint.count) }
      if text.hasPrefix("stored ") { text.removeFirst("stored ".count) }
      if text.hasPrefix(label + " has a ") { text.removeFirst((label + " has a ").count) }
      list.append("\(label): " + text)
    } catch {
      list.append("\(row()): \(error)")
    }
  }

  /// The member row `id`, read by `read`.
  public mutating func member(_ id: String, _ read: () throws -> Member) {
    note("member \(id)") { try RecordRules.member(try read()) }
  }

  /// The team row `id`, kept for `teamRules` when it reads and keeps its own rules.
  public mutating func team(_ id: String, _ read: () throws -> Team) {
    if let team = kept("team \(id)", read, RecordRules.team) { teams.append(team) }
  }

  /// The membership row `id`, kept for `teamRules` when it reads and keeps its own rules.
  public mutating func membership(_ id: String, _ read: () throws -> Membership) {
    if let membership = kept("membership \(id)", read, RecordRules.membership) {
      memberships[membership.teamId, default: []].append(membership)
    }
  }

  /// The row `read` gives when it reads and keeps `rules`; nil (and a problem of `row`)
  /// otherwise.
  private mutating func kept<Row>(
    _ row: String, _ read: () throws -> Row, _ rules: (Row) throws -> Void
  ) -> Row? {
    var kept: Row?
    note(row) {
      let value = try read()
      try rules(value)
      kept = value
    }
    return kept
  }

  /// The rules over each team's memberships (a captain, no more members than its limit),
  /// after every team and membership was given.
  public mutating func teamRules() {
    for team in teams {
      for problem in RecordRules.teamProblems(
        team, memberships: memberships[team.id ?? -1] ?? [], today: today)
      {
        list.append("team \(team.id ?? -1): \(problem)")
      }
    }
  }

  /// The route row `id` with its points.
  public mutating func route(_ id: String, _ read: () throws -> Route) {
    note("route \(id)") { try RecordRules.route(try read()) }
  }

  /// The goal row `id` with its teams.
  public mutating func goal(_ id: String, _ read: () throws -> Goal) {
    note("goal \(id)") { try RecordRules.goal(try read()) }
  }

  /// The walk row `id`.
  public mutating func walk(_ id: String, _ read: () throws -> Walk) {
    let today = today
    note("walk \(id)") { try RecordRules.walk(try read(), today: today) }
  }

  /// Routes whose saved milestones (`savedMilestones`) no longer match their points, as when
  /// another program changed the points, read through the store protocol.
  public static func staleMilestones(_ db: any StoreReading) throws -> [String] {
    try db.allRoutes().sorted { ($0.id ?? 0) < ($1.id ?? 0) }.compactMap { route in
      guard let saved = try db.savedMilestones(routeId: route.id ?? -1) else { return nil }
      let measured = try? Milestone.of(route: route, geometry: route.geometry())
      if measured == saved { return nil }
      return "saved milestones of route '\(route.name)' do not match its points (was the database "
        + "changed by another program? 'DELETE FROM routeMilestone' makes milequest measure again)"
    }
  }
}
