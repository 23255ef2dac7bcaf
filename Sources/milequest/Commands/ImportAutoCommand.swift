import ArgumentParser
import Foundation
import MileQuestKit

extension MileQuest.Import {
  /// `import FILE` (or `import auto FILE`): the kind read from the file's content, this
  /// tool's own kinds or a format of the registry (`ImportFormats.all`).
  struct Auto: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "auto",
      abstract: "Import FILE as what its content says it is (the default: `import FILE`).",
      discussion: Examples.following(
        """
        Looks at the content, not the name: a FIT header, gzip data and what it holds, a \
        zip's member names, an XML root element (TrainingCenterDatabase, HealthData, gpx), a \
        CSV header, a JSON document's shape. Says on stderr what it chose, then imports as \
        that kind's command does; a file it cannot tell is refused (65).
        """,
        "milequest import walk.fit --dry-run",
        "milequest import walk.gpx"))
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The file.", completion: .file()) var file: String
    @Option(.importMember) var member: String?

    func run() throws {
      let kind = try ImportDetection.detect(path: file)
      FileHandle.standardError.write(
        Data("milequest: reading \(file) as \(ImportFormats.title(of: kind))\n".utf8))
      switch kind {
      case .format(let name):
        guard let format = ImportFormats.named(name) else {
          throw MileQuestError.badData("\(file): no reader for \(name) in this milequest")
        }
        try MileQuest.Import.run(format, options, paths: [file], member: member)
      case .gpx:
        try MileQuest.Import.writing(options) { context in
          ImportView.summary(
            try context.service.importGPX(
              paths: [file], member: member, merge: false, date: nil, dryRun: options.dryRun),
            printer: context.printer)
        }
      case .walks(let format):
        try refuseMember(kind)
        let source = try ByteSource(path: file)
        try MileQuest.Import.writing(options) { context in
          ImportView.summary(
            try context.service.importWalks(
              source, format: format, file: file, dryRun: options.dryRun),
            printer: context.printer)
        }
      case .exportAll:
        try refuseMember(kind)
        let document = try ExportAllDocument(path: file, name: file)
        ProcessSignals.sayOnInterrupt("nothing was imported")
        try Context.run(options, .writes) { context in
          let counts = try context.service.importAll(document, file: file)
          context.printer.message(
            (context.printer.dryRun ? "would import " : "imported ")
              + "\(Plural.count(counts.walks, "walk")) and the rest of the document "
              + "(\(Plural.count(counts.members, "member")), \(Plural.count(counts.teams, "team")))"
          )
        }
      case .other(let name):
        throw MileQuestError.badData(
          "\(file): this looks like \(name), which this milequest cannot import")
      }
    }

    /// Walks files and `export all` documents name each walk's member themselves.
    private func refuseMember(_ kind: ImportKind) throws {
      if member != nil {
        throw MileQuestError.usage(
          "--member does not apply to \(kind.description): each walk names its member")
      }
    }
  }
}
