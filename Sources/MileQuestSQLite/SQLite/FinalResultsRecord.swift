import GRDB
import MileQuestCore
import MileQuestStore

/// A closed goal's final results (`FinalResults`) in `goalFinal`, `goalFinalMembership` and
/// `goalFinalWalk` (migration v4).
enum FinalResultsRecord {
  static func fetch(goalId: Int64, _ db: Database) throws -> FinalResults? {
    guard
      let row = try Row.fetchOne(
        db.cachedStatement(sql: "SELECT status, closedOn FROM goalFinal WHERE goalId = ?"),
        arguments: [goalId])
    else { return nil }
    guard let reason = FinalResults.Reason(rawValue: row["status"] ?? ""),
      let closedOn: LocalDate = row["closedOn"]
    else {
      throw MileQuestError.badData("table goalFinal, goal \(goalId): unreadable final results")
    }
    let memberships = try Row.fetchAll(
      db,
      sql: """
        SELECT membershipId, teamId, memberId, role, joined, "left" FROM goalFinalMembership
        WHERE goalId = ? ORDER BY rowid
        """, arguments: [goalId]
    ).map { row in
      guard let role = Role(rawValue: row["role"] ?? ""), let joined: LocalDate = row["joined"]
      else {
        throw MileQuestError.badData(
          "table goalFinalMembership, goal \(goalId): unreadable membership")
      }
      return Membership(
        id: row["membershipId"], teamId: row["teamId"], memberId: row["memberId"], role: role,
        joined: joined, left: row["left"])
    }
    let walks = try Row.fetchAll(
      db,
      sql: """
        SELECT walkId, memberId, date, distanceMetres, activity FROM goalFinalWalk
        WHERE goalId = ? ORDER BY rowid
        """, arguments: [goalId]
    ).map { row in
      guard let date: LocalDate = row["date"],
        let activity = Activity(rawValue: row["activity"] ?? "")
      else {
        throw MileQuestError.badData("table goalFinalWalk, goal \(goalId): unreadable walk")
      }
      return Walk(
        id: row["walkId"], memberId: row["memberId"], date: date,
        distanceMetres: row["distanceMetres"], activity: activity)
    }
    return FinalResults(
      reason: reason, closedOn: closedOn, memberships: memberships, walks: walks)
  }

  static func save(_ results: FinalResults, goalId: Int64, _ db: Database) throws {
    try drop(goalId: goalId, db)
    try db.execute(
      sql: "INSERT INTO goalFinal(goalId, status, closedOn) VALUES (?, ?, ?)",
      arguments: [goalId, results.reason.rawValue, results.closedOn])
    let membership = try db.cachedStatement(
      sql: """
        INSERT INTO goalFinalMembership(goalId, membershipId, teamId, memberId, role, joined,
          "left") VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    // A copy read from a document has no ids: number those rows -1, -2, … (ids only keep
    // the copies apart; the live rows are never looked up through them).
    for (index, item) in results.memberships.enumerated() {
      try membership.execute(arguments: [
        goalId, item.id ?? Int64(-1 - index), item.teamId, item.memberId, item.role.rawValue,
        item.joined, item.left,
      ])
    }
    let walk = try db.cachedStatement(
      sql: """
        INSERT INTO goalFinalWalk(goalId, walkId, memberId, date, distanceMetres, activity)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    for (index, item) in results.walks.enumerated() {
      try walk.execute(arguments: [
        goalId, item.id ?? Int64(-1 - index), item.memberId, item.date, item.distanceMetres,
        item.activity,
      ])
    }
  }

  static func drop(goalId: Int64, _ db: Database) throws {
    // The copies go with their goalFinal row (ON DELETE CASCADE); deleted explicitly as well,
    // so that undo records each row it must put back.
    try db.execute(sql: "DELETE FROM goalFinalWalk WHERE goalId = ?", arguments: [goalId])
    try db.execute(sql: "DELETE FROM goalFinalMembership WHERE goalId = ?", arguments: [goalId])
    try db.execute(sql: "DELETE FROM goalFinal WHERE goalId = ?", arguments: [goalId])
  }
}
