import Foundation
import Testing

/// The settings file, precedence, colour rules and table alignment (issue: living in the shell).
@Suite("End to end: settings and output")
struct SettingsTests {
  @Test("config set/get/list round trip; precedence is flag > environment > config > default")
  func configPrecedence() throws {
    // Given
    let cli = try CLI()
    let config = ["XDG_CONFIG_HOME": cli.directory.appendingPathComponent("cfg").path]
    cli.ok(["member", "add", "ana"])
    cli.ok(["member", "add", "ben"])
    // When
    cli.ok(["config", "set", "unit", "km"], env: config)
    cli.ok(["config", "set", "member", "ana"], env: config)
    // Then
    #expect(cli.ok(["config", "get", "unit"], env: config) == "km\n")
    let file = try String(
      contentsOfFile: cli.directory.appendingPathComponent("cfg/milequest/config.toml").path,
      encoding: .utf8)
    #expect(file == "member = \"ana\"\nunit = \"km\"\n")
    cli.ok(["log", "5km"], env: config)  // the config's member
    let walks = J.array(try cli.json(["walks"], env: config)).map(J.object)
    #expect(J.string(walks.first?["member"]) == "ana")
    #expect(J.string(walks.first?["unit"]) == "km")
    let fromEnv = J.array(
      try cli.json(["walks"], env: config.merging(["MILEQUEST_UNIT": "mi"]) { $1 }))
    #expect(J.string(J.object(fromEnv.first)["unit"]) == "mi")
    let fromFlag = J.array(
      try cli.json(["walks", "--unit", "km"], env: config.merging(["MILEQUEST_UNIT": "mi"]) { $1 }))
    #expect(J.string(J.object(fromFlag.first)["unit"]) == "km")
    cli.ok(["log", "1km", "--as", "ben"], env: config.merging(["MILEQUEST_USER": "ana"]) { $1 })
    #expect(J.array(try cli.json(["walks", "--member", "ben"], env: config)).count == 1)
  }

  @Test("a broken config file exits 78 naming the file and line")
  func brokenConfig() throws {
    let cli = try CLI()
    let directory = cli.directory.appendingPathComponent("cfg/milequest")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try "unit = \"km\"\nmember = = \"x\"\n".write(
      to: directory.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    let env = ["XDG_CONFIG_HOME": cli.directory.appendingPathComponent("cfg").path]
    let result = cli.run(["member", "list"], env: env)
    #expect(result.code == 78)
    #expect(result.stderr.hasPrefix("milequest: error: "))
    #expect(result.stderr.contains("config.toml:2:"), "\(result.stderr)")
    try "unit = \"furlongs\"\n".write(
      to: directory.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    let bad = cli.run(["member", "list"], env: env)
    #expect(bad.code == 78)
    #expect(bad.stderr.contains("config.toml:1: bad unit 'furlongs'"), "\(bad.stderr)")
  }

  @Test("colour only when asked or on a terminal; never with NO_COLOR or --no-color")
  func colour() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ana"])
    let escape = "\u{1B}["
    // Output here is a file, not a terminal: auto means no colour.
    #expect(!cli.ok(["member", "list"]).contains(escape))
    #expect(cli.ok(["member", "list", "--color", "always"]).contains(escape))
    #expect(!cli.ok(["member", "list", "--color", "always", "--no-color"]).contains(escape))
    #expect(!cli.ok(["member", "list"], env: ["NO_COLOR": "1", "TERM": "xterm"]).contains(escape))
  }

  @Test("tables align wide characters (CJK, emoji) by terminal columns")
  func wideCharacters() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "kenji", "--name", "山田健二"])
    cli.ok(["member", "add", "zoe", "--name", "Zoë 🚶"])
    cli.ok(["member", "add", "al", "--name", "Al"])
    let lines = cli.ok(["member", "list"]).split(separator: "\n").map(String.init)
    // The email column starts at the same terminal column on every line: 山田健二 is 8 columns,
    // "Zoë 🚶" 6, so the padding differs in characters but not in columns.
    func column(of marker: String, in line: String) -> Int? {
      guard let range = line.range(of: marker) else { return nil }
      return line[..<range.lowerBound].reduce(0) { width, character in
        let scalar = character.unicodeScalars.first?.value ?? 0
        let wide = (0x4E00...0x9FFF).contains(scalar) || (0x1F300...0x1FAFF).contains(scalar)
        return width + (wide ? 2 : 1)
      }
    }
    let header = try #require(lines.first)
    let strideColumn = try #require(column(of: "stride", in: header))
    for line in lines.dropFirst() {
      let value = try #require(line.firstRange(of: "0.762"))
      let end = column(of: "0.762", in: line).map { $0 + 5 }
      #expect(end == strideColumn + "stride m".count, "\(line) \(value)")
    }
  }
}
