import ArgumentParser
import MileQuestKit

extension ProgressChart.Kind: ArgumentEnum {}

extension MileQuest {
  /// `milequest chart GOAL | --team T`: an SVG chart of distance over time.
  struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "chart",
      _superCommandName: "milequest",
      abstract: "Draw an SVG chart of a goal's or a team's distance over time.",
      discussion: Examples.following(
        """
        chart GOAL: cumulative distance per team (one line per team in a race), with the \
        target and the pace still needed to finish by the end date; --members draws a line \
        per member instead. chart --team T: cumulative distance per member of the team. \
        --kind weekly draws bars per member and ISO week (the last 12 weeks). Write it with \
        --output FILE.svg (else it goes to stdout).
        """,
        "milequest chart \"LEJOG race\" -o race.svg",
        "milequest chart \"Office 500 km\" --kind weekly --members -o weekly.svg",
        "milequest chart --team Trailblazers -o team.svg"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Goal name.", completion: NameCompletion.goals) var goal: String?
    @Option(.chartTeam) var team: String?
    @Option(.kind) var kind: ProgressChart.Kind = .cumulative
    @Flag(.members) var members = false

    func validate() throws {
      if (goal == nil) == (team == nil) {
        throw ValidationError("give either a goal name or --team T")
      }
      if members && goal == nil {
        throw ValidationError("--members goes with a goal name")
      }
    }

    func run() throws {
      try Context.run(options) { context in
        let service = context.service
        let unit = context.printer.unit
        let today = service.today
        let svg: String
        if let team {
          let series = try service.memberSeries(team: team)
          switch kind {
          case .cumulative:
            svg = ProgressChart.team(
              series, today: today, options: .init(unit: unit, title: team)
            ).svg()
          case .weekly:
            svg = WeeklyChart(
              series: series, from: today.adding(days: -7 * (WeeklyChart.maximumWeeks - 1)),
              to: today,
              options: .init(
                unit: unit, title: team, subtitle: "Weekly distance per member (ISO weeks)")
            ).svg()
          }
        } else if let goal {
          let progress = try service.progress(goal: goal)
          let name = progress.goal.name
          switch (kind, members) {
          case (.cumulative, false):
            svg = ProgressChart.goal(
              progress, today: today, options: .init(unit: unit, title: name)
            )
            .svg()
          case (.cumulative, true):
            svg = ProgressChart.goalMembers(
              progress, series: try service.memberSeries(goal: name), today: today,
              options: .init(unit: unit, title: name)
            ).svg()
          case (.weekly, _):
            let window = progress.goal
            svg = WeeklyChart(
              series: try service.memberSeries(goal: name), from: window.start,
              to: max(min(today, window.end ?? today), window.start),
              options: .init(
                unit: unit, title: name, subtitle: "Weekly distance per member (ISO weeks)")
            ).svg()
          }
        } else {
          throw MileQuestError.usage("give either a goal name or --team T")
        }
        context.printer.raw(svg)
      }
    }
  }
}
