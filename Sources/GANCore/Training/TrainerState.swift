/// Everything a trainer needs to continue exactly where it was: both nets, both optimizers,
/// the sampling stream and the counters. A checkpoint of a recording holds one.
public struct TrainerState: Sendable, Equatable {
  public var target: String
  public var prior: Prior
  public var architecture: Architecture
  public var hyperparameters: Hyperparameters
  public var seed: UInt64
  public var rngState: [UInt64]
  public var discriminatorSteps: Int
  public var generatorSteps: Int
  public var lastStep: StepKind
  public var divergedAtIteration: Int?
  public var resetCount: Int
  /// Padded parameter buffers (see `Architecture.Layout`) and optimizer moments.
  public var generatorParameters: [Float]
  public var discriminatorParameters: [Float]
  public var generatorMoments: [[Float]]
  public var discriminatorMoments: [[Float]]
  public var generatorOptimizerSteps: Int
  public var discriminatorOptimizerSteps: Int
  /// The last losses and gradient norms: D's loss, G's loss, ‖∇D‖, ‖∇G‖.
  public var readouts: [Double]
  /// What the loss readouts are computed from, so that a restored trainer reports exactly
  /// what the original would even after a change of loss or batch size: D's outputs on its
  /// last batch (2m values) and on G's last batch (m values), and the row capacities of the
  /// three workspaces (G, D, D on G's batch; a larger batch reallocates them). Empty in a
  /// state made without them: the readouts are then kept as they are until the next steps.
  public var discriminatorOutputs: [Float]
  public var criticOutputs: [Float]
  public var workspaceCapacities: [Int]
  /// Spectral normalisation's state when it is on (`SpectralNormalization.state`: D's raw
  /// parameters and the power-iteration vectors); empty when it is off.
  public var spectralState: [Float]
  /// D's outputs on the data rows that followed G's samples in the last G step (m values
  /// under a loss that compares with data, `Loss.comparesWithData`; else empty).
  public var criticDataOutputs: [Float]

  public init(
    target: String, prior: Prior, architecture: Architecture, hyperparameters: Hyperparameters,
    seed: UInt64, rngState: [UInt64], discriminatorSteps: Int, generatorSteps: Int,
    lastStep: StepKind, divergedAtIteration: Int?, resetCount: Int,
    generatorParameters: [Float], discriminatorParameters: [Float],
    generatorMoments: [[Float]], discriminatorMoments: [[Float]],
    generatorOptimizerSteps: Int, discriminatorOptimizerSteps: Int, readouts: [Double],
    discriminatorOutputs: [Float] = [], criticOutputs: [Float] = [],
    workspaceCapacities: [Int] = [], spectralState: [Float] = [], criticDataOutputs: [Float] = []
  ) {
    self.target = target
    self.prior = prior
    self.architecture = architecture
    self.hyperparameters = hyperparameters
    self.seed = seed
    self.rngState = rngState
    self.discriminatorSteps = discriminatorSteps
    self.generatorSteps = generatorSteps
    self.lastStep = lastStep
    self.divergedAtIteration = divergedAtIteration
    self.resetCount = resetCount
    self.generatorParameters = generatorParameters
    self.discriminatorParameters = discriminatorParameters
    self.generatorMoments = generatorMoments
    self.discriminatorMoments = discriminatorMoments
    self.generatorOptimizerSteps = generatorOptimizerSteps
    self.discriminatorOptimizerSteps = discriminatorOptimizerSteps
    self.readouts = readouts
    self.discriminatorOutputs = discriminatorOutputs
    self.criticOutputs = criticOutputs
    self.workspaceCapacities = workspaceCapacities
    self.spectralState = spectralState
    self.criticDataOutputs = criticDataOutputs
  }

  /// The number of floats of one net's padded parameter buffer for `architecture`, with an
  /// input layer of `inputs` values (D's pack size P; 1 for G and a plain D).
  public static func parameterCount(_ architecture: Architecture, inputs: Int = 1) -> Int {
    architecture.layout(inputs: inputs).count
  }
}

extension Trainer {
  /// The complete state, for checkpoints.
  public var state: TrainerState {
    let kind = hyperparameters.optimizer.kind
    let g = generatorOptimizer.copy(kind: kind)
    let d = discriminatorParameters.optimizer.copy(kind: kind)
    return TrainerState(
      target: target.spec, prior: prior, architecture: architecture,
      hyperparameters: hyperparameters, seed: seed,
      rngState: [rng.state.0, rng.state.1, rng.state.2, rng.state.3],
      discriminatorSteps: discriminatorStepCount, generatorSteps: generatorStepCount,
      lastStep: lastStep, divergedAtIteration: divergedAtIteration, resetCount: resetCount,
      generatorParameters: generator.copyParameters(),
      discriminatorParameters: discriminator.copyParameters(),
      generatorMoments: g.moments, discriminatorMoments: d.moments,
      generatorOptimizerSteps: g.steps, discriminatorOptimizerSteps: d.steps,
      readouts: [
        discriminatorLoss, generatorLoss, discriminatorGradientNorm, generatorGradientNorm,
      ],
      discriminatorOutputs: Array(
        UnsafeBufferPointer(start: discriminatorWork.output, count: 2 * lastDiscriminatorBatch)),
      criticOutputs: Array(
        UnsafeBufferPointer(start: criticOfGeneratorWork.output, count: lastGeneratorBatch)),
      workspaceCapacities: [
        generatorWork.capacity, discriminatorWork.capacity, criticOfGeneratorWork.capacity,
      ],
      spectralState: discriminatorParameters.spectralState,
      criticDataOutputs: Array(
        UnsafeBufferPointer(
          start: criticOfGeneratorWork.output + lastGeneratorBatch, count: lastGeneratorDataRows)))
  }

