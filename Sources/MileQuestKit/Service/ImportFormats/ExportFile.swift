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

  /// The files of an export that `inputs` name: each folder's (`inFolder`), each zip's
  /// members (`inZip`), or the file itself (after `checkFile`, which may refuse it).
  static func collect(
    _ inputs: ImportInputs, inFolder: (String) throws -> [String],
    inZip: (ZipArchive) throws -> [ZipArchive.Member], checkFile: (String) throws -> Void
  ) throws -> [ExportFile] {
    var files: [ExportFile] = []
    for path in inputs.paths {
      if FilePath.entry(at: path) == .directory {
        files += try inFolder(path).map { ExportFile(path: $0, inputs: inputs) }
      } else if let zip = try inputs.zipArchive(path) {
        files += try inZip(zip).map { ExportFile(zip: zip, member: $0, inputs: inputs) }
      } else {
        try checkFile(path)
        files.append(ExportFile(path: path, inputs: inputs))
      }
    }
    return files
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
