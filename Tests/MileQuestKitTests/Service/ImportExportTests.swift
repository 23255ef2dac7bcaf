import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// Bulk imports (CSV, JSON, NDJSON), exports and the `export all` → `import all` round trip, on
/// in-memory stores. Today is Friday 2026-03-20.
@Suite("Import and export")
struct ImportExportTests {
  static func today() throws -> LocalDate { try date(2026, 3, 20) }

  static func service(_ store: SQLiteStore, as handle: String? = nil) throws -> MileQuestService {
    MileQuestService(store: store, today: try today(), actingHandle: handle)
  }

  /// A store with members ana, ben (stride 0.762 m) and cai (stride 0.8 m), no teams.
  static func people() throws -> SQLiteStore {
    let store = try SQLiteStore.inMemory()
    let admin = try service(store)
    _ = try admin.addMember(
      handle: "ana", name: "Ana Ármann", email: "ana@example.com", stride: nil)
    _ = try admin.addMember(handle: "ben", name: nil, email: nil, stride: nil)
    _ = try admin.addMember(handle: "cai", name: nil, email: nil, stride: "0.8m")
    return store
  }

  /// Everything in the store as one document (the snapshot for "nothing changed").
  static func snapshot(_ store: SQLiteStore) throws -> String {
    try service(store).exportAll().rendered()
  }

  static func walks(_ store: SQLiteStore) throws -> [Walk] {
    try store.read { db in try db.walks(WalkFilter(includeDeleted: true)) }
      .sorted { ($0.id ?? 0) < ($1.id ?? 0) }
  }

  static func importing(
    _ text: String, _ format: ExchangeFormat, into store: SQLiteStore, file: String = "walks",
    dryRun: Bool = false
  ) throws -> MileQuestService.ImportReport {
    try service(store).importWalks(Array(text.utf8), format: format, file: file, dryRun: dryRun)
  }

  /// The `.badData` message `body` throws, or nil.
  static func badData(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch MileQuestError.badData(let message) {
      return message
    } catch let error as MileQuestError where error.exitCode == 65 {
      return error.description
    } catch {
      return "unexpected \(error)"
    }
  }

  // MARK: Happy paths

  @Test func csvWithUnitsDurationsStepsNotesAndIDs() throws {
    // Given
    let store = try Self.people()
    let csv = """
      member,date,distance,unit,duration,steps,note,external_id\r
      ana,2026-03-01,3,,45m,,"Hill, then ""rain"", wind",\r
      ANA,2026-03-02,5,km,1:00:00,6500,,strava-1\r
      cai,2026-03-03,12000,steps,,12000,,\r
      ben,2026-03-04,800m,,,,'=1+1,\r

      """

    // When
    let report = try Self.importing(csv, .csv, into: store, file: "walks.csv")

    // Then
    #expect(report == .init(added: 4, skipped: 0, dryRun: false))
    let walks = try Self.walks(store)
    #expect(
      walks.map(\.date.description) == ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"])
    #expect(walks.map(\.distanceMetres) == [3 * 1609.344, 5000, 12000 * 0.8, 800])
    #expect(walks.map(\.durationSeconds) == [2700, 3600, nil, nil])
    #expect(walks.map(\.steps) == [nil, 6500, 12000, nil])
    #expect(walks[0].note == "Hill, then \"rain\", wind")
    #expect(walks[3].note == "=1+1", "the import undoes formula neutralisation")
    #expect(walks.allSatisfy { $0.source == .import })
    #expect(walks[1].externalId == "strava-1")
    #expect(walks[0].externalId?.hasPrefix("fp:") == true)
  }

  @Test func jsonArrayWithNumbersAndExactMetres() throws {
    // Given
    let store = try Self.people()
    let json = """
      [
        {"member": "ana", "date": "2026-03-05", "distance_m": 5310.8351999999995, "duration_s": 3000.5},
        {"Member": "ben", "Date": "2026-03-06", "distance": 2.5, "unit": "km", "steps": 3000,
         "note": "Café 🚶", "external_id": "garmin-77"},
        {"member": "cai", "date": "2026-03-07", "distance": "1.5mi", "note": null}
      ]
      """

    // When
    let report = try Self.importing(json, .json, into: store, file: "walks.json")

    // Then
    #expect(report.added == 3)
    let walks = try Self.walks(store)
    #expect(walks.map(\.distanceMetres) == [5310.8351999999995, 2500, 1.5 * 1609.344])
    #expect(walks[0].durationSeconds == 3000.5)
    #expect(walks[1].steps == 3000)
    #expect(walks[1].note == "Café 🚶")
    #expect(walks[1].externalId == "garmin-77")
    #expect(walks[2].note == nil)
  }

