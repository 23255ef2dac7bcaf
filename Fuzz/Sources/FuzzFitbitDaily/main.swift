import Foundation
import FuzzSupport
import MileQuestKit

/// Fitbit's website export (`fitbit_export_*.csv`, sections of which `Activities` is read):
/// every row is a day given once, its steps and distance finite and 0 or more, and the whole
/// and chunked readings agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  let whole = Fuzz.refusing("FitbitDailyExportReader.days") {
    try FitbitDailyExportReader.days(source: ByteSource(bytes: bytes, name: "fitbit_export.csv"))
  }
  let chunked = Fuzz.refusing("FitbitDailyExportReader.days (chunks)") {
    try FitbitDailyExportReader.days(
      source: ByteSource(bytes: bytes, name: "fitbit_export.csv", chunkSize: 5))
  }
  Fuzz.require(whole == chunked, "whole and chunked readings disagree")
  var days = Set<LocalDate>()
  for row in whole ?? [] {
    Fuzz.require(days.insert(row.date).inserted, "\(row.date) twice")
    Fuzz.require(row.steps.isFinite && row.steps >= 0, "\(row.date): steps \(row.steps)")
    Fuzz.require(row.distance.isFinite && row.distance >= 0, "\(row.date): \(row.distance)")
  }
  return 0
}
