import Foundation

/// Files being written under a temporary name (an export before its rename, a backup before
/// its rename), for a signal handler to remove if the process is interrupted: SIGINT, SIGTERM
/// and SIGHUP must leave no temporary file behind.
///
/// `removeAll()` is async-signal-safe: it only reads a fixed table allocated once, up front,
/// and calls `unlink(2)`. A path is copied into a free slot before the slot is marked in use,
/// so an interrupted registration never unlinks a half-written path.
public enum TemporaryFiles {
  /// At most this many files at once (a backup uses two: the file and its journal).
  static let slots = 16
  /// Longest path, with its terminating NUL (Linux `PATH_MAX`).
  static let slotBytes = 4096

  /// The table: `slots` paths of `slotBytes` bytes each.
  nonisolated(unsafe) private static let paths: UnsafeMutablePointer<CChar> = {
    let table = UnsafeMutablePointer<CChar>.allocate(capacity: slots * slotBytes)
    table.initialize(repeating: 0, count: slots * slotBytes)
    return table
  }()
  /// 1 where a slot holds a path to remove.
  nonisolated(unsafe) private static let inUse: UnsafeMutablePointer<sig_atomic_t> = {
    let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: slots)
    flags.initialize(repeating: 0, count: slots)
    return flags
  }()

  /// Allocates the table (call before installing a signal handler, so that the handler never
  /// runs a lazy initialiser).
  public static func prepare() {
    _ = paths
    _ = inUse
  }

  /// A registered path, to unregister once the file is renamed or removed.
  public struct Registration: Sendable {
    let slot: Int?
  }

  /// Registers `path` for removal on interruption. A path too long for a slot, or a full
  /// table, is not registered (the file is then only removed on ordinary errors).
  @discardableResult
  public static func register(_ path: String) -> Registration {
    let bytes = Array(path.utf8)
    guard bytes.count < slotBytes, !bytes.contains(0) else { return Registration(slot: nil) }
    for slot in 0..<slots where inUse[slot] == 0 {
      let target = paths + slot * slotBytes
      bytes.withUnsafeBufferPointer { source in
        source.withMemoryRebound(to: CChar.self) { chars in
          _ = memcpy(target, chars.baseAddress!, bytes.count)
        }
      }
      target[bytes.count] = 0
      markInUse(slot, 1)
      return Registration(slot: slot)
    }
    return Registration(slot: nil)
  }

  /// Forgets a registration (the file was renamed into place or removed).
  public static func unregister(_ registration: Registration) {
    guard let slot = registration.slot else { return }
    markInUse(slot, 0)
  }

  /// Not inlined, so the path's bytes are stored before the flag says they are there.
  @inline(never)
  private static func markInUse(_ slot: Int, _ value: sig_atomic_t) {
    inUse[slot] = value
  }

  /// Removes every registered file. Async-signal-safe.
  public static func removeAll() {
    for slot in 0..<slots where inUse[slot] != 0 {
      _ = unlink(paths + slot * slotBytes)
    }
  }

  /// The paths registered now (for tests).
  static func registeredPaths() -> [String] {
    (0..<slots).filter { inUse[$0] != 0 }.map { String(cString: paths + $0 * slotBytes) }
  }
}
