import MileQuestCore

/// The one place where other tools' names for a sport become a walk's `Activity`: FIT's
/// `sport` numbers, TCX's `Sport` attribute and Apple Health's distance kinds.
public enum ImportActivity {
  /// A FIT session's sport (FIT profile `sport`, `sub_sport`); a session with none is `other`.
  public static func fit(sport: UInt8?, subSport: UInt8?) -> Activity {
    switch sport {
    case 11?: .walk  // walking
    case 1?: .run  // running
    case 17?, 16?, 35?: .hike  // hiking, mountaineering, snowshoeing
    case 2?, 21?: .cycle  // cycling, e_biking
    case 5?: .swim  // swimming
    default: .other
    }
  }

  /// A TCX `<Activity Sport="...">`: the schema's `Running`, `Biking`, `Other`, and the
  /// names apps write instead (`Walking`, `Hiking`, `Swimming`...).
  public static func tcx(sport: String) -> Activity {
    Activity(name: sport) ?? .other
  }

  /// An Apple Health distance kind (walking and running are one kind there: `walk`).
  public static func health(_ kind: HealthDistanceKind) -> Activity {
    switch kind {
    case .walkingRunning: .walk
    case .wheelchair: .wheelchair
    case .cycling: .cycle
    case .swimming: .swim
    }
  }
}
