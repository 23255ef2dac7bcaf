/// A unit for showing distances; everything inside the Kit is stored in metres.
public enum DistanceUnit: String, CaseIterable, Sendable, Codable {
  /// International mile.
  case mi
  /// Kilometre.
  case km

  /// Metres in one unit: 1 mi = 1 609.344 m exactly (international yard and pound agreement,
  /// 1959: 1 yd = 0.9144 m, 1 mi = 1 760 yd).
  public var metres: Double {
    switch self {
    case .mi: 1609.344
    case .km: 1000
    }
  }

  /// The distance `m` (metres) expressed in this unit.
  public func value(fromMetres m: Double) -> Double {
    m / metres
  }

  /// The unit's short name as printed after a number ("mi", "km").
  public var name: String { rawValue }
}

/// Limits on distances.
public enum Distance {
  /// The most one walk may record: 1 000 miles, in metres (SPEC §1, walk).
  public static let maxWalkMetres = 1000 * 1609.344
}
