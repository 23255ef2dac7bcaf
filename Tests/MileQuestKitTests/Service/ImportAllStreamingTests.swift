import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit
@testable import MileQuestSQLite

/// `import all` read section by section from a checked document: any key order, walks with the
/// ids and flags they had (in bulk where the ids allow), nothing changed on any refusal.
@Suite("import all, streamed")
struct ImportAllStreamingTests {
  typealias World = ImportExportTests

  /// The fields of `document` in a new order: `first` keys first, the rest after as they were.
  static func reordered(_ document: JSONValue, first: [String]) -> JSONValue {
    guard case .object(let fields) = document else { return document }
    let head = first.compactMap { key in fields.first { $0.0 == key } }
    return .object(head + fields.filter { !first.contains($0.0) })
  }

  /// `document` with its walks replaced by `walks`.
  static func withWalks(_ document: JSONValue, _ walks: [JSONValue]) -> JSONValue {
    guard case .object(let fields) = document else { return document }
    return .object(fields.map { $0.0 == "walks" ? ("walks", .array(walks)) : $0 })
  }

  /// One walk object as `export all` writes it (`id` nil: left out, as a hand-made file may).
  static func walk(
    _ id: Int64?, _ member: String, _ day: Int, metres: Double, deleted: Bool = false,
    externalId: String? = nil
  ) -> JSONValue {
    var fields: [(String, JSONValue)] = []
    if let id { fields.append(("id", .int(id))) }
    fields += [
      ("member", .string(member)), ("date", .string("2026-0\(1 + day / 28)-\(10 + day % 18)")),
      ("distance_m", .double(metres)),
      ("duration_s", day % 3 == 0 ? .null : .double(600 + Double(day))),
      ("steps", day % 5 == 0 ? .int(Int64(day) * 100) : .null),
      ("note", day % 7 == 0 ? .string("n\(day)") : .null),
      ("source", .string(externalId == nil ? "manual" : "import")),
      ("external_id", JSONValue(externalId)),
      ("deleted", .bool(deleted)),
      // Issue 17: a walk's activity goes through the bulk insert and back.
      ("activity", .string(day % 4 == 0 ? "run" : "walk")),
    ]
    return .object(fields)
  }

  static func importing(_ text: String, into store: SQLiteStore) throws
    -> MileQuestService.RestoreCounts
  {
    try World.service(store).importAll(
      try ExportAllDocument(bytes: Array(text.utf8), name: "all.json"), file: "all.json")
  }

  @Test func sectionsImportInAnyOrder() throws {
    let original = try World.world()
    let document = try World.service(original).exportAll()
    for first in [
      ["walks"], ["walks", "goals", "routes", "memberships", "teams", "members"],
      ["members", "version", "format"],
    ] {
      let copy = try SQLiteStore.inMemory()
      let counts = try Self.importing(Self.reordered(document, first: first).rendered(), into: copy)
      #expect(counts.walks == 35 && counts.members == 4, "\(first)")
      #expect(try World.snapshot(copy) == (try World.snapshot(original)), "\(first)")
      #expect(try World.walks(copy) == (try World.walks(original)))
    }
  }

  @Test func walksKeepTheirIdsWhateverTheirOrderInTheFile() throws {
    let original = try World.world()
    let document = try World.service(original).exportAll()
    guard case .array(let walks)? = document["walks"] else {
      throw MileQuestError.badData("no walks")
    }
    for order in [walks.reversed(), walks.shuffled(), walks.sorted { $0.compact() < $1.compact() }]
    {
      let copy = try SQLiteStore.inMemory()
      _ = try Self.importing(Self.withWalks(document, Array(order)).rendered(), into: copy)
      #expect(try World.walks(copy) == (try World.walks(original)))
      #expect(try copy.check().problems == [])
    }
  }

