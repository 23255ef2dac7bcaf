import MileQuestKit

/// How members look in every format.
enum MemberView {
  static func json(_ member: Member) -> JSONValue {
    .object([
      ("handle", .string(member.handle)), ("name", .string(member.name)),
      ("email", JSONValue(member.email)), ("stride_m", .double(member.strideMetres)),
      ("archived_on", JSONValue(member.archivedOn?.description)),
    ])
  }

  static func table(_ members: [Member]) -> TextTable {
    var table = TextTable([
      ("handle", .left), ("name", .left), ("email", .left), ("stride m", .right),
      ("archived", .left),
    ])
    for member in members {
      table.append([
        member.handle, member.name, member.email ?? "",
        FixedDecimal.string(member.strideMetres, places: 3), member.archivedOn?.description ?? "",
      ])
    }
    return table
  }

  static func emit(_ members: [Member], _ printer: Printer) {
    printer.emit(json: .array(members.map(json)), table: table(members))
  }
}
