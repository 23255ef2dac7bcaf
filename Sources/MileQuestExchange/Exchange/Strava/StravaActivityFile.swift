import Foundation
import MileQuestCore

/// The file a Strava export keeps for one activity (`activities/N.gpx`, `.fit`, `.tcx`, each
/// maybe gzipped), read only for the distance it recorded when `activities.csv` has none.
public enum StravaActivityFile {
  /// The distance the file recorded, in metres: a FIT file's sessions' `total_distance`, a
  /// TCX file's laps' `DistanceMeters`, a GPX file's tracks' length; nil when it says none.
  /// `name` is the file's name inside the export (its kind is its extension, `.gz` aside);
  /// gzip data is inflated whatever the name.
  public static func recordedDistance(source: ByteSource, name: String) throws -> Double? {
    let plain = try Gzip.isGzip(source) ? Gzip.inflating(source) : source
    var lower = name.lowercased()
    if lower.hasSuffix(".gz") { lower.removeLast(3) }
    if lower.hasSuffix(".fit") {
      let sessions = try FITActivityReader.read(source: plain).sessions.compactMap(\.distanceMetres)
      return sessions.isEmpty ? nil : sessions.exactSum()
    }
    if lower.hasSuffix(".tcx") {
      let laps = try TCXReader.activities(source: plain).compactMap(\.distanceMetres)
      return laps.isEmpty ? nil : laps.exactSum()
    }
    if lower.hasSuffix(".gpx") {
      let lengths = try GPXReader.tracks(source: plain).map(\.lengthMetres)
      return lengths.isEmpty ? nil : lengths.exactSum()
    }
    throw MileQuestError.badData("\(name): not a GPX, FIT or TCX file")
  }
}
