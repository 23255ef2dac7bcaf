/// "Did you mean ...?" for a mistyped word.
public enum Suggestion {
  /// The candidate closest to `word`, if one is close enough to be what was meant: at most
  /// one edit away for words of up to four letters, two for longer ones (an edit inserts,
  /// deletes or changes a letter, or swaps two neighbours), or the only candidate that
  /// `word` begins (at least two letters typed). Ties go to the first candidate.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    let typed = word.lowercased()
    guard !typed.isEmpty else { return nil }
    let limit = typed.count <= 4 ? 1 : 2
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(typed, candidate.lowercased())
      if distance <= limit, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    if let best { return best.name }
    let extending = candidates.filter { $0.lowercased().hasPrefix(typed) }
    return typed.count >= 2 && extending.count == 1 ? extending[0] : nil
  }

  /// The optimal string alignment distance (Levenshtein plus transpositions of neighbours),
  /// in Characters.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, table[i - 2][j - 2] + 1)
        }
        table[i][j] = value
      }
    }
    return table[a.count][b.count]
  }
}
