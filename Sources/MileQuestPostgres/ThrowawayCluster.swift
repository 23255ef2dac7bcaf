import Foundation
import MileQuestCore
import MileQuestStore

/// A PostgreSQL cluster of the tests' own: `initdb` into a temporary directory, `pg_ctl start`
/// listening only on a Unix socket in that directory (no TCP), stopped and removed when the
/// test process exits. No test touches a server it did not start.
///
/// One cluster per test process, started by the first test that asks (`shared`); each test
/// takes a fresh database of it (`freshDatabase`).
///
/// `initdb` and `postgres` refuse to run as root, and CI runs as root: then both run as the
/// user `nobody` (uid and gid 65534, through util-linux's `setpriv`), with the temporary
/// directory owned by it. The superuser of the cluster is `postgres`, with trust
/// authentication over the socket (nobody else can reach a socket in a private directory).
@_spi(Testing)
public final class ThrowawayCluster: @unchecked Sendable {
  // @unchecked: immutable after start.
  /// The directory holding the data directory, the log and the socket.
  public let directory: String
  public let port: Int
  private let bin: String
  private let asNobody: Bool
  nonisolated(unsafe) private static var started: Result<ThrowawayCluster, Error>?
  private static let lock = NSLock()
  nonisolated(unsafe) private static var databases = 0

  /// The directory of PostgreSQL's server programs (`MILEQUEST_PG_BIN`, else Debian's
  /// newest /usr/lib/postgresql/N/bin), or nil when none is installed.
  public static var binDirectory: String? {
    if let named = ProcessInfo.processInfo.environment["MILEQUEST_PG_BIN"], !named.isEmpty {
      return named
    }
    let root = "/usr/lib/postgresql"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return versions.compactMap(Int.init).sorted().reversed().map { "\(root)/\($0)/bin" }
      .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
  }

  /// Whether the tests can start a cluster here.
  public static var isAvailable: Bool { binDirectory != nil }

  /// The cluster of this process, started on first use.
  public static func shared() throws -> ThrowawayCluster {
    lock.lock()
    defer { lock.unlock() }
    if let started { return try started.get() }
    let result = Result { try ThrowawayCluster() }
    started = result
    return try result.get()
  }

  private init() throws {
    guard let bin = Self.binDirectory else {
      throw MileQuestError.unavailable("PostgreSQL's server programs are not installed")
    }
    self.bin = bin
    asNobody = geteuid() == 0
    var template = Array("/tmp/milequest-pg.XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      throw MileQuestError.io("cannot create a temporary directory for PostgreSQL")
    }
    directory = String(cString: made)
    if asNobody {
      chown(directory, 65534, 65534)
    }
    port = Self.freePort()
    try run(
      bin + "/initdb",
      [
        "-D", directory + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
        "--no-sync", "--no-instructions",
      ])
    try run(
      bin + "/pg_ctl",
      [
        "-D", directory + "/data", "-l", directory + "/log", "-w", "-s", "-o",
        "-k \(directory) -p \(port) -c listen_addresses='' -c fsync=off "
          + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60",
        "start",
      ])
    // Stopped at exit, and, should the test process die first, by a watchdog that waits
    // for it to end.
    let stop = "'\(bin)/pg_ctl' -D '\(directory)/data' -m immediate -s stop >/dev/null 2>&1"
    let script =
      "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; "
      + (asNobody ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "")
      + "\(stop); rm -rf '\(directory)'"
    _ = try? ChildProcess("/bin/sh", ["-c", script], directory: directory)
    atexit {
      ThrowawayCluster.started.flatMap { try? $0.get() }?.stop()
    }
  }

  /// Stops the server and removes its directory.
  public func stop() {
    try? run(bin + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-s", "stop"])
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// The address of the cluster's database `name` for the superuser.
  public func address(database name: String, user: String = "postgres") -> String {
    "postgresql:///\(name)?host=\(directory)&port=\(port)&user=\(user)"
  }

  /// A new, empty database; returns its address.
  public func freshDatabase() throws -> String {
    let name = Self.lock.withLock {
      Self.databases += 1
      return "t\(getpid())_\(Self.databases)"
    }
    let admin = try PGConnection(conninfo: address(database: "postgres"))
    defer { admin.close() }
    try admin.exec("CREATE DATABASE \(name)")
    return address(database: name)
  }

  /// A new database with milequest's schema (`init`); returns its address. For the store
  /// contract suite's and the end-to-end scenarios' PostgreSQL back end.
  public func freshMilequestDatabase() throws -> String {
    let address = try freshDatabase()
    _ = try PostgresStore.initialise(address: address)
    return address
  }

  /// Runs one SQL statement as the superuser on database `name` (test set-up).
  public func execute(_ sql: String, database name: String = "postgres") throws {
    let connection = try PGConnection(conninfo: address(database: name))
    defer { connection.close() }
    try connection.execScript(sql)
  }

  /// Runs one statement at `address` as `psql` would (no milequest rules on the client
  /// side); returns the rows it changed. A refused statement is the `MileQuestError` the
  /// store would map it to (a row-level-security refusal is `.notAllowed`).
  public static func execute(_ sql: String, at address: String) throws -> Int {
    let connection = try PGConnection(conninfo: address)
    defer { connection.close() }
    do {
      return try connection.exec(sql).affected
    } catch let error as PGServerError {
      throw PostgresStore.map(error)
    }
  }

  /// Runs `program` (as `nobody` when the tests run as root) in the cluster's directory
  /// (`nobody` may not be allowed into the test's own) and waits for it, its output in a file.
  private func run(_ program: String, _ arguments: [String]) throws {
    let argv =
      (asNobody
        ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", program]
        : [program]) + arguments
    let outputPath = directory + "/command.out"
    let child = try ChildProcess(
      argv[0], Array(argv.dropFirst()), directory: directory, stdout: .file(outputPath))
    let status = child.wait(timeout: 300)
    if status != 0 {
      let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
      throw MileQuestError.internalError("\(program) failed (status \(status)): \(text)")
    }
  }

  private static func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
        bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
      }
    }
    guard bound else { return 54_329 }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
