import Foundation
import MileQuestCore

/// A tiny SVG writer: nested elements with escaped attributes and text, nothing else.
///
/// Every attribute value and every text node goes through `escape`, so names with `<`, `&`,
/// quotes, emoji or right-to-left scripts always come out as text, never as markup.
public struct SVGDocument: Sendable {
  /// Width of the picture in CSS pixels (also the viewBox width).
  public let width: Double
  /// Height of the picture in CSS pixels (also the viewBox height).
  public let height: Double
  private var lines: [String] = []
  private var open: [String] = []

  /// An empty picture of `width` × `height` pixels with an accessible title and description.
  public init(width: Double, height: Double, title: String, description: String? = nil) {
    self.width = width
    self.height = height
    element("title", text: title)
    if let description { element("desc", text: description) }
  }

  /// Adds an empty element (`text == nil`) or one with a text node.
  public mutating func element(
    _ name: String, _ attributes: [(String, String)] = [], text: String? = nil
  ) {
    let indent = String(repeating: "  ", count: open.count + 1)
    let start = "<\(name)\(Self.attributeText(attributes))"
    if let text {
      lines.append(indent + start + ">" + Self.escape(text) + "</\(name)>")
    } else {
      lines.append(indent + start + "/>")
    }
  }

  /// Opens a container element (`g`, `text`, `defs`...); close it with `end()`.
  public mutating func begin(_ name: String, _ attributes: [(String, String)] = []) {
    let indent = String(repeating: "  ", count: open.count + 1)
    lines.append(indent + "<\(name)\(Self.attributeText(attributes))>")
    open.append(name)
  }

  /// Closes the innermost open element.
  public mutating func end() {
    guard let name = open.popLast() else { return }
    lines.append(String(repeating: "  ", count: open.count + 1) + "</\(name)>")
  }

  /// The finished SVG. `standalone` adds the XML declaration that a `.svg` file carries; an
  /// SVG inlined in HTML goes without it. Elements left open are closed.
  public func rendered(standalone: Bool = true, attributes: [(String, String)] = []) -> String {
    var copy = self
    while !copy.open.isEmpty { copy.end() }
    let root: [(String, String)] =
      [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("width", Self.number(width)), ("height", Self.number(height)),
        ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"),
        ("role", "img"),
      ] + attributes
    var text = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
    text += "<svg\(Self.attributeText(root))>\n"
    text += copy.lines.joined(separator: "\n")
    text += "\n</svg>\n"
    return text
  }

  // MARK: Escaping and numbers

  /// Escapes text for XML (and HTML) text and attribute values: `& < > " '` become entities,
  /// and characters XML 1.0 cannot carry (controls other than tab and newlines) are dropped.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        // XML 1.0 §2.2: no C0 controls, and not U+FFFE / U+FFFF.
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// A coordinate or length with at most two decimals and no trailing zeros ("12.5", "-3").
  public static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    return FixedDecimal.trimmed(value, places: 2)
  }

  /// An SVG path through `points`: "M x y L x y ...".
  public static func path(_ points: [(x: Double, y: Double)]) -> String {
    points.enumerated().map { index, point in
      (index == 0 ? "M" : "L") + number(point.x) + " " + number(point.y)
    }.joined(separator: " ")
  }

  private static func attributeText(_ attributes: [(String, String)]) -> String {
    attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }
}
