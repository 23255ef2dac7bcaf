import Foundation
import Testing

@testable import MileQuestKit
@testable import milequest

/// The locale test of `Charset` reads bytes for ASCII names: it must say what Foundation's
/// search said (lower-cased, hyphens dropped, "utf8" anywhere) for every name.
@Suite("Charset")
struct CharsetTests {
  static func foundation(_ locale: String) -> Bool {
    locale.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8")
  }

  @Test(
    "the byte reading agrees with Foundation's search",
    arguments: [
      "C.UTF-8", "en_US.UTF-8", "en_US.utf8", "de_DE.UTF8@euro", "C", "POSIX", "en_US",
      "en_US.ISO-8859-1", "uutf8", "u-t-f-8", "UTF-8", "utf", "tf8", "utf_8", "ut\u{18}8",
      "UTF\u{18}", "ü.UTF-8", "utf8\u{301}", "x-utf-16", "-", "", "\u{18}utf8",
    ])
  func agrees(_ locale: String) {
    #expect(Charset.namesUTF8(locale) == Self.foundation(locale), "\(locale)")
  }

  @Test("random ASCII names agree with Foundation's search")
  func randomNames() {
    var random = SplitMix64(seed: 0xC4A5)
    let pool = Array("uUtTfF8-_.x\u{18}")
    for _ in 0..<3_000 {
      let name = String(
        (0..<Int(random.next() % 9)).map { _ in
          pool[Int(random.next() % UInt64(pool.count))]
        })
      #expect(Charset.namesUTF8(name) == Self.foundation(name), "\(name)")
    }
  }

  @Test("the environment decides: LC_ALL, then LC_CTYPE, then LANG; none is ASCII")
  func environment() {
    #expect(Charset.ascii(forced: false, environment: [:]))
    #expect(!Charset.ascii(forced: false, environment: ["LANG": "C.UTF-8"]))
    #expect(Charset.ascii(forced: false, environment: ["LC_ALL": "C", "LANG": "C.UTF-8"]))
    #expect(!Charset.ascii(forced: false, environment: ["LC_ALL": "", "LC_CTYPE": "en.utf8"]))
    #expect(Charset.ascii(forced: true, environment: ["LANG": "C.UTF-8"]))
  }
}
