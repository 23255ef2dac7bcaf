import Foundation
import MileQuestCore

/// A JSON pull parser that reads its input a chunk at a time, for documents too large to hold
/// (an `export all` of a million walks is 300 MB of text). The caller walks containers with
/// `beginObject`/`nextKey` and `beginArray`/`nextItem`, and reads (`readValue`) or skips
/// (`skipValue`) one value at a time; nothing but the current value and one chunk is held.
///
/// It accepts and builds what `JSONValue(parsing:)` (JSONDecoder) does, so a document means the
/// same whichever reads it: numbers correctly rounded, and `.int` exactly when JSONDecoder
/// decodes an `Int64` (see `number(_:)`); invalid UTF-8 and lone surrogate escapes refused;
/// object keys sorted; one trailing comma allowed; at most 512
/// levels of nesting; a UTF-8 byte order mark skipped. One difference on purpose: a key
/// repeated in one object is refused, where JSONDecoder silently keeps the first value (a
/// document with two "walks" lists is ambiguous, and a streaming reader cannot un-read the
/// first one).
///
/// Hostile input costs at most the size of one value: nesting is bounded before it can exhaust
/// the stack, skipped strings are never stored, and every refusal is one
/// `MileQuestError.badData("NAME: not valid JSON: REASON at line L, column C")`.
public struct JSONStreamReader {
  /// Deepest nesting accepted: JSONDecoder's limit (512 arrays parse, 513 do not).
  public static let maxDepth = 512
  /// Bytes read from a file at a time.
  public static let defaultChunkSize = 1 << 20

  /// A place in the input, for messages and for starting another reader there.
  public struct Position: Sendable, Equatable {
    /// Bytes from the start of the input.
    public var offset: Int
    /// Line number, from 1.
    public var line: Int
    /// Offset of the first byte of `line`.
    var lineStart: Int
    /// Column in bytes, from 1.
    public var column: Int { offset - lineStart + 1 }

    public static let start = Position(offset: 0, line: 1, lineStart: 0)
  }

  /// Where the bytes come from: the next chunk, empty at the end.
  typealias Chunks = () throws -> [UInt8]

  private enum Container: UInt8 {
    case arrayStart, arrayNext, objectStart, objectNext
    var isArray: Bool { self == .arrayStart || self == .arrayNext }
  }

  /// The keys seen so far in one open object: a short list while small (most objects have a
  /// handful of keys), a set once large, so that a million-key object stays linear.
  private struct SeenKeys {
    var list: [String] = []
    var set: Set<String>?

    mutating func reset() {
      list.removeAll(keepingCapacity: true)
      set = nil
    }

    /// Adds `key`; false when it was there already.
    mutating func insert(_ key: String) -> Bool {
      if set != nil { return set!.insert(key).inserted }
      if list.contains(key) { return false }
      list.append(key)
      if list.count > 16 { set = Set(list) }
      return true
    }
  }

  /// Names the input in messages (a file name).
  private let name: String
  private let chunks: Chunks
  private var buffer: [UInt8] = []
  private var index = 0
  /// Offset of `buffer[0]` in the input.
  private var bufferStart: Int
  private var exhausted = false
  private var line: Int
  private var lineStart: Int
  private var containers: [Container] = []
  /// Keys of each open object, by depth (kept and reused, so reading a million small objects
  /// does not allocate a million key lists).
  private var seenKeys: [SeenKeys] = []
  /// Bytes of a string or number that spans chunks or holds escapes.
  private var scratch: [UInt8] = []
  /// While `readValue(maxBytes:)` reads: the offset the next chunk may not start beyond, and
  /// the error to throw then.
  private var spanLimit: (end: Int, error: () -> MileQuestError)?

  /// A reader of `bytes` in memory, handed over `chunkSize` bytes at a time (tests use small
  /// sizes to put every token across a chunk boundary).
  public init(bytes: [UInt8], name: String, chunkSize: Int = .max) {
    var offset = 0
    let size = max(1, chunkSize)
    self.init(
      name: name, start: .start,
      chunks: {
        guard offset < bytes.count else { return [] }
        let end = offset + min(size, bytes.count - offset)
        defer { offset = end }
        if offset == 0 && end == bytes.count { return bytes }
        return Array(bytes[offset..<end])
      })
  }

