/// Teams, memberships and roles.
extension MileQuestService {
  /// Creates a team with the acting member as its first captain.
  ///
  /// - Parameter since: date text for the creator's join (back-dating), or nil for today.
  public func createTeam(
    name: String, description: String?, maxMembers: Int?, since: String?
  ) throws -> Team {
    let name = try Validation.text(name, what: "team name", length: 1...60)
    let description = try description.map {
      try Validation.text($0, what: "description", length: 0...500)
    }
    let maxMembers = try Validation.count(
      maxMembers ?? Team.defaultMaxMembers, what: "max members", in: 1...10_000)
    let joined = try since.map { try DateInput.parse($0, today: today) } ?? today
    return try writeChange("create team \(name)") { db in
      let creator = try actingMember(db, for: "creating a team")
      if creator.isArchived {
        throw MileQuestError.ruleViolation("member '\(creator.handle)' is removed")
      }
      if let existing = try db.team(name: name) {
        throw MileQuestError.duplicate(kind: "team", name: existing.name)
      }
      let team = try db.insert(
        Team(name: name, description: description, maxMembers: maxMembers))
      _ = try db.insert(
        Membership(
          teamId: team.id ?? -1, memberId: creator.id ?? -1, role: .captain, joined: joined))
      return team
    }
  }

