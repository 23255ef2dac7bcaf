import MileQuestCore
import MileQuestStore

/// `restore` on PostgreSQL: the challenge replaced by an `export all` document's contents in
/// one transaction (see `ContentReplacing`).
extension PostgresStore: ContentReplacing {
  /// Every table that holds the challenge or its history, emptied by `replaceContents`.
  static let contentTables = [
    "memberLogin", "goalFinalWalk", "goalFinalMembership", "goalFinal", "goalTeam", "goal",
    "routeMilestone", "routePoint", "route", "membershipTotal", "teamTotal", "walkPending",
    "totalsFold", "walk", "membership", "team", "member", "undoLog", "change",
  ]

  public func requireOrganiser(to action: String) throws {
    let identity = try identity()
    if !identity.isOrganiser {
      throw MileQuestError.notAllowed(
        action: action,
        reason: "only an organiser (the database's owner) may; the login '\(identity.login)' "
          + "is not one")
    }
  }

  /// Empties the tables with one `TRUNCATE` (transactional in PostgreSQL, and without the
  /// per-row undo and running-total triggers a `DELETE` of a million walks would run), with
  /// the undo recording off for the whole transaction, then lets `fill` write.
  public func replaceContents<T>(
    keep: (any StoreReading) throws -> Void, fill: (any StoreWriting) throws -> T
  ) throws -> T {
    try inWriteTransaction { session in
      try connection.exec("SELECT set_config('milequest.change', '', true)")
      try keep(session)
      let links = try connection.exec(
        "SELECT l.login, m.handle FROM memberLogin l JOIN member m ON m.id = l.memberId"
      ).rows
      try connection.exec("TRUNCATE " + Self.contentTables.joined(separator: ", "))
      let result = try fill(session)
      for link in links {
        try connection.exec(
          "INSERT INTO memberLogin(memberId, login) SELECT id, $1 FROM member WHERE handle = $2",
          [link[0], link[1]])
      }
      return result
    }
  }
}
