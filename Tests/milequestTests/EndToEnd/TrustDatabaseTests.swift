import Foundation
import Testing

/// Issue 11, databases, paths and files: a named database is never created by accident, a file
/// of another program is never touched, no path crashes the tool, errors name the database, and
/// every file the tool creates is 0600.
@Suite("End to end: databases, paths and files")
struct TrustDatabaseTests {
  // MARK: - Helpers

  /// The permission bits of `path` (following symbolic links).
  static func mode(_ path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { return -1 }
    return Int(info.st_mode & 0o777)
  }

  static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// The bytes of a file (empty when missing).
  static func bytes(_ path: String) -> Data {
    (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
  }

  /// An SQLite file of another program (a table of its own, no milequest migrations), made
  /// with the sqlite3 tool; nil when it is not installed (.ci/run installs it).
  static func foreignDatabase(_ cli: CLI, _ name: String, wal: Bool = false) -> String? {
    guard let sqlite3 = findTool("sqlite3") else {
      Issue.record("sqlite3 is not installed; .ci/run installs it")
      return nil
    }
    let path = cli.path(name)
    let sql =
      (wal ? "PRAGMA journal_mode=WAL;" : "")
      + "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('mine');"
    let result = runTool(sqlite3, [path, sql], environment: ["PATH": "/usr/bin:/bin"])
    #expect(result.code == 0, "sqlite3: \(result.output)")
    return path
  }

  /// Expects one error line with `code` naming `mentions`, and no crash.
  static func expectError(
    _ result: CLIResult, _ code: Int32, mentions: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(result.code == code, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(
      result.stderr.hasPrefix("milequest: error: "), "\(result.stderr)",
      sourceLocation: sourceLocation)
    #expect(
      result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)",
      sourceLocation: sourceLocation)
    if let mentions {
      #expect(result.stderr.contains(mentions), "\(result.stderr)", sourceLocation: sourceLocation)
    }
  }

  // MARK: - A named database must exist

  @Test("a --db, MILEQUEST_DB or config path that does not exist is 66 with a hint, not created")
  func namedDatabaseMustExist() throws {
    // Given
    let cli = try CLI()
    let config = try cli.write("config.toml", "database = \"fromconfig.db\"\n")

    // When
    let flag = cli.run(["--db", "typo.db", "member", "add", "ann"])
    let env = cli.run(["member", "list"], env: ["MILEQUEST_DB": cli.path("typo2.db")])
    let fromConfig = cli.run(
      ["walks"], env: ["MILEQUEST_CONFIG": config], removing: ["MILEQUEST_DB"])
    let noDirectory = cli.run(["--db", "nodir/sub/x.db", "log", "3", "--as", "ann"])

    // Then
    Self.expectError(flag, 66, mentions: "milequest init --db typo.db")
    Self.expectError(env, 66, mentions: "typo2.db")
    Self.expectError(fromConfig, 66, mentions: "fromconfig.db")
    Self.expectError(noDirectory, 66, mentions: "'nodir/sub' does not exist")
    for name in ["typo.db", "typo2.db", "fromconfig.db", "nodir"] {
      #expect(!Self.exists(cli.path(name)), "\(name) was created")
    }
  }

  @Test("init makes a 0600 WAL database once, says so again, never makes a directory")
  func initCreatesADatabase() throws {
    // Given
    let cli = try CLI()
    let path = cli.path("team.db")

    // When
    let first = cli.run(["--db", path, "init"])
    let again = cli.run(["--db", path, "init"])
    let json = J.object(try cli.json(["--db", cli.path("other.db"), "init"]))
    let noDirectory = cli.run(["--db", cli.path("nodir/x.db"), "init"])
    let onDirectory = cli.run(["--db", cli.directory.path, "init"])

    // Then
    #expect(first.code == 0, "\(first.stderr)")
    #expect(first.stdout.contains("created a new milequest database at \(path)"))
    #expect(again.code == 0, "\(again.stderr)")
    #expect(again.stdout.contains("already a milequest database"))
    #expect(J.string(json["database"]) == cli.path("other.db"))
    #expect(json["created"] as? Bool == true)
    #expect(Self.mode(path) == 0o600)
    let header = [UInt8](Self.bytes(path).prefix(20))
    try #require(header.count == 20)
    #expect(header[18] == 2 && header[19] == 2, "WAL mode")
    cli.ok(["--db", path, "member", "add", "ann"])
    #expect(cli.ok(["--db", path, "member", "list", "--format", "csv"]).contains("ann"))
    Self.expectError(noDirectory, 73, mentions: "does not exist")
    #expect(!Self.exists(cli.path("nodir")))
    Self.expectError(onDirectory, 73, mentions: "directory")
  }

