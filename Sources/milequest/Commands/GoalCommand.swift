import ArgumentParser
import MileQuestKit

extension GoalMode: ArgumentEnum {}

extension MileQuest {
  /// `milequest goal ...`: what teams go for.
  struct GoalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "goal",
      _superCommandName: "milequest",
      abstract: "Create, list, show and cancel goals.",
      subcommands: [Create.self, List.self, Show.self, Cancel.self])

    struct Create: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a goal along a route or over a distance (captains only).")
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Goal name (unique).") var name: String
      @Option(
        name: .customLong("team"), help: "A team pursuing the goal; repeat for several.",
        completion: NameCompletion.teams)
      var teams: [String] = []
      @Option(help: "With several teams: race (own markers) or together (pooled).")
      var mode: GoalMode = .race
      @Option(help: "Follow this route.", completion: NameCompletion.routes) var route: String?
      @Option(parsing: .unconditional, help: "A plain distance target, e.g. 500km.")
      var distance: String?
      @Option(parsing: .unconditional, help: "First day that counts (default today).")
      var start: String?
      @Option(parsing: .unconditional, help: "Last day that counts (deadline).") var end: String?
      @Option(
        name: .customLong("daily-cap"), parsing: .unconditional,
        help: "At most this distance per member per day counts.")
      var dailyCap: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let goal = try context.service.createGoal(
            .init(
              name: name, teams: teams, mode: mode, route: route, distance: distance,
              start: start, end: end, dailyCap: dailyCap))
          let what =
            "goal \(goal.name): \(context.printer.distance(goal.targetMetres)) "
            + "\(context.printer.unit.rawValue) from \(goal.start)"
          context.printer.changed("created \(what)", would: "would create \(what)")
          if context.printer.format != .table {
            let progress = try context.service.progress(goal: goal.name)
            context.printer.emit(
              json: ProgressView.json(progress, context.printer),
              table: ProgressView.table(progress, context.printer))
          }
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "list", abstract: "List active goals.")
      @OptionGroup var options: GlobalOptions
      @Option(help: "Only goals of this team.", completion: NameCompletion.teams) var team: String?
      @Flag(help: "Also completed and cancelled goals.") var all = false

      func run() throws {
        try Context.run(options) { context in
          let printer = context.printer
          let goals = try context.service.goals(team: team, all: all)
          var table = TextTable([
            ("goal", .left), ("status", .left), ("mode", .left), ("teams", .left),
            ("target \(printer.unit.rawValue)", .right), ("percent", .right), ("start", .left),
            ("end", .left),
          ])
          for progress in goals {
            table.append([
              progress.goal.name, progress.status.rawValue, progress.goal.mode.rawValue,
              progress.markers.map(\.name).joined(separator: ", "),
              printer.distance(progress.targetMetres),
              FixedPoint.string(progress.leader.percent, places: 2),
              progress.goal.start.description,
              progress.goal.end?.description ?? "",
            ])
          }
          printer.emit(json: .array(goals.map { ProgressView.json($0, printer) }), table: table)
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a goal's progress.")
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Goal name.", completion: NameCompletion.goals) var name: String

      func run() throws {
        try Context.run(options) { context in
          let progress = try context.service.progress(goal: name)
          context.printer.emit(
            json: ProgressView.json(progress, context.printer),
            table: ProgressView.table(progress, context.printer),
            text: ProgressView.text(progress, context.printer))
        }
      }
    }

    struct Cancel: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a goal (captains only).")
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Goal name.", completion: NameCompletion.goals) var name: String

      func run() throws {
        try Context.run(options, .writes) { context in
          let goal = try context.service.cancelGoal(name: name)
          context.printer.changed(
            "cancelled goal \(goal.name)", would: "would cancel goal \(goal.name)")
        }
      }
    }
  }
}
