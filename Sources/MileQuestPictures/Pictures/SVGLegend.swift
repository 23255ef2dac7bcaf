import MileQuestCore

/// A legend of symbols and texts, laid out left to right in rows under a picture.
struct SVGLegend {
  /// What a legend entry shows before its text.
  enum Symbol {
    case line(colour: String, width: Double, dash: String?)
    case dot(fill: String, stroke: String)
    case marker(colour: String)
    case box(colour: String)
  }

  struct Item {
    var symbol: Symbol
    var text: String
  }

  var items: [Item]
  static let fontSize = 13.0
  static let rowHeight = 22.0
  static let symbolWidth = 26.0
  static let gap = 22.0

  /// Where each item goes within `width` pixels, starting at (0, 0).
  func layout(width: Double) -> [(item: Item, x: Double, row: Int)] {
    var result: [(item: Item, x: Double, row: Int)] = []
    var x = 0.0
    var row = 0
    for item in items {
      let text = TextMetrics.truncated(
        item.text, fontSize: Self.fontSize, maxWidth: width - Self.symbolWidth - 8)
      let itemWidth = Self.symbolWidth + TextMetrics.width(text, fontSize: Self.fontSize)
      if x > 0 && x + itemWidth > width {
        row += 1
        x = 0
      }
      result.append((item: Item(symbol: item.symbol, text: text), x: x, row: row))
      x += itemWidth + Self.gap
    }
    return result
  }

  /// The height the legend needs in `width` pixels (0 when empty).
  func height(width: Double) -> Double {
    guard let last = layout(width: width).last else { return 0 }
    return Double(last.row + 1) * Self.rowHeight
  }

  /// Draws the legend with its top-left corner at (x, y).
  func draw(into svg: inout SVGDocument, x: Double, y: Double, width: Double, id: String) {
    svg.begin(
      "g", [("id", id), ("class", "legend"), ("font-size", SVGDocument.number(Self.fontSize))])
    for entry in layout(width: width) {
      let left = x + entry.x
      let middle = y + Double(entry.row) * Self.rowHeight + Self.rowHeight / 2
      let n = SVGDocument.number
      switch entry.item.symbol {
      case .line(let colour, let strokeWidth, let dash):
        var attributes = [
          ("x1", n(left)), ("y1", n(middle)), ("x2", n(left + 20)), ("y2", n(middle)),
          ("stroke", colour), ("stroke-width", n(strokeWidth)), ("stroke-linecap", "round"),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        svg.element("line", attributes)
      case .dot(let fill, let stroke):
        svg.element(
          "circle",
          [
            ("cx", n(left + 10)), ("cy", n(middle)), ("r", "4.5"), ("fill", fill),
            ("stroke", stroke), ("stroke-width", "1.5"),
          ])
      case .marker(let colour):
        svg.element(
          "circle", [("cx", n(left + 10)), ("cy", n(middle)), ("r", "8"), ("fill", Palette.ink)])
        svg.element(
          "circle",
          [
            ("cx", n(left + 10)), ("cy", n(middle)), ("r", "6"), ("fill", colour),
            ("stroke", "#FFFFFF"), ("stroke-width", "1.5"),
          ])
      case .box(let colour):
        svg.element(
          "rect",
          [
            ("x", n(left + 3)), ("y", n(middle - 7)), ("width", "14"), ("height", "14"),
            ("rx", "2"), ("fill", colour),
          ])
      }
      svg.element(
        "text",
        [("x", n(left + Self.symbolWidth)), ("y", n(middle + 4.5)), ("fill", Palette.ink)],
        text: entry.item.text)
    }
    svg.end()
  }
}
