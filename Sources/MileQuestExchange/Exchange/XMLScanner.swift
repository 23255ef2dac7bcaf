import Foundation
import MileQuestCore

/// Why an XML document was refused: what is wrong and where (1-based line and column, counted
/// in characters, not bytes).
struct XMLScanError: Error, Equatable, Sendable, CustomStringConvertible {
  /// 1-based line of the offending character.
  let line: Int
  /// 1-based column (in Unicode scalars) of the offending character.
  let column: Int
  /// Lower-case description of the problem.
  let message: String

  var description: String { "\(line):\(column): \(message)" }
}

/// One attribute of a start tag: its local name (any prefix stripped) and its decoded value.
struct XMLAttribute: Equatable, Sendable {
  /// Local name: `xsi:schemaLocation` is reported as `schemaLocation`.
  let name: String
  /// The value with entities decoded and whitespace characters turned into spaces.
  let value: String
}

/// What `XMLScanner.next()` reports.
enum XMLToken: Equatable, Sendable {
  /// A start tag (`<a/>` is reported as `.start` followed by `.end`).
  case start(name: String, attributes: [XMLAttribute])
  /// An end tag.
  case end(name: String)
  /// Character data inside the root element (CDATA included, entities decoded).
  case text(String)
}

/// A small streaming XML pull tokenizer for the files milequest imports.
///
/// Why not Foundation's `XMLParser`: on Linux it is libxml2 in RECOVER mode, so `parse()`
/// returns success for a truncated file and for an empty one, and a document with an entity
/// declaration silently loses the text node after the entity (GEODESY.md §6, measured). This
/// scanner is strict instead:
/// - it reads its input in chunks (64 KiB by default), so memory stays bounded whatever the size
///   of the file, and works on bytes rather than `Character`s for speed;
/// - `<!DOCTYPE` and `<!ENTITY` are refused on sight ("DTDs and entities are not allowed"), so
///   XXE, billion-laughs and quadratic-blowup documents cost nothing;
/// - only the five predefined entities and character references are decoded;
/// - mismatched or unclosed tags, a missing root, junk after the root, bad attribute syntax,
///   duplicate attributes, control characters and invalid UTF-8 are errors with a line and column;
/// - namespaces are never resolved: names are reported by local name (prefix stripped), which is
///   how GPX readers should match them (GEODESY.md §4.1), and `xmlns` attributes are dropped.
///
/// Input must be UTF-8 (a BOM is accepted). Comments and processing instructions are skipped; the
/// XML declaration is accepted at the very start only.
struct XMLScanner {
  /// Bytes read from the source at a time.
  static let defaultChunkSize = 64 * 1024
  /// Deeper nesting is refused: GPX needs about eight levels, and a limit stops stack abuse.
  static let maxDepth = 256
  /// Longest name accepted, in bytes.
  static let maxNameBytes = 1024
  /// Longest text node or attribute value accepted, in bytes; keeps memory bounded.
  static let maxTextBytes = 8 * 1024 * 1024

  /// When false, character data is checked but not collected and no `.text` tokens are made;
  /// a consumer that only wants some elements' text saves the string building.
  var keepsText = true
  /// When true, one `<!DOCTYPE name [ … ]>` before the root is accepted if its internal subset
  /// holds only `<!ELEMENT>` and `<!ATTLIST>` declarations and comments, as Apple Health's
  /// `export.xml` has. It declares no entity and names no external file, so nothing in it can
  /// expand or be fetched; it is skipped. Entities, notations, parameter-entity references
  /// and external identifiers are still refused.
  var acceptsDeclarationsOnlyDoctype = false
  /// When set, only attributes with one of these local names are reported; the others are
  /// still checked (syntax, references, UTF-8, duplicates) but no String is made of them. An
  /// Apple Health record has nine attributes of which a reader wants four.
  var reportedAttributes: [String]? {
    didSet { reportedAttributeBytes = reportedAttributes?.map { Array($0.utf8) } }
  }
  private var reportedAttributeBytes: [[UInt8]]?
  private var doctypeSeen = false
  /// Line of the start of the token last returned.
  private(set) var tokenLine = 1
  /// Column of the start of the token last returned.
  private(set) var tokenColumn = 1

  private let readChunk: () throws -> [UInt8]
  private var buffer: [UInt8] = []
  private var index = 0
  private var exhausted = false
  /// Bytes dropped from the front of `buffer` so far, for the absolute offset.
  private var discarded = 0
  /// Offset of the first byte after a BOM: where an XML declaration may stand.
  private var documentStart = 0
  private var started = false
  private var finished = false
  /// Line and column of the last consumed character (column 0: none yet on this line).
  private var line = 1
  private var column = 0

