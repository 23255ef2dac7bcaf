import MileQuestKit

/// How routes look in every format.
enum RouteView {
  static func json(_ route: Route, _ printer: Printer) throws -> JSONValue {
    let geometry = try route.geometry()
    return .object(
      [("name", .string(route.name))]
        + printer.distanceFields(geometry.length, key: "length")
        + [
          ("unit", .string(printer.unit.rawValue)),
          (
            "points",
            .array(
              route.points.enumerated().map { index, point in
                var fields: [(String, JSONValue)] = [
                  ("lat", .double(point.coordinate.latitude)),
                  ("lon", .double(point.coordinate.longitude)),
                ]
                if let label = point.label { fields.append(("label", .string(label))) }
                fields.append(("at_m", .double(geometry.cumulative[index])))
                return .object(fields)
              })
          ),
        ])
  }

  /// Every milestone with its distance from the start and the leg before it.
  static func milestoneTable(_ route: Route, _ printer: Printer) throws -> TextTable {
    let geometry = try route.geometry()
    let milestones = Milestone.of(route: route, geometry: geometry)
    var table = TextTable([
      ("milestone", .left), ("from start \(printer.unit.rawValue)", .right),
      ("leg \(printer.unit.rawValue)", .right), ("lat", .right), ("lon", .right),
    ])
    var previous = 0.0
    for milestone in milestones {
      let point = route.points[milestone.pointIndex ?? 0].coordinate
      table.append([
        milestone.name, printer.distance(milestone.atMetres),
        printer.distance(milestone.atMetres - previous),
        FixedDecimal.string(point.latitude, places: 5),
        FixedDecimal.string(point.longitude, places: 5),
      ])
      previous = milestone.atMetres
    }
    return table
  }

  /// After storing a route: a one-line confirmation, or the route in a data format.
  static func confirm(
    _ route: Route, verb: String, would: String, _ printer: Printer
  ) throws {
    let length = try route.geometry().length
    let what =
      "route \(route.name): \(Plural.count(route.points.count, "point")), "
      + "\(printer.distance(length)) \(printer.unit.rawValue)"
    printer.changed("\(verb) \(what)", would: "\(would) \(what)")
    if printer.format != .table {
      let document = try json(route, printer)
      let table = try milestoneTable(route, printer)
      printer.emit(json: document, table: table)
    }
  }
}
