import MileQuestKit

/// One-line pictures of a goal for the terminal: the route as a strip with its milestones and
/// markers, and a progress bar.
///
///     Nadi ●━━━━━━━▲━━━○──────────○ Taveuni        (Unicode)
///     Nadi *=======^===o----------o Taveuni        (--ascii)
///
/// In a race each team's marker is its letter (A for the leader, B, ...), as on the map.
enum RouteStrip {
  /// The characters a strip or bar is drawn with.
  struct Symbols {
    var walked: Character
    var ahead: Character
    var reached: Character
    var upcoming: Character
    var marker: Character
    var ellipsis: String

    static let unicode = Symbols(
      walked: "━", ahead: "─", reached: "●", upcoming: "○", marker: "▲", ellipsis: "…")
    static let ascii = Symbols(
      walked: "=", ahead: "-", reached: "*", upcoming: "o", marker: "^", ellipsis: "~")
  }

  /// Longest end label kept whole.
  static let maximumLabel = 16

  /// The strip of `progress`, about `width` columns wide (the cells get what the two end
  /// labels leave, at least 12).
  static func line(_ progress: GoalProgress, width: Int = 60, ascii: Bool) -> String {
    let symbols = ascii ? Symbols.ascii : Symbols.unicode
    let leader = progress.leader
    let milestones = leader.milestones.map(\.milestone)
    let target = progress.targetMetres
    let startLabel = milestones.first.flatMap { $0.atMetres <= 0 ? $0.name : nil } ?? "0%"
    let endLabel = milestones.last?.name ?? "100%"
    let start = clip(startLabel, symbols)
    let end = clip(endLabel, symbols)
    let cells = max(12, width - start.count - end.count - 2)
    func cell(_ metres: Double) -> Int {
      guard target > 0 else { return cells - 1 }
      let index = (min(max(metres / target, 0), 1) * Double(cells - 1)).rounded()
      return min(max(Int(index), 0), cells - 1)
    }
    let walkedCell = leader.doneMetres > 0 ? cell(leader.doneMetres) : -1
    var strip: [Character] = (0..<cells).map { $0 <= walkedCell ? symbols.walked : symbols.ahead }
    // Milestones, reached ones filled in; each is "reached" when the leader passed it.
    for entry in leader.milestones {
      strip[cell(entry.milestone.atMetres)] =
        entry.reachedOn != nil ? symbols.reached : symbols.upcoming
    }
    if progress.markers.count == 1 {
      strip[cell(leader.doneMetres)] = symbols.marker
    } else {
      // Letters; a team sharing a cell with one ahead of it moves to the nearest free cell so
      // that every team shows.
      var taken = Set<Int>()
      for (index, marker) in progress.markers.enumerated() {
        let wanted = cell(marker.doneMetres)
        let spot =
          ([wanted] + (1..<cells).flatMap { [wanted - $0, wanted + $0] })
          .first { (0..<cells).contains($0) && !taken.contains($0) } ?? wanted
        taken.insert(spot)
        let letter = Palette.letter(index)
        strip[spot] = letter.count == 1 ? Character(letter) : "+"
      }
    }
    return "\(start) \(String(strip)) \(end)"
  }

  /// The letters of a race's markers: "A = Kiwis · B = Wallabies"; nil for one marker.
  static func key(_ progress: GoalProgress) -> String? {
    guard progress.markers.count > 1 else { return nil }
    return progress.markers.enumerated().map { index, marker in
      "\(Palette.letter(index)) = \(marker.name)"
    }.joined(separator: " · ")
  }

  /// A bar of `width` cells filled to `percent`: eighth blocks in Unicode, `#` in ASCII.
  static func bar(_ percent: Double, width: Int = 30, ascii: Bool) -> String {
    let fraction = max(0, min(100, percent.isFinite ? percent : 0)) / 100
    if ascii {
      let filled = Int((fraction * Double(width)).rounded(.down))
      return "[" + String(repeating: "#", count: filled)
        + String(repeating: ".", count: width - filled) + "]"
    }
    let eighths = Int((fraction * Double(width * 8)).rounded(.down))
    let full = eighths / 8
    let partial: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    var text = String(repeating: "█", count: full)
    if full < width {
      text += partial[eighths % 8]
      let used = full + (eighths % 8 > 0 ? 1 : 0)
      text += String(repeating: "░", count: width - used)
    }
    return "▕" + text + "▏"
  }

  /// One character per value, scaled to the largest: block heights in Unicode, a ramp of
  /// punctuation in ASCII.
  static func sparkline(_ values: [Double], ascii: Bool) -> String {
    let levels: [Character] =
      ascii ? ["_", ".", ":", "-", "=", "+", "*", "#"] : ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let top = values.max() ?? 0
    return String(
      values.map { value in
        top <= 0 ? levels[0] : levels[min(7, max(0, Int((value / top * 7).rounded())))]
      })
  }

  private static func clip(_ label: String, _ symbols: Symbols) -> String {
    guard label.count > maximumLabel else { return label }
    return String(label.prefix(maximumLabel - symbols.ellipsis.count)) + symbols.ellipsis
  }
}
