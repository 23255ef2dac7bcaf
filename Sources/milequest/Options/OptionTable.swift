import ArgumentParser
import Foundation
import MileQuestKit

/// Every option of the command line, declared once: name, value kind, help, completion,
/// scope (global or which command). The global options and those of the quick commands (`log`,
/// `leaderboard`, `progress`, `stats`, `walks list`; `member show` and `team show` have none)
/// come first: those commands have three entry points (ArgumentParser, `QuickParse`, the
/// shell). Everything else is derived from this table:
///
/// - the ArgumentParser declarations take their name, help, parsing and completion from it
///   (`@Option(.key)`, `@Flag(.key)`: `OptionKey.name`, `.help`, `.parsing`, `.completion`);
/// - `QuickParse` reads a command's entries (`OptionKey.quick(for:)`);
/// - `GlobalValues` stores the global entries' values by key, so the shell passes on the
///   entries marked `inShell` (`ShellSession.inherited`);
/// - moving global options before the subcommand (`OptionKey.isGlobalFlag`,
///   `.isGlobalValueOption`), the colour of the failure message (`OptionKey.lastValue`), the
///   negative numbers kept from short-option parsing (`NegativeNumbers`), the completion of
///   names (`ShellCompletion`, `NameCompletion`) and the option names in usage errors
///   (`OptionCombinations`, `DomainHint`) ask it.
///
/// Adding an option means one case here, one entry in `entry`, and (for ArgumentParser) a
/// property whose wrapper reads the entry; the compiler's exhaustive switches name the rest.
///
/// Speed: every question is a `switch` or a loop over the raw values, never a `Set` or a
/// dictionary (whose first use instantiates generic metadata at run time, on every
/// invocation), and nothing is built before it is asked for.
enum OptionKey: UInt8, CaseIterable {
  // Global options: the first `globalCount` cases, in the order the root's help lists them.
  case db, actingMember, format, unit, output, quiet, color, noColor, ascii, yes, dryRun
  case fields, noHeader
  #if DEBUG
    /// A global option that exists only in debug builds, for `OptionTableTests`: hidden
    /// unless `MILEQUEST_TEST_OPTION` is set, so that adding an entry is seen to reach help,
    /// completion scripts, the shell and the quick path.
    case testProbe
  #endif
  // `log`.
  case member, date, duration, steps, note, activity
  // `leaderboard`.
  case team, teams, goal, period, from, to, by, averageOver, limit
  // `stats`.
  case statsMember, statsTeam
  // `walks list`.
  case walksMember, walksTeam, walksFrom, walksTo, walksLimit, walksActivity
  // `leaderboard` and `progress`, off the quick path (a watch runs for hours: its parse can
  // take ArgumentParser's time).
  case watch
  // Every other command's options, by command (the quick path never reads them: it stops at
  // `lastQuick`). Where two commands share a spelling with different help, each has its own
  // key; keys that share a spelling agree on whether they are flags and on the names they
  // complete, which is all that the readers by spelling (`named`) ask.
  // `goal create`, `goal edit`.
  case goalTeam, mode, route, distance, start, end, dailyCap, grace, activities, convert
  case newGoalName, newStart, newEnd, noDailyCap, newGrace, addTeam, removeTeam
  // `goal list`.
  case goalListTeam, allGoals
  // `member add`, `member list`, `member edit`.
  case displayName, email, stride, login, includeArchived, newDisplayName, newEmail, newStride
  // `team create`, `team edit`, `team add`, `team remove`, `team leave`.
  case teamDescription, maxMembers, creatorSince, newTeamName, newDescription, newMaxMembers
  case role, joinSince, removeOn, leaveOn
  // `walks edit`.
  case newDistance, newDate, newDuration, newSteps, newNote, newMember, newActivity
  // `route create`, `route import`, `route export`.
  case waypoint, gpx, geojson, routeName, exportTo
  // `import gpx` (and the other importers).
  case importMember, merge, importDate, healthSource
  // `chart`, `map`, `backup`, `demo`, `config list`.
  case chartTeam, kind, members, graticule, noScale, rotate, keep
  case configFormat

