import Foundation
import MileQuestCore

/// How numbers and dates read in pictures (which round for the eye; JSON keeps precision).
public enum PictureFormat {
  /// "1,234.5 mi": one decimal, thousands grouped with commas.
  public static func distance(_ metres: Double, _ unit: DistanceUnit) -> String {
    grouped(unit.value(fromMetres: metres), decimals: 1) + " " + unit.name
  }

  /// A value with `decimals` decimals and comma-grouped thousands ("12,345.6").
  public static func grouped(_ value: Double, decimals: Int) -> String {
    let text = FixedDecimal.string(
      value.isFinite ? value : 0, places: min(max(0, decimals), FixedDecimal.maximumPlaces))
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
    var integer = parts.first ?? "0"
    var groups: [String] = []
    while integer.count > 3 {
      groups.insert(String(integer.suffix(3)), at: 0)
      integer.removeLast(3)
    }
    groups.insert(integer, at: 0)
    let joined = groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    return (negative && value != 0 ? "-" : "") + joined
  }

  /// `name` between Unicode first-strong-isolate and pop-directional-isolate marks, so that a
  /// right-to-left name does not pull the text around it ("C · name — 20%") into its own
  /// direction (the SVG counterpart of HTML's `<bdi>`).
  public static func isolated(_ name: String) -> String {
    "\u{2068}" + name + "\u{2069}"
  }

  /// "45.2%".
  public static func percent(_ value: Double) -> String {
    FixedDecimal.string(value, places: 1) + "%"
  }

  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// "2 Mar" — a short axis label (English month abbreviations, no locale lookup).
  public static func shortDate(_ date: LocalDate) -> String {
    "\(date.day) \(months[(date.month - 1) % 12])"
  }

  /// "Mar 2026".
  public static func monthYear(_ date: LocalDate) -> String {
    "\(months[(date.month - 1) % 12]) \(date.year)"
  }

  /// A latitude or longitude for a graticule label: "170°E", "180°", "0°", "12.5°S".
  public static func degrees(_ value: Double, positive: String, negative: String) -> String {
    let magnitude = abs(value)
    let number = NiceNumbers.label((magnitude * 1000).rounded() / 1000)
    if magnitude < 1e-9 || abs(magnitude - 180) < 1e-9 { return number + "°" }
    return number + "°" + (value > 0 ? positive : negative)
  }
}
