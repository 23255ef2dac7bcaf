import Foundation
import Testing

/// Issue 15, "Shell completion without surprises": the committed completion scripts, loaded in
/// real bash, zsh and fish at a prompt in tmux, typed into as a person would. Names with
/// apostrophes and spaces complete to a command line that runs; a global option before the
/// subcommand (`--db X`, `--db=X`) still completes names from that database; `walks --format`
/// and `walks -f` offer the formats.
@Suite("End to end: completion in bash, zsh and fish")
struct CompletionShellsTests {
  /// A terminal running `shell` with the committed script loaded, on a database with member
  /// ana and the teams "Night Owls" and "Land's End to John o' Groats", and `other.db` beside
  /// it with member zoe only.
  final class Terminal {
    let cli: CLI
    let socket: String
    let tmux: String
    let environment: [String: String]
    let other: String

    init?(_ shell: String) throws {
      guard let tmux = findTool("tmux") else {
        Issue.record("tmux is not installed; .ci/run installs it")
        return nil
      }
      guard let program = findTool(shell) else {
        Issue.record("\(shell) is not installed; .ci/run installs it")
        return nil
      }
      cli = try CLI()
      cli.ok(["member", "add", "ana"])
      cli.ok(["team", "create", "Night Owls", "--as", "ana"])
      cli.ok(["team", "create", "Land's End to John o' Groats", "--as", "ana"])
      other = cli.directory.appendingPathComponent("other.db").path
      cli.ok(["init", "--db", other])
      cli.ok(["member", "add", "zoe", "--db", other])
      self.tmux = tmux
      socket = cli.directory.appendingPathComponent("tmux.sock").path
      var environment = cli.environment(["TERM": "xterm", "LC_ALL": "C.UTF-8"])
      environment["PATH"] = BuiltBinary.url.deletingLastPathComponent().path + ":/usr/bin:/bin"
      self.environment = environment
      let completions = repositoryRoot.appendingPathComponent("completions").path
      let setup: String
      switch shell {
      case "bash":
        tmuxRun(["new-session", "-d", "-s", "c", "-x", "160", "-y", "30", "\(program) --norc"])
        setup = "source '\(completions)/milequest.bash'; PS1='RC=$? \\$ '"
      case "zsh":
        tmuxRun(["new-session", "-d", "-s", "c", "-x", "160", "-y", "30", "\(program) -f"])
        setup =
          "fpath=('\(completions)' $fpath); autoload -U compinit; compinit -u -D; "
          + "PS1='RC=%? %# '"
      default:
        tmuxRun([
          "new-session", "-d", "-s", "c", "-x", "160", "-y", "30", "\(program) --no-config",
        ])
        setup =
          "source '\(completions)/milequest.fish'; "
          + "function fish_prompt; echo \"RC=$status > \"; end"
      }
      // Typed only once the shell shows its first prompt (a line typed earlier may be
      // dropped as the shell starts), and again if the new prompt does not show.
      _ = waitFor { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
      for _ in 0..<3 {
        tmuxRun(["send-keys", "-t", "c", "-l", setup])
        tmuxRun(["send-keys", "-t", "c", "Enter"])
        if waitFor(seconds: 5, { $0.contains("RC=0") }).contains("RC=0") { break }
      }
      fresh()
    }

    deinit { tmuxRun(["kill-server"]) }

    @discardableResult
    func tmuxRun(_ arguments: [String]) -> String {
      runTool(tmux, ["-S", socket] + arguments, environment: environment).output
    }

    func screen() -> String { tmuxRun(["capture-pane", "-p", "-t", "c"]) }

    /// Waits until the screen satisfies `test` (pressing `retry` again every 2 s, up to 3
    /// times, for a keystroke the shell took before it was ready).
    func waitFor(retry: String? = nil, seconds: Int = 6, _ test: (String) -> Bool) -> String {
      for attempt in 0..<(seconds * 10) {
        let now = screen()
        if test(now) { return now }
        if let retry, attempt % 20 == 19 { tmuxRun(["send-keys", "-t", "c", retry]) }
        Thread.sleep(forTimeInterval: 0.1)
      }
      return screen()
    }

    /// An empty line at a clean screen.
    func fresh() {
      // Ctrl-C may only close a completion menu (fish): then Ctrl-U empties the line.
      tmuxRun(["send-keys", "-t", "c", "C-c"])
      Thread.sleep(forTimeInterval: 0.2)
      tmuxRun(["send-keys", "-t", "c", "C-u"])
      Thread.sleep(forTimeInterval: 0.1)
      tmuxRun(["send-keys", "-t", "c", "clear", "Enter"])
      _ = waitFor { $0.hasPrefix("RC=0") && !$0.contains("milequest") }
    }

    /// Types `line`, presses TAB, and returns the screen once it shows `expected`.
    func complete(_ line: String, showing expected: (String) -> Bool) -> String {
      fresh()
      tmuxRun(["send-keys", "-t", "c", "-l", line])
      tmuxRun(["send-keys", "-t", "c", "Tab"])
      return waitFor(retry: "Tab", expected)
    }

    /// Presses Enter and returns the screen once it shows `expected` (or an error).
    func enter(showing expected: String) -> String {
      tmuxRun(["send-keys", "-t", "c", "Enter"])
      return waitFor { $0.contains(expected) || $0.contains("milequest: error") }
    }
  }

