import Foundation

/// Reads a route from GeoJSON (RFC 7946): positions are `[longitude, latitude(, elevation)]`.
///
/// Accepted: a bare `LineString` or `MultiLineString` geometry, a `Feature` holding one, or a
/// `FeatureCollection` with exactly one such line feature plus any number of `Point` features;
/// those with a string `name` property become milestones at their nearest position on the line
/// (see `MilestonePlacement`). Features without geometry are ignored. A `MultiLineString`'s parts
/// are joined in order, dropping the shared point where one part ends where the next begins (as
/// at an antimeridian cut, where [180, φ] and [−180, φ] are the same place).
public enum GeoJSONReader {
  /// Largest file accepted (50 MiB): JSONSerialization holds the whole document.
  public static let maxFileBytes = 50 * 1024 * 1024

  /// Two consecutive parts of a MultiLineString whose ends are closer than this (metres) share
  /// their joining point.
  static let joinToleranceMetres = 0.01

  /// The route in the GeoJSON file at `path`; `.badData` names what is wrong.
  public static func route(at path: String) throws -> [RoutePoint] {
    let file = try InputFile(path: path)
    let bytes = try file.readAll(limit: maxFileBytes, what: "GeoJSON")
    return try route(from: Data(bytes), name: path)
  }

  /// The route in a GeoJSON document; `name` prefixes messages.
  static func route(from data: Data, name: String) throws -> [RoutePoint] {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw MileQuestError.badData("\(name): not valid JSON")
    }
    var reader = Reader(name: name)
    try reader.read(root)
    guard let line = reader.line else {
      throw MileQuestError.badData(
        "\(name): no LineString or MultiLineString found; a route needs a line")
    }
    return MilestonePlacement.place(reader.milestones, on: line.map { RoutePoint(coordinate: $0) })
  }

  /// Walks the document, collecting the line and the named points.
  private struct Reader {
    let name: String
    var line: [Coordinate]?
    var milestones: [(coordinate: Coordinate, label: String)] = []

    mutating func read(_ root: Any) throws {
      let object = try dictionary(root, "the document")
      switch try type(of: object, "the document") {
      case "FeatureCollection":
        guard let features = object["features"] as? [Any] else {
          throw bad("the FeatureCollection has no \"features\" array")
        }
        for (index, feature) in features.enumerated() {
          try readFeature(feature, "feature \(index + 1)")
        }
      case "Feature":
        try readFeature(object, "the feature")
      default:
        try readGeometry(object, label: nil, "the geometry")
      }
    }

    private mutating func readFeature(_ value: Any, _ what: String) throws {
      let feature = try dictionary(value, what)
      guard try type(of: feature, what) == "Feature" else {
        throw bad("\(what) is not a Feature")
      }
      guard let geometry = feature["geometry"], !(geometry is NSNull) else { return }
      let properties = feature["properties"] as? [String: Any]
      let label = (properties?["name"] as? String).flatMap {
        let trimmed = $0.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
      }
      try readGeometry(geometry, label: label, "the geometry of \(what)")
    }

    private mutating func readGeometry(_ value: Any, label: String?, _ what: String) throws {
      let geometry = try dictionary(value, what)
      let kind = try type(of: geometry, what)
      let coordinates = geometry["coordinates"]
      switch kind {
      case "LineString":
        try setLine(try lineString(coordinates, what), what)
      case "MultiLineString":
        guard let parts = coordinates as? [Any], !parts.isEmpty else {
          throw bad("\(what): a MultiLineString needs an array of lines")
        }
        var joined: [Coordinate] = []
        for (index, part) in parts.enumerated() {
          let points = try lineString(part, "\(what), line \(index + 1)")
          if let last = joined.last, let first = points.first,
            GreatCircle.distance(last, first) < joinToleranceMetres
          {
            joined.append(contentsOf: points.dropFirst())
          } else {
            joined.append(contentsOf: points)
          }
        }
        try setLine(joined, what)
      case "Point":
        let point = try position(coordinates, what)
        if let label { milestones.append((point, label)) }
      default:
        throw bad(
          "\(what) is a \(kind); a route needs a LineString or MultiLineString "
            + "(and Point features for milestones)")
      }
    }

    private mutating func setLine(_ points: [Coordinate], _ what: String) throws {
      guard line == nil else {
        throw bad("\(what) is a second line; a route file must hold exactly one")
      }
      line = points
    }

    private func lineString(_ value: Any?, _ what: String) throws -> [Coordinate] {
      guard let positions = value as? [Any] else {
        throw bad("\(what) has no \"coordinates\" array")
      }
      guard positions.count >= 2 else {
        throw bad(
          "\(what) has \(Plural.count(positions.count, "position")); a line needs at least 2")
      }
      return try positions.enumerated().map { index, item in
        try position(item, "\(what), position \(index + 1)")
      }
    }

    /// `[longitude, latitude(, elevation)]`, checked and normalised.
    private func position(_ value: Any?, _ what: String) throws -> Coordinate {
      guard let numbers = value as? [Any], (2...3).contains(numbers.count),
        let longitude = number(numbers[0]), let latitude = number(numbers[1])
      else {
        throw bad("\(what) is not a [longitude, latitude] pair of numbers")
      }
      do {
        return try Coordinate.validated(latitude: latitude, longitude: longitude)
      } catch MileQuestError.badData(let reason) {
        throw bad("\(what): \(reason) (GeoJSON positions are [longitude, latitude])")
      }
    }

    /// A JSON number; `true`/`false` arrive as NSNumbers too, recognisable only by their
    /// Objective-C type "c" (char), which JSON numbers never have.
    private func number(_ value: Any) -> Double? {
      guard let number = value as? NSNumber,
        String(cString: number.objCType) != "c"
      else { return nil }
      return number.doubleValue
    }

    private func dictionary(_ value: Any, _ what: String) throws -> [String: Any] {
      guard let object = value as? [String: Any] else { throw bad("\(what) is not an object") }
      return object
    }

    private func type(of object: [String: Any], _ what: String) throws -> String {
      guard let type = object["type"] as? String else {
        throw bad("\(what) has no \"type\"")
      }
      return type
    }

    private func bad(_ message: String) -> MileQuestError {
      .badData("\(name): \(message)")
    }
  }
}
