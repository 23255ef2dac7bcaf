import MileQuestCore
import MileQuestStore

/// The bulk insert of walks on PostgreSQL (`PostgresSession.insertWalks`, as `import walks`
/// and `import all` use it): walks are held and sent `size` at a time in one
/// `INSERT … SELECT FROM unnest(…)`, one round trip for a batch instead of one per walk.
///
/// Each insert still says at once whether the walk was added, was there before, or was added
/// earlier in this bulk insert (the import's identity rules need it), exactly:
/// - the source and external id of the held walks are known here; once more than
///   `probeLimit` walks asked, those of every stored walk are read once into a Bloom filter
///   (`known`, 4 MiB whatever the number of walks), and every walk held after is added to it,
///   so a walk the filter has not seen is new without asking the server, and one it may have
///   seen is looked up (a false hit costs a look-up, never a wrong answer);
/// - until then (a small import into a large database) each walk with an external id is
///   looked up on its own, as before, but no walk is sent on its own;
/// - the session sends the held walks before any other statement (`PostgresSession.exec`),
///   so whatever the caller reads in the middle of the bulk insert sees them; reading a
///   walk by id looks among the held walks first and sends nothing.
///
/// Ids are the largest plus one, as `PostgresSession.insert` gives them (the writers' lock is
/// held), counted here; the triggers (undo, running totals, row-level security) run for every
/// row, in the order of the inserts.
final class PostgresWalkBatch {
  /// Walks per INSERT. 1,000 to 5,000 read the same; fewer pay more round trips.
  static let size = 2_000
  /// Look-ups one by one before the stored external ids are read at once.
  static let probeLimit = 2_000
  /// Stored external ids read per statement (keyset pages, bounded memory per page).
  static let pageSize = 50_000

  private let connection: PGConnection
  private var held: [Walk] = []
  /// The held walks' sources and external ids (exact), and their ids.
  private var heldKeys: Set<String> = []
  private var heldIds: [Int64: Int] = [:]
  /// The largest walk id, nil when another statement may have changed it.
  private var maxId: Int64?
  /// The ids this bulk insert gave, as ranges (consecutive as a rule: one or a few).
  private var givenIds: [ClosedRange<Int64>] = []
  /// The sources and external ids of the stored and held walks, once read (`probeLimit`).
  private var known: BloomFilter?
  private var probes = 0
  private(set) var count = 0

  init(connection: PGConnection) {
    self.connection = connection
  }

  var isEmpty: Bool { held.isEmpty }

  private static func key(_ source: WalkSource, _ externalId: String) -> String {
    source.rawValue + "\u{0}" + externalId
  }

  private static func hash(_ key: String) -> Int {
    var hasher = Hasher()
    hasher.combine(key)
    return hasher.finalize()
  }

  /// A walk held, not yet sent, with this id.
  func heldWalk(id: Int64) -> Walk? {
    heldIds[id].map { held[$0] }
  }

  /// Another statement ran (or is about to run) on the connection: it may insert walks.
  func forgetMaxId() { maxId = nil }

  func insert(_ walk: Walk) throws -> BulkInsertOutcome {
    if let externalId = walk.externalId {
      let key = Self.key(walk.source, externalId)
      if heldKeys.contains(key) { return .addedEarlier }
      let hash = Self.hash(key)
      if known == nil && probes >= Self.probeLimit { try readKnown() }
      if known?.mayContain(hash) ?? true {
        probes += 1
        let found = try connection.exec(
          "SELECT id FROM walk WHERE source = $1 AND externalId = $2", [walk.source, externalId]
        ).rows.first?.first.flatMap { $0 }.flatMap { Int64($0) }
        if let found { return gave(found) ? .addedEarlier : .existed }
      }
      heldKeys.insert(key)
      known?.insert(hash)
    }
    try hold(walk)
    return .added
  }

  private func gave(_ id: Int64) -> Bool {
    givenIds.reversed().contains { $0.contains(id) }
  }

