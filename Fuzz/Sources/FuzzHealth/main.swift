import FuzzSupport
import MileQuestKit

/// Apple Health exports, as the streaming reader sums them, and the rules that pick one
/// source per day: no crash, totals that are numbers, exactly one walk per day and kind.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  // The scanner reads names, values and references in one go when the buffer holds them and
  // a byte at a time across chunk boundaries: both must give the same totals or error.
  let chunk = 1 + Int(bytes.first ?? 0) % 13
  let whole = Result { try AppleHealthReader.totals(bytes: bytes, name: "fuzz.xml") }
  let chunked = Result {
    try AppleHealthReader.totals(bytes: bytes, name: "fuzz.xml", chunkSize: chunk)
  }
  switch (whole, chunked) {
  case (.success(let a), .success(let b)):
    Fuzz.require(
      "\(a.days(source: nil))" == "\(b.days(source: nil))" && a.sources == b.sources,
      "totals differ with \(chunk)-byte chunks")
  case (.failure(let a), .failure(let b)):
    Fuzz.require("\(a)" == "\(b)", "errors differ with \(chunk)-byte chunks: \(a) / \(b)")
  default:
    Fuzz.require(false, "only one of whole and \(chunk)-byte chunks failed")
  }
  guard
    let totals = Fuzz.refusing(
      "AppleHealthReader.totals", { try AppleHealthReader.totals(bytes: bytes, name: "fuzz.xml") })
  else { return 0 }
  for source in [nil] + totals.sources.prefix(2).map(Optional.some) {
    let days = totals.days(source: source)
    var seen = Set<String>()
    for day in days {
      Fuzz.require(seen.insert("\(day.day) \(day.kind)").inserted, "two walks for \(day.day)")
      let positive = day.metres.map { $0 > 0 && !$0.isNaN } ?? ((day.steps ?? 0) > 0)
      Fuzz.require(positive, "\(day)")
      if let source { Fuzz.require(day.source == source, "source \(day.source)") }
    }
  }
  return 0
}
