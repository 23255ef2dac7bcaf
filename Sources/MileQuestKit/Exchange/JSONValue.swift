/// A JSON document with object keys kept in the order written, so output is stable and reads
/// in a sensible order (`id` first). Numbers print in Swift's shortest round-trip form: full
/// precision, as the spec wants for JSON.
indirect enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

  /// The document as text; pretty-printed with two-space indentation.
  func rendered(indent: String = "") -> String {
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

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F
        || (0x2028...0x2029).contains(scalar.value):
        out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension JSONValue {
  init(_ value: String?) { self = value.map { .string($0) } ?? .null }
  init(_ value: Double?) { self = value.map { .double($0) } ?? .null }
  init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
  init(_ value: Int64?) { self = value.map { .int($0) } ?? .null }
}
