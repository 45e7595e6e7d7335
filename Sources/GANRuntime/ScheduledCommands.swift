import GANCore

/// Commands that wait for an iteration: a script's key presses (`ganscope demo`) applied at
/// exactly the boundary where the headless run of the same script applies them, so the live
/// view shows the run `demo --check` measures, and a recording (`R`) logs them like keys.
public struct ScheduledCommands: Sendable, Equatable {
  /// Applied at the first iteration boundary at which the trainer has done at least this
  /// many iterations, or has diverged (a diverged trainer refuses every step, so the
  /// iteration would never come; the headless run stops there too).
  public var iteration: Int
  /// Applied together, in order, after any key pressed before that boundary.
  public var commands: [ControlCommand]

  public init(at iteration: Int, _ commands: [ControlCommand]) {
    self.iteration = iteration
    self.commands = commands
  }

  /// Whether the batch is due at a boundary after `iteration` iterations.
  func isDue(iteration trainerIteration: Int, diverged: Bool) -> Bool {
    diverged || trainerIteration >= iteration
  }
}
