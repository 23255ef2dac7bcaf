// swift-tools-version:6.1
import PackageDescription

/// pkg-config finds Homebrew's readline on macOS (the system's headers are libedit's). Linux
/// needs no flags for /usr/include, and Debian's readline.pc adds `-D_DEFAULT_SOURCE
/// -D_XOPEN_SOURCE=600`, which SwiftPM drops with a "prohibited flag(s)" warning on every build.
#if os(macOS)
  let readlinePkgConfig: String? = "readline"
#else
  let readlinePkgConfig: String? = nil
#endif

let package = Package(
  name: "milequest",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "milequest", targets: ["milequest"]),
    .library(name: "MileQuestKit", targets: ["MileQuestKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
  ],
  targets: [
    .target(
      name: "MileQuestKit",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    // GNU readline for `milequest shell` (history, TAB completion).
    .systemLibrary(
      name: "CReadline",
      pkgConfig: readlinePkgConfig,
      providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
    ),
    .executableTarget(
      name: "milequest",
      dependencies: [
        "MileQuestKit",
        "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "MileQuestKitTests",
      dependencies: ["MileQuestKit", .product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["Reference"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "milequestTests",
      dependencies: ["milequest", "MileQuestKit"],
      exclude: ["Reference"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