  /// What an option takes.
  enum Value: Equatable {
    /// A flag: present or absent.
    case flag
    /// The next word, unless it looks like an option.
    case value
    /// The next word whatever it looks like (ArgumentParser's `.unconditional`): dates such as
    /// `-3d`, notes.
    case unconditional
    /// One of a closed list of words (an `ArgumentEnum`; `choices` lists them).
    case choice
  }

  /// What TAB offers for the value.
  enum Completion: Equatable {
    case none
    case file
    /// A GPX file (`route create --gpx`).
    case gpxFile
    /// A GeoJSON file (`route create --geojson`).
    case geojsonFile
    case names(NameKind)
    /// The values of a `.choice` (ArgumentParser lists them itself).
    case choices
  }

  /// Where an option is accepted.
  enum Scope: Equatable {
    /// Every command, before or after the subcommand (`GlobalOptions`).
    case global
    /// The command at that path (`"goal edit"`; its `QuickParse` table, when it has one).
    case command(String)
    /// Several commands, with the same help.
    case commands
  }

  /// One row of the table.
  struct Entry {
    var long: String
    var short: Character? = nil
    var value: Value
    var help: String
    var completion: Completion = .none
    var scope: Scope
    /// For a global option: `milequest shell` passes the session's value on to every line
    /// that does not set it.
    var inShell = false
  }

