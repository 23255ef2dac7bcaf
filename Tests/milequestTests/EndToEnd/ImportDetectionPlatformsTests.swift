import Foundation
import Testing

/// `import FILE` with no kind named reads the other platforms' exports as their own
/// commands do: a Strava activities.csv and zip, a Takeout zip, a Fitbit zip.
@Suite("End to end: import FILE reads Strava, Google Fit and Fitbit exports")
struct ImportDetectionPlatformsTests {
  @Test(arguments: [
    ("strava/activities.csv", "strava", "a Strava bulk export", 33),
    ("googlefit/takeout.zip", "google-fit", "Google Takeout Fit daily metrics", 45),
    ("fitbit/MyFitbitData.zip", "fitbit", "a Fitbit export", 4),
  ])
  func importFileChoosesTheRightCommand(
    path: String, command: String, said: String, walks: Int
  ) throws {
    let file = OtherImportsTests.fixture(path)
    let auto = try OtherImportsTests.member("America/New_York")
    let result = auto.run(["import", file, "--member", "ana"])
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stderr.contains("reading \(file) as \(said)"), "\(result.stderr)")
    #expect(result.stdout.contains("imported \(walks) walks (0 already there)"), "\(result.stdout)")
    // The same walks as the named command stores.
    let named = try OtherImportsTests.member("America/New_York")
    named.ok(["import", command, file, "--member", "ana"])
    let autoWalks = try OtherImportsTests.walks(auto)
    let namedWalks = try OtherImportsTests.walks(named)
    #expect(autoWalks.count == walks)
    #expect(Set(autoWalks.keys) == Set(namedWalks.keys))
    for (id, walk) in autoWalks {
      #expect(J.double(walk["distance_m"]) == J.double(namedWalks[id]?["distance_m"]), "\(id)")
      #expect(J.string(walk["date"]) == J.string(namedWalks[id]?["date"]), "\(id)")
    }
  }
}