  /// A reader of whatever `chunks` supplies, whose first byte is at `start` in the input.
  init(name: String, start: Position, chunks: @escaping Chunks) {
    self.name = name
    self.chunks = chunks
    bufferStart = start.offset
    line = start.line
    lineStart = start.lineStart
  }

  /// Where the next unread byte is.
  public var position: Position {
    Position(offset: bufferStart + index, line: line, lineStart: lineStart)
  }

  // MARK: - Documents

  /// The one document in `bytes`, in any encoding JSONDecoder reads: what
  /// `JSONValue(parsing:)` gives, bar duplicate keys (the tests and the fuzzer compare the two).
  public static func parse(_ bytes: [UInt8], name: String, chunkSize: Int = .max) throws
    -> JSONValue
  {
    var reader = try documentReader(bytes, name: name, chunkSize: chunkSize)
    let value = try reader.readValue()
    try reader.expectEnd()
    return value
  }

  /// Checks the one document in `bytes` as `parse` would, skipping every value.
  public static func check(_ bytes: [UInt8], name: String, chunkSize: Int = .max) throws {
    var reader = try documentReader(bytes, name: name, chunkSize: chunkSize)
    try reader.skipValue()
    try reader.expectEnd()
  }

  /// A reader at the start of a document's value: UTF-16 and UTF-32 converted to UTF-8 first,
  /// a UTF-8 byte order mark skipped (only in UTF-8 text, as JSONDecoder skips it).
  private static func documentReader(_ bytes: [UInt8], name: String, chunkSize: Int) throws
    -> JSONStreamReader
  {
    guard JSONTextEncoding.detect(bytes[...]) == .utf8 else {
      guard let utf8 = JSONTextEncoding.utf8(bytes) else {
        throw MileQuestError.badData(
          "\(name): not valid JSON: not valid in the Unicode encoding its first bytes announce")
      }
      return JSONStreamReader(bytes: utf8, name: name, chunkSize: chunkSize)
    }
    var reader = JSONStreamReader(bytes: bytes, name: name, chunkSize: chunkSize)
    try reader.skipByteOrderMark()
    return reader
  }

  /// Skips a UTF-8 byte order mark at the very start, as JSONDecoder does.
  public mutating func skipByteOrderMark() throws {
    // The mark may straddle chunks: gather the first three bytes (at the start only).
    while buffer.count - index < 3, !exhausted {
      let chunk = try chunks()
      if chunk.isEmpty { exhausted = true } else { buffer += chunk }
    }
    if buffer.count - index >= 3, buffer[index] == 0xEF, buffer[index + 1] == 0xBB,
      buffer[index + 2] == 0xBF
    {
      index += 3
      lineStart += 3
    }
  }

  /// Checks that nothing but whitespace follows.
  public mutating func expectEnd() throws {
    try skipWhitespace()
    if let byte = try peek() { throw unexpected(byte, expecting: "the end of the document") }
  }

  // MARK: - Containers

  /// What kind of value comes next (after whitespace), without consuming it; nil at the end.
  public enum Kind: Sendable, Equatable { case object, array, string, number, bool, null }

  /// The kind of the next value, and where it starts; refuses a byte that starts no value.
  public mutating func peekValue() throws -> (kind: Kind, at: Position) {
    try skipWhitespace()
    guard let byte = try peek() else { throw endOfData("a value is missing") }
    let kind: Kind
    switch byte {
    case UInt8(ascii: "{"): kind = .object
    case UInt8(ascii: "["): kind = .array
    case UInt8(ascii: "\""): kind = .string
    case UInt8(ascii: "t"), UInt8(ascii: "f"): kind = .bool
    case UInt8(ascii: "n"): kind = .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number
    default: throw unexpected(byte, expecting: "a value")
    }
    return (kind, position)
  }

  /// Consumes the `[` of an array.
  public mutating func beginArray() throws {
    try open(UInt8(ascii: "["), as: .arrayStart)
  }

