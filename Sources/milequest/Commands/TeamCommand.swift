import ArgumentParser
import MileQuestKit

extension Role: ArgumentEnum {}

extension MileQuest {
  /// `milequest team ...`: teams, memberships and roles.
  struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "team",
      _superCommandName: "milequest",
      abstract: "Create teams and manage their members.",
      discussion: Examples.block(
        "milequest team list",
        "milequest team show Trailblazers"),
      subcommands: [
        Create.self, List.self, Show.self, Edit.self, Add.self, Remove.self, Promote.self,
        Demote.self, Leave.self,
      ])

    struct Create: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a team; the acting member becomes its first captain.",
        discussion: Examples.block(
          "milequest team create \"Lunch Walkers\" --description \"Out at noon\"",
          "milequest team create Ramblers --max-members 8 --as bob"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name (unique, 1-60 characters).") var name: String
      @Option(.teamDescription) var description: String?
      @Option(.maxMembers) var maxMembers: Int?
      @Option(.creatorSince) var since: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let team = try context.service.createTeam(
            name: name, description: description, maxMembers: maxMembers, since: since)
          context.printer.changed(
            "created team \(team.name)", would: "would create team \(team.name)")
          if context.printer.format != .table {
            context.printer.emit(
              json: TeamView.json(team), table: TeamList.table([(team: team, members: 1)]))
          }
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List teams.",
        discussion: Examples.block(
          "milequest team list",
          "milequest team list -f json"))
      @OptionGroup var options: GlobalOptions

      func run() throws {
        try Context.run(options) { context in
          let teams = try context.service.teams()
          context.printer.emit(
            json: .array(teams.map { TeamView.json($0.team, members: $0.members) }),
            table: TeamList.table(teams))
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a team with its membership history and goals.",
        discussion: Examples.block(
          "milequest team show Trailblazers",
          "milequest team show \"Night Owls\" -f json"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name.", completion: NameCompletion.teams) var name: String

      func run() throws { try Self.run(name: name, options.values) }

      /// Prints the team; the quick path calls this directly.
      static func run(name: String, _ options: GlobalValues) throws {
        try Context.run(options) { context in
          let details = try context.service.teamDetails(name: name)
          let rows = details.history.map {
            (handle: $0.member.handle, team: details.team.name, membership: $0.membership)
          }
          guard case .object(var fields) = TeamView.json(details.team) else { return }
          fields.append(
            (
              "memberships",
              .array(
                rows.map {
                  TeamView.membershipJSON($0.handle, team: $0.team, $0.membership)
                })
            ))
          fields.append(("goals", .array(details.goals.map { .string($0.name) })))
          var text = "\(details.team.name)"
          if let description = details.team.description { text += " — \(description)" }
          text += " (max \(Plural.count(details.team.maxMembers, "member")))\n"
          text += TeamView.membershipTable(rows).aligned()
          if !details.goals.isEmpty {
            text += "goals: " + details.goals.map(\.name).joined(separator: ", ") + "\n"
          }
          context.printer.emit(
            json: .object(fields), table: TeamView.membershipTable(rows), text: text)
        }
      }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Rename a team or change its description or member limit (captains only).",
        discussion: Examples.following(
          """
          Goals, memberships and walks refer to the team itself, so a renamed team keeps its \
          history, goals and milestones reached. --max-members cannot go below the number of \
          current members. `milequest undo` reverts the edit.
          """,
          "milequest team edit Trailblazers --description \"Fast on Fridays\"",
          "milequest team edit Trailblazers --max-members 10"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name.", completion: NameCompletion.teams) var team: String
      @Option(.newTeamName) var name: String?
      @Option(.newDescription) var description: String?
      @Option(.newMaxMembers) var maxMembers: Int?

      func validate() throws {
        if name == nil && description == nil && maxMembers == nil {
          throw ValidationError("team edit needs --name, --description or --max-members")
        }
      }

      func run() throws {
        try Context.run(options, .writes) { context in
          let result = try context.service.editTeam(
            team, name: name, description: description, maxMembers: maxMembers)
          if result.changed {
            context.printer.changed(
              "edited team \(result.team.name)", would: "would edit team \(result.team.name)")
          } else {
            context.printer.message("team \(result.team.name) unchanged")
          }
          if context.printer.format != .table {
            var table = TextTable([("team", .left), ("max", .right), ("description", .left)])
            table.append([
              result.team.name, String(result.team.maxMembers), result.team.description ?? "",
            ])
            context.printer.emit(json: TeamView.json(result.team), table: table)
          }
        }
      }
    }

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add members, or move a member's join date (captains only).",
        discussion: Examples.following(
          """
          With --since, a member already in the team has the join date of their current \
          membership moved to DATE (refused if it would overlap an earlier membership of \
          theirs in the team, or not be before their leave date): walks from DATE on then \
          count for the team.
          """,
          "milequest team add Trailblazers eva",
          "milequest team add Trailblazers farah --since 2026-03-01"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name.", completion: NameCompletion.teams) var name: String
      @Argument(help: "Handles of the members to add.", completion: NameCompletion.members)
      var handles: [String]
      @Option(.role) var role: Role?
      @Option(.joinSince) var since: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let changes = try context.service.addOrMoveInTeam(
            team: name, handles: handles, role: role, since: since)
          let printer = context.printer
          let added = zip(handles, changes).filter { $0.1.kind == .added }.map {
            $0.0.lowercased()
          }
          if !added.isEmpty {
            let list = added.joined(separator: ", ")
            printer.changed("added \(list) to \(name)", would: "would add \(list) to \(name)")
          }
          for (handle, change) in zip(handles, changes) {
            guard case .joinMoved(let from) = change.kind else { continue }
            let handle = handle.lowercased()
            let to = change.membership.joined
            if from == to {
              printer.message("\(handle) already joined \(name) on \(to); nothing changed")
            } else {
              printer.changed(
                "moved \(handle)'s join to \(name) from \(from) to \(to)",
                would: "would move \(handle)'s join to \(name) from \(from) to \(to)")
            }
          }
          MembershipOutput.emit(
            changes.map(\.membership), handles: handles, team: name, printer)
        }
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "End a member's membership, or move a past leave date (captains only).",
        discussion: Examples.following(
          """
          For a member who already left, --on DATE moves the leave date of their last \
          membership of the team (it cannot be before their join date).
          """,
          "milequest team remove Trailblazers chen --dry-run",
          "milequest team remove Trailblazers chen"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name.", completion: NameCompletion.teams) var name: String
      @Argument(help: "The member\'s handle.", completion: NameCompletion.members) var handle:
        String
      @Option(.removeOn) var on: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let change = try context.service.removeOrMoveInTeam(team: name, handle: handle, on: on)
          let ended = change.membership
          let from = ended.left?.description ?? "-"
          if case .leaveMoved(let was) = change.kind {
            context.printer.changed(
              "moved \(handle.lowercased())'s leave from \(name) from \(was) to \(from)",
              would: "would move \(handle.lowercased())'s leave from \(name) from \(was) to "
                + "\(from)")
            MembershipOutput.emit([ended], handles: [handle], team: name, context.printer)
            return
          }
          context.printer.changed(
            "removed \(handle.lowercased()) from \(name); walks from \(from) on no longer count",
            would: "would remove \(handle.lowercased()) from \(name); walks from \(from) on "
              + "would no longer count")
          MembershipOutput.emit([ended], handles: [handle], team: name, context.printer)
        }
      }
    }

    struct Promote: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Make a member a captain (captains only).",
        discussion: Examples.block(
          "milequest team promote Trailblazers bob",
          "milequest team promote Trailblazers chen -q"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name.", completion: NameCompletion.teams) var name: String
      @Argument(help: "The member\'s handle.", completion: NameCompletion.members) var handle:
        String

      func run() throws {
        try Context.run(options, .writes) { context in
          let membership = try context.service.setRole(team: name, handle: handle, role: .captain)
          context.printer.changed(
            "\(handle.lowercased()) is now a captain of \(name)",
            would: "\(handle.lowercased()) would become a captain of \(name)")
          MembershipOutput.emit([membership], handles: [handle], team: name, context.printer)
        }
      }
    }

    struct Demote: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "demote",
        abstract: "Make a captain a plain member (captains only; not the last captain).",
        discussion: Examples.block(
          "milequest team promote Trailblazers bob",
          "milequest team demote Trailblazers bob"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name.", completion: NameCompletion.teams) var name: String
      @Argument(help: "The member\'s handle.", completion: NameCompletion.members) var handle:
        String

      func run() throws {
        try Context.run(options, .writes) { context in
          let membership = try context.service.setRole(team: name, handle: handle, role: .member)
          context.printer.changed(
            "\(handle.lowercased()) is now a member of \(name)",
            would: "\(handle.lowercased()) would become a plain member of \(name)")
          MembershipOutput.emit([membership], handles: [handle], team: name, context.printer)
        }
      }
    }

    struct Leave: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "leave",
        abstract: "The acting member leaves a team.",
        discussion: Examples.block(
          "milequest team leave Trailblazers --as bob",
          "milequest team leave \"Night Owls\" --as eva --on 2026-03-10"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Team name.", completion: NameCompletion.teams) var name: String
      @Option(.leaveOn) var on: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let change = try context.service.leaveOrMoveInTeam(team: name, on: on)
          let ended = change.membership
          let from = ended.left?.description ?? "-"
          if case .leaveMoved(let was) = change.kind {
            context.printer.changed(
              "moved your leave from \(name) from \(was) to \(from)",
              would: "would move your leave from \(name) from \(was) to \(from)")
          } else {
            context.printer.changed(
              "left \(name) (from \(from))", would: "would leave \(name) (from \(from))")
          }
          MembershipOutput.emit(
            [ended], handles: [options.actingMember ?? ""], team: name, context.printer)
        }
      }
    }
  }
}