  /// Long runs of ids that continue the table go in bulk; a back-dated walk, a gap, deleted
  /// walks and an id-less walk go one by one; the result is what inserting each walk on its
  /// own gives, running totals included, and undo takes all of it back.
  @Test func bulkRunsAndSingleWalksMix() throws {
    let base = try World.service(try World.world()).exportAll()
    var walks: [JSONValue] = []
    var expectedIds: [Int64] = []
    let handles = ["ana", "ben", "cai", "dee"]
    var id: Int64 = 0
    for n in 0..<400 {
      id += n == 200 ? 10 : 1  // a gap of nine ids
      if n == 150 { continue }  // walk 151 comes last: logged later for an earlier day
      walks.append(
        Self.walk(id, handles[n % 4], n % 60, metres: 1000 + Double(n) / 8, deleted: n % 97 == 5))
      expectedIds.append(id)
    }
    walks.append(Self.walk(151, "ben", 3, metres: 4321.5))
    expectedIds.append(151)
    walks.append(Self.walk(nil, "ana", 9, metres: 777))  // takes the next id: max + 1
    expectedIds.append(id + 1)
    walks.append(Self.walk(id + 2, "cai", 59, metres: 1, externalId: "x-1"))
    expectedIds.append(id + 2)
    let store = try SQLiteStore.inMemory()
    let empty = try World.snapshot(store)

    let counts = try Self.importing(Self.withWalks(base, walks).rendered(), into: store)

    #expect(counts.walks == walks.count)
    let stored = try World.walks(store)
    #expect(stored.map { $0.id ?? -1 } == expectedIds.sorted())
    #expect(stored.filter(\.isDeleted).map { $0.id ?? -1 } == [6, 103, 200, 306, 403])
    #expect(try store.check().problems == [])
    // Each walk as written: the export of the restored database lists the same objects.
    guard case .array(let exported)? = try World.service(store).exportAll()["walks"] else {
      throw MileQuestError.badData("no walks")
    }
    let byId = Dictionary(
      uniqueKeysWithValues: exported.map { ($0["id"]?.compact() ?? "", $0.compact()) })
    for (walk, expected) in zip(walks, expectedIds) {
      var fields: [(String, JSONValue)] = []
      if case .object(let all) = walk { fields = all.filter { $0.0 != "id" } }
      #expect(byId["\(expected)"] == JSONValue.object([("id", .int(expected))] + fields).compact())
    }
    // The same totals as walk-by-walk inserts: the leaderboards of an export → import copy.
    let again = try SQLiteStore.inMemory()
    _ = try World.service(again).importAll(try World.service(store).exportAll(), file: "b.json")
    #expect(try World.reports(again) == (try World.reports(store)))
    #expect(try World.service(store).undo().hasPrefix("import all"))
    #expect(try World.snapshot(store) == empty)
  }

  @Test func aRepeatedExternalIdIsTheSameErrorInBulkAsOneByOne() throws {
    let base = try World.service(try World.world()).exportAll()
    func message(_ walks: [JSONValue]) throws -> String {
      let store = try SQLiteStore.inMemory()
      let empty = try World.snapshot(store)
      defer { #expect((try? World.snapshot(store)) == empty) }
      do {
        _ = try Self.importing(Self.withWalks(base, walks).rendered(), into: store)
        return "imported"
      } catch let error as MileQuestError {
        return "\(error.exitCode) \(error)"
      }
    }
    let bulk = try message(
      (1...100).map {
        Self.walk(Int64($0), "ana", $0 % 50, metres: 5, externalId: $0 == 70 ? "x-1" : "e\($0)")
      }
        + [Self.walk(101, "ben", 3, metres: 6, externalId: "x-1")])
    let single = try message([
      Self.walk(1, "ana", 1, metres: 5, deleted: true, externalId: "x-1"),
      Self.walk(2, "ben", 3, metres: 6, deleted: true, externalId: "x-1"),
    ])
    #expect(bulk == single)
    #expect(bulk.hasPrefix("65 the change breaks a database rule"), "\(bulk)")
  }

  @Test func aBadWalkDeepInsideChangesNothing() throws {
    let base = try World.service(try World.world()).exportAll()
    let walks = (1...300).map {
      Self.walk(Int64($0), $0 == 250 ? "nobody" : "ana", $0 % 50, metres: 5)
    }
    let store = try SQLiteStore.inMemory()
    let empty = try World.snapshot(store)
    let message = World.badData {
      _ = try Self.importing(Self.withWalks(base, walks).rendered(), into: store)
    }
    // Issue 11: the error names the record's JSON path (walks[249] is the walk with id 250).
    #expect(
      message?.hasPrefix("all.json: walks[249]: bad member in {\"activity\":\"run\",\"date\":")
        == true,
      "\(message ?? "-")")
    #expect(message?.contains("\"id\":250") == true)
    #expect(try World.snapshot(store) == empty)
  }

