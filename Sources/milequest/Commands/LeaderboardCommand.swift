import ArgumentParser
import MileQuestKit

extension Period: ArgumentEnum {}
extension LeaderboardMetric: ArgumentEnum {}
extension AverageBasis: ArgumentEnum {}

extension MileQuest {
  /// `milequest leaderboard`: rank members or teams.
  struct LeaderboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "leaderboard",
      _superCommandName: "milequest",
      abstract: "Rank the members of a team, teams against each other, or a goal's members.",
      discussion: Examples.following(
        """
        Without --team, --teams or --goal: the acting member's team when it has exactly one, \
        else all teams. The period defaults to all time (a goal's window for --goal). Ties \
        share a rank (1, 2, 2, 4); --limit N keeps ranks up to N.
        """,
        "milequest leaderboard --teams --goal \"LEJOG race\"",
        "milequest leaderboard -t Trailblazers --period month --by average",
        "milequest leaderboard --goal \"Office 500 km\" -n 3 -f csv"))
    @OptionGroup var options: GlobalOptions
    @Option(.team) var team: String?
    @Flag(.teams) var teams = false
    @Option(.goal) var goal: String?
    @Option(.period) var period: Period?
    @Option(.from) var from: String?
    @Option(.to) var to: String?
    @Option(.by) var by: LeaderboardMetric = .total
    @Option(.averageOver) var averageOver: AverageBasis = .members
    @Option(.limit) var limit: Int?
    @Flag(.watch) var watch = false

    func run() throws {
      let request = MileQuestService.LeaderboardRequest(
        team: team, teams: teams, goal: goal, period: period, from: from, to: to, metric: by,
        averageOver: averageOver, limit: limit)
      if watch {
        try LiveOutput.run(options.values) { context, service in
          try Self.print(request, context, service)
        }
      } else {
        try Self.run(request, options.values)
      }
    }

    /// Prints the board; the quick path calls this directly.
    static func run(
      _ request: MileQuestService.LeaderboardRequest, _ options: GlobalValues
    ) throws {
      try Context.run(options) { context in try print(request, context, context.service) }
    }

    /// Prints the board once through the context's printer.
    private static func print(
      _ request: MileQuestService.LeaderboardRequest, _ context: Context,
      _ service: MileQuestService
    ) throws {
      try validate(request)
      let board = try service.leaderboard(request)
      context.printer.emit(
        json: LeaderboardView.json(board, context.printer),
        table: LeaderboardView.table(board, context.printer),
        text: LeaderboardView.text(board, context.printer), rows: .list("entries"))
    }
  }
}

extension MileQuest.LeaderboardCommand {
  /// The request and global options of a plain line (`QuickParse`), or nil to leave the line
  /// to ArgumentParser.
  static func quickRequest(_ arguments: [String])
    -> (MileQuestService.LeaderboardRequest, GlobalValues)?
  {
    guard
      let line = QuickParse(arguments, command: "leaderboard"),
      line.positionals.isEmpty, let options = line.globalValues(),
      let period = line.value(.period, as: Period.self),
      let metric = line.value(.by, as: LeaderboardMetric.self),
      let averageOver = line.value(.averageOver, as: AverageBasis.self),
      let limit = line.value(.limit, as: Int.self)
    else { return nil }
    // Absent --by and --average-over keep the request's defaults, which are the options'.
    var request = MileQuestService.LeaderboardRequest(
      team: line.string(.team), teams: line.flag(.teams), goal: line.string(.goal),
      period: period, from: line.string(.from), to: line.string(.to), limit: limit)
    if let metric { request.metric = metric }
    if let averageOver { request.averageOver = averageOver }
    return (request, options)
  }
}
