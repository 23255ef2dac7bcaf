import Foundation

/// Parses the distances people type (`3.2`, `5km`, `800 m`, `12000 steps`) into metres.
public enum DistanceInput {
  /// Examples shown when an input cannot be read at all.
  private static let examples = "e.g. 3.2, 3.2mi, 5 km, 800m or 12000 steps"

  /// Parses a positive distance into metres; a bare number is in `defaultUnit`, and steps are
  /// multiplied by `strideMetres` (refused when nil). No upper limit: goals may be long.
  public static func parse(
    _ text: String, defaultUnit: DistanceUnit, strideMetres: Double?
  ) throws -> Double {
    if let metres = quickParse(text, defaultUnit: defaultUnit) { return metres }
    let trimmed = text.trimmedOfWhitespaceAndNewlines
    guard !trimmed.isEmpty else {
      throw MileQuestError.badData("empty distance; give a number with a unit, \(examples)")
    }
    let (number, unitText) = try split(trimmed, what: "distance")
    let unit = unitText.lowercased()
    let metres: Double
    switch unit {
    case "":
      metres = number.value * defaultUnit.metres
    case "mi", "mile", "miles":
      metres = number.value * DistanceUnit.mi.metres
    case "km", "kilometre", "kilometres", "kilometer", "kilometers":
      metres = number.value * DistanceUnit.km.metres
    case "m", "metre", "metres", "meter", "meters":
      metres = number.value
    case "step", "steps":
      guard number.isWhole else {
        throw MileQuestError.badData("steps must be a whole number, got '\(trimmed)'")
      }
      guard let stride = strideMetres else {
        throw MileQuestError.badData(
          "steps need a member's stride to become a distance: '\(trimmed)'; "
            + "give the distance in mi, km or m instead")
      }
      guard stride.isFinite, stride > 0 else {
        throw MileQuestError.badData("stride \(stride.messageText) m must be greater than zero")
      }
      metres = number.value * stride
    default:
      throw MileQuestError.badData(
        "unknown unit '\(unitText)' in distance '\(trimmed)'; use mi, km, m or steps")
    }
    guard metres.isFinite else {
      throw MileQuestError.badData("distance '\(trimmed)' is too large")
    }
    guard metres > 0 else {
      throw MileQuestError.badData("distance '\(trimmed)' must be greater than zero")
    }
    return metres
  }

