extension MileQuestService {
  /// `importWalks` of a file's bytes already in memory (tests, small inputs).
  public func importWalks(
    _ bytes: [UInt8], format: ExchangeFormat, file: String, dryRun: Bool
  ) throws -> ImportReport {
    try importWalks(
      ByteSource(bytes: bytes, name: file), format: format, file: file, dryRun: dryRun)
  }
}