  /// A trainer that continues exactly from `state`. Fails with a description when the state
  /// does not fit together (wrong buffer sizes, an unparseable target). A target with data
  /// files takes their numbers from the target of `knownTargets` with the same spec (no file
  /// is read here).
  public convenience init(state: TrainerState, knownTargets: [Target] = [])
    throws(TrainerStateError)
  {
    let count = TrainerState.parameterCount(state.architecture)
    let pack = state.hyperparameters.stabilizers.pack
    let discriminatorCount =
      Stabilizers.packRange.contains(pack)
      ? TrainerState.parameterCount(state.architecture, inputs: pack) : -1
    guard state.rngState.count == 4, (2...3).contains(state.generatorMoments.count),
      (2...3).contains(state.discriminatorMoments.count),
      ([state.generatorParameters] + state.generatorMoments).allSatisfy({ $0.count == count }),
      ([state.discriminatorParameters] + state.discriminatorMoments).allSatisfy({
        $0.count == discriminatorCount
      }),
      state.readouts.count == 4, state.discriminatorOutputs.count % 2 == 0
    else { throw TrainerStateError(description: "checkpoint buffers do not match the nets") }
    let capacities = state.workspaceCapacities
    let h = state.hyperparameters
    // The workspaces must hold the next steps' batches (G: P·m samples, D: 2m rows, D in
    // G's step: `criticRows`) as well as the outputs kept: a damaged or forged state must
    // not let a step write past them.
    guard
      capacities.isEmpty
        || (capacities.count == 3 && capacities.allSatisfy { (4...1 << 20).contains($0) }
          && state.discriminatorOutputs.count <= capacities[1]
          && state.criticOutputs.count + state.criticDataOutputs.count <= capacities[2]
          && h.problem == nil  // (m and P in range: the products below cannot overflow)
          && capacities[0] >= h.stabilizers.pack * h.batchSize
          && capacities[1] >= 2 * h.batchSize && capacities[2] >= Trainer.criticRows(h))
    else { throw TrainerStateError(description: "checkpoint workspaces do not fit") }
    let spectralCount = SpectralNormalization.stateCount(state.architecture)
    guard
      state.hyperparameters.stabilizers.spectralNorm
        ? state.spectralState.count == spectralCount : state.spectralState.isEmpty
    else { throw TrainerStateError(description: "checkpoint spectral normalisation does not fit") }
    let target: Target
    do {
      target = try Target.parse(state.target, dataFrom: knownTargets)
    } catch {
      throw TrainerStateError(description: "checkpoint target: \(error.description)")
    }
    guard state.hyperparameters.problem == nil else {
      throw TrainerStateError(description: "checkpoint hyperparameters are out of range")
    }
    self.init(
      config: TrainingConfig(
        target: target, prior: state.prior, architecture: state.architecture,
        hyperparameters: state.hyperparameters, seed: state.seed))
    restore(state)
  }

  private func restore(_ s: TrainerState) {
    rng = Xoshiro256(state: (s.rngState[0], s.rngState[1], s.rngState[2], s.rngState[3]))
    generator.restoreParameters(s.generatorParameters)
    generatorOptimizer.restore(s.generatorMoments, steps: s.generatorOptimizerSteps)
    discriminatorParameters.restore(
      parameters: s.discriminatorParameters, moments: s.discriminatorMoments,
      optimizerSteps: s.discriminatorOptimizerSteps, spectralState: s.spectralState)
    restoreCounters(
      discriminatorSteps: s.discriminatorSteps, generatorSteps: s.generatorSteps,
      lastStep: s.lastStep, divergedAtIteration: s.divergedAtIteration,
      resetCount: s.resetCount)
    restoreReadouts(s)
  }

  /// Restores what the readouts are computed from (see `TrainerState.discriminatorOutputs`);
  /// a state without it keeps its readouts as they are.
  private func restoreReadouts(_ s: TrainerState) {
    guard s.workspaceCapacities.count == 3 else {
      carriedReadouts = CarriedReadouts(
        discriminator: .checkpoint(
          loss: s.readouts[0], gradientNorm: s.readouts[2], afterReset: nil),
        generator: .checkpoint(loss: s.readouts[1], gradientNorm: s.readouts[3], afterReset: nil))
      return
    }
    let capacities = s.workspaceCapacities
    generatorWork = Workspace(capacity: capacities[0], architecture: architecture)
    let p = discriminator.inputs
    discriminatorWork = Workspace(
      capacity: capacities[1], architecture: architecture, inputsPerRow: p)
    criticOfGeneratorWork = Workspace(
      capacity: capacities[2], architecture: architecture, inputsPerRow: p)
    discriminatorWork.output.update(
      from: s.discriminatorOutputs, count: s.discriminatorOutputs.count)
    criticOfGeneratorWork.output.update(from: s.criticOutputs, count: s.criticOutputs.count)
    (criticOfGeneratorWork.output + s.criticOutputs.count).update(
      from: s.criticDataOutputs, count: s.criticDataOutputs.count)
    lastDiscriminatorBatch = s.discriminatorOutputs.count / 2
    lastGeneratorBatch = s.criticOutputs.count
    lastGeneratorDataRows = s.criticDataOutputs.count
    carriedReadouts = CarriedReadouts(
      discriminator: .gradientNorm(s.readouts[2]), generator: .gradientNorm(s.readouts[3]))
  }
}

/// Why a checkpoint could not be restored.
public struct TrainerStateError: Error, Sendable, CustomStringConvertible {
  public var description: String
}
