import Foundation
import MileQuestCore

/// Reads a route from GeoJSON (RFC 7946): positions are `[longitude, latitude(, elevation)]`.
///
/// Accepted: a bare `LineString` or `MultiLineString` geometry, a `Feature` holding one, or a
/// `FeatureCollection` with exactly one such line feature plus any number of `Point` features;
/// those with a string `name` property become milestones at their nearest position on the line
/// (see `MilestonePlacement`). Features without geometry are ignored. A `MultiLineString`'s parts
/// are joined in order, dropping the shared point where one part ends where the next begins (as
/// at an antimeridian cut, where [180, φ] and [−180, φ] are the same place).
public enum GeoJSONReader {
  /// Largest file accepted (50 MiB). The document is read a chunk at a time (`JSONStreamReader`)
  /// into a tree that keeps only the members a route needs, with each list of positions packed
  /// as longitude–latitude pairs (16 bytes a position), so a large route costs about the size
  /// of its points, not a tree of objects many times the file's size.
  public static let maxFileBytes = 50 * 1024 * 1024

  /// Two consecutive parts of a MultiLineString whose ends are closer than this (metres) share
  /// their joining point.
  static let joinToleranceMetres = 0.01

  /// The route in the GeoJSON file at `path`; `.badData` names what is wrong.
  public static func route(at path: String) throws -> [RoutePoint] {
    let file = try InputFile(path: path)
    try file.checkSize(file.size, limit: maxFileBytes, what: "GeoJSON")
    let head = try file.read(upTo: 4, at: 0)
    guard JSONTextEncoding.detect(head[...]) == .utf8 else {
      return try route(
        from: Data(try file.readAll(limit: maxFileBytes, what: "GeoJSON")), name: path)
    }
    var offset = 0
    var total = 0
    var reader = JSONStreamReader(name: path, start: .start) {
      let chunk = try file.read(upTo: ByteSource.defaultChunkSize, at: offset)
      offset += chunk.count
      total += chunk.count
      try file.checkSize(total, limit: maxFileBytes, what: "GeoJSON")
      return chunk
    }
    try reader.skipByteOrderMark()
    return try route(reading: &reader, name: path)
  }

  /// The route in a GeoJSON document; `name` prefixes messages.
  static func route(from data: Data, name: String) throws -> [RoutePoint] {
    var bytes = [UInt8](data)
    if JSONTextEncoding.detect(bytes[...]) != .utf8 {
      guard let utf8 = JSONTextEncoding.utf8(bytes) else {
        throw MileQuestError.badData(
          "\(name): not valid JSON: not valid in the Unicode encoding its first bytes announce")
      }
      bytes = utf8
    }
    var reader = JSONStreamReader(bytes: bytes, name: name)
    try reader.skipByteOrderMark()
    return try route(reading: &reader, name: name)
  }

  private static func route(reading reader: inout JSONStreamReader, name: String) throws
    -> [RoutePoint]
  {
    let root = try Node.read(&reader, name: name)
    try reader.expectEnd()
    var walker = Reader(name: name)
    try walker.read(root)
    guard let line = walker.line else {
      throw MileQuestError.badData(
        "\(name): no LineString or MultiLineString found; a route needs a line")
    }
    return MilestonePlacement.place(walker.milestones, on: line.map { RoutePoint(coordinate: $0) })
  }

