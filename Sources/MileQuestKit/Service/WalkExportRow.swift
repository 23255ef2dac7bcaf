import MileQuestCore
import MileQuestExchange

/// One walk as a row of `MileQuestService.walkColumns`: the one definition that csv, tsv,
/// NDJSON and JSON exports all print.
struct WalkExportRow: ExportRow {
  let walk: Walk
  let handle: String
  /// The display unit of the `distance` and `unit` columns.
  let unit: DistanceUnit

  func cells<Cells: RowCells>(into cells: inout Cells) {
    cells.cell(walk.id)
    cells.cell(handle)
    cells.cell(walk.date.description)
    cells.cell(walk.distanceMetres)
    cells.cell(unit.value(fromMetres: walk.distanceMetres))
    cells.cell(unit.rawValue)
    cells.cell(walk.durationSeconds)
    cells.cell(walk.steps)
    cells.cell(walk.note)
    cells.cell(walk.source.rawValue)
    cells.cell(walk.externalId)
    cells.cell(walk.activity.rawValue)
  }
}
