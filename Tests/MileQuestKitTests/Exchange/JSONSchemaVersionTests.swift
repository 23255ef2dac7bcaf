import Foundation
import Testing

@testable import MileQuestKit

extension ExchangeTests {
  /// `schema_version`: first in every JSON object document; `import all` reads older and
  /// refuses newer.
  @Suite("JSON schema version")
  struct JSONSchemaVersionTests {
    @Test func anObjectGetsTheVersionFirst() {
      let document = JSONValue.object([("goal", .string("G")), ("done_m", .double(1.5))])

      let versioned = JSONSchemaVersion.versioned(document)

      #expect(
        versioned.compact()
          == #"{"schema_version":\#(JSONSchemaVersion.current),"goal":"G","done_m":1.5}"#)
    }

    @Test func anArrayAndItsItemsStayAsTheyAre() {
      let document = JSONValue.array([.object([("id", .int(1))])])

      #expect(JSONSchemaVersion.versioned(document).compact() == #"[{"id":1}]"#)
      #expect(JSONSchemaVersion.versioned(.null) == .null)
    }

    @Test func anObjectWithItsOwnSchemaVersionGetsTheFallbackKey() {
      let document = JSONValue.object([("schema_version", .string("v4")), ("ok", .bool(true))])
      let versioned = JSONSchemaVersion.versioned(document)

      #expect(
        versioned.compact() == #"{"json_schema_version":1,"schema_version":"v4","ok":true}"#)
      #expect(JSONSchemaVersion.versioned(versioned) == versioned)
    }

    @Test(arguments: [nil, JSONValue.int(1), .int(JSONSchemaVersion.current)])
    func versionsUpToTheCurrentOneAreRead(_ value: JSONValue?) throws {
      try JSONSchemaVersion.requireReadable(value, file: "all.json")
    }

    @Test func aNewerVersionIsBadData() {
      let newer = JSONSchemaVersion.current + 1

      let error = #expect(throws: MileQuestError.self) {
        try JSONSchemaVersion.requireReadable(.int(newer), file: "all.json")
      }

      #expect(error?.exitCode == 65)
      let message = error?.description ?? ""
      #expect(message.contains("all.json: schema_version \(newer) is newer"), "\(message)")
    }

    @Test(arguments: [JSONValue.double(1.5), .string("1"), .int(0), .null, .bool(true)])
    func aVersionThatIsNoWholeNumberIsBadData(_ value: JSONValue) {
      let error = #expect(throws: MileQuestError.self) {
        try JSONSchemaVersion.requireReadable(value, file: "all.json")
      }
      #expect(error?.exitCode == 65)
    }
  }
}
