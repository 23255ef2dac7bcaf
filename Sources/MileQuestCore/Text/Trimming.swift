/// Trimming white space without Foundation.
///
/// `trimmingCharacters(in:)` goes through `NSString`, and its first use in a process makes the
/// Swift runtime build enough generic metadata to cost a `log` about 5 % of its CPU time (perf
/// of the release binary, session 10). These drop the same Unicode scalars as the character
/// sets they name, from both ends, scalar by scalar as Foundation does; `TrimmingTests` checks
/// the sets against Foundation's scalar by scalar, and the results on random text.
extension Substring {
  /// Without white space and line breaks at either end: `CharacterSet.whitespacesAndNewlines`,
  /// which is Unicode's `White_Space` property and U+200B.
  public var trimmedOfWhitespaceAndNewlines: String {
    trimmingScalars { $0.properties.isWhitespace || $0 == zeroWidthSpace }
  }

  /// Without spaces and tabs at either end: `CharacterSet.whitespaces`, the space separators
  /// (Unicode category Zs), the tab and U+200B.
  public var trimmedOfWhitespace: String {
    trimmingScalars {
      $0 == "\t" || $0.properties.generalCategory == .spaceSeparator || $0 == zeroWidthSpace
    }
  }

  private func trimmingScalars(_ drop: (Unicode.Scalar) -> Bool) -> String {
    var scalars = unicodeScalars
    while let first = scalars.first, drop(first) { scalars.removeFirst() }
    while let last = scalars.last, drop(last) { scalars.removeLast() }
    return String(scalars)
  }
}

extension String {
  /// `Substring.trimmedOfWhitespaceAndNewlines` of the whole string.
  public var trimmedOfWhitespaceAndNewlines: String { self[...].trimmedOfWhitespaceAndNewlines }

  /// `Substring.trimmedOfWhitespace` of the whole string.
  public var trimmedOfWhitespace: String { self[...].trimmedOfWhitespace }
}

/// U+200B, a space separator in Unicode before 4.0.1 and still in Foundation's sets.
private let zeroWidthSpace: Unicode.Scalar = "\u{200B}"
