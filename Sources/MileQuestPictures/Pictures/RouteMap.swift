import Foundation
import MileQuestCore

/// An SVG map of a route, and of a goal's progress along it: the walked part and the part
/// ahead, milestones as labelled dots (reached ones with their date), every team's marker,
/// a legend, and optionally a graticule and a scale bar.
///
/// Everything is drawn from the data (no tiles, no network, no script). The route is drawn as
/// great circles, densified so that a long leg curves as it does on the globe, in a projection
/// fitted to the route (`MapProjection`). Each marker is a `<g id="marker-N">` (N = its rank,
/// from 0) carrying `data-lat`, `data-lon`, `data-x` and `data-y`, centred on the projected
/// position, so tests and scripts can check it.
public struct RouteMap: Sendable {
  /// What to draw besides the route.
  public struct Options: Sendable {
    /// The unit of the scale bar and the distances in the texts.
    public var unit: DistanceUnit
    /// Draw meridians and parallels with their labels.
    public var graticule: Bool
    /// Draw a scale bar.
    public var scaleBar: Bool
    /// Picture width in pixels; the height follows the route's shape.
    public var width: Double
    /// Draw the title and summary line above the map (off when a page has its own heading).
    public var showTitle: Bool

    public init(
      unit: DistanceUnit = .mi, graticule: Bool = false, scaleBar: Bool = true,
      width: Double = 960, showTitle: Bool = true
    ) {
      self.unit = unit
      self.graticule = graticule
      self.scaleBar = scaleBar
      self.width = width
      self.showTitle = showTitle
    }
  }

  public let route: Route
  public let progress: GoalProgress?
  public let options: Options
  /// The projection the map is drawn in (public so that callers can locate things on it).
  public let projection: MapProjection
  /// Total picture height in pixels.
  public let height: Double
  let geometry: RouteGeometry
  let milestones: [(milestone: Milestone, reachedOn: LocalDate?)]

  /// Fonts for every picture: the platform's UI font, then colour-emoji fonts so that an emoji
  /// in a name shows as a picture where one is installed.
  public static let fontFamily =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif, "
    + "'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'"

  static let titleHeight = 62.0
  static let margin = 56.0
  static let markerRadius = 8.0
  /// Densify great-circle legs to a point every this many degrees of arc.
  static let densifyDegrees = 0.5

  /// Lays out the map of `route`, with `progress` when it shows a goal.
  public init(route: Route, progress: GoalProgress? = nil, options: Options = Options()) throws {
    self.route = route
    self.progress = progress
    self.options = options
    let geometry = try route.geometry()
    self.geometry = geometry
    milestones = Self.milestones(route: route, geometry: geometry, progress: progress)
    let path = Self.trace(geometry, from: 0, to: geometry.length)
    let width = options.width
    let mapWidth = width - 2 * Self.margin
    let aspect = max(MapProjection.aspectRatio(of: path), 0.01)
    let mapHeight = min(max(mapWidth / aspect + 2 * Self.margin, 320), 680)
    let top = options.showTitle ? Self.titleHeight : 0
    let frame = MapProjection.Frame(x: 0, y: top, width: width, height: mapHeight)
    projection = MapProjection(fitting: path, frame: frame, margin: Self.margin)
    height = top + mapHeight + 16 + Self.legend(progress).height(width: width - 32) + 12
  }

  /// Where marker `index` (in `progress.markers` order) is drawn; nil without a position.
  public func markerPoint(_ index: Int) -> (x: Double, y: Double)? {
    guard let markers = progress?.markers, markers.indices.contains(index),
      let position = markers[index].position
    else { return nil }
    return projection.project(position)
  }

