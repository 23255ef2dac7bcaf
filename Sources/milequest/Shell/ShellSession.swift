import ArgumentParser
import Foundation
import MileQuestKit

/// `milequest shell`: the same commands as one-shot use, without the `milequest` word.
///
/// On a terminal: readline with history and TAB completion, and an error prints and keeps the
/// session alive. Otherwise commands are read line by line (`milequest shell < script.txt`)
/// and the first error stops the session with its exit code.
struct ShellSession {
  var options: GlobalOptions
  var actingHandle: String?
  let settings: Settings

  init(options: GlobalOptions) throws {
    self.options = options
    settings = try Settings.resolve(options.values, ProcessInfo.processInfo.environment)
    actingHandle = settings.actingHandle
  }

  /// Runs until `exit`, Ctrl-D or end of input; returns the exit code for the process.
  mutating func run(interactive: Bool) -> Int32 {
    let historyPath = Settings.stateDirectory(ProcessInfo.processInfo.environment)
      .map { $0 + "/history" }
    var completion = interactive ? CommandTree.load().map {
      ShellCompletion(tree: $0, names: [:])
    } : nil
    if interactive {
      LineReader.start(historyPath: historyPath)
      print("milequest shell: commands as on the command line; TAB completes; exit or Ctrl-D leaves.")
    }
    while true {
      if interactive, var current = completion {
        current.names = Self.names(settings.databasePath)
        completion = current
        LineReader.completer = { current.candidates(before: $0, prefix: $1) }
      }
      let shown = actingHandle.map { " (\(TerminalText.escaped($0)))" } ?? ""
      let prompt = "milequest" + shown + "> "
      guard let line = interactive ? LineReader.readLine(prompt: prompt) : Swift.readLine()
      else {
        if interactive { print() }
        return 0
      }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if interactive { LineReader.remember(line, historyPath: historyPath) }
      if trimmed == "exit" || trimmed == "quit" { return 0 }
      let code = execute(trimmed)
      if code != 0 && !interactive { return code }
    }
  }

  /// Runs one line; returns its exit code (errors are printed, not thrown).
  mutating func execute(_ line: String) -> Int32 {
    do {
      let words = try ShellWords.split(line)
      if words.first == "as" {
        guard words.count == 2 else { throw MileQuestError.usage("usage: as HANDLE") }
        actingHandle = words[1].lowercased()
        return 0
      }
      if words.first == "shell" { throw MileQuestError.usage("already in the shell") }
      if words.contains(where: { $0 == "help" || $0 == "--help" || $0 == "-h" }),
        let unknown = MileQuest.unknownCommand(self.words(line))
      {
        throw unknown
      }
      let extra = words.first == "help" ? [] : inherited(words)
      var command = try MileQuest.parseAsRoot(
        MileQuest.protectingNegativeNumbers(
          MileQuest.joiningWaypointLabels(MileQuest.movingGlobalOptions(words + extra))))
      try command.run()
      return 0
    } catch let error as MileQuestError {
      Self.report(error.description)
      return error.exitCode
    } catch {
      let code = MileQuest.exitCode(for: error)
      if code == .success {
        print(MileQuest.fullMessage(for: error))
        return 0
      }
      if let unknown = MileQuest.unknownCommand(words(line)) {
        Self.report(unknown.description)
        return unknown.exitCode
      }
      Self.report(MileQuest.oneLineMessage(for: error, arguments: words(line)))
      return code.rawValue
    }
  }

  /// The session's global options, except those the line sets itself.
  func inherited(_ words: [String]) -> [String] {
    var result: [String] = []
    func add(_ name: String, _ value: String?) {
      guard let value, !words.contains(where: { $0 == name || $0.hasPrefix(name + "=") }) else {
        return
      }
      result += [name, value]
    }
    add("--db", options.db)
    add("--as", actingHandle)
    add("--format", options.format?.rawValue)
    add("--unit", options.unit?.rawValue)
    add("--color", options.noColor ? "never" : options.color?.rawValue)
    if options.quiet && !words.contains("--quiet") { result.append("--quiet") }
    return result.isEmpty ? [] : (words.contains("--") ? [] : result)
  }

  /// The words of `line` as the command sees them (global options moved after the command).
  private func words(_ line: String) -> [String] {
    MileQuest.movingGlobalOptions((try? ShellWords.split(line)) ?? [])
  }

  static func report(_ message: String) {
    let line = ErrorMessage.bounded(TerminalText.escapedKeepingLines(message))
    FileHandle.standardError.write(Data("milequest: error: \(line)\n".utf8))
  }

  /// The names TAB offers; a name stored with control characters by another program is left
  /// out, since readline would print it as it is.
  static func names(_ path: String) -> [NameKind: [String]] {
    Dictionary(
      uniqueKeysWithValues: NameKind.allCases.map { kind in
        (
          kind,
          StoreOpener.names(kind, inDatabaseAt: path).filter {
            !$0.unicodeScalars.contains(where: TerminalText.isUnsafe)
          }
        )
      })
  }
}
