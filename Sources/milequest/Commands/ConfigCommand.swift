import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest {
  /// `milequest config ...`: the settings file.
  struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "config",
      _superCommandName: "milequest",
      abstract: "Read and change the settings file ($XDG_CONFIG_HOME/milequest/config.toml).",
      discussion: Examples.following(
        """
        Keys: member (default acting member), unit (mi or km), week_start (monday or sunday), \
        database (path), color (auto, always or never). Flags beat environment variables, \
        which beat this file. MILEQUEST_CONFIG names another file.
        """,
        "milequest config list",
        "milequest config set unit mi",
        "milequest config get unit"),
      subcommands: [Get.self, Set.self, List.self])

    /// A setting as printed: a PostgreSQL address without its password.
    static func shown(_ value: String) -> String {
      (try? StoreAddress(value))?.shown ?? value
    }

    static func path() throws -> String {
      let environment = ProcessInfo.processInfo.environment
      if let path = environment["MILEQUEST_CONFIG"], !path.isEmpty { return path }
      guard let path = Config.defaultPath(environment: environment) else {
        throw MileQuestError.configuration(
          "cannot find the config file: set HOME or XDG_CONFIG_HOME")
      }
      return path
    }

    struct Get: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print one setting.",
        discussion: Examples.block(
          "milequest config set unit km",
          "milequest config get unit"))
      @Argument(help: "The key.", completion: .list(Config.keys.map(\.key))) var key: String

      func run() throws {
        let config = try Config.load(path: try ConfigCommand.path())
        guard let value = try config.value(of: key) else {
          throw MileQuestError.configuration("'\(key)' is not set")
        }
        print(TerminalText.escaped(ConfigCommand.shown(value)))
      }
    }

    struct Set: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change one setting (an empty value removes it).",
        discussion: Examples.block(
          "milequest config set unit mi",
          "milequest config set member alice"))
      @Argument(help: "The key.", completion: .list(Config.keys.map(\.key))) var key: String
      @Argument(help: "The value.") var value: String

      func run() throws {
        let path = try ConfigCommand.path()
        var config = try Config.load(path: path)
        try config.set(key, to: value)
        try config.save(path: path)
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print every setting.",
        discussion: Examples.block(
          "milequest config list",
          "milequest config list -f json"))
      @Option(.configFormat) var format: OutputFormat?

      func run() throws {
        let path = try ConfigCommand.path()
        let config = try Config.load(path: path)
        var fields: [(String, JSONValue)] = []
        var text = "# \(TerminalText.escaped(path))\n"
        for entry in Config.keys {
          let value = try config.value(of: entry.key).map(ConfigCommand.shown)
          fields.append((entry.key, JSONValue(value)))
          text += "\(entry.key) = \(value.map(JSONValue.quoted) ?? "(unset)")  # \(entry.help)\n"
        }
        // One row: the settings by key, as in the JSON object (docs/output.md).
        let row = OutputRecords.row(.object(fields))
        let names = row.map(\.0)
        let cells = OutputRecords.cells(row, fields: names)
        switch format ?? .table {
        case .table: print(text, terminator: "")
        case .json: print(JSONSchemaVersion.versioned(.object(fields)).rendered())
        case .ndjson: print(OutputRecords.ndjsonLine(row))
        case .csv: print(CSVWriter.line(names) + "\n" + CSVWriter.line(cells))
        case .tsv: print(TextTable.tsvLine(names) + "\n" + TextTable.tsvLine(cells))
        }
      }
    }
  }
}
