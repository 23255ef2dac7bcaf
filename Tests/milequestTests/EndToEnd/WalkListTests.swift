import Foundation
import Testing

/// `walks` streams its rows (WalkListWriter): lists longer than the table's width window, in
/// every format, newest first, the same rows in each.
@Suite("End to end: long walk lists")
struct WalkListTests {
  /// ann and bob with `count` walks over January and February 2026 (imported as CSV, so the ids do
  /// not follow the dates).
  static func world(walks count: Int) throws -> CLI {
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["member", "add", "bob"])
    var csv = "member,date,distance,note\n"
    for index in 0..<count {
      let day = 1 + (index * 7) % 28
      let month = 1 + (index * 5) % 2
      let note = index == 7 ? "a long note that is wider than any other note in the list" : ""
      csv +=
        "\(index % 3 == 0 ? "bob" : "ann"),2026-0\(month)-\(day < 10 ? "0" : "")\(day),"
        + "\(1_000 + index)m,\(note)\n"
    }
    try csv.write(
      to: cli.directory.appendingPathComponent("walks.csv"), atomically: true, encoding: .utf8)
    cli.ok(["import", "walks", "walks.csv"])
    return cli
  }

  @Test("1,234 walks: every format lists them all, newest first, the same rows")
  func longList() throws {
    // Given
    let count = 1_234
    let cli = try Self.world(walks: count)

    // When
    let ndjson = cli.ok(["walks", "--format", "ndjson"]).split(separator: "\n")
    let json = try #require(try cli.json(["walks"]) as? [[String: Any]])
    func lines(_ text: String) -> [Substring] {
      text.split(separator: "\n", omittingEmptySubsequences: false)
    }
    let csv = lines(cli.ok(["walks", "--format", "csv"]))
    let tsv = lines(cli.ok(["walks", "--format", "tsv"]))
    let table = lines(cli.ok(["walks"]))

    // Then
    let objects = try ndjson.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.count == count && json.count == count)
    let keys = objects.map { ($0["date"] as? String ?? "", $0["id"] as? Int ?? 0) }
    let jsonKeys = json.map { ($0["date"] as? String ?? "", $0["id"] as? Int ?? 0) }
    #expect(keys.map(\.0) == jsonKeys.map(\.0) && keys.map(\.1) == jsonKeys.map(\.1))
    #expect(
      zip(keys, keys.dropFirst()).allSatisfy { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) },
      "newest first")
    #expect(Set(keys.map(\.1)).count == count)
    // Header, a row per walk, and the empty string after the final newline.
    #expect(csv.count == count + 2 && tsv.count == count + 2 && table.count == count + 2)
    #expect(csv.last == "" && tsv.last == "" && table.last == "")
    for (index, object) in objects.enumerated() {
      let id = "\(object["id"] as? Int ?? -1)"
      let date = object["date"] as? String ?? "?"
      let member = object["member"] as? String ?? "?"
      #expect(csv[index + 1].hasPrefix("\(id),\(member),\(date),"))
      #expect(tsv[index + 1].hasPrefix("\(id)\t\(member)\t\(date)\t"))
      let cells = table[index + 1].split(separator: " ", omittingEmptySubsequences: true)
      #expect(cells.count >= 5 && cells[0] == id && cells[1] == date, "\(table[index + 1])")
    }
    // The widths come from the first 1,000 rows; the rows after them keep those widths.
    let dateColumn = table.dropLast().map { $0.range(of: "2026-")?.lowerBound.utf16Offset(in: $0) }
    #expect(Set(dateColumn.dropFirst()).count == 1, "one column for every row's date")
  }

  @Test("--limit keeps the newest walks, the same as the head of the whole list")
  func limit() throws {
    let cli = try Self.world(walks: 40)
    let all = cli.ok(["walks", "--format", "csv"]).split(separator: "\n")
    let some = cli.ok(["walks", "--format", "csv", "--limit", "5"]).split(separator: "\n")
    #expect(Array(some) == Array(all.prefix(6)))
    #expect(cli.ok(["walks", "--format", "json", "--limit", "0"]) == "[]\n")
    #expect(cli.ok(["walks", "--format", "ndjson", "--limit", "0"]) == "")
    #expect(cli.ok(["walks", "--limit", "0"]).split(separator: "\n").count == 1)
  }
}
