import CZlibInflate
import MileQuestCore

/// The inflated bytes of gzip data (`.fit.gz`, `.gpx.gz`, `.tcx.gz`), read from another
/// `ByteSource` a chunk at a time: the file is never held whole, and the output is checked
/// against `ArchiveLimits` as it grows. Concatenated gzip members are read one after another
/// (as `gzip -d` does). Truncated or corrupt data is `.badData("FILE: reason")` (exit 65).
public enum Gzip {
  /// Gzip's first two bytes.
  public static let magic: [UInt8] = [0x1f, 0x8b]

  /// Whether `source` starts with gzip's magic (the bytes stay in `source`).
  public static func isGzip(_ source: ByteSource) throws -> Bool {
    try source.head(2) == magic
  }

  /// A source of `source`'s inflated bytes, named `name` in messages (by default
  /// `source.name`).
  public static func inflating(
    _ source: ByteSource, name: String? = nil, limits: ArchiveLimits = .standard
  ) -> ByteSource {
    let inflater = Inflater(source: source, limits: limits)
    return ByteSource(name: name ?? source.name, size: nil) { try inflater.next() }
  }

  private final class Inflater {
    let source: ByteSource
    let limits: ArchiveLimits
    var stream = z_stream()
    var started = false
    var ended = false
    /// Compressed bytes not yet given to zlib.
    var input: [UInt8] = []
    var inputOffset = 0
    var expanded: UInt64 = 0
    /// Whether the current member ended and another may follow.
    var betweenMembers = false
    static let outputSize = 256 * 1024

    init(source: ByteSource, limits: ArchiveLimits) {
      self.source = source
      self.limits = limits
    }

    deinit {
      if started { inflateEnd(&stream) }
    }

    func fail(_ reason: String) -> MileQuestError {
      .badData("\(source.name): \(reason)")
    }

    func next() throws -> [UInt8] {
      if ended { return [] }
      if !started {
        // 16 + 15: a gzip header and trailer (CRC-32 and length, checked by zlib) around a
        // deflate stream with the largest window.
        guard mq_inflate_init2(&stream, 16 + 15) == Z_OK else {
          throw MileQuestError.internalError("zlib could not start inflating")
        }
        started = true
      }
      var output = [UInt8](repeating: 0, count: Self.outputSize)
      var produced = 0
      while produced == 0 {
        if inputOffset == input.count {
          input = try source.next()
          inputOffset = 0
          if input.isEmpty {
            if betweenMembers {
              ended = true
              return []
            }
            throw fail(
              expanded == 0 && source.bytesRead == 0
                ? "empty file, not gzip data" : "truncated gzip data (it ends too soon)")
          }
        }
        if betweenMembers {
          // Another member follows the one that ended (or trailing garbage, which zlib
          // refuses as a bad header).
          inflateReset(&stream)
          betweenMembers = false
        }
        let status = input.withUnsafeMutableBufferPointer { inputBuffer in
          output.withUnsafeMutableBufferPointer { outputBuffer in
            stream.next_in = inputBuffer.baseAddress! + inputOffset
            stream.avail_in = UInt32(inputBuffer.count - inputOffset)
            stream.next_out = outputBuffer.baseAddress! + produced
            stream.avail_out = UInt32(outputBuffer.count - produced)
            let status = inflate(&stream, Z_NO_FLUSH)
            inputOffset = inputBuffer.count - Int(stream.avail_in)
            produced = outputBuffer.count - Int(stream.avail_out)
            return status
          }
        }
        switch status {
        case Z_OK, Z_BUF_ERROR:
          break
        case Z_STREAM_END:
          betweenMembers = true
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
          throw fail("corrupt gzip data (\(message))")
        }
        if betweenMembers && produced == 0 && inputOffset == input.count {
          // The member ended with this chunk: see whether the file goes on.
          input = try source.next()
          inputOffset = 0
          if input.isEmpty {
            ended = true
            return []
          }
        }
      }
      expanded += UInt64(produced)
      if let problem = limits.problem(expanded: expanded, compressed: UInt64(source.bytesRead)) {
        throw fail(problem)
      }
      output.removeSubrange(produced...)
      return output
    }
  }
}
