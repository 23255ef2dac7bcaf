import MileQuestKit

// Options that do not go together, refused with the options' names: one function per
// command, run on every path to the command's work (ArgumentParser's `run`, the quick path,
// the shell, which runs ArgumentParser's), inside `Context.run` just before the Kit action.
// (ArgumentParser's `validate()` would miss the quick path.) The Kit checks the same rules
// again in its own words, which speak of the domain rather than of flags.

extension MileQuest.LeaderboardCommand {
  static func validate(_ request: MileQuestService.LeaderboardRequest) throws {
    if request.period != nil && (request.from != nil || request.to != nil) {
      throw MileQuestError.usage(
        "give either \(OptionKey.period.flagName) or \(OptionKey.from.flagName)/"
          + "\(OptionKey.to.flagName), not both")
    }
    let scopes = [request.team != nil, request.goal != nil && !request.teams].filter { $0 }
    if scopes.count > 1 || (request.team != nil && request.teams) {
      throw MileQuestError.usage(
        "give one of \(OptionKey.team.flagName) T, \(OptionKey.teams.flagName) or "
          + "\(OptionKey.goal.flagName) G")
    }
  }
}

extension MileQuest.Stats {
  static func validate(member: String?, team: String?) throws {
    if member != nil && team != nil {
      throw MileQuestError.usage("give either --member or --team, not both")
    }
  }
}

extension MileQuest.GoalCommand.Create {
  static func validate(_ request: MileQuestService.GoalRequest) throws {
    if request.teams.isEmpty { throw MileQuestError.usage("a goal needs at least one --team") }
    if (request.route == nil) == (request.distance == nil) {
      throw MileQuestError.usage(
        "give a goal either \(OptionKey.route.flagName) R or --distance D")
    }
  }
}

extension MileQuest.GoalCommand.Edit {
  static func validate(_ edit: MileQuestService.GoalEdit) throws {
    if edit.dailyCap != nil && edit.noDailyCap {
      throw MileQuestError.usage("give either --daily-cap or --no-daily-cap, not both")
    }
  }
}
