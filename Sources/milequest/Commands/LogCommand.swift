import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest log DISTANCE`: log a walk.
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log",
      _superCommandName: "milequest",
      abstract: "Log a walk.",
      discussion: Examples.following(
        """
        DISTANCE is 3.2 (display unit), 3.2mi, "3.2 miles", 5km, 800m or 12000steps \
        (steps times the member's stride). Prints the walk and any milestone reached or goal \
        completed.
        """,
        "milequest log 5km --date yesterday",
        "milequest log 3.2mi --duration 55m --note \"Canal loop\"",
        "milequest log 12000steps -d 2026-03-14 -q",
        "milequest log 10km --activity run --duration 52m"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Distance walked.") var distance: String
    @Option(.member) var member: String?
    @Option(.date) var date: String?
    @Option(.duration) var duration: String?
    @Option(.steps) var steps: Int?
    @Option(.note) var note: String?
    @Option(.activity) var activity: String?

    func run() throws {
      try Self.run(
        .init(
          member: member, distance: distance, date: date, duration: duration, steps: steps,
          note: note, activity: activity), options.values)
    }

    /// Logs the walk and prints it with what it reached; the quick path calls this directly.
    static func run(_ request: MileQuestService.WalkRequest, _ options: GlobalValues) throws {
      try Context.run(options, .writes) { context in
        let printer = context.printer
        let result = try context.service.logWalk(request)
        printer.warn(result.warnings)
        let handle =
          request.member?.lowercased() ?? context.service.actingHandle?.lowercased() ?? ""
        LogView.emit(result.walk, events: result.events, handle: handle, printer)
      }
    }
  }
}

extension MileQuest.Log {
  /// The request and global options of a plain line (`QuickParse`), or nil to leave the line
  /// to ArgumentParser.
  static func quickRequest(_ arguments: [String])
    -> (MileQuestService.WalkRequest, GlobalValues)?
  {
    guard
      let line = QuickParse(arguments, command: "log"),
      line.positionals.count == 1, let options = line.globalValues(),
      let steps = line.value(.steps, as: Int.self)
    else { return nil }
    let request = MileQuestService.WalkRequest(
      member: line.string(.member), distance: line.positionals[0], date: line.string(.date),
      duration: line.string(.duration), steps: steps, note: line.string(.note),
      activity: line.string(.activity))
    return (request, options)
  }
}
