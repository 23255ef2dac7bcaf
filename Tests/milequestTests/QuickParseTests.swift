import ArgumentParser
import Testing

@testable import MileQuestKit
@testable import milequest

/// The quick reader of `log`, `leaderboard`, `progress`, `stats`, `member show`, `team show`
/// and `walks` lines against ArgumentParser: on random lines built from the commands' own
/// options, tricky values and things it must refuse, every line the quick reader accepts must
/// parse with ArgumentParser to the same values.
@Suite("Quick parse")
struct QuickParseTests {
  /// Every global option of the table, and spellings the quick reader must refuse or read.
  static let globalWords =
    OptionKey.quick(for: "progress").map(\.flagName) + [
      "--format=json", "--unit=km", "--db=", "--color=never", "--quiet=1", "--bogus", "-h",
      "--help", "--version", "--", "-q", "-", "--as=ann",
    ]

  /// The table's own options of `command` (not the global ones).
  static func commandWords(_ command: String) -> [String] {
    OptionKey.quick(for: command).filter { !$0.isGlobal }.map(\.flagName)
  }
  static let values = [
    "5km", "3.2", "ann", "-3d", "", "json", "csv", "km", "mi", "never", "always", "12", "-1",
    "abc", "a=b", "x y", "2026-01-01", "12000steps", "week", "all", "average", "walkers",
    "members", "walks", "0", "+3", " 7", "9999999999999999999999",
  ]

  /// The table's options named in `arguments`.
  static func options(in arguments: [String]) -> [OptionKey] {
    arguments.compactMap { OptionKey.named($0.prefix { $0 != "=" }) }
  }

  /// The options of `command`'s quick table named in `arguments` (by its own entries: `stats
  /// --member` is not `log --member`).
  static func options(in arguments: [String], of command: String) -> [OptionKey] {
    let keys = OptionKey.quick(for: command)
    return arguments.compactMap { word in
      let name = word.prefix { $0 != "=" }
      return keys.first { $0.flagName == name }
    }
  }

  /// A random line of up to 9 words from `words` and `values`.
  static func line(_ words: [String], _ random: inout SplitMix64) -> [String] {
    let pool = words + globalWords + values
    return (0..<Int(random.next() % 10)).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
  }

  static func parsed<T: ParsableCommand>(_ name: String, _ arguments: [String], as: T.Type) -> T? {
    (try? MileQuest.parseAsRoot([name] + arguments)) as? T
  }

  @Test("log: accepted lines parse the same with ArgumentParser")
  func log() {
    var random = SplitMix64(seed: 0x10C)
    let words =
      Self.commandWords("log") + [
        "--date=-3d", "--steps=5", "--steps=x", "--note=", "--member=", "--member=bob",
      ]
    var accepted = 0
    var seen: Set<OptionKey> = []
    for _ in 0..<4_000 {
      let arguments = Self.line(words, &random)
      guard let (request, options) = MileQuest.Log.quickRequest(arguments) else { continue }
      accepted += 1
      seen.formUnion(Self.options(in: arguments))
      guard let command = Self.parsed("log", arguments, as: MileQuest.Log.self) else {
        Issue.record("quick accepted what ArgumentParser refuses: \(arguments)")
        continue
      }
      let expected = MileQuestService.WalkRequest(
        member: command.member, distance: command.distance, date: command.date,
        duration: command.duration, steps: command.steps, note: command.note,
        activity: command.activity)
      #expect(request == expected, "\(arguments)")
      #expect(options == command.options.values, "\(arguments)")
    }
    #expect(accepted > 100)
    // Every entry of the option table this command reads was in some accepted line.
    #expect(Set(OptionKey.quick(for: "log")).subtracting(seen).isEmpty, "\(seen)")
  }