  /// Moves to the next item of the innermost array: true when there is one (read or skip it
  /// next), false after the closing `]`.
  public mutating func nextItem() throws -> Bool {
    let top = containers.count - 1
    precondition(top >= 0 && containers[top].isArray, "nextItem outside an array")
    try skipWhitespace()
    guard let byte = try peek() else { throw endOfData("a ']' is missing") }
    if byte == UInt8(ascii: "]") {
      close()
      return false
    }
    if containers[top] == .arrayNext {
      guard byte == UInt8(ascii: ",") else { throw unexpected(byte, expecting: "',' or ']'") }
      index += 1
      try skipWhitespace()
      // JSONDecoder accepts one trailing comma, so this reader does too.
      if try peek() == UInt8(ascii: "]") {
        close()
        return false
      }
    }
    containers[top] = .arrayNext
    return true
  }

  /// Consumes the `{` of an object.
  public mutating func beginObject() throws {
    try open(UInt8(ascii: "{"), as: .objectStart)
    let depth = containers.count - 1
    while seenKeys.count <= depth { seenKeys.append(SeenKeys()) }
    seenKeys[depth].reset()
  }

  /// Moves to the next member of the innermost object: its key (read or skip the value next),
  /// or nil after the closing `}`. A key already seen in this object is refused.
  public mutating func nextKey() throws -> String? {
    let top = containers.count - 1
    precondition(top >= 0 && !containers[top].isArray, "nextKey outside an object")
    try skipWhitespace()
    guard var byte = try peek() else { throw endOfData("a '}' is missing") }
    if byte == UInt8(ascii: "}") {
      close()
      return nil
    }
    if containers[top] == .objectNext {
      guard byte == UInt8(ascii: ",") else { throw unexpected(byte, expecting: "',' or '}'") }
      index += 1
      try skipWhitespace()
      guard let after = try peek() else { throw endOfData("a key is missing") }
      if after == UInt8(ascii: "}") {
        close()
        return nil
      }
      byte = after
    }
    containers[top] = .objectNext
    guard byte == UInt8(ascii: "\"") else { throw unexpected(byte, expecting: "a key in quotes") }
    let at = position
    index += 1
    let key = try readString(keep: true)!
    guard seenKeys[top].insert(key) else {
      throw failure("duplicate key \(JSONValue.quoted(String(key.prefix(60))))", at: at)
    }
    try skipWhitespace()
    guard let colon = try peek() else { throw endOfData("a ':' is missing") }
    guard colon == UInt8(ascii: ":") else { throw unexpected(colon, expecting: "':'") }
    index += 1
    return key
  }

  private mutating func open(_ byte: UInt8, as container: Container) throws {
    try skipWhitespace()
    guard let next = try peek() else { throw endOfData("a value is missing") }
    guard next == byte else {
      throw unexpected(next, expecting: "'\(Character(Unicode.Scalar(byte)))'")
    }
    guard containers.count < Self.maxDepth else {
      throw failure("more than \(Self.maxDepth) levels of nesting")
    }
    containers.append(container)
    index += 1
  }

  /// Consumes the closing bracket of the innermost container.
  private mutating func close() {
    index += 1
    containers.removeLast()
  }

  // MARK: - Values

  /// Reads the next value whole.
  public mutating func readValue() throws -> JSONValue {
    let (kind, _) = try peekValue()
    switch kind {
    case .object:
      try beginObject()
      var fields: [(String, JSONValue)] = []
      while let key = try nextKey() { fields.append((key, try readValue())) }
      // JSONDecoder's keyed container has no order; JSONValue(parsing:) sorts the keys.
      fields.sort { $0.0 < $1.0 }
      return .object(fields)
    case .array:
      try beginArray()
      var items: [JSONValue] = []
      while try nextItem() { items.append(try readValue()) }
      return .array(items)
    case .string:
      index += 1
      return .string(try readString(keep: true)!)
    case .number: return try readNumber(keep: true)!
    case .bool:
      if try peek() == UInt8(ascii: "t") {
        try literal("true")
        return .bool(true)
      }
      try literal("false")
      return .bool(false)
    case .null:
      try literal("null")
      return .null
    }
  }

  /// Reads the next value whole, refusing with `tooLong()` (before holding much more) a value
  /// that spans more than `maxBytes` of input: one record of a file of records costs at most
  /// about `maxBytes` and a chunk, whatever it holds.
  public mutating func readValue(maxBytes: Int, tooLong: @escaping () -> String) throws
    -> JSONValue
  {
    let (_, at) = try peekValue()
    spanLimit = (at.offset + maxBytes, { .badData(tooLong()) })
    defer { spanLimit = nil }
    let value = try readValue()
    if position.offset - at.offset > maxBytes { throw MileQuestError.badData(tooLong()) }
    return value
  }

