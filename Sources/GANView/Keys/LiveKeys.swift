/// What the live view's own keys do (the shared rows are `SharedAction`s).
public enum LiveAction: Sendable, Hashable, CaseIterable {
  case togglePause
  case stepIteration
  case stepDiscriminator
  case stepGenerator
  case decreaseDiscriminatorSteps
  case increaseDiscriminatorSteps
  case halveStepSizes
  case doubleStepSizes
  case halveDiscriminatorStepSize
  case doubleDiscriminatorStepSize
  case halveGeneratorStepSize
  case doubleGeneratorStepSize
  case slower
  case faster
  case cycleLoss
  case cycleTarget
  case drawTarget
  case cyclePenalty
  case cycleUnrolling
  case cycleUpdateScheme
  case toggleInstanceNoise
  case toggleSpectralNorm
  case cyclePack
  case toggleConsensus
  case resetNetworks
  case toggleRecording
}

/// The fixes the live keys switch, one per key.
public enum FixKey: Sendable, Hashable, CaseIterable {
  case penalty, unrolling, updateScheme, instanceNoise, spectralNorm, pack, consensus
}

extension LiveAction {
  /// The fix this key switches, or nil for a key that is not a fix's (an exhaustive
  /// switch: a new key must say which it is).
  public var fix: FixKey? {
    switch self {
    case .cyclePenalty: .penalty
    case .cycleUnrolling: .unrolling
    case .cycleUpdateScheme: .updateScheme
    case .toggleInstanceNoise: .instanceNoise
    case .toggleSpectralNorm: .spectralNorm
    case .cyclePack: .pack
    case .toggleConsensus: .consensus
    case .togglePause, .stepIteration, .stepDiscriminator, .stepGenerator,
      .decreaseDiscriminatorSteps, .increaseDiscriminatorSteps, .halveStepSizes,
      .doubleStepSizes, .halveDiscriminatorStepSize, .doubleDiscriminatorStepSize,
      .halveGeneratorStepSize, .doubleGeneratorStepSize, .slower, .faster, .cycleLoss,
      .cycleTarget, .drawTarget, .resetNetworks, .toggleRecording:
      nil
    }
  }
}

/// The live view's key table (`LiveKeyHandler` applies it).
public enum LiveKeys {
  public static let table = KeyTable(
    title: "ganscope keys",
    bindings: training + KeyBinding.mainPaneKeys + KeyBinding.figureToggles(inFooter: true)
      + recording
      + KeyBinding.helpAndQuit)

  /// Running and single-stepping the training, then its knobs.
  private static let training: [KeyBinding<LiveAction>] =
    [
      KeyBinding([" "], "space", "pause / resume", hint: "pause", .togglePause),
      KeyBinding(["."], ".", "one iteration (k D + 1 G)", hint: "step", .stepIteration),
      KeyBinding(["d"], "d", "one D step: panel (b)", hint: "D step", .stepDiscriminator),
      KeyBinding(["g"], "g", "one G step: panel (c)", hint: "G step", .stepGenerator),
      KeyBinding(["k"], "k", "k - 1 (D steps per G step)", .decreaseDiscriminatorSteps),
      KeyBinding(["K"], "K", "k + 1 (at most 50)", hint: "k+1", .increaseDiscriminatorSteps),
      KeyBinding(["-"], "-", "both step sizes / 2", .halveStepSizes),
      KeyBinding(["+", "="], "+ =", "both step sizes x 2", .doubleStepSizes),
      KeyBinding(["["], "[", "D step size / 2", .halveDiscriminatorStepSize),
      KeyBinding(["]"], "]", "D step size x 2", .doubleDiscriminatorStepSize),
      KeyBinding(["{"], "{", "G step size / 2", .halveGeneratorStepSize),
      KeyBinding(["}"], "}", "G step size x 2", .doubleGeneratorStepSize),
      KeyBinding(["<"], "<", "slower pace", .slower),
      KeyBinding([">"], ">", "faster pace", hint: "faster", .faster),
      KeyBinding(["l"], "l", "next loss (D and G)", hint: "loss", .cycleLoss),
      KeyBinding(["t"], "t", "next target (+ yours)", hint: "target", .cycleTarget),
      KeyBinding(["T"], "T", "draw your own target", hint: "draw", .drawTarget),
      KeyBinding(["r"], "r", "reset both nets", .resetNetworks),
    ] + fixes

  /// The fixes for the game's failures (`Stabilizers`), one key each.
  private static let fixes: [KeyBinding<LiveAction>] = [
    KeyBinding(["p"], "p", "next penalty: R1, R2, none", hint: "penalty", .cyclePenalty),
    KeyBinding(["u"], "u", "unrolled D steps 0, 5, 10", .cycleUnrolling),
    KeyBinding(["x"], "x", "next update order", .cycleUpdateScheme),
    KeyBinding(["n"], "n", "instance noise on / off", .toggleInstanceNoise),
    KeyBinding(["c"], "c", "consensus optimization on / off", .toggleConsensus),
    KeyBinding(["s"], "s", "spectral norm of D on / off", .toggleSpectralNorm),
    KeyBinding(["P"], "P", "D sees packs of P = 1, 2, 4", .cyclePack),
  ]

  /// The recorder: not a training knob, so listed after the figure's toggles.
  private static let recording: [KeyBinding<LiveAction>] = [
    KeyBinding(["R"], "R", "start / stop recording", .toggleRecording)
  ]
}