  /// What `team add` or `team remove` did to one member's membership.
  public struct MembershipChange: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      /// A new membership.
      case added
      /// The current membership's join date moved from this date (it may be the same).
      case joinMoved(from: LocalDate)
      /// The membership ends on its `left` date.
      case ended
      /// A past membership's leave date moved from this date (it may be the same).
      case leaveMoved(from: LocalDate)
    }
    public var membership: Membership
    public var kind: Kind
  }

  /// Changes a team's name, description or member limit (captains only); nil leaves a field
  /// as it is, an empty description clears it. Goals, memberships and walks refer to the team
  /// by id, so a rename keeps its history. A limit below the current member count is
  /// refused. An edit that changes nothing writes nothing (no step for `undo`).
  public func editTeam(
    _ teamName: String, name newName: String?, description: String?, maxMembers: Int?
  ) throws -> (team: Team, changed: Bool) {
    let newName = try newName.map { try Validation.text($0, what: "team name", length: 1...60) }
    let description = try description.map {
      try Validation.text($0, what: "description", length: 0...500)
    }
    let maxMembers = try maxMembers.map {
      try Validation.count($0, what: "max members", in: 1...10_000)
    }
    return try writeChange("edit team \(teamName)") { db in
      let team = try db.requireTeam(teamName)
      let actor = try actingMember(db, for: "editing a team")
      try requireCaptain(actor, of: team, db, to: "edit team '\(team.name)'")
      var edited = team
      if let newName {
        if let existing = try db.team(name: newName), existing.id != team.id {
          throw MileQuestError.duplicate(kind: "team", name: existing.name)
        }
        edited.name = newName
      }
      if let description { edited.description = description.isEmpty ? nil : description }
      if let maxMembers {
        let current = Set(
          try db.memberships(teamId: team.id ?? -1).filter { $0.isCurrent(on: today) }
            .map(\.memberId)
        ).count
        if maxMembers < current {
          throw MileQuestError.ruleViolation(
            "team '\(team.name)' has \(current) members; a limit of \(maxMembers) would be "
              + "below that (remove members first)")
        }
        edited.maxMembers = maxMembers
      }
      if edited == team { return (team, false) }
      try db.update(edited)
      return (edited, true)
    }
  }

  /// Adds members to a team (captains only); see `addOrMoveInTeam`.
  public func addToTeam(
    team teamName: String, handles: [String], role: Role, since: String?
  ) throws -> [Membership] {
    try addOrMoveInTeam(team: teamName, handles: handles, role: role, since: since)
      .map(\.membership)
  }

  /// Adds members to a team (captains only). With `since`, a member already in the team has
  /// their current membership's join date moved to it instead (refused when it would overlap
  /// another of their memberships of the team, or not be before the leave date).
  ///
  /// - Parameter role: the new members' role (default member); for a member already in the
  ///   team it must be nil or their role (roles change with promote and demote).
  public func addOrMoveInTeam(
    team teamName: String, handles: [String], role: Role?, since: String?
  ) throws -> [MembershipChange] {
    let joined = try since.map { try DateInput.parse($0, today: today) } ?? today
    return try writeChange(
      "add \(handles.joined(separator: ", ")) to \(teamName)", completing: true
    ) {
      db in
      let team = try db.requireTeam(teamName)
      let actor = try actingMember(db, for: "adding members")
      try requireCaptain(actor, of: team, db, to: "add members to '\(team.name)'")
      var history = try db.memberships(teamId: team.id ?? -1)
      var added: [MembershipChange] = []
      for handle in handles {
        let member = try db.requireMember(handle)
        if member.isArchived {
          throw MileQuestError.ruleViolation("member '\(member.handle)' is removed")
        }
        let own = history.filter { $0.memberId == member.id }
        if let current = own.last(where: { $0.isCurrent(on: today) }) {
          guard since != nil else {
            throw MileQuestError.ruleViolation(
              "'\(member.handle)' is already in team '\(team.name)' (since \(current.joined))"
            ).hinted(.moveJoinDate(team: team.name, handle: member.handle))
          }
          if let role, role != current.role {
            throw MileQuestError.ruleViolation(
              "'\(member.handle)' is already a \(current.role.rawValue) of '\(team.name)'; "
                + "roles change with team promote and team demote")
          }
          let moved = try moveJoin(current, to: joined, among: own, team, member, db)
          history = history.map { $0.id == moved.id ? moved : $0 }
          added.append(MembershipChange(membership: moved, kind: .joinMoved(from: current.joined)))
          continue
        }
        if let last = own.compactMap(\.left).max(), joined < last {
          throw MileQuestError.ruleViolation(
            "'\(member.handle)' was in team '\(team.name)' until \(last); "
              + "a new membership cannot start before that")
        }
        let current = Set(history.filter { $0.isCurrent(on: today) }.map(\.memberId))
        if current.count >= team.maxMembers {
          throw MileQuestError.ruleViolation(
            "team '\(team.name)' is full (at most \(team.maxMembers))"
          ).hinted(.raiseMemberLimit(team: team.name))
        }
        let membership = try db.insert(
          Membership(
            teamId: team.id ?? -1, memberId: member.id ?? -1, role: role ?? .member,
            joined: joined))
        history.append(membership)
        added.append(MembershipChange(membership: membership, kind: .added))
      }
      return added
    }
  }

  /// Whether the periods `[joined, left)` of two memberships share a day.
  static func periodsOverlap(_ a: Membership, _ b: Membership) -> Bool {
    (b.left.map { a.joined < $0 } ?? true) && (a.left.map { b.joined < $0 } ?? true)
  }

  /// Moves a current membership's join date to `day`: it must stay before the leave date and
  /// not overlap the member's other memberships of the team (`own`).
  private func moveJoin(
    _ membership: Membership, to day: LocalDate, among own: [Membership], _ team: Team,
    _ member: Member, _ db: any StoreWriting
  ) throws -> Membership {
    if day == membership.joined { return membership }
    if let left = membership.left, day >= left {
      throw MileQuestError.ruleViolation(
        "'\(member.handle)' leaves team '\(team.name)' on \(left); "
          + "the join date \(day) must be before that")
    }
    var moved = membership
    moved.joined = day
    if let other = own.first(where: {
      $0.id != membership.id && Self.periodsOverlap(moved, $0)
    }) {
      throw MileQuestError.ruleViolation(
        "'\(member.handle)' was already in team '\(team.name)' from \(other.joined)"
          + (other.left.map { " until \($0)" } ?? "")
          + "; joining on \(day) would overlap that membership")
    }
    try db.update(moved)
    return moved
  }

  /// Ends a member's membership (captains only, or the member itself); see
  /// `removeOrMoveInTeam`.
  public func removeFromTeam(team teamName: String, handle: String, on: String?) throws
    -> Membership
  {
    try removeOrMoveInTeam(team: teamName, handle: handle, on: on).membership
  }

  /// Ends a member's membership (captains only, or the member itself). With `on`, for a
  /// member who already left, moves the leave date of their last membership of the team
  /// instead (refused before its join date).
  ///
  /// - Parameter on: the first day that no longer counts, as date text; nil means tomorrow, so
  ///   today's walks still count.
  public func removeOrMoveInTeam(team teamName: String, handle: String, on: String?) throws
    -> MembershipChange
  {
    let leaveDay = try on.map { try DateInput.parse($0, today: today) } ?? today.adding(days: 1)
    return try writeChange("remove \(handle.lowercased()) from \(teamName)", completing: true) {
      db in
      let team = try db.requireTeam(teamName)
      let actor = try actingMember(db, for: "removing members")
      let member = try db.requireMember(handle)
      if actor.id != member.id {
        try requireCaptain(actor, of: team, db, to: "remove members from '\(team.name)'")
      }
      let own = try db.memberships(teamId: team.id ?? -1).filter { $0.memberId == member.id }
      if let membership = own.last(where: { $0.isCurrent(on: today) }) {
        return MembershipChange(
          membership: try endMembership(membership, on: leaveDay, db), kind: .ended)
      }
      guard let last = own.max(by: { $0.joined < $1.joined }), let left = last.left else {
        throw MileQuestError.ruleViolation(
          "'\(member.handle)' is not in team '\(team.name)'")
      }
      guard on != nil else {
        throw MileQuestError.ruleViolation(
          "'\(member.handle)' already left team '\(team.name)' on \(left)"
        ).hinted(.moveLeaveDate(team: team.name, handle: member.handle))
      }
      if leaveDay < last.joined {
        throw MileQuestError.ruleViolation(
          "leave date \(leaveDay) is before \(member.handle)'s join date \(last.joined) "
            + "in team '\(team.name)'")
      }
      var moved = last
      moved.left = leaveDay
      if moved != last { try db.update(moved) }
      return MembershipChange(membership: moved, kind: .leaveMoved(from: left))
    }
  }

  /// The acting member leaves a team.
  public func leaveTeam(team: String, on: String?) throws -> Membership {
    try leaveOrMoveInTeam(team: team, on: on).membership
  }

  /// The acting member leaves a team, or, having left, moves their leave date (with `on`).
  public func leaveOrMoveInTeam(team: String, on: String?) throws -> MembershipChange {
    guard let handle = actingHandle else {
      throw MileQuestError.usage("leaving a team needs an acting member")
        .hinted(.nameActingMember)
    }
    return try removeOrMoveInTeam(team: team, handle: handle, on: on)
  }

  /// Makes a member a captain, or a captain a member (captains only).
  public func setRole(team teamName: String, handle: String, role: Role) throws -> Membership {
    let verb = role == .captain ? "promote" : "demote"
    return try writeChange("\(verb) \(handle.lowercased()) in \(teamName)") { db in
      let team = try db.requireTeam(teamName)
      let actor = try actingMember(db, for: "changing roles")
      try requireCaptain(actor, of: team, db, to: "\(verb) members of '\(team.name)'")
      let member = try db.requireMember(handle)
      let history = try db.memberships(teamId: team.id ?? -1)
      guard
        var membership = history.last(where: {
          $0.memberId == member.id && $0.isCurrent(on: today)
        })
      else {
        throw MileQuestError.ruleViolation("'\(member.handle)' is not in team '\(team.name)'")
      }
      if membership.role == role {
        throw MileQuestError.ruleViolation(
          "'\(member.handle)' is already a \(role.rawValue) of '\(team.name)'")
      }
      if role == .member { try requireAnotherCaptain(besides: membership, in: history, team) }
      membership.role = role
      try db.update(membership)
      return membership
    }
  }

  /// Sets `left`, refusing to leave a team without a captain.
  func endMembership(_ membership: Membership, on day: LocalDate, _ db: any StoreWriting) throws
    -> Membership
  {
    let team = try db.team(id: membership.teamId) ?? Team(name: "?")
    if day < membership.joined {
      throw MileQuestError.badData(
        "leave date \(day) is before the join date \(membership.joined)")
    }
    if membership.role == .captain {
      try requireAnotherCaptain(
        besides: membership, in: try db.memberships(teamId: membership.teamId), team)
    }
    var ended = membership
    ended.left = day
    try db.update(ended)
    return ended
  }

  private func requireAnotherCaptain(
    besides membership: Membership, in history: [Membership], _ team: Team
  ) throws {
    // Only a captain who is staying counts: one already leaving would leave the team with
    // no captain on the day they go.
    let others = history.filter {
      $0.id != membership.id && $0.role == .captain && $0.left == nil
    }
    if others.isEmpty {
      throw MileQuestError.ruleViolation(
        "'\(team.name)' would have no captain; promote another member first")
    }
  }

  /// Every team with its current member count, by name.
  public func teams() throws -> [(team: Team, members: Int)] {
    try store.read { db in
      try db.allTeams().map { team in
        let current = try db.memberships(teamId: team.id ?? -1).filter {
          $0.isCurrent(on: today)
        }
        return (team: team, members: Set(current.map(\.memberId)).count)
      }
    }
  }

  /// A team with its whole membership history (member, membership), oldest first.
  public func teamDetails(name: String) throws -> TeamDetails {
    try store.read { db in
      let team = try db.requireTeam(name)
      let history = try db.memberships(teamId: team.id ?? -1).map {
        membership -> (member: Member, membership: Membership) in
        (
          member: try db.member(id: membership.memberId) ?? Member(handle: "?", name: "?"),
          membership: membership
        )
      }
      // Only this team's goals, from the goal-team index: reading every goal (and each one's
      // teams) grew with the goals of the whole database (issue 16).
      let goals = try db.goals(teamIds: [team.id ?? -1])
      return TeamDetails(team: team, history: history, goals: goals)
    }
  }
}

/// A team with its membership history and goals.
public struct TeamDetails: Sendable {
  public var team: Team
  public var history: [(member: Member, membership: Membership)]
  public var goals: [Goal]
}
