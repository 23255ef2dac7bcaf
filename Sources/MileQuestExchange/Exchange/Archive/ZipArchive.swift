import Foundation
import MileQuestCore
import ZIPFoundation

/// A zip archive (Apple Health's `export.zip`, a Strava bulk export) read an entry at a time
/// through ZIPFoundation: the central directory lists the members, and `source(for:)` hands
/// out one member's inflated bytes as a `ByteSource`, a chunk at a time, so a 5 GB
/// `export.xml` inside is never held in memory.
///
/// ZIPFoundation hands an entry's bytes to a closure (it pushes); the readers pull from a
/// `ByteSource`. So each opened member is inflated on a thread of its own into a queue of at
/// most `queuedChunks` chunks, and the reader takes them off: memory stays at a few chunks,
/// and a reader that stops early (or is dropped) stops the thread.
///
/// The bytes are checked as they come: the CRC-32 at the end, no member larger than its
/// header says, and `ArchiveLimits` over the whole archive (a zip bomb is bad data, 65).
/// Errors name the archive and the member: `export.zip:apple_health_export/export.xml: ...`.
public final class ZipArchive {
  /// One file in the archive (directories are not listed).
  public struct Member: Sendable {
    /// The path inside the archive, `/`-separated.
    public let path: String
    /// Its size inflated, as the archive says.
    public let size: UInt64
    public let compressedSize: UInt64
    fileprivate let entry: EntryBox
  }

  /// The archive's name in messages (the path as given).
  public let name: String
  public let members: [Member]
  public let limits: ArchiveLimits
  private let url: URL
  /// Bytes inflated so far from every member opened, for the archive-wide limit.
  private var expandedTotal: UInt64 = 0
  /// Chunks an opened member may have waiting; each is at most `chunkSize` bytes.
  static let queuedChunks = 4
  static let chunkSize = 256 * 1024
  /// A zip file's first bytes: a local file header, or the end record of an empty archive.
  public static let magic: [UInt8] = [0x50, 0x4b, 0x03, 0x04]
  static let emptyMagic: [UInt8] = [0x50, 0x4b, 0x05, 0x06]

  /// Whether `source` starts like a zip archive (the bytes stay in `source`).
  public static func isZip(_ source: ByteSource) throws -> Bool {
    let head = try source.head(4)
    return head == magic || head == emptyMagic
  }

  /// The archive at `path`: its central directory is read now, no member yet. A missing file
  /// is 66; standard input is refused (a zip is read from its end); a file that is not a zip
  /// is 65.
  public init(path: String, limits: ArchiveLimits = .standard) throws {
    guard path != "-" else {
      throw MileQuestError.usage(
        "a zip archive cannot be read from standard input; give its path")
    }
    _ = try InputFile(path: path)  // 66 for a missing or unreadable file, as every input
    name = path
    self.limits = limits
    url = URL(fileURLWithPath: path)
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw MileQuestError.badData("\(path): not a zip archive (no readable central directory)")
    }
    var members: [Member] = []
    var declaredTotal: UInt64 = 0
    var compressedTotal: UInt64 = 0
    for entry in archive where entry.type == .file {
      let member = Member(
        path: entry.path, size: entry.uncompressedSize, compressedSize: entry.compressedSize,
        entry: EntryBox(entry: entry))
      declaredTotal &+= member.size
      compressedTotal &+= member.compressedSize
      members.append(member)
    }
    // The sizes the archive declares, checked before inflating anything (a bomb that says
    // what it is fails at once; one that lies fails while inflating).
    if declaredTotal >= UInt64(Int64.max) {
      throw MileQuestError.badData("\(path): the archive declares impossible sizes")
    }
    if let problem = limits.problem(expanded: declaredTotal, compressed: compressedTotal) {
      throw MileQuestError.badData("\(path): \(problem)")
    }
    self.members = members
  }

  /// The member at `path`, if the archive has one (the first, if several).
  public func member(_ path: String) -> Member? {
    members.first { $0.path == path }
  }

  /// The inflated bytes of `member`, named `ARCHIVE:MEMBER` in messages.
  public func source(for member: Member) throws -> ByteSource {
    let name = "\(self.name):\(member.path)"
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw MileQuestError.badData(
        "\(self.name): not a zip archive (no readable central directory)")
    }
    let channel = Channel()
    let job = ExtractJob(archive: archive, entry: member.entry.entry, channel: channel)
    let thread = Thread { job.run() }
    thread.name = "milequest zip"
    thread.start()
    let reader = EntryReader(channel: channel)
    var expanded: UInt64 = 0
    return ByteSource(name: name, size: Int(exactly: member.size)) { [self] in
      let chunk: [UInt8]
      do {
        chunk = try reader.next()
      } catch ZipStreamError.crcMismatch {
        throw MileQuestError.badData("\(name): CRC-32 mismatch: the archive is corrupt")
      } catch let error as MileQuestError {
        throw error
      } catch {
        throw MileQuestError.badData("\(name): corrupt zip member (\(error))")
      }
      expanded += UInt64(chunk.count)
      expandedTotal += UInt64(chunk.count)
      if expanded > member.size {
        reader.channel.cancel()
        throw MileQuestError.badData(
          "\(name): inflates to more than the \(member.size) bytes the archive declares")
      }
      let ratioBase = max(member.compressedSize, 1)
      if let problem = limits.problem(expanded: expanded, compressed: ratioBase)
        ?? limits.problem(expanded: expandedTotal, compressed: UInt64.max)
      {
        reader.channel.cancel()
        throw MileQuestError.badData("\(name): \(problem)")
      }
      return chunk
    }
  }
}

