import Foundation
import MileQuestCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The name of the copy a restore keeps of the database it replaces.
public enum KeptCopy {
  /// Creates, empty and mode 0600, a file named `DATABASE.replaced-TIMESTAMP` (with `-2`,
  /// `-3`… when that name is taken) and returns its path. The file is created exclusively, so
  /// two restores in the same second, even in two processes, never pick the same name and no
  /// restore ever writes over an earlier kept copy.
  public static func reserve(besides database: String, at date: Date) throws -> String {
    let stamp = ISO8601DateFormatter.string(
      from: date, timeZone: .current, formatOptions: [.withFullDate, .withFullTime]
    ).replacingOccurrences(of: ":", with: "")
    let base = database + ".replaced-\(stamp)"
    for attempt in 1...1000 {
      let path = attempt == 1 ? base : base + "-\(attempt)"
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
      if descriptor >= 0 {
        close(descriptor)
        return path
      }
      if errno != EEXIST {
        throw MileQuestError.cannotCreateOutput(
          path: path, reason: String(cString: strerror(errno)))
      }
    }
    throw MileQuestError.cannotCreateOutput(path: base, reason: "too many copies with this name")
  }
}