  /// The SVG text: a standalone `.svg` file, or (standalone = false) for inlining in HTML.
  public func svg(standalone: Bool = true) -> String {
    let width = options.width
    let title = progress.map { $0.goal.name } ?? route.name
    var svg = SVGDocument(width: width, height: height, title: title, description: subtitle)
    svg.element(
      "rect",
      [
        ("width", SVGDocument.number(width)), ("height", SVGDocument.number(height)),
        ("fill", "#FFFFFF"),
      ])
    if options.showTitle { drawTitle(&svg, title: title) }
    let frame = projection.frame
    svg.begin("defs")
    svg.begin("clipPath", [("id", "map-clip")])
    svg.element("rect", rect(frame))
    svg.end()
    svg.end()
    svg.element("rect", rect(frame) + [("fill", Palette.paper)])
    svg.begin("g", [("clip-path", "url(#map-clip)")])
    if options.graticule { drawGraticule(&svg) }
    drawRoute(&svg)
    svg.end()
    var placer = LabelPlacer(bounds: frame)
    let markerShapes = markerLayout()
    for shape in markerShapes { placer.reserve(x: shape.x, y: shape.y, radius: shape.radius + 2) }
    for point in milestonePoints() { placer.reserve(x: point.x, y: point.y, radius: 5) }
    for point in routeSamples() { placer.avoid(x: point.x, y: point.y, radius: 3) }
    if options.scaleBar { drawScaleBar(&svg, placer: &placer) }
    let markerLabels = markerShapes.map { shape in
      placeLabel(
        &placer, x: shape.x, y: shape.y, radius: shape.outerRadius + 2, lines: [shape.label],
        fontSize: 13)
    }
    drawMilestones(&svg, placer: &placer)
    drawMarkers(&svg, shapes: markerShapes, labels: markerLabels)
    svg.element(
      "rect",
      rect(frame) + [("fill", "none"), ("stroke", Palette.grid), ("stroke-width", "1")])
    Self.legend(progress).draw(
      into: &svg, x: 16, y: frame.y + frame.height + 16, width: width - 32, id: "legend")
    return svg.rendered(
      standalone: standalone,
      attributes: [("font-family", Self.fontFamily), ("class", "milequest-map")])
  }

  // MARK: Texts

  private var subtitle: String {
    let unit = options.unit
    guard let progress else {
      return "\(route.name) · \(PictureFormat.distance(geometry.length, unit)) · "
        + Plural.count(milestones.count, "milestone")
    }
    let leader = progress.leader
    var parts = [route.name]
    if progress.markers.count > 1 {
      parts.append("race of \(Plural.count(progress.markers.count, "team"))")
    }
    parts.append(
      "\(PictureFormat.percent(leader.percent)) · "
        + "\(PictureFormat.distance(leader.doneMetres, unit)) of "
        + PictureFormat.distance(progress.targetMetres, unit))
    parts.append(progress.status.rawValue)
    return parts.joined(separator: " · ")
  }

  private func drawTitle(_ svg: inout SVGDocument, title: String) {
    let width = options.width
    svg.element(
      "text",
      [
        ("x", "16"), ("y", "28"), ("font-size", "20"), ("font-weight", "700"),
        ("fill", Palette.ink), ("id", "map-title"),
      ],
      text: TextMetrics.truncated(title, fontSize: 20, maxWidth: width - 32))
    svg.element(
      "text",
      [("x", "16"), ("y", "50"), ("font-size", "13"), ("fill", Palette.muted)],
      text: TextMetrics.truncated(subtitle, fontSize: 13, maxWidth: width - 32))
  }

  // MARK: Route

  /// The walked distance drawn solid: the leader's, or nothing for a bare route.
  private var walkedMetres: Double { progress?.leader.doneMetres ?? 0 }

  private func drawRoute(_ svg: inout SVGDocument) {
    let length = geometry.length
    guard progress != nil else {
      svg.element(
        "path",
        [
          ("id", "route"), ("d", pathData(from: 0, to: length)), ("fill", "none"),
          ("stroke", Palette.ink), ("stroke-width", "3"), ("stroke-linejoin", "round"),
          ("stroke-linecap", "round"),
        ])
      return
    }
    let walked = min(max(walkedMetres, 0), length)
    if walked < length {
      svg.element(
        "path",
        [
          ("id", "route-ahead"), ("d", pathData(from: walked, to: length)), ("fill", "none"),
          ("stroke", Palette.ahead), ("stroke-width", "2.5"), ("stroke-dasharray", "7 6"),
          ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ])
    }
    if walked > 0 {
      svg.element(
        "path",
        [
          ("id", "route-walked"), ("d", pathData(from: 0, to: walked)), ("fill", "none"),
          ("stroke", Palette.ink), ("stroke-width", "4.5"), ("stroke-linejoin", "round"),
          ("stroke-linecap", "round"),
        ])
    }
  }

