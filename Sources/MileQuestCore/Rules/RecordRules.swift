/// The rules every stored record obeys (SPEC §1), in one place: the entrances that build
/// records from text (`log`, `member add`, `team create`, `import walks`) check their inputs
/// with `Validation` and these limits; `import all` checks each whole record with the functions
/// below, and `check` runs the same functions over a stored database.
///
/// Each function throws `.badData` (or `.ruleViolation`) with a reason that names the field.
public enum RecordRules {
  // MARK: Limits shared with the stored-row reader

  /// What a walk's distance must be, for messages.
  package static let walkDistanceRule = "must be more than 0 and at most 1000 mi"

  /// A walk's distance in metres: more than 0 and at most 1 000 mi.
  package static func isWalkDistance(_ metres: Double) -> Bool {
    metres.isFinite && metres > 0 && metres <= Distance.maxWalkMetres * (1 + 1e-12)
  }

  /// What a stride must be, for messages.
  package static let strideRule = "must be in (0.2 m, 2.5 m]"

  /// A stride in metres, as `DistanceInput.parseStride` accepts it.
  package static func isStride(_ metres: Double) -> Bool {
    metres.isFinite && metres > 0.2 && metres <= 2.5
  }

  /// A team's `max_members`.
  package static let maxMembersRange = 1...10_000
  package static let maxMembersRule = "must be 1-10000"

  /// Steps of one walk, as `log --steps` accepts them.
  package static let stepsRange = 0...2_000_000

  /// The last date milequest reads or writes: "YYYY-MM-DD" has four digits of year.
  public static let latestDate = LocalDate(dayNumber: 2_932_896)  // 9999-12-31

  // MARK: Whole records

  /// A date no later than 9999-12-31.
  package static func date(_ date: LocalDate, what: String) throws {
    if date > latestDate || date.year < 1 {
      throw MileQuestError.badData("\(what) \(date) is outside 0001-01-01…9999-12-31")
    }
  }

  /// A member as `member add` would create it.
  public static func member(_ member: Member) throws {
    let handle = try Validation.handle(member.handle)
    if handle != member.handle {
      throw MileQuestError.badData(
        "bad handle '\(Validation.printable(member.handle))': "
          + "must be lower-case")
    }
    _ = try Validation.text(member.name, what: "name", length: 1...80)
    if let email = member.email, !email.isEmpty { _ = try Validation.email(email) }
    if !isStride(member.strideMetres) {
      throw MileQuestError.badData("bad stride_m \(member.strideMetres): \(strideRule)")
    }
    if let archived = member.archivedOn { try date(archived, what: "archived_on") }
  }

  /// A team as `team create` would create it.
  public static func team(_ team: Team) throws {
    _ = try Validation.text(team.name, what: "team name", length: 1...60)
    if let description = team.description {
      _ = try Validation.text(description, what: "description", length: 0...500)
    }
    _ = try Validation.count(team.maxMembers, what: "max_members", in: maxMembersRange)
  }

  /// A membership's own fields: `left`, when set, is not before `joined`.
  public static func membership(_ membership: Membership) throws {
    try date(membership.joined, what: "joined")
    if let left = membership.left {
      try date(left, what: "left")
      if left < membership.joined {
        throw MileQuestError.badData(
          "left \(left) is before joined \(membership.joined)")
      }
    }
  }

  /// The rules over a team's memberships on `today`: at least one current captain, and no
  /// more current members than `max_members`. Returns the problems (empty when none).
  public static func teamProblems(_ team: Team, memberships: [Membership], today: LocalDate)
    -> [String]
  {
    let current = memberships.filter { $0.isCurrent(on: today) }
    var problems: [String] = []
    if !current.contains(where: { $0.role == .captain }) {
      problems.append("team '\(Validation.printable(team.name))' has no captain")
    }
    let members = Set(current.map(\.memberId)).count
    if members > team.maxMembers {
      problems.append(
        "team '\(Validation.printable(team.name))' has \(members) members, more than its "
          + "max_members \(team.maxMembers)")
    }
    return problems
  }

  /// A walk as `log` would store it, dated no later than `today`.
  public static func walk(_ walk: Walk, today: LocalDate) throws {
    try date(walk.date, what: "date")
    if walk.date > today {
      throw MileQuestError.badData("date \(walk.date) is in the future (today is \(today))")
    }
    if !isWalkDistance(walk.distanceMetres) {
      throw MileQuestError.badData(
        "bad distance_m \(walk.distanceMetres.messageText): \(walkDistanceRule)")
    }
    if let seconds = walk.durationSeconds,
      !(seconds.isFinite && seconds > 0 && seconds <= DurationInput.maxSeconds)
    {
      throw MileQuestError.badData(
        "bad duration_s \(seconds.messageText): must be more than 0 and at most 7 days")
    }
    if let steps = walk.steps { _ = try Validation.count(steps, what: "steps", in: stepsRange) }
    if let note = walk.note { _ = try Validation.text(note, what: "note", length: 0...500) }
  }

  /// A route as `route create` would create it.
  public static func route(_ route: Route) throws {
    _ = try Validation.text(route.name, what: "route name", length: 1...80)
    if route.points.count < 2 {
      throw MileQuestError.badData("a route needs at least 2 points, got \(route.points.count)")
    }
    for (index, point) in route.points.enumerated() {
      do {
        _ = try Coordinate.validated(
          latitude: point.coordinate.latitude, longitude: point.coordinate.longitude)
        if let label = point.label { _ = try Validation.text(label, what: "label", length: 1...80) }
      } catch let error as MileQuestError {
        throw MileQuestError.badData("point \(index): \(error)")
      }
    }
  }

  /// A goal as `goal create` would create it.
  public static func goal(_ goal: Goal) throws {
    _ = try Validation.text(goal.name, what: "goal name", length: 1...80)
    if goal.teamIds.isEmpty { throw MileQuestError.badData("a goal needs at least one team") }
    if Set(goal.teamIds).count != goal.teamIds.count {
      throw MileQuestError.badData("a team is named twice")
    }
    guard goal.targetMetres.isFinite, goal.targetMetres > 0 else {
      throw MileQuestError.badData(
        "bad target_m \(goal.targetMetres.messageText): must be more than 0")
    }
    if let cap = goal.dailyCapMetres, !(cap.isFinite && cap > 0) {
      throw MileQuestError.badData("bad daily_cap_m \(cap.messageText): must be more than 0")
    }
    try date(goal.start, what: "start")
    if let end = goal.end {
      try date(end, what: "end")
      if end < goal.start {
        throw MileQuestError.badData("end date \(end) is before the start date \(goal.start)")
      }
    }
  }
}
