/// Which activities a goal counts, and how much (issue 17).
///
/// Walks of an activity in `full` count their whole distance; walks of an activity with a
/// factor in `factors` count their distance times the factor (metres counted per metre done:
/// `cycle=0.33` counts a 30 km ride as 9.9 km); walks of any other activity count for
/// nothing toward the goal (they still count on the team and member boards).
///
/// A converted distance is `distance * factor`, one IEEE multiplication (so correctly rounded
/// once, the same on every back end); the markers add the converted distances with
/// `ExactSum` as they add plain ones. A goal counts `walk`, `run`, `hike` and `wheelchair` at
/// full distance unless told otherwise (`standard`).
public struct ActivityCounting: Sendable, Hashable {
  /// Activities counted at their whole distance.
  public private(set) var full: Set<Activity>
  /// Activities counted at a factor (never 1, never one of `full`).
  public private(set) var factors: [Activity: Double]

  /// The largest factor a conversion may use. Nothing people convert is worth more than ten
  /// metres of walking per metre done (swimming, the usual largest, is counted at about 4).
  public static let maximumFactor = 10.0

  /// What a goal counts when it says nothing: `Activity.countedByDefault`, no conversion.
  public static let standard = ActivityCounting(full: Activity.countedByDefault, factors: [:])

  /// `standard` as stored.
  private static let standardStored = (
    activities: standard.storedActivities, conversions: standard.storedConversions
  )

  /// `full` and `factors` as given, except that a factor of exactly 1 means full distance and
  /// an activity in `full` takes no factor.
  public init(full: Set<Activity>, factors: [Activity: Double]) {
    var full = full
    var kept: [Activity: Double] = [:]
    for (activity, factor) in factors where !full.contains(activity) {
      if factor == 1 { full.insert(activity) } else { kept[activity] = factor }
    }
    self.full = full
    self.factors = kept
  }

  /// Whether this is what a goal counts by default.
  public var isStandard: Bool { self == .standard }

  /// Metres counted per metre of `activity`: 1, its factor, or nil when it does not count.
  public func factor(of activity: Activity) -> Double? {
    if full.contains(activity) { return 1 }
    return factors[activity]
  }

  /// Whether walks of `activity` count at all.
  public func counts(_ activity: Activity) -> Bool { factor(of: activity) != nil }

  /// The metres a walk of `activity` and `distance` metres counts for, or nil when its
  /// activity does not count. Full distance is the distance itself (no multiplication).
  public func countedMetres(_ distance: Double, _ activity: Activity) -> Double? {
    if full.contains(activity) { return distance }
    return factors[activity].map { distance * $0 }
  }

  /// The walks as the goal counts them: those whose activity does not count are left out,
  /// converted ones carry their converted distance. The counting rules (`WalkCounting`,
  /// `ProgressCalculator`, the goal boards) then run on them unchanged.
  public func counted(_ walks: [Walk]) -> [Walk] {
    if full.count == Activity.allCases.count { return walks }
    return walks.compactMap { walk in
      guard let metres = countedMetres(walk.distanceMetres, walk.activity) else { return nil }
      var counted = walk
      counted.distanceMetres = metres
      return counted
    }
  }

  /// `counted(_:)` for one walk amount.
  public func counted(_ amount: WalkAmount) -> WalkAmount? {
    guard let metres = countedMetres(amount.distanceMetres, amount.activity) else { return nil }
    var counted = amount
    counted.distanceMetres = metres
    return counted
  }

  /// The activities that do not count at full distance (converted or not counted): when a
  /// marker's members have no walk of these, every walk of theirs counts as it is.
  public var notCountedInFull: Set<Activity> {
    Set(Activity.allCases).subtracting(full)
  }

  /// Full-distance activities in declaration order: `walk, run, hike, wheelchair`.
  public var fullList: [Activity] { full.sorted() }

  /// Conversions in declaration order.
  public var factorList: [(activity: Activity, factor: Double)] {
    factors.keys.sorted().map { (activity: $0, factor: factors[$0] ?? 1) }
  }

  /// For people: `walk, run, hike, wheelchair; cycle x0.33, swim x4` (`none` when nothing
  /// counts at full distance).
  public var summary: String {
    let head = fullList.isEmpty ? "none" : fullList.map(\.rawValue).joined(separator: ", ")
    if factors.isEmpty { return head }
    return head + "; "
      + factorList.map { "\($0.activity.rawValue) x\(Self.factorText($0.factor))" }
      .joined(separator: ", ")
  }

