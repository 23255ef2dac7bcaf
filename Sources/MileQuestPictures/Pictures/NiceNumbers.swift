import Foundation
import MileQuestCore

/// Round numbers for axis ticks and scale bars (1, 2 or 5 times a power of ten).
public enum NiceNumbers {
  /// The largest 1-2-5 number not above `value` (for a scale bar that must fit); 0 for
  /// values ≤ 0.
  public static func floor(_ value: Double) -> Double {
    guard value > 0, value.isFinite else { return 0 }
    let power = pow(10, (log10(value)).rounded(.down))
    for step in [5.0, 2.0, 1.0] where step * power <= value * (1 + 1e-9) {
      return step * power
    }
    return power
  }

  /// A 1-2-5 step that cuts `0...maximum` into at most about `count` intervals.
  public static func step(maximum: Double, count: Int) -> Double {
    guard maximum > 0, maximum.isFinite, count > 0 else { return 1 }
    let raw = maximum / Double(count)
    let power = pow(10, (log10(raw)).rounded(.down))
    for step in [1.0, 2.0, 5.0, 10.0] where step * power >= raw * (1 - 1e-9) {
      return step * power
    }
    return 10 * power
  }

  /// A number as a label: no decimals for whole numbers, else up to two ("2.5", "0.25").
  public static func label(_ value: Double) -> String {
    if abs(value - value.rounded()) < 1e-9 { return FixedDecimal.trimmed(value, places: 0) }
    return FixedDecimal.trimmed(value, places: 2)
  }
}
