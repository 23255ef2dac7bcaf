import MileQuestCore

/// A store that is not one file on this machine (a server's database: PostgreSQL), whose
/// backups are therefore `export all` documents rather than copies of a file (the
/// `FileBackedStore`s'): `backup` writes the document, and `restore` replaces the challenge
/// with a document's contents through `replaceContents`.
public protocol ContentReplacing: MileQuestStore {
  /// Refuses (`.notAllowed`, 77) anyone but an organiser, for whom `action` is reserved.
  func requireOrganiser(to action: String) throws

  /// Replaces the whole challenge, in ONE write transaction, serialised like `write` (and
  /// joining the held transaction while changes are held):
  ///
  /// 1. `keep` reads the contents about to be replaced (a restore keeps a copy of them);
  /// 2. every row of the challenge is removed (members, teams, memberships, routes, goals,
  ///    walks, final results, running totals), with every login's undo history: that history
  ///    was about the contents replaced;
  /// 3. `fill` writes the new contents (running totals follow, as on every write).
  ///
  /// Nothing of it is recorded for `undo` (after a restore there is nothing to undo). Database
  /// logins stay linked to the member with the same handle in the new contents, and lose
  /// their link when there is none. When `keep` or `fill` throws, nothing has changed.
  func replaceContents<T>(
    keep: (any StoreReading) throws -> Void, fill: (any StoreWriting) throws -> T
  ) throws -> T
}
