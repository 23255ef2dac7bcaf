import MileQuestKit

/// The shell's open connection to a database server, kept from one command to the next.
///
/// One-shot commands open and close their store. In `milequest shell` a command on a
/// PostgreSQL database would otherwise pay, every time, a new server backend, authentication
/// and the backend's cold caches (its compiled trigger functions and plans): keeping the
/// connection makes a shell's `log` a few milliseconds of work on the server. A store is kept
/// only after a command that succeeded (a failed one closes it, whatever state it left), is
/// checked before the next command uses it (`prepareForNextCommand`), and serves only that
/// same address and busy timeout. SQLite files are opened per command as before
/// (`StoreOpener.keepsConnectionOpen`).
enum KeptStore {
  /// Whether this process keeps stores between commands (the shell sets it).
  nonisolated(unsafe) static var enabled = false
  nonisolated(unsafe) private static var kept:
    (address: StoreAddress, busyTimeout: Double, store: any MileQuestStore)?

  /// The kept store for `address`, ready for a command; nil when there is none (or it could
  /// not serve again, and is closed).
  static func take(_ address: StoreAddress, busyTimeout: Double) -> (any MileQuestStore)? {
    guard let current = kept else { return nil }
    kept = nil
    guard current.address == address, current.busyTimeout == busyTimeout else {
      try? current.store.close()
      return nil
    }
    do {
      try current.store.prepareForNextCommand()
      return current.store
    } catch {
      try? current.store.close()
      return nil
    }
  }

  /// Keeps `store` for the next command when this process keeps stores and `address` is
  /// worth it; returns whether it was kept (if not, the caller closes it).
  static func keep(_ store: any MileQuestStore, _ address: StoreAddress, busyTimeout: Double)
    -> Bool
  {
    guard enabled, StoreOpener.keepsConnectionOpen(address) else { return false }
    if let previous = kept { try? previous.store.close() }
    kept = (address, busyTimeout, store)
    return true
  }

  /// Closes the kept store (the shell's end).
  static func close() {
    if let current = kept { try? current.store.close() }
    kept = nil
  }
}
