import Foundation
import FuzzSupport
import MileQuestKit

/// Google Takeout Fit CSVs, read as the daily summary and as a per-day file: every day
/// accepted has a distance and steps of 0 or more, and a summary names each date once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  for name in ["Daily activity metrics.csv", "2024-02-29.csv"] {
    guard
      let days = Fuzz.refusing(
        "GoogleFitDailyReader.days",
        {
          try GoogleFitDailyReader.days(
            source: ByteSource(bytes: bytes, name: name, chunkSize: 1 + size % 13))
        })
    else { continue }
    Fuzz.require(Set(days.map(\.date)).count == days.count, "a date twice in \(name)")
    for day in days {
      Fuzz.require(day.distanceMetres.map { $0.isFinite && $0 >= 0 } ?? true, "distance \(day)")
      Fuzz.require(day.steps.map { $0 >= 0 && $0 <= 10_000_000 } ?? true, "steps \(day)")
    }
  }
  return 0
}
