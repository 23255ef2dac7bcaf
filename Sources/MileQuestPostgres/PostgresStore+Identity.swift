import Foundation
import MileQuestCore
import MileQuestStore

extension PostgresStore {
  /// Who the connection is: its login, the member linked to it, and whether it is an
  /// organiser (the database's owner or a member of its role, or a superuser).
  public struct Identity: Sendable, Equatable {
    public var login: String
    public var memberHandle: String?
    public var isOrganiser: Bool
  }

  public func identity() throws -> Identity {
    try read { _ in
      let row =
        try mapErrors {
          try connection.exec(
            """
            SELECT session_user, mq_is_organiser(),
              (SELECT m.handle FROM memberLogin l JOIN member m ON m.id = l.memberId
                WHERE l.login = session_user)
            """)
        }.rows.first ?? []
      return Identity(
        login: row.first.flatMap { $0 } ?? "", memberHandle: row.count > 2 ? row[2] : nil,
        isOrganiser: row.count > 1 && row[1] == "t")
    }
  }

  /// The acting member on PostgreSQL: the member linked to the login. An organiser may act
  /// as anyone (`--as`, `MILEQUEST_USER`, the config's member), and acts as its own member,
  /// if any, otherwise; anyone else asking for another member is refused (77).
  public func actingHandle(asked: String?) throws -> String? {
    let identity = try identity()
    if identity.isOrganiser { return asked ?? identity.memberHandle }
    guard let own = identity.memberHandle else {
      if let asked {
        throw MileQuestError.notAllowed(
          action: "act as '\(asked)'",
          reason: "the login '\(identity.login)' is not linked to a member; an organiser links "
            + "it by adding the member with a login")
      }
      return nil
    }
    if let asked, asked.lowercased() != own {
      throw MileQuestError.notAllowed(
        action: "act as '\(asked)'",
        reason: "on PostgreSQL you are the member of your login ('\(own)'); only an organiser "
          + "may act as another member")
    }
    return own
  }

  /// `member add HANDLE --login`: makes the database login `HANDLE` (created without a
  /// password when it does not exist: the server's administrator sets how it authenticates,
  /// with pg_hba.conf, a certificate or `ALTER ROLE … PASSWORD` in psql), gives it the grants
  /// a member needs and links it to the member. Organisers only (77).
  public func createLogin(handle: String) throws {
    try inWriteTransaction { _ in
      guard try identity().isOrganiser else {
        throw MileQuestError.notAllowed(
          action: "create a login", reason: "only an organiser (the database's owner) may")
      }
      let quoted = "\"" + handle.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      let exists = try connection.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", [handle])
      if exists.isEmpty { try connection.exec("CREATE ROLE \(quoted) LOGIN") }
      try connection.exec("SELECT mq_grant_member($1)", [handle])
      let linked = try connection.exec(
        """
        INSERT INTO memberLogin(memberId, login) SELECT id, $1 FROM member WHERE handle = $1
        ON CONFLICT (memberId) DO UPDATE SET login = EXCLUDED.login
        """, [handle])
      if linked.affected != 1 { throw MileQuestError.unknown(kind: "member", name: handle) }
    }
  }

  /// Waits up to `timeout` seconds for another connection to commit a change to walks,
  /// members, teams, memberships or goals (LISTEN/NOTIFY; for `--watch`); returns whether
  /// one did. The first call starts listening: changes committed before it are not seen.
  public func waitForChanges(timeout: Double) throws -> Bool {
    if !listening {
      _ = try mapErrors { try connection.exec("LISTEN milequest_change") }
      listening = true
    }
    return try connection.waitForNotification(timeout: timeout)
  }
}

extension PostgresStore {
  /// How long TAB completion waits for the server: to connect, and for its one query.
  static let completionTimeoutSeconds = 2

  /// Names of `kind` in the milequest database at `address`, sorted as the SQLite lookup
  /// sorts them (bytes), for TAB completion: one short connection (connect and statement
  /// timeouts of `completionTimeoutSeconds`), one query, nothing created or migrated, and no
  /// names, never an error, when anything fails (no libpq, no server, no schema, a refused
  /// login): completion must neither print nor hang.
  public static func names(_ kind: NameKind, address: String) -> [String] {
    let sql =
      switch kind {
      case .member:
        "SELECT handle FROM member WHERE archivedOn IS NULL ORDER BY handle COLLATE \"C\""
      case .team: "SELECT name FROM team ORDER BY nameKey COLLATE \"C\""
      case .route: "SELECT name FROM route ORDER BY nameKey COLLATE \"C\""
      case .goal: "SELECT name FROM goal ORDER BY nameKey COLLATE \"C\""
      }
    guard let connection = try? PGConnection(conninfo: completionAddress(address)) else {
      return []
    }
    defer { connection.close() }
    return (try? connection.exec(sql))?.rows.compactMap { $0.first ?? nil } ?? []
  }

  /// `address` (a `postgresql://` URI) with the completion's timeouts added to its
  /// parameters; they come last, so they win over the address's own.
  static func completionAddress(_ address: String) -> String {
    let seconds = completionTimeoutSeconds
    let separator = !address.contains("?") ? "?" : address.hasSuffix("?") ? "" : "&"
    return address + separator
      + "connect_timeout=\(seconds)&options=-c%20statement_timeout%3D\(seconds * 1000)"
  }
}
