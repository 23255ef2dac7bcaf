import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// The tests' way of starting programs (see `ChildProcess` for the CI hang it prevents).
@Suite("ChildProcess")
struct ChildProcessTests {
  @Test("a child sees only stdin, stdout and stderr, never a descriptor this process left open")
  func inheritsNothingElse() throws {
    // Given a descriptor of this process without FD_CLOEXEC (as Foundation's Process leaves
    // the child's end of its socket pair while it starts a child)
    let leaked = open("/dev/null", O_RDONLY)
    try #require(leaked > 2)
    defer { close(leaked) }

    // When a shell has `ls` list the shell's open descriptors
    let listing = try ChildProcess.run("/bin/sh", ["-c", "ls -1 /proc/$$/fd"])

    // Then it has 0, 1 and 2 only
    #expect(listing.code == 0, "\(listing.output)")
    #expect(listing.output.split(separator: "\n") == ["0", "1", "2"], "\(listing.output)")
  }

  @Test("a child past its time limit is killed, and the wait returns")
  func timeLimit() throws {
    let started = Date()
    let child = try ChildProcess("/bin/sleep", ["30"])
    child.wait(timeout: 0.3)
    #expect(child.terminatingSignal == SIGKILL)
    #expect(child.exitCode == nil)
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(!child.isRunning)
  }

  @Test("exit codes, working directory, environment and input reach the child")
  func basics() throws {
    let directory = FileManager.default.temporaryDirectory.path
    let input = directory + "/child-input-\(UUID().uuidString)"
    try Data("typed\n".utf8).write(to: URL(fileURLWithPath: input))
    defer { try? FileManager.default.removeItem(atPath: input) }
    let result = try ChildProcess.run(
      "/bin/sh", ["-c", "read line; echo \"$line $WORD $(pwd)\" >&2; exit 3"],
      environment: ["WORD": "word"], directory: "/", stdin: .file(input))
    #expect(result.code == 3)
    #expect(result.output == "typed word /\n")
  }

  @Test("no test starts a program with Foundation's Process (it can wait forever on Linux)")
  func noFoundationProcessInTests() throws {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
    // `Process()` as a call, not the end of a longer name.
    func startsProcess(_ line: Substring) -> Bool {
      var rest = line[...]
      while let found = rest.range(of: "Process" + "()") {
        let before = rest[..<found.lowerBound].last
        if before.map({ !($0.isLetter || $0.isNumber || $0 == "_") }) ?? true { return true }
        rest = rest[found.upperBound...]
      }
      return false
    }
    var offenders: [String] = []
    let files = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)
    while let file = files?.nextObject() as? URL {
      guard file.pathExtension == "swift" else { continue }
      let text = try String(contentsOf: file, encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      where startsProcess(line) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
        offenders.append("\(file.lastPathComponent):\(number + 1)")
      }
    }
    #expect(offenders.isEmpty, "use ChildProcess instead: \(offenders)")
  }
}
