import Foundation
import Testing

/// Issue 15: short options where people expect them, each the same as its long spelling.
@Suite("End to end: short options")
struct ShortOptionsTests {
  /// A database with ann and bob in team Kiwis and three walks.
  static func seeded() throws -> CLI {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["member", "add", "bob"])
    cli.ok(["team", "create", "Kiwis", "--as", "ann", "--since", "2026-03-01"])
    cli.ok(["team", "add", "Kiwis", "bob", "--as", "ann", "--since", "2026-03-01"])
    cli.ok(["log", "3km", "--as", "ann", "--date", "2026-03-02"])
    cli.ok(["log", "5km", "--as", "ann", "--member", "bob", "--date", "2026-03-03"])
    cli.ok(["log", "2km", "--as", "bob", "--date", "2026-03-04"])
    return cli
  }

  @Test(
    "-o -q -n -f -m -t -d print exactly what --output --quiet --limit --format --member --team --date print",
    arguments: [
      (
        ["walks", "-f", "json", "-n", "2", "-m", "ann"],
        ["walks", "--format", "json", "--limit", "2", "--member", "ann"]
      ),
      (["walks", "-f", "csv", "-t", "Kiwis"], ["walks", "--format=csv", "--team", "Kiwis"]),
      (
        ["leaderboard", "-t", "Kiwis", "-n", "1", "-f", "json"],
        ["leaderboard", "--team", "Kiwis", "--limit", "1", "--format", "json"]
      ),
      (
        ["-q", "-f", "tsv", "leaderboard", "--teams"],
        ["--quiet", "--format", "tsv", "leaderboard", "--teams"]
      ),
      (["progress", "-f", "json"], ["progress", "--format", "json"]),
    ])
  func sameAsLong(short: [String], long: [String]) throws {
    let cli = try Self.seeded()
    let a = cli.run(short)
    let b = cli.run(long)
    #expect(a.code == b.code, "\(a) vs \(b)")
    #expect(a.stdout == b.stdout)
    #expect(a.stderr == b.stderr)
  }

  @Test("writes: -d and -m on log, -q silences it, -o writes the export's file")
  func writes() throws {
    let cli = try Self.seeded()
    let logged = cli.run(["log", "4km", "--as", "ann", "-m", "bob", "-d", "2026-03-05", "-q"])
    #expect(logged.code == 0, "\(logged)")
    #expect(logged.stdout == "")
    let walks = J.array(try cli.json(["walks", "--member", "bob"])).map(J.object)
    #expect(walks.contains { $0["date"] as? String == "2026-03-05" }, "\(walks)")
    let exported = cli.run(["export", "walks", "-o", "out.csv"])
    #expect(exported.code == 0, "\(exported)")
    let file = try String(
      contentsOf: cli.directory.appendingPathComponent("out.csv"), encoding: .utf8)
    #expect(file == cli.ok(["export", "walks"]))
  }

  @Test("help lists each short option beside its long one")
  func help() {
    let cli = try? CLI()
    let help = cli?.run(["walks", "list", "--help"]).stdout ?? ""
    for pair in ["-n, --limit", "-m, --member", "-t, --team"] {
      #expect(help.contains(pair), "walks list --help lacks \(pair)")
    }
    // The global options are listed once, in the root's help.
    let root = cli?.run(["--help"]).stdout ?? ""
    for pair in ["-f, --format", "-o, --output", "-q, --quiet"] {
      #expect(root.contains(pair), "milequest --help lacks \(pair)")
    }
  }
}
