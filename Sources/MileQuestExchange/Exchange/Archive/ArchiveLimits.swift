import MileQuestCore

/// How far compressed input (a zip entry, a gzip file) may expand before it is refused as a
/// decompression bomb (bad data, exit 65). Checked on the bytes actually inflated, not only on
/// the sizes an archive declares, so a lying header stops at the same limit.
///
/// - `maxExpandedBytes`: the most one archive or gzip file may inflate to in all. 16 GiB is
///   three times the largest Apple Health export.xml reported (about 5 GB).
/// - `maxRatio`: inflated bytes per compressed byte, checked once more than `ratioFreeBytes`
///   have been inflated. Real exports compress 5-40 times (XML, CSV, FIT); deflate cannot pass
///   about 1032, which a file of one repeated byte reaches: the classic bomb.
public struct ArchiveLimits: Sendable, Equatable {
  public var maxExpandedBytes: UInt64
  public var maxRatio: UInt64
  public var ratioFreeBytes: UInt64

  public init(maxExpandedBytes: UInt64, maxRatio: UInt64, ratioFreeBytes: UInt64) {
    self.maxExpandedBytes = maxExpandedBytes
    self.maxRatio = maxRatio
    self.ratioFreeBytes = ratioFreeBytes
  }

  public static let standard = ArchiveLimits(
    maxExpandedBytes: 16 << 30, maxRatio: 200, ratioFreeBytes: 64 << 20)

  /// Nil when `expanded` bytes out of `compressed` are within the limits, else the reason.
  func problem(expanded: UInt64, compressed: UInt64) -> String? {
    if expanded > maxExpandedBytes {
      return "expands past \(Self.size(maxExpandedBytes)), the limit for compressed input"
    }
    if expanded > ratioFreeBytes, expanded / max(compressed, 1) > maxRatio {
      return "expands more than \(maxRatio) times (\(Self.size(expanded)) from "
        + "\(Self.size(compressed))): refused as a decompression bomb"
    }
    return nil
  }

  static func size(_ bytes: UInt64) -> String {
    if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }
}
