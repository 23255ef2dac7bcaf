import Foundation
import MileQuestCore

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

  /// Latitude and longitude in the shortest decimal form that reads back to the same double,
  /// so an exported route re-imports to exactly the same points and length (xsd:decimal
  /// allows any number of digits, but no exponent). Longitudes are normalised to [-180, 180).
  static func formatted(_ c: Coordinate) -> (String, String) {
    (decimal(c.latitude), decimal(GreatCircle.normalizedLongitude(c.longitude)))
  }

  /// `value` as a plain decimal (never `1e-05`), exact on reading back: Swift's shortest
  /// round-trip digits, with the exponent moved into the position of the decimal point.
  static func decimal(_ value: Double) -> String {
    let text = "\(value)"
    guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...])
    else { return text == "-0.0" ? "0.0" : text }
    let negative = text.hasPrefix("-")
    let mantissa = text[..<e].filter { $0 != "-" }
    let point =
      mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
      ?? mantissa.count
    var digits = mantissa.filter { $0 != "." }
    var position = point + exponent  // digits before the decimal point
    if position <= 0 {
      digits = String(repeating: "0", count: 1 - position) + digits
      position = 1
    } else if position > digits.count {
      digits += String(repeating: "0", count: position - digits.count)
    }
    var fraction = String(digits.dropFirst(position))
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let result = String(digits.prefix(position)) + "." + (fraction.isEmpty ? "0" : fraction)
    return (negative ? "-" : "") + result
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
