/// Which update ran last: the paper's panel (b) follows a D step, panel (c) a G step.
public enum StepKind: String, Sendable, Codable {
  case none
  case discriminator
  case generator
}

/// Algorithm 1 of Goodfellow et al. (2014): each iteration is k discriminator steps, each on
/// fresh m data and m generated samples, then one generator step on m fresh noise values.
/// Every step is also callable alone. Hyperparameters may change between any two steps.
///
/// A trainer is confined to one thread (the runtime's training queue); it allocates all of
/// its buffers up front and nothing per step.
public final class Trainer {
  public let architecture: Architecture
  public let prior: Prior
  public private(set) var seed: UInt64
  public private(set) var target: Target
  public private(set) var hyperparameters: Hyperparameters

  /// Completed D steps and G steps. An iteration ends with its G step, so the iteration
  /// count is the number of G steps.
  public private(set) var discriminatorStepCount = 0
  public private(set) var generatorStepCount = 0
  public var iteration: Int { generatorStepCount }
  public private(set) var lastStep: StepKind = .none
  /// The iteration at which a NaN or infinity appeared; training steps are refused after it.
  public private(set) var divergedAtIteration: Int?
  /// How many times the nets were re-initialized (drives the seed of each re-initialization).
  public private(set) var resetCount = 0

  let generator: Perceptron
  let discriminator: Perceptron
  let generatorOptimizer: OptimizerState
  let discriminatorOptimizer: OptimizerState
  var rng: Xoshiro256

  // Workspaces: G's batch, D's batch of 2m (data rows then generated rows), and D's batch of
  // m generated samples during the G step (kept apart so the last D step's logits survive
  // for the loss readout).
  // (Internal, not private: checkpoints capture and restore them, see TrainerState.swift.)
  var generatorWork: Workspace
  var discriminatorWork: Workspace
  var criticOfGeneratorWork: Workspace
  /// Sizes of the last D step and G step batches, for reading their losses back.
  var lastDiscriminatorBatch = 0
  var lastGeneratorBatch = 0
  /// Readouts carried over from a checkpoint that lacks the last batches' outputs, until the
  /// next step of each net replaces them (there is no batch to recompute them from).
  var restoredDiscriminatorReadout: (loss: Double, gradientNorm: Double)?
  var restoredGeneratorReadout: (loss: Double, gradientNorm: Double)?
  /// The gradient norms of a restored trainer, until the next step of each net: like the
  /// gradient buffers of a trainer that never stopped, they survive a reset.
  var restoredDiscriminatorGradientNorm: Double?
  var restoredGeneratorGradientNorm: Double?

  public init(config: TrainingConfig) {
    architecture = config.architecture
    prior = config.prior
    seed = config.seed
    target = config.target
    hyperparameters = config.hyperparameters
    generator = Perceptron(architecture: architecture)
    discriminator = Perceptron(architecture: architecture)
    generatorOptimizer = OptimizerState(count: generator.parameterCount)
    discriminatorOptimizer = OptimizerState(count: discriminator.parameterCount)
    rng = Xoshiro256(seed: config.seed)
    let m = config.hyperparameters.batchSize
    generatorWork = Workspace(capacity: m, architecture: architecture)
    discriminatorWork = Workspace(capacity: 2 * m, architecture: architecture)
    criticOfGeneratorWork = Workspace(capacity: m, architecture: architecture)
    generator.initialize(using: &rng)
    discriminator.initialize(using: &rng)
  }

  // MARK: Control

  /// Applies new hyperparameters before the next step. Changing the optimizer kind starts
  /// the new rule from a clean state; a larger batch grows the workspaces once.
  public func setHyperparameters(_ new: Hyperparameters) {
    if new.optimizer.kind != hyperparameters.optimizer.kind {
      generatorOptimizer.reset()
      discriminatorOptimizer.reset()
    }
    let m = new.batchSize
    if m > generatorWork.capacity {
      generatorWork = Workspace(capacity: m, architecture: architecture)
      criticOfGeneratorWork = Workspace(capacity: m, architecture: architecture)
    }
    if 2 * m > discriminatorWork.capacity {
      discriminatorWork = Workspace(capacity: 2 * m, architecture: architecture)
    }
    hyperparameters = new
  }

  /// Switches p_data; the nets keep training from where they are.
  public func setTarget(_ new: Target) { target = new }

