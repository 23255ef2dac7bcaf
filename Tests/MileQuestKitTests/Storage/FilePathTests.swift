import Foundation
import Testing

@testable import MileQuestKit

/// `FilePath` replaces Foundation's `NSString` path functions, which trap on Linux for a
/// one-character path (`deletingLastPathComponent` of `a`, `-` or `é`: SIGILL, 2026-12-06).
@Suite struct FilePathTests {
  @Test(arguments: [
    ("a", "."), ("-", "."), ("é", "."), ("a/", "."), ("a//", "."), ("/", "/"), ("//", "/"),
    ("/a", "/"), ("./a", "."), ("x/a", "x"), ("x//a", "x"), ("ab/c/", "ab"), ("/x/y.db", "/x"),
    ("", "."),
  ])
  func directoryOf(path: String, directory: String) {
    #expect(FilePath.directory(of: path) == directory)
  }

  @Test(arguments: [
    ("a", "a"), ("-", "-"), ("/", "/"), ("a/b.csv", "b.csv"), ("a/b/", "b"), ("/x", "x"), ("", ""),
  ])
  func lastComponentOf(path: String, last: String) {
    #expect(FilePath.lastComponent(of: path) == last)
  }

  @Test(arguments: [
    ("a", ""), ("-", ""), (".a", ""), ("a.", ""), ("walks.CSV", "CSV"), ("x.y/z", ""),
    ("dir.d/out.json", "json"), ("a.tar.gz", "gz"),
  ])
  func extensionOf(path: String, ext: String) {
    #expect(FilePath.pathExtension(of: path) == ext)
  }

  @Test func everyOneByteAndTwoByteStringIsHandled() {
    // No trap, whatever the string (the class of inputs that crashed the tool).
    for a in 0...127 {
      let one = String(UnicodeScalar(UInt8(a)))
      _ = (
        FilePath.directory(of: one), FilePath.lastComponent(of: one),
        FilePath.pathExtension(of: one)
      )
      for b in [0x2F, 0x2E, 0x61, 0x7E] {
        let two = one + String(UnicodeScalar(UInt8(b)))
        _ = (FilePath.directory(of: two), FilePath.lastComponent(of: two))
      }
    }
  }

  @Test func tildeExpandsToHome() throws {
    #expect(try FilePath.expandingTilde("~", home: "/home/pat") == "/home/pat")
    #expect(try FilePath.expandingTilde("~/db/m.db", home: "/home/pat") == "/home/pat/db/m.db")
    #expect(try FilePath.expandingTilde("~/x", home: "/home/pat/") == "/home/pat/x")
    #expect(try FilePath.expandingTilde("~pat/x", home: "/home/pat") == "~pat/x")
    #expect(try FilePath.expandingTilde("a~/x", home: "/h") == "a~/x")
    #expect(throws: MileQuestError.self) { try FilePath.expandingTilde("~/x", home: nil) }
  }

  @Test func urlSchemes() {
    #expect(FilePath.urlScheme(of: "postgres://u:p@h/db") == "postgres")
    #expect(FilePath.urlScheme(of: "PostgreSQL://h") == "postgresql")
    #expect(FilePath.urlScheme(of: "data/x.db") == nil)
    #expect(FilePath.urlScheme(of: "./a://b") == nil)
    #expect(FilePath.urlScheme(of: "://x") == nil)
  }

  @Test func symlinksAreFollowedToTheFileTheyName() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mq-path-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let link = directory + "/link"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target")
    #expect(FilePath.followingSymlinks(link) == directory + "/target")
    #expect(FilePath.followingSymlinks(directory + "/plain") == directory + "/plain")
  }
}
