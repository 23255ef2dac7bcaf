import MileQuestCore

/// Places text labels next to points without overlapping each other or leaving a frame.
///
/// Greedy: each label tries a few spots around its point (right, left, above, below and the
/// diagonals) and takes the first that is free; a label with no free spot is left out, so a
/// crowded map stays readable (the dot is still drawn and has a tooltip).
struct LabelPlacer {
  /// A placed label: where its first baseline starts and how it is anchored.
  struct Placement {
    var x: Double
    var y: Double
    /// SVG `text-anchor`: start, middle or end.
    var anchor: String
  }

  private struct Box {
    var left, top, right, bottom: Double

    func overlaps(_ other: Box) -> Bool {
      left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }
  }

  private var taken: [Box] = []
  /// Things a label should rather not cover (the route line), given up when nothing else fits.
  private var avoided: [Box] = []
  let bounds: MapProjection.Frame

  init(bounds: MapProjection.Frame) {
    self.bounds = bounds
  }

  /// Marks a round symbol of `radius` at a point as taken, so labels avoid covering it.
  mutating func reserve(x: Double, y: Double, radius: Double) {
    taken.append(Box(left: x - radius, top: y - radius, right: x + radius, bottom: y + radius))
  }

  /// Marks a small area (a piece of the route line) that labels avoid when they can.
  mutating func avoid(x: Double, y: Double, radius: Double) {
    avoided.append(Box(left: x - radius, top: y - radius, right: x + radius, bottom: y + radius))
  }

  /// Finds a spot for a label `width` × `height` (first line `fontSize` high) next to a point
  /// with a symbol of `radius`; nil when every spot is taken or outside the bounds.
  mutating func place(
    x: Double, y: Double, radius: Double, width: Double, height: Double, fontSize: Double
  ) -> Placement? {
    let gap = radius + 4
    // Top-left corner of the label box for each candidate, with its anchor and baseline.
    let candidates: [(left: Double, top: Double, anchor: String, textX: Double)] = [
      (x + gap, y - fontSize * 0.7, "start", x + gap),
      (x - gap - width, y - fontSize * 0.7, "end", x - gap),
      (x - width / 2, y - gap - height, "middle", x),
      (x - width / 2, y + gap, "middle", x),
      (x + gap * 0.7, y - gap * 0.7 - height, "start", x + gap * 0.7),
      (x - gap * 0.7 - width, y - gap * 0.7 - height, "end", x - gap * 0.7),
      (x + gap * 0.7, y + gap * 0.7, "start", x + gap * 0.7),
      (x - gap * 0.7 - width, y + gap * 0.7, "end", x - gap * 0.7),
    ]
    // First a spot clear of the route line too, then any spot clear of labels and symbols.
    for strict in [true, false] {
      for candidate in candidates {
        let box = Box(
          left: candidate.left, top: candidate.top, right: candidate.left + width,
          bottom: candidate.top + height)
        guard box.left >= bounds.x + 2, box.right <= bounds.x + bounds.width - 2,
          box.top >= bounds.y + 2, box.bottom <= bounds.y + bounds.height - 2,
          !taken.contains(where: { $0.overlaps(box) }),
          !strict || !avoided.contains(where: { $0.overlaps(box) })
        else { continue }
        taken.append(box)
        return Placement(
          x: candidate.textX, y: candidate.top + fontSize * 0.85, anchor: candidate.anchor)
      }
    }
    return nil
  }
}
