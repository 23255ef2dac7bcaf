import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest map GOAL|ROUTE`: an SVG map of a route, with a goal's progress along it.
  struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "map",
      _superCommandName: "milequest",
      abstract: "Draw an SVG map of a goal's route and where its teams are (or of a route).",
      discussion: Examples.following(
        """
        NAME is a goal's name, else a route's. The map is drawn offline from the route itself \
        (no tiles, no network): the walked part solid, the part ahead dashed, milestones as \
        labelled dots with the date they were reached, each team's marker and a legend. \
        Write it with --output FILE.svg (else it goes to stdout).
        """,
        "milequest map \"LEJOG race\" -o race.svg",
        "milequest map \"Land's End to John o' Groats\" --graticule -o route.svg"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Goal or route name.", completion: NameCompletion.goalsAndRoutes)
    var name: String
    @Flag(.graticule) var graticule = false
    @Flag(.noScale) var noScale = false

    func run() throws {
      try Context.run(options) { context in
        let subject = try context.service.mapSubject(name: name)
        let map = try RouteMap(
          route: subject.route, progress: subject.progress,
          options: RouteMap.Options(
            unit: context.printer.unit, graticule: graticule, scaleBar: !noScale))
        context.printer.raw(map.svg())
      }
    }
  }
}
