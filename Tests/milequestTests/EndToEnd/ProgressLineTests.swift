import Foundation
import Testing

/// Issue 15, "Long work shows progress": a real import long enough to draw the line, with
/// standard error on a pseudo-terminal (`script`) or in a real terminal (tmux); no line when
/// standard error is piped, with `--quiet` or with `TERM=dumb`; Ctrl-C during an import says
/// that nothing was imported, exits 130 and leaves no walk of the file.
@Suite("End to end: progress line", .serialized)
struct ProgressLineTests {
  /// A CLI with member ana and `big.csv` of `rows` walks of hers (a few seconds to import).
  func bigImport(rows: Int = 100_000) throws -> (cli: CLI, file: String) {
    let cli = try CLI()
    cli.ok(["member", "add", "ana"])
    var text = "member,date,distance,unit,external_id\n"
    text.reserveCapacity(rows * 40)
    for row in 0..<rows {
      text += "ana,2026-01-\(10 + row % 18),\(row % 9 + 1).5,km,big-\(row)\n"
    }
    let file = cli.directory.appendingPathComponent("big.csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    return (cli, file)
  }

  /// Walks stored now (every walk, as `export walks` writes them: one CSV line each).
  func walkCount(_ cli: CLI) -> Int {
    cli.ok(["export", "walks", "--format", "csv"]).split(separator: "\n").count - 1
  }

  /// Runs `milequest args` with standard error on a pseudo-terminal of its own and standard
  /// output in a file: what `script` prints is exactly what went to standard error.
  func onTerminal(_ cli: CLI, _ args: [String], env: [String: String]) throws -> (
    code: Int32, stderr: String, stdout: String
  ) {
    guard let script = findTool("script") else {
      Issue.record("script (util-linux) is not installed; .ci/run installs it")
      return (-1, "", "")
    }
    let out = cli.directory.appendingPathComponent("stdout.txt").path
    let command =
      ([BuiltBinary.url.path] + args).map { "'\($0)'" }.joined(separator: " ") + " > '\(out)'"
    let result = runTool(script, ["-qec", command, "/dev/null"], environment: cli.environment(env))
    let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    return (result.code, result.output, stdout)
  }

  @Test("an import on a terminal draws the line in place and clears it before the summary")
  func lineOnTerminal() throws {
    // Given a file that takes more than a second to import
    let (cli, file) = try bigImport()

    // When it is imported with standard error on a terminal
    let run = try onTerminal(cli, ["import", "walks", file], env: ["TERM": "xterm"])

    // Then the line was drawn (each drawing from the first column, clearing what was there)
    // and cleared at the end; the summary is as without it
    #expect(run.code == 0, "\(run.stderr)")
    #expect(run.stdout == "imported 100000 walks (0 already there)\n")
    let drawings = run.stderr.components(separatedBy: "\r").filter { !$0.isEmpty }
    #expect(drawings.count >= 2, "\(run.stderr.debugDescription)")
    let first = try #require(drawings.first)
    #expect(first.hasPrefix("importing big.csv: "), "\(first.debugDescription)")
    #expect(first.contains(" MiB (") && first.contains("/s, ") && first.hasSuffix("left\u{1B}[K"))
    #expect(run.stderr.hasSuffix("\r\u{1B}[K"), "\(run.stderr.debugDescription)")
    #expect(walkCount(cli) == 100_000)

    // And an export of them to a file counts rows against their number
    let out = cli.directory.appendingPathComponent("out.csv").path
    let export = try onTerminal(cli, ["export", "walks", "-o", out], env: ["TERM": "xterm"])
    #expect(export.code == 0, "\(export.stderr)")
    #expect(export.stderr.contains("\rexporting walks: "), "\(export.stderr.debugDescription)")
    #expect(export.stderr.contains(" of 100000 rows ("), "\(export.stderr.debugDescription)")
    #expect(export.stderr.hasSuffix("\r\u{1B}[K"), "\(export.stderr.debugDescription)")
  }

  @Test("no line when standard error is piped, with --quiet, or with TERM=dumb or unset")
  func noLine() throws {
    // Given a file that takes more than a second to import, three times
    let (cli, file) = try bigImport(rows: 40_000)

    // When standard error is a file: nothing on it
    let piped = cli.run(["import", "walks", file, "--dry-run"], env: ["TERM": "xterm"])
    #expect(piped.code == 0)
    #expect(piped.stderr == "")
    #expect(piped.stdout == "would import 40000 walks (0 already there)\n")

    // When it is a terminal but --quiet, TERM=dumb or no TERM: nothing either (dry runs, so
    // each does the whole work again)
    let quiet = try onTerminal(
      cli, ["import", "walks", file, "--dry-run", "--quiet"], env: ["TERM": "xterm"])
    #expect(quiet.code == 0)
    #expect(quiet.stderr == "", "\(quiet.stderr.debugDescription)")
    #expect(quiet.stdout == "")
    let dumb = try onTerminal(cli, ["import", "walks", file, "--dry-run"], env: ["TERM": "dumb"])
    #expect(dumb.code == 0)
    #expect(dumb.stderr == "", "\(dumb.stderr.debugDescription)")
    #expect(dumb.stdout == "would import 40000 walks (0 already there)\n")
    let unset = try onTerminal(cli, ["import", "walks", file, "--dry-run"], env: ["TERM": ""])
    #expect(unset.code == 0)
    #expect(unset.stderr == "", "\(unset.stderr.debugDescription)")

    // And the same import with TERM=xterm on that terminal does draw (the cases above were
    // long enough to draw)
    let drawn = try onTerminal(cli, ["import", "walks", file, "--dry-run"], env: ["TERM": "xterm"])
    #expect(drawn.stderr.contains("importing big.csv: "), "\(drawn.stderr.debugDescription)")
    #expect(walkCount(cli) == 0)
  }

  @Test("short work on a terminal shows no line")
  func shortWork() throws {
    let (cli, file) = try bigImport(rows: 50)
    let run = try onTerminal(cli, ["import", "walks", file], env: ["TERM": "xterm"])
    #expect(run.code == 0)
    #expect(run.stderr == "", "\(run.stderr.debugDescription)")
    #expect(run.stdout == "imported 50 walks (0 already there)\n")
  }

  @Test("Ctrl-C during an import in a terminal: says nothing was imported, 130, no walk")
  func interrupted() throws {
    guard let tmux = findTool("tmux") else {
      Issue.record("tmux is not installed; .ci/run installs it")
      return
    }
    // Given a big file and a terminal running its import
    let (cli, file) = try bigImport(rows: 150_000)
    let socket = cli.directory.appendingPathComponent("tmux.sock").path
    let environment = cli.environment(["TERM": "xterm"])
    func tmuxRun(_ arguments: [String]) -> String {
      runTool(tmux, ["-S", socket] + arguments, environment: environment).output
    }
    func screen() -> String { tmuxRun(["capture-pane", "-p", "-t", "p"]) }
    func waitFor(_ text: String, seconds: Double = 60) -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline {
        if screen().contains(text) { return true }
        Thread.sleep(forTimeInterval: 0.1)
      }
      return false
    }
    defer { _ = tmuxRun(["kill-server"]) }
    let status = cli.directory.appendingPathComponent("status").path
    // The shell traps SIGINT (a handler, which its child does not inherit, unlike an
    // ignored signal) so that it lives on to write the import's exit status.
    let command =
      "trap true INT; '\(BuiltBinary.url.path)' import walks '\(file)'; "
      + "echo $? > '\(status)'; sleep 600"
    _ = tmuxRun(["new-session", "-d", "-s", "p", "-x", "100", "-y", "10", command])

    // When Ctrl-C is pressed while the progress line shows
    #expect(waitFor("importing big.csv: "), "\(screen())")
    _ = tmuxRun(["send-keys", "-t", "p", "C-c"])

    // Then the line gives way to one message, the exit status is 130
    #expect(waitFor("milequest: interrupted: nothing was imported", seconds: 20), "\(screen())")
    let deadline = Date().addingTimeInterval(20)
    var code = ""
    while Date() < deadline {
      code = (try? String(contentsOfFile: status, encoding: .utf8)) ?? ""
      if !code.isEmpty { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(code == "130\n")
    #expect(!screen().contains("importing big.csv"), "\(screen())")

    // And the database has no walk of the file
    #expect(walkCount(cli) == 0)
  }
}
