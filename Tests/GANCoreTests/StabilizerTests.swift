import Testing

@testable import GANCore

/// The fixes inside the trainer: what each one must and must not change.
@Suite struct StabilizerTests {
  func trainer(
    _ configure: (inout Hyperparameters) -> Void, target: String = "normal(4,0.5)", seed: UInt64 = 3
  ) throws -> Trainer {
    var h = Hyperparameters(batchSize: 32)
    configure(&h)
    #expect(h.problem == nil)
    return Trainer(
      config: TrainingConfig(
        target: try Target.parse(target), architecture: Architecture(width: 8, hiddenLayers: 2),
        hyperparameters: h, seed: seed))
  }

  /// Unrolled steps are a look-ahead for G's gradient only: D, its optimizer and its
  /// readouts are exactly as before the G step, and the counters count one G step.
  @Test func unrollingLeavesNoTraceOnD() throws {
    let t = try trainer { $0.stabilizers.unrolledSteps = 5 }
    for _ in 0..<20 { t.runIteration() }
    t.discriminatorStep()
    let before = t.state
    let dSteps = t.discriminatorStepCount
    t.generatorStep()
    let after = t.state
    #expect(after.discriminatorParameters == before.discriminatorParameters)
    #expect(after.discriminatorMoments == before.discriminatorMoments)
    #expect(after.discriminatorOptimizerSteps == before.discriminatorOptimizerSteps)
    #expect(after.readouts[0].bitPattern == before.readouts[0].bitPattern)
    #expect(after.readouts[2].bitPattern == before.readouts[2].bitPattern)
    #expect(t.discriminatorStepCount == dSteps)
    #expect(after.generatorParameters != before.generatorParameters)
  }

  /// Unrolling changes G's step (it sees a D that has moved on).
  @Test func unrollingChangesGsStep() throws {
    let plain = try trainer { _ in }
    let unrolled = try trainer { $0.stabilizers.unrolledSteps = 3 }
    for t in [plain, unrolled] {
      t.discriminatorStep()
      t.generatorStep()
    }
    #expect(plain.state.discriminatorParameters == unrolled.state.discriminatorParameters)
    #expect(plain.state.generatorParameters != unrolled.state.generatorParameters)
  }

  /// The surrogate, exactly: G's unrolled step is the plain G step against the D that u
  /// more D steps (on the same draws) would give, after which D is back where it was.
  @Test(arguments: [1, 3])
  func unrolledGStepIsThePlainStepAgainstDAfterUSteps(steps: Int) throws {
    let unrolled = try trainer { _ in }
    let byHand = try trainer { _ in }
    for t in [unrolled, byHand] {
      for _ in 0..<5 { t.runIteration() }
      t.discriminatorStep()
    }
    var h = unrolled.hyperparameters
    h.stabilizers.unrolledSteps = steps
    unrolled.setHyperparameters(h)
    let before = unrolled.state
    #expect(before.generatorParameters == byHand.state.generatorParameters)
    unrolled.generatorStep()
    for _ in 0..<steps { byHand.discriminatorStep() }
    byHand.generatorStep()
    #expect(unrolled.state.generatorParameters == byHand.state.generatorParameters)
    #expect(unrolled.state.discriminatorParameters == before.discriminatorParameters)
    #expect(byHand.state.discriminatorParameters != before.discriminatorParameters)
  }

  /// WGAN's clipping keeps every D parameter within [−c, c]; the other losses do not clip.
  @Test func weightClippingBoundsEveryParameterOfD() throws {
    let t = try trainer {
      $0.loss = .wasserstein
      $0.stabilizers.clip = 0.05
    }
    for _ in 0..<10 { t.runIteration() }
    let parameters = t.state.discriminatorParameters
    #expect(parameters.allSatisfy { abs($0) <= 0.05 })
    #expect(parameters.contains { abs($0) == 0.05 })
    let unclipped = try trainer { $0.loss = .wassersteinGP }
    for _ in 0..<10 { unclipped.runIteration() }
    #expect(unclipped.state.discriminatorParameters.contains { abs($0) > 0.05 })
  }

