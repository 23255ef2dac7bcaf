import Foundation
import GRDB
import Testing

@testable import MileQuestCore
@testable import MileQuestKit
@testable import MileQuestSQLite
@testable import MileQuestStore

/// What the store does with paths that hold no milequest database (issue 11): a named path is
/// never created, another program's file never written, every created file is 0600.
@Suite struct DatabaseFileTests {
  let directory: String

  init() throws {
    directory =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-dbfile-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { directory + "/" + name }

  func mode(_ path: String) -> Int {
    var info = stat()
    stat(path, &info)
    return Int(info.st_mode & 0o777)
  }

  func foreignDatabase(_ name: String) throws -> String {
    let file = path(name)
    let queue = try DatabaseQueue(path: file)
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE notes(text); INSERT INTO notes VALUES ('mine')")
    }
    try queue.close()
    return file
  }

  @Test func aNamedPathThatDoesNotExistIsNotCreated() {
    #expect(throws: MileQuestError.self) {
      try SQLiteStore(path: path("typo.db"), creating: .never)
    }
    #expect(FilePath.entry(at: path("typo.db")) == .missing)
    #expect(throws: MileQuestError.self) {
      try SQLiteStore(path: path("missing/x.db"), creating: .inExistingDirectory)
    }
    #expect(FilePath.entry(at: path("missing")) == .missing)
  }

  @Test func initCreatesA0600DatabaseOnceAndAcceptsItAgain() throws {
    let file = path("new.db")
    #expect(try SQLiteStore.initialise(path: file) == .created)
    #expect(mode(file) == 0o600)
    #expect(DatabaseFile.kind(at: file) == .milequest)
    #expect(try SQLiteStore.initialise(path: file) == .alreadyInitialised)
    _ = try SQLiteStore(path: file, creating: .never)
  }

  @Test func anotherProgramsFileIsNeverWritten() throws {
    let file = try foreignDatabase("other.db")
    let text = path("notes.txt")
    try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: text))
    for target in [file, text] {
      let before = try Data(contentsOf: URL(fileURLWithPath: target))
      for creation in [DatabaseCreation.never, .inExistingDirectory, .withDirectory] {
        #expect {
          try SQLiteStore(path: target, creating: creation)
        } throws: { ($0 as? MileQuestError)?.exitCode == 65 }
      }
      #expect {
        try SQLiteStore.initialise(path: target)
      } throws: { ($0 as? MileQuestError)?.exitCode == 73 }
      let store = try SQLiteStore(path: path("live.db"))
      #expect {
        try store.backup(to: target)
      } throws: { ($0 as? MileQuestError)?.exitCode == 73 }
      try store.close()
      #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
    }
    #expect(DatabaseFile.kind(at: file) == .foreign)
    #expect(DatabaseFile.kind(at: text) == .notSQLite)
  }

  @Test func anEmptyFileIsADatabaseOnlyForInit() throws {
    let file = path("empty.db")
    try #require(FileManager.default.createFile(atPath: file, contents: nil))
    #expect {
      try SQLiteStore(path: file, creating: .never)
    } throws: { ($0 as? MileQuestError)?.exitCode == 65 }
    #expect(DatabaseFile.kind(at: file) == .blank)
    #expect(try SQLiteStore.initialise(path: file) == .created)
    #expect(DatabaseFile.kind(at: file) == .milequest)
  }

  @Test func filesCreatedThroughASymlinkAre0600() throws {
    let link = path("link.db")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.db")
    #expect(try SQLiteStore.initialise(path: link) == .created)
    #expect(mode(path("target.db")) == 0o600)
    let out = path("out.csv")
    try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: "real.csv")
    try PrivateFile.write("a,b\n", to: out)
    #expect(mode(path("real.csv")) == 0o600)
    #expect(FilePath.followingSymlinks(out) == path("real.csv"))
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "a,b\n")
  }

  @Test func privateFilesAre0600() throws {
    try PrivateFile.write("x", to: path("w.txt"))
    try PrivateFile.createIfMissing(path("c.txt"))
    #expect(mode(path("w.txt")) == 0o600)
    #expect(mode(path("c.txt")) == 0o600)
    // Replacing a wider file leaves it 0600 too.
    try #require(
      FileManager.default.createFile(
        atPath: path("wide.txt"), contents: nil, attributes: [.posixPermissions: 0o644]))
    try PrivateFile.write("y", to: path("wide.txt"))
    #expect(mode(path("wide.txt")) == 0o600)
  }
}

/// The database location rules: only the default may be created; URLs are refused.
@Suite struct DatabaseLocationTests {
  @Test func precedenceAndCreation() throws {
    let resolve = { (flag: String?, env: String?, config: String?) in
      try DatabaseLocation.resolve(
        flag: flag, environment: env, config: config, home: "/h", defaultPath: { "/d/m.db" })
    }
    #expect(try resolve("f", "e", "c") == DatabaseLocation(path: "f", isDefault: false))
    #expect(try resolve(nil, "e", "c") == DatabaseLocation(path: "e", isDefault: false))
    #expect(try resolve(nil, nil, "~/c.db") == DatabaseLocation(path: "/h/c.db", isDefault: false))
    #expect(try resolve(nil, nil, nil) == DatabaseLocation(path: "/d/m.db", isDefault: true))
    #expect(try resolve(nil, nil, nil).creation == .withDirectory)
    #expect(try resolve("a", nil, nil).creation == .never)
    #expect(
      throws: MileQuestError.usage("the database path is empty").hinted(.giveDatabasePath)
    ) { try resolve("", nil, nil) }
  }

  @Test(arguments: ["mysql://u:secret@h/db", "file://h/db"])
  func otherAddressesAreRefused(address: String) {
    #expect {
      try DatabaseLocation.resolve(
        flag: address, environment: nil, config: nil, home: nil, defaultPath: { "" })
    } throws: { error in
      guard let error = error as? MileQuestError, error.exitCode == 78 else { return false }
      return !error.description.contains("secret")
    }
  }

  /// PostgreSQL addresses resolve (the back end is chosen by `StoreOpener`).
  @Test(arguments: ["postgres://u:secret@h/db", "postgresql://h/db"])
  func postgresAddressesResolve(address: String) throws {
    let location = try DatabaseLocation.resolve(
      flag: address, environment: nil, config: nil, home: nil, defaultPath: { "" })
    #expect(location.address == .postgres(address))
  }
}
