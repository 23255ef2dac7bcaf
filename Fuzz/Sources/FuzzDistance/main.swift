import FuzzSupport
import MileQuestKit

/// Distances (`log 3.2mi`, `--distance`, `--daily-cap`, import `distance` + `unit`) and strides.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = Fuzz.text(data, size)
  for unit in DistanceUnit.allCases {
    for stride in [nil, 0.762] as [Double?] {
      if let metres = Fuzz.refusing(
        "DistanceInput.parse",
        {
          try DistanceInput.parse(text, defaultUnit: unit, strideMetres: stride)
        })
      {
        Fuzz.require(metres.isFinite && metres > 0, "distance '\(text)' → \(metres) m")
      }
      if let metres = Fuzz.refusing(
        "DistanceInput.parseWalk",
        {
          try DistanceInput.parseWalk(text, defaultUnit: unit, strideMetres: stride)
        })
      {
        Fuzz.require(
          metres.isFinite && metres > 0 && metres <= 1_609_344 * (1 + 1e-9),
          "walk distance '\(text)' → \(metres) m")
      }
    }
  }
  if let metres = Fuzz.refusing(
    "DistanceInput.parseStride",
    {
      try DistanceInput.parseStride(text)
    })
  {
    Fuzz.require(metres > 0.2 && metres <= 2.5, "stride '\(text)' → \(metres) m")
  }
  return 0
}