  /// SVG path data for the route between two distances, broken where it wraps round the
  /// world (only possible for a route longer than 360° of longitude) and thinned to points at
  /// least half a pixel apart.
  func pathData(from start: Double, to end: Double) -> String {
    let points = Self.trace(geometry, from: start, to: end).map(projection.project)
    var parts: [String] = []
    var last: (x: Double, y: Double)?
    for (index, point) in points.enumerated() {
      if let previous = last {
        if abs(point.x - previous.x) > projection.frame.width / 2 {
          parts.append("M" + xy(point))
        } else if index == points.count - 1
          || hypot(point.x - previous.x, point.y - previous.y) >= 0.5
        {
          parts.append("L" + xy(point))
        } else {
          continue
        }
      } else {
        parts.append("M" + xy(point))
      }
      last = point
    }
    return parts.joined(separator: " ")
  }

  /// Points along the route from `start` to `end` metres: the route's own points in between,
  /// and great-circle points every `densifyDegrees` along each leg.
  static func trace(_ geometry: RouteGeometry, from start: Double, to end: Double)
    -> [Coordinate]
  {
    let start = max(0, start)
    let end = min(end, geometry.length)
    guard end > start else { return [geometry.position(at: start)] }
    var result = [geometry.position(at: start)]
    let first = geometry.legIndex(at: start)
    let last = geometry.legIndex(at: end)
    for leg in first...last {
      let length = geometry.legLengths[leg]
      guard length > 0 else { continue }
      let legStart = geometry.cumulative[leg]
      let f0 = min(max((start - legStart) / length, 0), 1)
      let f1 = min(max((end - legStart) / length, 0), 1)
      guard f1 > f0 else { continue }
      let degrees = length / Earth.meanRadius * 180 / .pi * (f1 - f0)
      let steps = max(1, Int((degrees / densifyDegrees).rounded(.up)))
      let a = geometry.points[leg]
      let b = geometry.points[leg + 1]
      for step in 1...steps {
        let f = f0 + (f1 - f0) * Double(step) / Double(steps)
        if let point = GreatCircle.intermediate(a, b, fraction: f) { result.append(point) }
      }
    }
    return result
  }