  /// Qualified names of the open elements, as bytes back to back (no String per element).
  private var openNameBytes: [UInt8] = []
  /// Where each open element's name starts in `openNameBytes`.
  private var openNameStarts: [Int] = []
  private var rootSeen = false
  private var rootClosed = false
  /// Local name of a self-closing element whose `.end` is still to be reported.
  private var pendingEnd: String?

  private var text: [UInt8] = []
  private var hasText = false
  private var textLine = 1
  private var textColumn = 1
  private var nameBytes: [UInt8] = []
  /// Whether `nameBytes` (the name `scanName` read last) is all ASCII, so valid UTF-8.
  private var nameIsASCII = true
  private var valueBytes: [UInt8] = []
  /// The qualified names of the current start tag's attributes so far, back to back, and
  /// where each ends: duplicates are found by comparing bytes, with no String per name.
  private var attributeNameBytes: [UInt8] = []
  private var attributeNameEnds: [Int] = []

  /// A scanner over chunks delivered by `readChunk`; an empty chunk means end of input.
  init(readChunk: @escaping () throws -> [UInt8]) {
    self.readChunk = readChunk
  }

  /// A scanner over bytes in memory, handed out `chunkSize` at a time (tests use tiny chunks to
  /// make tokens straddle chunk boundaries).
  init(bytes: [UInt8], chunkSize: Int = XMLScanner.defaultChunkSize) {
    var offset = 0
    let size = max(1, chunkSize)
    self.init(readChunk: {
      let end = min(bytes.count, offset + size)
      defer { offset = end }
      return Array(bytes[offset..<end])
    })
  }

  // MARK: - Tokens

  /// `next()` for a reader of the file named `file`: a malformed document is
  /// `.badData("FILE:LINE:COL: reason")` (exit 65), as every XML reader reports it.
  mutating func next(file: String) throws -> XMLToken? {
    do {
      return try next()
    } catch let error as XMLScanError {
      throw MileQuestError.badData("\(file):\(error)")
    }
  }

  /// The next token, or nil once the root element has been closed and the input is used up.
  mutating func next() throws -> XMLToken? {
    if let name = pendingEnd {
      pendingEnd = nil
      return .end(name: name)
    }
    if finished { return nil }
    if !started { try startDocument() }
    while true {
      guard try ensure(1) else { return try endOfDocument() }
      if buffer[index] != UInt8(ascii: "<") {
        try readText()
        continue
      }
      let second: UInt8 = try ensure(2) ? buffer[index + 1] : 0
      if second == UInt8(ascii: "!") {
        try markupDeclaration()
        continue
      }
      if second == UInt8(ascii: "?") {
        try processingInstruction()
        continue
      }
      if hasText {
        // Report the text first; the tag stays unread until the next call.
        return try flushText()
      }
      if second == UInt8(ascii: "/") { return try endTag() }
      return try startTag()
    }
  }

  // MARK: - Document level

  /// Skips a UTF-8 BOM and refuses UTF-16, whose BOM would otherwise look like junk.
  private mutating func startDocument() throws {
    started = true
    if try ensure(2) {
      let (b0, b1) = (buffer[index], buffer[index + 1])
      if (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) {
        throw fail("UTF-16 is not supported; save the file as UTF-8", line: 1, column: 1)
      }
    }
    if try ensure(3), buffer[index] == 0xEF, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF {
      index += 3
      documentStart = 3
    }
  }

  private mutating func endOfDocument() throws -> XMLToken? {
    if let open = openElementName {
      throw fail("unexpected end of file: <\(open)> is not closed", line: line, column: column + 1)
    }
    if !rootSeen {
      let empty = discarded + index == documentStart
      throw fail(
        empty ? "the file is empty" : "no root element", line: line, column: column + 1)
    }
    finished = true
    return nil
  }

  // MARK: - Markup

