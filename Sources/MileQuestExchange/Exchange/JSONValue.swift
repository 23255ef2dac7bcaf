import Foundation
import MileQuestCore

/// A JSON document with object keys kept in the order written, so output is stable and reads
/// in a sensible order (`id` first). Numbers print in Swift's shortest round-trip form: full
/// precision, as the spec wants for JSON.
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.rendered() == rhs.rendered()
  }

  /// The document as text; pretty-printed with two-space indentation.
  public func rendered(indent: String = "") -> String {
    switch self {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .int(let value): return String(value)
    case .double(let value):
      return value.isFinite ? "\(value)" : "null"
    case .string(let value): return Self.quoted(value)
    case .array(let items):
      if items.isEmpty { return "[]" }
      let inner = indent + "  "
      return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n")
        + "\n" + indent + "]"
    case .object(let fields):
      if fields.isEmpty { return "{}" }
      let inner = indent + "  "
      return "{\n"
        + fields.map { inner + Self.quoted($0.0) + ": " + $0.1.rendered(indent: inner) }
        .joined(separator: ",\n") + "\n" + indent + "}"
    }
  }

  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _
      where scalar.value < 0x20 || scalar.value == 0x7F
        || (0x2028...0x2029).contains(scalar.value):
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension JSONValue {
  public init(_ value: String?) { self = value.map { .string($0) } ?? .null }
  public init(_ value: Double?) { self = value.map { .double($0) } ?? .null }
  public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
  public init(_ value: Int64?) { self = value.map { .int($0) } ?? .null }

  /// The document on one line (for NDJSON).
  public func compact() -> String {
    switch self {
    case .array(let items): "[" + items.map { $0.compact() }.joined(separator: ",") + "]"
    case .object(let fields):
      "{" + fields.map { Self.quoted($0.0) + ":" + $0.1.compact() }.joined(separator: ",") + "}"
    default: rendered()
    }
  }

  /// Parses JSON text; throws `.badData` naming the problem.
  ///
  /// Decoded with JSONDecoder, not JSONSerialization: on Linux the latter turns long decimals
  /// into NSDecimalNumber and rounds them wrongly (0.30000000000000004 comes back as
  /// 0.3000000000000001), which would break exact round trips of distances.
  public init(parsing data: Data) throws {
    do {
      self = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch let DecodingError.dataCorrupted(context) {
      let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey]
      throw MileQuestError.badData(
        "not valid JSON: \(underlying as? String ?? context.debugDescription)")
    } catch {
      throw MileQuestError.badData("not valid JSON: \(error)")
    }
  }

  /// The value of `key` in an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let fields) = self else { return nil }
    return fields.first { $0.0 == key }?.1
  }
}

extension JSONValue: Decodable {
  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    if let object = try? decoder.container(keyedBy: Key.self) {
      self = .object(
        try object.allKeys.map(\.stringValue).sorted().map {
          ($0, try object.decode(JSONValue.self, forKey: Key(stringValue: $0)))
        })
      return
    }
    if var array = try? decoder.unkeyedContainer() {
      var items: [JSONValue] = []
      while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
      self = .array(items)
      return
    }
    let single = try decoder.singleValueContainer()
    if single.decodeNil() {
      self = .null
    } else if let value = try? single.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? single.decode(Int64.self) {
      self = .int(value)
    } else if let value = try? single.decode(Double.self) {
      self = .double(value)
    } else {
      self = .string(try single.decode(String.self))
    }
  }
}