  /// Re-initializes both nets and their optimizers from a stream derived from the seed, and
  /// clears a divergence. Counters keep running so the event log stays ordered.
  public func resetNetworks() {
    resetCount += 1
    var initRNG = Xoshiro256(seed: derivedSeed(seed, 1, UInt64(resetCount)))
    generator.initialize(using: &initRNG)
    discriminator.initialize(using: &initRNG)
    generatorOptimizer.reset()
    discriminatorOptimizer.reset()
    divergedAtIteration = nil
    lastDiscriminatorBatch = 0
    lastGeneratorBatch = 0
    restoredDiscriminatorReadout = nil
    restoredGeneratorReadout = nil
  }

  /// Restarts the sampling stream from a new seed (the nets are untouched).
  public func reseed(_ newSeed: UInt64) {
    seed = newSeed
    rng = Xoshiro256(seed: newSeed)
  }

  public var isDiverged: Bool { divergedAtIteration != nil }

  /// Sets the counters when continuing from a checkpoint.
  func restoreCounters(
    discriminatorSteps: Int, generatorSteps: Int, lastStep: StepKind,
    divergedAtIteration: Int?, resetCount: Int
  ) {
    discriminatorStepCount = discriminatorSteps
    generatorStepCount = generatorSteps
    self.lastStep = lastStep
    self.divergedAtIteration = divergedAtIteration
    self.resetCount = resetCount
  }

  // MARK: Algorithm 1

  /// One iteration: k D steps then one G step. Returns false once training has diverged
  /// (including when this iteration found the NaN).
  @discardableResult
  public func runIteration() -> Bool {
    for _ in 0..<hyperparameters.discriminatorSteps {
      guard discriminatorStep() else { return false }
    }
    return generatorStep()
  }

  /// One D step: ascend (1/m) Σ [log D(x) + log(1 − D(G(z)))] on fresh data and samples.
  @discardableResult
  public func discriminatorStep() -> Bool {
    guard divergedAtIteration == nil else { return false }
    let m = hyperparameters.batchSize
    let rows = paddedRows(2 * m)
    // Samples of G without gradient.
    prior.fill(generatorWork.input, count: m, using: &rng)
    zeroTail(generatorWork.input, from: m, to: paddedRows(m))
    generator.forward(generatorWork, rows: m)
    // D's batch: data in rows 0..<m, samples in rows m..<2m.
    let input = discriminatorWork.input
    target.distribution.fill(UnsafeMutableBufferPointer(start: input, count: m), using: &rng)
    (input + m).update(from: generatorWork.output, count: m)
    zeroTail(input, from: 2 * m, to: rows)
    discriminator.forward(discriminatorWork, rows: 2 * m)
    let loss = hyperparameters.loss
    loss.discriminatorGradient(
      output: discriminatorWork.output, into: discriminatorWork.outputGradient, real: m, fake: m)
    zeroTail(discriminatorWork.outputGradient, from: 2 * m, to: rows)
    discriminator.backward(
      discriminatorWork, rows: 2 * m, parameterGradients: true, inputGradient: false)
    update(discriminator, discriminatorOptimizer, hyperparameters.discriminatorStepSize)
    discriminatorStepCount += 1
    lastDiscriminatorBatch = m
    restoredDiscriminatorReadout = nil
    restoredDiscriminatorGradientNorm = nil
    lastStep = .discriminator
    checkFinite(discriminator, discriminatorWork.output, count: 2 * m)
    return divergedAtIteration == nil
  }

  /// One G step on fresh noise: descend G's loss through D (whose parameters stay fixed).
  @discardableResult
  public func generatorStep() -> Bool {
    guard divergedAtIteration == nil else { return false }
    let m = hyperparameters.batchSize
    let rows = paddedRows(m)
    prior.fill(generatorWork.input, count: m, using: &rng)
    zeroTail(generatorWork.input, from: m, to: rows)
    generator.forward(generatorWork, rows: m)
    let critic = criticOfGeneratorWork
    critic.input.update(from: generatorWork.output, count: m)
    zeroTail(critic.input, from: m, to: rows)
    discriminator.forward(critic, rows: m)
    hyperparameters.loss.generatorGradient(
      output: critic.output, into: critic.outputGradient, count: m)
    zeroTail(critic.outputGradient, from: m, to: rows)
    discriminator.backward(critic, rows: m, parameterGradients: false, inputGradient: true)
    generatorWork.outputGradient.update(from: critic.inputGradient, count: m)
    zeroTail(generatorWork.outputGradient, from: m, to: rows)
    generator.backward(generatorWork, rows: m, parameterGradients: true, inputGradient: false)
    update(generator, generatorOptimizer, hyperparameters.generatorStepSize)
    generatorStepCount += 1
    lastGeneratorBatch = m
    restoredGeneratorReadout = nil
    restoredGeneratorGradientNorm = nil
    lastStep = .generator
    checkFinite(generator, critic.output, count: m)
    return divergedAtIteration == nil
  }

