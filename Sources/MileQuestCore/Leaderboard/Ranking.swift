/// Standard competition ranking: ties share a rank and the next rank skips (1, 2, 2, 4).
public enum Ranking {
  /// Orders `items` by `value` descending (ties by name) and gives each its rank.
  public static func rank<Item>(
    _ items: [Item], value: (Item) -> Double, name: (Item) -> String
  ) -> [(rank: Int, item: Item)] {
    let sorted = items.sorted { a, b in
      let (va, vb) = (value(a), value(b))
      if va != vb { return va > vb }
      let (na, nb) = (name(a), name(b))
      return na.lowercased() != nb.lowercased() ? na.lowercased() < nb.lowercased() : na < nb
    }
    var ranked: [(rank: Int, item: Item)] = []
    for (index, item) in sorted.enumerated() {
      let tied = index > 0 && value(sorted[index - 1]) == value(item)
      ranked.append((rank: tied ? ranked[index - 1].rank : index + 1, item: item))
    }
    return ranked
  }

  /// Keeps the top `limit` ranks; rows tied at the cut are kept (ranks ≤ limit).
  public static func limit<Item>(_ ranked: [(rank: Int, item: Item)], to limit: Int?)
    -> [(rank: Int, item: Item)]
  {
    guard let limit else { return ranked }
    return ranked.filter { $0.rank <= limit }
  }
}
