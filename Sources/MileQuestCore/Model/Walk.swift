/// Where a walk came from.
public enum WalkSource: String, Sendable, Codable, CaseIterable {
  case manual
  case gpx
  case `import`
}

/// One logged activity.
public struct Walk: Sendable, Equatable, Codable {
  /// Database id; nil until stored.
  public var id: Int64?
  public var memberId: Int64
  /// Local calendar date of the walk.
  public var date: LocalDate
  /// Distance in metres, > 0 and at most 1,000 miles.
  public var distanceMetres: Double
  /// Duration in seconds.
  public var durationSeconds: Double?
  public var steps: Int?
  /// What kind of activity it was (`walk` unless said otherwise).
  public var activity: Activity
  /// Free text, at most 500 characters.
  public var note: String?
  public var source: WalkSource
  /// Identifier from the importing tool; imports with the same source and id are not duplicated.
  public var externalId: String?
  /// Soft deletion: a deleted walk counts for nothing and can be restored with `undo`.
  public var isDeleted: Bool

  public init(
    id: Int64? = nil, memberId: Int64, date: LocalDate, distanceMetres: Double,
    durationSeconds: Double? = nil, steps: Int? = nil, activity: Activity = .walk,
    note: String? = nil,
    source: WalkSource = .manual, externalId: String? = nil, isDeleted: Bool = false
  ) {
    self.id = id
    self.memberId = memberId
    self.date = date
    self.distanceMetres = distanceMetres
    self.durationSeconds = durationSeconds
    self.steps = steps
    self.activity = activity
    self.note = note
    self.source = source
    self.externalId = externalId
    self.isDeleted = isDeleted
  }
}
