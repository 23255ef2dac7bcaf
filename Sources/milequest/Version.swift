/// The version of milequest: `milequest --version`, and the one the Makefile reads for the
/// release tarball and the Debian package (`make dist`, `make deb`). Change it here only.
enum MilequestVersion {
  static let string = "0.1.0"
  /// The day this version was released: the man page's date (`.ci/gen-docs` reads it).
  static let released = "2026-12-07"
}
