import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest member ...`: people.
  struct MemberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "member",
      _superCommandName: "milequest",
      abstract: "Add, list, show, edit and remove members.",
      discussion: Examples.block(
        "milequest member list",
        "milequest member show bob"),
      subcommands: [Add.self, List.self, Show.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a member.",
        discussion: Examples.block(
          "milequest member add gita --name \"Gita Rao\" --stride 75cm",
          "milequest member add hugo --email hugo@example.org"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Unique handle: a-z 0-9 . _ - (stored lower-case).") var handle: String
      @Option(.displayName) var name: String?
      @Option(.email) var email: String?
      @Option(.stride) var stride: String?
      @Flag(.login) var login = false

      func run() throws {
        try Context.run(options, .writes) { context in
          let member = try context.service.addMember(
            handle: handle, name: name, email: email, stride: stride)
          if login { try context.store.createLogin(handle: member.handle) }
          context.printer.changed(
            "added member \(member.handle)", would: "would add member \(member.handle)")
          if context.printer.format != .table { MemberView.emit([member], context.printer) }
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List members.",
        discussion: Examples.block(
          "milequest member list",
          "milequest member list --all -f csv"))
      @OptionGroup var options: GlobalOptions
      @Flag(.includeArchived) var all = false

      func run() throws {
        try Context.run(options) { context in
          MemberView.emit(try context.service.members(includeArchived: all), context.printer)
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a member with teams and totals.",
        discussion: Examples.block(
          "milequest member show alice",
          "milequest member show bob -f json"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The member\'s handle.", completion: NameCompletion.members) var handle:
        String

      func run() throws { try Self.run(handle: handle, options.values) }

      /// Prints the member; the quick path calls this directly.
      static func run(handle: String, _ options: GlobalValues) throws {
        try Context.run(options) { context in
          let printer = context.printer
          let details = try context.service.memberDetails(handle: handle)
          let memberships = details.memberships.map {
            (handle: details.member.handle, team: $0.team.name, membership: $0.membership)
          }
          guard case .object(var fields) = MemberView.json(details.member) else { return }
          fields.append(
            (
              "teams",
              .array(
                memberships.map {
                  TeamView.membershipJSON($0.handle, team: $0.team, $0.membership)
                })
            ))
          fields.append(
            ("stats", StatsView.json(subject: details.member.handle, details.stats, printer)))
          var text = MemberView.table([details.member]).aligned() + "\n"
          if !memberships.isEmpty {
            text += TeamView.membershipTable(memberships).aligned() + "\n"
          }
          text += StatsView.table(subject: details.member.handle, details.stats, printer).aligned()
          printer.emit(json: .object(fields), table: MemberView.table([details.member]), text: text)
        }
      }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a member's details.",
        discussion: Examples.block(
          "milequest member edit alice --name \"Alice Smith\"",
          "milequest member edit alice --stride 0.78"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The member\'s handle.", completion: NameCompletion.members) var handle:
        String
      @Option(.newDisplayName) var name: String?
      @Option(.newEmail) var email: String?
      @Option(.newStride) var stride: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let member = try context.service.editMember(
            handle: handle, name: name, email: email, stride: stride)
          context.printer.changed(
            "updated member \(member.handle)", would: "would update member \(member.handle)")
          if context.printer.format != .table { MemberView.emit([member], context.printer) }
        }
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove (archive) a member; its walks stay and count for history.",
        discussion: Examples.block(
          "milequest member remove farah --dry-run",
          "milequest member remove farah --yes"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The member\'s handle.", completion: NameCompletion.members) var handle:
        String

      func run() throws {
        try Context.run(options, .writes) { context in
          let member = try context.service.removeMember(handle: handle)
          context.printer.changed(
            "removed member \(member.handle) (archived; walks kept)",
            would: "would remove member \(member.handle) (archived; walks kept)")
          if context.printer.format != .table { MemberView.emit([member], context.printer) }
        }
      }
    }
  }
}

extension MileQuest.MemberCommand.Show {
  /// The handle and global options of a plain line (the words after `member show`,
  /// `QuickParse`), or nil to leave the line to ArgumentParser.
  static func quickRequest(_ arguments: [String]) -> (handle: String, GlobalValues)? {
    guard let line = QuickParse(arguments, command: "member show"), line.positionals.count == 1,
      let options = line.globalValues()
    else { return nil }
    return (line.positionals[0], options)
  }
}
