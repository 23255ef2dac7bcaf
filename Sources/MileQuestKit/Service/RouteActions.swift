/// Routes.
extension MileQuestService {
  /// Creates a route from `--waypoint "lat,lon[,label]"` texts.
  public func createRoute(name: String, waypoints: [String]) throws -> Route {
    let points = try waypoints.map { text -> RoutePoint in
      let (coordinate, label) = try Coordinate.parse(text)
      return RoutePoint(
        coordinate: coordinate,
        label: try label.map { try Validation.text($0, what: "label", length: 1...80) })
    }
    return try createRoute(name: name, points: points)
  }

  /// Creates a route from points (validated, longitudes normalised).
  public func createRoute(name: String, points: [RoutePoint]) throws -> Route {
    let name = try Validation.text(name, what: "route name", length: 1...80)
    let normalised = try points.map { point in
      RoutePoint(
        coordinate: try Coordinate.validated(
          latitude: point.coordinate.latitude, longitude: point.coordinate.longitude),
        // Labels from files too: NFC, and no control or bidirectional characters.
        label: try point.label.map { try Validation.text($0, what: "label", length: 0...Int.max) })
    }
    let route = Route(name: name, points: normalised)
    let geometry = try route.geometry()
    // Points a hair apart (1e-10°) make a route of micrometres, shown as 0.00 mi: as empty
    // as one whose points are all the same, which `geometry()` refuses.
    if geometry.length < Route.minimumLengthMetres {
      throw MileQuestError.badData(
        "route '\(name)' is shorter than \(Int(Route.minimumLengthMetres)) m; "
          + "a route needs points at different places")
    }
    return try writeChange("create route \(name)") { db in
      if let existing = try db.route(name: name) {
        throw MileQuestError.duplicate(kind: "route", name: existing.name)
      }
      let stored = try db.insert(route)
      // Saved now, so that the first `log` on a goal along it need not measure it.
      try db.saveMilestones(
        Milestone.of(route: stored, geometry: geometry), routeId: stored.id ?? -1)
      return stored
    }
  }

  /// Every route, by name.
  public func routes() throws -> [Route] { try store.read { db in try db.allRoutes() } }

  /// One route.
  public func route(name: String) throws -> Route {
    try store.read { db in try db.requireRoute(name) }
  }
}

/// The built-in catalogue.
extension MileQuestService {
  /// Stores a catalogue route under its display name (or `name`).
  public func addBuiltinRoute(key: String, name: String? = nil) throws -> Route {
    guard let builtin = BuiltinCatalog.route(key: key) else {
      throw MileQuestError.unknown(kind: "built-in route", name: key)
    }
    return try createRoute(name: name ?? builtin.name, points: builtin.points)
  }
}