  /// One optimizer step on a net's freshly computed gradient.
  private func update(_ net: Perceptron, _ optimizer: OptimizerState, _ stepSize: Float) {
    optimizer.descend(
      net.parameters, gradient: net.gradients, stepSize: stepSize,
      settings: hyperparameters.optimizer)
    net.parametersChanged()
  }

  /// Checks the net just updated and the batch's outputs for NaN or infinity. The
  /// parameters must be checked directly: the clamp inside the fast tanh turns a NaN input
  /// into ±1, so a NaN weight need not reach any output.
  private func checkFinite(_ net: Perceptron, _ output: UnsafePointer<Float>, count: Int) {
    if !allFinite(net.parameters, count: net.parameterCount) || !allFinite(output, count: count) {
      divergedAtIteration = iteration
    }
  }

  private func zeroTail(_ buffer: UnsafeMutablePointer<Float>, from start: Int, to end: Int) {
    if end > start { (buffer + start).update(repeating: 0, count: end - start) }
  }

  // MARK: Readouts (off the hot path)

  /// D's loss on the batch of the last D step under the current loss: the mean loss on
  /// data plus the mean loss on samples.
  public var discriminatorLoss: Double {
    if let restored = restoredDiscriminatorReadout { return restored.loss }
    let m = lastDiscriminatorBatch
    guard m > 0 else { return .nan }
    let loss = hyperparameters.loss
    let o = discriminatorWork.output
    var real = 0.0
    var fake = 0.0
    for i in 0..<m {
      real += loss.discriminatorRealLoss(Double(o[i]))
      fake += loss.discriminatorFakeLoss(Double(o[m + i]))
    }
    return (real + fake) / Double(m)
  }

  /// G's loss on the batch of the last G step (the quantity G descends under the loss).
  public var generatorLoss: Double {
    if let restored = restoredGeneratorReadout { return restored.loss }
    let m = lastGeneratorBatch
    guard m > 0 else { return .nan }
    var sum = 0.0
    for i in 0..<m {
      sum += hyperparameters.loss.generatorLoss(Double(criticOfGeneratorWork.output[i]))
    }
    return sum / Double(m)
  }

  /// Euclidean norms of the last parameter gradients of D and of G.
  public var discriminatorGradientNorm: Double {
    restoredDiscriminatorReadout?.gradientNorm ?? restoredDiscriminatorGradientNorm
      ?? discriminator.gradientNorm()
  }
  public var generatorGradientNorm: Double {
    restoredGeneratorReadout?.gradientNorm ?? restoredGeneratorGradientNorm
      ?? generator.gradientNorm()
  }
}

extension Trainer {
  /// `count` samples x = G(z) for z drawn from the prior by a stream of its own (seeded by
  /// `seed`), for scoring and export; training is unaffected.
  public func generateSamples(count: Int, seed: UInt64) -> [Float] {
    var sampler = Xoshiro256(seed: seed)
    let chunk = 4096
    let work = Workspace(capacity: chunk, architecture: architecture)
    var samples: [Float] = []
    samples.reserveCapacity(count)
    while samples.count < count {
      let n = min(chunk, count - samples.count)
      prior.fill(work.input, count: n, using: &sampler)
      generator.forward(work, rows: n)
      samples.append(contentsOf: UnsafeBufferPointer(start: work.output, count: n))
    }
    return samples
  }

  /// D(x) at each x as the current loss reads it (`Loss.readout`: a probability for the
  /// cross-entropy losses), for tests and figures.
  public func discriminatorReadout(at xs: [Double]) -> [Double] {
    let work = Workspace(capacity: xs.count, architecture: architecture)
    for (i, x) in xs.enumerated() { work.input[i] = Float(x) }
    discriminator.forward(work, rows: xs.count)
    return (0..<xs.count).map { hyperparameters.loss.readout(Double(work.output[$0])) }
  }
}