  @Test("leaderboard: accepted lines parse the same with ArgumentParser")
  func leaderboard() {
    var random = SplitMix64(seed: 0xB0A4D)
    var seen: Set<OptionKey> = []
    let words =
      Self.commandWords("leaderboard") + [
        "--period=week", "--by=walks", "--limit=3", "--teams=1", "--average-over=x",
        "--average-over=walkers",
      ]
    var accepted = 0
    for _ in 0..<2_500 {
      let arguments = Self.line(words, &random)
      guard let (request, options) = MileQuest.LeaderboardCommand.quickRequest(arguments)
      else { continue }
      accepted += 1
      seen.formUnion(Self.options(in: arguments))
      guard
        let command = Self.parsed(
          "leaderboard", arguments, as: MileQuest.LeaderboardCommand.self)
      else {
        Issue.record("quick accepted what ArgumentParser refuses: \(arguments)")
        continue
      }
      let expected = MileQuestService.LeaderboardRequest(
        team: command.team, teams: command.teams, goal: command.goal, period: command.period,
        from: command.from, to: command.to, metric: command.by,
        averageOver: command.averageOver, limit: command.limit)
      #expect(request == expected, "\(arguments)")
      #expect(options == command.options.values, "\(arguments)")
    }
    #expect(accepted > 100)
    // Every entry of the option table this command reads was in some accepted line.
    #expect(Set(OptionKey.quick(for: "leaderboard")).subtracting(seen).isEmpty, "\(seen)")
  }

  @Test("progress: accepted lines parse the same with ArgumentParser")
  func progress() {
    var random = SplitMix64(seed: 0x9506)
    var seen: Set<OptionKey> = []
    var accepted = 0
    for _ in 0..<2_000 {
      let arguments = Self.line(["quest", "Big Walk"], &random)
      guard let (goal, options) = MileQuest.Progress.quickRequest(arguments) else { continue }
      accepted += 1
      seen.formUnion(Self.options(in: arguments))
      guard let command = Self.parsed("progress", arguments, as: MileQuest.Progress.self) else {
        Issue.record("quick accepted what ArgumentParser refuses: \(arguments)")
        continue
      }
      #expect(goal == command.goal, "\(arguments)")
      #expect(options == command.options.values, "\(arguments)")
    }
    #expect(accepted > 100)
    // Every entry of the option table this command reads was in some accepted line.
    #expect(Set(OptionKey.quick(for: "progress")).subtracting(seen).isEmpty, "\(seen)")
  }

  @Test("stats: accepted lines parse the same with ArgumentParser")
  func stats() {
    var random = SplitMix64(seed: 0x57A75)
    var seen: Set<OptionKey> = []
    let words = Self.commandWords("stats") + ["--member=bob", "--team=", "-m", "-t", "help"]
    var accepted = 0
    for _ in 0..<2_500 {
      let arguments = Self.line(words, &random)
      guard let (member, team, options) = MileQuest.Stats.quickRequest(arguments) else {
        continue
      }
      accepted += 1
      seen.formUnion(Self.options(in: arguments, of: "stats"))
      guard let command = Self.parsed("stats", arguments, as: MileQuest.Stats.self) else {
        Issue.record("quick accepted what ArgumentParser refuses: \(arguments)")
        continue
      }
      #expect(member == command.member && team == command.team, "\(arguments)")
      #expect(options == command.options.values, "\(arguments)")
    }
    #expect(accepted > 100)
    #expect(Set(OptionKey.quick(for: "stats")).subtracting(seen).isEmpty, "\(seen)")
  }

  @Test("member show and team show: accepted lines parse the same with ArgumentParser")
  func show() {
    var random = SplitMix64(seed: 0x5404)
    var seen: Set<OptionKey> = []
    var accepted = 0
    for _ in 0..<4_000 {
      let arguments = Self.line(["bob", "Night Owls", "help", "show", "list"], &random)
      if let (handle, options) = MileQuest.MemberCommand.Show.quickRequest(arguments) {
        accepted += 1
        seen.formUnion(Self.options(in: arguments, of: "member show"))
        if let command = Self.parsed(
          "member", ["show"] + arguments, as: MileQuest.MemberCommand.Show.self)
        {
          #expect(handle == command.handle, "\(arguments)")
          #expect(options == command.options.values, "\(arguments)")
        } else {
          Issue.record("quick accepted what ArgumentParser refuses: member show \(arguments)")
        }
      }
      if let (name, options) = MileQuest.TeamCommand.Show.quickRequest(arguments) {
        if let command = Self.parsed(
          "team", ["show"] + arguments, as: MileQuest.TeamCommand.Show.self)
        {
          #expect(name == command.name, "\(arguments)")
          #expect(options == command.options.values, "\(arguments)")
        } else {
          Issue.record("quick accepted what ArgumentParser refuses: team show \(arguments)")
        }
      }
    }
    #expect(accepted > 100)
    #expect(Set(OptionKey.quick(for: "member show")).subtracting(seen).isEmpty, "\(seen)")
  }

