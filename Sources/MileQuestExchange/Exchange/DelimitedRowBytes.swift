import MileQuestCore

/// CSV and TSV rows written straight into bytes: the same text as `CSVWriter.line` and
/// `TSVWriter.line` of `ExchangeTable.cell`s, without a String per cell and per line. An export
/// of millions of walks spent most of its time building and joining those strings.
struct DelimitedRowBytes: RowCells {
  let tabs: Bool
  private(set) var bytes: [UInt8] = []
  /// Whether the next cell starts its row (no separator before it).
  private var atRowStart = true

  init(tabs: Bool) {
    self.tabs = tabs
    bytes.reserveCapacity(1 << 17)
  }

  mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  /// Appends one row and its line end.
  mutating func append(_ row: [JSONValue]) {
    for value in row { cell(value) }
    endRow()
  }

  /// Ends the row of the cells given since the last one.
  mutating func endRow() {
    bytes.append(0x0A)
    atRowStart = true
  }

  private mutating func separate() {
    if !atRowStart { bytes.append(tabs ? 0x09 : 0x2C) }
    atRowStart = false
  }

  mutating func cell(_ value: JSONValue) {
    switch value {
    case .null: separate()
    case .int(let number): cell(number)
    case .double(let number): cell(number)
    case .bool(let flag):
      separate()
      bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    case .string(let text): cell(text)
    case .array, .object: cell(ExchangeTable.cell(value))
    }
  }

  mutating func cell(_ number: Int64?) {
    separate()
    if let number { appendDecimal(number) }
  }

  // Numbers print as `ExchangeTable.cell` prints them; a number never starts a formula.
  mutating func cell(_ number: Double?) {
    separate()
    guard let number else { return }
    bytes.append(contentsOf: (number.isFinite ? number.description : "null").utf8)
  }

  mutating func cell(_ text: String?) {
    separate()
    if let text { append(text: text) }
  }

  private mutating func append(text: String) {
    var text = text
    // A cell that may need the formula prefix (rare) goes through the one rule that decides.
    if let first = text.utf8.first, first == 0x27 || Self.formulaStartBytes.contains(first) {
      text = CSVWriter.neutralised(text)
    }
    if text.utf8.withContiguousStorageIfAvailable({ append(text: $0) }) == nil {
      Array(text.utf8).withUnsafeBufferPointer { append(text: $0) }
    }
  }

  private mutating func append(text: UnsafeBufferPointer<UInt8>) {
    if tabs {
      // TSVWriter: a tab, LF, CR or CRLF becomes one space.
      var index = 0
      while index < text.count {
        let byte = text[index]
        if byte == 0x09 || byte == 0x0A || byte == 0x0D {
          bytes.append(0x20)
          if byte == 0x0D, index + 1 < text.count, text[index + 1] == 0x0A { index += 1 }
        } else {
          bytes.append(byte)
        }
        index += 1
      }
      return
    }
    guard text.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      bytes.append(contentsOf: text)
      return
    }
    bytes.append(0x22)
    for byte in text {
      bytes.append(byte)
      if byte == 0x22 { bytes.append(0x22) }
    }
    bytes.append(0x22)
  }

  private mutating func appendDecimal(_ number: Int64) {
    guard number >= 0 else {
      bytes.append(contentsOf: String(number).utf8)
      return
    }
    // Digits from the right into a scratch of 19 (the most an Int64 has), then copied.
    var rest = UInt64(number)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { scratch in
      var position = 19
      repeat {
        position -= 1
        scratch[position] = 0x30 + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[position...]))
    }
  }

  /// `CSVWriter.formulaStarts` as their (ASCII) bytes.
  private static let formulaStartBytes: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
}
