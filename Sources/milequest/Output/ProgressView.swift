import Foundation
import MileQuestKit

/// How a goal's progress looks in every format (SPEC §3 and the progress JSON of §5).
enum ProgressView {
  static func json(_ progress: GoalProgress, _ printer: Printer) -> JSONValue {
    let leader = progress.leader
    let unit = printer.unit
    return .object([
      ("goal", .string(progress.goal.name)),
      ("team", .string(leader.name)),
      ("route", JSONValue(progress.routeName)),
      ("mode", .string(progress.goal.mode.rawValue)),
      ("status", .string(progress.status.rawValue)),
      ("unit", .string(unit.rawValue)),
      ("target_m", .double(progress.targetMetres)),
      ("target", .double(unit.value(fromMetres: progress.targetMetres))),
      ("done_m", .double(leader.doneMetres)),
      ("done", .double(unit.value(fromMetres: leader.doneMetres))),
      ("remaining_m", .double(progress.remainingMetres)),
      ("remaining", .double(unit.value(fromMetres: progress.remainingMetres))),
      ("percent", .double(leader.percent)),
      ("position", position(leader.position)),
      ("last_milestone", JSONValue(progress.lastMilestone?.name)),
      ("next_milestone", JSONValue(progress.nextMilestone?.name)),
      ("to_next_m", JSONValue(progress.toNextMetres)),
      (
        "milestones",
        .array(
          leader.milestones.map { entry in
            .object([
              ("name", .string(entry.milestone.name)), ("at_m", .double(entry.milestone.atMetres)),
              ("reached_on", JSONValue(entry.reachedOn?.description)),
            ])
          })
      ),
      ("start", .string(progress.goal.start.description)),
      ("end", JSONValue(progress.goal.end?.description)),
      ("completed_on", JSONValue(progress.completedOn?.description)),
      ("grace_days", .int(Int64(progress.goal.graceDays))),
      ("open_until", JSONValue(progress.goal.lastOpenDay?.description)),
      ("closed_on", JSONValue(progress.closedOn?.description)),
      ("final", .bool(progress.isFinal)),
      ("days_elapsed", .int(Int64(progress.daysElapsed))),
      ("days_left", JSONValue(progress.daysLeft)),
      ("daily_cap_m", JSONValue(progress.goal.dailyCapMetres)),
      ("activities", MileQuestService.activitiesJSON(progress.goal.activities)),
      ("convert", MileQuestService.convertJSON(progress.goal.activities)),
      ("pace_m_per_day", .double(progress.paceMetresPerDay)),
      ("needed_m_per_day", JSONValue(progress.neededMetresPerDay)),
      ("projected_on", JSONValue(progress.projectedOn?.description)),
      (
        "teams",
        .array(
          progress.markers.enumerated().map { index, marker in
            .object([
              ("rank", .int(Int64(index + 1))),
              ("name", .string(marker.name)), ("done_m", .double(marker.doneMetres)),
              ("percent", .double(marker.percent)), ("position", position(marker.position)),
              ("arrived_on", JSONValue(marker.arrivedOn?.description)),
            ])
          })
      ),
    ])
  }

  /// The progress row's object fields that may be null (`OutputRecords.NullableObject`).
  static let nullable: [OutputRecords.NullableObject] = [("position", ["lat", "lon"])]

  static func position(_ coordinate: Coordinate?) -> JSONValue {
    guard let coordinate else { return .null }
    return .object([("lat", .double(coordinate.latitude)), ("lon", .double(coordinate.longitude))])
  }

  /// One row per marker, for the table.
  static func table(_ progress: GoalProgress, _ printer: Printer) -> TextTable {
    var table = TextTable([
      ("rank", .right), ("team", .left), ("done \(printer.unit.rawValue)", .right),
      ("percent", .right), ("lat", .right), ("lon", .right), ("arrived", .left),
    ])
    for (index, marker) in progress.markers.enumerated() {
      table.append([
        String(index + 1), marker.name, printer.distance(marker.doneMetres),
        FixedDecimal.string(marker.percent, places: 2),
        marker.position.map { FixedDecimal.string($0.latitude, places: 6) } ?? "",
        marker.position.map { FixedDecimal.string($0.longitude, places: 6) } ?? "",
        marker.arrivedOn?.description ?? "",
      ])
    }
    return table
  }

