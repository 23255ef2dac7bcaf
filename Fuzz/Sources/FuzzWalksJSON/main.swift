import Foundation
import FuzzSupport
import MileQuestKit

/// `import walks FILE.json` and `FILE.ndjson`: the JSON parser and every record's fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  if let value = Fuzz.refusing("JSONValue(parsing:)", { try JSONValue(parsing: Data(bytes)) }) {
    // What the tool prints must parse back to the same value.
    let again = Fuzz.refusing(
      "JSONValue(parsing: rendered)",
      {
        try JSONValue(parsing: Data(value.rendered().utf8))
      })
    Fuzz.require(again == value, "JSON \(value.compact()) does not survive rendered()")
  }
  Fuzz.importWalks(bytes, format: .json)
  Fuzz.importWalks(bytes, format: .ndjson)
  return 0
}