  /// Simultaneous updates: D's step is the alternating one (it comes first in both), and
  /// G's gradient is taken at D before D's update — the alternating G step against a D that
  /// did not move (plain SGD with η_D = 1e-30 leaves D's Float parameters exactly as they
  /// are).
  @Test func simultaneousStepsTakeBothGradientsAtTheSamePoint() throws {
    func sgd(_ h: inout Hyperparameters) { h.optimizer.kind = .sgd }
    let alternating = try trainer(sgd)
    let simultaneous = try trainer {
      sgd(&$0)
      $0.stabilizers.updateScheme = .simultaneous
    }
    let frozenD = try trainer {
      sgd(&$0)
      $0.discriminatorStepSize = 1e-30
    }
    for t in [alternating, simultaneous, frozenD] { t.runIteration() }
    #expect(simultaneous.state.discriminatorParameters == alternating.state.discriminatorParameters)
    #expect(simultaneous.state.generatorParameters == frozenD.state.generatorParameters)
    #expect(simultaneous.state.generatorParameters != alternating.state.generatorParameters)
    #expect(simultaneous.iteration == 1 && simultaneous.discriminatorStepCount == 1)
  }

  /// Extragradient steps from where the players were, with the gradient of the look-ahead
  /// point: it differs from the simultaneous step and counts one D and one G step.
  @Test func extragradientIsOneStepOfEachPlayer() throws {
    let simultaneous = try trainer { $0.stabilizers.updateScheme = .simultaneous }
    let extra = try trainer { $0.stabilizers.updateScheme = .extragradient }
    for t in [simultaneous, extra] { t.runIteration() }
    #expect(extra.iteration == 1 && extra.discriminatorStepCount == 1)
    #expect(extra.state.generatorParameters != simultaneous.state.generatorParameters)
    #expect(extra.state.generatorParameters.allSatisfy { $0.isFinite })
  }

  /// Optimistic gradient descent: θ ← θ − η(2∇ₜ − ∇ₜ₋₁), the first step plain.
  @Test func optimisticStepCorrectsTheLastOne() {
    let state = OptimizerState(count: 16)
    let theta = allocateFloats(16)
    defer { theta.deallocate() }
    let g = allocateFloats(16)
    defer { g.deallocate() }
    let settings = OptimizerSettings(kind: .optimistic)
    g[0] = 2
    state.descend(theta, gradient: g, stepSize: 0.1, settings: settings)
    #expect(abs(theta[0] - (-0.2)) < 1e-7)
    g[0] = 1
    state.descend(theta, gradient: g, stepSize: 0.1, settings: settings)
    // −0.2 − 0.1·(2·1 − 2) = −0.2
    #expect(abs(theta[0] - (-0.2)) < 1e-7)
    g[0] = 3
    state.descend(theta, gradient: g, stepSize: 0.1, settings: settings)
    // −0.2 − 0.1·(6 − 1) = −0.7
    #expect(abs(theta[0] - (-0.7)) < 1e-6)
  }

  /// Optimistic Adam: Adam's moments and direction dₜ = m̂ₜ/(√v̂ₜ + ε), stepped as
  /// θ ← θ − η·(2dₜ − dₜ₋₁), checked against the same sums in Double.
  @Test func optimisticAdamCorrectsTheLastDirection() {
    let state = OptimizerState(count: 16)
    let theta = allocateFloats(16)
    defer { theta.deallocate() }
    let g = allocateFloats(16)
    defer { g.deallocate() }
    let settings = OptimizerSettings(kind: .optimisticAdam, beta1: 0.5, beta2: 0.9, epsilon: 1e-8)
    var m = 0.0
    var v = 0.0
    var expected = 0.0
    var previous: Double?
    for (t, gradient) in [2.0, -1.0, 0.5, 3.0].enumerated() {
      g[0] = Float(gradient)
      state.descend(theta, gradient: g, stepSize: 0.1, settings: settings)
      m = 0.5 * m + 0.5 * gradient
      v = 0.9 * v + 0.1 * gradient * gradient
      let step = Double(t + 1)
      let direction =
        m / (1 - _pow(0.5, step)) / ((v / (1 - _pow(0.9, step))).squareRoot() + 1e-8)
      expected -= 0.1 * (2 * direction - (previous ?? direction))
      previous = direction
      #expect(abs(Double(theta[0]) - expected) < 1e-5, "step \(t + 1)")
      #expect(theta[1] == 0)
    }
  }

  /// A checkpoint of an optimistic-Adam run keeps the previous direction and continues
  /// bit for bit; other rules keep two buffers as before.
  @Test func optimisticAdamCheckpointsContinueExactly() throws {
    let original = try trainer { $0.optimizer.kind = .optimisticAdam }
    for _ in 0..<15 { original.runIteration() }
    #expect(original.state.generatorMoments.count == 3)
    let copy = try Trainer(state: original.state)
    for _ in 0..<15 {
      original.runIteration()
      copy.runIteration()
    }
    #expect(copy.state == original.state)
    #expect(try trainer { _ in }.state.generatorMoments.count == 2)
  }

