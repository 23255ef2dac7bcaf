import MileQuestKit

/// How walks look in every format.
enum WalkView {
  static func json(_ walk: Walk, handle: String, _ printer: Printer) -> JSONValue {
    .object(
      [
        ("id", JSONValue(walk.id)), ("member", .string(handle)),
        ("date", .string(walk.date.description)),
      ]
        + printer.distanceFields(walk.distanceMetres)
        + [
          ("unit", .string(printer.unit.rawValue)),
          ("duration_s", JSONValue(walk.durationSeconds)), ("steps", JSONValue(walk.steps)),
          ("note", JSONValue(walk.note)), ("source", .string(walk.source.rawValue)),
          ("external_id", JSONValue(walk.externalId)),
          ("activity", .string(walk.activity.rawValue)),
        ])
  }

  static func table(_ walks: [(walk: Walk, handle: String)], _ printer: Printer) -> TextTable {
    var table = TextTable([
      ("id", .right), ("date", .left), ("member", .left), (printer.unit.rawValue, .right),
      ("duration", .right), ("steps", .right), ("activity", .left), ("source", .left),
      ("note", .left),
    ])
    for (walk, handle) in walks { table.append(cells(walk, handle: handle, printer)) }
    return table
  }

  /// A walk's row of the table.
  static func cells(_ walk: Walk, handle: String, _ printer: Printer) -> [String] {
    [
      walk.id.map(String.init) ?? "", walk.date.description, handle,
      printer.distance(walk.distanceMetres),
      walk.durationSeconds.map { DurationInput.format(seconds: $0) } ?? "",
      walk.steps.map(String.init) ?? "", walk.activity.rawValue, walk.source.rawValue,
      walk.note ?? "",
    ]
  }

  static func emit(_ walks: [(walk: Walk, handle: String)], _ printer: Printer) {
    printer.emit(
      json: .array(walks.map { json($0.walk, handle: $0.handle, printer) }),
      table: table(walks, printer))
  }
}
