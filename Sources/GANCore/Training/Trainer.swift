import GANKernels

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
/// A trainer is confined to one thread (the runtime's training queue); it allocates its
/// buffers up front, or when a setting or a reset needs new ones (a larger batch, a pack
/// size, spectral normalisation starting), and nothing per step.
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
  let generatorOptimizer: OptimizerState
  /// D, its optimizer, and under spectral normalisation its raw parameters: every change of
  /// D's parameters goes through it.
  let discriminatorParameters: DiscriminatorParameters
  /// D as every pass uses it (normalized under spectral normalisation); a new net when the
  /// pack size changes (TrainerPacking.swift).
  var discriminator: Perceptron { discriminatorParameters.net }
  var rng: Xoshiro256

  // Workspaces: G's batch, D's batch of 2m (data rows then generated rows), and D's batch of
  // m generated samples during the G step (followed by m data rows when G's loss reads D on
  // data, `Loss.comparesWithData`: `criticRows` in all), kept apart so the last D step's
  // logits survive for the loss readout. Under packing a D row is a pack of P samples and
  // G's batch holds P·m samples.
  // (Internal, not private: checkpoints capture and restore them, see TrainerState.swift.)
  var generatorWork: Workspace
  var discriminatorWork: Workspace
  var criticOfGeneratorWork: Workspace
  /// Sizes of the last D step and G step batches, for reading their losses back.
  var lastDiscriminatorBatch = 0
  var lastGeneratorBatch = 0
  /// Rows of D on data that followed the last G step's samples (`criticRows`).
  var lastGeneratorDataRows = 0
  /// The losses and gradient norms that the buffers above do not hold after a restore or a
  /// change of pack size, until each net's next step.
  var carriedReadouts = CarriedReadouts()

  // The fixes' buffers (Stabilizers): the slope pass of the penalties (made on first use),
  // D's batch during unrolled steps, G's parameters saved for extragradient (D's copies are
  // in `discriminatorParameters`), and instance noise. None holds state that outlives a step.
  var slopeWork: SlopeWorkspace?
  var unrolledWork: Workspace
  let savedGenerator: UnsafeMutablePointer<Float>
  var noise: [Float] = []

  public init(config: TrainingConfig) {
    architecture = config.architecture
    prior = config.prior
    seed = config.seed
    target = config.target
    hyperparameters = config.hyperparameters
    let p = config.hyperparameters.stabilizers.pack
    generator = Perceptron(architecture: architecture, role: .generator)
    generatorOptimizer = OptimizerState(count: generator.parameterCount)
    discriminatorParameters = DiscriminatorParameters(architecture: architecture, inputs: p)
    rng = Xoshiro256(seed: config.seed)
    let m = config.hyperparameters.batchSize
    generatorWork = Workspace(capacity: p * m, architecture: architecture)
    discriminatorWork = Workspace(capacity: 2 * m, architecture: architecture, inputsPerRow: p)
    criticOfGeneratorWork = Workspace(
      capacity: Self.criticRows(config.hyperparameters), architecture: architecture,
      inputsPerRow: p)
    unrolledWork = Workspace(capacity: 4, architecture: architecture, inputsPerRow: p)
    savedGenerator = allocateFloats(generator.parameterCount)
    generator.initialize(using: &rng)
    discriminatorParameters.initialize(
      using: &rng, normalized: hyperparameters.stabilizers.spectralNorm)
  }

  deinit {
    savedGenerator.deallocate()
  }

  // MARK: Control

  /// Applies new hyperparameters before the next step. Changing the optimizer kind starts
  /// the new rule from a clean state; a larger batch grows the workspaces once.
  public func setHyperparameters(_ new: Hyperparameters) {
    if new.optimizer.kind != hyperparameters.optimizer.kind {
      generatorOptimizer.reset()
      discriminatorParameters.optimizer.reset()
    }
    let m = new.batchSize
    let p = new.stabilizers.pack
    let normalizing = new.stabilizers.spectralNorm
    // Off before a new pack size (normalisation needs P = 1), on after one.
    if !normalizing { discriminatorParameters.stopNormalizing() }
    if p != discriminator.inputs { repack(p) }
    if Self.criticRows(new) > criticOfGeneratorWork.capacity {
      let grown = Workspace(
        capacity: Self.criticRows(new), architecture: architecture, inputsPerRow: p)
      // A larger m has always started from a fresh workspace (recordings depend on it); a
      // switch to a loss that reads D on data, at the same m, keeps G's last outputs, so
      // G's loss reads on until the next G step.
      if new.batchSize == hyperparameters.batchSize {
        grown.output.update(from: criticOfGeneratorWork.output, count: lastGeneratorBatch)
      }
      criticOfGeneratorWork = grown
    }
    if p * m > generatorWork.capacity {
      generatorWork = Workspace(capacity: p * m, architecture: architecture)
    }
    if 2 * m > discriminatorWork.capacity {
      discriminatorWork = Workspace(capacity: 2 * m, architecture: architecture, inputsPerRow: p)
    }
    hyperparameters = new
    if normalizing && !discriminatorParameters.isNormalized {
      discriminatorParameters.startNormalizing()
    }
  }

  /// Switches p_data; the nets keep training from where they are.
  public func setTarget(_ new: Target) { target = new }

  /// The rows of D's batch in the G step: m packs of G's samples, and m packs of data when
  /// G's loss compares with data.
  static func criticRows(_ h: Hyperparameters) -> Int {
    h.loss.comparesWithData ? 2 * h.batchSize : h.batchSize
  }

  /// Re-initializes both nets and their optimizers from a stream derived from the seed, and
  /// clears a divergence. Counters keep running so the event log stays ordered.
  public func resetNetworks() {
    resetCount += 1
    var initRNG = Xoshiro256(seed: derivedSeed(seed, 1, UInt64(resetCount)))
    generator.initialize(using: &initRNG)
    discriminatorParameters.initialize(
      using: &initRNG, normalized: discriminatorParameters.isNormalized)
    generatorOptimizer.reset()
    divergedAtIteration = nil
    lastDiscriminatorBatch = 0
    lastGeneratorBatch = 0
    lastGeneratorDataRows = 0
    carriedReadouts.discriminator = carriedReadouts.discriminator.afterReset
    carriedReadouts.generator = carriedReadouts.generator.afterReset
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

  /// One iteration: k D steps then one G step (alternating, as Algorithm 1), or the last D
  /// step and the G step together (`UpdateScheme`). Returns false once training has
  /// diverged (including when this iteration found the NaN).
  @discardableResult
  public func runIteration() -> Bool {
    let k = hyperparameters.discriminatorSteps
    let scheme = hyperparameters.stabilizers.updateScheme
    let alone = scheme == .alternating ? k : k - 1
    for _ in 0..<alone {
      guard discriminatorStep() else { return false }
    }
    switch scheme {
    case .alternating: return generatorStep()
    case .simultaneous: return simultaneousStep()
    case .extragradient: return extragradientStep()
    }
  }

  /// One D step: ascend D's objective (for the paper's loss (1/m) Σ [log D(x) +
  /// log(1 − D(G(z)))]) on fresh data and samples, less any penalty.
  @discardableResult
  public func discriminatorStep() -> Bool {
    guard divergedAtIteration == nil else { return false }
    computeDiscriminatorGradient(work: discriminatorWork)
    updateDiscriminator()
    finishDiscriminatorStep()
    return divergedAtIteration == nil
  }

  /// One G step on fresh noise: descend G's loss through D (whose parameters stay fixed).
  @discardableResult
  public func generatorStep() -> Bool {
    guard divergedAtIteration == nil else { return false }
    computeGeneratorGradient()
    update(generator, generatorOptimizer, hyperparameters.generatorStepSize)
    finishGeneratorStep()
    return divergedAtIteration == nil
  }

  /// D and G both step from the same point: each gradient is taken before either update.
  private func simultaneousStep() -> Bool {
    guard divergedAtIteration == nil else { return false }
    computeDiscriminatorGradient(work: discriminatorWork)
    computeGeneratorGradient()
    updateDiscriminator()
    update(generator, generatorOptimizer, hyperparameters.generatorStepSize)
    finishDiscriminatorStep()
    guard divergedAtIteration == nil else { return false }
    finishGeneratorStep()
    return divergedAtIteration == nil
  }

  /// Extragradient: a plain gradient step of both players to a look-ahead point, fresh
  /// gradients there, then each player's real update (by its optimizer) from where it was
  /// with the look-ahead gradient.
  private func extragradientStep() -> Bool {
    guard divergedAtIteration == nil else { return false }
    let gCount = generator.parameterCount
    let d = discriminatorParameters
    d.saveParameters()
    savedGenerator.update(from: generator.parameters, count: gCount)
    computeDiscriminatorGradient(work: discriminatorWork)
    computeGeneratorGradient()
    d.lookAhead(stepSize: hyperparameters.discriminatorStepSize)
    lookAhead(generator, hyperparameters.generatorStepSize)
    computeDiscriminatorGradient(work: discriminatorWork)
    computeGeneratorGradient()
    // The look-ahead gradient is taken to the parameters D's optimizer updates where it was
    // measured (under spectral normalisation it depends on σ there), before they are put
    // back. With unrolling on, `computeGeneratorGradient` saved D again at the look-ahead
    // point into the one saved copy, so D's update starts from there, not from where it
    // was; recordings made with both depend on it.
    d.takeGradientToUpdated()
    d.restoreParameters()
    generator.parameters.update(from: savedGenerator, count: gCount)
    generator.parametersChanged()
    updateDiscriminator(gradientTaken: true)
    update(generator, generatorOptimizer, hyperparameters.generatorStepSize)
    finishDiscriminatorStep()
    guard divergedAtIteration == nil else { return false }
    finishGeneratorStep()
    return divergedAtIteration == nil
  }

  /// θ ← θ − η·∇ with G's fresh gradient (extragradient's look-ahead; D's is
  /// `DiscriminatorParameters.lookAhead`).
  private func lookAhead(_ net: Perceptron, _ stepSize: Float) {
    var i = 0
    while i < net.parameterCount {
      store(
        load(net.parameters + i).addingProduct(-stepSize, load(net.gradients + i)),
        net.parameters + i)
      i += 16
    }
    net.parametersChanged()
  }

  /// D's gradient on a fresh batch into `discriminator.gradients`: m data rows then m
  /// sample rows of `work`, instance noise on both, and the penalties.
  private func computeDiscriminatorGradient(work: Workspace) {
    let m = hyperparameters.batchSize
    let rows = paddedRows(2 * m)
    // m packs per side of P samples each: n = P·m samples (n = m without packing).
    let p = discriminator.inputs
    let n = p * m
    // Samples of G without gradient.
    prior.fill(generatorWork.input, count: n, using: &rng)
    zeroTail(generatorWork.input, from: n, to: paddedRows(n))
    generator.forward(generatorWork, rows: n)
    // D's batch: data in rows 0..<m, samples in rows m..<2m (a row is a pack of P values).
    let input = work.input
    target.distribution.fill(UnsafeMutableBufferPointer(start: input, count: n), using: &rng)
    (input + n).update(from: generatorWork.output, count: n)
    addInstanceNoise(input, count: 2 * n)
    zeroTail(input, from: 2 * n, to: rows * p)
    discriminator.forward(work, rows: 2 * m)
    let loss = hyperparameters.loss
    loss.discriminatorGradient(
      output: work.output, into: work.outputGradient, real: m, fake: m)
    zeroTail(work.outputGradient, from: 2 * m, to: rows)
    discriminator.backward(work, rows: 2 * m, parameterGradients: true, inputGradient: false)
    addPenalties(batch: input, count: m)
    addConsensusGradient(to: .discriminator)
  }

  /// Adds the gradients of R1 or R2 and of the loss's own penalty (WGAN-GP) to D's.
  private func addPenalties(batch input: UnsafePointer<Float>, count m: Int) {
    let stabilizers = hyperparameters.stabilizers
    // m packs of P values per side (P = 1: m samples); under packing the penalties are on
    // the norm of D's input gradient over the pack (PackedSlopePenalty.swift).
    let p = discriminator.inputs
    let n = p * m
    if stabilizers.penalty != .none && stabilizers.penaltyWeight > 0 {
      let work = slopeWorkspace(rows: m)
      let start = stabilizers.penalty == .r1 ? input : input + n
      work.input.update(from: start, count: n)
      zeroTail(work.input, from: n, to: work.rows * p)
      discriminator.slopePenalty(
        work, count: m, shape: .squared(weight: stabilizers.penaltyWeight))
      addGradient(work.parameterGradients, to: discriminator)
    }
    if let shape = hyperparameters.loss.interpolatePenalty(weight: stabilizers.interpolateWeight) {
      // x̂ = ε·x + (1 − ε)·x̃ with ε ~ U(0, 1) per pair of a data row and a sample row (a
      // pack of data and a pack of samples, interpolated as points of ℝᴾ).
      let work = slopeWorkspace(rows: m)
      for i in 0..<m {
        let epsilon = rng.nextUnitFloat()
        for j in i * p..<(i + 1) * p {
          work.input[j] = epsilon * input[j] + (1 - epsilon) * input[n + j]
        }
      }
      zeroTail(work.input, from: n, to: work.rows * p)
      discriminator.slopePenalty(work, count: m, shape: shape)
      addGradient(work.parameterGradients, to: discriminator)
    }
  }

  private func addGradient(_ extra: UnsafePointer<Float>, to net: Perceptron) {
    var i = 0
    while i < net.parameterCount {
      store(load(net.gradients + i) + load(extra + i), net.gradients + i)
      i += 16
    }
  }

  /// The slope pass's buffers for a batch of `rows`, made on first use and when m changes.
  private func slopeWorkspace(rows: Int) -> SlopeWorkspace {
    let p = discriminator.inputs
    if let work = slopeWork, work.rows == paddedRows(rows), work.inputsPerRow == p { return work }
    let work = SlopeWorkspace(rows: rows, architecture: architecture, inputsPerRow: p)
    slopeWork = work
    return work
  }

  /// Adds N(0, σ²) to `count` inputs of D, σ from the instance-noise schedule.
  private func addInstanceNoise(_ input: UnsafeMutablePointer<Float>, count: Int) {
    let sigma = hyperparameters.stabilizers.instanceNoise(at: iteration)
    guard sigma > 0 else { return }
    if noise.count < count { noise = [Float](repeating: 0, count: count) }
    noise.withUnsafeMutableBufferPointer { buffer in
      rng.fillStandardNormal(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
      for i in 0..<count { input[i] += sigma * buffer[i] }
    }
  }

  /// G's gradient on fresh noise into `generator.gradients`, through D as it is or, with
  /// unrolling, through D after u more steps (then D is put back).
  private func computeGeneratorGradient() {
    let unrolled = hyperparameters.stabilizers.unrolledSteps
    if unrolled > 0 { unrollDiscriminator(steps: unrolled) }
    let m = hyperparameters.batchSize
    // m packs of P samples of G (n = m without packing); D's gradient reaches every sample.
    let p = discriminator.inputs
    let n = p * m
    prior.fill(generatorWork.input, count: n, using: &rng)
    zeroTail(generatorWork.input, from: n, to: paddedRows(n))
    generator.forward(generatorWork, rows: n)
    let critic = criticOfGeneratorWork
    critic.input.update(from: generatorWork.output, count: n)
    // The relativistic loss reads D on data too: m packs of data follow G's (no gradient
    // flows to them; they only move the means G's samples are read against).
    let loss = hyperparameters.loss
    let criticRows = Self.criticRows(hyperparameters)
    let dataRows = criticRows - m
    if dataRows > 0 {
      target.distribution.fill(
        UnsafeMutableBufferPointer(start: critic.input + n, count: p * dataRows), using: &rng)
    }
    addInstanceNoise(critic.input, count: p * criticRows)
    let rows = paddedRows(criticRows)
    zeroTail(critic.input, from: p * criticRows, to: rows * p)
    discriminator.forward(critic, rows: criticRows)
    loss.generatorGradient(
      output: critic.output, into: critic.outputGradient, count: m,
      data: UnsafeBufferPointer(start: critic.output + m, count: dataRows))
    zeroTail(critic.outputGradient, from: m, to: rows)
    // Only G's rows: rows are independent, and the data rows carry no gradient.
    discriminator.backward(critic, rows: m, parameterGradients: false, inputGradient: true)
    generatorWork.outputGradient.update(from: critic.inputGradient, count: n)
    zeroTail(generatorWork.outputGradient, from: n, to: paddedRows(n))
    generator.backward(generatorWork, rows: n, parameterGradients: true, inputGradient: false)
    if unrolled > 0 { discriminatorParameters.restore() }
    addConsensusGradient(to: .generator)
  }

  /// Saves D (parameters, gradient, optimizer) and takes `steps` D steps on a workspace of
  /// their own, so the last real D step's readouts survive.
  private func unrollDiscriminator(steps: Int) {
    discriminatorParameters.save()
    let m = hyperparameters.batchSize
    if unrolledWork.capacity < 2 * m || unrolledWork.inputsPerRow != discriminator.inputs {
      unrolledWork = Workspace(
        capacity: 2 * m, architecture: architecture, inputsPerRow: discriminator.inputs)
    }
    for _ in 0..<steps {
      computeDiscriminatorGradient(work: unrolledWork)
      updateDiscriminator()
    }
  }

  /// D's optimizer step, then WGAN's clipping (`DiscriminatorParameters.step`).
  /// `gradientTaken`: extragradient already took the look-ahead gradient.
  private func updateDiscriminator(gradientTaken: Bool = false) {
    discriminatorParameters.step(
      stepSize: hyperparameters.discriminatorStepSize, settings: hyperparameters.optimizer,
      clip: hyperparameters.loss.clipsWeights ? hyperparameters.stabilizers.clip : nil,
      gradientTaken: gradientTaken)
  }

  private func finishDiscriminatorStep() {
    let m = hyperparameters.batchSize
    discriminatorStepCount += 1
    lastDiscriminatorBatch = m
    carriedReadouts.discriminator = .none
    lastStep = .discriminator
    checkFinite(discriminator, discriminatorWork.output, count: 2 * m)
  }

  private func finishGeneratorStep() {
    let m = hyperparameters.batchSize
    generatorStepCount += 1
    lastGeneratorBatch = m
    lastGeneratorDataRows = Self.criticRows(hyperparameters) - m
    carriedReadouts.generator = .none
    lastStep = .generator
    checkFinite(generator, criticOfGeneratorWork.output, count: m)
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
    if let carried = carriedReadouts.discriminator.loss { return carried }
    let m = lastDiscriminatorBatch
    guard m > 0 else { return .nan }
    let o = discriminatorWork.output
    return hyperparameters.loss.discriminatorLoss(
      real: (0..<m).map { Double(o[$0]) }, fake: (m..<2 * m).map { Double(o[$0]) })
  }

  /// G's loss on the batch of the last G step (the quantity G descends under the loss).
  public var generatorLoss: Double {
    if let carried = carriedReadouts.generator.loss { return carried }
    let m = lastGeneratorBatch
    guard m > 0 else { return .nan }
    // D's outputs on G's samples, then (relativistic) on the step's data.
    let o = criticOfGeneratorWork.output
    return hyperparameters.loss.generatorLoss(
      fake: (0..<m).map { Double(o[$0]) },
      real: (m..<m + lastGeneratorDataRows).map { Double(o[$0]) })
  }

  /// Euclidean norms of the last parameter gradients of D and of G.
  public var discriminatorGradientNorm: Double {
    carriedReadouts.discriminator.gradientNorm ?? discriminator.gradientNorm()
  }
  public var generatorGradientNorm: Double {
    carriedReadouts.generator.gradientNorm ?? generator.gradientNorm()
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
  /// Under packing this is D on the diagonal, D(x, …, x).
  public func discriminatorReadout(at xs: [Double]) -> [Double] {
    let p = discriminator.inputs
    let work = Workspace(capacity: xs.count, architecture: architecture, inputsPerRow: p)
    for (i, x) in xs.enumerated() {
      for j in 0..<p { work.input[i * p + j] = Float(x) }
    }
    discriminator.forward(work, rows: xs.count)
    return (0..<xs.count).map { hyperparameters.loss.readout(Double(work.output[$0])) }
  }
}
