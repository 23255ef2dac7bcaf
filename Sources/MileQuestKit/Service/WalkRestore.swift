/// Inserts the walks of an `import all` with the ids and deleted flags they had, through the
/// store's bulk path wherever it can.
///
/// The bulk path (`insertWalks`, as `import walks` uses) takes no ids: each new walk gets the
/// next one after the table's largest (`nextId`). An export lists walks by date, and ids
/// mostly grow with dates, so most walks arrive exactly when their id is next; they go in
/// bulk. The others are held back, within `holdLimit` walks each way:
/// - a walk whose id is still to come (logged later for an earlier day) waits "ahead" until
///   the sequence reaches it, then goes in bulk too;
/// - a walk whose id has passed (its date was moved later) waits "behind" and goes in on its
///   own with its id, with others, between bulk runs;
/// - a deleted walk goes in bulk and is marked deleted right after its run (through the
///   store's update, so running totals and undo follow, as for `walks delete`);
/// - a walk without an id (a hand-made file) goes in on its own after everything before it,
///   and takes the next id, as it did when every walk went in on its own.
/// When the sequence stalls (a missing id: a walk removed by `undo`, or one moved far), the
/// walks ahead are put in id order: a gap is jumped by inserting the walk after it on its own,
/// and runs of at least `minimumRun` go in bulk. Each bulk run costs a fixed start and finish
/// (the running totals of its members are recomputed), hence the minimum.
///
/// The result is what inserting each walk on its own gives, errors included (a repeated
/// external id or id breaks the same unique index), except that when a document has several
/// problems, which one is reported first may differ.
enum WalkRestore {
  /// Walks that must continue the sequence before a bulk run starts.
  static let minimumRun = 64
  /// Walks held ahead (or behind) at most: about 3 MB each way.
  static let holdLimit = 16_384

  /// Inserts every walk `next` returns (nil after the last) into `db`; returns how many.
  /// (`holdLimit` is smaller in tests, to reach the limits with few walks.)
  static func insert(
    into db: any StoreWriting, holdLimit: Int = WalkRestore.holdLimit, next: () throws -> Walk?
  ) throws -> Int {
    var restore = State(db: db, holdLimit: holdLimit)
    // The bulk path numbers walks after the table's largest id; that is 1 when the table is
    // empty, as it is in the empty database `import all` needs. Otherwise (rows left by
    // another tool), every walk goes in on its own.
    struct Found: Error {}
    do {
      try db.forEachWalk(WalkFilter(includeDeleted: true)) { _ in throw Found() }
    } catch is Found {
      restore.bulk = false
    }
    try restore.run(next)
    return restore.count
  }

  private struct State {
    let db: any StoreWriting
    let holdLimit: Int
    /// False when every walk goes in on its own.
    var bulk = true
    /// The id the bulk path gives next: one above the largest in the table.
    var nextId: Int64 = 1
    /// Walks whose ids are above `nextId`, by id.
    var ahead: [Int64: Walk] = [:]
    /// How many consecutive ids from `nextId` on are in `ahead`.
    var chain = 0
    /// Walks whose ids are below `nextId`, to insert on their own.
    var behind: [Walk] = []
    /// Ids of the current bulk run's walks that are to be marked deleted after it.
    var deleted: [Int64] = []
    /// A walk read that could not be placed during a bulk run; placed next.
    var waiting: Walk?
    /// The document has no more walks.
    var finished = false
    /// Walks inserted.
    var count = 0

    mutating func run(_ next: () throws -> Walk?) throws {
      while true {
        if chain >= WalkRestore.minimumRun {
          try bulkRun(next)
        } else if let walk = try waiting.take() ?? pull(next) {
          try place(walk)
        } else {
          try flushAhead()
          try flushBehind()
          return
        }
      }
    }

