import Foundation
import MileQuestKit

/// How leaderboards look in every format (the leaderboard JSON of SPEC §5).
enum LeaderboardView {
  static func json(_ board: Leaderboard, _ printer: Printer) -> JSONValue {
    .object([
      ("scope", .string(board.scope)),
      (
        "period",
        .object([
          ("from", JSONValue(board.range.from?.description)),
          ("to", JSONValue(board.range.to?.description)),
        ])
      ),
      ("by", .string(board.metric.rawValue)),
      ("unit", .string(printer.unit.rawValue)),
      (
        "entries",
        .array(
          board.entries.map { entry in
            var fields: [(String, JSONValue)] = [
              ("rank", .int(Int64(entry.rank))), ("name", .string(entry.name)),
            ]
            fields += printer.distanceFields(entry.totalMetres)
            fields.append(("walks", .int(Int64(entry.walks))))
            if let members = entry.members { fields.append(("members", .int(Int64(members)))) }
            if let walkers = entry.walkers { fields.append(("walkers", .int(Int64(walkers)))) }
            if board.metric == .average {
              fields += printer.distanceFields(entry.value, key: "average")
            }
            if let percent = entry.percent { fields.append(("percent", .double(percent))) }
            if entry.percent != nil {
              fields.append(("arrived_on", JSONValue(entry.arrivedOn?.description)))
            }
            return .object(fields)
          })
      ),
    ])
  }

  static func table(_ board: Leaderboard, _ printer: Printer) -> TextTable {
    let unit = printer.unit.rawValue
    let teams = board.entries.contains { $0.members != nil }
    let race = board.entries.contains { $0.percent != nil }
    var columns: [(String, TextTable.Alignment)] = [
      ("rank", .right), ("name", .left), (unit, .right), ("walks", .right),
    ]
    if teams { columns.append(("members", .right)) }
    if board.metric == .average { columns.append(("average \(unit)", .right)) }
    if race { columns += [("percent", .right), ("arrived", .left)] }
    var table = TextTable(columns)
    for entry in board.entries {
      var row = [
        String(entry.rank), entry.name, printer.distance(entry.totalMetres), String(entry.walks),
      ]
      if teams { row.append(entry.members.map(String.init) ?? "") }
      if board.metric == .average { row.append(printer.distance(entry.value)) }
      if race {
        row += [
          entry.percent.map { FixedDecimal.string($0, places: 2) } ?? "",
          entry.arrivedOn?.description ?? "",
        ]
      }
      table.append(row)
    }
    return table
  }

  static func text(_ board: Leaderboard, _ printer: Printer) -> String {
    let period: String =
      switch (board.range.from, board.range.to) {
      case (nil, nil): "all time"
      case (let from?, nil): "since \(from)"
      case (nil, let to?): "until \(to)"
      case (let from?, let to?): from == to ? "\(from)" : "\(from) to \(to)"
      }
    let title = String(
      String.UnicodeScalarView(board.scope.unicodeScalars.map { $0 == ":" ? " " : $0 }))
    return "\(title) — \(period), by \(board.metric.rawValue)\n"
      + table(board, printer).aligned()
  }
}
