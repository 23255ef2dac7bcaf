import MileQuestKit

/// How teams and memberships look in every format.
enum TeamView {
  static func json(_ team: Team, members: Int? = nil) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("name", .string(team.name)), ("description", JSONValue(team.description)),
      ("max_members", .int(Int64(team.maxMembers))),
    ]
    if let members { fields.append(("members", .int(Int64(members)))) }
    return .object(fields)
  }

  static func membershipJSON(_ handle: String, team: String, _ membership: Membership)
    -> JSONValue
  {
    .object([
      ("member", .string(handle)), ("team", .string(team)),
      ("role", .string(membership.role.rawValue)),
      ("joined", .string(membership.joined.description)),
      ("left", JSONValue(membership.left?.description)),
    ])
  }

  static func membershipTable(_ rows: [(handle: String, team: String, membership: Membership)])
    -> TextTable
  {
    var table = TextTable([
      ("member", .left), ("team", .left), ("role", .left), ("joined", .left), ("left", .left),
    ])
    for row in rows {
      table.append([
        row.handle, row.team, row.membership.role.rawValue, row.membership.joined.description,
        row.membership.left?.description ?? "",
      ])
    }
    return table
  }
}
