import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestSQLite

/// The SQL functions of the running and day totals (`ExactSumFunctions`) give, byte for byte,
/// the partials `ExactSum` gives (which `ExactSumTests` checks against Python's `math.fsum`),
/// and read odd arguments the way the GRDB functions they replaced did.
@Suite("Exact-sum SQL functions")
struct ExactSumFunctionsTests {
  private func database() throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    try queue.write { db in
      RunningTotals.registerFunctions(db)
      try db.execute(sql: "CREATE TABLE x(value REAL, part BLOB)")
    }
    return queue
  }

  private func blob(_ sum: ExactSum) -> Data { Data(sum.bytes) }

  /// Values over 2^-20 … 2^43 of both signs: sums of them keep several partials.
  @Test(arguments: [1, 7, 42, 2026] as [UInt64])
  func aggregateAndStepwiseAddAgreeWithExactSum(seed: UInt64) throws {
    let values = SplitMix64.values(seed: seed, count: 300)
    let queue = try database()
    let (aggregate, stepwise, value) = try queue.write { db in
      for value in values {
        try db.execute(sql: "INSERT INTO x(value) VALUES (?)", arguments: [value])
      }
      let aggregate = try Data.fetchOne(db, sql: "SELECT mq_fsum(value) FROM x")
      var running = Data()
      for value in values {
        running = try Data.fetchOne(
          db, sql: "SELECT mq_fsum_add(?, ?)", arguments: [running, value])!
      }
      let value = try Double.fetchOne(db, sql: "SELECT mq_fsum_value(?)", arguments: [running])
      return (aggregate, running, value)
    }
    var expected = ExactSum()
    for value in values { expected.add(value) }
    #expect(expected.parts.count > 1)
    #expect(aggregate == blob(expected))
    #expect(stepwise == blob(expected))
    #expect(value == expected.value)
  }

  @Test(arguments: [3, 99] as [UInt64])
  func mergesAgreeWithExactSum(seed: UInt64) throws {
    let values = SplitMix64.values(seed: seed, count: 240)
    let parts = stride(from: 0, to: values.count, by: 40).map {
      ExactSum(values[$0..<min($0 + 40, values.count)])
    }
    let queue = try database()
    let (pairwise, merged) = try queue.write { db in
      for part in parts {
        try db.execute(sql: "INSERT INTO x(part) VALUES (?)", arguments: [blob(part)])
      }
      let pairwise = try Data.fetchOne(
        db, sql: "SELECT mq_fsum_merge(?, ?)", arguments: [blob(parts[0]), blob(parts[1])])
      let merged = try Data.fetchOne(db, sql: "SELECT mq_fsum_merged(part) FROM x")
      return (pairwise, merged)
    }
    var expectedPair = parts[0]
    expectedPair.add(parts[1])
    #expect(pairwise == blob(expectedPair))
    var expectedAll = ExactSum()
    for part in parts { expectedAll.add(part) }
    #expect(merged == blob(expectedAll))
  }

  @Test func oddArgumentsReadAsBefore() throws {
    let queue = try database()
    try queue.write { db in
      func row(_ sql: String) throws -> Row { try Row.fetchOne(db, sql: sql)! }
      // No rows, or only NULLs: an empty blob, never NULL (the totals' columns are NOT NULL).
      for sql in [
        "SELECT typeof(s), length(s) FROM (SELECT mq_fsum(value) AS s FROM x)",
        "SELECT typeof(s), length(s) FROM (SELECT mq_fsum_merged(part) AS s FROM x)",
        "SELECT typeof(s), length(s) FROM (SELECT mq_fsum_add(NULL, NULL) AS s)",
        "SELECT typeof(s), length(s) FROM (SELECT mq_fsum_add(NULL, 'a number?') AS s)",
        "SELECT typeof(s), length(s) FROM (SELECT mq_fsum_merge(NULL, 42) AS s)",
      ] {
        let result = try row(sql)
        #expect(result[0] as String == "blob", "\(sql)")
        #expect(result[1] as Int == 0, "\(sql)")
      }
      try db.execute(sql: "INSERT INTO x(value, part) VALUES (NULL, NULL), (NULL, 7)")
      #expect(
        try row("SELECT length(mq_fsum(value)), length(mq_fsum_merged(part)) FROM x")[0] as Int == 0
      )
      // An integer is a number; a blob whose length is not a multiple of 8 holds nothing.
      let three = try Data.fetchOne(db, sql: "SELECT mq_fsum_add(x'010203', 3)")
      #expect(three == blob(ExactSum([3])))
      #expect(try Double.fetchOne(db, sql: "SELECT mq_fsum_value(NULL)") == 0)
      #expect(try Double.fetchOne(db, sql: "SELECT mq_fsum_value(x'01')") == 0)
      // Text is read as its bytes, as GRDB's `Data` read it: 8 bytes are one partial.
      let text = "abcdefgh"
      let bits = text.utf8.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      #expect(
        try Double.fetchOne(db, sql: "SELECT mq_fsum_value('abcdefgh')")?.bitPattern == bits)
    }
  }
}
