/// How fast the training loop runs.
public enum Pace: Sendable, Equatable, Hashable, Codable {
  /// As fast as the machine allows.
  case maximum
  /// About this many iterations per second.
  case iterationsPerSecond(Double)

  /// The ladder of paces the `<`/`>` keys walk: 1, 3, 10, 30, … 100 000 it/s, then maximum.
  public static let ladder: [Pace] =
    [1, 3, 10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000].map {
      .iterationsPerSecond($0)
    } + [.maximum]

  /// The next slower (−1) or faster (+1) pace of the ladder.
  public func stepped(_ direction: Int) -> Pace {
    let index: Int
    switch self {
    case .maximum: index = Pace.ladder.count - 1
    case .iterationsPerSecond(let rate):
      index =
        Pace.ladder.firstIndex {
          if case .iterationsPerSecond(let r) = $0 { return r >= rate }
          return true
        } ?? Pace.ladder.count - 1
    }
    return Pace.ladder[min(max(index + direction, 0), Pace.ladder.count - 1)]
  }

  /// Short text for status lines: "max" or the rate.
  public var label: String {
    switch self {
    case .maximum: "max"
    case .iterationsPerSecond(let rate):
      rate == rate.rounded() ? "\(Int(rate))" : "\(rate)"
    }
  }
}

/// A change requested by a user (a key, a flag, a recorded event). Commands that change the
/// trainer are applied by `Trainer.apply`; the runtime handles the loop commands itself.
public enum ControlCommand: Sendable, Equatable, Hashable {
  // Trainer changes.
  case setDiscriminatorSteps(Int)
  case setBatchSize(Int)
  case setDiscriminatorStepSize(Float)
  case setGeneratorStepSize(Float)
  case setLoss(Loss)
  case setOptimizer(OptimizerKind)
  /// The fixes (`Stabilizers`): a penalty with its weight γ, unrolled D steps, the update
  /// scheme, and constant instance noise σ (0 turns it off).
  case setPenalty(GradientPenalty, weight: Float)
  case setUnrolledSteps(Int)
  case setUpdateScheme(UpdateScheme)
  case setInstanceNoise(Float)
  case setSpectralNorm(Bool)
  /// D's pack size P (PacGAN; 1 is off). D keeps its function on the diagonal.
  case setPack(Int)
  /// γ of consensus optimization (0: off).
  case setConsensus(Float)
  /// A new target, parsed (and its data file read) before it is sent: applying it reads
  /// nothing. Recordings store it by its spec (`Target.spec`).
  case setTarget(Target)
  case resetNetworks
  case reseed(UInt64)
  // Loop commands.
  case setPace(Pace)
  case pause
  case resume
  case stepDiscriminator
  case stepGenerator
  case stepIteration
  /// Publish a snapshot every this many iterations.
  case setPublishInterval(Int)
}

extension ControlCommand {
  /// Whether the live loop is paused after applying this command: single steps are for
  /// inspecting one update at a time, so they leave it paused (and a played scenario stops
  /// after such a step until the viewer goes on).
  public var leavesRunPaused: Bool {
    switch self {
    case .pause, .stepDiscriminator, .stepGenerator, .stepIteration: true
    case .setDiscriminatorSteps, .setBatchSize, .setDiscriminatorStepSize,
      .setGeneratorStepSize, .setLoss, .setOptimizer, .setPenalty, .setUnrolledSteps,
      .setUpdateScheme, .setInstanceNoise, .setSpectralNorm, .setPack, .setConsensus, .setTarget,
      .resetNetworks,
      .reseed, .setPace, .resume, .setPublishInterval:
      false
    }
  }
}

extension Trainer {
  /// Applies a trainer command; returns false (changing nothing) for loop commands and for
  /// values out of range, so a bad command can never corrupt a run.
  @discardableResult
  public func apply(_ command: ControlCommand) -> Bool {
    var h = hyperparameters
    switch command {
    case .setDiscriminatorSteps(let k): h.discriminatorSteps = k
    case .setBatchSize(let m): h.batchSize = m
    case .setDiscriminatorStepSize(let eta): h.discriminatorStepSize = eta
    case .setGeneratorStepSize(let eta): h.generatorStepSize = eta
    case .setLoss(let loss): h.loss = loss
    case .setOptimizer(let kind): h.optimizer.kind = kind
    case .setPenalty(let penalty, let weight):
      h.stabilizers.penalty = penalty
      h.stabilizers.penaltyWeight = weight
    case .setUnrolledSteps(let u): h.stabilizers.unrolledSteps = u
    case .setUpdateScheme(let scheme): h.stabilizers.updateScheme = scheme
    case .setInstanceNoise(let sigma):
      // A switch made while training: the noise stays σ (annealing is a run's setting).
      h.stabilizers.instanceNoise = sigma
      h.stabilizers.instanceNoiseAnneal = 0
    case .setSpectralNorm(let on): h.stabilizers.spectralNorm = on
    case .setPack(let p): h.stabilizers.pack = p
    case .setConsensus(let gamma): h.stabilizers.consensus = gamma
    case .setTarget(let target):
      setTarget(target)
      return true
    case .resetNetworks:
      resetNetworks()
      return true
    case .reseed(let seed):
      reseed(seed)
      return true
    case .setPace, .pause, .resume, .stepDiscriminator, .stepGenerator, .stepIteration,
      .setPublishInterval:
      return false
    }
    guard h.problem == nil else { return false }
    setHyperparameters(h)
    return true
  }
}
