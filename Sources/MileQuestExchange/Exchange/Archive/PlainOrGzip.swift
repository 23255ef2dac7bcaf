import MileQuestCore

extension ByteSource {
  /// The file at `path` (`-` standard input), inflated on the fly when it is gzip data
  /// (recognised by its first bytes, whatever its name): `.fit.gz`, `.tcx.gz`, `.gpx.gz`.
  public static func plainOrGzip(path: String, limits: ArchiveLimits = .standard) throws
    -> ByteSource
  {
    let source = try ByteSource(path: path)
    return try Gzip.isGzip(source) ? Gzip.inflating(source, limits: limits) : source
  }
}
