import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange
@testable import MileQuestKit

/// Fitbit's website export (`fitbit_export_*.csv`): the real files of Fixtures/fitbit-daily
/// against what Reference/fitbit_daily_reference.py (Python's csv, datetime, math.fsum) reads
/// from them, the miles fixture against values worked out by hand, and the reader's rules for
/// dates, numbers and bad rows.
@Suite struct FitbitDailyExportReaderTests {
  static func fixture(_ path: String) throws -> String {
    let url = try #require(Bundle.module.resourceURL)
    return url.appendingPathComponent("Fixtures").appendingPathComponent(path).path
  }

  static func days(_ text: String) throws -> [FitbitDailyRow] {
    try FitbitDailyExportReader.days(source: ByteSource(bytes: Array(text.utf8), name: "x.csv"))
  }

  static let header = "Activities\nDate,Calories Burned,Steps,Distance,Floors\n"

  @Test func realExportsMatchPython() throws {
    let path = try Self.fixture("fitbit-daily/expected.json")
    let all = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    let want = try #require((all as? [String: Any])?["walks"] as? [[String: Any]])
    let batch = try FitbitFormat().read(
      ImportInputs(paths: [try Self.fixture("fitbit-daily")], unit: .km))
    #expect(batch.drafts.count == 145)
    #expect(batch.drafts.map(\.date.description) == want.map { $0["date"] as? String })
    var total = ExactSum()
    for (draft, want) in zip(batch.drafts, want) {
      let metres = try #require(want["distance_m"] as? Double)
      let got = try #require(draft.distanceMetres)
      total.add(got)
      #expect(abs(got - metres) <= metres * 1e-9, "\(draft.date)")
      #expect(draft.steps == want["steps"] as? Int, "\(draft.date)")
      #expect(draft.externalId == want["external_id"] as? String)
      #expect(draft.note == "Fitbit, daily export")
    }
    #expect(abs(total.value - 830_610) < 1e-6)
    #expect(batch.warnings.contains { $0.contains("read in km") && $0.contains("0.72 m a step") })
    #expect(!batch.warnings.contains { $0.contains("short for a step") })
  }

  @Test func milesAreReadInTheUnitSettingAndTheStepSaysWhenItLooksWrong() throws {
    let folder = try Self.fixture("fitbit-daily-miles")
    let miles = try FitbitFormat().read(ImportInputs(paths: [folder], unit: .mi))
    #expect(miles.drafts.map(\.date.description) == ["2014-07-08", "2014-07-10"])
    // 5.12 mi and 3.75 mi at 1,609.344 m a mile; the day with 0 is no walk.
    #expect(abs((miles.drafts[0].distanceMetres ?? 0) - 8_239.841_28) < 1e-6)
    #expect(abs((miles.drafts[1].distanceMetres ?? 0) - 6_035.04) < 1e-6)
    #expect(miles.drafts.map(\.steps) == [11_250, 8_004])
    // (8,239.84128 + 6,035.04) m / 19,254 steps = 0.7414 m.
    #expect(miles.warnings.contains { $0.contains("read in mi") && $0.contains("0.74 m a step") })
    let asKilometres = try FitbitFormat().read(ImportInputs(paths: [folder], unit: .km))
    #expect(abs((asKilometres.drafts[0].distanceMetres ?? 0) - 5_120) < 1e-9)
    #expect(asKilometres.warnings.contains { $0.contains("short for a step") })
  }

