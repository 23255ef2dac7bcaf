import Foundation
import FuzzSupport
import MileQuestKit
import MileQuestSQLite

/// Random bytes as a path: `--db`, `--output`, `backup FILE`, a config `database` value.
/// Foundation's NSString path functions trapped on one-character paths (SIGILL, issue 11);
/// `FilePath` must take anything, and opening a database at a path that the user named must
/// never create a file there.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let path = Fuzz.text(data, size)
  let directory = FilePath.directory(of: path)
  let last = FilePath.lastComponent(of: path)
  let ext = FilePath.pathExtension(of: path)
  Fuzz.require(!directory.isEmpty, "directory(of: \(path.debugDescription)) is empty")
  Fuzz.require(last == "/" || !last.contains("/"), "lastComponent \(last.debugDescription)")
  Fuzz.require(!ext.contains("/") && !ext.contains("."), "extension \(ext.debugDescription)")
  _ = FilePath.appending(last, to: directory)
  _ = Fuzz.refusing("expandingTilde") { try FilePath.expandingTilde(path, home: "/home/fuzz") }
  _ = FilePath.urlScheme(of: path)
  // The database open refuses or opens; it never creates what was not there. Only paths under
  // the working directory (the run's scratch directory) reach the file system, so no input
  // reads a device or /proc file that blocks; NUL bytes would end a C path early.
  guard !path.utf8.contains(0), path.utf8.count < 4096, !path.hasPrefix("/"), !path.hasPrefix("~"),
    !path.contains("..")
  else { return 0 }
  let existed = FilePath.entry(at: path) != .missing
  _ = Fuzz.refusing("DatabaseLocation.resolve") {
    try DatabaseLocation.resolve(
      flag: nil, environment: nil, config: path, home: "/home/fuzz", defaultPath: { "" })
  }
  if let store = Fuzz.refusing(
    "SQLiteStore(path:creating: .never)",
    {
      try SQLiteStore(path: path, busyTimeout: 0, creating: .never)
    })
  {
    try? store.close()
  }
  if !existed {
    Fuzz.require(
      FilePath.entry(at: path) == .missing, "opening \(path.debugDescription) created it")
  }
  return 0
}
