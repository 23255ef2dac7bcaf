/// The first day of a "week" period.
public enum WeekStart: String, Sendable, CaseIterable {
  /// ISO 8601 weeks (the default).
  case monday
  case sunday
}
