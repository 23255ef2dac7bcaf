import Foundation
import FuzzSupport
import MileQuestKit
import MileQuestSQLite

/// `import all FILE`: the streaming JSON reader, against JSONDecoder, and the import itself.
///
/// Properties, for every input:
/// - the reader and `JSONValue(parsing:)` (JSONDecoder) agree: both refuse, or both accept
///   the same value; the one allowed difference is a duplicate key, which only the reader
///   refuses;
/// - the answer (value or message) does not depend on how the input is cut into chunks;
/// - `check` (skipping values) accepts exactly what `parse` accepts;
/// - an `export all` document the reader accepts imports or is refused with a
///   `MileQuestError`, and what it imported exports and imports again unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Fuzz.bytes(data, size)
  let whole = outcome { try JSONStreamReader.parse(bytes, name: "f.json") }
  let decoder = outcome { try JSONValue(parsing: Data(bytes)) }
  switch (whole, decoder) {
  case (.value(let mine), .value(let theirs)):
    Fuzz.require(
      mine.compact() == theirs.compact(),
      "reader \(mine.compact().prefix(300)) ≠ JSONDecoder \(theirs.compact().prefix(300))")
  case (.refused(let message), .value):
    Fuzz.require(
      message.contains("duplicate key"), "reader refuses what JSONDecoder reads: \(message)")
  case (.value(let mine), .refused):
    Fuzz.require(false, "reader accepts what JSONDecoder refuses: \(mine.compact().prefix(300))")
  case (.refused, .refused):
    break
  }
  // Cut into small chunks (the size from the input, so libFuzzer explores it).
  let chunk = 1 + Int(bytes.first ?? 0) % 13
  let chunked = outcome { try JSONStreamReader.parse(bytes, name: "f.json", chunkSize: chunk) }
  Fuzz.require(chunked == whole, "chunks of \(chunk) give \(chunked), whole gives \(whole)")
  // `check` returns nothing: whether it threw is the answer.
  let checked: Bool =
    Fuzz.refusing("JSONStreamReader.check") {
      try JSONStreamReader.check(bytes, name: "f.json", chunkSize: chunk)
    } != nil
  Fuzz.require(checked == (whole.value != nil), "check and parse disagree: \(whole)")

  guard
    let document = Fuzz.refusing(
      "ExportAllDocument",
      {
        try ExportAllDocument(bytes: bytes, name: "f.json")
      })
  else { return 0 }
  Fuzz.require(whole.value != nil, "ExportAllDocument accepts what parse refuses")
  guard case .object(let fields)? = whole.value, fields.contains(where: { $0.0 == "format" }) else {
    return 0
  }
  let service = freshService()
  guard Fuzz.refusing("importAll", { try service.importAll(document, file: "f.json") }) != nil
  else { return 0 }
  // What was imported round-trips: export, import into another empty database, export.
  let exported = Fuzz.refusing("exportAll") { try service.exportAll().rendered() }
  Fuzz.require(exported != nil, "the imported database does not export")
  let again = freshService()
  Fuzz.require(
    Fuzz.refusing("importAll(export)") {
      try again.importAll(
        ExportAllDocument(bytes: Array(exported!.utf8), name: "e.json"), file: "e.json")
    } != nil, "the export of an import does not import: \(exported!.prefix(600))")
  Fuzz.require(
    Fuzz.refusing("exportAll again") { try again.exportAll().rendered() } == exported,
    "export → import → export changed the document")
  return 0
}

/// What one reader made of the input: a value, or the message it refused it with.
enum Outcome: Equatable {
  case value(JSONValue)
  case refused(String)

  var value: JSONValue? {
    if case .value(let value) = self { return value }
    return nil
  }
}

/// Runs `body`; every refusal must be a `.badData` (exit 65).
func outcome(_ body: () throws -> JSONValue) -> Outcome {
  do {
    return .value(try body())
  } catch MileQuestError.badData(let message) {
    Fuzz.require(!message.contains("\n"), "a JSON refusal on several lines: \(message)")
    return .refused(message)
  } catch {
    fatalError("a JSON refusal that is not bad data: \(error)")
  }
}

/// A service on a new empty in-memory database.
func freshService() -> MileQuestService {
  do {
    return MileQuestService(
      store: try SQLiteStore.inMemory(), today: LocalDate(year: 2026, month: 3, day: 15)!,
      actingHandle: nil, unit: .km)
  } catch {
    fatalError("cannot open an in-memory database: \(error)")
  }
}