  @Test func theDateOrderIsTheOneOfConsecutiveDays() throws {
    let dmy = try Self.days(
      Self.header
        + "\"01-10-2016\",\"1\",\"2\",\"3\",\"0\"\n\"02-10-2016\",\"1\",\"2\",\"3\",\"0\"\n")
    #expect(dmy.map(\.date.description) == ["2016-10-01", "2016-10-02"])
    let mdy = try Self.days(
      Self.header
        + "\"10/01/2016\",\"1\",\"2\",\"3\",\"0\"\n\"10/02/2016\",\"1\",\"2\",\"3\",\"0\"\n")
    #expect(mdy.map(\.date.description) == ["2016-10-01", "2016-10-02"])
    // 13 can only be a day.
    let late = try Self.days(Self.header + "\"13.10.2016\",\"1\",\"2\",\"3\",\"0\"\n")
    #expect(late.map(\.date.description) == ["2016-10-13"])
    let ymd = try Self.days(Self.header + "\"2014-05-22\",\"2,763\",\"15,072\",\"6.96\",\"3\"\n")
    #expect(
      ymd == [
        FitbitDailyRow(date: LocalDate("2014-05-22")!, steps: 15_072, distance: 6.96, line: 3)
      ])
    #expect {
      try Self.days(Self.header + "\"05-06-2016\",\"1\",\"2\",\"3\",\"0\"\n")
    } throws: { "\($0)".contains("x.csv:3: cannot tell whether '05-06-2016'") }
  }

  @Test(arguments: [
    ("6.16", 6.16), ("6,16", 6.16), ("1,440", 1440), ("1,234.5", 1234.5), ("1.234,5", 1234.5),
    ("0", 0), ("0.125", 0.125), ("12", 12),
  ])
  func decimals(text: String, value: Double) {
    #expect(FitbitDailyExportReader.decimal(text) == value)
  }

  @Test(arguments: ["", "-1", "1e5", "nan", "1,2,3.4.5", "6.", "1 000", "inf"])
  func notDecimals(text: String) {
    #expect(FitbitDailyExportReader.decimal(text) == nil)
  }

  @Test func counts() {
    #expect(FitbitDailyExportReader.count("15,072") == 15_072)
    #expect(FitbitDailyExportReader.count("15.072") == 15_072)
    #expect(FitbitDailyExportReader.count("0") == 0)
    #expect(FitbitDailyExportReader.count("1,44") == nil)
    #expect(FitbitDailyExportReader.count("7.5") == nil)
    #expect(FitbitDailyExportReader.count("") == nil)
  }

  @Test(arguments: [
    ("Body\nDate,Weight\n\"01-10-2016\",\"72\"\n", "x.csv: no Activities section"),
    ("Activities\nDate,Calories Burned,Floors\n", "x.csv:2: the Activities header names no"),
    (header + "\"2016-10-01\",\"1\"\n", "x.csv:3: the row has 2 cells"),
    (header + "\"2016-10-01\",\"1\",\"-4\",\"3\",\"0\"\n", "x.csv:3: Steps '-4'"),
    (header + "\"2016-10-01\",\"1\",\"4\",\"x\",\"0\"\n", "x.csv:3: Distance 'x'"),
    (header + "\"yesterday\",\"1\",\"4\",\"3\",\"0\"\n", "x.csv:3: Date 'yesterday' is not a day"),
    (header + "\"2016-02-30\",\"1\",\"4\",\"3\",\"0\"\n", "x.csv:3: Date '2016-02-30'"),
    (
      header + "\"2016-10-01\",\"1\",\"4\",\"3\",\"0\"\n\"2016-10-01\",\"1\",\"4\",\"3\",\"0\"\n",
      "x.csv:4: 2016-10-01 is also on line 3"
    ),
    (header + "\"2016-10-01\",\"1\",\"4\n", "x.csv:3"),
  ])
  func badFilesAreRefusedWithTheirLine(text: String, message: String) throws {
    #expect {
      try Self.days(text)
    } throws: { "\($0)".contains(message) }
  }

  @Test func sectionsOtherThanActivitiesAreSkipped() throws {
    let text =
      "Body\nDate,Weight,BMI,Fat\n\"01-10-2016\",\"72.42\",\"24.2\",\"15\"\n\n"
      + Self.header + "\"13-10-2016\",\"2,000\",\"9,512\",\"6.84\",\"1\"\n\n"
      + "Sleep\nDate,Minutes Asleep\n\"01-10-2016\",\"420\"\n"
    let rows = try Self.days(text)
    #expect(
      rows == [
        FitbitDailyRow(date: LocalDate("2016-10-13")!, steps: 9_512, distance: 6.84, line: 7)
      ])
  }

  @Test func theExportIsToldFromItsFirstLines() throws {
    for name in [
      "fitbit-daily/fitbit_export_20161001.csv", "fitbit-daily-miles/fitbit_export_20140710.csv",
    ] {
      let path = try Self.fixture(name)
      #expect(try ImportDetection.detect(path: path) == .fitbit, "\(name)")
      #expect(FitbitDailyExportReader.looksLikeExport(head: try ByteSource(path: path).head(4096)))
    }
    #expect(
      !FitbitDailyExportReader.looksLikeExport(head: Array("member,date\nana,2016-10-01\n".utf8)))
  }

  @Test func twoExportsMayShareDaysOnlyWithTheSameTotals() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("fitbit-daily-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    func write(_ name: String, _ rows: String) throws -> String {
      let url = directory.appendingPathComponent(name)
      try (Self.header + rows).write(to: url, atomically: true, encoding: .utf8)
      return url.path
    }
    let a = try write("fitbit_export_a.csv", "\"2016-10-01\",\"1\",\"4\",\"3\",\"0\"\n")
    let same = try write(
      "fitbit_export_b.csv",
      "\"2016-10-01\",\"1\",\"4\",\"3\",\"0\"\n\"2016-10-02\",\"1\",\"5\",\"2\",\"0\"\n")
    let batch = try FitbitFormat().read(ImportInputs(paths: [a, same], unit: .km))
    #expect(batch.drafts.map(\.distanceMetres) == [3_000, 2_000])
    let other = try write("fitbit_export_c.csv", "\"2016-10-01\",\"1\",\"4\",\"3.5\",\"0\"\n")
    #expect {
      try FitbitFormat().read(ImportInputs(paths: [a, other], unit: .km))
    } throws: { "\($0)".contains("fitbit_export_c.csv:3: 2016-10-01 is also in") }
    // A renamed export named on the command line is still read.
    let renamed = try write("october.csv", "\"2016-10-05\",\"1\",\"4\",\"1.5\",\"0\"\n")
    #expect(try FitbitFormat().read(ImportInputs(paths: [renamed])).drafts.count == 1)
  }
}
