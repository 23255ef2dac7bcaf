import Foundation
@_spi(Testing) import MileQuestPostgres
import Testing

/// `init` names the database it made; on PostgreSQL the address it prints keeps the user and
/// host but never the password, as `config get` and every error do.
@Suite(
  "PostgreSQL: init shows the address without its password",
  .enabled(if: ThrowawayCluster.isAvailable))
struct PostgresInitAddressTests {
  @Test("init prints user:***@ in place of the password, in the table and in JSON")
  func initHidesThePassword() throws {
    let cli = try CLI()
    // The cluster trusts its socket, so the password is never checked, only carried.
    let plain = try ThrowawayCluster.shared().freshDatabase()
    let address = plain.replacingOccurrences(
      of: "postgresql:///", with: "postgresql://postgres:s3cret-pw@/")
    for (arguments, created) in [(["init"], true), (["init", "--format", "json"], false)] {
      let result = cli.run(arguments, env: ["MILEQUEST_DB": address])
      #expect(result.code == 0, "\(result.stderr)")
      #expect(result.stdout.contains("postgresql://postgres:***@/"), "\(result.stdout)")
      #expect(!result.stdout.contains("s3cret-pw") && !result.stderr.contains("s3cret-pw"))
      #expect(result.stdout.contains(created ? "created a new" : "false"), "\(result.stdout)")
    }
  }
}
