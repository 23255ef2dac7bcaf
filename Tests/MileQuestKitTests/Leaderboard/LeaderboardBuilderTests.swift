import Foundation
import Testing

@testable import MileQuestKit

/// Expected values by hand arithmetic in the comments. Period: March 2026 unless stated.
@Suite("LeaderboardBuilder")
struct LeaderboardBuilderTests {
  typealias F = RuleFixture

  static func march() throws -> DateRange { DateRange(from: try F.day(3, 1), to: try F.day(3, 31)) }

  static func person(_ id: Int64, _ handle: String) -> Member {
    Member(id: id, handle: handle, name: handle.capitalized)
  }

  // MARK: Members of one team

  /// Team 1: ana (1) from 03-01; ben (2) 03-01 until he leaves on 03-10; cai (3) from 03-08;
  /// dan (4) from 03-01, never walks; eve (5) 02-01 until 02-20 (no overlap with March).
  static func contenders() throws -> [LeaderboardBuilder.Contender] {
    [
      .init(member: person(1, "ana"), memberships: [F.member(1, of: 1, joined: try F.day(3, 1))]),
      .init(
        member: person(2, "ben"),
        memberships: [F.member(2, of: 1, joined: try F.day(3, 1), left: try F.day(3, 10))]),
      .init(member: person(3, "cai"), memberships: [F.member(3, of: 1, joined: try F.day(3, 8))]),
      .init(member: person(4, "dan"), memberships: [F.member(4, of: 1, joined: try F.day(3, 1))]),
      .init(
        member: person(5, "eve"),
        memberships: [F.member(5, of: 1, joined: try F.day(2, 1), left: try F.day(2, 20))]),
    ]
  }

  /// ana: 3000 + 1000 = 4000 (2 walks). ben: 2500 on 03-09 counts, 5000 on his left day
  /// does not → 2500 (1). cai: 9000 before joining does not count; 1000 + 1500 = 2500 (2).
  /// dan: nothing. eve: 7000 in March, after she left. A deleted 10000 of ana's.
  static func walks() throws -> [Walk] {
    [
      F.walk(1, try F.day(3, 2), 3000), F.walk(1, try F.day(3, 5), 1000),
      F.walk(1, try F.day(3, 6), 10_000, deleted: true),
      F.walk(2, try F.day(3, 9), 2500), F.walk(2, try F.day(3, 10), 5000),
      F.walk(3, try F.day(3, 7), 9000), F.walk(3, try F.day(3, 8), 1000),
      F.walk(3, try F.day(3, 12), 1500),
      F.walk(5, try F.day(3, 5), 7000), F.walk(5, try F.day(2, 10), 800),
    ]
  }

  static func summary(_ entries: [Leaderboard.Entry]) -> [String] {
    entries.map { "\($0.rank) \($0.name) \($0.totalMetres) \($0.walks) \($0.value)" }
  }

