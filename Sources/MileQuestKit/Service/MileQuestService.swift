/// Every user action and report, as one Kit call each: the rules live here, the CLI only
/// parses and prints.
///
/// Each changing action runs in one store transaction, so on any error nothing is changed.
public struct MileQuestService: Sendable {
  public let store: any MileQuestStore
  /// The local calendar day the actions happen on (injected so tests never read the clock).
  public let today: LocalDate
  /// Handle of the acting member, if any.
  public let actingHandle: String?
  /// The unit a bare number means in distance input.
  public let unit: DistanceUnit
  /// The first day of a `week` period.
  public let weekStart: WeekStart
  /// Who hears the counts of long work (imports, exports, backups, checks): the CLI's
  /// progress line on a terminal, nil otherwise (then nothing is counted).
  public var workListener: (any WorkListener)?

  public init(
    store: any MileQuestStore, today: LocalDate, actingHandle: String? = nil,
    unit: DistanceUnit = .mi, weekStart: WeekStart = .monday
  ) {
    self.store = store
    self.today = today
    self.actingHandle = actingHandle
    self.unit = unit
    self.weekStart = weekStart
  }

  /// The acting member, which the action needs.
  func actingMember(_ db: any StoreReading, for action: String) throws -> Member {
    guard let handle = actingHandle else {
      throw MileQuestError.usage("\(action) needs an acting member").hinted(.nameActingMember)
    }
    return try db.requireMember(handle)
  }

  /// Throws `.notAllowed` unless `member` is currently a captain of `team`.
  ///
  /// Captain powers end at once when the member is removed (archived) or leaves the team,
  /// even though the membership still counts walks until its `left` day: a captain is one
  /// whose captain membership has no leave date (as `requireAnotherCaptain` counts them).
  func requireCaptain(
    _ member: Member, of team: Team, _ db: any StoreReading, to action: String
  ) throws {
    if member.isArchived {
      throw MileQuestError.notAllowed(
        action: action, reason: "'\(member.handle)' has been removed")
    }
    let current = try db.memberships(teamId: team.id ?? -1).filter {
      $0.memberId == member.id && $0.left == nil
    }
    guard current.contains(where: { $0.role == .captain }) else {
      throw MileQuestError.notAllowed(
        action: action, reason: "'\(member.handle)' is not a captain of '\(team.name)'")
    }
  }
}

extension StoreReading {
  /// The member with this handle, or `.unknown` (exit 67).
  func requireMember(_ handle: String) throws -> Member {
    guard let member = try member(handle: handle) else {
      throw MileQuestError.unknown(kind: "member", name: handle)
    }
    return member
  }

  /// The team with this name, or `.unknown` (exit 67).
  func requireTeam(_ name: String) throws -> Team {
    guard let team = try team(name: name) else {
      throw MileQuestError.unknown(kind: "team", name: name)
    }
    return team
  }

  /// The route with this name, or `.unknown` (exit 67).
  func requireRoute(_ name: String) throws -> Route {
    guard let route = try route(name: name) else {
      throw MileQuestError.unknown(kind: "route", name: name)
    }
    return route
  }

  /// The goal with this name, or `.unknown` (exit 67).
  func requireGoal(_ name: String) throws -> Goal {
    guard let goal = try goal(name: name) else {
      throw MileQuestError.unknown(kind: "goal", name: name)
    }
    return goal
  }

  /// The (not deleted) walk with this id, or `.unknown` (exit 67); an id below 1 is bad data.
  func requireWalk(_ id: Int64) throws -> Walk {
    if id <= 0 {
      throw MileQuestError.badData("bad walk id \(id): walk ids are whole numbers from 1")
    }
    guard let walk = try walk(id: id), !walk.isDeleted else {
      throw MileQuestError.unknown(kind: "walk", name: String(id))
    }
    return walk
  }
}
