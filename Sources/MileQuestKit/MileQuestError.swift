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
    }
  }
}