  /// The common forms (`1234`, `5.2km`, `800m`, `3.2mi`) read straight from the bytes, for
  /// imports of millions of rows; nil sends anything else, and anything doubtful, to the full
  /// parser, which gives the same result or the error message.
  static func quickParse(_ text: String, defaultUnit: DistanceUnit) -> Double? {
    var utf8 = text.utf8.makeIterator()
    var digits: [UInt8] = []
    digits.reserveCapacity(16)
    var sawPoint = false
    var unit: [UInt8] = []
    while let byte = utf8.next() {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9") where unit.isEmpty:
        digits.append(byte)
      case UInt8(ascii: ".") where unit.isEmpty && !sawPoint:
        sawPoint = true
        digits.append(byte)
      case UInt8(ascii: "a")...UInt8(ascii: "z") where !digits.isEmpty && unit.count < 2:
        unit.append(byte)
      default:
        return nil
      }
    }
    guard digits.contains(where: { $0 != UInt8(ascii: ".") }), digits.count <= 15,
      let number = Double(String(decoding: digits, as: UTF8.self)), number > 0
    else { return nil }
    switch unit {
    case []: return number * defaultUnit.metres
    case [UInt8(ascii: "m")]: return number
    case [UInt8(ascii: "k"), UInt8(ascii: "m")]: return number * DistanceUnit.km.metres
    case [UInt8(ascii: "m"), UInt8(ascii: "i")]: return number * DistanceUnit.mi.metres
    default: return nil
    }
  }

  /// Like `parse`, and also refuses more than `Distance.maxWalkMetres` (1 000 mi), the most one
  /// walk may record.
  public static func parseWalk(
    _ text: String, defaultUnit: DistanceUnit, strideMetres: Double?
  ) throws -> Double {
    let metres = try parse(text, defaultUnit: defaultUnit, strideMetres: strideMetres)
    // A relative slack of 1e-12 keeps "1609.344 km" (exactly the limit on paper) acceptable
    // whatever the last bit of the unit conversion does.
    guard metres <= Distance.maxWalkMetres * (1 + 1e-12) else {
      let trimmed = text.trimmedOfWhitespaceAndNewlines
      throw MileQuestError.badData(
        "distance '\(trimmed)' is more than the 1000 mi (1609.344 km) limit for one walk")
    }
    return metres
  }

  /// The step count of a distance typed in steps (`12000 steps`, `15000steps`), or nil for a
  /// distance in any other unit (or one that does not read): a walk logged in steps keeps
  /// them, as `--steps` would.
  public static func stepCount(_ text: String) -> Int? {
    let trimmed = text.trimmedOfWhitespaceAndNewlines
    guard let (number, unit) = try? split(trimmed, what: "distance"),
      ["step", "steps"].contains(unit.lowercased()), number.isWhole,
      number.value <= Double(Int.max / 2)
    else { return nil }
    return Int(number.value)
  }

  /// The steps a walk keeps: `steps` when given, else those of a distance typed in steps;
  /// both given and different is refused, since one of them is wrong.
  public static func walkSteps(distance text: String?, steps: Int?) throws -> Int? {
    let typed = text.flatMap(stepCount)
    if let steps, let typed, steps != typed {
      throw MileQuestError.badData(
        "the distance is \(typed) steps but the step count given is \(steps); give one of them")
    }
    return try (steps ?? typed).map {
      try Validation.count($0, what: "steps", in: RecordRules.stepsRange)
    }
  }

  /// Parses a member's stride into metres: a bare number is metres, `m` or `cm` may follow;
  /// it must lie in (0.2, 2.5] m.
  public static func parseStride(_ text: String) throws -> Double {
    let trimmed = text.trimmedOfWhitespaceAndNewlines
    guard !trimmed.isEmpty else {
      throw MileQuestError.badData("empty stride; give it in metres (0.762) or cm (76cm)")
    }
    let (number, unitText) = try split(trimmed, what: "stride")
    let metres: Double
    switch unitText.lowercased() {
    case "", "m", "metre", "metres", "meter", "meters":
      metres = number.value
    case "cm", "centimetre", "centimetres", "centimeter", "centimeters":
      metres = number.value / 100
    default:
      throw MileQuestError.badData(
        "unknown unit '\(unitText)' in stride '\(trimmed)'; use m or cm")
    }
    // Half-open on the left: 0.2 m is already an implausibly short step.
    guard metres > 0.2, metres <= 2.5 else {
      throw MileQuestError.badData(
        "stride '\(trimmed)' is outside (0.2 m, 2.5 m]; a typical stride is 0.762 m (76cm)")
    }
    return metres
  }

  /// Splits "3.2 mi" into its number and its (possibly empty) alphabetic unit, refusing
  /// signs, exponents, commas and anything that is not digits followed by letters.
  private static func split(
    _ trimmed: String, what: String
  ) throws -> (number: (value: Double, isWhole: Bool), unit: String) {
    if trimmed.hasPrefix("-") {
      throw MileQuestError.badData("\(what) '\(trimmed)' must be greater than zero")
    }
    let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    let unit = trimmed.dropFirst(digits.count).trimmedOfWhitespace
    guard let value = PlainDecimal.value(digits), unit.allSatisfy({ $0.isLetter }) else {
      throw MileQuestError.badData(
        "bad \(what) '\(trimmed)': expected a number and a unit, "
          + (what == "distance" ? examples : "e.g. 0.762, 0.8m or 76cm"))
    }
    return ((value, !digits.contains(".")), unit)
  }
}

/// Unsigned plain decimals as people type them: `3`, `3.`, `.5`, `3.25`.
///
/// `Double(String)` would also accept "nan", "inf", "1e3", "0x1p3" and a sign; none of those
/// are distances or durations anyone means, so they are refused before conversion.
enum PlainDecimal {
  /// True when `text` is ASCII digits with at most one '.', and at least one digit.
  static func isPlain(_ text: Substring) -> Bool {
    var digitCount = 0
    var dotCount = 0
    for character in text {
      if character == "." {
        dotCount += 1
      } else if character.isASCII, character.isNumber {
        digitCount += 1
      } else {
        return false
      }
    }
    return digitCount > 0 && dotCount <= 1
  }

  /// The value of a plain decimal, or nil when `text` is not one.
  static func value(_ text: Substring) -> Double? {
    guard isPlain(text) else { return nil }
    // "3." and ".5" are plain decimals, but pad them so any strtod-based parser accepts them.
    var padded = String(text)
    if padded.hasPrefix(".") { padded = "0" + padded }
    if padded.hasSuffix(".") { padded += "0" }
    return Double(padded)
  }
}
