import FuzzSupport
import MileQuestKit

/// Dates (`--date`, `--since`, `--from`, import `date`): absolute, relative and weekday forms.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = Fuzz.text(data, size)
  let todays = [LocalDate(year: 2026, month: 3, day: 15)!, LocalDate(year: 1, month: 1, day: 1)!]
  for today in todays {
    if let date = Fuzz.refusing("DateInput.parse", { try DateInput.parse(text, today: today) }) {
      // Every accepted date prints and reads back: the database stores the text form, and a
      // date it cannot read back crashes every later read of the walk.
      let printed = date.description
      Fuzz.require(LocalDate(printed) == date, "date '\(text)' → \(printed) does not read back")
      _ = date.isoWeekday
      _ = date.startOfMonth
      _ = date.endOfYear
    }
  }
  if let date = LocalDate(text) {
    Fuzz.require(date.description == text, "LocalDate('\(text)') prints as \(date)")
  }
  return 0
}
