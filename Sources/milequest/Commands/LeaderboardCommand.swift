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
      discussion: """
        Without --team, --teams or --goal: the acting member's team when it has exactly one, \
        else all teams. The period defaults to all time (a goal's window for --goal). Ties \
        share a rank (1, 2, 2, 4); --limit N keeps ranks up to N.
        """)
    @OptionGroup var options: GlobalOptions
    @Option(help: "Rank this team's members.", completion: NameCompletion.teams) var team: String?
    @Flag(help: "Rank teams (with --goal: the goal's teams, a race by progress).")
    var teams = false
    @Option(help: "Rank the members counted for this goal.", completion: NameCompletion.goals) var goal: String?
    @Option(help: "today, week (ISO, Monday first), month, year or all.") var period: Period?
    @Option(parsing: .unconditional, help: "First day (inclusive).") var from: String?
    @Option(parsing: .unconditional, help: "Last day (inclusive).") var to: String?
    @Option(help: "Rank by total distance, average or number of walks.")
    var by: LeaderboardMetric = .total
    @Option(name: .customLong("average-over"), help: "Team averages divide by members or walkers.")
    var averageOver: AverageBasis = .members
    @Option(parsing: .unconditional, help: "Keep the top N ranks (ties at the cut are kept).") var limit: Int?

    func run() throws {
      try Context.run(options) { context in
        let board = try context.service.leaderboard(
          .init(
            team: team, teams: teams, goal: goal, period: period, from: from, to: to, metric: by,
            averageOver: averageOver, limit: limit))
        context.printer.emit(
          json: LeaderboardView.json(board, context.printer),
          table: LeaderboardView.table(board, context.printer),
          text: LeaderboardView.text(board, context.printer))
      }
    }
  }
}
