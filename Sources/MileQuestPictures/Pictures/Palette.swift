import MileQuestCore

/// Colours for pictures: the Okabe–Ito palette, which stays distinguishable with the common
/// kinds of colour blindness (Okabe & Ito, "Color Universal Design", 2008).
public enum Palette {
  /// Colours for teams and members, in the order they are handed out. Yellow and black come
  /// last: yellow is faint on white, and black is the walked route's colour.
  public static let series = [
    "#0072B2",  // blue
    "#D55E00",  // vermillion
    "#009E73",  // bluish green
    "#CC79A7",  // reddish purple
    "#E69F00",  // orange
    "#56B4E9",  // sky blue
    "#F0E442",  // yellow
    "#000000",  // black
  ]

  /// The colour of the `index`-th team or member (the palette repeats after eight).
  public static func colour(_ index: Int) -> String {
    series[((index % series.count) + series.count) % series.count]
  }

  /// A short letter for the `index`-th marker ("A", "B", ..., "Z", then "AA"...), so that a
  /// team can be told apart without relying on colour.
  public static func letter(_ index: Int) -> String {
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    var n = max(0, index)
    var text = ""
    repeat {
      text = String(letters[n % 26]) + text
      n = n / 26 - 1
    } while n >= 0
    return text
  }

  /// Ink for text and the walked route.
  public static let ink = "#222222"
  /// Secondary text, axes.
  public static let muted = "#666666"
  /// The part of the route still ahead.
  public static let ahead = "#8A8A8A"
  /// Grid and graticule lines.
  public static let grid = "#D9DEE3"
  /// Map background.
  public static let paper = "#F4F7FA"
}