  /// A GeoJSON value as far as a route needs it: objects keep only the members GeoJSON
  /// routes use, arrays of numbers and arrays of positions are packed.
  indirect enum Node {
    case object([String: Node])
    case array([Node])
    /// An array whose items are all numbers.
    case numbers([Double])
    /// An array whose items are all arrays of two or three numbers: longitude and latitude
    /// of each, one after the other (an elevation is dropped).
    case positions([Double])
    case number(Double)
    case string(String)
    case null
    /// true or false.
    case other

    /// Members kept; any other member is checked and skipped.
    static let keys: Set<String> = [
      "type", "features", "geometry", "coordinates", "properties", "name",
    ]

    static func read(_ reader: inout JSONStreamReader, name: String) throws -> Node {
      switch try reader.peekValue().kind {
      case .object:
        try reader.beginObject()
        var fields: [String: Node] = [:]
        while let key = try reader.nextKey() {
          if keys.contains(key) {
            fields[key] = try read(&reader, name: name)
          } else {
            try reader.skipValue()
          }
        }
        return .object(fields)
      case .array:
        return try readArray(&reader, name: name)
      case .number:
        switch try reader.readValue() {
        case .int(let value): return .number(Double(value))
        case .double(let value): return .number(value)
        default: return .other
        }
      case .string:
        if case .string(let text) = try reader.readValue() { return .string(text) }
        return .other
      case .bool:
        try reader.skipValue()
        return .other
      case .null:
        try reader.skipValue()
        return .null
      }
    }

    private enum Packing { case empty, numbers, positions, general }

    /// An array, packed when it can be; refused past `RouteFileLimits.maxPoints` items (a
    /// line of more positions than a route may have, or a list no route needs).
    private static func readArray(_ reader: inout JSONStreamReader, name: String) throws -> Node {
      try reader.beginArray()
      var packing = Packing.empty
      var packed: [Double] = []
      var items: [Node] = []
      var count = 0
      while try reader.nextItem() {
        count += 1
        if count > RouteFileLimits.maxPoints { throw RouteFileLimits.tooManyPoints(name) }
        let item = try read(&reader, name: name)
        switch (packing, item) {
        case (.empty, .number(let value)), (.numbers, .number(let value)):
          packing = .numbers
          packed.append(value)
        case (.empty, .numbers(let pair)) where (2...3).contains(pair.count),
          (.positions, .numbers(let pair)) where (2...3).contains(pair.count):
          packing = .positions
          packed += pair[0..<2]
        default:
          if packing != .general {
            items = Node.array(packing, packed).items ?? []
            packing = .general
          }
          items.append(item)
        }
      }
      return packing == .general ? .array(items) : .array(packing, packed)
    }

    private static func array(_ packing: Packing, _ packed: [Double]) -> Node {
      switch packing {
      case .numbers: .numbers(packed)
      case .positions: .positions(packed)
      default: .array([])
      }
    }

    /// The items of an array, unpacked; nil for anything else.
    var items: [Node]? {
      switch self {
      case .array(let items): items
      case .numbers(let numbers): numbers.map { .number($0) }
      case .positions(let flat):
        stride(from: 0, to: flat.count, by: 2).map { .numbers([flat[$0], flat[$0 + 1]]) }
      default: nil
      }
    }

    /// An object's member.
    subscript(key: String) -> Node? {
      if case .object(let fields) = self { return fields[key] }
      return nil
    }

    var string: String? {
      if case .string(let text) = self { return text }
      return nil
    }
  }

  /// Walks the document, collecting the line and the named points.
  private struct Reader {
    let name: String
    var line: [Coordinate]?
    var milestones: [(coordinate: Coordinate, label: String)] = []

    mutating func read(_ root: Node) throws {
      let object = try dictionary(root, "the document")
      switch try type(of: object, "the document") {
      case "FeatureCollection":
        guard let features = object["features"]?.items else {
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

    private mutating func readFeature(_ value: Node, _ what: String) throws {
      let feature = try dictionary(value, what)
      guard try type(of: feature, what) == "Feature" else {
        throw bad("\(what) is not a Feature")
      }
      guard let geometry = feature["geometry"], !geometry.isNull else { return }
      let label = feature["properties"]?["name"]?.string.flatMap {
        let trimmed = $0.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
      }
      try readGeometry(geometry, label: label, "the geometry of \(what)")
    }

    private mutating func readGeometry(_ value: Node, label: String?, _ what: String) throws {
      let geometry = try dictionary(value, what)
      let kind = try type(of: geometry, what)
      let coordinates = geometry["coordinates"]
      switch kind {
      case "LineString":
        try setLine(try lineString(coordinates, what), what)
      case "MultiLineString":
        guard let parts = coordinates?.items, !parts.isEmpty else {
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
      if points.count > RouteFileLimits.maxPoints { throw RouteFileLimits.tooManyPoints(name) }
      guard line == nil else {
        throw bad("\(what) is a second line; a route file must hold exactly one")
      }
      line = points
    }

    private func lineString(_ value: Node?, _ what: String) throws -> [Coordinate] {
      if case .positions(let flat)? = value, flat.count >= 4 {
        // Packed: checked pair by pair without building a node for each.
        var points: [Coordinate] = []
        points.reserveCapacity(flat.count / 2)
        for index in 0..<(flat.count / 2) {
          points.append(
            try validated(
              longitude: flat[2 * index], latitude: flat[2 * index + 1],
              "\(what), position \(index + 1)"))
        }
        return points
      }
      guard let positions = value?.items else {
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
    private func position(_ value: Node?, _ what: String) throws -> Coordinate {
      guard case .numbers(let numbers)? = value, (2...3).contains(numbers.count) else {
        throw bad("\(what) is not a [longitude, latitude] pair of numbers")
      }
      return try validated(longitude: numbers[0], latitude: numbers[1], what)
    }

    private func validated(longitude: Double, latitude: Double, _ what: String) throws
      -> Coordinate
    {
      do {
        return try Coordinate.validated(latitude: latitude, longitude: longitude)
      } catch MileQuestError.badData(let reason) {
        throw bad("\(what): \(reason) (GeoJSON positions are [longitude, latitude])")
      }
    }

    private func dictionary(_ value: Node, _ what: String) throws -> Node {
      guard case .object = value else { throw bad("\(what) is not an object") }
      return value
    }

    private func type(of object: Node, _ what: String) throws -> String {
      guard let type = object["type"]?.string else {
        throw bad("\(what) has no \"type\"")
      }
      return type
    }

    private func bad(_ message: String) -> MileQuestError {
      .badData("\(name): \(message)")
    }
  }
}

extension GeoJSONReader.Node {
  var isNull: Bool {
    if case .null = self { return true }
    return false
  }
}