  /// Instance noise follows its schedule, and changes training only while it is on.
  @Test func instanceNoiseAnnealsAndOnlyActsWhileOn() throws {
    let f = Stabilizers(instanceNoise: 2, instanceNoiseAnneal: 100)
    #expect(f.instanceNoise(at: 0) == 2)
    #expect(f.instanceNoise(at: 50) == 1)
    #expect(f.instanceNoise(at: 100) == 0 && f.instanceNoise(at: 500) == 0)
    #expect(Stabilizers(instanceNoise: 2, instanceNoiseAnneal: 0).instanceNoise(at: 10_000) == 2)
    let plain = try trainer { _ in }
    let noisy = try trainer { $0.stabilizers.instanceNoise = 0.5 }
    plain.runIteration()
    noisy.runIteration()
    #expect(plain.state.discriminatorParameters != noisy.state.discriminatorParameters)
  }

  /// A penalty of weight 0 is no penalty, bit for bit; a positive one changes D's step.
  @Test func penaltiesActThroughTheirWeight() throws {
    let plain = try trainer { _ in }
    let zero = try trainer { $0.stabilizers = Stabilizers(penalty: .r1, penaltyWeight: 0) }
    let r1 = try trainer { $0.stabilizers = Stabilizers(penalty: .r1, penaltyWeight: 10) }
    let r2 = try trainer { $0.stabilizers = Stabilizers(penalty: .r2, penaltyWeight: 10) }
    for t in [plain, zero, r1, r2] { t.runIteration() }
    let same =
      zero.state.discriminatorParameters == plain.state.discriminatorParameters
      && zero.state.generatorParameters == plain.state.generatorParameters
      && zero.state.rngState == plain.state.rngState
    #expect(same)
    #expect(r1.state.discriminatorParameters != plain.state.discriminatorParameters)
    #expect(r2.state.discriminatorParameters != r1.state.discriminatorParameters)
  }

  /// Out-of-range fixes are refused by the command path.
  @Test func badFixesAreRefused() throws {
    let t = try trainer { _ in }
    #expect(!t.apply(.setUnrolledSteps(51)))
    #expect(!t.apply(.setUnrolledSteps(-1)))
    #expect(!t.apply(.setPenalty(.r1, weight: -1)))
    #expect(!t.apply(.setInstanceNoise(.nan)))
    #expect(t.apply(.setPenalty(.r2, weight: 3)))
    #expect(t.hyperparameters.stabilizers.penalty == .r2)
  }

  /// The mode-coverage measures on hand-made samples.
  @Test func modeCoverageCountsModesAndNearSamples() throws {
    let target = try Target.parse("mix(normal(-4,0.5),normal(0,0.5),normal(4,0.5))")
    let modes = target.distribution.modes
    #expect(modes?.count == 3)
    #expect(modes?[0].interval == -5.5 ... -2.5)
    // 60% at −4, 30% at 0, 10% far away at 10: two modes kept, 90% near a mode.
    let samples =
      ([Double](repeating: -4.1, count: 60) + [Double](repeating: 0.2, count: 30)
      + [Double](repeating: 10, count: 10)).sorted()
    let coverage = ModeCoverage.measure(sorted: samples, modes: modes)
    #expect(coverage.kept == 2)
    #expect(abs(coverage.nearShare - 0.9) < 1e-12)
    #expect(try Target.parse("laplace(0,1)").distribution.modes == nil)
    #expect(try Target.parse("mix(normal(0,1),lognormal(0,1))").distribution.modes == nil)
    #expect(ModeCoverage.measure(sorted: samples, modes: nil).kept.isNaN)
  }

  /// A drawn target's hills are its modes: neighbouring columns join, a gap of zeros
  /// separates, a hill's weight is its share of the area.
  @Test func aDrawnTargetsHillsAreItsModes() throws {
    // Columns of width 1 over [0, 8]: a hill on [1, 3] (area 2 + 2), one on [5, 6] (4).
    let target = try Target.parse("drawn(0,8,0,2,2,0,0,4,0,0)")
    #expect(target.name == "drawn")
    let modes = try #require(target.distribution.modes)
    #expect(modes.map(\.interval) == [1...3, 5...6])
    #expect(modes.map(\.weight) == [0.5, 0.5])
    // Everything on the left hill: one mode of two kept, all samples near a mode.
    let left = ModeCoverage.measure(sorted: [1.5, 2, 2.5], modes: modes)
    #expect(left.kept == 1 && left.nearShare == 1)
    let both = ModeCoverage.measure(sorted: [1.5, 2.5, 5.5, 7.5], modes: modes)
    #expect(both.kept == 2 && both.nearShare == 0.75)
    // A single uniform is one mode, its support.
    #expect(
      try Target.parse("uniform(2,6)").distribution.modes == [DataMode(interval: 2...6, weight: 1)])
  }
}
