import Foundation
import Testing

@testable import MileQuestKit

@Suite("LocalTimestamp")
struct LocalTimestampTests {
  @Test(
    "writes what ISO8601DateFormatter writes for the local zone",
    arguments: [
      0.0, 1.0, 59.999, 86_399.5, 951_782_400, 1_774_000_000, 1_792_000_000.75, 2_000_000_000,
      -86_400.25, 4_102_444_799,
    ])
  func matchesFoundation(seconds: Double) {
    let date = Date(timeIntervalSince1970: seconds)
    let want = ISO8601DateFormatter.string(
      from: date, timeZone: .current, formatOptions: [.withInternetDateTime])
    #expect(LocalTimestamp.string(from: date) == want)
  }
}