  static let shells = ["bash", "zsh", "fish"]

  @Test("names with spaces and apostrophes complete to a command that runs", arguments: shells)
  func quotedNames(shell: String) throws {
    guard let terminal = try Terminal(shell) else { return }
    // A team with a space
    var screen = terminal.complete("milequest team show Nig") { $0.contains("Owls") }
    #expect(screen.contains("team show Night\\ Owls"), "\(shell): \(screen)")
    screen = terminal.enter(showing: "Night Owls (max 50 members)")
    #expect(screen.contains("Night Owls (max 50 members)"), "\(shell): \(screen)")
    #expect(!screen.contains("milequest: error"), "\(shell): \(screen)")

    // A team with apostrophes and spaces
    screen = terminal.complete("milequest team show Land") { $0.contains("Groats") }
    screen = terminal.enter(showing: "Land's End to John o' Groats (max 50 members)")
    #expect(
      screen.contains("Land's End to John o' Groats (max 50 members)"), "\(shell): \(screen)")
    #expect(!screen.contains("milequest: error"), "\(shell): \(screen)")
  }

  @Test(
    "a global option before the subcommand completes names from its database", arguments: shells)
  func globalOptionFirst(shell: String) throws {
    guard let terminal = try Terminal(shell) else { return }
    // zoe is only in other.db; the environment's database has ana
    for db in ["--db \(terminal.other)", "--db=\(terminal.other)"] {
      let screen = terminal.complete("milequest \(db) member show ") {
        $0.contains("member show zoe")
      }
      #expect(screen.contains("member show zoe"), "\(shell) \(db): \(screen)")
      #expect(!screen.contains("ana"), "\(shell) \(db): \(screen)")
    }
    // After the subcommand, as before
    let screen = terminal.complete("milequest member show --db=\(terminal.other) ") {
      $0.contains("zoe")
    }
    #expect(screen.contains("--db=\(terminal.other) zoe"), "\(shell): \(screen)")
  }

  @Test("walks --format and walks -f offer the formats", arguments: shells)
  func formats(shell: String) throws {
    guard let terminal = try Terminal(shell) else { return }
    let formats: Set<Substring> = ["table", "json", "ndjson", "csv", "tsv"]
    func offersAll(_ screen: String) -> Bool {
      formats.isSubset(of: Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" })))
    }
    for option in ["--format", "-f"] {
      var screen = terminal.complete("milequest walks \(option) ") { offersAll($0) }
      if !offersAll(screen) {
        // bash lists the candidates on the second TAB
        terminal.tmuxRun(["send-keys", "-t", "c", "Tab"])
        screen = terminal.waitFor { offersAll($0) }
      }
      #expect(offersAll(screen), "\(shell) walks \(option): \(screen)")
      #expect(!screen.contains("delete"), "\(shell) walks \(option): \(screen)")
    }
  }
}
