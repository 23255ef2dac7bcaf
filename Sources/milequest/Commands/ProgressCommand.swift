import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest progress [GOAL]`: where the team stands.
  struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "progress",
      _superCommandName: "milequest",
      abstract: "Show where a goal stands: position, milestones, pace and projected arrival.",
      discussion: Examples.following(
        "Without GOAL: the one active goal of the acting member's teams.",
        "milequest progress",
        "milequest progress \"Office 500 km\" -f json",
        "milequest progress \"LEJOG race\" --unit mi --ascii"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Goal name.", completion: NameCompletion.goals) var goal: String?
    @Flag(.watch) var watch = false

    func run() throws {
      let options = options.values
      if watch {
        try LiveOutput.run(options) { context, service in
          try Self.print(goal: goal, options, context, service)
        }
      } else {
        try Self.run(goal: goal, options)
      }
    }

    /// Prints the goal's progress; the quick path calls this directly.
    static func run(goal: String?, _ options: GlobalValues) throws {
      try Context.run(options) { context in
        try print(goal: goal, options, context, context.service)
      }
    }

    /// Prints the goal's progress once through the context's printer.
    private static func print(
      goal: String?, _ options: GlobalValues, _ context: Context, _ service: MileQuestService
    ) throws {
      let progress = try service.progress(goal: goal)
      context.printer.emit(
        json: ProgressView.json(progress, context.printer),
        table: ProgressView.table(progress, context.printer),
        text: ProgressView.text(
          progress, context.printer, ascii: Charset.ascii(forced: options.ascii)),
        nullable: ProgressView.nullable)
    }
  }
}

extension MileQuest.Progress {
  /// The goal and global options of a plain line (`QuickParse`), or nil to leave the line to
  /// ArgumentParser.
  static func quickRequest(_ arguments: [String]) -> (goal: String?, GlobalValues)? {
    guard let line = QuickParse(arguments, command: "progress"), line.positionals.count <= 1,
      let options = line.globalValues()
    else { return nil }
    return (line.positionals.first, options)
  }
}
