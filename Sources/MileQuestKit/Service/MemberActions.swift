/// Adding, changing and archiving members.
extension MileQuestService {
  /// Adds a member.
  ///
  /// - Parameter stride: stride text (`0.8`, `0.8m`, `80cm`), or nil for the default.
  public func addMember(handle: String, name: String?, email: String?, stride: String?) throws
    -> Member
  {
    let handle = try Validation.handle(handle)
    let member = Member(
      handle: handle,
      name: try Validation.text(name ?? handle, what: "name", length: 1...80),
      email: try email.map(Validation.email),
      strideMetres: try stride.map(DistanceInput.parseStride) ?? Member.defaultStrideMetres)
    return try writeChange("add member \(handle)") { db in
      if let existing = try db.member(handle: handle) {
        let hint = existing.isArchived ? " (archived)" : ""
        throw MileQuestError.duplicate(kind: "member", name: handle + hint)
      }
      return try db.insert(member)
    }
  }

  /// Changes a member's name, e-mail or stride; nil leaves a field as it is.
  public func editMember(handle: String, name: String?, email: String?, stride: String?) throws
    -> Member
  {
    let name = try name.map { try Validation.text($0, what: "name", length: 1...80) }
    let email = try email.map { $0.isEmpty ? "" : try Validation.email($0) }
    let stride = try stride.map(DistanceInput.parseStride)
    return try writeChange("edit member \(handle.lowercased())") { db in
      var member = try db.requireMember(handle)
      if let name { member.name = name }
      if let email { member.email = email.isEmpty ? nil : email }
      if let stride { member.strideMetres = stride }
      try db.update(member)
      return member
    }
  }

  /// Archives a member: its walks stay and count for history; its team memberships end today.
  public func removeMember(handle: String) throws -> Member {
    try writeChange("remove member \(handle.lowercased())") { db in
      var member = try db.requireMember(handle)
      if member.isArchived {
        throw MileQuestError.ruleViolation("member '\(member.handle)' is already removed")
      }
      for membership in try db.memberships(memberId: member.id ?? -1)
      where membership.isCurrent(on: today) {
        _ = try endMembership(membership, on: today.adding(days: 1), db)
      }
      member.archivedOn = today
      try db.update(member)
      return member
    }
  }

  /// The handle of the member with this id ("?" if there is none).
  public func handle(ofMember id: Int64) throws -> String {
    try store.read { db in try db.member(id: id)?.handle ?? "?" }
  }

  /// Every member (archived ones too when asked), by handle.
  public func members(includeArchived: Bool) throws -> [Member] {
    try store.read { db in
      try db.allMembers().filter { includeArchived || !$0.isArchived }
    }
  }

  /// A member with its memberships (team, membership) and walk totals.
  public func memberDetails(handle: String) throws -> MemberDetails {
    try store.read { db in
      let member = try db.requireMember(handle)
      let memberships = try db.memberships(memberId: member.id ?? -1).map {
        membership -> (team: Team, membership: Membership) in
        (team: try db.team(id: membership.teamId) ?? Team(name: "?"), membership: membership)
      }
      let walks = try db.walks(WalkFilter(memberIds: [member.id ?? -1]))
      return MemberDetails(
        member: member, memberships: memberships, stats: WalkStats(walks: walks, today: today))
    }
  }
}

/// A member with its team history and statistics.
public struct MemberDetails: Sendable {
  public var member: Member
  public var memberships: [(team: Team, membership: Membership)]
  public var stats: WalkStats
}
