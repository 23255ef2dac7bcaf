/// The version of milequest: `milequest --version`, and the one the Makefile reads for the
/// release tarball and the Debian package (`make dist`, `make deb`). Change it here only.
enum MilequestVersion {
  static let string = "0.1.0"
}
