import MileQuestCore

/// File formats for routes: what `route create` reads and `route export` writes.
public enum RouteFileFormat: String, Sendable, CaseIterable {
  case gpx, geojson
}
