// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "milequest",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "milequest", targets: ["milequest"]),
    .library(name: "MileQuestKit", targets: ["MileQuestKit"]),
    .library(name: "MileQuestPostgres", targets: ["MileQuestPostgres"]),
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
    // The PostgreSQL store: libpq is loaded with dlopen only when a PostgreSQL address is
    // used (see LibPQ.swift), so nothing is linked and the static build stays static.
    .target(name: "MileQuestPostgres", dependencies: ["MileQuestKit"]),
    // GNU readline for `milequest shell` (history, TAB completion).
    .systemLibrary(
      name: "CReadline",
      pkgConfig: "readline",
      providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
    ),
    .executableTarget(
      name: "milequest",
      dependencies: [
        "MileQuestKit",
        "MileQuestPostgres",
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
      name: "MileQuestPostgresTests",
      dependencies: ["MileQuestPostgres", "MileQuestKit"]
    ),
    .testTarget(
      name: "milequestTests",
      dependencies: ["milequest", "MileQuestKit", "MileQuestPostgres"],
      exclude: ["Reference"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
