import MileQuestKit

// The Kit's errors say what would help in the domain's words (`DomainHint`); the command line
// says it with its own option names, from the option table. Every place that prints a
// `MileQuestError` (`MileQuest.main`, the shell) goes through `cliDescription`.

extension DomainHint {
  /// The hint as the command line says it.
  var rendered: String {
    switch self {
    case .nameActingMember:
      "pass \(OptionKey.actingMember.flagName) HANDLE or set MILEQUEST_USER"
    case .giveDate:
      "pass \(OptionKey.importDate.flagName)"
    case .useEmptyDatabase:
      "use \(OptionKey.db.flagName) with a new file"
    case .moveJoinDate(let team, let handle):
      "to move the join date: milequest team add \(ShellQuote.word(team)) \(handle) "
        + "\(OptionKey.joinSince.flagName) DATE"
    case .moveLeaveDate(let team, let handle):
      "to move the leave date: milequest team remove \(ShellQuote.word(team)) \(handle) "
        + "\(OptionKey.removeOn.flagName) DATE"
    case .raiseMemberLimit(let team):
      "raise the limit with milequest team edit \(ShellQuote.word(team)) "
        + "\(OptionKey.newMaxMembers.flagName) N, or remove someone"
    case .nameGoal:
      "name one (milequest goal list \(OptionKey.allGoals.flagName))"
    case .giveDatabasePath:
      "give \(OptionKey.db.flagName) a path"
    case .createDatabase(let path):
      "'milequest init \(OptionKey.db.flagName) \(path)' creates a new one"
    case .initialiseDatabase(let path):
      "'milequest init \(OptionKey.db.flagName) \(path)' makes it one"
    }
  }
}

extension MileQuestError {
  /// The one-line (or per-record) message the command line prints: the Kit's, with its hint
  /// in the command line's words.
  var cliDescription: String { description(renderingHint: \.rendered) }
}
