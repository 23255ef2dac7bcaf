/// A small, deterministic challenge for `milequest demo`: two teams racing from Land's End to
/// John o' Groats, plus a pooled distance goal, with three weeks of walks before `today`.
public enum SampleChallenge {
  /// Name of the race goal the demo shows.
  public static let raceGoal = "LEJOG race"
  /// Name of the pooled goal.
  public static let togetherGoal = "Office 500 km"

  /// Land's End to John o' Groats through real towns (great-circle legs, about 1,000 km).
  static let waypoints = [
    "50.0657,-5.7132,Land's End", "50.7256,-3.5269,Exeter", "51.4545,-2.5879,Bristol",
    "52.7073,-2.7553,Shrewsbury", "54.0466,-2.8007,Lancaster", "54.8925,-2.9329,Carlisle",
    "55.8642,-4.2518,Glasgow", "56.8198,-5.1052,Fort William", "57.4778,-4.2247,Inverness",
    "58.6373,-3.0689,John o' Groats",
  ]

  static let teams: [(name: String, captain: String, members: [String])] = [
    ("Trailblazers", "alice", ["bob", "chen"]),
    ("Night Owls", "dmitri", ["eva", "farah"]),
  ]

  /// Fills an empty store through the same Kit actions the CLI uses.
  public static func build(store: any MileQuestStore, today: LocalDate) throws {
    let started = today.adding(days: -20)
    let admin = MileQuestService(store: store, today: today, unit: .km)
    for team in teams {
      for handle in [team.captain] + team.members {
        _ = try admin.addMember(
          handle: handle, name: handle.prefix(1).uppercased() + handle.dropFirst(), email: nil,
          stride: nil)
      }
      let captain = MileQuestService(
        store: store, today: today, actingHandle: team.captain, unit: .km)
      _ = try captain.createTeam(
        name: team.name, description: nil, maxMembers: nil, since: started.description)
      _ = try captain.addToTeam(
        team: team.name, handles: team.members, role: .member, since: started.description)
    }
    let alice = MileQuestService(store: store, today: today, actingHandle: "alice", unit: .km)
    _ = try alice.createRoute(name: "Land's End to John o' Groats", waypoints: waypoints)
    _ = try alice.createGoal(
      .init(
        name: raceGoal, teams: teams.map(\.name), mode: .race,
        route: "Land's End to John o' Groats", start: started.description,
        end: today.adding(days: 60).description))
    _ = try alice.createGoal(
      .init(
        name: togetherGoal, teams: teams.map(\.name), mode: .together, distance: "500km",
        start: started.description, dailyCap: "15km"))
    var random = SplitMix64(seed: 2026)
    for offset in 0...20 {
      let day = started.adding(days: offset)
      for team in teams {
        for handle in [team.captain] + team.members where random.next() % 10 < 7 {
          let metres = 2_000 + Double(random.next() % 9_000)
          _ = try admin.logWalk(
            .init(
              member: handle, distance: "\(Int(metres))m", date: day.description,
              duration: "\(Int(metres / 80))m"))
        }
      }
    }
  }
}

/// A tiny deterministic random generator (SplitMix64), so the demo is the same every run.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