  private mutating func startTag() throws -> XMLToken {
    markToken()
    advance()  // "<"
    if rootClosed { throw fail("junk after the root element") }
    let localStart = try scanName(what: "element name")
    let local = try nameString(from: localStart, what: "element name")
    let qualified = localStart == 0 ? local : try nameString(from: 0, what: "element name")
    let qualifiedBytes = nameBytes
    var attributes: [XMLAttribute] = []
    attributeNameBytes.removeAll(keepingCapacity: true)
    attributeNameEnds.removeAll(keepingCapacity: true)
    var selfClosing = false
    while true {
      let hadSpace = try skipSpaces()
      guard try ensure(1) else { throw endInside("<\(qualified)>") }
      let b = buffer[index]
      if b == UInt8(ascii: ">") {
        advance()
        break
      }
      if b == UInt8(ascii: "/") {
        advance()
        guard try ensure(1) else { throw endInside("<\(qualified)>") }
        guard buffer[index] == UInt8(ascii: ">") else {
          advance()
          throw fail("expected '>' after '/' in <\(qualified)>")
        }
        advance()
        selfClosing = true
        break
      }
      guard hadSpace else {
        advance()
        throw fail("expected whitespace, '>' or '/>' in <\(qualified)>")
      }
      let attributeLocalStart = try scanName(what: "attribute name")
      try checkNameEncoding(what: "attribute name")
      // "xmlns" or "xmlns:…": namespace declarations, never reported.
      let isNamespaceDeclaration =
        nameBytes.count >= 5 && nameBytes[0] == UInt8(ascii: "x")
        && nameBytes[1] == UInt8(ascii: "m") && nameBytes[2] == UInt8(ascii: "l")
        && nameBytes[3] == UInt8(ascii: "n") && nameBytes[4] == UInt8(ascii: "s")
        && (nameBytes.count == 5 || attributeLocalStart == 6)
      let reported = !isNamespaceDeclaration && isReported(localStart: attributeLocalStart)
      _ = try skipSpaces()
      guard try ensure(1) else { throw endInside("<\(qualified)>") }
      guard buffer[index] == UInt8(ascii: "=") else {
        advance()
        throw fail("attribute '\(scannedName)' has no '=' and value")
      }
      advance()
      _ = try skipSpaces()
      let value = try readAttributeValue(keep: reported)
      if isDuplicateAttribute() {
        throw fail("duplicate attribute '\(scannedName)' in <\(qualified)>")
      }
      attributeNameBytes.append(contentsOf: nameBytes)
      attributeNameEnds.append(attributeNameBytes.count)
      if reported, let value {
        attributes.append(
          XMLAttribute(
            name: String(decoding: nameBytes[attributeLocalStart...], as: UTF8.self),
            value: value))
      }
    }
    rootSeen = true
    if selfClosing {
      if openNameStarts.isEmpty { rootClosed = true }
      pendingEnd = local
    } else {
      guard openNameStarts.count < Self.maxDepth else {
        throw fail("elements are nested more than \(Self.maxDepth) deep")
      }
      openNameStarts.append(openNameBytes.count)
      openNameBytes.append(contentsOf: qualifiedBytes)
    }
    return .start(name: local, attributes: attributes)
  }

  private mutating func endTag() throws -> XMLToken {
    markToken()
    advance()  // "<"
    advance()  // "/"
    let localStart = try scanName(what: "element name")
    _ = try skipSpaces()
    guard try ensure(1) else { throw endInside("</\(scannedName)>") }
    guard buffer[index] == UInt8(ascii: ">") else {
      advance()
      throw fail("expected '>' to end </\(scannedName)>")
    }
    advance()
    guard let start = openNameStarts.last, let open = openElementName else {
      throw fail("unexpected end tag </\(scannedName)>", line: tokenLine, column: tokenColumn)
    }
    guard openNameBytes[start...].elementsEqual(nameBytes) else {
      throw fail(
        "mismatched end tag </\(scannedName)>; expected </\(open)>",
        line: tokenLine, column: tokenColumn)
    }
    openNameStarts.removeLast()
    openNameBytes.removeSubrange(start...)
    if openNameStarts.isEmpty { rootClosed = true }
    return .end(name: try nameString(from: localStart, what: "element name"))
  }

  /// `<!--` comments and `<![CDATA[` sections; everything else after `<!` is refused.
  private mutating func markupDeclaration() throws {
    let (startLine, startColumn) = (line, column + 1)
    if try matches("<!--") {
      skip(4)
      try skipUntil("-->", what: "comment", line: startLine, column: startColumn)
    } else if try matches("<![CDATA[") {
      guard !openNameStarts.isEmpty else {
        throw fail("CDATA outside the root element", line: startLine, column: startColumn)
      }
      skip(9)
      try readCDATA(line: startLine, column: startColumn)
    } else if acceptsDeclarationsOnlyDoctype, !doctypeSeen, !rootSeen, try matches("<!DOCTYPE") {
      doctypeSeen = true
      try skipDeclarationsOnlyDoctype(line: startLine, column: startColumn)
    } else {
      let isDTD = try matches("<!DOCTYPE") ? true : try matches("<!ENTITY")
      throw fail(
        isDTD ? "DTDs and entities are not allowed" : "unexpected markup '<!'",
        line: startLine, column: startColumn)
    }
  }