  /// The table.
  var entry: Entry {
    switch self {
    case .db:
      Entry(
        long: "db", value: .value, help: "The database file (env MILEQUEST_DB).",
        completion: .file, scope: .global, inShell: true)
    case .actingMember:
      Entry(
        long: "as", value: .value, help: "The acting member's handle (env MILEQUEST_USER).",
        completion: .names(.member), scope: .global, inShell: true)
    case .format:
      Entry(
        long: "format", short: "f", value: .choice,
        help:
          "Output format: table for people; json, ndjson, csv, tsv for scripts "
          + "(fields in docs/output.md).",
        completion: .choices, scope: .global, inShell: true)
    case .unit:
      Entry(
        long: "unit", value: .choice,
        help: "Display unit (env MILEQUEST_UNIT).", completion: .choices, scope: .global,
        inShell: true)
    case .output:
      Entry(
        long: "output", short: "o", value: .value,
        help: "Write the output to FILE; its extension picks the format.", completion: .file,
        scope: .global)
    case .quiet:
      Entry(
        long: "quiet", short: "q", value: .flag, help: "Print only data and errors.",
        scope: .global,
        inShell: true)
    case .noColor:
      Entry(
        long: "no-color", value: .flag,
        help: "Never colour the output (same as --color never).", scope: .global, inShell: true)
    case .color:
      Entry(
        long: "color", value: .choice,
        help: "Colour: auto (terminals only, not with NO_COLOR), always, never.",
        completion: .choices, scope: .global, inShell: true)
    case .yes:
      Entry(
        long: "yes", value: .flag, help: "Do not ask before changes that touch many rows.",
        scope: .global)
    case .dryRun:
      Entry(
        long: "dry-run", value: .flag, help: "Report what would change, change nothing.",
        scope: .global)
    case .fields:
      Entry(
        long: "fields", value: .value,
        help:
          "Only these fields, in this order (a,b,c), for json, ndjson, csv, tsv; "
          + "X_km, X_mi from X_m.",
        scope: .global)
    case .noHeader:
      Entry(
        long: "no-header", value: .flag, help: "CSV and TSV without the header line.",
        scope: .global)
    case .ascii:
      Entry(
        long: "ascii", value: .flag, help: "Plain ASCII output (no Unicode bars or symbols).",
        scope: .global)
    #if DEBUG
      case .testProbe:
        Entry(
          long: "test-probe", value: .value, help: "A test-only option (debug builds).",
          completion: .names(.team), scope: .global, inShell: true)
    #endif
    case .member:
      Entry(
        long: "member", short: "m", value: .value, help: "Whose walk (default: the acting member).",
        completion: .names(.member), scope: .command("log"))
    case .date:
      Entry(
        long: "date", short: "d", value: .unconditional,
        help: "When: YYYY-MM-DD, today, yesterday, -3d, '3 days ago' or a weekday.",
        scope: .command("log"))
    case .duration:
      Entry(
        long: "duration", value: .unconditional,
        help: "How long: 45m, 1h20m, 1:20:00 or 90 (minutes).", scope: .command("log"))
    case .steps:
      Entry(
        long: "steps", value: .unconditional, help: "Step count, kept with the walk.",
        scope: .command("log"))
    case .note:
      Entry(
        long: "note", value: .unconditional, help: "A note (at most 500 characters).",
        scope: .command("log"))
    case .activity:
      Entry(
        long: "activity", value: .value,
        help: "What it was: \(Self.kinds) (default walk).",
        scope: .command("log"))
    case .team:
      Entry(
        long: "team", short: "t", value: .value, help: "Rank this team's members.",
        completion: .names(.team), scope: .command("leaderboard"))
    case .teams:
      Entry(
        long: "teams", value: .flag,
        help: "Rank teams (with --goal: the goal's teams, a race by progress).",
        scope: .command("leaderboard"))
    case .goal:
      Entry(
        long: "goal", value: .value, help: "Rank the members counted for this goal.",
        completion: .names(.goal), scope: .command("leaderboard"))
    case .period:
      Entry(
        long: "period", value: .choice,
        help: "today, week (ISO, Monday first), month, year or all.", completion: .choices,
        scope: .command("leaderboard"))
    case .from:
      Entry(
        long: "from", value: .unconditional, help: "First day (inclusive).",
        scope: .command("leaderboard"))
    case .to:
      Entry(
        long: "to", value: .unconditional, help: "Last day (inclusive).",
        scope: .command("leaderboard"))
    case .by:
      Entry(
        long: "by", value: .choice,
        help: "Rank by total distance, average or number of walks.", completion: .choices,
        scope: .command("leaderboard"))
    case .averageOver:
      Entry(
        long: "average-over", value: .choice,
        help: "Team averages divide by members or walkers.", completion: .choices,
        scope: .command("leaderboard"))
    case .limit:
      Entry(
        long: "limit", short: "n", value: .unconditional,
        help: "Keep the top N ranks (ties at the cut are kept).", scope: .command("leaderboard"))
    case .watch:
      Entry(
        long: "watch", value: .flag,
        help: "Keep showing it, redrawn whenever a change moves it, until Ctrl-C.",
        scope: .commands)
    case .goalTeam:
      Entry(
        long: "team", short: "t", value: .value,
        help: "A team pursuing the goal; repeat for several.",
        completion: .names(.team), scope: .command("goal create"))
    case .mode:
      Entry(
        long: "mode", value: .choice,
        help: "With several teams: race (own markers) or together (pooled).",
        completion: .choices, scope: .command("goal create"))
    case .route:
      Entry(
        long: "route", value: .value, help: "Follow this route.", completion: .names(.route),
        scope: .command("goal create"))
    case .distance:
      Entry(
        long: "distance", value: .unconditional, help: "A plain distance target, e.g. 500km.",
        scope: .command("goal create"))
    case .start:
      Entry(
        long: "start", value: .unconditional, help: "First day that counts (default today).",
        scope: .command("goal create"))
    case .end:
      Entry(
        long: "end", value: .unconditional, help: "Last day that counts (deadline).",
        scope: .command("goal create"))
    case .dailyCap:
      Entry(
        long: "daily-cap", value: .unconditional,
        help: "At most this distance per member per day counts.", scope: .commands)
    case .grace:
      Entry(
        long: "grace", value: .unconditional,
        help: "Days after the end date during which late walks still count (default 0).",
        scope: .command("goal create"))
    case .activities:
      Entry(
        long: "activities", value: .unconditional,
        help:
          "Activities counted in full, e.g. walk,run (default walk,run,hike,wheelchair).",
        scope: .commands)
    case .convert:
      Entry(
        long: "convert", value: .unconditional,
        help:
          "Activities counted at a factor (metres per metre done, more than 0, at most 10), "
          + "e.g. cycle=0.33,swim=4.",
        scope: .commands)
    case .newGoalName:
      Entry(
        long: "name", value: .unconditional, help: "New name.", scope: .command("goal edit"))
    case .newStart:
      Entry(
        long: "start", value: .unconditional, help: "New first day that counts.",
        scope: .command("goal edit"))
    case .newEnd:
      Entry(
        long: "end", value: .unconditional, help: "New last day that counts.",
        scope: .command("goal edit"))
    case .noDailyCap:
      Entry(
        long: "no-daily-cap", value: .flag, help: "Count every metre of every day.",
        scope: .command("goal edit"))
    case .newGrace:
      Entry(
        long: "grace", value: .unconditional, help: "Grace period in days after the end date.",
        scope: .command("goal edit"))
    case .addTeam:
      Entry(
        long: "add-team", value: .value, help: "Another team pursues the goal (repeatable).",
        completion: .names(.team), scope: .command("goal edit"))
    case .removeTeam:
      Entry(
        long: "remove-team", value: .value, help: "A team stops pursuing it (repeatable).",
        completion: .names(.team), scope: .command("goal edit"))
    case .goalListTeam:
      Entry(
        long: "team", short: "t", value: .value, help: "Only goals of this team.",
        completion: .names(.team), scope: .command("goal list"))
    case .allGoals:
      Entry(
        long: "all", value: .flag, help: "Every goal: also completed, ended and cancelled ones.",
        scope: .command("goal list"))
    case .displayName:
      Entry(
        long: "name", value: .unconditional, help: "Display name (default: the handle).",
        scope: .command("member add"))
    case .email:
      Entry(
        long: "email", value: .unconditional, help: "E-mail address.",
        scope: .command("member add"))
    case .stride:
      Entry(
        long: "stride", value: .unconditional, help: "Stride length: 0.8, 0.8m or 80cm.",
        scope: .command("member add"))
    case .login:
      Entry(
        long: "login", value: .flag,
        help: "PostgreSQL: also create the database login HANDLE (organisers only).",
        scope: .command("member add"))
    case .includeArchived:
      Entry(
        long: "all", value: .flag, help: "Include removed (archived) members.",
        scope: .command("member list"))
    case .newDisplayName:
      Entry(
        long: "name", value: .unconditional, help: "New display name.",
        scope: .command("member edit"))
    case .newEmail:
      Entry(
        long: "email", value: .unconditional, help: "New e-mail address (empty to clear).",
        scope: .command("member edit"))
    case .newStride:
      Entry(
        long: "stride", value: .unconditional, help: "New stride length.",
        scope: .command("member edit"))
    case .teamDescription:
      Entry(
        long: "description", value: .unconditional, help: "Free text.",
        scope: .command("team create"))
    case .maxMembers:
      Entry(
        long: "max-members", value: .unconditional, help: "Most members at once (1-10000).",
        scope: .command("team create"))
    case .creatorSince:
      Entry(
        long: "since", value: .unconditional, help: "Back-date the creator's join to DATE.",
        scope: .command("team create"))
    case .newTeamName:
      Entry(
        long: "name", value: .unconditional, help: "New name (unique, 1-60 characters).",
        scope: .command("team edit"))
    case .newDescription:
      Entry(
        long: "description", value: .unconditional, help: "New description ('' clears it).",
        scope: .command("team edit"))
    case .newMaxMembers:
      Entry(
        long: "max-members", value: .unconditional,
        help: "Most members at once (1-10000, at least the current count).",
        scope: .command("team edit"))
    case .role:
      Entry(
        long: "role", value: .choice, help: "Role of the new members (default: member).",
        completion: .choices, scope: .command("team add"))
    case .joinSince:
      Entry(
        long: "since", value: .unconditional,
        help: "Back-date the join to DATE; for a member already in the team, move the join date.",
        scope: .command("team add"))
    case .removeOn:
      Entry(
        long: "on", value: .unconditional,
        help: "First day that no longer counts (default: tomorrow, so today still counts).",
        scope: .command("team remove"))
    case .leaveOn:
      Entry(
        long: "on", value: .unconditional,
        help: "First day that no longer counts (default: tomorrow).",
        scope: .command("team leave"))
    case .walksMember:
      Entry(
        long: "member", short: "m", value: .value, help: "Only this member's walks.",
        completion: .names(.member), scope: .command("walks list"))
    case .walksTeam:
      Entry(
        long: "team", short: "t", value: .value, help: "Only walks that count for this team.",
        completion: .names(.team), scope: .command("walks list"))
    case .walksFrom:
      Entry(
        long: "from", value: .unconditional, help: "First day (inclusive).",
        scope: .command("walks list"))
    case .walksTo:
      Entry(
        long: "to", value: .unconditional, help: "Last day (inclusive).",
        scope: .command("walks list"))
    case .walksLimit:
      Entry(
        long: "limit", short: "n", value: .unconditional, help: "At most N walks (the newest).",
        scope: .command("walks list"))
    case .walksActivity:
      Entry(
        long: "activity", value: .value,
        help: "Only walks of this activity (\(Self.kinds)).",
        scope: .command("walks list"))
    case .newDistance:
      Entry(
        long: "distance", value: .unconditional, help: "New distance.",
        scope: .command("walks edit"))
    case .newDate:
      Entry(
        long: "date", short: "d", value: .unconditional, help: "New date.",
        scope: .command("walks edit"))
    case .newDuration:
      Entry(
        long: "duration", value: .unconditional, help: "New duration.",
        scope: .command("walks edit"))
    case .newSteps:
      Entry(
        long: "steps", value: .unconditional, help: "New step count.",
        scope: .command("walks edit"))
    case .newNote:
      Entry(
        long: "note", value: .unconditional, help: "New note (empty to clear).",
        scope: .command("walks edit"))
    case .newMember:
      Entry(
        long: "member", short: "m", value: .value, help: "Move the walk to another member.",
        completion: .names(.member), scope: .command("walks edit"))
    case .newActivity:
      Entry(
        long: "activity", value: .value, help: "New activity (\(Self.kinds)).",
        scope: .command("walks edit"))
    case .waypoint:
      Entry(
        long: "waypoint", value: .unconditional,
        help: "A point \"lat,lon[,label]\"; repeat in order, at least two.",
        scope: .command("route create"))
    case .gpx:
      Entry(
        long: "gpx", value: .value,
        help: "Read the route from a GPX file (its first rte, or first trk joined).",
        completion: .gpxFile, scope: .command("route create"))
    case .geojson:
      Entry(
        long: "geojson", value: .value,
        help: "Read the route from a GeoJSON LineString or MultiLineString.",
        completion: .geojsonFile, scope: .command("route create"))
    case .routeName:
      Entry(
        long: "name", value: .unconditional, help: "Store it under this name instead.",
        scope: .command("route add-builtin"))
    case .exportTo:
      Entry(
        long: "to", value: .choice, help: "gpx or geojson.", completion: .choices,
        scope: .command("route export"))
    case .importMember:
      Entry(
        long: "member", short: "m", value: .value,
        help: "Whose walks (default: the acting member).",
        completion: .names(.member), scope: .commands)
    case .merge:
      Entry(
        long: "merge", value: .flag, help: "One walk per file instead of one per track.",
        scope: .command("import gpx"))
    case .importDate:
      Entry(
        long: "date", short: "d", value: .unconditional,
        help: "The date for files without timestamps.",
        scope: .command("import gpx"))
    case .healthSource:
      Entry(
        long: "source", value: .unconditional,
        help: "Count only this source (an iPhone, a watch) instead of the largest per day.",
        scope: .command("import health"))
    case .statsMember:
      Entry(
        long: "member", short: "m", value: .value, help: "This member.",
        completion: .names(.member),
        scope: .command("stats"))
    case .statsTeam:
      Entry(
        long: "team", short: "t", value: .value, help: "This team (walks counted while members).",
        completion: .names(.team), scope: .command("stats"))
    case .chartTeam:
      Entry(
        long: "team", short: "t", value: .value, help: "Chart this team's members.",
        completion: .names(.team), scope: .command("chart"))
    case .kind:
      Entry(
        long: "kind", value: .choice,
        help: "cumulative (lines over time) or weekly (bars per member and week).",
        completion: .choices, scope: .command("chart"))
    case .members:
      Entry(
        long: "members", value: .flag, help: "For a goal: a line per member rather than per team.",
        scope: .command("chart"))
    case .graticule:
      Entry(
        long: "graticule", value: .flag, help: "Draw meridians and parallels.",
        scope: .command("map"))
    case .noScale:
      Entry(
        long: "no-scale", value: .flag, help: "Leave out the scale bar.", scope: .command("map"))
    case .rotate:
      Entry(
        long: "rotate", value: .flag, help: "Write the daily copy and keep only the last 7.",
        scope: .command("backup"))
    case .keep:
      Entry(
        long: "keep", value: .flag, help: "Keep the sample database and print its path.",
        scope: .command("demo"))
    case .configFormat:
      Entry(
        long: "format", short: "f", value: .choice,
        help: "Output format: table (TOML), json, ndjson, csv or tsv.",
        completion: .choices, scope: .command("config list"))
    }
  }

