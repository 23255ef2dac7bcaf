import Foundation

/// A program the tests start (the throw-away cluster's `initdb` and `pg_ctl`, the built
/// `milequest`, `sqlite3`, shells): `posix_spawn` with every inherited descriptor but 0, 1 and
/// 2 closed, and `waitpid` to reap it, with a time limit.
///
/// Why not Foundation's `Process`: on Linux it learns that a child ended when the child's end of
/// a socket pair closes. The tests start programs from many threads at once, and a long-lived
/// program (the PostgreSQL server, a tmux server, a watchdog shell) started while another
/// thread's `Process` had its socket pair open inherited that socket and kept it open: that
/// `waitUntilExit()` then never returned, and CI hung (swift-corelibs-foundation issue 4795).
/// Closing every other descriptor in each child, and reaping with `waitpid`, removes both halves
/// of that trap.
@_spi(Testing)
public final class ChildProcess: @unchecked Sendable {
  // @unchecked: `status` is guarded by `lock`.
  public let pid: pid_t
  private let lock = NSLock()
  private var status: Int32?

  /// Where a standard stream of the child goes.
  public enum Stream: Sendable {
    /// /dev/null.
    case null
    /// A file, created (mode 0600) or truncated for output, read for input.
    case file(String)
    /// An open descriptor of this process (the read end of a pipe, say).
    case descriptor(Int32)
    /// The same file as the child's stdout (for stderr only).
    case stdout
  }

  /// Starts `path` with `arguments`; `environment` nil inherits this process's, `directory`
  /// nil keeps this process's working directory. Signals start unblocked with default
  /// handlers (the test runner's threads block some, and a child would inherit that mask).
  public init(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil,
    directory: String? = nil, stdin: Stream = .null, stdout: Stream = .null,
    stderr: Stream = .stdout
  ) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    func route(_ stream: Stream, to fd: Int32) {
      switch stream {
      case .null:
        posix_spawn_file_actions_addopen(
          &actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
      case .file(let name):
        if fd == 0 {
          posix_spawn_file_actions_addopen(&actions, fd, name, O_RDONLY, 0)
        } else {
          posix_spawn_file_actions_addopen(&actions, fd, name, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
      case .descriptor(let open):
        posix_spawn_file_actions_adddup2(&actions, open, fd)
      case .stdout:
        posix_spawn_file_actions_adddup2(&actions, 1, fd)
      }
    }
    route(stdin, to: 0)
    route(stdout, to: 1)
    route(stderr, to: 2)
    var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
    #if os(Linux)
      guard let closeFrom = Self.closeFrom else {
        throw POSIXError(.ENOSYS, "posix_spawn_file_actions_addclosefrom_np (glibc 2.34)")
      }
      _ = closeFrom(&actions, 3)
      if let directory {
        guard let changeDirectory = Self.changeDirectory else {
          throw POSIXError(.ENOSYS, "posix_spawn_file_actions_addchdir_np (glibc 2.29)")
        }
        _ = changeDirectory(&actions, directory)
      }
    #else
      flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
      if let directory { posix_spawn_file_actions_addchdir_np(&actions, directory) }
    #endif
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(flags))
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer {
      argv.forEach { free($0) }
      envp?.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned =
      if let envp {
        posix_spawn(&pid, path, &actions, &attributes, argv, envp)
      } else {
        posix_spawn(&pid, path, &actions, &attributes, argv, environ)
      }
    guard spawned == 0 else {
      throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO, "cannot run \(path)")
    }
    self.pid = pid
  }

  /// Whether the child has not ended yet (reaps it if it has).
  public var isRunning: Bool {
    lock.withLock {
      if status != nil { return false }
      var raw: Int32 = 0
      if waitpid(pid, &raw, WNOHANG) == pid {
        status = raw
        return false
      }
      return true
    }
  }

  /// Waits for the child to end; past `timeout` seconds it is killed (SIGKILL), so that a test
  /// that waits on a stuck program fails instead of hanging CI. Returns the raw wait status.
  @discardableResult
  public func wait(timeout: TimeInterval = 600) -> Int32 {
    if let status = lock.withLock({ status }) { return status }
    let pid = self.pid
    let watchdog = DispatchWorkItem { [self] in
      lock.withLock { if status == nil { _ = kill(pid, SIGKILL) } }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    var raw: Int32 = 0
    while true {
      let reaped = waitpid(pid, &raw, 0)
      if reaped == pid { break }
      if reaped == -1 && errno == EINTR { continue }
      // Reaped already by `isRunning` on another thread.
      if let status = lock.withLock({ status }) { return status }
      break
    }
    lock.withLock { status = raw }
    watchdog.cancel()
    return raw
  }

  /// Sends `signal` to the child unless it has been reaped (its id may then be another's).
  public func signal(_ signal: Int32) {
    lock.withLock { if status == nil { _ = kill(pid, signal) } }
  }

  /// The exit code, or nil while running or when a signal ended it.
  public var exitCode: Int32? {
    guard let status = lock.withLock({ status }) else { return nil }
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : nil
  }

  /// The signal that ended the child, or nil.
  public var terminatingSignal: Int32? {
    guard let status = lock.withLock({ status }) else { return nil }
    let signal = status & 0x7f
    return signal != 0 && signal != 0x7f ? signal : nil
  }

  /// The exit code, or -signal when a signal ended it (`wait()` first).
  public var result: Int32 { exitCode ?? -(terminatingSignal ?? 0x7f) }

  /// Runs `path` to its end with stdout and stderr in one file; returns the exit code (-signal
  /// when killed) and what it printed.
  public static func run(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil,
    directory: String? = nil, stdin: Stream = .null, timeout: TimeInterval = 600
  ) throws -> (code: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("child-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let child = try ChildProcess(
      path, arguments, environment: environment, directory: directory, stdin: stdin,
      stdout: .file(output))
    child.wait(timeout: timeout)
    let text = (try? Data(contentsOf: URL(fileURLWithPath: output))) ?? Data()
    return (child.result, String(decoding: text, as: UTF8.self))
  }

  #if os(Linux)
    private typealias CloseFrom =
      @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
      ) -> Int32
    private typealias ChangeDirectory =
      @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
      ) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` and `…_addchdir_np`, looked up at
    /// run time: Swift's Glibc module leaves out the `_np` declarations.
    private static let closeFrom: CloseFrom? = symbol(
      "posix_spawn_file_actions_addclosefrom_np")
    private static let changeDirectory: ChangeDirectory? = symbol(
      "posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
      guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
      return unsafeBitCast(address, to: T.self)
    }
  #endif
}

extension POSIXError {
  fileprivate init(_ code: POSIXErrorCode, _ what: String) {
    self.init(code, userInfo: [NSLocalizedDescriptionKey: what])
  }
}
