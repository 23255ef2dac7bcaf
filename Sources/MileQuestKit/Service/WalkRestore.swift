/// Inserts the walks of an `import all` with the ids and deleted flags they had, through the
/// store's bulk path wherever it can.
///
/// The bulk path (`insertWalks`, as `import walks` uses) takes no ids: each new walk gets the
/// next one after the table's largest. An export lists walks by date, and ids mostly grow with
/// dates, so long runs of walks carry exactly the ids the bulk path would give them; those go
/// in bulk. A walk that breaks the sequence (logged later for an earlier day) or is deleted is
/// inserted on its own with its id and flag, as every walk was before. A run starts only when
/// the next `minimumRun` walks all continue the sequence (or are all that is left), so a
/// shuffled document pays for few bulk starts; each run then goes on for as long as walks
/// continue it.
enum WalkRestore {
  /// Walks that must continue the sequence before a bulk run starts: a start and finish cost
  /// about as much as this many single inserts.
  static let minimumRun = 64

  /// Inserts every walk `next` returns (nil after the last) into `db`, which holds no walks
  /// with ids above those restored so far; returns how many.
  static func insert(into db: any StoreWriting, next: () throws -> Walk?) throws -> Int {
    // The bulk path numbers walks after the table's largest id; that is 1 when the table is
    // empty, as it is in the empty database `import all` needs. Otherwise (rows left by
    // another tool), every walk goes in on its own.
    var tableEmpty = true
    struct Found: Error {}
    do {
      try db.forEachWalk(WalkFilter(includeDeleted: true)) { _ in throw Found() }
    } catch is Found {
      tableEmpty = false
    }
    var nextId: Int64 = 1
    var window: [Walk] = []
    var head = 0
    var finished = false
    var count = 0

    /// Reads ahead until the window holds `wanted` walks, or the document ends.
    func fill(_ wanted: Int) throws {
      // Drop what was consumed: all of it between runs, the front when walks go one by one.
      if head > 0 && (head == window.count || head >= 4096) {
        window.removeFirst(head)
        head = 0
      }
      while !finished && window.count - head < wanted {
        if let walk = try next() { window.append(walk) } else { finished = true }
      }
    }
    func continues(_ walk: Walk, _ id: Int64) -> Bool {
      !walk.isDeleted && (walk.id == nil || walk.id == id)
    }

    while true {
      try fill(minimumRun)
      if head == window.count { break }
      var run = 0
      while tableEmpty, head + run < window.count,
        continues(window[head + run], nextId + Int64(run))
      {
        run += 1
      }
      if run > 0 && (run >= minimumRun || (finished && head + run == window.count)) {
        var given = 0
        let added = try db.insertWalks { insert in
          while true {
            try fill(1)
            guard head < window.count, continues(window[head], nextId) else { return }
            try insert(window[head])
            head += 1
            nextId += 1
            given += 1
          }
        }
        // The bulk path skips a walk whose source and external id are already there; the
        // ids after it would shift. One by one, such a walk breaks the unique index: the
        // same error as then.
        guard added == given else {
          throw MileQuestError.ruleViolation(
            "the change breaks a database rule "
              + "(UNIQUE constraint failed: walk.source, walk.externalId)")
        }
        count += given
      } else {
        let stored = try db.insert(window[head])
        head += 1
        nextId = max(nextId, (stored.id ?? 0) + 1)
        count += 1
      }
    }
    return count
  }
}
