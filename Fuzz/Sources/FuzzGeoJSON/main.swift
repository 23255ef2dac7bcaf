import FuzzSupport
import MileQuestKit

/// GeoJSON files, as `route create --geojson` reads them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let path = Fuzz.scratchFile(data, size, suffix: ".geojson")
  if let points = Fuzz.refusing("GeoJSONReader.route", { try GeoJSONReader.route(at: path) }) {
    Fuzz.checkRoute(points, "GeoJSONReader.route")
  }
  return 0
}
