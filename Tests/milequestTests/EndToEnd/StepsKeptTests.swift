import Foundation
import Testing

/// `log 15000steps`, `walks edit --distance 9000steps` and an imported `8000 steps` keep the
/// steps as entered, and the distance is the steps times the member's stride.
@Suite("End to end: steps are kept as entered")
struct StepsKeptTests {
  @Test func logEditAndImportKeepSteps() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ann", "--stride", "0.8"])
    cli.ok(["--as", "ann", "log", "15000steps", "--date", "2026-03-01"])
    cli.ok(["--as", "ann", "log", "5km", "--date", "2026-03-02"])
    try "member,date,distance\nann,2026-03-03,8000 steps\n".write(
      to: cli.directory.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
    cli.ok(["import", "walks", "w.csv"])
    let rows = cli.ok(["walks", "-f", "csv", "--fields", "date,distance_m,steps", "--no-header"])
    #expect(
      rows.split(separator: "\n").sorted() == [
        "2026-03-01,12000.0,15000", "2026-03-02,5000.0,", "2026-03-03,6400.0,8000",
      ])
    let second = cli.ok(["walks", "-f", "csv", "--fields", "id,date", "--no-header"])
      .split(separator: "\n").first { $0.hasSuffix(",2026-03-02") }?.split(separator: ",").first
    let id = String(try #require(second))
    cli.ok(["--as", "ann", "walks", "edit", id, "--distance", "9000steps"])
    #expect(
      cli.ok(["walks", "-f", "csv", "--fields", "date,distance_m,steps", "--no-header"])
        .contains("2026-03-02,7200.0,9000"))
  }

  @Test func disagreeingStepsAreRefusedAndChangeNothing() throws {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let before = cli.ok(["walks", "-f", "csv"])
    let result = cli.run(["--as", "ann", "log", "15000steps", "--steps", "14000"])
    #expect(result.code == 65)
    #expect(result.stderr.contains("15000 steps but the step count given is 14000"))
    #expect(cli.ok(["walks", "-f", "csv"]) == before)
  }
}