  /// Points along the drawn route about every 6 pixels, for labels to steer clear of.
  private func routeSamples() -> [(x: Double, y: Double)] {
    let points = Self.trace(geometry, from: 0, to: geometry.length).map(projection.project)
    var samples: [(x: Double, y: Double)] = []
    for (a, b) in zip(points, points.dropFirst()) {
      let length = hypot(b.x - a.x, b.y - a.y)
      // A jump across the picture is a wrap round the world, not a line.
      guard length < projection.frame.width / 2 else { continue }
      let steps = max(1, Int((length / 6).rounded(.up)))
      for step in 0..<steps {
        let t = Double(step) / Double(steps)
        samples.append((x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
      }
    }
    if let last = points.last { samples.append(last) }
    return samples
  }

  // MARK: Milestones

  static func milestones(route: Route, geometry: RouteGeometry, progress: GoalProgress?)
    -> [(milestone: Milestone, reachedOn: LocalDate?)]
  {
    guard let progress else {
      return Milestone.of(route: route, geometry: geometry).map { ($0, nil) }
    }
    // A milestone counts as reached on the first day any team reached it.
    return progress.leader.milestones.indices.map { index in
      let dates = progress.markers.compactMap {
        $0.milestones.indices.contains(index) ? $0.milestones[index].reachedOn : nil
      }
      return (progress.leader.milestones[index].milestone, dates.min())
    }
  }

  private func milestonePoints() -> [(x: Double, y: Double)] {
    milestones.map { projection.project(geometry.position(at: $0.milestone.atMetres)) }
  }

  private func drawMilestones(_ svg: inout SVGDocument, placer: inout LabelPlacer) {
    let points = milestonePoints()
    // Ends first, so that "Start" and "Finish" keep their labels on a crowded map.
    let order = milestones.indices.sorted { a, b in
      let aEnd = a == 0 || a == milestones.count - 1
      let bEnd = b == 0 || b == milestones.count - 1
      return aEnd != bEnd ? aEnd : a < b
    }
    var labels: [Int: (LabelPlacer.Placement, [String])] = [:]
    let shapes = markerLayout()
    for index in order {
      // A label next to a milestone with a marker on it goes outside the marker.
      let covering =
        shapes.filter {
          hypot($0.x - points[index].x, $0.y - points[index].y) < $0.radius
        }.map { $0.radius + 2 }.max() ?? 5
      let entry = milestones[index]
      var lines = [PictureFormat.isolated(entry.milestone.name)]
      if let reached = entry.reachedOn { lines.append(reached.description) }
      if let placement = placeLabel(
        &placer, x: points[index].x, y: points[index].y, radius: max(5, covering), lines: lines,
        fontSize: 12)
      {
        labels[index] = (placement, lines)
      }
    }
    svg.begin("g", [("id", "milestones")])
    for (index, entry) in milestones.enumerated() {
      let point = points[index]
      let position = geometry.position(at: entry.milestone.atMetres)
      let reached = progress != nil && entry.reachedOn != nil
      var attributes = [
        ("class", reached ? "milestone reached" : "milestone"),
        ("data-name", entry.milestone.name),
        ("data-lat", coordinateText(position.latitude)),
        ("data-lon", coordinateText(position.longitude)),
      ]
      if let date = entry.reachedOn { attributes.append(("data-reached", date.description)) }
      svg.begin("g", attributes)
      let tooltip =
        entry.milestone.name + " · "
        + PictureFormat.distance(entry.milestone.atMetres, options.unit)
        + (entry.reachedOn.map { " · reached \($0)" } ?? "")
      svg.element("title", text: tooltip)
      svg.element(
        "circle",
        [
          ("cx", SVGDocument.number(point.x)), ("cy", SVGDocument.number(point.y)),
          ("r", index == 0 || index == milestones.count - 1 ? "5.5" : "4.5"),
          ("fill", reached || progress == nil ? Palette.ink : "#FFFFFF"),
          ("stroke", reached || progress == nil ? "#FFFFFF" : Palette.ink),
          ("stroke-width", "1.5"),
        ])
      if let (placement, lines) = labels[index] {
        drawLabel(&svg, placement: placement, lines: lines, fontSize: 12, bold: false)
      }
      svg.end()
    }
    svg.end()
  }

  // MARK: Markers

  struct MarkerShape {
    var index: Int
    var x: Double
    var y: Double
    var radius: Double
    var colour: String
    var label: String
    /// The radius of the largest ring on this spot (where this marker's label must start).
    var outerRadius: Double
  }

  /// Markers with their drawn radius: a marker sharing its spot with markers drawn after it
  /// is drawn larger, as a ring around them, so that every team stays visible.
  func markerLayout() -> [MarkerShape] {
    guard let markers = progress?.markers else { return [] }
    let race = markers.count > 1
    let points = markers.indices.map { markerPoint($0) }
    var shapes: [MarkerShape] = markers.indices.compactMap { index in
      guard let point = points[index] else { return nil }
      let covering = points[(index + 1)...].filter { other in
        guard let other else { return false }
        return hypot(other.x - point.x, other.y - point.y) < 3
      }.count
      let name = markers[index].name
      let radius = Self.markerRadius + 6 * Double(covering)
      return MarkerShape(
        index: index, x: point.x, y: point.y, radius: radius, colour: Palette.colour(index),
        label: race
          ? "\(Palette.letter(index)) · \(PictureFormat.isolated(name))"
          : PictureFormat.isolated(name),
        outerRadius: radius)
    }
    for index in shapes.indices {
      shapes[index].outerRadius =
        shapes.filter {
          hypot($0.x - shapes[index].x, $0.y - shapes[index].y) < 3
        }.map(\.radius).max() ?? shapes[index].radius
    }
    return shapes
  }

  private func drawMarkers(
    _ svg: inout SVGDocument, shapes: [MarkerShape], labels: [LabelPlacer.Placement?]
  ) {
    guard let markers = progress?.markers else { return }
    svg.begin("g", [("id", "markers")])
    // Larger rings first, so a smaller marker on the same spot stays on top.
    let order = shapes.indices.sorted { shapes[$0].radius > shapes[$1].radius }
    for shapeIndex in order {
      let shape = shapes[shapeIndex]
      let marker = markers[shape.index]
      guard let position = marker.position else { continue }
      svg.begin(
        "g",
        [
          ("id", "marker-\(shape.index)"), ("class", "marker"), ("data-team", marker.name),
          ("data-lat", coordinateText(position.latitude)),
          ("data-lon", coordinateText(position.longitude)),
          ("data-x", SVGDocument.number(shape.x)), ("data-y", SVGDocument.number(shape.y)),
          ("data-colour", shape.colour),
          ("transform", "translate(\(SVGDocument.number(shape.x)) \(SVGDocument.number(shape.y)))"),
        ])
      var tooltip =
        "\(marker.name) · \(PictureFormat.percent(marker.percent)) · "
        + PictureFormat.distance(marker.doneMetres, options.unit)
      if let arrived = marker.arrivedOn { tooltip += " · arrived \(arrived)" }
      svg.element("title", text: tooltip)
      svg.element("circle", [("r", SVGDocument.number(shape.radius + 2)), ("fill", Palette.ink)])
      svg.element(
        "circle",
        [
          ("r", SVGDocument.number(shape.radius)), ("fill", shape.colour), ("stroke", "#FFFFFF"),
          ("stroke-width", "1.5"),
        ])
      svg.end()
    }
    for (shape, placement) in zip(shapes, labels) {
      guard let placement else { continue }
      drawLabel(&svg, placement: placement, lines: [shape.label], fontSize: 13, bold: true)
    }
    svg.end()
  }

  // MARK: Labels

  private func placeLabel(
    _ placer: inout LabelPlacer, x: Double, y: Double, radius: Double, lines: [String],
    fontSize: Double
  ) -> LabelPlacer.Placement? {
    let width = lines.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
    let height = fontSize * 1.25 * Double(lines.count)
    return placer.place(
      x: x, y: y, radius: radius, width: width, height: height, fontSize: fontSize)
  }

  /// A label with a white halo (painted under the glyphs) so it reads over any line.
  private func drawLabel(
    _ svg: inout SVGDocument, placement: LabelPlacer.Placement, lines: [String],
    fontSize: Double, bold: Bool
  ) {
    svg.begin(
      "text",
      [
        ("x", SVGDocument.number(placement.x)), ("y", SVGDocument.number(placement.y)),
        ("text-anchor", placement.anchor), ("font-size", SVGDocument.number(fontSize)),
        ("font-weight", bold ? "700" : "400"), ("fill", Palette.ink),
        ("stroke", "#FFFFFF"), ("stroke-width", "3"), ("stroke-linejoin", "round"),
        ("paint-order", "stroke"),
      ])
    for (index, line) in lines.enumerated() {
      var attributes = [("x", SVGDocument.number(placement.x))]
      if index > 0 {
        attributes += [
          ("dy", SVGDocument.number(fontSize * 1.2)), ("fill", Palette.muted),
          ("font-size", SVGDocument.number(fontSize - 1)),
        ]
      }
      svg.element("tspan", attributes, text: line)
    }
    svg.end()
  }

  // MARK: Graticule and scale

  private func drawGraticule(_ svg: inout SVGDocument) {
    let frame = projection.frame
    let west = projection.longitude(atX: frame.x)
    let east = projection.longitude(atX: frame.x + frame.width)
    let north = min(projection.latitude(atY: frame.y), 90)
    let south = max(projection.latitude(atY: frame.y + frame.height), -90)
    let span = max(east - west, north - south)
    let step =
      [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60].first {
        span / $0 <= 8
      } ?? 60
    svg.begin(
      "g",
      [
        ("id", "graticule"), ("stroke", Palette.grid), ("stroke-width", "1"),
        ("font-size", "11"), ("fill", Palette.muted),
      ])
    var k = (west / step).rounded(.up)
    while k * step <= east {
      let longitude = k * step
      let x = projection.project(
        Coordinate(latitude: projection.centralLatitude, longitude: longitude)
      ).x
      svg.element(
        "line",
        [
          ("x1", SVGDocument.number(x)), ("y1", SVGDocument.number(frame.y)),
          ("x2", SVGDocument.number(x)), ("y2", SVGDocument.number(frame.y + frame.height)),
        ])
      let wrapped = GreatCircle.normalizedLongitude(longitude)
      svg.element(
        "text",
        [
          ("x", SVGDocument.number(x + 3)), ("y", SVGDocument.number(frame.y + 13)),
          ("stroke", "none"),
        ],
        text: PictureFormat.degrees(wrapped == -180 ? 180 : wrapped, positive: "E", negative: "W"))
      k += 1
    }
    k = (south / step).rounded(.up)
    while k * step <= north {
      let latitude = k * step
      let y = projection.project(
        Coordinate(latitude: latitude, longitude: projection.centralLongitude)
      ).y
      svg.element(
        "line",
        [
          ("x1", SVGDocument.number(frame.x)), ("y1", SVGDocument.number(y)),
          ("x2", SVGDocument.number(frame.x + frame.width)), ("y2", SVGDocument.number(y)),
        ])
      svg.element(
        "text",
        [
          ("x", SVGDocument.number(frame.x + 4)), ("y", SVGDocument.number(y - 3)),
          ("stroke", "none"),
        ],
        text: PictureFormat.degrees(latitude, positive: "N", negative: "S"))
      k += 1
    }
    svg.end()
  }

  /// A scale bar of a round length in the display unit, at the bottom right of the map.
  private func drawScaleBar(_ svg: inout SVGDocument, placer: inout LabelPlacer) {
    let unitMetres = options.unit.metres
    let metresPerPixel = projection.metresPerPixel
    let value = NiceNumbers.floor(metresPerPixel * 140 / unitMetres)
    guard value > 0 else { return }
    let length = value * unitMetres / metresPerPixel
    let frame = projection.frame
    let right = frame.x + frame.width - 20
    let left = right - length
    let y = frame.y + frame.height - 18
    placer.reserve(x: (left + right) / 2, y: y - 8, radius: length / 2 + 6)
    let n = SVGDocument.number
    svg.begin("g", [("id", "scale-bar"), ("data-metres", n(value * unitMetres))])
    svg.element(
      "rect",
      [
        ("x", n(left - 6)), ("y", n(y - 24)), ("width", n(length + 12)), ("height", "32"),
        ("rx", "3"), ("fill", "#FFFFFF"), ("fill-opacity", "0.85"),
      ])
    svg.element(
      "rect",
      [
        ("x", n(left)), ("y", n(y)), ("width", n(length)), ("height", "5"), ("fill", "#FFFFFF"),
        ("stroke", Palette.ink), ("stroke-width", "1"),
      ])
    svg.element(
      "rect",
      [
        ("x", n(left)), ("y", n(y)), ("width", n(length / 2)), ("height", "5"),
        ("fill", Palette.ink),
      ])
    svg.element(
      "text",
      [
        ("x", n((left + right) / 2)), ("y", n(y - 6)), ("text-anchor", "middle"),
        ("font-size", "12"), ("fill", Palette.ink),
      ],
      text: "\(NiceNumbers.label(value)) \(options.unit.name)")
    svg.end()
  }

  // MARK: Legend

  static func legend(_ progress: GoalProgress?) -> SVGLegend {
    guard let progress else {
      return SVGLegend(items: [
        .init(symbol: .line(colour: Palette.ink, width: 3, dash: nil), text: "Route"),
        .init(symbol: .dot(fill: Palette.ink, stroke: "#FFFFFF"), text: "Milestone"),
      ])
    }
    var items: [SVGLegend.Item] = [
      .init(symbol: .line(colour: Palette.ink, width: 4.5, dash: nil), text: "Walked"),
      .init(symbol: .line(colour: Palette.ahead, width: 2.5, dash: "7 6"), text: "Ahead"),
      .init(symbol: .dot(fill: Palette.ink, stroke: "#FFFFFF"), text: "Milestone reached"),
      .init(symbol: .dot(fill: "#FFFFFF", stroke: Palette.ink), text: "Milestone ahead"),
    ]
    let race = progress.markers.count > 1
    for (index, marker) in progress.markers.enumerated() {
      let name = PictureFormat.isolated(marker.name)
      var text = race ? "\(Palette.letter(index)) · \(name)" : name
      text += " — " + PictureFormat.percent(marker.percent)
      if let arrived = marker.arrivedOn { text += ", arrived \(arrived)" }
      items.append(.init(symbol: .marker(colour: Palette.colour(index)), text: text))
    }
    return SVGLegend(items: items)
  }

  // MARK: Helpers

  private func rect(_ frame: MapProjection.Frame) -> [(String, String)] {
    [
      ("x", SVGDocument.number(frame.x)), ("y", SVGDocument.number(frame.y)),
      ("width", SVGDocument.number(frame.width)), ("height", SVGDocument.number(frame.height)),
    ]
  }

  private func xy(_ point: (x: Double, y: Double)) -> String {
    SVGDocument.number(point.x) + " " + SVGDocument.number(point.y)
  }

  /// Full precision (shortest round-trip form), so a script reading it back gets the exact
  /// position.
  private func coordinateText(_ value: Double) -> String {
    "\(value)"
  }
}
