/// A map that holds at most `capacity` entries: once full, each new key replaces the oldest
/// one (first in, first out). What a streaming import remembers per member (the member, the
/// memberships that decide its warnings) lives in one, so its memory stays flat whatever the
/// number of members; a key evicted and asked again is simply looked up again.
public struct BoundedCache<Key: Hashable, Value> {
  /// The most entries held at once.
  public let capacity: Int
  private var values: [Key: Value] = [:]
  /// The keys in the order they came, as a ring once `capacity` is reached.
  private var order: [Key] = []
  /// The slot of `order` that the next new key takes (its key is the oldest) once full.
  private var oldest = 0

  public init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  /// How many entries are held.
  public var count: Int { values.count }

  /// The value of `key`, if held.
  public subscript(key: Key) -> Value? { values[key] }

  /// Holds `value` for `key`, evicting the oldest entry when a new key finds the cache full.
  public mutating func set(_ value: Value, for key: Key) {
    if values.updateValue(value, forKey: key) != nil { return }
    if order.count < capacity {
      order.append(key)
      return
    }
    values.removeValue(forKey: order[oldest])
    order[oldest] = key
    oldest = (oldest + 1) % capacity
  }

  /// The value of `key`: the held one, else `make()`'s, which is then held.
  public mutating func value(for key: Key, orMake make: () throws -> Value) rethrows -> Value {
    if let held = values[key] { return held }
    let made = try make()
    set(made, for: key)
    return made
  }
}