  /// Whether help and completion show the option: all but the debug-only test entry, which
  /// shows only when `MILEQUEST_TEST_OPTION` is set.
  var isShown: Bool {
    #if DEBUG
      if self == .testProbe { return getenv("MILEQUEST_TEST_OPTION") != nil }
    #endif
    return true
  }

  /// The number of global options: they are the first cases.
  static var globalCount: UInt8 {
    #if DEBUG
      OptionKey.testProbe.rawValue + 1
    #else
      OptionKey.noHeader.rawValue + 1
    #endif
  }

  /// The words a `.choice` option accepts (built when asked: not on the way to a command).
  var choices: [String] {
    switch self {
    case .format: OutputFormat.allValueStrings
    case .unit: DistanceUnit.allValueStrings
    case .color: ColorChoice.allValueStrings
    case .period: Period.allValueStrings
    case .by: LeaderboardMetric.allValueStrings
    case .averageOver: AverageBasis.allValueStrings
    case .mode: GoalMode.allValueStrings
    case .role: Role.allValueStrings
    case .exportTo: RouteFileFormat.allValueStrings
    case .kind: ProgressChart.Kind.allValueStrings
    case .configFormat: OutputFormat.allValueStrings
    default: []
    }
  }

  /// Whether a `.choice` option accepts `word`, converted as ArgumentParser converts it.
  func accepts(_ word: String) -> Bool {
    switch self {
    case .format: OutputFormat(argument: word) != nil
    case .unit: DistanceUnit(argument: word) != nil
    case .color: ColorChoice(argument: word) != nil
    case .period: Period(argument: word) != nil
    case .by: LeaderboardMetric(argument: word) != nil
    case .averageOver: AverageBasis(argument: word) != nil
    case .mode: GoalMode(argument: word) != nil
    case .role: Role(argument: word) != nil
    case .exportTo: RouteFileFormat(argument: word) != nil
    case .kind: ProgressChart.Kind(argument: word) != nil
    case .configFormat: OutputFormat(argument: word) != nil
    default: entry.value != .choice
    }
  }

