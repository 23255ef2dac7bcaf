import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest progress [GOAL]`: where the team stands.
  struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "progress",
      _superCommandName: "milequest",
      abstract: "Show where a goal stands: position, milestones, pace and projected arrival.",
      discussion: "Without GOAL: the one active goal of the acting member's teams.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Goal name.", completion: NameCompletion.goals) var goal: String?

    func run() throws {
      try Context.run(options) { context in
        let progress = try context.service.progress(goal: goal)
        context.printer.emit(
          json: ProgressView.json(progress, context.printer),
          table: ProgressView.table(progress, context.printer),
          text: ProgressView.text(
            progress, context.printer, ascii: Charset.ascii(forced: options.ascii)))
      }
    }
  }
}