  /// Skips `<!DOCTYPE name [ subset ]>` whose subset holds only `<!ELEMENT …>`,
  /// `<!ATTLIST …>` and comments (`acceptsDeclarationsOnlyDoctype`); anything else is refused.
  private mutating func skipDeclarationsOnlyDoctype(line startLine: Int, column startColumn: Int)
    throws
  {
    skip(9)
    guard try skipSpaces() else { throw fail("expected a name after <!DOCTYPE") }
    _ = try scanName(what: "document type name")
    _ = try skipSpaces()
    guard try ensure(1) else { throw endInside("the document type declaration") }
    if buffer[index] == UInt8(ascii: "[") {
      advance()
      while true {
        _ = try skipSpaces()
        guard try ensure(1) else { throw endInside("the document type declaration") }
        if buffer[index] == UInt8(ascii: "]") {
          advance()
          break
        }
        let (declarationLine, declarationColumn) = (line, column + 1)
        if try matches("<!--") {
          skip(4)
          try skipUntil(
            "-->", what: "comment", line: declarationLine, column: declarationColumn)
        } else if try matches("<!ELEMENT"), try ensure(10), Self.isSpace(buffer[index + 9]) {
          try skipDeclaration(line: declarationLine, column: declarationColumn)
        } else if try matches("<!ATTLIST"), try ensure(10), Self.isSpace(buffer[index + 9]) {
          try skipDeclaration(line: declarationLine, column: declarationColumn)
        } else {
          throw fail(
            "DTDs may only declare elements and attributes here; entities are not allowed",
            line: declarationLine, column: declarationColumn)
        }
      }
      _ = try skipSpaces()
    }
    guard try ensure(1), buffer[index] == UInt8(ascii: ">") else {
      throw fail(
        "DTDs with an external identifier are not allowed", line: startLine, column: startColumn)
    }
    advance()
  }

