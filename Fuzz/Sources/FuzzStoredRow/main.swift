import Foundation
import FuzzSupport
import MileQuestKit
@_spi(Testing) import MileQuestSQLite

/// A value another program wrote into the database: the input's first byte picks a column of
/// a seeded database (a walk, membership, member, team, goal or route point), the second a
/// storage class, the rest is the value. Then the read paths of the commands run (walks,
/// boards, stats, progress, member and team details, exports, check). None may trap, and
/// every refusal must be a `MileQuestError` (bad data, exit 65). The old value is put back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  guard bytes.count >= 2 else { return 0 }
  let (table, column, rowid) = StoredRowWorld.columns[Int(bytes[0]) % StoredRowWorld.columns.count]
  let body = Array(bytes.dropFirst(2))
  let value: RawStoredValue
  switch bytes[1] % 5 {
  case 0: value = .null
  case 1: value = .integer(Int64(truncatingIfNeeded: StoredRowWorld.number(body)))
  case 2: value = .real(Double(bitPattern: StoredRowWorld.number(body)))
  case 3: value = .text(String(decoding: body, as: UTF8.self))
  default: value = .blob(body)
  }
  let world = StoredRowWorld.shared
  guard
    let old = Fuzz.refusing(
      "overwrite",
      {
        try SQLiteStore.overwrite(
          databaseAt: world.path, table: table, column: column, rowid: rowid, with: value)
      }) ?? nil
  else { return 0 }
  world.readEverything()
  _ = Fuzz.refusing("restore") {
    try SQLiteStore.overwrite(
      databaseAt: world.path, table: table, column: column, rowid: rowid, with: old)
  }
  return 0
}

/// A database file with one of everything, and a service on it.
final class StoredRowWorld: @unchecked Sendable {
  /// The columns the fuzzer writes into: table, column, rowid.
  static let columns: [(String, String, Int64)] = [
    ("walk", "date", 1), ("walk", "distanceMetres", 1), ("walk", "durationSeconds", 1),
    ("walk", "steps", 1), ("walk", "note", 1), ("walk", "source", 1), ("walk", "memberId", 1),
    ("walk", "isDeleted", 2), ("walk", "externalId", 2), ("membership", "role", 1),
    ("membership", "joined", 2), ("membership", "left", 2), ("membership", "teamId", 2),
    ("member", "strideMetres", 2), ("member", "archivedOn", 2), ("member", "name", 1),
    ("member", "handle", 2), ("team", "maxMembers", 1), ("team", "name", 1),
    ("goal", "start", 1), ("goal", "end", 1), ("goal", "targetMetres", 1), ("goal", "mode", 1),
    ("goal", "dailyCapMetres", 1), ("goal", "state", 1), ("routePoint", "latitude", 1),
    ("routePoint", "longitude", 2), ("routePoint", "label", 1), ("membershipTotal", "partials", 1),
  ]

  static let shared = StoredRowWorld()

  let path: String
  let service: MileQuestService

  private init() {
    path = Fuzz.scratchPath + ".db"
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    do {
      let store = try SQLiteStore(path: path)
      let today = LocalDate(year: 2026, month: 3, day: 15)!
      service = MileQuestService(store: store, today: today, actingHandle: "ann", unit: .km)
      _ = try service.addMember(handle: "ann", name: "Ann", email: nil, stride: nil)
      _ = try service.addMember(handle: "bob", name: nil, email: nil, stride: "0.8m")
      _ = try service.createTeam(
        name: "Kiwis", description: nil, maxMembers: nil, since: "2026-03-01")
      _ = try service.addToTeam(team: "Kiwis", handles: ["bob"], role: .member, since: "2026-03-01")
      _ = try service.createRoute(name: "R", waypoints: ["0,0,Here", "0,1,There"])
      _ = try service.createGoal(
        .init(name: "G", teams: ["Kiwis"], route: "R", start: "2026-03-01", dailyCap: "20km"))
      _ = try service.logWalk(.init(member: "ann", distance: "3", date: "2026-03-10", note: "a"))
      _ = try service.logWalk(.init(member: "bob", distance: "5", date: "2026-03-11", steps: 9000))
    } catch {
      fatalError("cannot set up the stored-row world: \(error)")
    }
  }

  /// Up to 8 bytes as a little-endian number.
  static func number(_ bytes: [UInt8]) -> UInt64 {
    bytes.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
  }

  /// Every read path a command takes.
  func readEverything() {
    _ = Fuzz.refusing("walks") { try service.forEachListedWalk(.init()) { _, _ in } }
    _ = Fuzz.refusing("leaderboard") { try service.leaderboard(.init(team: "Kiwis")) }
    _ = Fuzz.refusing("teams board") { try service.leaderboard(.init(teams: true, period: .all)) }
    _ = Fuzz.refusing("goal board") { try service.leaderboard(.init(goal: "G")) }
    _ = Fuzz.refusing("stats") { try service.stats(member: "ann", team: nil) }
    _ = Fuzz.refusing("team stats") { try service.stats(member: nil, team: "Kiwis") }
    _ = Fuzz.refusing("progress") { try service.progress(goal: "G") }
    _ = Fuzz.refusing("goals") { try service.goals(team: nil, all: true) }
    _ = Fuzz.refusing("members") { try service.members(includeArchived: true) }
    _ = Fuzz.refusing("member") { try service.memberDetails(handle: "bob") }
    _ = Fuzz.refusing("teams") { try service.teams() }
    _ = Fuzz.refusing("team") { try service.teamDetails(name: "Kiwis") }
    _ = Fuzz.refusing("routes") { try service.routes() }
    _ = Fuzz.refusing("export walks") {
      try service.export(.walks, format: .csv) { _ in }
    }
    _ = Fuzz.refusing("export all") {
      try service.exportAll(skipped: SkippedRows()) { _ in }
    }
    _ = Fuzz.refusing("check") {
      try (service.store as? SQLiteStore)?.check(today: service.today)
    }
  }
}