    /// The next walk of the document, or nil at its end.
    mutating func pull(_ next: () throws -> Walk?) throws -> Walk? {
      if finished { return nil }
      guard let walk = try next() else {
        finished = true
        return nil
      }
      return walk
    }

    /// Puts a walk where it belongs outside a bulk run.
    mutating func place(_ walk: Walk) throws {
      guard bulk, let id = walk.id else {
        // Without an id it takes the next one: everything read before it goes in first.
        if walk.id == nil {
          try flushAhead()
          try flushBehind()
        }
        try single(walk)
        return
      }
      if hold(walk, id: id) { return }
      // No room left (or, ahead, a second walk with an id already held): make room, then try
      // again; a walk whose id the flush passed goes behind, or on its own.
      if id < nextId { try flushBehind() } else { try flushAhead() }
      if !hold(walk, id: id) { try single(walk) }
    }

    /// Keeps a walk ahead or behind when there is room (and its id is not held already).
    mutating func hold(_ walk: Walk, id: Int64) -> Bool {
      if id < nextId {
        guard behind.count < holdLimit else { return false }
        behind.append(walk)
        return true
      }
      guard ahead.count < holdLimit, ahead[id] == nil else { return false }
      ahead[id] = walk
      if id == nextId + Int64(chain) { extendChain() }
      return true
    }

    mutating func extendChain() {
      while ahead[nextId + Int64(chain)] != nil { chain += 1 }
    }

    /// One bulk run: the walks ahead that continue the sequence, then (when `reading`) the
    /// document's walks for as long as each is next or can be held.
    mutating func bulkRun(_ next: () throws -> Walk?, reading: Bool = true) throws {
      var given = 0
      let added = try db.insertWalks { insert in
        while true {
          var walk: Walk
          if let held = ahead.removeValue(forKey: nextId) {
            walk = held
          } else {
            guard reading, let read = try pull(next) else { return }
            guard read.id == nextId else {
              if let id = read.id, hold(read, id: id) { continue }
              waiting = read
              return
            }
            walk = read
          }
          if walk.isDeleted {
            deleted.append(nextId)
            walk.isDeleted = false
          }
          _ = try insert(walk)
          nextId += 1
          given += 1
        }
      }
      chain = 0
      extendChain()
      // The bulk path skips a walk whose source and external id are already there, and the
      // ids after it shift. On its own, such a walk breaks the unique index: the same error.
      guard added == given else {
        throw MileQuestError.ruleViolation(
          "the change breaks a database rule "
            + "(UNIQUE constraint failed: walk.source, walk.externalId)")
      }
      count += given
      for id in deleted {
        guard var walk = try db.walk(id: id) else { continue }
        walk.isDeleted = true
        try db.update(walk)
      }
      deleted.removeAll()
    }

    /// Inserts every walk ahead, in id order: a gap is jumped by inserting the walk after it
    /// on its own; runs of `minimumRun` go in bulk, shorter ones walk by walk.
    mutating func flushAhead() throws {
      let ids = ahead.keys.sorted()
      var start = 0
      while start < ids.count {
        var end = start
        while end + 1 < ids.count && ids[end + 1] == ids[end] + 1 { end += 1 }
        var first = start
        if ids[first] != nextId {
          try single(ahead.removeValue(forKey: ids[first])!)
          first += 1
        }
        if end - first + 1 >= WalkRestore.minimumRun {
          chain = end - first + 1
          try bulkRun({ nil }, reading: false)
        } else if first <= end {
          for id in ids[first...end] { try single(ahead.removeValue(forKey: id)!) }
        }
        start = end + 1
      }
      chain = 0
    }

    mutating func flushBehind() throws {
      for walk in behind { try single(walk) }
      behind.removeAll()
    }

    /// Inserts one walk with its id (or the next one) and its deleted flag.
    mutating func single(_ walk: Walk) throws {
      let stored = try db.insert(walk)
      nextId = max(nextId, (stored.id ?? 0) + 1)
      count += 1
    }
  }
}
