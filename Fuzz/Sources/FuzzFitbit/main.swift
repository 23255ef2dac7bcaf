import Foundation
import FuzzSupport
import MileQuestKit

/// Fitbit Physical Activity JSON, read as distance and as steps in two zones: totals are
/// finite and above 0, and the whole and chunked readings agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  for (kind, zone) in [
    (FitbitSeries.Kind.distance, "UTC"), (.steps, "America/St_Johns"),
  ] {
    let timeZone = TimeZone(identifier: zone)!
    let whole = Fuzz.refusing("FitbitReader.series") {
      try FitbitReader.series(
        source: ByteSource(bytes: bytes, name: "distance-2024-01-01.json"), kind: kind,
        timeZone: timeZone)
    }
    let chunked = Fuzz.refusing("FitbitReader.series (chunks)") {
      try FitbitReader.series(
        source: ByteSource(bytes: bytes, name: "distance-2024-01-01.json", chunkSize: 5),
        kind: kind, timeZone: timeZone)
    }
    Fuzz.require(whole == chunked, "whole and chunked readings disagree")
    for (day, total) in whole?.totals ?? [:] {
      Fuzz.require(total.isFinite && total > 0, "\(day): \(total)")
    }
  }
  return 0
}