  /// Whether the option is global.
  var isGlobal: Bool { rawValue < Self.globalCount }

  /// `--long`.
  var flagName: String { "--" + entry.long }

  /// Whether the option is a flag (no value).
  var isFlag: Bool { entry.value == .flag }

  // MARK: Lookups by spelling (a loop over raw values: no array, no set)

  /// The option spelled `--long` (or `-s`); with `globalOnly`, only a global one.
  static func named(_ word: some StringProtocol, globalOnly: Bool = false) -> OptionKey? {
    var raw: UInt8 = 0
    while let key = OptionKey(rawValue: raw), !globalOnly || key.isGlobal {
      raw += 1
      let entry = key.entry
      if word.hasPrefix("--") {
        if word.dropFirst(2) == entry.long { return key }
      } else if let short = entry.short, word.count == 2, word.hasPrefix("-"),
        word.last == short
      {
        return key
      }
    }
    return nil
  }

  /// Whether `word` is a global flag (`--quiet`): moved with the global options before the
  /// subcommand, and never followed by a value.
  static func isGlobalFlag(_ word: String) -> Bool {
    named(word, globalOnly: true)?.isFlag ?? false
  }

  /// Whether `name` (without `=value`) is a global option that takes a value.
  static func isGlobalValueOption(_ name: String) -> Bool {
    named(name, globalOnly: true).map { !$0.isFlag } ?? false
  }

