import Testing

@testable import MileQuestPostgres

/// The bulk insert's Bloom filter: never "not seen" for a key inserted, rarely "maybe" for
/// one that was not (each such miss costs the import one look-up).
@Suite("PostgreSQL bulk insert: the Bloom filter of external ids")
struct PostgresWalkBatchTests {
  @Test("no false negatives; false hits about as rare as the design says")
  func bloomFilter() {
    var generator = SystemRandomNumberGenerator()
    let inserted = (0..<200_000).map { _ in Int(bitPattern: UInt(generator.next())) }
    var filter = BloomFilter()
    for hash in inserted { filter.insert(hash) }
    #expect(inserted.allSatisfy { filter.mayContain($0) })
    let others = (0..<200_000).map { _ in Int(bitPattern: UInt(generator.next())) }
    let falseHits = others.filter { filter.mayContain($0) }.count
    // (1 - e^(-3 · 200,000 / 2^25))^3 ≈ 5.6e-6: about one in 200,000.
    #expect(falseHits < 20, "\(falseHits) false hits of 200,000")
  }
}
