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
    // For Fuzz/FuzzStoredRow, which writes stored values through SQLite's `@_spi(Testing)`.
    .library(name: "MileQuestSQLite", targets: ["MileQuestSQLite"]),
    .library(name: "MileQuestPostgres", targets: ["MileQuestPostgres"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    // Zip archives (Apple Health's export.zip, Strava's bulk export), read an entry at a time.
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
  ],
  targets: [
    // The layers (see ARCHITECTURE.md): each target sees only the ones below it, so the
    // compiler keeps the layering. Only the store targets import a database driver.
    // Models, geometry, units, numbers, progress, leaderboards, the route catalog, files.
    .target(name: "MileQuestCore"),
    // File formats: CSV, JSON, GPX, GeoJSON, `export all` documents; FIT, TCX, Apple Health;
    // zip archives (ZIPFoundation) and gzip (zlib) read as streams.
    .target(
      name: "MileQuestExchange",
      dependencies: [
        "MileQuestCore", "CZlibInflate", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    // zlib's inflate for `.gz` files (ZIPFoundation reads zip entries only).
    .systemLibrary(
      name: "CZlibInflate",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
    ),
    // SVG and HTML pictures.
    .target(name: "MileQuestPictures", dependencies: ["MileQuestCore"]),
    // The store protocol (the written contract) and what every back end shares.
    .target(name: "MileQuestStore", dependencies: ["MileQuestCore"]),
    // The SQLite back end: the only target that imports GRDB.
    .target(
      name: "MileQuestSQLite",
      dependencies: [
        "MileQuestCore", "MileQuestStore", .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    // The service layer (every command's rules), the config and the demo; `StoreOpener` is
    // the one place that picks a back end for a database address.
    .target(
      name: "MileQuestKit",
      dependencies: [
        "MileQuestCore", "MileQuestExchange", "MileQuestPictures", "MileQuestStore",
        "MileQuestSQLite", "MileQuestPostgres", .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    // The PostgreSQL store: libpq is loaded with dlopen only when a PostgreSQL address is
    // used (see LibPQ.swift), so nothing is linked and the static build stays static.
    .target(name: "MileQuestPostgres", dependencies: ["MileQuestCore", "MileQuestStore"]),
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
      dependencies: [
        "MileQuestKit", "MileQuestSQLite", "MileQuestPostgres",
        .product(name: "GRDB", package: "GRDB.swift"),
        // Builds the zip and gzip inputs of the archive tests.
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Reference"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "MileQuestPostgresTests",
      dependencies: ["MileQuestPostgres", "MileQuestKit"]
    ),
    .testTarget(
      name: "milequestTests",
      dependencies: [
        "milequest", "MileQuestKit", "MileQuestPostgres",
        // Builds the zip inputs of the import tests (export.zip, zip bombs).
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Reference"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
