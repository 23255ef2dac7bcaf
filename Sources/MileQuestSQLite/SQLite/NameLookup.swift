import Foundation
import GRDB
import MileQuestCore
import MileQuestStore

/// Quick, read-only name look-ups for TAB completion: never creates, migrates or locks a
/// database, and answers nothing rather than failing (completion must not print errors).
public enum NameLookup {
  /// Names of `kind` in the database at `path`, sorted; empty when it cannot be read.
  public static func names(_ kind: NameKind, inDatabaseAt path: String) -> [String] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(0.5)
    let sql =
      switch kind {
      case .member: "SELECT handle FROM member WHERE archivedOn IS NULL ORDER BY handle"
      case .team: "SELECT name FROM team ORDER BY nameKey"
      case .route: "SELECT name FROM route ORDER BY nameKey"
      case .goal: "SELECT name FROM goal ORDER BY nameKey"
      }
    do {
      let queue = try DatabaseQueue(
        path: DatabaseFile.sqlitePath(path), configuration: configuration)
      defer { try? queue.close() }
      return try queue.read { db in try String.fetchAll(db, sql: sql) }
    } catch {
      return []
    }
  }
}