  @Test func aBrokenDocumentIsRefusedBeforeTheDatabase() throws {
    let text = try World.service(try World.world()).exportAll().rendered()
    for cut in [text.count / 2, text.count - 5, text.count - 1] {
      #expect(throws: MileQuestError.self) {
        _ = try ExportAllDocument(bytes: Array(text.utf8.prefix(cut)), name: "all.json")
      }
    }
    let twice = text.replacingOccurrences(of: "\"walks\": [", with: "\"walks\": [], \"walks\": [")
    let message = World.badData {
      _ = try ExportAllDocument(bytes: Array(twice.utf8), name: "d.json")
    }
    #expect(
      message?.hasPrefix("d.json: not valid JSON: duplicate key \"walks\" at line ") == true,
      "\(message ?? "-")")
  }

  /// A pipe cannot be read from an offset: it is copied aside first (in UTF-8 or, converted
  /// after the copy, in UTF-16).
  @Test(arguments: [String.Encoding.utf8, .utf16LittleEndian])
  func aPipeIsCopiedAsideAndReadTwice(_ encoding: String.Encoding) throws {
    let original = try World.world()
    let text = try World.service(original).exportAll().rendered()
    let bytes = Array(text.data(using: encoding)!)
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    #expect(bytes.count < 65_536, "fits the pipe's buffer, so one thread can write it all")
    #expect(write(ends[1], bytes, bytes.count) == bytes.count)
    close(ends[1])
    defer { close(ends[0]) }

    let document = try ExportAllDocument(path: "/dev/fd/\(ends[0])", name: "pipe")
    let copy = try SQLiteStore.inMemory()
    _ = try World.service(copy).importAll(document, file: "pipe")

    #expect(try World.snapshot(copy) == text)
  }

  @Test func missingSectionsAndOtherKindsAreRefusedAsBefore() throws {
    let store = try SQLiteStore.inMemory()
    let base: [(String, JSONValue)] = [
      ("format", .string(ExchangeDocument.format)), ("version", .int(1)), ("members", .array([])),
      ("teams", .array([])), ("memberships", .array([])), ("routes", .array([])),
      ("goals", .array([])),
    ]
    let noWalks = World.badData {
      _ = try Self.importing(JSONValue.object(base).rendered(), into: store)
    }
    #expect(noWalks == "all.json: 'walks' is missing or not a list")
    let notAList = World.badData {
      _ = try Self.importing(
        JSONValue.object(base + [("walks", .object([]))]).rendered(), into: store)
    }
    #expect(notAList == "all.json: 'walks' is missing or not a list")
    for text in ["[]", "7", "\"milequest-export\"", "{}"] {
      #expect(
        World.badData { _ = try Self.importing(text, into: store) }
          == "all.json: not a milequest 'export all' document")
    }
    let version = World.badData {
      _ = try Self.importing(#"{"version": 1.5, "format": "milequest-export"}"#, into: store)
    }
    #expect(version == "all.json: document version 1.5 is not supported")
    let ok = try Self.importing(
      JSONValue.object(base + [("walks", .array([])), ("extra", .array([.null]))]).rendered(),
      into: store)
    #expect(ok == MileQuestService.RestoreCounts())
  }

  @Test func outOfRangeIntegersAreBadDataNotACrash() throws {
    let base = try World.service(try World.world()).exportAll()
    for (key, value) in [("id", "1e300"), ("steps", "-1e30"), ("id", "9300000000000000000")] {
      var text = Self.withWalks(base, [Self.walk(1, "ana", 1, metres: 5)]).rendered()
      // In the walks section only (the last one): closed goals' final results list walks too.
      let walks = try #require(text.range(of: "\"walks\": [", options: .backwards))
      text.replaceSubrange(
        walks.lowerBound...,
        with: text[walks.lowerBound...].replacingOccurrences(
          of: "\"\(key)\": \(key == "id" ? "1" : "null")", with: "\"\(key)\": \(value)"))
      let message = World.badData { _ = try Self.importing(text, into: try SQLiteStore.inMemory()) }
      #expect(
        message?.hasPrefix("all.json: walks[0]: bad \(key) ") == true,
        "\(key) \(value): \(message ?? "-")")
    }
  }
}
