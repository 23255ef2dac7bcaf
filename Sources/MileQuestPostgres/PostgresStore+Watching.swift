import MileQuestStore

/// `waitForChanges(timeout:)` (in PostgresStore+Identity.swift) listens on
/// `milequest_change`, which the schema's triggers notify on every commit that changes
/// walks, members, teams, memberships or goals; a rolled-back change notifies no one.
extension PostgresStore: ChangeWatching {}
