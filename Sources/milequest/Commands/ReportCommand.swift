import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest {
  /// `milequest report GOAL --output DIR|FILE.html`: a self-contained HTML report.
  struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      _superCommandName: "milequest",
      abstract: "Write a goal's report as one self-contained HTML page.",
      discussion: Examples.following(
        """
        The page holds the map, the progress numbers, the milestone timeline, the team and \
        member leaderboards and the charts, inline (no external requests, no script); it reads \
        on a phone and on a wall screen, and prints. --output DIR writes DIR/index.html \
        (creating DIR); --output FILE.html writes that file; without --output it goes to stdout.
        """,
        "milequest report \"LEJOG race\" -o race.html",
        "milequest report \"Office 500 km\" -o office"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Goal name.", completion: NameCompletion.goals) var goal: String

    func run() throws {
      var resolved = options
      var createdDirectory: String?
      if let output = options.output, output != "-" {
        let target = try Self.resolve(output)
        resolved.output = target.file
        createdDirectory = target.created
      }
      do {
        try Context.run(resolved) { context in
          let service = context.service
          let progress = try service.progress(goal: goal)
          let name = progress.goal.name
          let report = HTMLReport(
            progress: progress, route: try service.route(ofGoal: name),
            members: try service.leaderboard(.init(goal: name)),
            memberSeries: try service.memberSeries(goal: name), unit: context.printer.unit,
            today: service.today)
          context.printer.raw(try report.render())
        }
      } catch {
        // A failed report leaves no empty directory behind.
        if let createdDirectory { try? FileManager.default.removeItem(atPath: createdDirectory) }
        throw error
      }
    }

    /// The file to write for `--output PATH`: PATH itself when it names an .html/.htm file,
    /// else PATH/index.html, creating the directory PATH when it does not exist yet.
    static func resolve(_ path: String) throws -> (file: String, created: String?) {
      let manager = FileManager.default
      var isDirectory: ObjCBool = false
      let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
      if exists && !isDirectory.boolValue || (!exists && FileFormat(path: path) == .html) {
        return (file: path, created: nil)
      }
      var created: String?
      if !exists {
        do {
          try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
          created = path
        } catch {
          throw MileQuestError.cannotCreateOutput(path: path, reason: error.localizedDescription)
        }
      }
      return (file: FilePath.appending("index.html", to: path), created: created)
    }
  }
}
