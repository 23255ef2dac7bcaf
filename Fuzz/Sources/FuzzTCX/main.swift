import FuzzSupport
import MileQuestKit

/// TCX files, as the TCX reader streams them: bytes in memory, and the same bytes gzipped by
/// nothing (read through the gzip inflater, which must refuse them as bad data, never crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  if let activities = Fuzz.refusing(
    "TCXReader.activities", { try TCXReader.activities(bytes: bytes, name: "fuzz.tcx") })
  {
    for activity in activities {
      Fuzz.require(
        activity.distanceMetres.map { !$0.isNaN } ?? true, "distance \(activity.distanceMetres!)")
      Fuzz.require(activity.positions >= 0, "positions \(activity.positions)")
    }
  }
  _ = Fuzz.refusing("Gzip.inflating") {
    let source = Gzip.inflating(ByteSource(bytes: bytes, name: "fuzz.gz", chunkSize: 97))
    while try !source.next().isEmpty {}
  }
  return 0
}