  private func hold(_ walk: Walk) throws {
    if maxId == nil {
      maxId =
        try connection.exec("SELECT coalesce(max(id), 0) FROM walk").rows.first?.first
        .flatMap { $0 }.flatMap { Int64($0) } ?? 0
    }
    var walk = walk
    let id = walk.id ?? (maxId! + 1)
    walk.id = id
    maxId = max(maxId!, id)
    if let last = givenIds.last, last.upperBound + 1 == id {
      givenIds[givenIds.count - 1] = last.lowerBound...id
    } else {
      givenIds.append(id...id)
    }
    heldIds[id] = held.count
    held.append(walk)
    count += 1
    if held.count >= Self.size { try flush() }
  }

  /// Reads the external ids of every stored walk (those this bulk insert sent too) into the
  /// filter, a page at a time, with those of the held walks.
  private func readKnown() throws {
    var filter = BloomFilter()
    for key in heldKeys { filter.insert(Self.hash(key)) }
    var after: Int64 = -1
    while true {
      let page = try connection.exec(
        """
        SELECT id, source, externalId FROM walk WHERE externalId IS NOT NULL AND id > $1
        ORDER BY id LIMIT \(Self.pageSize)
        """, [after])
      for values in page.rows {
        let row = PGRow(values, table: "walk")
        after = try row.int64(0, "id")
        let source = try row.value(1, "source", WalkSource.self)
        filter.insert(Self.hash(Self.key(source, try row.string(2, "externalId"))))
      }
      if page.rows.count < Self.pageSize { break }
    }
    known = filter
  }

  /// Sends the held walks in one statement, in the order they were given.
  func flush() throws {
    if held.isEmpty { return }
    let walks = held
    held.removeAll(keepingCapacity: true)
    heldKeys.removeAll(keepingCapacity: true)
    heldIds.removeAll(keepingCapacity: true)
    func column(_ text: (Walk) -> String?) -> String { PGArray.of(walks.map(text)) }
    try connection.exec(
      """
      INSERT INTO walk(id, memberId, date, distanceMetres, durationSeconds, steps, note, source,
        externalId, isDeleted, activity)
      SELECT id, memberId, date, distanceMetres, durationSeconds, steps, note, source,
        externalId, isDeleted, activity
      FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::double precision[],
        $5::double precision[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::boolean[],
        $11::text[])
        WITH ORDINALITY AS w(id, memberId, date, distanceMetres, durationSeconds, steps, note,
          source, externalId, isDeleted, activity, ordinality)
      ORDER BY ordinality
      """,
      [
        column { $0.id.map(String.init) }, column { String($0.memberId) },
        column { $0.date.description }, column { $0.distanceMetres.pgText },
        column { $0.durationSeconds?.pgText }, column { $0.steps.map(String.init) },
        column { $0.note }, column { $0.source.rawValue }, column { $0.externalId },
        column { $0.isDeleted.pgText }, column { $0.activity.rawValue },
      ])
  }
}

/// A Bloom filter of 2^25 bits (4 MiB) with three probes: "not seen" is certain, "maybe seen"
/// is wrong for about 1 key in 1,600 after a million insertions and 1 in 150 after 2.3
/// million (a 1 GiB import), each such miss costing one look-up.
struct BloomFilter {
  private static let bits: UInt64 = 1 << 25
  private var words = [UInt64](repeating: 0, count: Int(BloomFilter.bits / 64))

  /// The `probe`-th bit position of `hash` (double hashing), 0 ≤ probe < 3.
  private static func position(_ hash: Int, _ probe: UInt64) -> Int {
    let value = UInt64(bitPattern: Int64(hash))
    return Int((value &+ probe &* ((value >> 32) | 1)) % bits)
  }

  mutating func insert(_ hash: Int) {
    for probe: UInt64 in 0..<3 {
      let bit = Self.position(hash, probe)
      words[bit >> 6] |= 1 << UInt64(bit & 63)
    }
  }

  func mayContain(_ hash: Int) -> Bool {
    for probe: UInt64 in 0..<3 {
      let bit = Self.position(hash, probe)
      if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
    }
    return true
  }
}