  @Test("walks: accepted lines parse the same with ArgumentParser")
  func walks() {
    var random = SplitMix64(seed: 0x3A1C5)
    var seen: Set<OptionKey> = []
    let words =
      Self.commandWords("walks list") + [
        "--limit=20", "--limit=x", "--from=-3d", "--activity=run", "-n", "-m", "list", "edit",
        "help",
      ]
    var accepted = 0
    for round in 0..<4_000 {
      // Half the lines name the default subcommand, as people type it either way.
      let arguments = (round % 2 == 0 ? ["list"] : []) + Self.line(words, &random)
      let words = arguments.first == "list" ? Array(arguments.dropFirst()) : arguments
      let quick = MileQuest.Walks.List.quickRequest(words)
      #expect((MileQuest.quickParse(["walks"] + arguments) != nil) == (quick != nil))
      guard let (request, options) = quick else { continue }
      accepted += 1
      seen.formUnion(Self.options(in: arguments, of: "walks list"))
      guard let command = Self.parsed("walks", arguments, as: MileQuest.Walks.List.self) else {
        Issue.record("quick accepted what ArgumentParser refuses: walks \(arguments)")
        continue
      }
      let expected = MileQuestService.WalkListRequest(
        member: command.member, team: command.team, from: command.from, to: command.to,
        limit: command.limit, activity: command.activity)
      #expect(request == expected, "\(arguments)")
      #expect(options == command.options.values, "\(arguments)")
    }
    #expect(accepted > 100)
    #expect(Set(OptionKey.quick(for: "walks list")).subtracting(seen).isEmpty, "\(seen)")
  }

  @Test(
    "the usual lines take the quick path",
    arguments: [
      ["log", "5km"], ["log", "3.2", "--date", "-3d", "--note", "--x", "--as", "ann"],
      ["log", "--member", "bob", "12000steps", "--steps", "12000", "--format=json"],
      ["leaderboard"], ["leaderboard", "--team", "Kiwis", "--period", "week"],
      ["leaderboard", "--teams", "--by", "average", "--average-over", "walkers", "--limit", "3"],
      ["progress"], ["progress", "Big Walk", "--unit", "km", "--ascii"],
      ["stats"], ["stats", "--member", "bob", "--format", "json"],
      ["stats", "--team", "Night Owls"],
      ["member", "show", "bob"], ["team", "show", "Night Owls", "--format", "json"],
      ["walks"], ["walks", "--member", "bob", "--limit", "20"], ["walks", "list", "--limit", "5"],
    ])
  func usualLines(_ line: [String]) {
    #expect(MileQuest.quickParse(line) != nil)
  }

  @Test(
    "help, errors and unusual shapes are left to ArgumentParser",
    arguments: [
      ["log"], ["log", "5km", "--help"], ["log", "5km", "--note", "--help"], ["log", "-h"],
      ["log", "5km", "--steps", "many"], ["log", "5km", "6km"], ["log", "5km", "--"],
      ["log", "-5"], ["log", "5km", "--member", "--quiet"], ["log", "5km", "--quiet", "--quiet"],
      ["leaderboard", "--period", "fortnight"], ["leaderboard", "x"], ["leaderboard", "-q"],
      ["progress", "a", "b"], ["progress", "--version"], [],
      ["stats", "bob"], ["stats", "-m", "bob"], ["member", "show"], ["member", "show", "a", "b"],
      ["member", "list"], ["team", "show", "--help"], ["walks", "edit", "3"], ["walks", "help"],
      ["walks", "list", "list"], ["walks", "--limit", "x"], ["walks", "--member"],
      ["leaderboard", "--from", "--", "--quiet"], ["log", "5km", "--note", "--"],
    ])
  func declined(_ line: [String]) {
    #expect(MileQuest.quickParse(line) == nil)
  }
}