  /// Skips an `<!ELEMENT …>` or `<!ATTLIST …>` declaration up to its `>`, stepping over quoted
  /// default values (which may hold `>`) and refusing parameter-entity references (`%name;`).
  private mutating func skipDeclaration(line startLine: Int, column startColumn: Int) throws {
    skip(9)
    var quote: UInt8?
    while try ensure(1) {
      let b = buffer[index]
      if let open = quote {
        if b == open { quote = nil }
      } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
        quote = b
      } else if b == UInt8(ascii: "%") {
        throw fail("parameter entities are not allowed")
      } else if b == UInt8(ascii: "<") {
        throw fail("unexpected '<' inside a declaration")
      } else if b == UInt8(ascii: ">") {
        advance(b)
        return
      }
      advance(b)
    }
    throw endInside("a declaration")
  }

  /// Skips a processing instruction; `<?xml …?>` is accepted only as the very first thing.
  private mutating func processingInstruction() throws {
    let (startLine, startColumn) = (line, column + 1)
    let offset = discarded + index
    skip(2)
    _ = try scanName(what: "processing instruction target")
    let target = try nameString(from: 0, what: "processing instruction target")
    if target.lowercased() == "xml", offset != documentStart {
      throw fail(
        "the XML declaration must be at the very start", line: startLine, column: startColumn)
    }
    try skipUntil("?>", what: "processing instruction", line: startLine, column: startColumn)
  }

  // MARK: - Character data

  /// Reads character data up to the next `<` (or the end), decoding entities.
  private mutating func readText() throws {
    let keep = keepsText && !openNameStarts.isEmpty
    while true {
      if index == buffer.count {
        guard try ensure(1) else { return }
      }
      let b = buffer[index]
      if b == UInt8(ascii: "<") { return }
      advance(b)
      if openNameStarts.isEmpty {
        guard Self.isSpace(b) else {
          throw fail(rootClosed ? "junk after the root element" : "text before the root element")
        }
        continue
      }
      if keep, !hasText {
        hasText = true
        (textLine, textColumn) = (line, column)
      }
      switch b {
      case UInt8(ascii: "&"):
        let scalar = try readReference()
        if keep { Self.appendUTF8(scalar, to: &text) }
      case UInt8(ascii: "\r"):
        // XML end-of-line handling: "\r\n" and a lone "\r" both become "\n".
        if try ensure(1), buffer[index] == UInt8(ascii: "\n") { advance() }
        if keep { text.append(UInt8(ascii: "\n")) }
      case 0x09, 0x0A, 0x20...:
        if keep { text.append(b) }
      default:
        throw fail("control character 0x\(String(b, radix: 16)) in text")
      }
      if keep, text.count > Self.maxTextBytes {
        throw fail("text longer than \(Self.maxTextBytes) bytes")
      }
    }
  }

  /// Appends a CDATA section's content to the text, raw, up to `]]>`.
  private mutating func readCDATA(line startLine: Int, column startColumn: Int) throws {
    let keep = keepsText
    if keep, !hasText {
      hasText = true
      (textLine, textColumn) = (line, column + 1)
    }
    var brackets = 0
    while try ensure(1) {
      let b = buffer[index]
      advance(b)
      if b == UInt8(ascii: ">"), brackets >= 2 {
        // The two "]" of the terminator were appended already; take them back.
        if keep { text.removeLast(2) }
        return
      }
      brackets = b == UInt8(ascii: "]") ? brackets + 1 : 0
      guard b >= 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else {
        throw fail("control character 0x\(String(b, radix: 16)) in CDATA")
      }
      if keep {
        text.append(b)
        if text.count > Self.maxTextBytes {
          throw fail("text longer than \(Self.maxTextBytes) bytes")
        }
      }
    }
    throw fail("unterminated CDATA section", line: startLine, column: startColumn)
  }

  private mutating func flushText() throws -> XMLToken {
    tokenLine = textLine
    tokenColumn = textColumn
    guard let string = Self.decodeLossless(text) else {
      throw fail("invalid UTF-8 in text", line: textLine, column: textColumn)
    }
    text.removeAll(keepingCapacity: true)
    hasText = false
    return .text(string)
  }

  // MARK: - Names, attribute values, references

  /// Reads an XML name into `nameBytes` and returns where its local part starts (after the
  /// last colon; 0 without a prefix). The first byte must be able to start a name.
  private mutating func scanName(what: String) throws -> Int {
    nameBytes.removeAll(keepingCapacity: true)
    nameIsASCII = true
    var localStart = 0
    if let fast = bufferedName() { localStart = fast }
    while try ensure(1) {
      let b = buffer[index]
      guard Self.isNameByte(b) else { break }
      if nameBytes.isEmpty, !Self.isNameStartByte(b) { break }
      advance(b)
      nameBytes.append(b)
      if b >= 0x80 { nameIsASCII = false }
      if b == UInt8(ascii: ":") { localStart = nameBytes.count }
      if nameBytes.count > Self.maxNameBytes {
        throw fail("\(what) longer than \(Self.maxNameBytes) bytes")
      }
    }
    guard !nameBytes.isEmpty else {
      if try ensure(1) { advance() } else { throw fail("unexpected end of file") }
      throw fail("expected \(what)")
    }
    if nameBytes[0] == UInt8(ascii: ":") || localStart == nameBytes.count {
      throw fail("bad \(what) '\(String(decoding: nameBytes, as: UTF8.self))'")
    }
    return localStart
  }

  /// The common case of `scanName`: a name that ends inside the buffer and is not too long,
  /// copied in one go (names are most of an Apple Health export's markup). Returns where its
  /// local part starts, having consumed it into `nameBytes`; nil, having consumed nothing,
  /// when the byte loop must read it (at the end of the buffer, or to report an error).
  private mutating func bufferedName() -> Int? {
    let start = index
    var end = start
    var localStart = 0
    var characters = 0
    var ascii = true
    let complete = buffer.withUnsafeBufferPointer { bytes -> Bool in
      guard end < bytes.count, Self.isNameStartByte(bytes[end]) else { return false }
      while end < bytes.count {
        let b = bytes[end]
        guard Self.isNameByte(b) else { return true }
        if b >= 0x80 {
          ascii = false
          if b & 0xC0 != 0x80 { characters += 1 }
        } else {
          characters += 1
        }
        end += 1
        if b == UInt8(ascii: ":") { localStart = end - start }
        if end - start > Self.maxNameBytes { return false }
      }
      return false
    }
    guard complete, end > start else { return nil }
    nameBytes.append(contentsOf: buffer[start..<end])
    nameIsASCII = ascii
    index = end
    column += characters
    return localStart
  }

  /// `nameBytes` from `start` on, as a String.
  private func nameString(from start: Int, what: String) throws -> String {
    guard let name = Self.decodeLossless(nameBytes[start...]) else {
      throw fail("invalid UTF-8 in \(what)")
    }
    return name
  }

  /// Refuses a name in `nameBytes` that is not valid UTF-8 (only a non-ASCII name can be).
  private func checkNameEncoding(what: String) throws {
    guard !nameIsASCII else { return }
    _ = try nameString(from: 0, what: what)
  }

  /// Whether the attribute whose name is in `nameBytes` (local part from `localStart`) is one
  /// the consumer asked for (`reportedAttributes`; all when that is nil).
  private func isReported(localStart: Int) -> Bool {
    guard let wanted = reportedAttributeBytes else { return true }
    let length = nameBytes.count - localStart
    return nameBytes.withUnsafeBufferPointer { name in
      wanted.contains { candidate in
        candidate.count == length
          && candidate.withUnsafeBufferPointer { bytes in
            for i in 0..<length where bytes[i] != name[localStart + i] { return false }
            return true
          }
      }
    }
  }

  /// Whether the current start tag already has an attribute of the name in `nameBytes`.
  private func isDuplicateAttribute() -> Bool {
    var start = 0
    for end in attributeNameEnds {
      defer { start = end }
      guard end - start == nameBytes.count else { continue }
      if attributeNameBytes[start..<end].elementsEqual(nameBytes) { return true }
    }
    return false
  }

  /// Reads a quoted attribute value after `=`; the attribute's name is in `nameBytes` (for
  /// messages). With `keep` false the value is checked as fully but not made a String (nil).
  private mutating func readAttributeValue(keep: Bool) throws -> String? {
    guard try ensure(1) else { throw fail("unexpected end of file") }
    let quote = buffer[index]
    advance()
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
      throw fail("value of attribute '\(scannedName)' must be in quotes")
    }
    if let value = try plainAttributeValue(quote: quote, keep: keep) { return value }
    valueBytes.removeAll(keepingCapacity: true)
    while true {
      guard try ensure(1) else {
        throw fail("unexpected end of file in attribute '\(scannedName)'")
      }
      if appendPlainRun(quote: quote) {
        if valueBytes.count > Self.maxTextBytes {
          throw fail("attribute '\(scannedName)' longer than \(Self.maxTextBytes) bytes")
        }
        continue
      }
      let b = buffer[index]
      advance(b)
      switch b {
      case quote:
        if !keep && !valueBytes.contains(where: { $0 >= 0x80 }) { return nil }
        guard let value = Self.decodeLossless(valueBytes) else {
          throw fail("invalid UTF-8 in attribute '\(scannedName)'")
        }
        return keep ? value : nil
      case UInt8(ascii: "<"):
        throw fail("'<' in the value of attribute '\(scannedName)'")
      case UInt8(ascii: "&"):
        Self.appendUTF8(try readReference(), to: &valueBytes)
      case 0x09, 0x0A, 0x0D:
        // Attribute-value normalisation: each whitespace character becomes a space.
        valueBytes.append(UInt8(ascii: " "))
      case 0x20...:
        valueBytes.append(b)
      default:
        throw fail("control character 0x\(String(b, radix: 16)) in attribute '\(scannedName)'")
      }
      if valueBytes.count > Self.maxTextBytes {
        throw fail("attribute '\(scannedName)' longer than \(Self.maxTextBytes) bytes")
      }
    }
  }

  /// The common case of `readAttributeValue`, read in one pass over the buffer: a value with
  /// no reference, no whitespace to normalise and no control character, whose closing quote
  /// is already in the buffer. Returns nil, having consumed nothing, for any other value
  /// (the byte-at-a-time loop then reads it and reports what is wrong). Apple Health
  /// exports are gigabytes of attributes; this halves the time spent on them.
  /// With `keep` false an ASCII value is skipped without making a String (`.some(nil)`).
  private mutating func plainAttributeValue(quote: UInt8, keep: Bool) throws -> String?? {
    let start = index
    var end = start
    var characters = 0
    var ascii = true
    let found = buffer.withUnsafeBufferPointer { bytes -> Bool in
      while end < bytes.count {
        let b = bytes[end]
        if b == quote { return true }
        if b < 0x20 || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") { return false }
        if b >= 0x80 {
          ascii = false
          if b & 0xC0 == 0x80 {
            end += 1
            continue
          }
        }
        characters += 1
        end += 1
      }
      return false
    }
    guard found, end - start <= Self.maxTextBytes else { return nil }
    // Past the value and its closing quote, as the loop would have advanced.
    index = end + 1
    column += characters + 1
    if ascii && !keep { return .some(nil) }
    let value: String? =
      ascii
      ? String(decoding: buffer[start..<end], as: UTF8.self)
      : Self.decodeLossless(buffer[start..<end])
    guard let value else { throw fail("invalid UTF-8 in attribute '\(scannedName)'") }
    return .some(keep ? value : nil)
  }

  /// Appends to `valueBytes` the buffered bytes from `index` that the loop of
  /// `readAttributeValue` would append one at a time (not the quote, `<`, `&`, whitespace to
  /// normalise or a control character), and moves past them; false when there is none. It
  /// stops one byte past the length limit, where the loop would have stopped, so an error is
  /// reported at the same place (a device name full of `&lt;` in every Health record).
  private mutating func appendPlainRun(quote: UInt8) -> Bool {
    let limit = min(buffer.count, index + Self.maxTextBytes + 1 - valueBytes.count)
    var end = index
    var characters = 0
    buffer.withUnsafeBufferPointer { bytes in
      while end < limit {
        let b = bytes[end]
        if b == quote || b < 0x20 || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") { break }
        if b & 0xC0 != 0x80 { characters += 1 }
        end += 1
      }
    }
    guard end > index else { return false }
    valueBytes.append(contentsOf: buffer[index..<end])
    index = end
    column += characters
    return true
  }

  /// Decodes the reference after a consumed `&`: the five predefined entities, `&#…;` and
  /// `&#x…;`. Anything else is an error, since no DTD can have declared it.
  private mutating func readReference() throws -> Unicode.Scalar {
    if let scalar = bufferedPredefinedEntity() { return scalar }
    let (startLine, startColumn) = (line, column)
    var body: [UInt8] = []
    while true {
      guard try ensure(1) else {
        throw fail("unterminated '&' reference", line: startLine, column: startColumn)
      }
      let b = buffer[index]
      advance(b)
      if b == UInt8(ascii: ";") { break }
      guard body.count < 12, Self.isNameByte(b) || b == UInt8(ascii: "#") else {
        throw fail("bare '&' (write &amp;)", line: startLine, column: startColumn)
      }
      body.append(b)
    }
    switch String(decoding: body, as: UTF8.self) {
    case "lt": return "<"
    case "gt": return ">"
    case "amp": return "&"
    case "apos": return "'"
    case "quot": return "\""
    case let name where name.hasPrefix("#"):
      let hex = name.hasPrefix("#x")
      let digits = name.dropFirst(hex ? 2 : 1)
      guard let value = UInt32(digits, radix: hex ? 16 : 10), !digits.contains("+"),
        let scalar = Unicode.Scalar(value),
        value == 0x09 || value == 0x0A || value == 0x0D || value >= 0x20
      else {
        throw fail(
          "bad character reference '&\(name);'", line: startLine, column: startColumn)
      }
      return scalar
    case let name:
      throw fail(
        "undefined entity '&\(name);' (DTDs and entities are not allowed)",
        line: startLine, column: startColumn)
    }
  }

  /// The common case of `readReference`: `lt;`, `gt;`, `amp;`, `quot;` or `apos;` already in
  /// the buffer, consumed; nil, having consumed nothing, otherwise. (Every Apple Health record
  /// names its device as `&lt;&lt;HKDevice: …&gt;`.)
  private mutating func bufferedPredefinedEntity() -> Unicode.Scalar? {
    let available = buffer.count - index
    guard available >= 3 else { return nil }
    let (b0, b1, b2) = (buffer[index], buffer[index + 1], buffer[index + 2])
    let scalar: Unicode.Scalar
    let length: Int
    if b1 == UInt8(ascii: "t"), b2 == UInt8(ascii: ";"), b0 == UInt8(ascii: "l") {
      (scalar, length) = ("<", 3)
    } else if b1 == UInt8(ascii: "t"), b2 == UInt8(ascii: ";"), b0 == UInt8(ascii: "g") {
      (scalar, length) = (">", 3)
    } else if available >= 4, b0 == UInt8(ascii: "a"), b1 == UInt8(ascii: "m"),
      b2 == UInt8(ascii: "p"), buffer[index + 3] == UInt8(ascii: ";")
    {
      (scalar, length) = ("&", 4)
    } else if available >= 5, buffer[index + 4] == UInt8(ascii: ";"),
      (b0, b1, b2, buffer[index + 3]) == (0x71, 0x75, 0x6F, 0x74)  // quot
    {
      (scalar, length) = ("\"", 5)
    } else if available >= 5, buffer[index + 4] == UInt8(ascii: ";"),
      (b0, b1, b2, buffer[index + 3]) == (0x61, 0x70, 0x6F, 0x73)  // apos
    {
      (scalar, length) = ("'", 5)
    } else {
      return nil
    }
    index += length
    column += length
    return scalar
  }

  // MARK: - Low level

  /// Makes `n` unread bytes available if the input still has them.
  @inline(__always)
  private mutating func ensure(_ n: Int) throws -> Bool {
    if buffer.count - index >= n { return true }
    return try refill(n)
  }

  private mutating func refill(_ n: Int) throws -> Bool {
    while buffer.count - index < n {
      if exhausted { return false }
      let chunk = try readChunk()
      if chunk.isEmpty {
        exhausted = true
        return false
      }
      if index > 0 {
        discarded += index
        buffer.removeSubrange(0..<index)
        index = 0
      }
      buffer.append(contentsOf: chunk)
    }
    return true
  }

  /// Consumes the byte at `index` (which must exist), keeping line and column.
  @inline(__always)
  private mutating func advance(_ b: UInt8) {
    index += 1
    if b == 0x0A {
      line += 1
      column = 0
    } else if b & 0xC0 != 0x80 {
      // UTF-8 continuation bytes do not start a new character.
      column += 1
    }
  }

  @inline(__always)
  private mutating func advance() {
    advance(buffer[index])
  }

  private mutating func skip(_ count: Int) {
    for _ in 0..<count { advance() }
  }

  /// Skips XML whitespace; true when there was some.
  private mutating func skipSpaces() throws -> Bool {
    var any = false
    while try ensure(1), Self.isSpace(buffer[index]) {
      advance()
      any = true
    }
    return any
  }

  /// True when the unread input starts with `literal` (ASCII).
  private mutating func matches(_ literal: StaticString) throws -> Bool {
    let count = literal.utf8CodeUnitCount
    guard try ensure(count) else { return false }
    return literal.withUTF8Buffer { bytes in
      for i in 0..<count where buffer[index + i] != bytes[i] { return false }
      return true
    }
  }

  /// Skips input up to and including `terminator` (2–4 ASCII bytes); an error if the input ends
  /// first. The last bytes are kept in a shift register, so chunk boundaries do not matter.
  private mutating func skipUntil(
    _ terminator: StaticString, what: String, line startLine: Int, column startColumn: Int
  ) throws {
    let count = terminator.utf8CodeUnitCount
    let target = terminator.withUTF8Buffer { $0.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    let mask: UInt32 = count == 4 ? .max : (1 << (8 * UInt32(count))) - 1
    var window: UInt32 = 0
    var seen = 0
    while try ensure(1) {
      let b = buffer[index]
      advance(b)
      window = (window << 8 | UInt32(b)) & mask
      seen += 1
      if seen >= count, window == target { return }
    }
    throw fail("unterminated \(what)", line: startLine, column: startColumn)
  }

  private mutating func markToken() {
    tokenLine = line
    tokenColumn = column + 1
  }

  /// The name last read by `scanName`, for messages.
  private var scannedName: String { String(decoding: nameBytes, as: UTF8.self) }

  /// The qualified name of the innermost open element, for messages.
  private var openElementName: String? {
    openNameStarts.last.map { String(decoding: openNameBytes[$0...], as: UTF8.self) }
  }

  private func fail(_ message: String) -> XMLScanError {
    XMLScanError(line: line, column: max(column, 1), message: message)
  }

  private func fail(_ message: String, line: Int, column: Int) -> XMLScanError {
    XMLScanError(line: line, column: max(column, 1), message: message)
  }

  private func endInside(_ what: String) -> XMLScanError {
    fail("unexpected end of file inside \(what)", line: line, column: column + 1)
  }

  private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
  }

  /// Bytes that may appear in a name: ASCII letters, digits, `-._:` and any non-ASCII byte.
  @inline(__always)
  private static func isNameByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...:
      true
    default:
      false
    }
  }

  private static func isNameStartByte(_ b: UInt8) -> Bool {
    !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) && b != UInt8(ascii: "-")
      && b != UInt8(ascii: ".")
  }

  /// The bytes as a String, or nil when they are not valid UTF-8 (a replacement character
  /// would otherwise hide the damage).
  private static func decodeLossless<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
    let string = String(decoding: bytes, as: UTF8.self)
    // ASCII cannot be invalid; only otherwise compare with what the decoder made of it.
    if !bytes.contains(where: { $0 >= 0x80 }) { return string }
    return string.utf8.elementsEqual(bytes) ? string : nil
  }

  private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
    UTF8.encode(scalar) { bytes.append($0) }
  }
}
