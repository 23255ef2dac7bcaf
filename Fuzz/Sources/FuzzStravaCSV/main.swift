import Foundation
import FuzzSupport
import MileQuestKit

/// A Strava export's activities.csv, as the Strava reader reads it, whole and a few bytes at a
/// time: both readings agree, and every activity it accepts has an id, a real start and a
/// distance and times that are numbers of 0 or more.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  let whole = Fuzz.refusing("StravaActivitiesReader.activities") {
    try StravaActivitiesReader.activities(source: ByteSource(bytes: bytes, name: "fuzz.csv"))
  }
  let chunked = Fuzz.refusing("StravaActivitiesReader.activities (chunks)") {
    try StravaActivitiesReader.activities(
      source: ByteSource(bytes: bytes, name: "fuzz.csv", chunkSize: 7))
  }
  Fuzz.require((whole == nil) == (chunked == nil), "whole and chunked readings disagree")
  for activity in whole ?? [] {
    Fuzz.require(!activity.id.isEmpty && activity.id.count <= 40, "id \(activity.id)")
    Fuzz.require(activity.start.timeIntervalSince1970.isFinite, "start \(activity)")
    for value in [activity.distanceMetres, activity.elapsedSeconds, activity.movingSeconds] {
      Fuzz.require(value.map { $0.isFinite && $0 >= 0 } ?? true, "value \(activity)")
    }
    Fuzz.require((activity.steps ?? 1) > 0, "steps \(activity)")
    _ = LocalDate.today(in: TimeZone(identifier: "Pacific/Kiritimati")!, now: activity.start)
  }
  return 0
}
