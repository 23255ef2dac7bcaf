import Foundation

/// A point on the globe: latitude and longitude in degrees (WGS84 / spherical, no altitude).
public struct Coordinate: Sendable, Equatable, Hashable, Codable {
  /// Degrees north of the equator, −90 … 90.
  public var latitude: Double
  /// Degrees east of Greenwich; `validated` normalises it to [−180, 180).
  public var longitude: Double

  /// Makes a coordinate as given, without any checking (use `validated` for user input).
  public init(latitude: Double, longitude: Double) {
    self.latitude = latitude
    self.longitude = longitude
  }

  /// Checks a coordinate from input: finite, latitude in [−90, 90], longitude in [−180, 180]
  /// (180 becomes −180, and −0 becomes 0 so that it never prints as "-0").
  public static func validated(latitude: Double, longitude: Double) throws -> Coordinate {
    guard latitude.isFinite, (-90.0...90.0).contains(latitude) else {
      throw MileQuestError.badData(
        "latitude \(latitude.messageText) is out of range [-90, 90]")
    }
    guard longitude.isFinite, (-180.0...180.0).contains(longitude) else {
      throw MileQuestError.badData(
        "longitude \(longitude.messageText) is out of range [-180, 180]")
    }
    // Adding +0 turns −0 into +0 and leaves every other value unchanged.
    return Coordinate(
      latitude: latitude + 0.0,
      longitude: GreatCircle.normalizedLongitude(longitude) + 0.0)
  }

  /// Parses the CLI's `--waypoint "lat,lon[,label]"` form; the label may itself contain commas
  /// and an empty label becomes nil.
  public static func parse(_ text: String) throws -> (Coordinate, label: String?) {
    let usage = "bad waypoint '\(text)': expected \"lat,lon[,label]\""
    // Only the first two commas separate fields, so "1,2,Paris, France" keeps its label whole.
    let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2,
      let latitude = signedDecimal(parts[0].trimmingCharacters(in: .whitespaces)),
      let longitude = signedDecimal(parts[1].trimmingCharacters(in: .whitespaces))
    else {
      throw MileQuestError.badData(usage)
    }
    let coordinate: Coordinate
    do {
      coordinate = try validated(latitude: latitude, longitude: longitude)
    } catch MileQuestError.badData(let reason) {
      throw MileQuestError.badData("bad waypoint '\(text)': \(reason)")
    }
    var label: String?
    if parts.count == 3 {
      let trimmed = parts[2].trimmingCharacters(in: .whitespaces)
      label = trimmed.isEmpty ? nil : trimmed
    }
    return (coordinate, label: label)
  }

  /// A plain signed decimal such as `-33.8688`, `+5`, `.5` or `12.`; nil for anything else.
  ///
  /// `Double(String)` alone would also take "nan", "inf", "1e2" and hex floats, which are not
  /// coordinates anyone types on purpose.
  private static func signedDecimal(_ text: String) -> Double? {
    var body = Substring(text)
    var sign = 1.0
    if let first = body.first, first == "-" || first == "+" {
      sign = first == "-" ? -1 : 1
      body = body.dropFirst()
    }
    return PlainDecimal.value(body).map { sign * $0 }
  }
}

extension Double {
  /// The number as it should appear in an error message: "91" rather than "91.0".
  var messageText: String {
    if isFinite, self == rounded(), abs(self) < 1e15 {
      return String(Int64(self))
    }
    return "\(self)"
  }
}
