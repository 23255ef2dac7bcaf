/// People who walk together.
public struct Team: Sendable, Equatable, Codable {
  /// Database id; nil until stored.
  public var id: Int64?
  /// Unique (case-insensitive) name, 1–60 characters.
  public var name: String
  /// Optional free text.
  public var description: String?
  /// Most members the team may hold at once (1–10,000).
  public var maxMembers: Int

  /// The limit used when none is given.
  public static let defaultMaxMembers = 50

  public init(
    id: Int64? = nil, name: String, description: String? = nil,
    maxMembers: Int = Team.defaultMaxMembers
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.maxMembers = maxMembers
  }
}
