import Foundation
import Testing

@testable import MileQuestKit

@Suite("Ranking")
struct RankingTests {
  struct Row: Equatable {
    let name: String
    let value: Double
  }

  static func rank(_ rows: [(String, Double)]) -> [(rank: Int, item: Row)] {
    Ranking.rank(rows.map { Row(name: $0.0, value: $0.1) }, value: \.value, name: \.name)
  }

  /// Standard competition ranking (SPEC §4): ties share a rank and the next rank skips.
  @Test(arguments: [
    ([50.0, 30, 30, 10], [1, 2, 2, 4]),
    ([30.0, 30, 30, 10], [1, 1, 1, 4]),
    ([50.0, 30, 10, 10], [1, 2, 3, 3]),
    ([5.0, 5, 5, 5], [1, 1, 1, 1]),
    ([1.0, 2, 3, 4], [1, 2, 3, 4]),  // input order is irrelevant: ranks follow values
    ([0.0], [1]),
    ([], []),
  ])
  func competitionRanks(_ values: [Double], _ expected: [Int]) {
    // Given: names a, b, c, … in input order.
    let rows = values.enumerated().map {
      (String(UnicodeScalar(UInt8(97 + $0.offset))), $0.element)
    }
    // When
    let ranked = Self.rank(rows)
    // Then: values descending, ranks as expected.
    #expect(ranked.map(\.rank) == expected)
    #expect(ranked.map(\.item.value) == values.sorted(by: >))
  }

  @Test func tiedRowsAreListedByNameCaseInsensitively() {
    // Given: three tied rows in reverse name order, mixed case.
    let ranked = Self.rank([("carol", 7), ("Bob", 7), ("alice", 7), ("zed", 9)])
    // Then
    #expect(ranked.map(\.item.name) == ["zed", "alice", "Bob", "carol"])
    #expect(ranked.map(\.rank) == [1, 2, 2, 2])
  }

  @Test func tiesAreExactNotApproximate() {
    // Given: 0.1 + 0.2 and 0.3 differ in the last bit (0.30000000000000004 vs 0.3).
    let ranked = Self.rank([("a", 0.1 + 0.2), ("b", 0.3)])
    // Then: not a tie.
    #expect(ranked.map(\.rank) == [1, 2])
  }

  /// `--limit N` keeps ranks ≤ N, so rows tied at the cut stay.
  @Test(arguments: [
    ([10.0, 8, 8, 8, 5], 2, 4),  // ranks 1,2,2,2,5: the three tied at 2 stay
    ([10.0, 10, 5], 1, 2),  // ranks 1,1,3
    ([10.0, 8, 6], 2, 2),  // no tie at the cut
    ([10.0, 8, 8], 3, 3),
    ([10.0, 8, 6], 10, 3),  // a limit beyond the list keeps all
    ([10.0, 8, 8, 5], 3, 3),  // ranks 1,2,2,4: rank 4 > 3 is cut
  ])
  func limitKeepsTiesAtTheCut(_ values: [Double], _ limit: Int, _ expectedCount: Int) {
    // Given
    let rows = values.enumerated().map { ("m\($0.offset)", $0.element) }
    // When
    let kept = Ranking.limit(Self.rank(rows), to: limit)
    // Then
    #expect(kept.count == expectedCount)
    #expect(kept.allSatisfy { $0.rank <= limit })
  }

  @Test func noLimitKeepsEverything() {
    let ranked = Self.rank([("a", 1), ("b", 2), ("c", 3)])
    #expect(Ranking.limit(ranked, to: nil).count == 3)
  }
}
