import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// The built `milequest` binary, found as ArgumentParser's `AssertExecuteCommand` finds its
/// examples: `MILEQUEST_BIN` when set; on Linux the directory of the test runner
/// (`.build/<triple>/<configuration>`); on macOS the directory that holds the `.xctest` bundle.
enum BuiltBinary {
  static let url: URL = {
    if let override = ProcessInfo.processInfo.environment["MILEQUEST_BIN"], !override.isEmpty {
      return URL(fileURLWithPath: override)
    }
    #if os(macOS)
      if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
        return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("milequest")
      }
    #endif
    return Bundle.main.bundleURL.appendingPathComponent("milequest")
  }()
}

/// What one run of the binary did.
typealias CLIResult = (code: Int32, stdout: String, stderr: String)

/// Runs the built binary in a fresh temporary directory with its own database and a controlled
/// environment; the directory is removed when the value goes away.
///
/// The environment is not inherited: `MILEQUEST_DB=<tmp>/t.db`, `TZ` (default UTC),
/// `MILEQUEST_TODAY` (pinned, so no test depends on the wall clock), `HOME=<tmp>`,
/// `TMPDIR=<tmp>`, `PATH`; no `MILEQUEST_USER`, `XDG_*` or `MILEQUEST_UNIT` unless given.
final class CLI {
  /// The default pinned day: a Sunday, so week boundaries are visible.
  static let defaultToday = "2026-03-15"

  let directory: URL
  let timeZone: String
  let today: String?

  /// The database file every run uses unless `env` says otherwise.
  var databasePath: String { directory.appendingPathComponent("t.db").path }
  /// Another database every run uses instead of `databasePath` (`MILEQUEST_DB`), such as a
  /// back end's address (see `TestBackEnd`).
  var databaseAddress: String?

  init(timeZone: String = "UTC", today: String? = CLI.defaultToday) throws {
    self.timeZone = timeZone
    self.today = today
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("milequest-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    // A path the user names is never created by an ordinary command (only by `init`), so
    // every run starts with a new database made by `milequest init`.
    try Self.createFile(databasePath, Self.newDatabase, attributes: [.posixPermissions: 0o600])
  }

  /// `FileManager.createFile`, which reports a failure only by its result, as a thrown error.
  static func createFile(
    _ path: String, _ contents: Data?, attributes: [FileAttributeKey: Any]? = nil
  ) throws {
    guard FileManager.default.createFile(atPath: path, contents: contents, attributes: attributes)
    else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
  }

  /// The bytes of a new database made by `milequest init`, made once per test process.
  static let newDatabase: Data = {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("milequest-e2e-init-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("new.db").path
    let initialise = try? ChildProcess(
      BuiltBinary.url.path, ["init", "--db", path, "--quiet"],
      environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin", "LC_ALL": "C"],
      directory: directory.path)
    initialise?.wait()
    return (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
  }()

  /// Makes a new database at `path` with `milequest init` (for tests that use another path
  /// than `databasePath`).
  func initDatabase(_ path: String) {
    let result = run(["init", "--db", path, "--quiet"])
    #expect(result.code == 0, "init --db \(path): \(result.stderr)")
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// The environment of a run: the controlled base, then `env` on top, then `removing` taken out.
  func environment(_ env: [String: String] = [:], removing: [String] = []) -> [String: String] {
    var base: [String: String] = [
      "MILEQUEST_DB": databaseAddress ?? databasePath,
      "TZ": timeZone,
      "HOME": directory.path,
      "TMPDIR": directory.path,
      "PATH": "/usr/bin:/bin",
      "LC_ALL": "C",
    ]
    if let today { base["MILEQUEST_TODAY"] = today }
    base.merge(env) { _, new in new }
    for key in removing { base[key] = nil }
    return base
  }

  /// Runs `milequest args...` and waits for it (killed after `timeout` seconds, so a stuck
  /// command fails its test instead of hanging the run).
  ///
  /// Output goes to files rather than pipes, so a large output can never dead-lock the wait.
  @discardableResult
  func run(
    _ args: [String], env: [String: String] = [:], removing: [String] = [],
    stdin: String? = nil, timeout: TimeInterval = 600
  ) -> CLIResult {
    let id = UUID().uuidString
    let outURL = directory.appendingPathComponent(".out-\(id)")
    let errURL = directory.appendingPathComponent(".err-\(id)")
    let inURL = directory.appendingPathComponent(".in-\(id)")
    defer {
      for url in [outURL, errURL, inURL] { try? FileManager.default.removeItem(at: url) }
    }
    do {
      try Self.createFile(inURL.path, Data((stdin ?? "").utf8))
      let child = try ChildProcess(
        BuiltBinary.url.path, args, environment: environment(env, removing: removing),
        directory: directory.path, stdin: .file(inURL.path), stdout: .file(outURL.path),
        stderr: .file(errURL.path))
      child.wait(timeout: timeout)
      let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
      var stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
      if child.terminatingSignal == SIGKILL {
        stderr += "[killed: still running after \(timeout) s]"
      }
      return (child.result, stdout, stderr)
    } catch {
      return (-1, "", "could not run \(BuiltBinary.url.path): \(error)")
    }
  }

  /// Runs a command that must succeed (exit 0, nothing on stderr but warnings, such as a walk
  /// that counts for no team) and returns its stdout.
  @discardableResult
  func ok(
    _ args: [String], env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    let result = run(args, env: env)
    #expect(
      result.code == 0, "milequest \(args.joined(separator: " ")) → \(result.stderr)",
      sourceLocation: sourceLocation)
    #expect(
      result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("milequest: warning: ") },
      "\(result.stderr)", sourceLocation: sourceLocation)
    return result.stdout
  }

  /// Runs a command with `--format json` that must succeed, and parses its one document.
  func json(
    _ args: [String], env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Any {
    let stdout = ok(args + ["--format", "json"], env: env, sourceLocation: sourceLocation)
    return try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
  }

  /// The bytes of the database file followed by those of its `-wal` file (when present), to
  /// check that a failed command changed nothing.
  func dbBytes(includingWAL: Bool = true) -> Data {
    var bytes = (try? Data(contentsOf: URL(fileURLWithPath: databasePath))) ?? Data()
    if includingWAL, let wal = try? Data(contentsOf: URL(fileURLWithPath: databasePath + "-wal")) {
      bytes.append(Data("\n--wal--\n".utf8))
      bytes.append(wal)
    }
    return bytes
  }
}

// MARK: - Reading JSON values

/// Small accessors for `JSONSerialization` results, which differ between Darwin (NSNumber for
/// everything) and Linux (Int, Double or Bool).
enum J {
  static func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }
  static func array(_ value: Any?) -> [Any] { value as? [Any] ?? [] }
  static func string(_ value: Any?) -> String? { value as? String }
  static func isNull(_ value: Any?) -> Bool { value == nil || value is NSNull }

  static func double(_ value: Any?) -> Double? {
    switch value {
    case let v as Double: v
    case let v as Int: Double(v)
    case let v as Int64: Double(v)
    case let v as NSNumber: v.doubleValue
    default: nil
    }
  }

  static func int(_ value: Any?) -> Int? {
    switch value {
    case let v as Int: v
    case let v as Int64: Int(v)
    case let v as Double where v == v.rounded(): Int(v)
    case let v as NSNumber: v.intValue
    default: nil
    }
  }
}

/// |a − b| ≤ tolerance, for optional numbers read from JSON (nil never matches).
func isClose(_ a: Double?, _ b: Double, within tolerance: Double) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance
}
