import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest walks ...`: list, fix and remove walks.
  struct Walks: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "walks",
      _superCommandName: "milequest",
      abstract: "List, edit and delete walks.",
      discussion: Examples.block(
        "milequest walks list -n 5",
        "milequest walks edit 80 --note \"Park run\" --as chen"),
      subcommands: [List.self, Edit.self, Delete.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List walks, newest first.",
        discussion: Examples.block(
          "milequest walks list --from 2026-03-01 --to 2026-03-07",
          "milequest walks list -t \"Night Owls\" -n 10 -f json",
          "milequest walks list -m bob -f csv",
          "milequest walks list --activity run -n 10"))
      @OptionGroup var options: GlobalOptions
      @Option(.walksMember) var member: String?
      @Option(.walksTeam) var team: String?
      @Option(.walksFrom) var from: String?
      @Option(.walksTo) var to: String?
      @Option(.walksLimit) var limit: Int?
      @Option(.walksActivity) var activity: String?

      func run() throws {
        try Self.run(
          .init(member: member, team: team, from: from, to: to, limit: limit, activity: activity),
          options.values)
      }

      /// Lists the walks; the quick path calls this directly.
      static func run(
        _ request: MileQuestService.WalkListRequest, _ options: GlobalValues
      ) throws {
        try Context.run(options) { context in
          var writer = WalkListWriter(context.printer)
          try context.service.forEachListedWalk(request) { try writer.add($0, handle: $1) }
          try writer.finish()
        }
      }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Fix a walk.",
        discussion: Examples.block(
          "milequest walks edit 80 --distance 5km --as chen",
          "milequest walks edit 80 --date yesterday --note \"Park run\" --as chen",
          "milequest walks edit 80 --activity run --as chen"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The walk's id.") var id: Int64
      @Option(.newDistance) var distance: String?
      @Option(.newDate) var date: String?
      @Option(.newDuration) var duration: String?
      @Option(.newSteps) var steps: Int?
      @Option(.newNote) var note: String?
      @Option(.newMember) var member: String?
      @Option(.newActivity) var activity: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let (walk, changed) = try context.service.editWalk(
            id: id,
            .init(
              member: member, distance: distance, date: date, duration: duration, steps: steps,
              note: note, activity: activity))
          if changed {
            context.printer.changed("updated walk \(id)", would: "would update walk \(id)")
          } else {
            context.printer.message("walk \(id) unchanged: the new values are the old ones")
          }
          if context.printer.format != .table {
            let handle = try context.service.handle(ofMember: walk.memberId)
            WalkView.emit([(walk, handle)], context.printer)
          }
        }
      }
    }

    struct Delete: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a walk (undo brings it back).",
        discussion: Examples.block(
          "milequest walks delete 80 --dry-run --as chen",
          "milequest walks delete 80 --as chen"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The walk's id.") var id: Int64

      func run() throws {
        try Context.run(options, .writes) { context in
          _ = try context.service.deleteWalk(id: id)
          context.printer.changed(
            "deleted walk \(id) (milequest undo restores it)", would: "would delete walk \(id)")
        }
      }
    }
  }

  /// `milequest undo`: revert the last change.
  struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "undo",
      _superCommandName: "milequest",
      abstract: "Revert the last change made through milequest (repeat to go further back).",
      discussion: Examples.block(
        "milequest log 4km",
        "milequest undo --dry-run",
        "milequest undo"))
    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Context.run(options, .writes) { context in
        let description = try context.service.undo()
        context.printer.changed("undid: \(description)", would: "would undo: \(description)")
        if context.printer.format == .json {
          context.printer.emit(
            json: .object([("undone", .string(description))]), table: TextTable([]))
        }
      }
    }
  }
}

extension MileQuest.Walks.List {
  /// The request and global options of a plain line (the words after `walks` or `walks list`,
  /// `QuickParse`), or nil to leave the line to ArgumentParser.
  static func quickRequest(_ arguments: [String])
    -> (MileQuestService.WalkListRequest, GlobalValues)?
  {
    guard let line = QuickParse(arguments, command: "walks list"), line.positionals.isEmpty,
      let options = line.globalValues(), let limit = line.value(.walksLimit, as: Int.self)
    else { return nil }
    let request = MileQuestService.WalkListRequest(
      member: line.string(.walksMember), team: line.string(.walksTeam),
      from: line.string(.walksFrom), to: line.string(.walksTo), limit: limit,
      activity: line.string(.walksActivity))
    return (request, options)
  }
}
