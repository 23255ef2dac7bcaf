import MileQuestKit

/// How `log` shows a logged walk and what it reached, in every format: the walk with its
/// `events` in JSON (and its rows: csv, tsv, ndjson), and the announcement (the walk, then each
/// milestone, arrival and completion on a line) in a table.
enum LogView {
  static func emit(
    _ walk: Walk, events: [MileQuestService.GoalEvent], handle: String, _ printer: Printer
  ) {
    guard case .object(var fields) = WalkView.json(walk, handle: handle, printer) else { return }
    fields.append(("events", .array(events.map(json))))
    printer.emit(
      json: .object(fields), table: WalkView.table([(walk, handle)], printer),
      text: printer.quiet ? "" : announcement(walk, events: events, handle: handle, printer))
  }

  static func json(_ event: MileQuestService.GoalEvent) -> JSONValue {
    .object([
      ("kind", .string(event.kind.rawValue)), ("goal", .string(event.goal)),
      ("team", .string(event.team)), ("milestone", JSONValue(event.milestone)),
      ("on", JSONValue(event.on?.description)),
    ])
  }

  /// "logged walk 7: ann, 2026-03-20, 5.00 km" and a line per event ("would ..." for
  /// `--dry-run`).
  static func announcement(
    _ walk: Walk, events: [MileQuestService.GoalEvent], handle: String, _ printer: Printer
  ) -> String {
    var text =
      (printer.dryRun ? "would log walk " : "logged walk ")
      + "\(walk.id ?? 0): \(handle), \(walk.date), "
      + "\(printer.distance(walk.distanceMetres)) \(printer.unit.rawValue)\n"
    for event in events {
      switch event.kind {
      case .milestone:
        text +=
          "\(event.team) \(printer.dryRun ? "would reach" : "reached") "
          + "\(event.milestone ?? "") on \(event.goal)\n"
      case .arrived:
        text +=
          "\(event.team) \(printer.dryRun ? "would arrive" : "arrived") at the end of "
          + "\(event.goal)\n"
      case .completed:
        text +=
          "goal \(event.goal) \(printer.dryRun ? "would be completed" : "completed") on "
          + "\(event.on?.description ?? "")!\n"
      }
    }
    return text
  }
}
