import ArgumentParser
import MileQuestKit

extension MileQuest {
  /// `milequest route ...`: paths on the globe.
  struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "route",
      _superCommandName: "milequest",
      abstract: "Create, list and show routes.",
      discussion: Examples.block(
        "milequest route list",
        "milequest route show \"Land's End to John o' Groats\""),
      subcommands: [
        Create.self, List.self, Show.self, Catalog.self, AddBuiltin.self, Export.self,
      ])

    struct Create: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a route from waypoints.",
        discussion: Examples.following(
          """
          Each --waypoint is "lat,lon[,label]" in decimal degrees; a labelled point is a \
          milestone. Values may start with '-': --waypoint -33.92,18.42,Cape Town.
          """,
          "milequest route create Thames --waypoint 51.50,-0.12 --waypoint 51.46,-0.30",
          "milequest route export \"Land's End to John o' Groats\" --to gpx -o lejog.gpx",
          "milequest route create \"LEJOG copy\" --gpx lejog.gpx"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Route name (unique).") var name: String
      @Option(.waypoint) var waypoints: [String] = []
      @Option(.gpx) var gpx: String?
      @Option(.geojson) var geojson: String?

      func run() throws {
        let sources = [!waypoints.isEmpty, gpx != nil, geojson != nil].filter { $0 }.count
        if sources != 1 {
          throw MileQuestError.usage(
            "give a route exactly one of --waypoint \"lat,lon[,label]\"..., --gpx FILE "
              + "or --geojson FILE")
        }
        try Context.run(options, .writes) { context in
          let route: Route
          if let gpx {
            route = try context.service.createRoute(name: name, file: gpx, format: .gpx)
          } else if let geojson {
            route = try context.service.createRoute(name: name, file: geojson, format: .geojson)
          } else {
            route = try context.service.createRoute(name: name, waypoints: waypoints)
          }
          try RouteView.confirm(route, verb: "created", would: "would create", context.printer)
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List routes.",
        discussion: Examples.block(
          "milequest route list",
          "milequest route list -f json"))
      @OptionGroup var options: GlobalOptions

      func run() throws {
        try Context.run(options) { context in
          let printer = context.printer
          let routes = try context.service.routes()
          var table = TextTable([
            ("route", .left), ("points", .right), (printer.unit.rawValue, .right),
          ])
          var json: [JSONValue] = []
          for route in routes {
            let length = try route.geometry().length
            table.append([route.name, String(route.points.count), printer.distance(length)])
            json.append(
              .object(
                [("name", .string(route.name)), ("points", .int(Int64(route.points.count)))]
                  + printer.distanceFields(length, key: "length")
                  + [("unit", .string(printer.unit.rawValue))]))
          }
          printer.emit(json: .array(json), table: table)
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a route's milestones with distance from the start and leg length.",
        discussion: Examples.block(
          "milequest route show \"Land's End to John o' Groats\"",
          "milequest route show \"Land's End to John o' Groats\" --unit mi -f csv"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Route name.", completion: NameCompletion.routes) var name: String

      func run() throws {
        try Context.run(options) { context in
          let printer = context.printer
          let route = try context.service.route(name: name)
          let table = try RouteView.milestoneTable(route, printer)
          let text =
            "\(route.name): \(Plural.count(route.points.count, "point")), "
            + "\(printer.distance(try route.geometry().length)) \(printer.unit.rawValue)\n"
            + table.aligned()
          let json = try RouteView.json(route, printer)
          printer.emit(json: json, table: table, text: text)
        }
      }
    }

    struct Catalog: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List the built-in routes, with real trail and great-circle lengths.",
        discussion: Examples.block(
          "milequest route catalog",
          "milequest route catalog -f json"))
      @OptionGroup var options: GlobalOptions

      func run() throws {
        try Context.run(options) { context in
          let printer = context.printer
          let unit = printer.unit.rawValue
          var table = TextTable([
            ("key", .left), ("route", .left), ("points", .right), ("trail \(unit)", .right),
            ("great-circle \(unit)", .right),
          ])
          var json: [JSONValue] = []
          for builtin in BuiltinCatalog.all {
            table.append([
              builtin.key, builtin.name, String(builtin.points.count),
              printer.distance(builtin.trailLengthMetres),
              printer.distance(builtin.greatCircleLengthMetres),
            ])
            json.append(
              .object(
                [
                  ("key", .string(builtin.key)), ("name", .string(builtin.name)),
                  ("summary", .string(builtin.summary)),
                  ("points", .int(Int64(builtin.points.count))),
                  ("trail_length_m", .double(builtin.trailLengthMetres)),
                ] + printer.distanceFields(builtin.greatCircleLengthMetres, key: "length")))
          }
          let note =
            "\nGreat-circle lengths join the points by straight lines on the globe, so they are "
            + "shorter than the trails.\nmilequest route add-builtin KEY stores one.\n"
          printer.emit(json: .array(json), table: table, text: table.aligned() + note)
        }
      }
    }

    struct AddBuiltin: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "add-builtin", abstract: "Store a built-in route (see route catalog).",
        discussion: Examples.block(
          "milequest route add-builtin hadrians-wall",
          "milequest route add-builtin camino-frances --name \"Our Camino\""))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The route's key, e.g. lejog.") var key: String
      @Option(.routeName) var name: String?

      func run() throws {
        try Context.run(options, .writes) { context in
          let route = try context.service.addBuiltinRoute(key: key, name: name)
          try RouteView.confirm(route, verb: "added", would: "would add", context.printer)
        }
      }
    }

    struct Export: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a route as GPX 1.1 or GeoJSON (split at the antimeridian).",
        discussion: Examples.block(
          "milequest route export \"Land's End to John o' Groats\" --to gpx -o lejog.gpx",
          "milequest route export \"Land's End to John o' Groats\" --to geojson"))
      @OptionGroup var options: GlobalOptions
      @Argument(help: "Route name.", completion: NameCompletion.routes) var name: String
      @Option(.exportTo) var to: RouteFileFormat

      func run() throws {
        try Context.run(options) { context in
          context.printer.raw(try context.service.exportRoute(name: name, format: to))
        }
      }
    }
  }
}

extension RouteFileFormat: ArgumentEnum {}
