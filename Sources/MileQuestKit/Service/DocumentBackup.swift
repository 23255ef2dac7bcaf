import Foundation

/// `backup` and `restore` of a store that is not one file on this machine (a server's
/// database, `ContentReplacing`): the backup is the `export all` document, and a restore
/// replaces the challenge with a document's contents in one transaction.
extension MileQuestService {
  /// Whether backups of this database are `export all` documents (a server's database)
  /// rather than copies of a database file.
  public var backsUpAsDocument: Bool { store is any ContentReplacing }

  /// Writes the `export all` document to `path` (mode 0600), under a temporary name renamed
  /// into place when complete (`OutputFile`): a backup that fails leaves nothing at `path`.
  ///
  /// `path` may be new (with its directory when `creatingDirectory`), an empty file or an
  /// earlier `export all` document (replaced; the CLI asks for `--yes` first). Any other file
  /// is refused with 73 and left unchanged, as a database backup refuses it.
  public func backupDocument(to path: String, creatingDirectory: Bool = false) throws {
    try BackupFile.requireReplaceableByDocument(path, creatingDirectory: creatingDirectory)
    let output = try OutputFile(path: path)
    do {
      try exportAll { try output.write($0) }
      try output.commit()
    } catch {
      output.discard()
      throw error
    }
  }

  /// Refuses (65) an `export all` document given to the restore of a database file, saying
  /// how such a document is read: that restore copies a database file made by `backup`.
  public static func requireDatabaseBackup(_ file: String) throws {
    if BackupFile.startsLikeDocument(file) {
      throw MileQuestError.badData(
        "'\(file)' is an 'export all' document, not a database file; restore puts back a "
          + "database file made by backup: read a document into a new database with 'init' "
          + "and 'import all' instead")
    }
  }

  /// A checked `export all` document that `restore(_:keepReplacedAt:)` puts in place of the
  /// challenge.
  public struct DocumentRestore {
    let document: ExportAllDocument
    let file: String
  }

  /// The checks of a restore on a server, before anything is asked or changed: `file` is an
  /// `export all` document this milequest reads (an SQLite backup file is refused with a
  /// hint, 65), and the login is an organiser's (77 otherwise).
  public func prepareRestore(from file: String) throws -> DocumentRestore {
    guard let store = store as? any ContentReplacing else {
      throw MileQuestError.internalError("a database file is restored by copying it")
    }
    try store.requireOrganiser(to: "restore the challenge")
    if BackupFile.startsLikeSQLite(file) {
      throw MileQuestError.badData(
        "'\(file)' is an SQLite database file; restore on PostgreSQL reads an 'export all' "
          + "document (what backup writes there): make one from that file with 'export all' "
          + "and restore that")
    }
    let document = try ExportAllDocument(path: file, name: file)
    try Self.requireSupported(document, file: file)
    return DocumentRestore(document: document, file: file)
  }

  /// Replaces the challenge with the contents of `restore`'s document, in one transaction
  /// (`ContentReplacing.replaceContents`): all of it or, on any error, nothing. Every record
  /// is checked as `import all` checks it. With `keepReplacedAt`, the replaced contents are
  /// first written there as an `export all` document, read in the same transaction.
  public func restore(_ restore: DocumentRestore, keepReplacedAt kept: String?) throws
    -> RestoreCounts
  {
    guard let store = store as? any ContentReplacing else {
      throw MileQuestError.internalError("a database file is restored by copying it")
    }
    let output = try kept.map { try OutputFile(path: $0) }
    do {
      let counts = try store.replaceContents(
        keep: { db in
          if let output { try exportAll(from: db) { try output.write($0) } }
        },
        fill: { db in try fill(db, from: restore.document, file: restore.file) })
      try output?.commit()
      return counts
    } catch {
      output?.discard()
      throw error
    }
  }
}

/// What a backup file holds, from its first bytes.
enum BackupFile {
  /// The first bytes of the file at `path` (empty when it cannot be read).
  static func head(_ path: String, count: Int = 512) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    if descriptor < 0 { return [] }
    defer { close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: count)
    let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, count) }
    return got > 0 ? Array(bytes.prefix(got)) : []
  }

  /// Whether the file at `path` starts as an SQLite database does.
  static func startsLikeSQLite(_ path: String) -> Bool {
    head(path, count: 16) == Array("SQLite format 3\u{0}".utf8)
  }

  /// Whether `head` starts like an `export all` document: a JSON object whose first bytes
  /// name milequest's format.
  static func startsLikeDocument(_ head: [UInt8]) -> Bool {
    let text = String(decoding: head, as: UTF8.self)
    return text.drop(while: \.isWhitespace).hasPrefix("{")
      && text.contains("\"\(ExchangeDocument.format)\"")
  }

  /// Whether the file at `path` starts like an `export all` document.
  static func startsLikeDocument(_ path: String) -> Bool { startsLikeDocument(head(path)) }

  /// Refuses (73) a target a document backup must not overwrite: a directory, a device or
  /// FIFO, an unreadable file, or a file that holds anything but an earlier document. A
  /// missing file's directory is created when `creatingDirectory` (the default backups).
  static func requireReplaceableByDocument(_ path: String, creatingDirectory: Bool) throws {
    var status = stat()
    guard stat(path, &status) == 0 else {
      if creatingDirectory {
        try PrivateFile.createOwnDirectory(FilePath.directory(of: FilePath.followingSymlinks(path)))
      }
      return
    }
    switch status.st_mode & S_IFMT {
    case S_IFDIR:
      throw MileQuestError.cannotCreateOutput(path: path, reason: "it is a directory")
    case S_IFREG:
      break
    default:
      throw MileQuestError.cannotCreateOutput(path: path, reason: "not a regular file")
    }
    if status.st_size == 0 { return }
    guard access(path, R_OK) == 0 else {
      throw MileQuestError.cannotCreateOutput(path: path, reason: "permission denied")
    }
    if !startsLikeDocument(path) {
      throw MileQuestError.cannotCreateOutput(
        path: path,
        reason: "the file there is not a milequest 'export all' document; it was left unchanged")
    }
  }
}
