import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest stats`: totals, streaks and bests.
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      _superCommandName: "milequest",
      abstract: "Totals, streaks, best day and week for a member (default: acting) or a team.",
      discussion: Examples.block(
        "milequest stats",
        "milequest stats --member bob -f json",
        "milequest stats --team \"Night Owls\""))
    @OptionGroup var options: GlobalOptions
    @Option(.statsMember) var member: String?
    @Option(.statsTeam) var team: String?

    func run() throws {
      try Self.run(member: member, team: team, options.values)
    }

    /// Prints the statistics; the quick path calls this directly.
    static func run(member: String?, team: String?, _ options: GlobalValues) throws {
      try Context.run(options) { context in
        try validate(member: member, team: team)
        let result = try context.service.stats(member: member, team: team)
        context.printer.emit(
          json: StatsView.json(subject: result.subject, result.stats, context.printer),
          table: StatsView.table(
            subject: result.subject, result.stats, context.printer,
            ascii: Charset.ascii(forced: options.ascii)))
      }
    }
  }
}

extension MileQuest.Stats {
  /// The member, team and global options of a plain line (`QuickParse`), or nil to leave the
  /// line to ArgumentParser.
  static func quickRequest(_ arguments: [String])
    -> (member: String?, team: String?, GlobalValues)?
  {
    guard let line = QuickParse(arguments, command: "stats"), line.positionals.isEmpty,
      let options = line.globalValues()
    else { return nil }
    return (line.string(.statsMember), line.string(.statsTeam), options)
  }
}
