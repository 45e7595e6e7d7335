import Testing

@testable import GANCore

/// D's parameters in one owner: the saved copy puts D back exactly, normalized or not, and
/// the readouts carried after a restore or a new pack size last as long as they should.
@Suite struct DiscriminatorParametersTests {
  func trainer(spectralNorm: Bool) throws -> Trainer {
    var h = Hyperparameters(batchSize: 32)
    h.stabilizers.spectralNorm = spectralNorm
    return Trainer(
      config: TrainingConfig(
        target: try Target.parse("normal(4,0.5)"),
        architecture: Architecture(width: 8, hiddenLayers: 3), hyperparameters: h, seed: 4))
  }

  /// `save`, D steps, `restore`: D's parameters, gradient, optimizer and spectral
  /// normalisation's state are bit for bit what they were.
  @Test(arguments: [false, true])
  func saveAndRestorePutDBack(spectralNorm: Bool) throws {
    let t = try trainer(spectralNorm: spectralNorm)
    for _ in 0..<10 { t.runIteration() }
    let d = t.discriminatorParameters
    let before = t.state
    let gradient = Array(UnsafeBufferPointer(start: d.net.gradients, count: d.net.parameterCount))
    d.save()
    for _ in 0..<3 { t.discriminatorStep() }
    #expect(t.state.discriminatorParameters != before.discriminatorParameters)
    d.restore()
    let after = t.state
    #expect(after.discriminatorParameters == before.discriminatorParameters)
    #expect(after.discriminatorMoments == before.discriminatorMoments)
    #expect(after.discriminatorOptimizerSteps == before.discriminatorOptimizerSteps)
    #expect(after.spectralState == before.spectralState)
    #expect(
      Array(UnsafeBufferPointer(start: d.net.gradients, count: d.net.parameterCount)) == gradient)
  }

  /// Each net's carried readout ends with its next step; a reset forgets what a checkpoint
  /// without outputs carried and keeps a carried ‖∇‖; a new pack size carries ‖∇D‖.
  @Test func carriedReadoutsLastUntilTheNextStep() {
    let checkpoint = CarriedReadout.checkpoint(loss: 1, gradientNorm: 2, afterReset: nil)
    #expect(checkpoint.loss == 1 && checkpoint.gradientNorm == 2)
    #expect(checkpoint.afterReset == .none)
    #expect(CarriedReadout.gradientNorm(3).afterReset == .gradientNorm(3))
    #expect(CarriedReadout.gradientNorm(3).loss == nil)
    #expect(CarriedReadout.none.carrying(gradientNorm: 5) == .gradientNorm(5))
    let repacked = checkpoint.carrying(gradientNorm: 2)
    #expect(repacked.loss == 1 && repacked.gradientNorm == 2)
    #expect(repacked.afterReset == .gradientNorm(2))
  }

  /// A trainer restored from a state without the last batches' outputs reads its losses
  /// from the state until each net steps again.
  @Test func aStateWithoutOutputsCarriesItsReadouts() throws {
    let t = try trainer(spectralNorm: false)
    for _ in 0..<5 { t.runIteration() }
    var state = t.state
    state.discriminatorOutputs = []
    state.criticOutputs = []
    state.criticDataOutputs = []
    state.workspaceCapacities = []
    state.readouts = [0.25, 0.5, 0.75, 1]
    let copy = try Trainer(state: state)
    #expect(copy.discriminatorLoss == 0.25 && copy.generatorLoss == 0.5)
    #expect(copy.discriminatorGradientNorm == 0.75 && copy.generatorGradientNorm == 1)
    copy.discriminatorStep()
    #expect(copy.discriminatorLoss != 0.25 && copy.generatorLoss == 0.5)
    copy.generatorStep()
    #expect(copy.generatorLoss != 0.5 && copy.generatorGradientNorm != 1)
  }
}
