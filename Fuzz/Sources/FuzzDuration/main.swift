import FuzzSupport
import MileQuestKit

/// Durations (`--duration 1h20m`, import `duration`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = Fuzz.text(data, size)
  if let seconds = Fuzz.refusing("DurationInput.parse", { try DurationInput.parse(text) }) {
    Fuzz.require(
      seconds.isFinite && seconds > 0 && seconds <= DurationInput.maxSeconds,
      "duration '\(text)' → \(seconds) s")
    _ = DurationInput.format(seconds: seconds)
  }
  return 0
}
