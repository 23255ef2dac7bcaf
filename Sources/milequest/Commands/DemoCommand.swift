import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest {
  /// `milequest demo`: a sample challenge in a throw-away database.
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "demo",
      _superCommandName: "milequest",
      abstract: "Build a sample challenge in a throw-away database and show it.",
      discussion: Examples.following(
        "Your own database is not touched. --keep leaves the sample database behind.",
        "milequest demo",
        "milequest demo -f json"))
    @OptionGroup var options: GlobalOptions
    @Flag(.keep) var keep = false

    func run() throws {
      let directory = FilePath.appending(
        "milequest-demo-\(ProcessInfo.processInfo.processIdentifier)",
        to: FileManager.default.temporaryDirectory.path)
      let path = FilePath.appending("demo.db", to: directory)
      defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
      let today = try Settings.today(ProcessInfo.processInfo.environment)
      try PrivateFile.createOwnDirectory(directory)
      let store = try StoreOpener.open(.file(path), creation: .inExistingDirectory)
      try SampleChallenge.build(store: store, today: today)
      try store.close()

      var demoOptions = options
      demoOptions.db = path
      demoOptions.actingMember = "alice"
      try Context.run(demoOptions) { context in
        let printer = context.printer
        let service = context.service
        let race = try service.progress(goal: SampleChallenge.raceGoal)
        let teamsBoard = try service.leaderboard(.init(teams: true, goal: SampleChallenge.raceGoal))
        let members = try service.leaderboard(.init(team: "Trailblazers", period: .week))
        let together = try service.progress(goal: SampleChallenge.togetherGoal)
        if printer.format != .table {
          // One document (one row in csv, tsv, ndjson: docs/output.md).
          printer.emit(
            json: .object([
              ("progress", ProgressView.json(race, printer)),
              ("race", LeaderboardView.json(teamsBoard, printer)),
              ("members_this_week", LeaderboardView.json(members, printer)),
              ("together", ProgressView.json(together, printer)),
            ]), table: TextTable([]))
          return
        }
        printer.message("Sample challenge (two teams, three weeks of walks, today \(today)):\n")
        printer.emit(
          json: .null, table: ProgressView.table(race, printer),
          text: ProgressView.text(race, printer) + "\n")
        printer.emit(
          json: .null, table: LeaderboardView.table(teamsBoard, printer),
          text: LeaderboardView.text(teamsBoard, printer) + "\n")
        printer.emit(
          json: .null, table: LeaderboardView.table(members, printer),
          text: LeaderboardView.text(members, printer) + "\n")
        printer.emit(
          json: .null, table: ProgressView.table(together, printer),
          text: ProgressView.text(together, printer))
        if keep { printer.message("\nsample database kept at \(path)") }
      }
    }
  }
}
