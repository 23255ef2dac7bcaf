import ArgumentParser
import Foundation
import MileQuestKit

/// `milequest shell`: the same commands as one-shot use, without the `milequest` word.
///
/// On a terminal: readline with history and TAB completion, and an error prints and keeps the
/// session alive. Otherwise commands are read line by line (`milequest shell < script.txt`)
/// and the first error stops the session with its exit code.
struct ShellSession {
  /// The global options `milequest shell` was started with.
  var options: GlobalValues
  var actingHandle: String?
  let settings: Settings

  init(options: GlobalOptions) throws {
    try self.init(values: options.values)
  }

  init(values: GlobalValues) throws {
    options = values
    settings = try Settings.resolve(values, ProcessInfo.processInfo.environment)
    actingHandle = settings.actingHandle
  }

  /// Runs until `exit`, Ctrl-D or end of input; returns the exit code for the process.
  mutating func run(interactive: Bool) -> Int32 {
    LiveOutput.inShell = true
    KeptStore.enabled = true
    defer { KeptStore.close() }
    let historyPath = Settings.stateDirectory(ProcessInfo.processInfo.environment)
      .map { $0 + "/history" }
    var completion =
      interactive
      ? CommandTree.load().map {
        ShellCompletion(tree: $0, names: [:])
      } : nil
    if interactive {
      LineReader.start(historyPath: historyPath)
      print(
        "milequest shell: commands as on the command line; TAB completes; exit or Ctrl-D leaves.")
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
      let arguments = MileQuest.protectingNegativeNumbers(
        MileQuest.joiningWaypointLabels(MileQuest.movingGlobalOptions(words + extra)))
      Printer.commandName = { MileQuest.commandName(arguments) }
      // As on the command line: the most used commands skip ArgumentParser's reflection,
      // which costs a shell's `log` more than the log itself (`QuickParse`).
      if let run = MileQuest.quickParse(arguments) {
        try run()
      } else {
        var command = try MileQuest.parseTakenPath(arguments)
        try command.run()
      }
      return 0
    } catch let error as MileQuestError {
      Self.report(error.cliDescription)
      return error.exitCode
    } catch {
      let code = MileQuest.exitCode(for: error)
      if code == .success {
        print(MileQuest.helpText(for: error) ?? MileQuest.fullMessage(for: error))
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

  /// The session's global options that the option table passes on (`inShell`), except those
  /// the line sets itself; the acting member is the session's (`as HANDLE` changes it).
  func inherited(_ words: [String]) -> [String] {
    if words.contains("--") { return [] }
    var session = options
    session[.actingMember] = actingHandle
    var result: [String] = []
    var raw: UInt8 = 0
    while raw < OptionKey.globalCount, let key = OptionKey(rawValue: raw) {
      raw += 1
      guard key.entry.inShell, let value = session[key],
        !words.contains(where: { Self.word($0, sets: key) })
      else { continue }
      result += key.isFlag ? [key.flagName] : [key.flagName, value]
    }
    return result
  }

  /// Whether `word` sets what `key` sets: the same option, or `--color` and `--no-color`
  /// for each other (the line's choice of colour wins over the session's, either way).
  private static func word(_ word: String, sets key: OptionKey) -> Bool {
    guard let named = OptionKey.named(word.prefix { $0 != "=" }) else { return false }
    func setting(_ key: OptionKey) -> OptionKey { key == .noColor ? .color : key }
    return setting(named) == setting(key)
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