private enum ZipStreamError: Error {
  case cancelled
  case crcMismatch
}

/// ZIPFoundation's `Entry` is a plain value with no `Sendable` mark; it is only read.
struct EntryBox: @unchecked Sendable {
  let entry: Entry
}

/// The queue between the inflating thread and the reader.
private final class Channel: @unchecked Sendable {
  private let condition = NSCondition()
  private var chunks: [Data] = []
  private var finished = false
  private var failure: Error?
  private var cancelled = false

  /// Called on the inflating thread: waits while the queue is full; throws once cancelled.
  func put(_ data: Data) throws {
    condition.lock()
    defer { condition.unlock() }
    while chunks.count >= ZipArchive.queuedChunks && !cancelled { condition.wait() }
    if cancelled { throw ZipStreamError.cancelled }
    chunks.append(data)
    condition.broadcast()
  }

  func finish(_ error: Error?) {
    condition.lock()
    finished = true
    failure = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next chunk, empty at the end; the inflating thread's error, if any.
  func take() throws -> [UInt8] {
    condition.lock()
    while chunks.isEmpty && !finished && !cancelled { condition.wait() }
    if !chunks.isEmpty {
      let data = chunks.removeFirst()
      condition.broadcast()
      condition.unlock()
      return [UInt8](data)
    }
    let failure = self.failure
    condition.unlock()
    if let failure { throw failure }
    return []
  }

  func cancel() {
    condition.lock()
    cancelled = true
    chunks.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}

/// What the inflating thread runs: the archive is used by that thread only.
private final class ExtractJob: @unchecked Sendable {
  let archive: Archive
  let entry: Entry
  let channel: Channel

  init(archive: Archive, entry: Entry, channel: Channel) {
    self.archive = archive
    self.entry = entry
    self.channel = channel
  }

  func run() {
    do {
      let checksum = try archive.extract(
        entry, bufferSize: ZipArchive.chunkSize, skipCRC32: false
      ) { data in
        guard !data.isEmpty else { return }
        try self.channel.put(data)
      }
      if checksum != entry.checksum {
        channel.finish(ZipStreamError.crcMismatch)
      } else {
        channel.finish(nil)
      }
    } catch {
      channel.finish(error)
    }
  }
}

/// The reader's end: dropping it (the `ByteSource` is released) stops the inflating thread.
private final class EntryReader {
  let channel: Channel
  init(channel: Channel) { self.channel = channel }
  deinit { channel.cancel() }
  func next() throws -> [UInt8] { try channel.take() }
}
