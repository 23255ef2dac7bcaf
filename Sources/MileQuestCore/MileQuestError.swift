/// Every failure the Kit reports to its callers, with the sysexits code the CLI exits with.
///
/// Messages are lower-case, name the offending value and, where there is an obvious fix, end
/// with a hint after a semicolon. `description` is where an error becomes text, so it escapes
/// what a value could smuggle in (`TerminalText.escaped`): every message is one line, except
/// `badRecords`, one line per problem.
public enum MileQuestError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A value or file content is malformed or out of range (exit 65).
  case badData(String)
  /// Several bad records of one input file, one problem each, and a summary (exit 65).
  case badRecords(problems: [String], summary: String)
  /// A change that a rule forbids: last captain, full team, duplicate name (exit 65).
  case ruleViolation(String)
  /// A name that already exists (exit 65).
  case duplicate(kind: String, name: String)
  /// The command line itself is wrong in a way the parser could not see (exit 64).
  case usage(String)
  /// An input file is missing or unreadable (exit 66).
  case inputUnreadable(path: String, reason: String)
  /// A member, team, route, goal or walk that does not exist (exit 67).
  case unknown(kind: String, name: String)
  /// An output file cannot be created (exit 73).
  case cannotCreateOutput(path: String, reason: String)
  /// A read or write failed (exit 74).
  case io(String)
  /// The database stayed busy or locked beyond the busy timeout (exit 75).
  case databaseBusy
  /// A service the command needs cannot be reached: a PostgreSQL server that refuses the
  /// connection, or a client library that is not installed (exit 69).
  case unavailable(String)
  /// The acting member lacks the role an action needs (exit 77).
  case notAllowed(action: String, reason: String)
  /// A configuration problem: a database from a newer milequest, a broken config (exit 78).
  case configuration(String)
  /// Something that should not happen; a bug (exit 1).
  case internalError(String)
  /// An error with what the user can do about it, in the domain's words (`hint.text`); the
  /// command line renders the hint with its own option names. Same exit code as `error`.
  indirect case hinted(MileQuestError, DomainHint)

  /// The error with `hint` (in the Kit's words: see `DomainHint`).
  public func hinted(_ hint: DomainHint) -> MileQuestError { .hinted(self, hint) }

  /// The hint, if the error has one.
  public var hint: DomainHint? {
    if case .hinted(_, let hint) = self { return hint }
    return nil
  }

  /// The error without its hint: the case a caller matches on.
  public var withoutHint: MileQuestError {
    if case .hinted(let error, _) = self { return error.withoutHint }
    return self
  }

  /// The description with the hint rendered by `render` (the CLI's words) instead of its
  /// domain text.
  public func description(renderingHint render: (DomainHint) -> String) -> String {
    guard case .hinted(let error, let hint) = self else { return description }
    return TerminalText.escaped(error.message + "; " + render(hint))
  }

  /// The process exit code (sysexits.h) for this error.
  public var exitCode: Int32 {
    switch self {
    case .badData, .badRecords, .ruleViolation, .duplicate: 65
    case .usage: 64
    case .inputUnreadable: 66
    case .unknown: 67
    case .cannotCreateOutput: 73
    case .io: 74
    case .databaseBusy: 75
    case .unavailable: 69
    case .notAllowed: 77
    case .configuration: 78
    case .internalError: 1
    case .hinted(let error, _): error.exitCode
    }
  }

  public var description: String {
    if case .badRecords(let problems, let summary) = self {
      return (problems + [summary]).map(TerminalText.escaped).joined(separator: "\n")
    }
    return TerminalText.escaped(message)
  }

  /// The message before escaping.
  private var message: String {
    switch self {
    case .badRecords(let problems, let summary):
      (problems + [summary]).joined(separator: "; ")
    case .badData(let message), .ruleViolation(let message), .usage(let message),
      .io(let message), .configuration(let message), .unavailable(let message):
      message
    case .duplicate(let kind, let name):
      "\(kind) '\(name)' already exists"
    case .inputUnreadable(let path, let reason):
      "cannot read '\(path)': \(reason)"
    case .unknown(let kind, let name):
      "unknown \(kind) '\(name)'"
    case .cannotCreateOutput(let path, let reason):
      "cannot create '\(path)': \(reason)"
    case .databaseBusy:
      "the database is busy (another milequest is writing); nothing was changed, try again"
    case .notAllowed(let action, let reason):
      "not allowed to \(action): \(reason)"
    case .internalError(let message):
      "internal error: \(message)"
    case .hinted(let error, let hint):
      error.message + "; " + hint.text
    }
  }
}

/// What the user can do about an error, said in the domain's words: the Kit knows what would
/// help (name the acting member, give a date) but not how a front end spells it, so the
/// command line renders each hint with its option names (`milequest`'s `DomainHint.rendered`).
public enum DomainHint: Equatable, Sendable {
  /// The action needs an acting member: say who is acting.
  case nameActingMember
  /// A file's walks have no timestamps: give the day they were walked.
  case giveDate
  /// The action needs an empty database: use a new one.
  case useEmptyDatabase
  /// The member is already in the team: add them again with the new join date to move it.
  case moveJoinDate(team: String, handle: String)
  /// The member already left the team: remove them again with the new leave date to move it.
  case moveLeaveDate(team: String, handle: String)
  /// The team is full: raise its member limit, or remove someone.
  case raiseMemberLimit(team: String)
  /// No goal was named and none could be chosen: name one.
  case nameGoal
  /// The database given is an empty word: give a path.
  case giveDatabasePath
  /// No database at `path`: initialise a new one there.
  case createDatabase(path: String)
  /// An empty file or database at `path`: initialise it.
  case initialiseDatabase(path: String)

  /// The hint in the domain's words.
  public var text: String {
    switch self {
    case .nameActingMember: "name the acting member"
    case .giveDate: "give the date of the walk"
    case .useEmptyDatabase: "use a new database"
    case .moveJoinDate: "to move the join date, add the member again with the new date"
    case .moveLeaveDate: "to move the leave date, remove the member again with the new date"
    case .raiseMemberLimit: "raise the team's member limit, or remove someone"
    case .nameGoal: "name one"
    case .giveDatabasePath: "give the database's path"
    case .createDatabase: "initialise a new one"
    case .initialiseDatabase: "initialising makes it one"
    }
  }
}
