/// Counts in words: "1 walk", "2 walks", "0 walks".
public enum Plural {
  /// `count` and `noun`, the noun in the plural (`plural`, or `noun` + "s") unless the count
  /// is exactly one.
  public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
  }
}
