import Foundation
import Testing

@testable import MileQuestKit

@Suite("DurationInput")
struct DurationInputTests {
  /// Seconds by hand: 1 h = 3600 s, 1 min = 60 s; a bare number is minutes.
  @Test(arguments: [
    ("45m", 2700.0), ("45min", 2700), ("45 mins", 2700), ("45 minutes", 2700),
    ("1h20m", 4800), ("1h 20m", 4800), ("1 h 20 min", 4800), ("1hr20min", 4800),
    ("2h", 7200), ("2 hours", 7200), (" 2H ", 7200), ("30s", 30), ("30 sec", 30),
    ("1h20m30s", 4830), ("1h 20m 30s", 4830), ("20m30s", 1230), ("1h30s", 3630),
    ("1:20:00", 4800), ("1:20", 4800), ("0:45", 2700), ("0:00:30", 30), ("10:05:09", 36309),
    ("90", 5400), ("0.5", 30), ("1.5h", 5400), (".5h", 1800), ("2.5m", 150),
    ("168h", 604_800), ("167:59:59", 604_799), ("90m", 5400),
  ])
  func accepts(_ text: String, _ seconds: Double) throws {
    #expect(try DurationInput.parse(text) == seconds)
  }

  @Test(arguments: [
    "", "  ", "0", "0m", "0h0m", "0:00", "0:00:00", "-5m", "-1:00", "1:60", "1:20:60",
    "1:5", "1:05:5", "1:", ":30", "1:2:3:4", "abc", "1h20", "20m1h", "1h1h", "1s1m",
    "169h", "168h1s", "10080.5", "7d", "1e3", "nan", "inf", "h", "1 h m", "1,5h", "1.2.3h",
    "١h",
  ])
  func refuses(_ text: String) {
    #expect(throws: MileQuestError.self) { try DurationInput.parse(text) }
  }

  @Test func refusalsNameTheText() {
    for text in ["169h", "1:60", "abc", "0m", "-5m"] {
      #expect {
        try DurationInput.parse(text)
      } throws: { isBadData($0, containing: "'\(text)'") }
    }
  }

  @Test(arguments: [
    (4800.0, "1:20:00"), (0, "0:00:00"), (59.6, "0:01:00"), (3599.4, "0:59:59"),
    (90_061, "25:01:01"), (-60, "-0:01:00"), (36_309, "10:05:09"), (0.4, "0:00:00"),
    (.nan, "-:--:--"), (.infinity, "-:--:--"),
  ])
  func format(_ seconds: Double, _ text: String) {
    #expect(DurationInput.format(seconds: seconds) == text)
  }

  @Test func formatThenParseRoundTrips() throws {
    for seconds in [1.0, 59, 60, 3599, 3600, 4830, 86_399, 604_800] {
      #expect(try DurationInput.parse(DurationInput.format(seconds: seconds)) == seconds)
    }
  }
}
