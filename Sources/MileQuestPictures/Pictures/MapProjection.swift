import Foundation
import MileQuestCore

/// An equirectangular projection chosen for one route and fitted to a rectangle of pixels.
///
/// The central meridian is the middle of the route's longitudes *after unwrapping* them (each
/// longitude taken within 180° of the one before), so a route that crosses the antimeridian
/// sits in one piece in the middle of the picture instead of streaking across a world map.
/// East–west distances are scaled by cos φ0 at the route's middle latitude, which keeps shapes
/// right near that latitude (the plate carrée would squash a high-latitude route sideways).
public struct MapProjection: Sendable, Equatable {
  /// A rectangle in pixels (y grows downwards, as in SVG).
  public struct Frame: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
      self.x = x
      self.y = y
      self.width = width
      self.height = height
    }
  }

  /// The meridian drawn in the middle, in [−180, 180).
  public let centralLongitude: Double
  /// The latitude drawn in the middle.
  public let centralLatitude: Double
  /// The parallel whose scale is true (cos φ0 east–west scaling).
  public let referenceLatitude: Double
  /// Pixels per degree of latitude.
  public let pixelsPerDegree: Double
  /// The rectangle the projection was fitted to.
  public let frame: Frame

  /// Smallest extent fitted, in degrees, so that a very short route is not blown up to a
  /// street plan and a route along one meridian still has a width (about 1 km).
  static let minimumSpan = 0.01
  /// |φ0| is capped here so that cos φ0 never nears 0 for a polar route.
  static let maximumReferenceLatitude = 75.0

  /// Fits the projection so that every coordinate lies inside `frame` less `margin` pixels
  /// on each side; at least one coordinate is required (else the whole world is shown).
  public init(fitting coordinates: [Coordinate], frame: Frame, margin: Double) {
    let extent = Self.extent(of: coordinates)
    let phi0 = min(
      max((extent.south + extent.north) / 2, -Self.maximumReferenceLatitude),
      Self.maximumReferenceLatitude)
    let cosPhi0 = cos(phi0 * .pi / 180)
    let spanX = max(extent.east - extent.west, Self.minimumSpan) * cosPhi0
    let spanY = max(extent.north - extent.south, Self.minimumSpan)
    let usableWidth = max(frame.width - 2 * margin, 1)
    let usableHeight = max(frame.height - 2 * margin, 1)
    centralLongitude = GreatCircle.normalizedLongitude((extent.west + extent.east) / 2)
    centralLatitude = (extent.south + extent.north) / 2
    referenceLatitude = phi0
    pixelsPerDegree = min(usableWidth / spanX, usableHeight / spanY)
    self.frame = frame
  }

  /// The pixel position of a coordinate. Longitudes are measured from the central meridian
  /// within ±180°, so any longitude (−170 or 190 alike) lands on the same side as the route.
  public func project(_ coordinate: Coordinate) -> (x: Double, y: Double) {
    let dLon = GreatCircle.normalizedLongitude(coordinate.longitude - centralLongitude)
    return (
      x: frame.x + frame.width / 2 + dLon * cosReference * pixelsPerDegree,
      y: frame.y + frame.height / 2 - (coordinate.latitude - centralLatitude) * pixelsPerDegree
    )
  }

  /// The longitude (unwrapped: it may leave [−180, 180)) drawn at pixel column `x`.
  public func longitude(atX x: Double) -> Double {
    centralLongitude + (x - frame.x - frame.width / 2) / (cosReference * pixelsPerDegree)
  }

  /// The latitude drawn at pixel row `y` (not clamped to ±90).
  public func latitude(atY y: Double) -> Double {
    centralLatitude - (y - frame.y - frame.height / 2) / pixelsPerDegree
  }

  /// Metres on the ground per pixel, exact along meridians and along the reference parallel.
  public var metresPerPixel: Double {
    Earth.meanRadius * .pi / 180 / pixelsPerDegree
  }

  /// Width over height of the smallest box around the coordinates, as this projection would
  /// draw it (before fitting); used to choose a picture's height.
  public static func aspectRatio(of coordinates: [Coordinate]) -> Double {
    let extent = extent(of: coordinates)
    let phi0 = min(
      max((extent.south + extent.north) / 2, -maximumReferenceLatitude), maximumReferenceLatitude)
    let spanX = max(extent.east - extent.west, minimumSpan) * cos(phi0 * .pi / 180)
    let spanY = max(extent.north - extent.south, minimumSpan)
    return spanX / spanY
  }

  /// Longitudes made continuous: each is moved by a multiple of 360° to lie within 180° of the
  /// previous one, so a path over the antimeridian runs 179, 181, 183 instead of 179, −179.
  public static func unwrapped(_ longitudes: [Double]) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(longitudes.count)
    for longitude in longitudes {
      if let previous = result.last {
        result.append(previous + GreatCircle.normalizedLongitude(longitude - previous))
      } else {
        result.append(GreatCircle.normalizedLongitude(longitude))
      }
    }
    return result
  }

  private var cosReference: Double { cos(referenceLatitude * .pi / 180) }

  /// West, east (unwrapped, east ≥ west, at most 360° apart), south and north of a path.
  static func extent(of coordinates: [Coordinate])
    -> (west: Double, east: Double, south: Double, north: Double)
  {
    guard !coordinates.isEmpty else { return (-180, 180, -85, 85) }
    let longitudes = unwrapped(coordinates.map(\.longitude))
    var west = longitudes.min() ?? 0
    var east = longitudes.max() ?? 0
    if east - west > 360 {
      // The path goes round the world: show all of it, centred on where it starts.
      let middle = longitudes[0]
      west = middle - 180
      east = middle + 180
    }
    let latitudes = coordinates.map(\.latitude)
    return (west, east, latitudes.min() ?? 0, latitudes.max() ?? 0)
  }
}
