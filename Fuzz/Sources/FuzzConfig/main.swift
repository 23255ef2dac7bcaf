import FuzzSupport
import MileQuestKit

/// config.toml, as every command reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = Fuzz.text(data, size)
  if let config = Fuzz.refusing("Config.parse", { try Config.parse(text, path: "config.toml") }) {
    // What the tool writes back must read back the same.
    let again = Fuzz.refusing(
      "Config.parse (rendered)",
      {
        try Config.parse(config.rendered(), path: "config.toml")
      })
    Fuzz.require(again == config, "config \(config) does not survive rendered()")
  }
  return 0
}
