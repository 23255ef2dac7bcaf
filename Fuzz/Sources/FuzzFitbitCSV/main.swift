import Foundation
import FuzzSupport
import MileQuestKit

/// Fitbit's Google Takeout CSV (`distance_*.csv`, `steps_*.csv`), read as distance and as
/// steps in two zones: totals are finite and above 0, every day's sources are named, and the
/// whole and chunked readings agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  for (kind, zone) in [
    (FitbitSeries.Kind.distance, "UTC"), (.steps, "America/St_Johns"),
  ] {
    let timeZone = TimeZone(identifier: zone)!
    let whole = Fuzz.refusing("FitbitCSVReader.series") {
      try FitbitCSVReader.series(
        source: ByteSource(bytes: bytes, name: "distance_2024-01-01.csv"), kind: kind,
        timeZone: timeZone)
    }
    let chunked = Fuzz.refusing("FitbitCSVReader.series (chunks)") {
      try FitbitCSVReader.series(
        source: ByteSource(bytes: bytes, name: "distance_2024-01-01.csv", chunkSize: 5),
        kind: kind, timeZone: timeZone)
    }
    Fuzz.require(whole == chunked, "whole and chunked readings disagree")
    for (day, sources) in whole?.totals ?? [:] {
      for (source, total) in sources {
        Fuzz.require(!source.isEmpty, "\(day): a source without a name")
        Fuzz.require(total.isFinite && total > 0, "\(day) \(source): \(total)")
      }
    }
  }
  return 0
}
