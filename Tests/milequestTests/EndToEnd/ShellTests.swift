import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// Runs a helper program (bash, fish, tmux, man) and returns its exit code (-signal when a
/// signal ended it) and output (stdout and stderr together).
///
/// A `ChildProcess`, not Foundation's `Process`: `tmux new-session -d` leaves a daemon
/// holding the inherited descriptors, and Process on Linux then never reports the client's exit.
@discardableResult
func runTool(
  _ path: String, _ arguments: [String], environment: [String: String],
  timeout: TimeInterval = 600
) -> (code: Int32, output: String) {
  (try? ChildProcess.run(path, arguments, environment: environment, timeout: timeout))
    ?? (-1, "")
}

/// The first of `names` found in the usual binary directories.
func findTool(_ names: String...) -> String? {
  for name in names {
    for directory in ["/usr/bin", "/bin", "/usr/local/bin"] {
      let path = directory + "/" + name
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
  }
  return nil
}

/// `milequest shell`: scripted through a pipe, and driven through a real terminal with tmux.
@Suite("End to end: shell", .serialized)
struct ShellTests {
  @Test("piped commands run in order and the first error stops with its exit code")
  func scriptMode() throws {
    // Given
    let cli = try CLI()
    let script = """
      # set up
      member add ana
      team create "Fast Feet" --as ana
      log 3km --as ana
      log nonsense --as ana
      member add never
      """
    // When
    let result = cli.run(["shell"], stdin: script)
    // Then
    #expect(result.code == 65)
    #expect(result.stdout.contains("created team Fast Feet"))
    #expect(
      result.stderr
        == "milequest: error: bad distance 'nonsense': expected a number and a unit, e.g. 3.2, 3.2mi, 5 km, 800m or 12000 steps\n"
    )
    let members = J.array(try cli.json(["member", "list"]))
    #expect(members.count == 1, "the line after the error did not run")
  }

  @Test("a script that ends without errors exits 0; the shell's options apply to each line")
  func inheritedOptions() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ana"])
    let result = cli.run(["shell", "--as", "ana", "--format", "json"], stdin: "member list\n")
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("["))
  }

  @Test("TAB completes commands and names, errors keep the session, history survives")
  func terminal() throws {
    guard let tmux = findTool("tmux") else {
      Issue.record("tmux is not installed; .ci/run installs it")
      return
    }
    // Given a database with a member and a team
    let cli = try CLI()
    cli.ok(["member", "add", "ana"])
    cli.ok(["member", "add", "benedict"])
    cli.ok(["team", "create", "Fast Feet", "--as", "ana"])
    let socket = cli.directory.appendingPathComponent("tmux.sock").path
    var environment = cli.environment([
      "XDG_STATE_HOME": cli.directory.appendingPathComponent("state").path,
      "TERM": "xterm", "LC_ALL": "C.UTF-8",
    ])
    environment["PATH"] = "/usr/bin:/bin"
    let command = [BuiltBinary.url.path, "shell", "--as", "ana"]
      .map { "'\($0)'" }.joined(separator: " ")
    func tmuxRun(_ arguments: [String]) -> String {
      runTool(tmux, ["-S", socket] + arguments, environment: environment).output
    }
    func screen() -> String { tmuxRun(["capture-pane", "-p", "-t", "t"]) }
    func waitFor(_ text: String) -> Bool {
      // 10 s: under a full parallel test run a new session's first prompt took over 5 s (CI).
      for _ in 0..<100 {
        if screen().contains(text) { return true }
        Thread.sleep(forTimeInterval: 0.1)
      }
      return false
    }
    defer { _ = tmuxRun(["kill-server"]) }
    let env = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")

    // When: a session starts, TAB completes a command, an option and a name
    _ = tmuxRun(["new-session", "-d", "-s", "t", "-x", "150", "-y", "40", "env \(env) \(command)"])
    #expect(waitFor("milequest (ana)>"), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", "member sh", "Tab"])
    _ = tmuxRun(["send-keys", "-t", "t", "ben", "Tab"])
    #expect(waitFor("member show benedict"), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", "Enter"])
    #expect(waitFor("average per active day"), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", "leaderboard --te", "Tab"])
    #expect(waitFor("leaderboard --team"), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", " Fa", "Tab"])
    #expect(waitFor("\"Fast Feet\""), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", "Enter"])
    #expect(waitFor("team Fast Feet"), "\(screen())")
    // An error prints and the session stays
    _ = tmuxRun(["send-keys", "-t", "t", "log 2000mi", "Enter"])
    #expect(waitFor("milequest: error:"), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", "log 2km", "Enter"])
    #expect(waitFor("logged walk 1"), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", "C-d"])
    Thread.sleep(forTimeInterval: 0.5)
    _ = tmuxRun(["kill-server"])
    // The next server must not meet this one on its way out (same socket).
    for _ in 0..<50 where runTool(tmux, ["-S", socket, "ls"], environment: environment).code == 0 {
      Thread.sleep(forTimeInterval: 0.1)
    }

    // Then: a new session recalls the history with the Up arrow
    _ = tmuxRun(["new-session", "-d", "-s", "t", "-x", "150", "-y", "40", "env \(env) \(command)"])
    #expect(waitFor("milequest (ana)>"), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "t", "Up"])
    #expect(waitFor("milequest (ana)> log 2km"), "\(screen())")
  }
}
