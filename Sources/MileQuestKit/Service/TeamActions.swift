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

  /// Adds members to a team (captains only).
  public func addToTeam(
    team teamName: String, handles: [String], role: Role, since: String?
  ) throws -> [Membership] {
    let joined = try since.map { try DateInput.parse($0, today: today) } ?? today
    return try writeChange("add \(handles.joined(separator: ", ")) to \(teamName)", completing: true) {
      db in
      let team = try db.requireTeam(teamName)
      let actor = try actingMember(db, for: "adding members")
      try requireCaptain(actor, of: team, db, to: "add members to '\(team.name)'")
      var history = try db.memberships(teamId: team.id ?? -1)
      var added: [Membership] = []
      for handle in handles {
        let member = try db.requireMember(handle)
        if member.isArchived {
          throw MileQuestError.ruleViolation("member '\(member.handle)' is removed")
        }
        let own = history.filter { $0.memberId == member.id }
        if own.contains(where: { $0.isCurrent(on: today) }) {
          throw MileQuestError.ruleViolation(
            "'\(member.handle)' is already in team '\(team.name)'")
        }
        if let last = own.compactMap(\.left).max(), joined < last {
          throw MileQuestError.ruleViolation(
            "'\(member.handle)' was in team '\(team.name)' until \(last); "
              + "a new membership cannot start before that")
        }
        let current = Set(history.filter { $0.isCurrent(on: today) }.map(\.memberId))
        if current.count >= team.maxMembers {
          throw MileQuestError.ruleViolation(
            "team '\(team.name)' is full (at most \(team.maxMembers)); "
              + "raise --max-members or remove someone")
        }
        let membership = try db.insert(
          Membership(
            teamId: team.id ?? -1, memberId: member.id ?? -1, role: role, joined: joined))
        history.append(membership)
        added.append(membership)
      }
      return added
    }
  }

  /// Ends a member's membership (captains only, or the member itself).
  ///
  /// - Parameter on: the first day that no longer counts, as date text; nil means tomorrow, so
  ///   today's walks still count.
  public func removeFromTeam(team teamName: String, handle: String, on: String?) throws
    -> Membership
  {
    let leaveDay = try on.map { try DateInput.parse($0, today: today) } ?? today.adding(days: 1)
    return try writeChange("remove \(handle.lowercased()) from \(teamName)", completing: true) { db in
      let team = try db.requireTeam(teamName)
      let actor = try actingMember(db, for: "removing members")
      let member = try db.requireMember(handle)
      if actor.id != member.id {
        try requireCaptain(actor, of: team, db, to: "remove members from '\(team.name)'")
      }
      guard
        let membership = try db.memberships(teamId: team.id ?? -1).last(where: {
          $0.memberId == member.id && $0.isCurrent(on: today)
        })
      else {
        throw MileQuestError.ruleViolation(
          "'\(member.handle)' is not in team '\(team.name)'")
      }
      return try endMembership(membership, on: leaveDay, db)
    }
  }

  /// The acting member leaves a team.
  public func leaveTeam(team: String, on: String?) throws -> Membership {
    guard let handle = actingHandle else {
      throw MileQuestError.usage(
        "leaving a team needs an acting member; pass --as HANDLE or set MILEQUEST_USER")
    }
    return try removeFromTeam(team: team, handle: handle, on: on)
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
      let goals = try db.allGoals().filter { $0.teamIds.contains(team.id ?? -1) }
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
