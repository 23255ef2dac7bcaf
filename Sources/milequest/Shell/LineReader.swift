import CReadline
import Foundation
import MileQuestKit

/// GNU readline behind a small interface: prompt, history file, TAB completion.
///
/// readline's callbacks are C function pointers that cannot capture Swift state, so the
/// current completer lives in a global that only the (single-threaded) shell touches.
enum LineReader {
  nonisolated(unsafe) static var completer: ((_ before: [String], _ prefix: String) -> [String]?)?
  nonisolated(unsafe) private static var matches: [String] = []

  /// Sets up completion and loads the history file (creating its directory).
  static func start(historyPath: String?) {
    // The strings must outlive the session: readline keeps the pointers.
    mq_rl_setup(strdup("milequest"), strdup("\"'"), strdup(" \t")) { text, start, _ in
      LineReader.complete(text: text, start: Int(start))
    }
    stifle_history(1000)
    if let historyPath {
      try? PrivateFile.createOwnDirectory(FilePath.directory(of: historyPath))
      read_history(historyPath)
    }
  }

  /// The next line, or nil at end of input (Ctrl-D).
  static func readLine(prompt: String) -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    return String(cString: raw)
  }

  /// Remembers `line` in memory and appends it to the history file at once, so history
  /// survives a crash or a killed terminal.
  static func remember(_ line: String, historyPath: String?) {
    add_history(line)
    if let historyPath {
      // Mode 0600: the history holds names, notes and distances.
      _ = try? PrivateFile.createIfMissing(historyPath)
      append_history(1, historyPath)
      history_truncate_file(historyPath, 1000)
    }
  }

  private static func complete(text: UnsafePointer<CChar>?, start: Int)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  {
    let line = mq_rl_line_buffer().map { String(cString: $0) } ?? ""
    let before = String(line.utf8.prefix(start)) ?? ""
    let prefix = text.map { String(cString: $0) } ?? ""
    guard let completer, let words = try? ShellWords.split(before),
      let candidates = completer(words, prefix)
    else {
      return nil  // readline falls back to file names
    }
    mq_rl_completion_over()
    let quoted = mq_rl_completion_quote_character() != 0
    matches = candidates.map { !quoted && $0.contains(" ") ? "\"\($0)\"" : $0 }
    if matches.isEmpty { return nil }
    return rl_completion_matches(text) { _, state in
      let index = Int(state)
      guard index < LineReader.matches.count else { return nil }
      return strdup(LineReader.matches[index])
    }
  }
}
