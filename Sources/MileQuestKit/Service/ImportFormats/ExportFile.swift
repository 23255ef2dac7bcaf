import Foundation

/// One file of an export: a file on disk or a member of a zip, named as messages name it,
/// opened through `ImportInputs` so that its bytes count for the progress line.
struct ExportFile {
  var name: String
  var open: () throws -> ByteSource

  init(path: String, inputs: ImportInputs) {
    name = path
    open = { try inputs.open(path) }
  }

  init(zip: ZipArchive, member: ZipArchive.Member, inputs: ImportInputs) {
    name = "\(zip.name):\(member.path)"
    open = { try inputs.open(member, of: zip) }
  }

  /// An activity's name as a walk's note: control characters (a pasted line break) become
  /// spaces, and it keeps the 500 characters a note may have.
  static func noteText(_ name: String) -> String {
    let scalars = name.unicodeScalars.map {
      $0.properties.generalCategory == .control || TerminalText.isUnsafe($0)
        || TerminalText.isBidiControl($0) ? " " : Character($0)
    }
    return String(String(scalars).prefix(500))
  }
}
