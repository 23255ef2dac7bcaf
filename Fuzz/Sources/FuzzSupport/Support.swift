import Foundation
import MileQuestKit
import MileQuestSQLite

/// Helpers shared by the harnesses.
///
/// A harness fails (crashes, so libFuzzer saves the input) when the code under test crashes,
/// hangs or runs out of memory, or when it breaks a property every input must keep: every error
/// the Kit throws for bad input is a `MileQuestError` (anything else becomes exit 1,
/// "unexpected internal error", in the CLI), and every value it accepts is in range.
public enum Fuzz {
  /// The input as text, as the CLI would see it after UTF-8 decoding.
  public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  }

  /// The input as bytes.
  public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Runs `body`; a thrown `MileQuestError` is an expected refusal (nil), anything else a bug.
  public static func refusing<T>(_ what: String, _ body: () throws -> T) -> T? {
    do {
      return try body()
    } catch is MileQuestError {
      return nil
    } catch {
      fatalError("\(what) threw a non-MileQuestError \(type(of: error)): \(error)")
    }
  }

  /// Traps with `message` unless `condition` holds.
  public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
  }

  /// A per-process scratch file the path-based readers read the input from.
  public static let scratchPath: String = {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    return "\(directory)/milequest-fuzz-\(getpid()).input"
  }()

  /// Writes the input to `scratchPath` (with `suffix`) and returns that path. Plain POSIX
  /// calls: `FileManager.createFile` writes atomically (a temporary file and a rename), which
  /// made the file harnesses ten times slower.
  public static func scratchFile(
    _ data: UnsafePointer<UInt8>, _ size: Int, suffix: String
  ) -> String {
    let path = scratchPath + suffix
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    require(fd >= 0, "cannot open the scratch file \(path)")
    var done = 0
    while done < size {
      let n = write(fd, data + done, size - done)
      require(n > 0, "cannot write the scratch file \(path)")
      done += n
    }
    close(fd)
    return path
  }

  /// A route's points must be valid coordinates, and a route built from them must not crash.
  public static func checkRoute(_ points: [RoutePoint], _ what: String) {
    for point in points {
      let c = point.coordinate
      require(
        c.latitude.isFinite && c.longitude.isFinite && abs(c.latitude) <= 90
          && abs(c.longitude) <= 180,
        "\(what) returned an invalid coordinate \(c)")
    }
    if let geometry = refusing(
      "RouteGeometry", { try RouteGeometry(points: points.map(\.coordinate)) })
    {
      require(
        geometry.length.isFinite && geometry.length >= 0,
        "\(what): route length \(geometry.length)")
      for fraction in [0, 0.37, 1] {
        let at = geometry.length * fraction
        let position = geometry.position(at: at)
        require(
          position.latitude.isFinite && position.longitude.isFinite,
          "\(what): position at \(at) m is \(position)")
        _ = geometry.legIndex(at: at)
      }
    }
  }
}

extension Fuzz {
  /// A service on a private in-memory database with members ann and bob (bob has a stride, so
  /// steps work for him), for the import harnesses; imports run as dry runs, so it never grows.
  public static let importService: MileQuestService = {
    do {
      let store = try SQLiteStore.inMemory()
      let service = MileQuestService(
        store: store, today: LocalDate(year: 2026, month: 3, day: 15)!, actingHandle: "ann",
        unit: .km)
      _ = try service.addMember(handle: "ann", name: "Ann", email: nil, stride: nil)
      _ = try service.addMember(handle: "bob", name: nil, email: nil, stride: "0.8m")
      return service
    } catch {
      fatalError("cannot set up the import service: \(error)")
    }
  }()

  /// Reads `bytes` as a walk import file in `format`, then checks every row as `import walks`
  /// does (a dry run).
  public static func importWalks(_ bytes: [UInt8], format: ExchangeFormat) {
    let file = "walks.\(format.rawValue)"
    let records = refusing("WalkImportReader.records(\(format))") {
      try WalkImportReader.records(bytes, format: format, file: file)
    }
    guard records != nil else { return }
    if let report = refusing(
      "importWalks(\(format))",
      {
        try importService.importWalks(bytes, format: format, file: file, dryRun: true)
      })
    {
      require(
        report.added + report.skipped == records?.count,
        "\(format): \(report) for \(records?.count ?? -1) records")
    }
  }
}