  /// Checks the next value as `readValue` would, without building it; keys are still compared
  /// (duplicates refused) and numbers still range-checked, so a value this accepts reads.
  public mutating func skipValue() throws {
    let (kind, _) = try peekValue()
    switch kind {
    case .object:
      try beginObject()
      while try nextKey() != nil { try skipValue() }
    case .array:
      try beginArray()
      while try nextItem() { try skipValue() }
    case .string:
      index += 1
      _ = try readString(keep: false)
    case .number: _ = try readNumber(keep: false)
    case .bool: try literal(try peek() == UInt8(ascii: "t") ? "true" : "false")
    case .null: try literal("null")
    }
  }

  private mutating func literal(_ word: StaticString) throws {
    let at = position
    let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    for expected in bytes {
      guard try ensure() else { throw endOfData("'\(word)' is cut short") }
      guard buffer[index] == expected else {
        throw failure("unexpected \(describe(buffer[index])) in '\(word)'", at: at)
      }
      index += 1
    }
  }

  // MARK: - Strings

  /// Reads a string after its opening quote, through the closing one; the text when `keep`.
  /// Its raw bytes must be well-formed UTF-8, as JSONDecoder requires.
  private mutating func readString(keep: Bool) throws -> String? {
    let start = Position(offset: bufferStart + index - 1, line: line, lineStart: lineStart)
    scratch.removeAll(keepingCapacity: true)
    var utf8 = UTF8Check()
    while true {
      guard try ensure() else {
        throw failure("the string that starts here has no closing quote", at: start)
      }
      // The run of plain bytes up to a quote, a backslash or a control character, checked
      // as UTF-8 on the way (a character may straddle chunks, so the check keeps its state).
      let runStart = index
      let end = buffer.count
      var i = index
      var valid = true
      let stop: UInt8? = buffer.withUnsafeBufferPointer { bytes in
        while i < end {
          let byte = bytes[i]
          if byte < 0x80 {
            if utf8.pending != 0 {
              valid = false
              return nil
            }
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { return byte }
          } else if !utf8.accept(byte) {
            valid = false
            return nil
          }
          i += 1
        }
        return nil
      }
      guard valid else {
        index = i
        throw failure("invalid UTF-8 in a string")
      }
      if stop == 0x22 && scratch.isEmpty {
        // The common case: the whole string in this chunk, no escapes.
        index = i + 1
        return keep ? String(decoding: buffer[runStart..<i], as: UTF8.self) : nil
      }
      if keep { scratch.append(contentsOf: buffer[runStart..<i]) }
      index = i
      guard let stop else { continue }
      switch stop {
      case 0x22:
        index += 1
        return keep ? String(decoding: scratch, as: UTF8.self) : nil
      case 0x5C:
        index += 1
        try readEscape(keep: keep)
      default:
        throw failure(
          "control character U+\(hex(UInt32(stop))) in a string (write it as an escape)")
      }
    }
  }

  /// Checks UTF-8 a byte at a time (the well-formed sequences of Unicode's table 3-7: no
  /// overlong forms, no surrogates, nothing above U+10FFFF), for bytes 0x80 and above; ASCII
  /// is only allowed when no sequence is open (`pending == 0`).
  private struct UTF8Check {
    /// Continuation bytes still expected.
    var pending = 0
    /// The range the next continuation byte must fall in.
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF

    mutating func accept(_ byte: UInt8) -> Bool {
      if pending > 0 {
        guard byte >= low && byte <= high else { return false }
        pending -= 1
        low = 0x80
        high = 0xBF
        return true
      }
      switch byte {
      case 0xC2...0xDF: pending = 1
      case 0xE0:
        pending = 2
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: pending = 2
      case 0xED:
        pending = 2
        high = 0x9F
      case 0xF0:
        pending = 3
        low = 0x90
      case 0xF1...0xF3: pending = 3
      case 0xF4:
        pending = 3
        high = 0x8F
      default: return false
      }
      return true
    }
  }

