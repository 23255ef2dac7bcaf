import MileQuestKit

/// Splits a shell line into words the way sh does for the common cases: spaces separate,
/// 'single' and "double" quotes group, a backslash escapes the next character.
enum ShellWords {
  /// The words of `line`; throws `.usage` for an unterminated quote.
  static func split(_ line: String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      if let open = quote {
        if character == open {
          quote = nil
        } else if character == "\\" && open == "\"" {
          escaped = true
        } else {
          current.append(character)
        }
        continue
      }
      switch character {
      case "\\":
        escaped = true
        inWord = true
      case "'", "\"":
        quote = character
        inWord = true
      case " ", "\t":
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    if quote != nil { throw MileQuestError.usage("unterminated quote") }
    if inWord { words.append(current) }
    return words
  }
}
