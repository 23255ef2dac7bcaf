/// Error messages kept short: a value echoed from the input (a 268 MB CSV line, a name of a
/// million characters) is cut in the middle, so that no line of a message carries more than
/// about 200 bytes of it.
public enum ErrorMessage {
  /// Longest line printed, in UTF-8 bytes; a longer one keeps its first `headBytes` and its
  /// last `tailBytes` (where the reason or hint usually is).
  public static let maxLineBytes = 300
  static let headBytes = 180
  static let tailBytes = 60

  /// `message` with every line longer than `maxLineBytes` cut in the middle.
  public static func bounded(_ message: String) -> String {
    guard message.utf8.count > maxLineBytes else { return message }
    return message.split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in bounded(line: Substring(line)) }
      .joined(separator: "\n")
  }

  private static func bounded(line: Substring) -> String {
    let count = line.utf8.count
    guard count > maxLineBytes else { return String(line) }
    let head = String(prefix(of: line.unicodeScalars, bytes: headBytes))
    let tail = String(
      String.UnicodeScalarView(
        prefix(of: line.unicodeScalars.reversed(), bytes: tailBytes).reversed()))
    let cut = count - head.utf8.count - tail.utf8.count
    return head + "…[\(cut) bytes not shown]…" + tail
  }

  /// The first scalars of `scalars` that fit in `bytes` of UTF-8.
  private static func prefix<S: Sequence<Unicode.Scalar>>(of scalars: S, bytes: Int)
    -> String.UnicodeScalarView
  {
    var out = String.UnicodeScalarView()
    var used = 0
    for scalar in scalars {
      used += UTF8.width(scalar)
      if used > bytes { break }
      out.append(scalar)
    }
    return out
  }
}
