import MileQuestCore
import Testing

/// A walk logged in steps keeps its steps (issue 17: `log 15000steps` used to store none).
@Suite struct StepCountTests {
  @Test(arguments: [
    ("15000steps", 15000), ("12000 steps", 12000), (" 1 step ", 1), ("800 STEPS", 800),
  ])
  func stepsAreRead(_ text: String, _ count: Int) {
    #expect(DistanceInput.stepCount(text) == count)
  }

  @Test(arguments: ["5km", "3.2", "800m", "12.5steps", "steps", "-5steps", "1e3steps", ""])
  func otherDistancesHaveNone(_ text: String) {
    #expect(DistanceInput.stepCount(text) == nil)
  }

  @Test func givenStepsWinOnlyWhenTheyAgree() throws {
    #expect(try DistanceInput.walkSteps(distance: "5km", steps: 7000) == 7000)
    #expect(try DistanceInput.walkSteps(distance: "9000 steps", steps: nil) == 9000)
    #expect(try DistanceInput.walkSteps(distance: "9000 steps", steps: 9000) == 9000)
    #expect(try DistanceInput.walkSteps(distance: nil, steps: nil) == nil)
    #expect(throws: MileQuestError.self) {
      _ = try DistanceInput.walkSteps(distance: "9000 steps", steps: 8000)
    }
    #expect(throws: MileQuestError.self) {
      _ = try DistanceInput.walkSteps(distance: "3000000 steps", steps: nil)
    }
  }
}
