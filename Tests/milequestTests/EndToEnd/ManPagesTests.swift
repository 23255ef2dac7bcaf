import Foundation
import Testing

/// The man pages (`.ci/gen-docs`, by `.ci/man-pages`): one per command, git-style, plus
/// milequest(1) and milequest-formats(5). They are committed; these tests fail when they are
/// stale or when mandoc finds anything above style level in one.
@Suite("End to end: man pages")
struct ManPagesTests {
  static let manDirectory = repositoryRoot.appendingPathComponent("man")

  /// The committed pages' file names.
  static func pages() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: manDirectory.path)
      .filter { $0.hasSuffix(".1") || $0.hasSuffix(".5") }.sorted()
  }

  @Test("the committed pages are what .ci/man-pages writes from the binary")
  func pagesAreFresh() throws {
    guard let python = findTool("python3") else {
      print("note: python3 is not installed; .ci/run installs it. Man pages not compared.")
      return
    }
    let cli = try CLI()
    let out = cli.directory.appendingPathComponent("man")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    // The date as committed: DocsTests checks that it is the release date.
    let overview = try String(
      contentsOf: Self.manDirectory.appendingPathComponent("milequest.1"), encoding: .utf8)
    let dd = overview.prefix { $0 != "\n" }.dropFirst(".Dd ".count)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "MMMM d, yyyy"
    let date = try #require(formatter.date(from: String(dd)), "\(dd)")
    formatter.dateFormat = "yyyy-MM-dd"
    let result = runTool(
      python,
      [
        repositoryRoot.appendingPathComponent(".ci/man-pages").path, BuiltBinary.url.path,
        formatter.string(from: date), out.path,
        Self.manDirectory.appendingPathComponent("sections.mdoc").path,
      ], environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"])
    #expect(result.code == 0, "\(result.output)")
    let generated = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    let committed = try Self.pages().filter { $0.hasSuffix(".1") }
    #expect(generated == committed, "pages differ: run .ci/gen-docs")
    for name in generated {
      let new = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      let old = try? String(
        contentsOf: Self.manDirectory.appendingPathComponent(name), encoding: .utf8)
      #expect(new == old, "man/\(name) is stale: run .ci/gen-docs")
    }
  }

  @Test("mandoc -Tlint reports nothing above style level on any page")
  func mandocLint() throws {
    guard let mandoc = findTool("mandoc") else {
      print("note: mandoc is not installed (.ci/run installs it); man pages not linted.")
      return
    }
    let pages = try Self.pages()
    #expect(pages.count > 40, "\(pages)")
    #expect(pages.contains("milequest-goal-create.1") && pages.contains("milequest-formats.5"))
    let result = runTool(
      mandoc,
      ["-Tlint", "-Wwarning"] + pages.map { Self.manDirectory.appendingPathComponent($0).path },
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(result.code == 0, "\(result.output)")
    #expect(result.output.isEmpty, "\(result.output)")
  }

  @Test("man finds a command's own page, git-style")
  func manFindsCommandPage() throws {
    guard let man = findTool("man") else {
      print("note: man is not installed (.ci/run installs man-db); pages not rendered.")
      return
    }
    // man looks for manN/ directories under MANPATH: lay the pages out as installed.
    let cli = try CLI()
    let tree = cli.directory.appendingPathComponent("share/man")
    for section in ["1", "5"] {
      let directory = tree.appendingPathComponent("man" + section)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for page in try Self.pages() where page.hasSuffix("." + section) {
        try FileManager.default.copyItem(
          at: Self.manDirectory.appendingPathComponent(page),
          to: directory.appendingPathComponent(page))
      }
    }
    let env = [
      "MANPAGER": "cat", "MANWIDTH": "100", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
      "MANPATH": tree.path,
    ]
    let page = runTool(man, ["milequest-goal-create"], environment: env)
    #expect(page.code == 0, "\(page.output.prefix(500))")
    #expect(page.output.contains("milequest goal create"))
    #expect(page.output.contains("EXAMPLES"))
    #expect(page.output.contains("milequest(1)"))
    let formats = runTool(man, ["5", "milequest-formats"], environment: env)
    #expect(formats.code == 0, "\(formats.output.prefix(500))")
    #expect(formats.output.contains("Importing walks"))
  }
}
