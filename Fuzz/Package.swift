// swift-tools-version:5.4
// libFuzzer harnesses for MileQuestKit's parsers and readers. Build and run with ./run.sh;
// see CONTRIBUTING.md, "Fuzz". Kept out of the main package so `swift build` and
// `swift test` never need the sanitizer runtimes.
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's entry point to
// `<Module>_main` and links it with `--defsym main=<Module>_main`, which fails here because
// libFuzzer, not the module, provides `main`.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory, so the parent package's identity is
/// the name of the checkout's directory (`main` here, anything in CI).
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().lastPathComponent.lowercased()

/// One executable per harness; each defines `LLVMFuzzerTestOneInput`, and libFuzzer (linked by
/// `-sanitize=fuzzer`) provides `main`, so the targets are compiled with `-parse-as-library`.
let harnesses = [
  "FuzzDistance", "FuzzDate", "FuzzDuration", "FuzzGPX", "FuzzGeoJSON", "FuzzWalksCSV",
  "FuzzWalksJSON", "FuzzConfig", "FuzzJSONStream", "FuzzPath", "FuzzStoredRow", "FuzzFIT",
  "FuzzTCX", "FuzzHealth", "FuzzStravaCSV", "FuzzGoogleFit", "FuzzFitbit", "FuzzFitbitCSV",
  "FuzzFitbitDaily",
]

let package = Package(
  name: "MileQuestFuzz",
  platforms: [.macOS("13.0")],
  dependencies: [.package(path: "..")],
  targets: [
    .target(
      name: "FuzzSupport",
      dependencies: [
        .product(name: "MileQuestKit", package: parent),
        .product(name: "MileQuestSQLite", package: parent),
      ]
    )
  ]
    + harnesses.map { name in
      .executableTarget(
        name: name,
        dependencies: [
          "FuzzSupport", .product(name: "MileQuestKit", package: parent),
          .product(name: "MileQuestSQLite", package: parent),
        ],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
      )
    }
)