  @Test("init --dry-run says what it would do and creates nothing")
  func initDryRun() throws {
    let cli = try CLI()
    let path = cli.path("new.db")
    let result = cli.run(["--db", path, "init", "--dry-run"])
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.contains("would create a new milequest database at \(path)"))
    #expect(!Self.exists(path))
    let json = J.object(try cli.json(["--db", path, "init", "--dry-run"]))
    #expect(json["dry_run"] as? Bool == true)
    #expect(!Self.exists(path))
    Self.expectError(cli.run(["--db", cli.path("nodir/x.db"), "init", "--dry-run"]), 73)
    let before = cli.dbBytes()
    #expect(cli.ok(["init", "--dry-run"]).contains("already a milequest database"))
    #expect(cli.dbBytes() == before)
  }

  @Test("init through the config's database path, with ~ meaning the home directory")
  func tildeInTheConfigIsHome() throws {
    // Given
    let cli = try CLI()
    let config = try cli.write("config.toml", "database = \"~/walks.db\"\n")
    let env = ["MILEQUEST_CONFIG": config]

    // When
    let created = cli.run(["init"], env: env, removing: ["MILEQUEST_DB"])
    let logged = cli.run(["member", "add", "ann"], env: env, removing: ["MILEQUEST_DB"])

    // Then: HOME is the run's directory
    #expect(created.code == 0, "\(created.stderr)")
    #expect(logged.code == 0, "\(logged.stderr)")
    #expect(Self.exists(cli.path("walks.db")))
    #expect(!Self.exists(cli.path("~")), "a folder named ~ was created")
  }

  @Test("the default database is still created on first use, with its directory")
  func defaultDatabaseIsCreated() throws {
    let cli = try CLI()
    let xdg = cli.path("data")
    let result = cli.run(
      ["member", "add", "ann"], env: ["XDG_DATA_HOME": xdg], removing: ["MILEQUEST_DB"])
    #expect(result.code == 0, "\(result.stderr)")
    #expect(Self.mode(xdg + "/milequest/milequest.db") == 0o600)
    #expect(Self.mode(xdg + "/milequest") == 0o700)
  }

  // MARK: - Another program's file

  /// Every kind of command on a file that is not a milequest database.
  static let commandsOnAForeignFile: [([String], Int32)] = [
    (["member", "list"], 65), (["walks"], 65), (["check"], 65), (["export", "all"], 65),
    (["leaderboard"], 65), (["member", "add", "zed"], 65), (["log", "3", "--as", "ann"], 65),
    (["backup", "copy.db"], 65), (["undo"], 65), (["init"], 73),
  ]

  @Test("a file of another program is refused (65) and stays byte for byte the same")
  func foreignFilesAreNeverWritten() throws {
    // Given an SQLite file of another program (rollback and WAL journal) and a text file
    let cli = try CLI()
    guard let rollback = Self.foreignDatabase(cli, "app.db"),
      let wal = Self.foreignDatabase(cli, "walapp.db", wal: true)
    else { return }
    let text = try cli.write("notes.txt", "my notes\nline two\n")
    for path in [rollback, wal, text] {
      let before = Self.bytes(path)
      // When every kind of command runs on it, named by --db and by MILEQUEST_DB
      for (args, code) in Self.commandsOnAForeignFile {
        let named = cli.run(["--db", path] + args)
        let viaEnv = cli.run(args, env: ["MILEQUEST_DB": path])
        // Then
        Self.expectError(named, code, mentions: path)
        Self.expectError(viaEnv, code, mentions: "not a milequest database")
        #expect(!named.stderr.contains("damaged"), "\(named.stderr)")
      }
      #expect(Self.bytes(path) == before, "\(path) changed")
      #expect(!Self.exists(cli.path("copy.db")))
    }
    #expect(!Self.exists(rollback + "-wal"), "the file was switched to WAL")
  }

  @Test("the default database path holding another program's file is refused too")
  func foreignDefaultDatabase() throws {
    let cli = try CLI()
    let directory = cli.path("data/milequest")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/milequest.db"
    try Data("not a database, but precious\n".utf8).write(to: URL(fileURLWithPath: path))
    let result = cli.run(
      ["member", "list"], env: ["XDG_DATA_HOME": cli.path("data")], removing: ["MILEQUEST_DB"])
    Self.expectError(result, 65, mentions: "not a milequest database")
    #expect(Self.bytes(path) == Data("not a database, but precious\n".utf8))
  }

  @Test("an empty file is a database only after init")
  func emptyFile() throws {
    let cli = try CLI()
    let path = try cli.write("empty.db", "")
    Self.expectError(cli.run(["--db", path, "member", "list"]), 65, mentions: "milequest init")
    #expect(Self.bytes(path).isEmpty)
    cli.ok(["--db", path, "init"])
    cli.ok(["--db", path, "member", "add", "ann"])
  }

  // MARK: - Addresses

  @Test("postgres:// addresses that cannot be reached are 69, never folders, never passwords")
  func postgresAddresses() throws {
    // Given (.invalid never resolves, RFC 2606)
    let cli = try CLI()
    let address = "postgres://walker:s3cret@db.example.invalid/quest"
    let config = try cli.write("config.toml", "database = \"postgresql://h.invalid/quest\"\n")

    // When
    let results = [
      cli.run(["--db", address, "member", "list"]),
      cli.run(["--db", address, "init"]),
      cli.run(["log", "3", "--as", "ann"], env: ["MILEQUEST_DB": address]),
      cli.run(["walks"], env: ["MILEQUEST_CONFIG": config], removing: ["MILEQUEST_DB"]),
    ]

    // Then
    for result in results {
      Self.expectError(result, 69, mentions: "PostgreSQL")
      #expect(!result.stderr.contains("s3cret"))
    }
    let entries = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
    #expect(!entries.contains { $0.hasPrefix("postgres") }, "\(entries)")
  }

  // MARK: - No path crashes the tool

  @Test("one-character paths work as paths: --db, --output, backup, import, config database")
  func oneCharacterPaths() throws {
    // Given
    let cli = try CLI()
    let config = try cli.write("config.toml", "database = \"c\"\n")

    // When / Then: nothing ends in a signal (exit 132 was SIGILL)
    Self.expectError(cli.run(["--db", "a", "member", "list"]), 66, mentions: "'a'")
    cli.ok(["--db", "a", "init"])
    cli.ok(["--db", "a", "member", "add", "ann"])
    cli.ok(["--db", "a", "log", "3", "--as", "ann"])
    cli.ok(["--db", "a", "export", "walks", "--output", "b"])
    #expect(String(decoding: Self.bytes(cli.path("b")), as: UTF8.self).contains("ann"))
    let stdout = cli.ok(["--db", "a", "export", "walks", "--output", "-"])
    #expect(stdout.hasPrefix("id,member,date"))
    #expect(!Self.exists(cli.path("-")), "--output - wrote a file named '-'")
    #expect(
      cli.ok(["--db", "a", "member", "list", "--output", "-", "--format", "json"]).contains(
        "\"ann\""))
    cli.ok(["--db", "a", "backup", "x"])
    #expect(Self.mode(cli.path("x")) == 0o600)
    Self.expectError(
      cli.run(["--db", "a", "import", "walks", "i", "--format", "csv"]), 66, mentions: "'i'")
    Self.expectError(cli.run(["--db", "a", "restore", "r"]), 66, mentions: "'r'")
    Self.expectError(cli.run(["--db", "-", "walks"]), 66, mentions: "'-'")
    Self.expectError(cli.run(["--db", "é", "walks"]), 66, mentions: "é")
    Self.expectError(cli.run(["--db", "/", "walks"]), 66, mentions: "directory")
    let viaConfig = cli.run(["init"], env: ["MILEQUEST_CONFIG": config], removing: ["MILEQUEST_DB"])
    #expect(viaConfig.code == 0, "\(viaConfig.stderr)")
    #expect(Self.exists(cli.path("c")))
    for args in [["--output", "o"], ["--output", "-"], ["--output", "/"]] {
      let result = cli.run(["--db", "a", "walks"] + args)
      #expect(result.code < 128, "\(args) crashed: \(result.stderr)")
    }
  }

  @Test("--output to a device writes to it and never replaces the device node")
  func outputToADevice() throws {
    // Given device nodes of its own (not the machine's /dev/null: the old code renamed a
    // temporary file over the node it was given)
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    guard getuid() == 0, let mknod = findTool("mknod") else { return }
    let null = cli.path("null")
    let full = cli.path("full")
    #expect(runTool(mknod, ["-m", "666", null, "c", "1", "3"], environment: [:]).code == 0)
    #expect(runTool(mknod, ["-m", "666", full, "c", "1", "7"], environment: [:]).code == 0)
    func isDevice(_ path: String) -> Bool {
      var info = stat()
      return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }

    // When
    let toNull = cli.run(["member", "list", "--output", null])
    let exportToNull = cli.run(["export", "all", "--output", null])
    let toFull = cli.run(["member", "list", "--output", full])

    // Then
    #expect(toNull.code == 0, "\(toNull.stderr)")
    #expect(exportToNull.code == 0, "\(exportToNull.stderr)")
    Self.expectError(toFull, 74, mentions: "No space left on device")
    #expect(isDevice(null) && isDevice(full), "a device node was replaced by a file")
    Self.expectError(cli.run(["--db", null, "walks"]), 65, mentions: "not a milequest database")
    Self.expectError(cli.run(["backup", null, "--yes"]), 73, mentions: null)
    #expect(isDevice(null))
  }

  @Test("names SQLite reads as something else (file: URIs, :memory:) are plain file names")
  func sqliteSpecialNames() throws {
    let cli = try CLI()
    for name in ["file:u.db", ":memory:", "file:v.db?mode=memory"] {
      let created = cli.run(["--db", name, "init"])
      #expect(created.code == 0, "\(name): \(created.stderr)")
      cli.ok(["--db", name, "member", "add", "ann"])
      #expect(cli.ok(["--db", name, "member", "list", "--format", "csv"]).contains("ann"))
      #expect(Self.bytes(cli.path(name)).count > 0, "\(name) is empty")
      #expect(Self.mode(cli.path(name)) == 0o600)
    }
    #expect(!Self.exists(cli.path("u.db")) && !Self.exists(cli.path("v.db")))
  }

  // MARK: - Errors name the database

  @Test("a read-only database's error names its path, not ''")
  func readOnlyDatabaseIsNamed() throws {
    // Given a database the process may read but not write
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    var command = ["member", "add", "zed"]
    var executable: String? = nil
    if getuid() == 0 {
      // Root may write anything: run as nobody, with a world-readable copy of the binary's
      // database in a directory nobody cannot write.
      guard let setpriv = findTool("setpriv") else { return }
      executable = setpriv
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o644], ofItemAtPath: cli.databasePath)
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: cli.directory.path)
    } else {
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o444], ofItemAtPath: cli.databasePath)
    }
    defer {
      try? FileManager.default.setAttributes(
        [.posixPermissions: 0o600], ofItemAtPath: cli.databasePath)
    }

    // When
    let result: (code: Int32, output: String)
    if let executable {
      command =
        ["--reuid=65534", "--regid=65534", "--clear-groups", BuiltBinary.url.path]
        + ["--db", cli.databasePath] + command
      let run = runTool(executable, command, environment: cli.environment())
      result = (run.code, run.output)
    } else {
      let run = cli.run(command)
      result = (run.code, run.stderr)
    }

    // Then
    #expect([73, 74].contains(result.code), "\(result.output)")
    #expect(result.output.contains("'\(cli.databasePath)'"), "\(result.output)")
    #expect(!result.output.contains("''"), "\(result.output)")
  }

  // MARK: - Backups onto other files

  @Test("backup onto a file that is not a milequest database is 73, even with --yes")
  func backupOntoAForeignFile() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    let text = try cli.write("notes.txt", "precious\n")
    let foreign = Self.foreignDatabase(cli, "app.db")
    try FileManager.default.createDirectory(
      atPath: cli.path("dir.db"), withIntermediateDirectories: true)

    // When / Then
    for target in [text, foreign, cli.path("dir.db")].compactMap({ $0 }) {
      let before = Self.bytes(target)
      Self.expectError(cli.run(["backup", target, "--yes"]), 73, mentions: target)
      #expect(Self.bytes(target) == before)
    }
    // Nor onto the database itself or its WAL.
    for target in [cli.databasePath, cli.databasePath + "-wal", cli.databasePath + "-shm"] {
      let before = cli.dbBytes(includingWAL: false)
      Self.expectError(cli.run(["backup", target, "--yes"]), 73, mentions: "the database")
      #expect(cli.dbBytes(includingWAL: false) == before)
    }
    // A missing directory is not created for a backup either.
    Self.expectError(cli.run(["backup", cli.path("nodir/b.db")]), 73, mentions: "nodir")
    #expect(!Self.exists(cli.path("nodir")))
    // A milequest backup may be replaced with --yes.
    cli.ok(["backup", "b.db"])
    cli.ok(["member", "add", "bob"])
    cli.ok(["backup", "b.db", "--yes"])
    #expect(cli.ok(["--db", "b.db", "member", "list", "--format", "csv"]).contains("bob"))
  }

  // MARK: - 0600

  @Test("every file created is 0600: database, backups, exports, pictures, config, via symlinks")
  func createdFilesAre0600() throws {
    // Given
    let cli = try CLI()
    cli.ok(["member", "add", "ann"])
    cli.ok(["team", "create", "Kiwis", "--as", "ann"])
    cli.ok(["goal", "create", "G", "--team", "Kiwis", "--distance", "50km", "--as", "ann"])
    cli.ok(["log", "3", "--as", "ann"])
    let wide = try cli.write("wide.csv", "old\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: wide)
    try FileManager.default.createSymbolicLink(
      atPath: cli.path("link.csv"), withDestinationPath: "target.csv")
    try FileManager.default.createSymbolicLink(
      atPath: cli.path("link.db"), withDestinationPath: "target.db")
    try FileManager.default.createSymbolicLink(
      atPath: cli.path("newlink.db"), withDestinationPath: "newtarget.db")
    let xdg = cli.path("data")

    // When
    cli.ok(["backup", "b.db"])
    cli.ok(["backup", "--rotate"], env: ["XDG_DATA_HOME": xdg])
    cli.ok(["export", "walks", "--output", "w.csv"])
    cli.ok(["export", "all", "--output", "all.json"])
    cli.ok(["export", "walks", "--output", "wide.csv"])
    cli.ok(["export", "walks", "--output", "link.csv"])
    cli.ok(["backup", "link.db"])
    cli.ok(["--db", "newlink.db", "init"])
    cli.ok(["chart", "G", "--output", "c.svg"])
    cli.ok(["report", "G", "--output", "r.html"])
    cli.ok(["config", "set", "unit", "km"], env: ["XDG_CONFIG_HOME": cli.path("conf")])

    // Then
    let files = [
      cli.databasePath, cli.path("b.db"),
      xdg + "/milequest/backups/milequest-\(CLI.defaultToday).db",
      cli.path("w.csv"), cli.path("all.json"), wide, cli.path("target.csv"), cli.path("target.db"),
      cli.path("newtarget.db"), cli.path("c.svg"), cli.path("r.html"),
      cli.path("conf/milequest/config.toml"),
    ]
    for file in files {
      #expect(Self.mode(file) == 0o600, "\(file): \(String(Self.mode(file), radix: 8))")
    }
    // The links stay links; their targets were written.
    for link in ["link.csv", "link.db", "newlink.db"] {
      let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: cli.path(link))
      #expect(destination != nil, "\(link) is no longer a link")
    }
    #expect(String(decoding: Self.bytes(cli.path("target.csv")), as: UTF8.self).contains("ann"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
      .filter { $0.contains(".milequest-") }
    #expect(leftovers == [], "temporary files left: \(leftovers)")
  }

  @Test("the shell history file is 0600")
  func shellHistoryIs0600() throws {
    guard let tmux = findTool("tmux") else {
      Issue.record("tmux is not installed; .ci/run installs it")
      return
    }
    // Given a shell in a real terminal
    let cli = try CLI()
    cli.ok(["member", "add", "ana"])
    let state = cli.path("state")
    let socket = cli.path("tmux.sock")
    var environment = cli.environment(["XDG_STATE_HOME": state, "TERM": "xterm"])
    environment["PATH"] = "/usr/bin:/bin"
    func tmuxRun(_ arguments: [String]) -> String {
      runTool(tmux, ["-S", socket] + arguments, environment: environment).output
    }
    defer { _ = tmuxRun(["kill-server"]) }
    let env = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
    let command = "'\(BuiltBinary.url.path)' shell --as ana"

    // When a line is entered
    _ = tmuxRun(["new-session", "-d", "-s", "t", "-x", "120", "-y", "30", "env \(env) \(command)"])
    var ready = false
    for _ in 0..<50 where !ready {
      ready = tmuxRun(["capture-pane", "-p", "-t", "t"]).contains("milequest (ana)>")
      if !ready { Thread.sleep(forTimeInterval: 0.1) }
    }
    _ = tmuxRun(["send-keys", "-t", "t", "member list", "Enter"])
    let history = state + "/milequest/history"
    for _ in 0..<50 where !Self.exists(history) { Thread.sleep(forTimeInterval: 0.1) }
    _ = tmuxRun(["send-keys", "-t", "t", "C-d"])

    // Then
    #expect(ready)
    #expect(Self.mode(history) == 0o600, "history mode \(String(Self.mode(history), radix: 8))")
    #expect(Self.mode(state + "/milequest") == 0o700)
  }
}