/// Team list rows.
enum TeamList {
  static func table(_ teams: [(team: Team, members: Int)]) -> TextTable {
    var table = TextTable([
      ("team", .left), ("members", .right), ("max", .right), ("description", .left),
    ])
    for (team, members) in teams {
      table.append([team.name, String(members), String(team.maxMembers), team.description ?? ""])
    }
    return table
  }
}

/// Changed memberships, in data formats.
enum MembershipOutput {
  static func emit(
    _ memberships: [Membership], handles: [String], team: String, _ printer: Printer
  ) {
    guard printer.format != .table else { return }
    let rows = zip(handles, memberships).map {
      (handle: $0.0.lowercased(), team: team, membership: $0.1)
    }
    printer.emit(
      json: .array(rows.map { TeamView.membershipJSON($0.handle, team: $0.team, $0.membership) }),
      table: TeamView.membershipTable(rows))
  }
}

extension MileQuest.TeamCommand.Show {
  /// The team's name and global options of a plain line (the words after `team show`,
  /// `QuickParse`), or nil to leave the line to ArgumentParser.
  static func quickRequest(_ arguments: [String]) -> (name: String, GlobalValues)? {
    guard let line = QuickParse(arguments, command: "team show"), line.positionals.count == 1,
      let options = line.globalValues()
    else { return nil }
    return (line.positionals[0], options)
  }
}
