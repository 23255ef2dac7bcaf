import FuzzSupport
import MileQuestKit

/// GPX files, as `import gpx` (tracks) and `route create --gpx` (route) read them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let path = Fuzz.scratchFile(data, size, suffix: ".gpx")
  if let tracks = Fuzz.refusing("GPXReader.tracks", { try GPXReader.tracks(at: path) }) {
    for track in tracks {
      Fuzz.require(
        track.pointCount > 0 && track.lengthMetres.isFinite && track.lengthMetres >= 0,
        "track \(track)")
    }
  }
  if let points = Fuzz.refusing("GPXReader.route", { try GPXReader.route(at: path) }) {
    Fuzz.checkRoute(points, "GPXReader.route")
  }
  return 0
}
