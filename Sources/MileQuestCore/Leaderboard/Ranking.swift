/// Standard competition ranking: ties share a rank and the next rank skips (1, 2, 2, 4).
public enum Ranking {
  /// Orders `items` by `value` descending (ties by name) and gives each its rank.
  public static func rank<Item>(
    _ items: [Item], value: (Item) -> Double, name: (Item) -> String
  ) -> [(rank: Int, item: Item)] {
    // Keys computed once and positions sorted, not the items: a 10,000-team board compared
    // lower-cased copies of names and moved whole entries in every step of the sort.
    let values = items.map(value)
    let names = items.map(name)
    let lowered = names.map { $0.lowercased() }
    let order = items.indices.sorted { a, b in
      if values[a] != values[b] { return values[a] > values[b] }
      if lowered[a] != lowered[b] { return lowered[a] < lowered[b] }
      if names[a] != names[b] { return names[a] < names[b] }
      return a < b
    }
    var ranked: [(rank: Int, item: Item)] = []
    ranked.reserveCapacity(items.count)
    for (index, position) in order.enumerated() {
      let tied = index > 0 && values[order[index - 1]] == values[position]
      ranked.append((rank: tied ? ranked[index - 1].rank : index + 1, item: items[position]))
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