  @Test func membersByTotal() throws {
    // When
    let board = LeaderboardBuilder.members(
      try Self.contenders(), walks: try Self.walks(), range: try Self.march(), metric: .total)
    // Then: ben and cai tie at 2500 (listed by name); dan at the bottom with 0; eve absent.
    #expect(
      Self.summary(board) == [
        "1 ana 4000.0 2 4000.0", "2 ben 2500.0 1 2500.0", "2 cai 2500.0 2 2500.0",
        "4 dan 0.0 0 0.0",
      ])
    #expect(board.allSatisfy { $0.members == nil })
  }

  @Test func membersByWalks() throws {
    // When
    let board = LeaderboardBuilder.members(
      try Self.contenders(), walks: try Self.walks(), range: try Self.march(), metric: .walks)
    // Then: ana 2, cai 2 (tie, by name), ben 1, dan 0.
    #expect(board.map(\.name) == ["ana", "cai", "ben", "dan"])
    #expect(board.map(\.rank) == [1, 1, 3, 4])
    #expect(board.map(\.value) == [2, 2, 1, 0])
  }

  @Test func membersByAverage() throws {
    // When
    let board = LeaderboardBuilder.members(
      try Self.contenders(), walks: try Self.walks(), range: try Self.march(), metric: .average)
    // Then: per walk: ben 2500/1, ana 4000/2 = 2000, cai 2500/2 = 1250, dan 0.
    #expect(board.map(\.name) == ["ben", "ana", "cai", "dan"])
    #expect(board.map(\.value) == [2500, 2000, 1250, 0])
    #expect(board.map(\.rank) == [1, 2, 3, 4])
    #expect(board.map(\.totalMetres) == [2500, 4000, 2500, 0])
  }

  @Test func membersPeriodFilter() throws {
    // Given: 03-01 … 03-07. cai's membership starts 03-08, so cai is not on the board.
    let range = DateRange(from: try F.day(3, 1), to: try F.day(3, 7))
    // When
    let board = LeaderboardBuilder.members(
      try Self.contenders(), walks: try Self.walks(), range: range, metric: .total)
    // Then: ana 4000; ben (his walk is on 03-09) and dan tie at 0.
    #expect(Self.summary(board) == ["1 ana 4000.0 2 4000.0", "2 ben 0.0 0 0.0", "2 dan 0.0 0 0.0"])
  }

  @Test func membersLimitKeepsTiesAtTheCut() throws {
    // When: limit 2 on ranks 1, 2, 2, 4.
    let board = LeaderboardBuilder.members(
      try Self.contenders(), walks: try Self.walks(), range: try Self.march(), metric: .total,
      limit: 2)
    // Then
    #expect(board.map(\.name) == ["ana", "ben", "cai"])
  }

  @Test func membersDailyCapOnAGoalBoard() throws {
    // Given: cap 2000. ana: 03-02 3000 → 2000; 03-05 1000 → 1000 (total 3000, 2 walks).
    // cai: 03-08 1000 + 03-08 1500 (= 2500 → 2000), 03-12 1500 → 3500 (3 walks).
    let walks = try Self.walks() + [F.walk(3, try F.day(3, 8), 1500)]
    // When
    let board = LeaderboardBuilder.members(
      try Self.contenders(), walks: walks, range: try Self.march(), metric: .total,
      dailyCap: 2000)
    // Then: ben's 2500 on 03-09 → 2000.
    #expect(
      Self.summary(board) == [
        "1 cai 3500.0 3 3500.0", "2 ana 3000.0 2 3000.0", "3 ben 2000.0 1 2000.0",
        "4 dan 0.0 0 0.0",
      ])
  }

  @Test func membersDailyCapAverageDividesTheCappedTotal() throws {
    // Given: cap 2000; only ana. Average = capped 3000 / 2 walks = 1500.
    let board = LeaderboardBuilder.members(
      [try Self.contenders()[0]], walks: try Self.walks(), range: try Self.march(),
      metric: .average, dailyCap: 2000)
    #expect(board.map(\.value) == [1500])
  }

  @Test func leaderboardTotalEqualsTheSumOfTheCountedWalks() throws {
    // Given: 0.1 m walks ten times (naive sum 0.9999999999999999; SPEC §2: the total equals
    // the sum of the stored values, which fsum gives as 1.0).
    let contender = LeaderboardBuilder.Contender(
      member: Self.person(1, "ana"), memberships: [F.member(1, of: 1, joined: try F.day(3, 1))])
    let walks = try (1...10).map { F.walk(1, try F.day(3, $0), 0.1) }
    // When
    let board = LeaderboardBuilder.members(
      [contender], walks: walks, range: try Self.march(), metric: .total)
    // Then
    #expect(board.first?.totalMetres == 1.0)
  }

  @Test func aMemberOfTwoGoalTeamsIsListedAndCountedOnce() throws {
    // Given: ana is in teams 1 and 2 (a goal board's contender carries both memberships).
    let contender = LeaderboardBuilder.Contender(
      member: Self.person(1, "ana"),
      memberships: [
        F.member(1, of: 1, joined: try F.day(3, 1)), F.member(1, of: 2, joined: try F.day(3, 1)),
      ])
    // When
    let board = LeaderboardBuilder.members(
      [contender], walks: [F.walk(1, try F.day(3, 3), 1200)], range: try Self.march(),
      metric: .total)
    // Then: 1200, not 2400.
    #expect(Self.summary(board) == ["1 ana 1200.0 1 1200.0"])
  }

  // MARK: Teams against each other

  /// A: ana (1) from 03-01; ben (2) joins late on 03-15; cai (3) 03-01 until 03-10; dan (4)
  /// from 03-01, never walks. B: eve (5) and fay (6) since 02-01. C: gus (7) since 02-01,
  /// never walks.
  static func teams() throws -> [LeaderboardBuilder.TeamContender] {
    [
      .init(
        team: Team(id: 1, name: "A"),
        memberships: [
          F.member(1, of: 1, joined: try F.day(3, 1), role: .captain),
          F.member(2, of: 1, joined: try F.day(3, 15)),
          F.member(3, of: 1, joined: try F.day(3, 1), left: try F.day(3, 10)),
          F.member(4, of: 1, joined: try F.day(3, 1)),
        ]),
      .init(
        team: Team(id: 2, name: "B"),
        memberships: [
          F.member(5, of: 2, joined: try F.day(2, 1), role: .captain),
          F.member(6, of: 2, joined: try F.day(2, 1)),
        ]),
      .init(
        team: Team(id: 3, name: "C"),
        memberships: [F.member(7, of: 3, joined: try F.day(2, 1), role: .captain)]),
    ]
  }

  /// A counts ana 4000 + ben 2000 (03-20; not his 5000 of 03-10) + cai 3000 (03-05; not
  /// 6000 of 03-12) = 9000 in 3 walks by 3 walkers of 4 members.
  /// B counts eve 4000 + fay 2000 = 6000 in 2 walks by 2 walkers of 2 members.
  static func teamWalks() throws -> [Walk] {
    [
      F.walk(1, try F.day(3, 2), 4000), F.walk(2, try F.day(3, 10), 5000),
      F.walk(2, try F.day(3, 20), 2000), F.walk(3, try F.day(3, 5), 3000),
      F.walk(3, try F.day(3, 12), 6000), F.walk(5, try F.day(3, 3), 4000),
      F.walk(6, try F.day(3, 4), 2000), F.walk(6, try F.day(3, 4), 900, deleted: true),
    ]
  }

  @Test func teamsByTotal() throws {
    // When
    let board = LeaderboardBuilder.teams(
      try Self.teams(), walks: try Self.teamWalks(), range: try Self.march(), metric: .total)
    // Then
    #expect(board.map(\.name) == ["A", "B", "C"])
    #expect(board.map(\.totalMetres) == [9000, 6000, 0])
    #expect(board.map(\.walks) == [3, 2, 0])
    #expect(board.map(\.members) == [4, 2, 1])
    #expect(board.map(\.walkers) == [3, 2, 0])
    #expect(board.map(\.rank) == [1, 2, 3])
  }

  @Test func teamsByAverageOverMembersCountsNonWalkersAsZero() throws {
    // When
    let board = LeaderboardBuilder.teams(
      try Self.teams(), walks: try Self.teamWalks(), range: try Self.march(), metric: .average)
    // Then: B 6000/2 = 3000 beats A 9000/4 = 2250; C 0/1 = 0.
    #expect(board.map(\.name) == ["B", "A", "C"])
    #expect(board.map(\.value) == [3000, 2250, 0])
  }

  @Test func teamsByAverageOverWalkers() throws {
    // When
    let board = LeaderboardBuilder.teams(
      try Self.teams(), walks: try Self.teamWalks(), range: try Self.march(), metric: .average,
      averageOver: .walkers)
    // Then: A 9000/3 = 3000 ties B 6000/2 = 3000 (listed by name); C has no walkers: 0.
    #expect(board.map(\.name) == ["A", "B", "C"])
    #expect(board.map(\.value) == [3000, 3000, 0])
    #expect(board.map(\.rank) == [1, 1, 3])
  }

  @Test func teamsByWalks() throws {
    let board = LeaderboardBuilder.teams(
      try Self.teams(), walks: try Self.teamWalks(), range: try Self.march(), metric: .walks)
    #expect(board.map(\.value) == [3, 2, 0])
  }

  @Test func teamMembersCountOnlyThoseOverlappingThePeriod() throws {
    // Given: 03-10 … 03-14. In A, cai left on 03-10 (no overlap: [03-01, 03-10) ends 03-09)
    // and ben joins 03-15 (no overlap): members ana and dan. Nobody in A or B walks then
    // (cai's 6000 on 03-12 is after he left).
    let range = DateRange(from: try F.day(3, 10), to: try F.day(3, 14))
    // When
    let board = LeaderboardBuilder.teams(
      try Self.teams(), walks: try Self.teamWalks(), range: range, metric: .total)
    // Then: all zero, by name.
    #expect(board.map(\.name) == ["A", "B", "C"])
    #expect(board.map(\.members) == [2, 2, 1])
    #expect(board.map(\.totalMetres) == [0, 0, 0])
    #expect(board.map(\.rank) == [1, 1, 1])
  }

  @Test func aMemberWhoLeftAndRejoinedCountsOnceAndNotInTheGap() throws {
    // Given: team D; hal (8) in [03-01, 03-05) and again from 03-12; walks 100 (03-02),
    // 200 (03-07, in the gap), 400 (03-15).
    let team = LeaderboardBuilder.TeamContender(
      team: Team(id: 4, name: "D"),
      memberships: [
        F.member(8, of: 4, joined: try F.day(3, 1), left: try F.day(3, 5), role: .captain),
        F.member(8, of: 4, joined: try F.day(3, 12), role: .captain),
      ])
    let walks = [
      F.walk(8, try F.day(3, 2), 100), F.walk(8, try F.day(3, 7), 200),
      F.walk(8, try F.day(3, 15), 400),
    ]
    // When
    let board = LeaderboardBuilder.teams(
      [team], walks: walks, range: try Self.march(), metric: .average)
    // Then: 100 + 400 = 500 by one member (not two): average 500.
    #expect(board.map(\.totalMetres) == [500])
    #expect(board.map(\.members) == [1])
    #expect(board.map(\.value) == [500])
  }

  @Test func teamsLimit() throws {
    // When: limit 1 by walkers' average: A and B tie at rank 1.
    let board = LeaderboardBuilder.teams(
      try Self.teams(), walks: try Self.teamWalks(), range: try Self.march(), metric: .average,
      averageOver: .walkers, limit: 1)
    // Then
    #expect(board.map(\.name) == ["A", "B"])
  }
}
