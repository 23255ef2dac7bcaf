import Foundation
import Testing

@testable import MileQuestKit

/// True when `error` is `.badData` and its message contains `fragment`.
func isBadData(_ error: any Error, containing fragment: String) -> Bool {
  guard case MileQuestError.badData(let message) = error else { return false }
  return message.contains(fragment)
}

/// Equal within 1e-12 relative: unit conversions multiply by constants that are not binary.
func nearlyEqual(_ a: Double, _ b: Double) -> Bool {
  abs(a - b) <= 1e-12 * max(abs(a), abs(b))
}

@Suite("DistanceUnit")
struct DistanceUnitTests {
  @Test func factors() {
    #expect(DistanceUnit.mi.metres == 1609.344)
    #expect(DistanceUnit.km.metres == 1000)
    #expect(DistanceUnit.mi.name == "mi")
    #expect(DistanceUnit.km.name == "km")
    #expect(DistanceUnit(rawValue: "km") == .km)
    #expect(DistanceUnit.allCases == [.mi, .km])
  }

  @Test func conversions() {
    // 42 195 m (a marathon) is 26.218757… mi: 42195 / 1609.344 by hand = 26.21875…
    #expect(nearlyEqual(DistanceUnit.mi.value(fromMetres: 1609.344 * 26), 26))
    #expect(DistanceUnit.km.value(fromMetres: 42_195) == 42.195)
    #expect(abs(DistanceUnit.mi.value(fromMetres: 42_195) - 26.218757) < 1e-6)
  }

  @Test func walkLimitIsAThousandMiles() {
    #expect(Distance.maxWalkMetres == 1_609_344)
  }
}

@Suite("DistanceInput.parse")
struct DistanceInputTests {
  /// Expected metres by hand: 1 mi = 1609.344 m, 1 km = 1000 m, steps × stride.
  @Test(arguments: [
    ("3.2", DistanceUnit.km, 3200.0),
    ("3.2", .mi, 5149.9008),  // 3.2 × 1609.344
    ("3.2mi", .km, 5149.9008),
    ("3.2 mi", .km, 5149.9008),
    ("3.2 MI", .km, 5149.9008),
    ("3.2 miles", .km, 5149.9008),
    ("1 mile", .km, 1609.344),
    ("5km", .mi, 5000),
    ("5 km", .mi, 5000),
    ("  5 KM\n", .mi, 5000),
    ("2 kilometres", .mi, 2000),
    ("2 Kilometers", .mi, 2000),
    ("800m", .mi, 800),
    ("800 metres", .mi, 800),
    ("800 meters", .mi, 800),
    ("1 meter", .mi, 1),
    ("3.", .km, 3000),
    (".5", .km, 500),
    ("3.25km", .mi, 3250),
    ("0.001 km", .mi, 1),
    ("007 km", .mi, 7000),
  ])
  func accepts(_ text: String, _ unit: DistanceUnit, _ metres: Double) throws {
    let got = try DistanceInput.parse(text, defaultUnit: unit, strideMetres: nil)
    #expect(nearlyEqual(got, metres), "\(text) → \(got)")
  }

  /// 12000 × 0.762 = 9144 m; 1 × 0.762 = 0.762 m.
  @Test(arguments: [
    ("12000steps", 9144.0), ("12000 steps", 9144), ("12000 STEPS", 9144), ("1 step", 0.762),
  ])
  func acceptsSteps(_ text: String, _ metres: Double) throws {
    let got = try DistanceInput.parse(text, defaultUnit: .mi, strideMetres: 0.762)
    #expect(nearlyEqual(got, metres), "\(text) → \(got)")
  }

  @Test func stepsWithoutAStrideAreRefused() {
    #expect {
      try DistanceInput.parse("12000 steps", defaultUnit: .mi, strideMetres: nil)
    } throws: { isBadData($0, containing: "steps need a member's stride") }
  }

  /// Each refusal is `.badData` whose message names the (trimmed) input.
  @Test(arguments: [
    "abc", "km", "-3", "-3km", "- 3 km", "+3", "0", "0.0 km", "0 steps", ".", "..5",
    "3.2.1", "nan", "NaN km", "inf", "infinity", "1e3", "1E3 km", "0x10", "1,5", "1,000 km",
    "3 ft", "3 kmh", "3 k m", "5 km 2", "km 5", "12000.5 steps", "٣ km", "3\u{00A0}½ km",
  ])
  func refuses(_ text: String) {
    #expect {
      try DistanceInput.parse(text, defaultUnit: .mi, strideMetres: 0.762)
    } throws: { isBadData($0, containing: text.trimmingCharacters(in: .whitespaces)) }
  }

  @Test(arguments: ["", "   ", "\n"])
  func refusesEmpty(_ text: String) {
    #expect {
      try DistanceInput.parse(text, defaultUnit: .mi, strideMetres: nil)
    } throws: { isBadData($0, containing: "empty distance") }
  }

  @Test func goalsMayExceedTheWalkLimit() throws {
    #expect(try DistanceInput.parse("5000 km", defaultUnit: .mi, strideMetres: nil) == 5e6)
  }

  /// A 400-digit number overflows Double to infinity; it is refused, not stored.
  @Test func refusesOverflow() {
    let huge = String(repeating: "9", count: 400)
    #expect(throws: MileQuestError.self) {
      try DistanceInput.parse(huge, defaultUnit: .km, strideMetres: nil)
    }
  }
}

@Suite("DistanceInput.parseWalk")
struct WalkDistanceInputTests {
  @Test(arguments: ["1000 mi", "1000", "1609.344 km", "1609344 m", "0.1"])
  func acceptsUpToTheLimit(_ text: String) throws {
    let got = try DistanceInput.parseWalk(text, defaultUnit: .mi, strideMetres: nil)
    #expect(got <= 1_609_344 * (1 + 1e-12))
  }

  @Test(arguments: ["1001mi", "1000.01 mi", "1609345 m", "2000 km", "3000000 steps"])
  func refusesAboveTheLimit(_ text: String) {
    #expect {
      try DistanceInput.parseWalk(text, defaultUnit: .mi, strideMetres: 0.762)
    } throws: { isBadData($0, containing: text) && isBadData($0, containing: "1000 mi") }
  }

  @Test func stillRefusesWhatParseRefuses() {
    #expect(throws: MileQuestError.self) {
      try DistanceInput.parseWalk("-1", defaultUnit: .mi, strideMetres: nil)
    }
  }
}

@Suite("DistanceInput.parseStride")
struct StrideInputTests {
  @Test(arguments: [
    ("0.762", 0.762), ("0.8m", 0.8), ("0.8 M", 0.8), ("80cm", 0.8), ("76 CM", 0.76),
    ("2.5", 2.5), ("2.5m", 2.5), ("250cm", 2.5), ("0.21", 0.21), ("1 metre", 1),
  ])
  func accepts(_ text: String, _ metres: Double) throws {
    #expect(nearlyEqual(try DistanceInput.parseStride(text), metres))
  }

  @Test(arguments: [
    "", "0", "0.2", "20cm", "2.51", "251cm", "-0.8", "abc", "31in", "0.8 ft", "nan", "1e0",
  ])
  func refuses(_ text: String) {
    #expect(throws: MileQuestError.self) { try DistanceInput.parseStride(text) }
  }
}
