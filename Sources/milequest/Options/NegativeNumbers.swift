extension MileQuest {
  /// Lets a negative number stand as a positional argument: ArgumentParser reads `-3` in
  /// `log -3` (or `log -3mi`, `walks delete -1`) as short options and answers with a usage
  /// error (64), while a negative distance is bad data (65, SPEC §2) and the Kit should judge
  /// it. Such words, unless they are an option's value (`--date -3d`), are moved after a `--`
  /// terminator, where ArgumentParser takes every word as a positional; the order of the
  /// words moved is kept. Words after an existing `--` are positionals already.
  static func protectingNegativeNumbers(_ arguments: [String]) -> [String] {
    var kept: [String] = []
    var moved: [String] = []
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      if word == "--" { break }
      if isNegativeNumber(word), !isValueOption(kept.last ?? "") {
        moved.append(word)
      } else {
        kept.append(word)
      }
      index += 1
    }
    guard !moved.isEmpty else { return arguments }
    let rest = arguments[index...].drop { $0 == "--" }
    return kept + ["--"] + moved + rest
  }

  /// `-3`, `-3.2`, `-.5`, `-3mi`, `-1`, `-inf`, `-nan`: a minus sign followed by a digit, a
  /// point and a digit, or an infinity or NaN.
  static func isNegativeNumber(_ word: String) -> Bool {
    let scalars = Array(word.unicodeScalars.prefix(3))
    guard scalars.count >= 2, scalars[0] == "-" else { return false }
    let rest = word.dropFirst().lowercased()
    if rest.hasPrefix("inf") || rest.hasPrefix("nan") { return true }
    let isDigit = { (scalar: Unicode.Scalar) in ("0"..."9").contains(scalar) }
    return isDigit(scalars[1]) || (scalars[1] == "." && scalars.count == 3 && isDigit(scalars[2]))
  }

  /// Whether `word` is a long option whose value is the next word: `--name` without `=`, and
  /// not a flag of the option table.
  private static func isValueOption(_ word: String) -> Bool {
    word.hasPrefix("--") && word.count > 2 && !word.contains("=")
      && !(OptionKey.named(word)?.isFlag ?? false)
  }
}