  @Test func ndjsonSkipsBlankLinesAndAcceptsCRLF() throws {
    // Given
    let store = try Self.people()
    let ndjson =
      "{\"member\":\"ana\",\"date\":\"2026-03-08\",\"distance\":4,\"unit\":\"km\"}\r\n"
      + "\r\n\n"
      + "{\"member\":\"ben\",\"date\":\"2026-03-09\",\"distance_m\":1234.5}\n"

    // When
    let report = try Self.importing(ndjson, .ndjson, into: store, file: "walks.ndjson")

    // Then
    #expect(report.added == 2)
    #expect(try Self.walks(store).map(\.distanceMetres) == [4000, 1234.5])
  }

  // MARK: All or nothing

  @Test func csvWithSeveralBadRowsImportsNothingAndNamesEveryLine() throws {
    // Given
    let store = try Self.people()
    let before = try Self.snapshot(store)
    let csv = """
      member,date,distance,note
      ana,2026-03-01,3,fine
      zed,2026-03-01,3,unknown member
      ana,2026-03-01,3,"a note
      over two lines"
      ana,2099-01-01,3,future
      ana,2026-03-01,0,zero
      ana,not-a-date,3,bad date
      ana,2026-03-01,-2,negative
      ben,2026-03-02,3,\(String(repeating: "x", count: 501))
      ben,2026-03-02,3,fine again

      """

    // When
    let message = Self.badData { _ = try Self.importing(csv, .csv, into: store, file: "bad.csv") }

    // Then
    let text = try #require(message)
    // Line 4's note spans two lines: notes are one-line text, so it is bad too, reported at
    // the line the record starts on; the rows after it keep their real line numbers.
    for line in [3, 4, 6, 7, 8, 9, 10] {
      #expect(text.contains("bad.csv:\(line): "), "line \(line) not reported in:\n\(text)")
    }
    for line in [1, 2, 5, 11] {
      #expect(!text.contains("bad.csv:\(line):"), "line \(line) wrongly reported")
    }
    #expect(text.contains("zed"))
    #expect(text.contains("nothing was imported (7 bad of 9 rows)"))
    #expect(try Self.snapshot(store) == before)
  }

