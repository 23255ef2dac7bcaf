import FuzzSupport
import MileQuestKit

/// `import walks FILE.csv`: the CSV reader, the header rules and every row's fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  var reader = CSVReader(bytes: bytes)
  var lastLine = 0
  while let record = Fuzz.refusing("CSVReader", { try reader.nextRecord() }) ?? nil {
    Fuzz.require(record.line > lastLine, "CSV record lines go backwards: \(record.line)")
    lastLine = record.line
  }
  Fuzz.importWalks(bytes, format: .csv)
  return 0
}
