/// Whether a marker's distance moving from one total to another passes anything `log`
/// announces: a milestone, or the goal's target (an arrival, perhaps the goal's completion).
///
/// A marker's running total only grows (walks and caps are positive), so a milestone is
/// reached exactly when the final total is at least its distance; `log` can therefore tell
/// from two totals alone that a walk announces nothing, and skip computing whole progress
/// reports before and after.
public enum MilestoneCrossing {
  public static func passes(
    milestones: [Milestone], target: Double, from before: Double, to after: Double
  ) -> Bool {
    guard after > before else { return false }
    if before < target && target <= after { return true }
    return milestones.contains { before < $0.atMetres && $0.atMetres <= after }
  }
}
