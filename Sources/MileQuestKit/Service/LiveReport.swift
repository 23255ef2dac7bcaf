import Foundation

/// Keeps a report current (`leaderboard --watch`, `progress --watch`): renders it, shows it,
/// then waits for the store to see another connection commit and renders it again, showing
/// the new rendering only when it differs from the last one shown. Nothing is shown while
/// nothing changes.
///
/// The report is also rendered again every `refreshInterval` seconds without a commit, so a
/// board follows the calendar (a weekly board on Monday morning, a goal's pace) and changes
/// no notification covers (a route edited with `psql`); again only a different rendering is
/// shown.
public struct LiveReport {
  /// The longest single wait, so that `stopped` is asked at least this often (a signal
  /// usually cuts the wait short anyway).
  public var waitSlice: TimeInterval = 0.25
  /// Seconds between renderings when nothing was committed.
  public var refreshInterval: TimeInterval = 60

  public init() {}

  /// The store's change watching; a back end without it cannot be watched (64).
  public static func watching(_ store: any MileQuestStore) throws -> any ChangeWatching {
    guard let watching = store as? any ChangeWatching else {
      throw MileQuestError.usage("this database cannot be watched for changes")
    }
    return watching
  }

  /// Shows `render()` at once, then each different rendering after a change, until `stopped`
  /// says so (it is asked after every wait and before every rendering).
  ///
  /// - Parameters:
  ///   - store: the store that reports commits (`ChangeWatching`); it holds no transaction
  ///     between renderings, so writers are never blocked by the watch.
  ///   - render: the report as it would be printed now.
  ///   - show: prints one rendering (the first, then each that differs from the last shown).
  ///   - stopped: whether to stop (a signal arrived).
  ///   - now: the clock, for the refresh.
  /// - Throws: what `render`, `show` or the store throw; the watch ends there.
  public func run(
    _ store: any ChangeWatching, render: () throws -> String,
    show: (String) throws -> Void, stopped: () -> Bool, now: () -> Date = { Date() }
  ) throws {
    // Start watching before the first rendering: a commit made while it renders is seen.
    _ = try store.waitForChanges(timeout: 0)
    if stopped() { return }
    var shown = try render()
    try show(shown)
    var rendered = now()
    while !stopped() {
      let changed = try store.waitForChanges(timeout: waitSlice)
      if stopped() { return }
      guard changed || now().timeIntervalSince(rendered) >= refreshInterval else { continue }
      let next = try render()
      rendered = now()
      if next != shown {
        try show(next)
        shown = next
      }
    }
  }
}
