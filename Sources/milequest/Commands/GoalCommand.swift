import ArgumentParser
import MileQuestKit

extension GoalMode: ArgumentEnum {}

extension MileQuest {
  /// `milequest goal ...`: what teams go for.
  struct GoalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "goal",
      _superCommandName: "milequest",
      abstract: "Create, list, show, edit and cancel goals.",
      discussion: Examples.following(
        """
        A goal is active until it is completed (its target reached) or ended (its end date \
        and grace period are over), or cancelled. Its results are then final: walks logged, \
        imported, edited or deleted later do not change them. A goal counts walk, run, hike \
        and wheelchair in full unless --activities says otherwise; --convert counts other \
        activities at a factor (cycle=0.33: a 30 km ride counts 9.9 km).
        """,
        "milequest goal list",
        "milequest goal show \"LEJOG race\""),
      subcommands: [Create.self, List.self, Show.self, Edit.self, Cancel.self])

    struct Create: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a goal along a route or over a distance (captains only).",
        discussion: Examples.block(
          "milequest goal create May --distance 200km -t Trailblazers --end 2026-05-31",
          "milequest route add-builtin hadrians-wall",
          "milequest goal create Wall --route \"Hadrian's Wall Path\" -t Trailblazers",
          "milequest goal create Tri --distance 99km -t Trailblazers --convert swim=4"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Goal name (unique).") var name: String
      @Option(.goalTeam) var teams: [String] = []
      @Option(.mode) var mode: GoalMode = .race
      @Option(.route) var route: String?
      @Option(.distance) var distance: String?
      @Option(.start) var start: String?
      @Option(.end) var end: String?
      @Option(.dailyCap) var dailyCap: String?
      @Option(.grace) var grace: String?
      @Option(.activities) var activities: String?
      @Option(.convert) var convert: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let request = MileQuestService.GoalRequest(
            name: name, teams: teams, mode: mode, route: route, distance: distance,
            start: start, end: end, dailyCap: dailyCap, grace: grace, activities: activities,
            convert: convert)
          try Self.validate(request)
          let goal = try context.service.createGoal(request)
          let what =
            "goal \(goal.name): \(context.printer.distance(goal.targetMetres)) "
            + "\(context.printer.unit.rawValue) from \(goal.start)"
          context.printer.changed("created \(what)", would: "would create \(what)")
          if context.printer.format != .table {
            let progress = try context.service.progress(goal: goal.name)
            context.printer.emit(
              json: ProgressView.json(progress, context.printer),
              table: ProgressView.table(progress, context.printer),
              nullable: ProgressView.nullable)
          }
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List active goals.",
        discussion: Examples.block(
          "milequest goal list",
          "milequest goal list --all -f json",
          "milequest goal list -t \"Night Owls\""))
      @OptionGroup var options: GlobalOptions
      @Option(.goalListTeam) var team: String?
      @Flag(.allGoals) var all = false

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
              FixedDecimal.string(progress.leader.percent, places: 2),
              progress.goal.start.description,
              progress.goal.end?.description ?? "",
            ])
          }
          printer.emit(
            json: .array(goals.map { ProgressView.json($0, printer) }), table: table,
            nullable: ProgressView.nullable)
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a goal's progress.",
        discussion: Examples.block(
          "milequest goal show \"LEJOG race\"",
          "milequest goal show \"Office 500 km\" -f json"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Goal name.", completion: NameCompletion.goals) var name: String

      func run() throws {
        try Context.run(options) { context in
          let progress = try context.service.progress(goal: name)
          context.printer.emit(
            json: ProgressView.json(progress, context.printer),
            table: ProgressView.table(progress, context.printer),
            text: ProgressView.text(progress, context.printer), nullable: ProgressView.nullable)
        }
      }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a goal (captains only; undo reverts it).",
        discussion: Examples.following(
          """
          A rename keeps the goal's history and milestones reached. Changing the dates, cap, \
          grace period, teams or activities of a finished goal opens it again and recomputes \
          its results from the walks as they are now. --dry-run shows the progress the goal \
          would have. --activities replaces the activities counted in full, --convert the \
          converted ones (--convert '' removes them).
          """,
          "milequest goal edit \"Office 500 km\" --end 2026-04-30",
          "milequest goal edit \"Office 500 km\" --no-daily-cap --grace 3",
          "milequest goal edit \"Office 500 km\" --convert cycle=0.33,swim=4"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Goal name.", completion: NameCompletion.goals) var goal: String
      @Option(.newGoalName) var name: String?
      @Option(.newStart) var start: String?
      @Option(.newEnd) var end: String?
      @Option(.dailyCap) var dailyCap: String?
      @Flag(.noDailyCap) var noDailyCap = false
      @Option(.newGrace) var grace: String?
      @Option(.addTeam) var addTeams: [String] = []
      @Option(.removeTeam) var removeTeams: [String] = []
      @Option(.activities) var activities: String?
      @Option(.convert) var convert: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let printer = context.printer
          let edit = MileQuestService.GoalEdit(
            name: name, start: start, end: end, dailyCap: dailyCap, noDailyCap: noDailyCap,
            grace: grace, addTeams: addTeams, removeTeams: removeTeams, activities: activities,
            convert: convert)
          try Self.validate(edit)
          let progress = try context.service.editGoal(name: goal, edit)
          printer.changed(
            "updated goal \(progress.goal.name)", would: "would update goal \(progress.goal.name)")
          printer.emit(
            json: ProgressView.json(progress, printer),
            table: ProgressView.table(progress, printer),
            text: printer.quiet ? "" : ProgressView.text(progress, printer),
            nullable: ProgressView.nullable)
        }
      }
    }

    struct Cancel: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a goal (captains only).",
        discussion: Examples.block(
          "milequest goal cancel \"Office 500 km\" --dry-run",
          "milequest goal cancel \"Office 500 km\" --yes"))
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
