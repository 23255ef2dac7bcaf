/// A store that can tell when another connection or process has committed a change: what
/// `leaderboard --watch` and `progress --watch` wait on (`LiveReport` in the Kit).
///
/// The contract:
/// - The first call starts watching: changes committed before it are not reported by it (a
///   watcher calls it once with a zero timeout before its first rendering, so a commit made
///   between that rendering and the first wait is not missed).
/// - `waitForChanges(timeout:)` returns `true` as soon as a change committed since the
///   previous call is known, `false` when `timeout` seconds passed without one (or a signal
///   interrupted the wait: the caller checks why it was woken and calls again). A `true` may
///   be spurious (a checkpoint, a change that does not move this report): the caller renders
///   again and compares. A change that was rolled back is never reported.
/// - Watching never blocks a writer: no transaction (and so no lock or snapshot) is held
///   between calls or during the wait.
/// - The store's own commits need not be reported (a watcher only reads).
///
/// SQLite polls `PRAGMA data_version` on the store's kept-open connection (it changes when
/// another connection commits); PostgreSQL waits on `LISTEN milequest_change`, which the
/// schema's triggers notify on every commit that changes walks, members, teams, memberships
/// or goals.
public protocol ChangeWatching: AnyObject {
  /// Waits up to `timeout` seconds for a change committed by another connection since the
  /// previous call; returns whether one was seen.
  func waitForChanges(timeout: Double) throws -> Bool
}
