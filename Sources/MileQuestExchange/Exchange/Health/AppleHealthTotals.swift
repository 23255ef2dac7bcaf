import MileQuestCore

/// The kinds of distance an Apple Health export records, each a walk of its own per day.
public enum HealthDistanceKind: String, Sendable, CaseIterable, Comparable {
  /// `HKQuantityTypeIdentifierDistanceWalkingRunning` (walking and running together).
  case walkingRunning = "walking+running"
  case wheelchair
  case cycling
  case swimming

  public static func < (lhs: Self, rhs: Self) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// The kind a quantity record type counts for, if it is a distance this tool imports.
  static func ofRecord(_ type: String) -> HealthDistanceKind? {
    switch type {
    case "HKQuantityTypeIdentifierDistanceWalkingRunning": .walkingRunning
    case "HKQuantityTypeIdentifierDistanceWheelchair": .wheelchair
    case "HKQuantityTypeIdentifierDistanceCycling": .cycling
    case "HKQuantityTypeIdentifierDistanceSwimming": .swimming
    default: nil
    }
  }

  /// The kind of distance a workout type covers, if any.
  static func ofWorkout(_ type: String) -> HealthDistanceKind? {
    switch type {
    case "HKWorkoutActivityTypeWalking", "HKWorkoutActivityTypeRunning",
      "HKWorkoutActivityTypeHiking":
      .walkingRunning
    case "HKWorkoutActivityTypeWheelchairWalkPace", "HKWorkoutActivityTypeWheelchairRunPace":
      .wheelchair
    case "HKWorkoutActivityTypeCycling", "HKWorkoutActivityTypeHandCycling": .cycling
    case "HKWorkoutActivityTypeSwimming": .swimming
    default: nil
    }
  }
}

/// What an export holds, summed per local day: distance per kind and source, steps per source,
/// and workouts' distances per kind and source. Sums are exact (`ExactSum`), so the order of
/// millions of small samples does not change a total.
public struct AppleHealthTotals: Sendable {
  public struct DistanceKey: Hashable, Sendable {
    public var day: LocalDate
    public var kind: HealthDistanceKind
    public var source: String
  }

  public struct StepKey: Hashable, Sendable {
    public var day: LocalDate
    public var source: String
  }

  var samples: [DistanceKey: ExactSum] = [:]
  var workouts: [DistanceKey: ExactSum] = [:]
  var steps: [StepKey: ExactSum] = [:]

  public init() {}

  /// Metres of samples of `kind` on `day` from `source`.
  public func sampleMetres(_ key: DistanceKey) -> Double? { samples[key]?.value }
  /// Metres of workouts of `kind` on `day` from `source`.
  public func workoutMetres(_ key: DistanceKey) -> Double? { workouts[key]?.value }
  /// Steps on `day` from `source`.
  public func stepCount(_ key: StepKey) -> Double? { steps[key]?.value }

  /// Every source named anywhere, sorted.
  public var sources: [String] {
    Set(samples.keys.map(\.source) + workouts.keys.map(\.source) + steps.keys.map(\.source))
      .sorted()
  }
}

/// One walk an export gives: a day and kind, the source that counts and its total, and every
/// source's total for the dry run's explanation.
public struct AppleHealthDay: Sendable, Equatable {
  public var day: LocalDate
  public var kind: HealthDistanceKind
  /// The source whose total counts (of the steps, for a steps-only day).
  public var source: String
  /// The distance; nil for a day with steps and no walking+running distance at all, which
  /// the import turns into distance with the member's stride (as `log 8000steps` does).
  public var metres: Double?
  /// Whether the distance comes from workouts (the day had no samples of this kind).
  public var fromWorkouts: Bool
  /// Steps of the day (walking+running walks only): the largest single-source step total.
  public var steps: Double?
  /// Every source's total of this day and kind (samples, or workouts when `fromWorkouts`).
  public var candidates: [(source: String, metres: Double)]

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.day == rhs.day && lhs.kind == rhs.kind && lhs.source == rhs.source
      && lhs.metres == rhs.metres && lhs.fromWorkouts == rhs.fromWorkouts
      && lhs.steps == rhs.steps && lhs.candidates.count == rhs.candidates.count
      && zip(lhs.candidates, rhs.candidates).allSatisfy { $0 == $1 }
  }
}

extension AppleHealthTotals {
  /// The walks of the export, one per local day and kind:
  /// - sources overlap (an iPhone and an Apple Watch count the same steps), so one day's
  ///   totals of two sources are never added: the single source with the largest total counts,
  ///   or only `source` when one is named;
  /// - a day with steps but no walking+running distance gets a walking+running walk with
  ///   no distance (`metres` nil) and its steps;
  /// - workouts never add distance (theirs is inside the day's samples); a day with workouts
  ///   of a kind but no samples of it gets the largest single-source workout total;
  /// - the walking+running walk carries the day's steps, chosen the same way.
  /// Ties between sources go to the first name in sort order, so the result never depends on
  /// the order of the file. Days and kinds come out sorted.
  public func days(source only: String? = nil) -> [AppleHealthDay] {
    func keep(_ source: String) -> Bool { only == nil || only == source }
    func grouped(_ sums: [DistanceKey: ExactSum]) -> [DayKind: [(source: String, metres: Double)]] {
      var groups: [DayKind: [(source: String, metres: Double)]] = [:]
      for (key, sum) in sums where keep(key.source) {
        groups[DayKind(day: key.day, kind: key.kind), default: []].append((key.source, sum.value))
      }
      return groups
    }
    let sampleGroups = grouped(samples)
    let workoutGroups = grouped(workouts)
    var stepGroups: [LocalDate: [(source: String, metres: Double)]] = [:]
    for (key, sum) in steps where keep(key.source) {
      stepGroups[key.day, default: []].append((key.source, sum.value))
    }
    var result: [AppleHealthDay] = []
    let stepDays = stepGroups.keys.map { DayKind(day: $0, kind: .walkingRunning) }
    for dayKind in Set(sampleGroups.keys).union(workoutGroups.keys).union(stepDays).sorted() {
      let usesWorkouts = sampleGroups[dayKind] == nil
      let candidates = ((usesWorkouts ? workoutGroups[dayKind] : sampleGroups[dayKind]) ?? [])
        .sorted { $0.source < $1.source }
      var steps: (source: String, metres: Double)?
      if dayKind.kind == .walkingRunning {
        steps = Self.largest((stepGroups[dayKind.day] ?? []).sorted { $0.source < $1.source })
      }
      if let best = Self.largest(candidates), best.metres > 0 {
        result.append(
          AppleHealthDay(
            day: dayKind.day, kind: dayKind.kind, source: best.source, metres: best.metres,
            fromWorkouts: usesWorkouts, steps: steps?.metres, candidates: candidates))
      } else if let steps, steps.metres > 0 {
        result.append(
          AppleHealthDay(
            day: dayKind.day, kind: dayKind.kind, source: steps.source, metres: nil,
            fromWorkouts: false, steps: steps.metres, candidates: candidates))
      }
    }
    return result
  }

  private struct DayKind: Hashable, Comparable {
    var day: LocalDate
    var kind: HealthDistanceKind
    static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.day, lhs.kind) < (rhs.day, rhs.kind)
    }
  }

  /// The candidate with the largest total; the first in order on a tie.
  private static func largest(_ candidates: [(source: String, metres: Double)])
    -> (source: String, metres: Double)?
  {
    var best: (source: String, metres: Double)?
    for candidate in candidates where best == nil || candidate.metres > best!.metres {
      best = candidate
    }
    return best
  }
}