  /// Reads one escape after its backslash, appending its UTF-8 to `scratch` when `keep`.
  private mutating func readEscape(keep: Bool) throws {
    let at = Position(offset: bufferStart + index - 1, line: line, lineStart: lineStart)
    guard let letter = try take() else { throw endOfData("an escape is cut short") }
    let replacement: UInt8
    switch letter {
    case UInt8(ascii: "\""): replacement = 0x22
    case UInt8(ascii: "\\"): replacement = 0x5C
    case UInt8(ascii: "/"): replacement = 0x2F
    case UInt8(ascii: "b"): replacement = 0x08
    case UInt8(ascii: "f"): replacement = 0x0C
    case UInt8(ascii: "n"): replacement = 0x0A
    case UInt8(ascii: "r"): replacement = 0x0D
    case UInt8(ascii: "t"): replacement = 0x09
    case UInt8(ascii: "u"):
      let unit = try hex4(escapeAt: at)
      var value = unit
      if (0xD800...0xDBFF).contains(unit) {
        // A high surrogate must be followed at once by an escaped low one.
        guard try take() == UInt8(ascii: "\\"), try take() == UInt8(ascii: "u") else {
          throw failure("lone surrogate \\u\(hex(unit)) (a low surrogate must follow)", at: at)
        }
        let low = try hex4(escapeAt: at)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw failure("lone surrogate \\u\(hex(unit)) (followed by \\u\(hex(low)))", at: at)
        }
        value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00...0xDFFF).contains(unit) {
        throw failure("lone surrogate \\u\(hex(unit))", at: at)
      }
      if keep {
        // Every value left is a scalar: surrogates were handled above.
        UTF8.encode(Unicode.Scalar(value)!) { scratch.append($0) }
      }
      return
    default:
      throw failure("invalid escape \\\(describeRaw(letter))", at: at)
    }
    if keep { scratch.append(replacement) }
  }

  /// Four hex digits of a `\u` escape.
  private mutating func hex4(escapeAt at: Position) throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = try take() else { throw endOfData("a \\u escape is cut short") }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw failure("a \\u escape needs four hex digits", at: at)
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  // MARK: - Numbers

  /// Reads a number (RFC 8259 grammar); its value when `keep`. Skipped numbers are still
  /// range-checked when they could overflow, so that skipping refuses what reading refuses.
  private mutating func readNumber(keep: Bool) throws -> JSONValue? {
    let at = position
    scratch.removeAll(keepingCapacity: true)
    if try peek() == UInt8(ascii: "-") { try consumeIntoScratch() }
    let integerDigits = try digits()
    guard integerDigits > 0 else { throw numberFailure("a digit is missing", at: at) }
    if integerDigits > 1 && scratch[scratch.count - integerDigits] == UInt8(ascii: "0") {
      throw numberFailure("a leading zero", at: at)
    }
    var plainInteger = true
    if try peek() == UInt8(ascii: ".") {
      plainInteger = false
      try consumeIntoScratch()
      guard try digits() > 0 else { throw numberFailure("a digit must follow '.'", at: at) }
    }
    var hasExponent = false
    if let byte = try peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
      plainInteger = false
      hasExponent = true
      try consumeIntoScratch()
      if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        try consumeIntoScratch()
      }
      guard try digits() > 0 else { throw numberFailure("a digit must follow 'e'", at: at) }
    }
    // Without an exponent, up to 308 integer digits cannot reach Double's maximum: nothing
    // to check when skipping.
    if !keep && !hasExponent && integerDigits <= 308 { return nil }
    let text = String(decoding: scratch, as: UTF8.self)
    guard let value = Self.number(text, plainInteger: plainInteger) else {
      throw failure("number \(text.prefix(40)) is out of range", at: at)
    }
    return value
  }

  /// A number's value exactly as `JSONValue(parsing:)` gets it: JSONDecoder is asked for an
  /// `Int64` first, then a `Double`.
  ///
  /// - A plain integer that fits is an `Int64`.
  /// - Otherwise the correctly rounded `Double` (strtod, as JSONDecoder) decides: integral and
  ///   below 2^53 in magnitude, it is an `Int64`; integral and larger, JSONDecoder re-reads the
  ///   text as a `Decimal` and truncates it to an integer (so 9007199254740993.5 becomes
  ///   9007199254740993), unless that overflows; otherwise it stays a `Double`.
  /// - Infinite (1e400) is nil: not representable.
  static func number(_ text: String, plainInteger: Bool) -> JSONValue? {
    if plainInteger, let integer = Int64(text) { return .int(integer) }
    guard let double = Double(text), double.isFinite else { return nil }
    if let integer = Int64(exactly: double) {
      if double.magnitude < 0x1p53 { return .int(integer) }
      if let exact = decimalInteger(text) { return .int(exact) }
    }
    return .double(double)
  }

  /// JSONDecoder's `Int64` from a `Decimal` (its last resort for large integral numbers): the
  /// mantissa as a `UInt64`, scaled by the exponent with truncating division, nil on overflow.
  private static func decimalInteger(_ text: String) -> Int64? {
    guard let decimal = Decimal(string: text),
      var magnitude = UInt64(decimal.significand.magnitude.description)
    else { return nil }
    if decimal.exponent < 0 {
      for _ in 0..<(-decimal.exponent) { magnitude /= 10 }
    } else {
      for _ in 0..<decimal.exponent {
        let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
        if overflow { return nil }
        magnitude = product
      }
    }
    guard let value = Int64(exactly: magnitude) else { return nil }
    return decimal.sign == .minus ? -value : value
  }

  /// Appends a run of decimal digits to `scratch`; returns how many.
  private mutating func digits() throws -> Int {
    var count = 0
    while try ensure() {
      let byte = buffer[index]
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
      scratch.append(byte)
      index += 1
      count += 1
    }
    return count
  }

  private mutating func consumeIntoScratch() throws {
    scratch.append(buffer[index])
    index += 1
  }

  private func numberFailure(_ reason: String, at: Position) -> MileQuestError {
    failure("bad number (\(reason))", at: at)
  }

  // MARK: - Bytes

  /// True when a byte is available at `index`, reading the next chunk when needed.
  @inline(__always)
  private mutating func ensure() throws -> Bool {
    if index < buffer.count { return true }
    return try refill()
  }

  private mutating func refill() throws -> Bool {
    while !exhausted {
      bufferStart += buffer.count
      if let spanLimit, bufferStart > spanLimit.end { throw spanLimit.error() }
      buffer = try chunks()
      index = 0
      if buffer.isEmpty {
        exhausted = true
      } else {
        return true
      }
    }
    return false
  }

  private mutating func peek() throws -> UInt8? {
    try ensure() ? buffer[index] : nil
  }

  private mutating func take() throws -> UInt8? {
    guard try ensure() else { return nil }
    defer { index += 1 }
    return buffer[index]
  }

  /// Skips spaces, tabs, carriage returns and line feeds (the only bytes that may hold a line
  /// feed in valid JSON, so lines are counted here).
  private mutating func skipWhitespace() throws {
    while try ensure() {
      let end = buffer.count
      var i = index
      var newlines = 0
      var lastNewline = -1
      buffer.withUnsafeBufferPointer { bytes in
        while i < end {
          switch bytes[i] {
          case 0x20, 0x09, 0x0D: i += 1
          case 0x0A:
            newlines += 1
            lastNewline = i
            i += 1
          default: return
          }
        }
      }
      index = i
      if newlines > 0 {
        line += newlines
        lineStart = bufferStart + lastNewline + 1
      }
      if i < end { return }
    }
  }

  // MARK: - Errors

  private func failure(_ reason: String, at: Position? = nil) -> MileQuestError {
    let place = at ?? position
    return .badData(
      "\(name): not valid JSON: \(reason) at line \(place.line), column \(place.column)")
  }

  private func endOfData(_ what: String) -> MileQuestError {
    failure("unexpected end of data (\(what))")
  }

  private func unexpected(_ byte: UInt8, expecting: String) -> MileQuestError {
    failure("unexpected \(describe(byte)), expected \(expecting)")
  }

  private func describe(_ byte: UInt8) -> String {
    (0x21...0x7E).contains(byte)
      ? "character '\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(UInt32(byte), width: 2))"
  }

  private func describeRaw(_ byte: UInt8) -> String {
    (0x21...0x7E).contains(byte)
      ? String(Character(Unicode.Scalar(byte))) : "(byte 0x\(hex(UInt32(byte), width: 2)))"
  }

  private func hex(_ value: UInt32, width: Int = 4) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
