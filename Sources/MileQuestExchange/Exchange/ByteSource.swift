import Foundation
import MileQuestCore

/// The bytes of an input (a file, standard input, or bytes in memory) handed over a chunk at
/// a time, so that a reader holds one chunk and the record it is building, never the file.
///
/// One pass: each byte is handed over once. `head(_:)` looks at the first bytes (a byte order
/// mark, a text encoding) without consuming them.
public final class ByteSource {
  /// Bytes handed over at a time when reading a file.
  public static let defaultChunkSize = 256 * 1024

  /// The input's name in messages (the path as the user gave it).
  public let name: String
  private let read: () throws -> [UInt8]
  /// Bytes read by `head` and not yet handed over.
  private var pending: [UInt8] = []
  /// The input's size in bytes when known (a regular file, bytes in memory).
  public let size: Int?
  /// Bytes read so far from the input (handed over or pending).
  public private(set) var bytesRead = 0
  /// Called with `bytesRead` after each chunk is read (a progress line); nil costs nothing.
  public var onChunk: ((Int) -> Void)?

  /// `bytes` in memory, `chunkSize` bytes at a time (tests use small sizes to put every
  /// token across a chunk boundary).
  public init(bytes: [UInt8], name: String, chunkSize: Int = .max) {
    self.name = name
    self.size = bytes.count
    var offset = 0
    let size = max(1, chunkSize)
    read = {
      guard offset < bytes.count else { return [] }
      let end = offset + min(size, bytes.count - offset)
      defer { offset = end }
      if offset == 0 && end == bytes.count { return bytes }
      return Array(bytes[offset..<end])
    }
  }

  /// The file at `path`, or standard input for `-`; a missing or unreadable file (or a
  /// directory) is `.inputUnreadable` (exit 66).
  public convenience init(path: String, chunkSize: Int = ByteSource.defaultChunkSize) throws {
    let file = path == "-" ? InputFile.standardInput() : try InputFile(path: path)
    self.init(file: file, chunkSize: chunkSize)
  }

  /// Bytes handed over by `read` a chunk at a time (empty at the end): an archive's entry or
  /// inflated gzip data.
  public init(name: String, size: Int?, read: @escaping () throws -> [UInt8]) {
    self.name = name
    self.size = size
    self.read = read
  }

  init(file: InputFile, chunkSize: Int) {
    name = file.path
    size = file.isRegular ? file.size : nil
    read = { try file.read(upTo: chunkSize) }
  }

  /// The next chunk of the input, counted.
  private func fetch() throws -> [UInt8] {
    let chunk = try read()
    bytesRead += chunk.count
    if let onChunk, !chunk.isEmpty { onChunk(bytesRead) }
    return chunk
  }

  /// The next chunk; empty at the end (and from then on).
  public func next() throws -> [UInt8] {
    if !pending.isEmpty {
      defer { pending = [] }
      return pending
    }
    return try fetch()
  }

  /// The first `count` bytes not yet handed over (fewer at the end), left for `next`.
  public func head(_ count: Int) throws -> [UInt8] {
    while pending.count < count {
      let chunk = try fetch()
      if chunk.isEmpty { break }
      pending += chunk
    }
    return Array(pending.prefix(count))
  }

  /// Everything not yet handed over, refused with `.badData` beyond `limit` bytes (checked
  /// while reading, so a larger input costs at most `limit` plus one chunk).
  public func readAll(limit: Int, what: String) throws -> [UInt8] {
    var all: [UInt8] = []
    while true {
      let chunk = try next()
      if chunk.isEmpty { return all }
      all += chunk
      if all.count > limit {
        throw MileQuestError.badData(
          "\(name) is larger than \(ByteSource.size(limit)), the limit for \(what)")
      }
    }
  }

  /// `bytes` for messages: "1 MiB", "16 MiB", "512 KiB".
  static func size(_ bytes: Int) -> String {
    if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }
}
