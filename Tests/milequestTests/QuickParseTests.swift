import ArgumentParser
import Testing

@testable import MileQuestKit
@testable import milequest

/// The quick reader of `log`, `leaderboard` and `progress` lines against ArgumentParser: on
/// random lines built from the commands' own options, tricky values and things it must refuse,
/// every line the quick reader accepts must parse with ArgumentParser to the same values.
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

  @Test(
    "the usual lines take the quick path",
    arguments: [
      ["log", "5km"], ["log", "3.2", "--date", "-3d", "--note", "--x", "--as", "ann"],
      ["log", "--member", "bob", "12000steps", "--steps", "12000", "--format=json"],
      ["leaderboard"], ["leaderboard", "--team", "Kiwis", "--period", "week"],
      ["leaderboard", "--teams", "--by", "average", "--average-over", "walkers", "--limit", "3"],
      ["progress"], ["progress", "Big Walk", "--unit", "km", "--ascii"],
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
      ["progress", "a", "b"], ["progress", "--version"], ["walks"], [],
      ["leaderboard", "--from", "--", "--quiet"], ["log", "5km", "--note", "--"],
    ])
  func declined(_ line: [String]) {
    #expect(MileQuest.quickParse(line) == nil)
  }
}
