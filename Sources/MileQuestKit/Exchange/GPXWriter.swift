import Foundation

/// Writes a route as GPX 1.1 (GEODESY.md §4.3): one `<rte>`, coordinates to 7 decimals
/// (about 1 cm), longitudes in [−180, 180) as the schema demands, labels as `<name>`.
public enum GPXWriter {
  /// The route as a GPX 1.1 document (UTF-8 text ending in a newline).
  public static func route(_ route: Route) -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <gpx version="1.1" creator="milequest" xmlns="http://www.topografix.com/GPX/1/1">
        <metadata>
          <name>\(escape(route.name))</name>
        </metadata>
        <rte>
          <name>\(escape(route.name))</name>

      """
    for point in route.points {
      let (lat, lon) = formatted(point.coordinate)
      out += "    <rtept lat=\"\(lat)\" lon=\"\(lon)\">"
      if let label = point.label {
        out += "<name>\(escape(label))</name>"
      }
      out += "</rtept>\n"
    }
    out += "  </rte>\n</gpx>\n"
    return out
  }

  /// Latitude and longitude with 7 decimals; a longitude that rounds to 180 is written as −180
  /// and "-0.0000000" as "0.0000000".
  static func formatted(_ c: Coordinate) -> (String, String) {
    func fixed(_ value: Double) -> String {
      let text = String(format: "%.7f", value)
      return text == "-0.0000000" ? "0.0000000" : text
    }
    var lon = fixed(GreatCircle.normalizedLongitude(c.longitude))
    if lon == "180.0000000" { lon = "-180.0000000" }
    return (fixed(c.latitude), lon)
  }

  /// Text safe inside an element or a double-quoted attribute. Control characters that
  /// XML 1.0 cannot represent at all are dropped.
  static func escape(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