  /// The options `QuickParse` reads for `command`: the global ones, then the command's own.
  static func quick(for command: String) -> [OptionKey] {
    var keys: [OptionKey] = []
    var raw: UInt8 = 0
    while raw <= lastQuick.rawValue, let key = OptionKey(rawValue: raw) {
      raw += 1
      if key.isGlobal || key.entry.scope == .command(command) { keys.append(key) }
    }
    return keys
  }

  /// The last key `QuickParse` may read: the quick commands' options come right after the
  /// global ones, so the quick path never looks at the rest of the table.
  static var lastQuick: OptionKey { .walksActivity }

  /// The activities, for help texts.
  static let kinds = "walk, run, hike, wheelchair, cycle, swim or other"

  /// The value of the last `key` in `arguments` (`--name value`, `--name=value`, `-s value`),
  /// "" for a flag; nil when absent. For the questions asked before (or without) a parse: the
  /// colour of a failure message, the database of a completion request.
  static func lastValue(of key: OptionKey, in arguments: [String]) -> String? {
    var result: String?
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if word == "--" { break }
      let name = word.prefix { $0 != "=" }
      guard named(name) == key else { continue }
      if key.isFlag {
        if name.count == word.count { result = "" }
      } else if name.count < word.count {
        result = String(word.dropFirst(name.count + 1))
      } else if index < arguments.count {
        result = arguments[index]
        index += 1
      }
    }
    return result
  }
}

