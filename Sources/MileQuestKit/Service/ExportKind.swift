extension MileQuestService {
  /// What `export` can write.
  public enum ExportKind: String, Sendable, CaseIterable {
    case walks, members, teams, memberships, goals, routes, all
  }
}