  /// A factor as typed back: the shortest decimal that reads back as the same double
  /// (`0.33`, `4`).
  public static func factorText(_ factor: Double) -> String {
    let text = "\(factor)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  // MARK: Stored form

  /// The full-distance activities as stored: `walk,run,hike,wheelchair`.
  public var storedActivities: String { fullList.map(\.rawValue).joined(separator: ",") }

  /// The conversions as stored: `cycle=0.33,swim=4`, empty for none.
  public var storedConversions: String {
    factorList.map { "\($0.activity.rawValue)=\(Self.factorText($0.factor))" }
      .joined(separator: ",")
  }

  /// Reads the stored form back; nil when it is not one `storedActivities` and
  /// `storedConversions` write (the caller reports the row).
  public init?(storedActivities: String, storedConversions: String) {
    // Most goals count the standard way: its stored form needs no parsing (`goal list`
    // reads a thousand goals, and splitting and hashing the names was a third of it).
    if storedActivities == Self.standardStored.activities
      && storedConversions == Self.standardStored.conversions
    {
      self = .standard
      return
    }
    var full = Set<Activity>()
    for name in storedActivities.split(separator: ",", omittingEmptySubsequences: false)
    where !storedActivities.isEmpty {
      guard let activity = Activity(rawValue: String(name)) else { return nil }
      full.insert(activity)
    }
    guard let factors = try? Self.parseConversions(storedConversions) else { return nil }
    if factors.keys.contains(where: full.contains) { return nil }
    if full.isEmpty && factors.isEmpty { return nil }
    self.init(full: full, factors: factors)
  }

  // MARK: Typed form

  /// The counting a goal gets from what was typed (`--activities`, `--convert`), starting
  /// from `current` (the goal's, or `standard` for a new goal).
  ///
  /// - `activities`: names separated by commas (`walk,run`; verb forms such as `running` are
  ///   read too): the activities counted at full distance, replacing `current`'s.
  /// - `convert`: `KIND=FACTOR` pairs separated by commas (`cycle=0.33,swim=4`), replacing
  ///   `current`'s conversions; an empty text removes them. A factor is a plain decimal more
  ///   than 0 and at most `maximumFactor`; a factor of exactly 1 counts in full.
  /// - An activity named in both is refused; one converted now and counted in full before
  ///   (by `current` or by default) is converted, and one counted in full now and converted
  ///   before is counted in full.
  /// - A goal must count something.
  public static func resolve(
    activities: String?, convert: String?, current: ActivityCounting
  ) throws -> ActivityCounting {
    let full = try activities.map(parseActivities) ?? current.full
    let factors = try convert.map(parseConversions) ?? current.factors
    if activities != nil && convert != nil,
      let clash = Set(factors.keys).intersection(full).sorted().first
    {
      throw MileQuestError.badData(
        "activity '\(clash.rawValue)' is both counted in full and converted; name it once")
    }
    // What is typed wins over what the goal had: converted now, no longer in full; in full
    // now, no longer converted.
    var kept = full
    var keptFactors = factors
    if convert != nil { kept.subtract(factors.keys) }
    if activities != nil { for activity in full { keptFactors[activity] = nil } }
    let result = ActivityCounting(full: kept, factors: keptFactors)
    if result.full.isEmpty && result.factors.isEmpty {
      throw MileQuestError.badData("a goal must count at least one activity")
    }
    return result
  }

  /// `walk,run,hike` into activities; an unknown name is bad data. An empty text counts
  /// nothing in full (a goal of converted activities only).
  public static func parseActivities(_ text: String) throws -> Set<Activity> {
    var result = Set<Activity>()
    if text.trimmedOfSpaces.isEmpty { return result }
    for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = piece.trimmedOfSpaces
      guard let activity = Activity(name: name) else {
        throw unknownActivity(name)
      }
      result.insert(activity)
    }
    return result
  }

  /// `cycle=0.33,swim=4` into factors; an empty text is no conversion.
  public static func parseConversions(_ text: String) throws -> [Activity: Double] {
    var result: [Activity: Double] = [:]
    if text.trimmedOfSpaces.isEmpty { return result }
    for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
      let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        throw MileQuestError.badData(
          "bad conversion '\(piece)': write KIND=FACTOR, for example cycle=0.33")
      }
      let name = parts[0].trimmedOfSpaces
      guard let activity = Activity(name: name) else { throw unknownActivity(name) }
      let factorText = parts[1].trimmedOfSpaces
      let factor = try parseFactor(factorText, activity: activity)
      if let earlier = result[activity], earlier != factor {
        throw MileQuestError.badData(
          "activity '\(activity.rawValue)' is converted twice, at \(factorTextOf(earlier)) "
            + "and \(factorText)")
      }
      result[activity] = factor
    }
    return result
  }

  /// A factor: a plain decimal (digits, at most one point), more than 0 and at most
  /// `maximumFactor`.
  public static func parseFactor(_ text: String, activity: Activity) throws -> Double {
    let digits = text.filter { $0 != "." }
    let plain =
      !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
      && text.count - digits.count <= 1 && text.count <= 20
    guard plain, let factor = Double(text), factor > 0, factor <= maximumFactor else {
      throw MileQuestError.badData(
        "bad factor '\(text)' for \(activity.rawValue): must be a number more than 0 and at "
          + "most \(factorTextOf(maximumFactor)) (metres counted per metre done)")
    }
    return factor
  }

  private static func factorTextOf(_ factor: Double) -> String { factorText(factor) }

  public static func unknownActivity(_ name: String) -> MileQuestError {
    .badData(
      "unknown activity '\(name)': must be one of "
        + Activity.allCases.map(\.rawValue).joined(separator: ", "))
  }
}

/// In declaration order, whatever the sets' order: reports that print a goal (and tests that
/// compare them as text) print the same text for the same counting.
extension ActivityCounting: CustomStringConvertible, CustomDebugStringConvertible {
  public var description: String {
    "ActivityCounting(\(storedActivities); \(storedConversions))"
  }

  public var debugDescription: String { description }
}

extension ActivityCounting: Codable {
  private enum CodingKeys: String, CodingKey {
    case activities, conversions
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    guard
      let counting = ActivityCounting(
        storedActivities: try container.decode(String.self, forKey: .activities),
        storedConversions: try container.decode(String.self, forKey: .conversions))
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .activities, in: container, debugDescription: "not a goal's activities")
    }
    self = counting
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(storedActivities, forKey: .activities)
    try container.encode(storedConversions, forKey: .conversions)
  }
}

extension StringProtocol {
  /// The text without spaces at either end (without `reversed()`, whose generic types the
  /// runtime would build on first use: every command that reads a goal paid for them).
  fileprivate var trimmedOfSpaces: String {
    var text = self[...]
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
