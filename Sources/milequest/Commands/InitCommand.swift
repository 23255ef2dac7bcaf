import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest {
  /// `milequest init`: a new database at the path the settings name.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      _superCommandName: "milequest",
      abstract: "Create a new database (mode 0600) at --db, MILEQUEST_DB or the config's path.",
      discussion: Examples.following(
        """
        Other commands create only the default database ($XDG_DATA_HOME/milequest/milequest.db); \
        a path you name must be made with init first, so a mistyped path is an error (exit 66), \
        not a new empty database. The directory must exist. An existing milequest database is \
        left as it is (exit 0); a file of another program is refused (exit 73) and left unchanged.
        """,
        "milequest init --db club.db",
        "milequest init --db team.db -q"))
    @OptionGroup var options: GlobalOptions

    func run() throws {
      let settings = try Settings.resolve(options.values, Settings.environment())
      // A server address is shown without its user and password.
      let path = settings.databaseAddress.shown
      let outcome = try StoreOpener.initialise(
        settings.databaseAddress, creatingDirectory: settings.databaseCreation == .withDirectory,
        busyTimeout: settings.busyTimeout, dryRun: options.dryRun)
      let printer = try Printer(options: options.values, settings: settings)
      let created = outcome == .created
      let dryRun = options.dryRun
      if printer.format == .table {
        printer.message(
          created
            ? "\(dryRun ? "would create" : "created") a new milequest database at \(path)"
            : "\(path) is already a milequest database; nothing to do")
      } else {
        var table = TextTable([("database", .left), ("created", .left)])
        table.append([path, created ? "true" : "false"])
        var fields: [(String, JSONValue)] = [
          ("database", .string(path)), ("created", .bool(created)),
        ]
        if dryRun { fields.append(("dry_run", .bool(true))) }
        printer.emit(json: .object(fields), table: table)
      }
      try printer.finish()
    }
  }
}