  /// A bar of `width` cells filled to `percent` (ASCII: `[###...]`).
  static func bar(_ percent: Double, width: Int = 30, ascii: Bool = true) -> String {
    RouteStrip.bar(percent, width: width, ascii: ascii)
  }

  /// The human view: a progress bar, a strip of the route with its milestones and markers,
  /// then the numbers; `ascii` keeps it to plain ASCII.
  static func text(
    _ progress: GoalProgress, _ printer: Printer, ascii: Bool = Charset.ascii(forced: false)
  ) -> String {
    let unit = printer.unit.rawValue
    let leader = progress.leader
    let goal = progress.goal
    var lines: [String] = []
    let what = progress.routeName.map { "route \($0)" } ?? "distance goal"
    lines.append("\(goal.name) — \(what), \(goal.mode.rawValue), \(progress.status.rawValue)")
    var window = "from \(goal.start)"
    if let end = goal.end { window += " to \(end)" }
    window += ", day \(progress.daysElapsed)"
    if let left = progress.daysLeft { window += ", \(Plural.count(left, "day")) left" }
    if let closes = goal.lastOpenDay, goal.graceDays > 0, progress.status == .active {
      window += "; late walks count until \(closes)"
    }
    lines.append(window)
    if !goal.activities.isStandard {
      // Only when it differs from the default: which walks count, and at what factor.
      lines.append("counts: \(goal.activities.summary)")
    }
    let percentText = FixedDecimal.string(leader.percent, places: 1)
    switch progress.status {
    case .ended:
      lines.append("ended on \(goal.end?.description ?? "-"), \(percentText) % of the way")
    case .completed:
      lines.append("completed on \(progress.completedOn?.description ?? "-")")
    case .active, .cancelled:
      break
    }
    lines.append(
      "\(bar(leader.percent, ascii: ascii)) \(FixedDecimal.string(leader.percent, places: 1))%  "
        + "\(printer.distance(leader.doneMetres)) of \(printer.distance(progress.targetMetres)) "
        + "\(unit), \(printer.distance(progress.remainingMetres)) to go")
    lines.append(RouteStrip.line(progress, width: 60, ascii: ascii))
    if let key = RouteStrip.key(progress) { lines.append(key) }
    if let position = leader.position {
      lines.append(
        "position   \(FixedDecimal.string(position.latitude, places: 5)), "
          + FixedDecimal.string(position.longitude, places: 5))
    }
    if let last = progress.lastMilestone {
      let reached = leader.milestones.first { $0.milestone == last }?.reachedOn
      lines.append("passed     \(last.name)\(reached.map { " on \($0)" } ?? "")")
    }
    if let next = progress.nextMilestone, let toNext = progress.toNextMetres {
      lines.append("next       \(next.name) in \(printer.distance(toNext)) \(unit)")
    }
    if let completed = progress.completedOn, progress.status != .completed {
      lines.append("completed  \(completed)")
    }
    var pace = "pace       \(printer.distance(progress.paceMetresPerDay)) \(unit)/day"
    if let needed = progress.neededMetresPerDay {
      pace += ", needed \(printer.distance(needed)) \(unit)/day"
    }
    if progress.completedOn == nil, let projected = progress.projectedOn {
      pace += ", arriving \(projected)"
    }
    lines.append(pace)
    if progress.markers.count > 1 {
      lines.append("")
      if progress.closedOn != nil { lines.append("final standings") }
      lines.append(table(progress, printer).aligned().trimmingCharacters(in: .newlines))
    }
    lines.append("")
    var milestones = TextTable([
      ("milestone", .left), ("at \(unit)", .right), ("reached", .left),
    ])
    for entry in leader.milestones {
      milestones.append([
        entry.milestone.name, printer.distance(entry.milestone.atMetres),
        entry.reachedOn?.description ?? "",
      ])
    }
    lines.append(milestones.aligned().trimmingCharacters(in: .newlines))
    return lines.joined(separator: "\n") + "\n"
  }
}