// MARK: ArgumentParser's view of an entry

extension OptionKey {
  /// The names ArgumentParser parses.
  var name: NameSpecification {
    let entry = entry
    guard let short = entry.short else { return [.customLong(entry.long)] }
    return [.customLong(entry.long), .customShort(short)]
  }

  /// The help line (hidden for the debug-only test entry unless a test asks for it).
  var help: ArgumentHelp {
    ArgumentHelp(entry.help, visibility: isShown ? .default : .private)
  }

  /// How ArgumentParser takes the value.
  var parsing: SingleValueParsingStrategy {
    entry.value == .unconditional ? .unconditional : .next
  }

  /// How ArgumentParser takes the values of a repeatable option (`--team A --team B`).
  var arrayParsing: ArrayParsingStrategy {
    entry.value == .unconditional ? .unconditionalSingleValue : .singleValue
  }

  /// What the generated completion scripts offer; nil leaves ArgumentParser's default (the
  /// values of an enum, nothing for a string).
  var completion: CompletionKind? {
    switch entry.completion {
    case .none, .choices: nil
    case .file: .file()
    case .gpxFile: .file(extensions: ["gpx"])
    case .geojsonFile: .file(extensions: ["geojson", "json"])
    case .names(let kind): NameCompletion.kind(kind)
    }
  }
}
