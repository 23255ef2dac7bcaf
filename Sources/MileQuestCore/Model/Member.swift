/// A person who walks.
public struct Member: Sendable, Equatable, Codable {
  /// Database id; nil until stored.
  public var id: Int64?
  /// Unique, lower-case handle (`[a-z0-9][a-z0-9._-]{0,31}`).
  public var handle: String
  /// Display name, 1–80 characters, any script.
  public var name: String
  /// Optional e-mail address.
  public var email: String?
  /// Stride length in metres, used to turn steps into distance.
  public var strideMetres: Double
  /// The day the member was removed; archived members keep their walks.
  public var archivedOn: LocalDate?

  /// The stride used when none is given, in metres.
  public static let defaultStrideMetres = 0.762

  public init(
    id: Int64? = nil, handle: String, name: String, email: String? = nil,
    strideMetres: Double = Member.defaultStrideMetres, archivedOn: LocalDate? = nil
  ) {
    self.id = id
    self.handle = handle
    self.name = name
    self.email = email
    self.strideMetres = strideMetres
    self.archivedOn = archivedOn
  }

  /// Whether the member has been removed.
  public var isArchived: Bool { archivedOn != nil }
}