  @Test func manyBadRowsAreCappedInTheMessage() throws {
    let store = try Self.people()
    let rows = (1...30).map { "nobody\($0),2026-03-01,3" }.joined(separator: "\n")
    let message = try #require(
      Self.badData {
        _ = try Self.importing("member,date,distance\n" + rows, .csv, into: store, file: "m.csv")
      })
    #expect(message.contains("m.csv:2: ") && message.contains("m.csv:21: "))
    #expect(!message.contains("m.csv:22: "))
    #expect(message.contains("and 10 more bad rows"))
    #expect(try Self.walks(store).isEmpty)
  }

  @Test func structuralCSVErrorsNameTheFile() throws {
    let store = try Self.people()
    let wrongCount = Self.badData {
      _ = try Self.importing(
        "member,date,distance\nana,2026-03-01,3\nana,2026-03-02\n", .csv, into: store,
        file: "w.csv")
    }
    #expect(wrongCount?.hasPrefix("w.csv:3: ") == true, "\(wrongCount ?? "-")")
    let noHeader = Self.badData {
      _ = try Self.importing("member,distance\nana,3\n", .csv, into: store, file: "h.csv")
    }
    #expect(noHeader?.hasPrefix("h.csv:1: ") == true, "\(noHeader ?? "-")")
    let unterminated = Self.badData {
      _ = try Self.importing(
        "member,date,distance,note\nana,2026-03-01,3,ok\nana,2026-03-01,3,\"open\n", .csv,
        into: store, file: "q.csv")
    }
    #expect(unterminated?.hasPrefix("q.csv") == true, "\(unterminated ?? "-")")
    #expect(unterminated?.contains("3") == true, "\(unterminated ?? "-")")
    #expect(try Self.walks(store).isEmpty)
  }

  @Test func jsonAndNDJSONBadRecordsImportNothing() throws {
    // Given
    let store = try Self.people()
    let before = try Self.snapshot(store)
    let json = """
      [{"member":"ana","date":"2026-03-01","distance":3},
       {"member":"ana","date":"2026-03-01"},
       {"member":"nobody","date":"2026-03-01","distance":3}]
      """
    let ndjson = """
      {"member":"ana","date":"2026-03-01","distance":3}
      {"member":"ana","date":"2026-03-01","distance":"far"}

      {"member":"ana","date":"2026-03-01","distance_m":-1}
      """

    // When
    let jsonMessage = Self.badData {
      _ = try Self.importing(json, .json, into: store, file: "b.json")
    }
    let ndMessage = Self.badData {
      _ = try Self.importing(ndjson, .ndjson, into: store, file: "b.ndjson")
    }
    let syntax = Self.badData {
      _ = try Self.importing(
        "{\"member\":\"ana\"}\n{oops\n", .ndjson, into: store, file: "s.ndjson")
    }

    // Then
    #expect(jsonMessage?.contains("b.json:record 2: ") == true, "\(jsonMessage ?? "-")")
    #expect(jsonMessage?.contains("b.json:record 3: ") == true)
    #expect(ndMessage?.contains("b.ndjson:2: ") == true, "\(ndMessage ?? "-")")
    #expect(ndMessage?.contains("b.ndjson:4: ") == true)
    #expect(ndMessage?.contains("b.ndjson:1:") == false)
    #expect(syntax?.hasPrefix("s.ndjson:2: ") == true, "\(syntax ?? "-")")
    #expect(try Self.snapshot(store) == before)
  }

  // MARK: Idempotency and dry runs

  @Test func secondImportAddsNothing() throws {
    // Given
    let store = try Self.people()
    let csv = """
      member,date,distance,duration,external_id
      ana,2026-03-01,3,30m,
      ben,2026-03-02,2,,run-9
      cai,2026-03-03,1,,

      """
    _ = try Self.importing(csv, .csv, into: store)
    let after = try Self.snapshot(store)

    // When
    let again = try Self.importing(csv, .csv, into: store)
    // The same walks as NDJSON: same fingerprints, same external id.
    let asNDJSON = try Self.importing(
      """
      {"member":"ana","date":"2026-03-01","distance":3,"duration":"30m"}
      {"member":"ben","date":"2026-03-09","distance":7,"external_id":"run-9"}
      {"member":"cai","date":"2026-03-03","distance":1}
      """, .ndjson, into: store)

    // Then
    #expect(again == .init(added: 0, skipped: 3, dryRun: false))
    #expect(asNDJSON == .init(added: 0, skipped: 3, dryRun: false))
    #expect(try Self.snapshot(store) == after)
  }

  @Test func aReimportIsNotAnUndoableChange() throws {
    // Given
    let store = try Self.people()
    _ = try Self.service(store, as: "ana").logWalk(.init(distance: "1", date: "2026-03-01"))
    let csv = "member,date,distance\nben,2026-03-02,2\ncai,2026-03-03,3\n"
    _ = try Self.importing(csv, .csv, into: store)
    #expect(try Self.importing(csv, .csv, into: store).added == 0)

    // When
    let undone = try Self.service(store).undo()

    // Then: the undo reverted the import that added walks, not the re-import.
    #expect(undone.contains("import"), "\(undone)")
    let left = try store.read { db in try db.walks(WalkFilter()) }
    #expect(left.map(\.distanceMetres) == [1609.344])
  }

  @Test func aChangedDurationIsANewWalk() throws {
    let store = try Self.people()
    _ = try Self.importing(
      "member,date,distance,duration\nana,2026-03-01,3,30m\n", .csv, into: store)
    let report = try Self.importing(
      "member,date,distance,duration\nana,2026-03-01,3,31m\n", .csv, into: store)
    #expect(report.added == 1)
    #expect(try Self.walks(store).count == 2)
  }

  @Test func dryRunReportsAndChangesNothing() throws {
    // Given
    let store = try Self.people()
    let before = try Self.snapshot(store)
    let csv = "member,date,distance\nana,2026-03-01,3\nben,2026-03-02,2\nben,2026-03-02,2\n"

    // When
    let dry = try Self.importing(csv, .csv, into: store, dryRun: true)
    let unchanged = try Self.snapshot(store)
    let real = try Self.importing(csv, .csv, into: store)
    let dryAgain = try Self.importing(csv, .csv, into: store, dryRun: true)

    // Then: ben's two identical rows are two walks (issue 11: the n-th identical row is the
    // n-th identical walk), and the second run finds all three
    #expect(dry == .init(added: 3, skipped: 0, dryRun: true))
    #expect(unchanged == before)
    #expect(real == .init(added: 3, skipped: 0, dryRun: false))
    #expect(dryAgain == .init(added: 0, skipped: 3, dryRun: true))
    #expect(try Self.walks(store).count == 3)
  }

  @Test func dryRunStillRejectsBadRows() throws {
    let store = try Self.people()
    let message = Self.badData {
      _ = try Self.importing(
        "member,date,distance\nzed,2026-03-01,3\n", .csv, into: store, file: "d.csv",
        dryRun: true)
    }
    #expect(message?.contains("d.csv:2: ") == true)
  }

  // MARK: Exports

  @Test(arguments: [ExchangeFormat.csv, .tsv])
  func walkExportImportsBackExactly(_ format: ExchangeFormat) throws {
    // Given
    let source = try Self.people()
    let ana = try Self.service(source, as: "ana")
    _ = try ana.logWalk(
      .init(distance: "5.3108351999999995km", date: "2026-03-01", note: "=HYPERLINK(\"http://x\")"))
    _ = try ana.logWalk(.init(distance: "2mi", date: "2026-03-02", duration: "40m", note: "-5"))
    _ = try ana.logWalk(
      .init(
        member: "cai", distance: "9000 steps", date: "2026-03-03", steps: 9000,
        note: "@home, \"quoted\"; '=odd"))
    _ = try ana.logWalk(
      .init(distance: "1km", date: "2026-03-04", note: "\"starts\" with a quote"))
    let separator = format == .csv ? "," : "\t"
    let csv = try Self.service(source).exportTable(.walks).rendered(as: format)
    #expect(csv.contains("'=HYPERLINK"))
    #expect(csv.contains("\(separator)-5\(separator)"))

    // When
    let target = try Self.people()
    let report = try Self.importing(csv, format, into: target, file: "export.\(format)")

    // Then
    #expect(report.added == 4)
    let original = try Self.walks(source)
    let copied = try Self.walks(target)
    #expect(copied.map(\.distanceMetres) == original.map(\.distanceMetres))
    #expect(copied.map(\.date) == original.map(\.date))
    #expect(copied.map(\.note) == original.map(\.note))
    #expect(copied.map(\.durationSeconds) == original.map(\.durationSeconds))
    #expect(copied.map(\.steps) == original.map(\.steps))
    // Importing the export again adds nothing.
    #expect(try Self.importing(csv, format, into: target).added == 0)
  }

  @Test(arguments: ExchangeFormat.allCases)
  func streamedExportsAreTheRenderedTables(_ format: ExchangeFormat) throws {
    let store = try Self.world()
    _ = try Self.service(store, as: "ana").createRoute(
      name: "Bay", waypoints: ["-33.9,18.4", "-34.0,18.5,Muizenberg", "-34.1,18.6"])
    let service = try Self.service(store)
    for kind in MileQuestService.ExportKind.allCases where kind != .all {
      var streamed = ""
      try service.export(kind, format: format) { streamed += $0 }
      #expect(streamed == (try service.exportTable(kind)).rendered(as: format), "\(kind)")
    }
  }

  @Test(arguments: ExchangeFormat.allCases)
  func everyTableRendersInEveryFormat(_ format: ExchangeFormat) throws {
    let store = try Self.world()
    let service = try Self.service(store)
    for kind in MileQuestService.ExportKind.allCases where kind != .all {
      let table = try service.exportTable(kind)
      let text = table.rendered(as: format)
      switch format {
      case .csv, .tsv:
        var reader = CSVReader(
          bytes: Array(text.utf8),
          separator: format == .tsv ? UInt8(ascii: "\t") : UInt8(ascii: ","),
          quotes: format == .csv)
        var rows: [[String]] = []
        while let record = try reader.nextRecord() { rows.append(record.fields) }
        #expect(rows.first == table.columns, "\(kind)")
        #expect(rows.count == table.rows.count + 1, "\(kind)")
      case .json:
        guard case .array(let items) = try JSONValue(parsing: Data(text.utf8)) else {
          Issue.record("\(kind): not an array")
          continue
        }
        #expect(items.count == table.rows.count, "\(kind)")
      case .ndjson:
        let lines = text.split(separator: "\n")
        #expect(lines.count == table.rows.count, "\(kind)")
        for line in lines { _ = try JSONValue(parsing: Data(line.utf8)) }
      }
      #expect(!table.rows.isEmpty, "\(kind) is empty")
    }
  }

  // MARK: export all → import all

  /// Teams, memberships over time, a route race, a capped together goal, a cancelled goal,
  /// manual, imported and deleted walks, a removed member.
  static func world() throws -> SQLiteStore {
    let store = try people()
    let admin = try service(store)
    _ = try admin.addMember(handle: "dee", name: "Dee O'Neil", email: nil, stride: nil)
    let ana = try service(store, as: "ana")
    let cai = try service(store, as: "cai")
    _ = try ana.createTeam(
      name: "Kiwis", description: "Wellington, \"north\"", maxMembers: 12, since: "2026-02-01")
    _ = try ana.addToTeam(team: "Kiwis", handles: ["ben"], role: .member, since: "2026-02-01")
    _ = try cai.createTeam(name: "Owls", description: nil, maxMembers: nil, since: "2026-02-15")
    _ = try cai.addToTeam(team: "Owls", handles: ["dee"], role: .captain, since: "2026-03-01")
    _ = try ana.removeFromTeam(team: "Kiwis", handle: "ben", on: "2026-03-10")
    _ = try cai.addToTeam(team: "Owls", handles: ["ben"], role: .member, since: "2026-03-10")
    _ = try ana.createRoute(
      name: "Coast",
      waypoints: [
        "-33.92,18.42,Cape Town", "-34.36,18.47,Cape Point", "-34.6,19.3", "-34.83,20.0,Agulhas",
      ])
    _ = try ana.createGoal(
      .init(name: "Race", teams: ["Kiwis", "Owls"], route: "Coast", start: "2026-02-01"))
    _ = try ana.createGoal(
      .init(
        name: "Pool", teams: ["Kiwis", "Owls"], mode: .together, distance: "100km",
        start: "2026-03-01", end: "2026-04-30", dailyCap: "8km"))
    _ = try cai.createGoal(.init(name: "Gone", teams: ["Owls"], distance: "10mi"))
    _ = try cai.cancelGoal(name: "Gone")
    let days = [
      "2026-02-01", "2026-02-14", "2026-02-28", "2026-03-05", "2026-03-09", "2026-03-10",
      "2026-03-16", "2026-03-20",
    ]
    for (index, day) in days.enumerated() {
      for (handle, base) in [("ana", 3.1), ("ben", 4.7), ("cai", 2.3), ("dee", 12.9)] {
        _ = try ana.logWalk(
          .init(
            member: handle, distance: "\(base + Double(index) * 0.37)km", date: day,
            duration: index % 2 == 0 ? "47m" : nil, note: index == 3 ? "=cmd|' /C calc'!A0" : nil))
      }
    }
    let extra = try ana.logWalk(.init(member: "ben", distance: "30km", date: "2026-03-11"))
    _ = try ana.deleteWalk(id: extra.walk.id ?? -1)
    _ = try Self.importing(
      "member,date,distance,external_id\nana,2026-03-12,0.30000000000000004km,x-1\ndee,2026-03-13,7.77,\n",
      .csv, into: store)
    _ = try admin.removeMember(handle: "dee")
    return store
  }

  /// Every leaderboard and progress report the world can produce.
  static func reports(_ store: SQLiteStore) throws -> [String] {
    let service = try Self.service(store)
    var out: [String] = []
    let scopes: [MileQuestService.LeaderboardRequest] = [
      .init(teams: true), .init(team: "Kiwis"), .init(team: "Owls"), .init(goal: "Race"),
      .init(goal: "Pool"), .init(teams: true, goal: "Race"),
    ]
    for var request in scopes {
      for period in [Period.all, .week, .month, .year, .today] {
        for metric in [LeaderboardMetric.total, .average, .walks] {
          request.period = period
          request.metric = metric
          out.append("\(try service.leaderboard(request))")
        }
      }
      request.period = nil
      request.from = "2026-02-10"
      request.to = "2026-03-10"
      out.append("\(try service.leaderboard(request))")
    }
    for goal in ["Race", "Pool", "Gone"] {
      out.append("\(try service.progress(goal: goal))")
    }
    out.append("\(try service.goals(team: nil, all: true))")
    return out
  }

  @Test func streamedExportAllIsTheRenderedDocument() throws {
    let twoRoutes = try Self.world()
    _ = try Self.service(twoRoutes, as: "ana").createRoute(
      name: "Bay \"B\"", waypoints: ["-33.9,18.4", "-34.0,18.5,Muizenberg", "-34.1,18.6"])
    for store in [try Self.world(), twoRoutes, try Self.people(), try SQLiteStore.inMemory()] {
      var streamed = ""
      try Self.service(store).exportAll { streamed += $0 }
      #expect(streamed == (try Self.service(store).exportAll().rendered()) + "\n")
    }
  }

  @Test func exportAllThenImportAllReproducesEverything() throws {
    // Given
    let original = try Self.world()
    let document = try Self.service(original).exportAll()
    let text = document.rendered()

    // When
    let copy = try SQLiteStore.inMemory()
    let counts = try Self.service(copy).importAll(
      try JSONValue(parsing: Data(text.utf8)), file: "all.json")

    // Then
    #expect(counts.members == 4 && counts.teams == 2 && counts.memberships == 5)
    #expect(counts.routes == 1 && counts.goals == 3 && counts.walks == 35)
    #expect(try Self.service(copy).exportAll().rendered() == text)
    #expect(try Self.walks(copy) == (try Self.walks(original)))
    let expected = try Self.reports(original)
    let actual = try Self.reports(copy)
    #expect(actual.count == expected.count)
    for (a, e) in zip(actual, expected) { #expect(a == e) }
  }

  @Test func leaderboardsAndProgressAreEqualValues() throws {
    let original = try Self.world()
    let copy = try SQLiteStore.inMemory()
    _ = try Self.service(copy).importAll(try Self.service(original).exportAll(), file: "all.json")
    for goal in ["Race", "Pool"] {
      #expect(
        try Self.service(copy).progress(goal: goal)
          == (try Self.service(original).progress(goal: goal)))
      #expect(
        try Self.service(copy).leaderboard(.init(goal: goal))
          == (try Self.service(original).leaderboard(.init(goal: goal))))
    }
    #expect(
      try Self.service(copy).leaderboard(.init(teams: true, metric: .average))
        == (try Self.service(original).leaderboard(.init(teams: true, metric: .average))))
  }

  @Test func importAllNeedsAnEmptyDatabaseAndChangesNothingOtherwise() throws {
    let original = try Self.world()
    let document = try Self.service(original).exportAll()
    let target = try Self.people()
    let before = try Self.snapshot(target)
    #expect(throws: MileQuestError.self) {
      _ = try Self.service(target).importAll(document, file: "all.json")
    }
    #expect(try Self.snapshot(target) == before)
  }

  @Test func importAllRefusesOtherDocuments() throws {
    let store = try SQLiteStore.inMemory()
    let service = try Self.service(store)
    let notOurs = Self.badData {
      _ = try service.importAll(.object([("members", .array([]))]), file: "x.json")
    }
    #expect(notOurs?.contains("x.json") == true)
    let newer = Self.badData {
      _ = try service.importAll(
        .object([("format", .string(ExchangeDocument.format)), ("version", .int(99))]),
        file: "y.json")
    }
    #expect(newer?.contains("99") == true)
    #expect(try Self.snapshot(store) == (try Self.snapshot(SQLiteStore.inMemory())))
  }

  @Test func importAllWithABadRecordChangesNothing() throws {
    let original = try Self.world()
    var text = try Self.service(original).exportAll().rendered()
    text = text.replacingOccurrences(of: "\"role\": \"member\"", with: "\"role\": \"boss\"")
    let store = try SQLiteStore.inMemory()
    let empty = try Self.snapshot(store)
    let message = Self.badData {
      _ = try Self.service(store).importAll(try JSONValue(parsing: Data(text.utf8)), file: "z.json")
    }
    #expect(message?.contains("z.json") == true, "\(message ?? "-")")
    #expect(try Self.snapshot(store) == empty)
  }
}
