import Foundation
import Testing

@testable import MileQuestCore
@testable import MileQuestExchange

/// The Strava, Google Fit and Fitbit readers against their fixtures (Fixtures/strava and
/// googlefit: real exports, MIT; Fixtures/fitbit: written in the export's layout), compared
/// with what Reference/activity_exports_reference.py (Python's csv, json, zoneinfo) reads:
/// distances to 0.01 %, dates, counts and ids exactly.
@Suite struct OtherImportsReaderTests {
  static let zones = ["UTC", "America/New_York", "Asia/Tokyo"]

  static func fixture(_ path: String) throws -> String {
    let url = try #require(Bundle.module.resourceURL)
    return url.appendingPathComponent("Fixtures").appendingPathComponent(path).path
  }

  static func expected(_ directory: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try fixture("\(directory)/expected.json")))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func close(_ got: Double?, _ want: Double?) -> Bool {
    guard let got, let want else { return got == nil && want == nil }
    return abs(got - want) <= abs(want) * 1e-4
  }

  // MARK: - Strava

  @Test(arguments: zones)
  func stravaMatchesPython(zone: String) throws {
    let timeZone = try #require(TimeZone(identifier: zone))
    let all = try Self.expected("strava")
    let want = try #require((all[zone] as? [String: Any])?["walks"] as? [[String: Any]])
    let activities = try StravaActivitiesReader.activities(
      source: try ByteSource(path: try Self.fixture("strava/activities.csv")))
    let walks = activities.filter { ($0.distanceMetres ?? 0) > 0 }
    #expect(walks.count == want.count)
    #expect(walks.count == 33)
    for (got, want) in zip(walks, want) {
      #expect(got.line == want["line"] as? Int)
      #expect("strava:\(got.id)" == want["external_id"] as? String)
      #expect(
        LocalDate.today(in: timeZone, now: got.start).description == want["date"] as? String,
        "\(got.id)")
      #expect(got.activity.rawValue == want["activity"] as? String, "\(got.id) \(got.type)")
      #expect(Self.close(got.distanceMetres, want["distance_m"] as? Double), "\(got.id)")
      #expect(got.elapsedSeconds == want["duration_s"] as? Double, "\(got.id)")
      #expect(got.name == want["note"] as? String)
    }
  }

  @Test func stravaTakesTheMetresColumnNotTheFormattedOne() throws {
    let activities = try StravaActivitiesReader.activities(
      source: try ByteSource(path: try Self.fixture("strava/activities.csv")))
    // Sailing: the first Distance is 15.9 (nautical miles), the second 29610.49 m.
    let sail = try #require(activities.first { $0.id == "9024249421" })
    #expect(sail.distanceMetres == 29610.490234375)
    #expect(sail.activity == .other)
    // The two columns disagree; the raw ones count.
    let odd = try #require(activities.first { $0.id == "14827328714" })
    #expect(odd.distanceMetres == 20195.80078125)
    #expect(odd.elapsedSeconds == 10744)
    #expect(odd.filename == "activities/14827328714.gpx")
  }

  @Test func stravaOldExportWithOneFormattedDistance() throws {
    let csv = """
      Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename
      1,"Jan 1, 2024, 10:00:00 AM",Morning,Walk,3600,"1,012.5",
      2,"Dec 31, 2023, 11:59:59 PM",Late,Run,60,3.1,

      """
    let miles = try StravaActivitiesReader.activities(
      source: ByteSource(bytes: Array(csv.utf8), name: "a.csv"), formattedUnit: .mi)
    #expect(miles.map(\.distanceMetres) == [1012.5 * 1609.344, 3.1 * 1609.344])
    #expect(miles[1].start.timeIntervalSince1970 == 1_704_067_199)
    #expect(miles[0].start.timeIntervalSince1970 == 1_704_103_200)
  }

  @Test(arguments: [
    ("Jan 1, 2024, 12:00:00 AM", 1_704_067_200.0), ("Jan 1, 2024, 12:30:00 PM", 1_704_112_200),
    ("Feb 29, 2024, 1:02:03 PM", 1_709_211_723), ("2024-01-01 10:00:00", 1_704_103_200),
  ])
  func stravaDates(text: String, unix: Double) {
    #expect(StravaActivitiesReader.date(text)?.timeIntervalSince1970 == unix)
  }

  @Test(arguments: [
    "", "Jan 32, 2024, 1:00:00 PM", "Feb 30, 2024, 1:00:00 PM", "Jan 1, 2024, 13:00:00 PM",
    "Jan 1, 2024, 1:00:00", "1 janv. 2024, 10:00:00", "Jan 1 2024", "2024-01-01",
  ])
  func stravaBadDates(text: String) {
    #expect(StravaActivitiesReader.date(text) == nil)
  }

  @Test(arguments: [
    ("Walk", Activity.walk), ("Run", .run), ("Trail Run", .run), ("Hike", .hike),
    ("Wheelchair", .wheelchair), ("Ride", .cycle), ("Mountain Bike Ride", .cycle),
    ("E-Bike Ride", .cycle), ("Velomobile", .cycle), ("Swim", .swim), ("Nordic Ski", .other),
    ("Sail", .other), ("Yoga", .other),
  ])
  func stravaTypes(type: String, activity: Activity) {
    #expect(StravaActivitiesReader.activity(forType: type) == activity)
  }

  @Test func stravaBadRowsAreListedWithTheirLines() throws {
    let csv = """
      Activity ID,Activity Date,Activity Type,Distance,Distance
      1,"Jan 1, 2024, 10:00:00 AM",Walk,1.0,1000
      2,yesterday,Walk,1.0,1000
      3,"Jan 1, 2024, 10:00:00 AM",Walk,1.0,-5
      1,"Jan 2, 2024, 10:00:00 AM",Walk,1.0,1e999
      4,"Jan 2, 2024

      """
    #expect {
      try StravaActivitiesReader.activities(
        source: ByteSource(bytes: Array(csv.utf8), name: "a.csv"))
    } throws: { error in
      let text = "\(error)"
      return text.contains("a.csv:3: Activity Date 'yesterday'")
        && text.contains("a.csv:4: Distance (metres) '-5'")
        && text.contains("a.csv:5: Distance (metres) '1e999'")
        && text.contains("a.csv:6: a quoted field is never closed")
    }
  }

  @Test func stravaDuplicateIdsAreRefused() throws {
    let csv = """
      Activity ID,Activity Date,Activity Type,Distance
      7,"Jan 1, 2024, 10:00:00 AM",Walk,1.0
      7,"Jan 2, 2024, 10:00:00 AM",Walk,2.0

      """
    #expect {
      try StravaActivitiesReader.activities(
        source: ByteSource(bytes: Array(csv.utf8), name: "a.csv"))
    } throws: { "\($0)".contains("a.csv:3: activity ID 7 appears twice (first on line 2)") }
  }

  @Test(arguments: ["", "Date,Distance (m)\n", "Activity ID,Activity Date\n1,2\n"])
  func stravaWrongHeaders(text: String) {
    #expect(throws: MileQuestError.self) {
      try StravaActivitiesReader.activities(
        source: ByteSource(bytes: Array(text.utf8), name: "a.csv"))
    }
  }

  // MARK: - Google Fit

  @Test func googleFitMatchesPython() throws {
    let want = try #require(try Self.expected("googlefit")["days"] as? [[String: Any]])
    let summary = try GoogleFitDailyReader.days(
      source: try ByteSource(path: try Self.fixture("googlefit/Daily activity metrics.csv")))
    let perDay = try GoogleFitDailyReader.days(
      source: try ByteSource(path: try Self.fixture("googlefit/2024-05-02.csv")))
    let days = summary + perDay
    #expect(days.count == want.count)
    #expect(summary.count == 50)
    for (got, want) in zip(days, want) {
      #expect(got.date.description == want["date"] as? String)
      #expect(Self.close(got.distanceMetres, want["distance_m"] as? Double), "\(got.date)")
      #expect(got.steps == want["steps"] as? Int, "\(got.date)")
    }
    // Days with calories only, or steps and no distance, come back without a distance.
    #expect(summary.filter { $0.distanceMetres == nil }.count == 5)
    #expect(perDay[0].location.hasSuffix("2024-05-02.csv"))
  }

  @Test(arguments: [
    ("Date,Distance (m)\n2024-01-01,10\n2024-01-01,20\n", "x.csv:3: date 2024-01-01 appears twice"),
    ("Date,Distance (m)\n01/02/2024,10\n", "x.csv:2: Date '01/02/2024' is not a date"),
    ("Date,Distance (m)\n2024-01-01,ten\n", "x.csv:2: Distance (m) 'ten'"),
    ("Date,Distance (m),Step count\n2024-01-01,10,99999999\n", "more than anyone walks"),
    ("Date,Steps\n2024-01-01,10\n", "x.csv:1: no 'Distance (m)' column"),
    ("Date,Step count,Distance (m)\n2024-01-01,10\n", "x.csv:2: the row has 2 cells"),
    ("Start time,Distance (m)\n00:00,1\n", "x.csv: a Google Fit per-day file is named"),
  ])
  func googleFitHostile(text: String, message: String) {
    #expect {
      try GoogleFitDailyReader.days(source: ByteSource(bytes: Array(text.utf8), name: "x.csv"))
    } throws: { "\($0)".contains(message) }
  }

  // MARK: - Fitbit

  @Test(arguments: zones)
  func fitbitMatchesPython(zone: String) throws {
    let timeZone = try #require(TimeZone(identifier: zone))
    let all = try Self.expected("fitbit")
    let want = try #require((all[zone] as? [String: Any])?["walks"] as? [[String: Any]])
    var distance: [LocalDate: Double] = [:]
    var steps: [LocalDate: Double] = [:]
    for name in [
      "distance-2024-03-09", "distance-2024-04-01", "steps-2024-03-09", "steps-2024-04-01",
    ] {
      let path = try Self.fixture("fitbit/MyFitbitData/Ana/Physical Activity/\(name).json")
      let kind = try #require(FitbitReader.kind(ofFile: path))
      let series = try FitbitReader.series(
        source: try ByteSource(path: path), kind: kind, timeZone: timeZone)
      for (day, total) in series.totals {
        if kind == .distance {
          distance[day, default: 0] += total
        } else {
          steps[day, default: 0] += total
        }
      }
    }
    let days = distance.keys.sorted().filter { distance[$0]! > 0 }
    #expect(days.map(\.description) == want.map { $0["date"] as? String })
    for (day, want) in zip(days, want) {
      #expect(Self.close(distance[day], want["distance_m"] as? Double), "\(day)")
      #expect(steps[day].map { Int($0.rounded()) } == want["steps"] as? Int, "\(day)")
    }
  }

  @Test func fitbitTimesAreUTC() throws {
    #expect(FitbitReader.time("03/10/24 06:59:00")?.timeIntervalSince1970 == 1_710_053_940)
    #expect(FitbitReader.time("3/10/24 06:59:00") == nil)
    #expect(FitbitReader.time("02/30/24 06:59:00") == nil)
    #expect(FitbitReader.time("03/10/24 24:00:00") == nil)
  }

  @Test(arguments: [
    ("{}", "x.json:1:1: expected a JSON array"),
    ("[{\"dateTime\":\"2024-01-01\",\"value\":\"1\"}]", "x.json:1:2: dateTime '2024-01-01'"),
    ("[{\"dateTime\":\"01/01/24 00:00:00\",\"value\":\"-1\"}]", "value '-1'"),
    ("[{\"dateTime\":\"01/01/24 00:00:00\",\"value\":\"1e999\"}]", "value '1e999'"),
    ("[{\"dateTime\":\"01/01/24 00:00:00\",\"value\":\"1\"}", "x.json"),
    (
      "[{\"dateTime\":\"01/01/24 00:01:00\",\"value\":\"1\"},{\"dateTime\":\"01/01/24 00:01:00\",\"value\":\"1\"}]",
      "does not come after"
    ),
    ("[1]", "an entry is not an object"),
  ])
  func fitbitHostile(text: String, message: String) {
    #expect {
      try FitbitReader.series(
        source: ByteSource(bytes: Array(text.utf8), name: "x.json"), kind: .steps,
        timeZone: TimeZone(identifier: "UTC")!)
    } throws: { "\($0)".contains(message) }
  }
}
