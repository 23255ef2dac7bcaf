import Foundation
import Testing

/// The repository root (this file is Tests/milequestTests/EndToEnd/DocsTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Completion scripts and the man page are generated from the command definitions and
/// committed; these tests fail when they are stale (regenerate with `.ci/gen-docs`).
@Suite("End to end: completions and man page")
struct DocsTests {
  /// What bash offers on TAB after `line`, with the committed completion script: COMP_* set
  /// and the function called with command, word and previous word, as bash does.
  static func bashComplete(_ line: String, _ environment: [String: String]) -> (
    code: Int32, output: String
  ) {
    let script = repositoryRoot.appendingPathComponent("completions/milequest.bash").path
    let program = """
      source '\(script)'
      eval "COMP_WORDS=($1)"; [ "${1: -1}" = " " ] && COMP_WORDS+=("")
      COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
      _milequest "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    return runTool("/bin/bash", ["-c", program, "_", line], environment: environment)
  }

  static let scripts = [
    ("bash", "milequest.bash"), ("zsh", "_milequest"), ("fish", "milequest.fish"),
  ]

  @Test("committed completion scripts match what the binary generates", arguments: scripts)
  func completionScriptsAreFresh(shell: String, file: String) throws {
    let cli = try CLI()
    let generated = cli.run(["--generate-completion-script", shell])
    #expect(generated.code == 0)
    let path = repositoryRoot.appendingPathComponent("completions/\(file)")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try generated.stdout.write(to: path, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: path, encoding: .utf8)
    #expect(committed == generated.stdout, "completions/\(file) is stale: run .ci/gen-docs")
  }

  /// Sets up a database with names to complete; returns the environment for the shells.
  func namedDatabase(_ cli: CLI) -> [String: String] {
    cli.ok(["member", "add", "ana"])
    cli.ok(["member", "add", "anouk"])
    cli.ok(["member", "add", "ben"])
    cli.ok(["team", "create", "Fast Feet", "--as", "ana"])
    var environment = cli.environment()
    environment["PATH"] = BuiltBinary.url.deletingLastPathComponent().path + ":/usr/bin:/bin"
    return environment
  }

  @Test("bash completes subcommands, options and names from the database")
  func bashCompletesNames() throws {
    let cli = try CLI()
    let environment = namedDatabase(cli)
    func complete(_ line: String) -> String { Self.bashComplete(line, environment).output }
    #expect(complete("milequest lea") == "leaderboard\n")
    #expect(complete("milequest log --member an") == "ana\nanouk\n")
    #expect(complete("milequest leaderboard --team ") == "Fast Feet\n")
    #expect(complete("milequest team add Fast\\ Feet b") == "ben\n")
    #expect(complete("milequest log --un") == "--unit\n")
  }

  @Test("fish completes names from the database, typed in a real terminal")
  func fishCompletesNames() throws {
    guard let fish = findTool("fish"), let tmux = findTool("tmux") else {
      Issue.record("fish or tmux is not installed; .ci/run installs them")
      return
    }
    let cli = try CLI()
    var environment = namedDatabase(cli)
    environment["TERM"] = "xterm"
    environment["HOME"] = cli.directory.path
    let script = repositoryRoot.appendingPathComponent("completions/milequest.fish").path
    let socket = cli.directory.appendingPathComponent("fish.sock").path
    func tmuxRun(_ arguments: [String]) -> String {
      runTool(tmux, ["-S", socket] + arguments, environment: environment).output
    }
    defer { _ = tmuxRun(["kill-server"]) }
    // `complete -C` in `fish -c` has no command line to read, so the generated script's
    // custom completions only work at a real prompt: type and press TAB, as a person would.
    _ = tmuxRun(["new-session", "-d", "-s", "f", "-x", "150", "-y", "20", "\(fish) --no-config"])
    func screenAfter(_ keys: [String]) -> String {
      _ = tmuxRun(["send-keys", "-t", "f", "C-u"] + keys)
      for _ in 0..<40 {
        Thread.sleep(forTimeInterval: 0.1)
        let screen = tmuxRun(["capture-pane", "-p", "-t", "f"])
        if screen.contains("ana") || screen.contains("Fast") { return screen }
      }
      return tmuxRun(["capture-pane", "-p", "-t", "f"])
    }
    _ = tmuxRun(["send-keys", "-t", "f", "source '\(script)'", "Enter"])
    let members = screenAfter(["milequest log --member an", "Tab"])
    #expect(members.contains("ana") && members.contains("anouk"), "\(members)")
    let teams = screenAfter(["milequest leaderboard --team F", "Tab"])
    #expect(teams.contains("Fast\\ Feet") || teams.contains("Fast Feet"), "\(teams)")
  }

  @Test("zsh loads the completion script")
  func zshLoads() throws {
    guard let zsh = findTool("zsh") else {
      Issue.record("zsh is not installed; .ci/run installs it")
      return
    }
    let script = repositoryRoot.appendingPathComponent("completions/_milequest").path
    let result = runTool(zsh, ["-n", script], environment: [:])
    #expect(result.code == 0, "\(result.output)")
  }

  /// Every command path and long option, from ArgumentParser's own dump of the command line.
  func commandLine() throws -> (commands: [String], options: Set<String>) {
    let cli = try CLI()
    let dump = cli.run(["--experimental-dump-help"])
    let root = J.object(
      J.object(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)))["command"])
    var commands: [String] = []
    var options = Set<String>()
    func walk(_ node: [String: Any], path: [String]) {
      // Hidden options (the debug build's test-only `--test-probe`) are not documented.
      for argument in J.array(node["arguments"]).map(J.object)
      where argument["shouldDisplay"] as? Bool != false {
        for name in J.array(argument["names"]).map(J.object) where J.string(name["kind"]) == "long"
        {
          options.insert("--" + (J.string(name["name"]) ?? ""))
        }
      }
      for sub in J.array(node["subcommands"]).map(J.object) {
        let name = J.string(sub["commandName"]) ?? ""
        commands.append((path + [name]).joined(separator: " "))
        walk(sub, path: path + [name])
      }
    }
    walk(root, path: [])
    return (commands, options)
  }

  @Test("the man pages document every command and option, with the extra sections")
  func manPageIsFresh() throws {
    let manDirectory = repositoryRoot.appendingPathComponent("man")
    let overview = try String(
      contentsOf: manDirectory.appendingPathComponent("milequest.1"), encoding: .utf8)
    var pages = overview
    let (commands, options) = try commandLine()
    for command in commands where !command.hasPrefix("help") {
      // git-style: `man milequest-goal-create`, listed under COMMANDS of milequest(1).
      let name = "milequest-" + command.replacingOccurrences(of: " ", with: "-")
      let url = manDirectory.appendingPathComponent(name + ".1")
      let page = try? String(contentsOf: url, encoding: .utf8)
      #expect(page != nil, "no man page \(name).1 for '\(command)': run .ci/gen-docs")
      #expect(page?.contains(".Dt \(name.uppercased()) 1") == true, "\(name)")
      #expect(page?.contains(".Nm \(name)\n") == true, "\(name)")
      #expect(page?.contains(".Sh EXAMPLES") == true, "\(name)")
      #expect(overview.contains(".It Xr \(name) 1\n"), "milequest.1 COMMANDS lacks \(name)")
      pages += page ?? ""
    }
    for option in options {
      #expect(
        pages.contains("Fl " + option.dropFirst()) || pages.contains(", " + option.dropFirst()),
        "no man page has '\(option)': run .ci/gen-docs")
    }
    for section in [
      "NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "GLOBAL OPTIONS", "ENVIRONMENT", "FILES",
      "EXIT STATUS", "EXAMPLES", "SEE ALSO",
    ] {
      #expect(overview.contains(".Sh \(section)\n"), "\(section)")
    }
    // The date is the release date of this version, on every page.
    let version = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Sources/milequest/Version.swift"),
      encoding: .utf8)
    let released = try #require(
      version.split(separator: "\n").first { $0.contains("static let released") }?
        .split(separator: "\"").dropFirst().first)
    let parts = released.split(separator: "-").compactMap { Int($0) }
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ]
    let dd = ".Dd \(months[parts[1] - 1]) \(parts[2]), \(parts[0])\n"
    #expect(overview.hasPrefix(dd), "milequest.1 is not dated \(dd)")
    let formats = try String(
      contentsOf: manDirectory.appendingPathComponent("milequest-formats.5"), encoding: .utf8)
    #expect(formats.hasPrefix(dd), "milequest-formats.5 is not dated \(dd)")
  }

  @Test("man -l renders the page without warnings")
  func manRenders() throws {
    guard let man = findTool("man") else {
      Issue.record("man is not installed; .ci/run installs man-db")
      return
    }
    let path = repositoryRoot.appendingPathComponent("man/milequest.1").path
    let result = runTool(
      man, ["--warnings", "-l", path],
      environment: [
        "MANPAGER": "cat", "MANWIDTH": "100", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
      ])
    #expect(result.code == 0)
    #expect(result.output.contains("EXIT STATUS"))
    #expect(result.output.contains("ENVIRONMENT"))
    #expect(!result.output.contains("warning"), "\(result.output.prefix(2000))")
  }
}
