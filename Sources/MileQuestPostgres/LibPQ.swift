import Foundation
import MileQuestCore
import MileQuestStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The system libpq, loaded with `dlopen` the first time a PostgreSQL address is used.
///
/// milequest's release build is a fully static executable (fast start-up, README
/// "Performance"), and libpq cannot be linked statically on Debian (no static GSSAPI or LDAP),
/// so it is not linked at all: the SQLite path never loads it, and a PostgreSQL command pays
/// the load (about 10 ms: libpq brings libssl, libcrypto, GSSAPI and LDAP) only when it needs
/// it. `dlopen` works from a static glibc executable as long as the system's glibc is the one
/// the binary was built with, which `make install` guarantees by building on the machine.
/// No C header is needed: the few functions used are declared here by their C signatures.
struct LibPQ: @unchecked Sendable {
  // @unchecked: a table of C function pointers, written once.
  typealias Conn = OpaquePointer
  typealias Result = OpaquePointer

  let connectdb: @convention(c) (UnsafePointer<CChar>) -> Conn?
  let finish: @convention(c) (Conn?) -> Void
  let status: @convention(c) (Conn?) -> Int32
  let errorMessage: @convention(c) (Conn?) -> UnsafeMutablePointer<CChar>?
  let exec: @convention(c) (Conn?, UnsafePointer<CChar>) -> Result?
  let execParams:
    @convention(c) (
      Conn?, UnsafePointer<CChar>, Int32, UnsafePointer<UInt32>?,
      UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> Result?
  let resultStatus: @convention(c) (Result?) -> Int32
  let resultErrorField: @convention(c) (Result?, Int32) -> UnsafeMutablePointer<CChar>?
  let resultErrorMessage: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
  let ntuples: @convention(c) (Result?) -> Int32
  let nfields: @convention(c) (Result?) -> Int32
  let getvalue: @convention(c) (Result?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
  let getlength: @convention(c) (Result?, Int32, Int32) -> Int32
  let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
  let cmdTuples: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
  let clear: @convention(c) (Result?) -> Void
  let transactionStatus: @convention(c) (Conn?) -> Int32
  let consumeInput: @convention(c) (Conn?) -> Int32
  /// Returns a `PGnotify *` (read through `PGnotify`), freed with `freemem`.
  let notifies: @convention(c) (Conn?) -> UnsafeMutableRawPointer?
  let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
  let socket: @convention(c) (Conn?) -> Int32
  let user: @convention(c) (Conn?) -> UnsafeMutablePointer<CChar>?
  let db: @convention(c) (Conn?) -> UnsafeMutablePointer<CChar>?
  let connectionUsedPassword: @convention(c) (Conn?) -> Int32

  /// `PGnotify` of libpq-fe.h (the part read here).
  struct PGnotify {
    var relname: UnsafeMutablePointer<CChar>?
    var bePid: Int32
    var extra: UnsafeMutablePointer<CChar>?
  }

  // ConnStatusType, ExecStatusType, PGTransactionStatusType and the error fields used.
  static let connectionOK: Int32 = 0
  static let commandOK: Int32 = 1
  static let tuplesOK: Int32 = 2
  static let transactionIdle: Int32 = 0
  static let diagSQLState = Int32(UInt8(ascii: "C"))
  static let diagMessagePrimary = Int32(UInt8(ascii: "M"))
  static let diagMessageDetail = Int32(UInt8(ascii: "D"))

  /// The library, loaded once; nil with the reason when it cannot be.
  nonisolated(unsafe) private static var loaded: Swift.Result<LibPQ, MileQuestError>?
  private static let loading = NSLock()

  /// The loaded library.
  ///
  /// - Throws: `.unavailable` (69) when libpq is not installed.
  static func shared() throws -> LibPQ {
    try loading.withLock {
      if let loaded { return try loaded.get() }
      let result = load()
      loaded = result
      return try result.get()
    }
  }

  private static func load() -> Swift.Result<LibPQ, MileQuestError> {
    #if canImport(Darwin)
      let names = [
        "libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib",
        "/usr/local/opt/libpq/lib/libpq.5.dylib",
      ]
    #else
      let names = ["libpq.so.5", "libpq.so"]
    #endif
    guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
      return .failure(
        .unavailable(
          "the PostgreSQL client library (libpq.so.5) cannot be loaded; install it "
            + "(Debian: apt-get install libpq5)"))
    }
    do {
      return .success(try LibPQ(handle: handle))
    } catch let error as MileQuestError {
      return .failure(error)
    } catch {
      return .failure(.unavailable("the PostgreSQL client library cannot be used: \(error)"))
    }
  }

  private init(handle: UnsafeMutableRawPointer) throws {
    func symbol<F>(_ name: String) throws -> F {
      guard let pointer = dlsym(handle, name) else {
        throw MileQuestError.unavailable(
          "the PostgreSQL client library lacks \(name); install libpq 10 or later")
      }
      return unsafeBitCast(pointer, to: F.self)
    }
    connectdb = try symbol("PQconnectdb")
    finish = try symbol("PQfinish")
    status = try symbol("PQstatus")
    errorMessage = try symbol("PQerrorMessage")
    exec = try symbol("PQexec")
    execParams = try symbol("PQexecParams")
    resultStatus = try symbol("PQresultStatus")
    resultErrorField = try symbol("PQresultErrorField")
    resultErrorMessage = try symbol("PQresultErrorMessage")
    ntuples = try symbol("PQntuples")
    nfields = try symbol("PQnfields")
    getvalue = try symbol("PQgetvalue")
    getlength = try symbol("PQgetlength")
    getisnull = try symbol("PQgetisnull")
    cmdTuples = try symbol("PQcmdTuples")
    clear = try symbol("PQclear")
    transactionStatus = try symbol("PQtransactionStatus")
    consumeInput = try symbol("PQconsumeInput")
    notifies = try symbol("PQnotifies")
    freemem = try symbol("PQfreemem")
    socket = try symbol("PQsocket")
    user = try symbol("PQuser")
    db = try symbol("PQdb")
    connectionUsedPassword = try symbol("PQconnectionUsedPassword")
  }
}
