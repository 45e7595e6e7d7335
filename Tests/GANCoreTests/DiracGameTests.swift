import Testing

@testable import GANCore

/// The Dirac-GAN (DiracGame.swift): the pinned perceptrons are G(z) = θ and D(x) = ψ·x, and
/// the trainer's steps follow the vector field the phase plane draws.
@Suite struct DiracGameTests {
  func trainer(
    _ configure: (inout Hyperparameters) -> Void = { _ in }, target: String = "point(0)"
  ) throws -> Trainer {
    var h = Hyperparameters(
      discriminatorSteps: 1, batchSize: 16, discriminatorStepSize: 0.01, generatorStepSize: 0.01,
      loss: .minimax, optimizer: OptimizerSettings(kind: .sgd))
    configure(&h)
    #expect(h.problem == nil)
    return Trainer(
      config: TrainingConfig(
        target: try Target.parse(target), architecture: DiracGame.architecture,
        hyperparameters: h, seed: 5))
  }

  func theta(_ t: Trainer) -> Double {
    Double(t.generator.parameters[DiracGame.freeParameter(of: .generator, t.generator.layout)])
  }

  func psi(_ t: Trainer) -> Double {
    Double(
      t.discriminator.parameters[
        DiracGame.freeParameter(of: .discriminator, t.discriminator.layout)])
  }

  /// Every parameter but θ and ψ has its pinned value.
  func expectPinned(_ t: Trainer) {
    let g = t.generator
    let d = t.discriminator
    for i in 0..<g.parameterCount where i != g.layout.outputBias {
      #expect(g.parameters[i] == 0, "G parameter \(i)")
    }
    for i in 0..<d.parameterCount where i != d.layout.outputWeights {
      #expect(d.parameters[i] == (i == d.layout.inputWeights ? 1 : 0), "D parameter \(i)")
    }
  }

  @Test func theNetsAreThetaAndPsiTimesX() throws {
    let t = try trainer()
    #expect(theta(t) == 1 && psi(t) == 1)
    expectPinned(t)
    for _ in 0..<7 { t.runIteration() }
    let samples = t.generateSamples(count: 40, seed: 9)
    #expect(samples.allSatisfy { Double($0) == theta(t) })
    let xs = [-2.0, -0.5, 0, 0.25, 3]
    for (x, readout) in zip(xs, t.discriminatorReadout(at: xs)) {
      #expect(abs(readout - sigmoid(psi(t) * x)) < 1e-6)
    }
  }

  /// Adam, R1 and extragradient move the pinned parameters' gradients and moments too;
  /// the pins hold after every step all the same.
  @Test func thePinsHoldUnderEveryRule() throws {
    let t = try trainer {
      $0.optimizer = OptimizerSettings(kind: .adam)
      $0.stabilizers.penalty = .r1
      $0.stabilizers.updateScheme = .extragradient
      $0.stabilizers.unrolledSteps = 2
    }
    for _ in 0..<30 { t.runIteration() }
    expectPinned(t)
    #expect(theta(t) != 1 && psi(t) != 1)
  }

  /// One simultaneous iteration of plain SGD from (θ, ψ) moves to (θ, ψ) + η·v(θ, ψ), for
  /// every loss and penalty, at the start and at a later point of the run.
  @Test(arguments: Loss.allCases, [GradientPenalty.none, .r1, .r2])
  func aSimultaneousStepFollowsTheVectorField(loss: Loss, penalty: GradientPenalty) throws {
    let eta = 0.01
    let t = try trainer {
      $0.loss = loss
      $0.stabilizers.penalty = penalty
      $0.stabilizers.penaltyWeight = 0.5
      $0.stabilizers.updateScheme = .simultaneous
      $0.stabilizers.clip = 100  // WGAN's clipping is not part of the field
    }
    for round in 0..<2 {
      if round == 1 { for _ in 0..<40 { t.runIteration() } }
      let before = (theta: theta(t), psi: psi(t))
      let v = DiracGame.vectorField(
        theta: before.theta, psi: before.psi, dataPoint: 0, hyperparameters: t.hyperparameters)
      t.runIteration()
      let moved = ((theta(t) - before.theta) / eta, (psi(t) - before.psi) / eta)
      #expect(abs(moved.0 - v.theta) < 2e-3 * max(1, abs(v.theta)), "θ̇ \(loss) \(penalty)")
      #expect(abs(moved.1 - v.psi) < 2e-3 * max(1, abs(v.psi)), "ψ̇ \(loss) \(penalty)")
    }
  }

  /// WGAN-GP's λ (`--gp λ`) scales its penalty: the step follows the field with that λ.
  @Test(arguments: [Float(0.5), 3])
  func theInterpolatePenaltyWeightIsLambda(lambda: Float) throws {
    let t = try trainer {
      $0.loss = .wassersteinGP
      $0.stabilizers.interpolateWeight = lambda
      $0.stabilizers.updateScheme = .simultaneous
    }
    let v = DiracGame.vectorField(
      theta: 1, psi: 1, dataPoint: 0, hyperparameters: t.hyperparameters)
    t.runIteration()
    #expect(abs((psi(t) - 1) / 0.01 - v.psi) < 2e-3 * max(1, abs(v.psi)))
    // ψ̇ = −θ·1 − 2λ(|ψ| − 1): at ψ = 1 the penalty vanishes; one step later it does not.
    let w = DiracGame.vectorField(
      theta: 1, psi: 2, dataPoint: 0, hyperparameters: t.hyperparameters)
    #expect(abs(w.psi - (-1 - 2 * Double(lambda))) < 1e-5)
  }

  /// With data at c ≠ 0 the real term moves ψ as well: the field's −c·f′_real(ψc).
  @Test func theDataPointEntersTheField() throws {
    let t = try trainer({ $0.stabilizers.updateScheme = .simultaneous }, target: "point(2)")
    let v = DiracGame.vectorField(
      theta: 1, psi: 1, dataPoint: 2, hyperparameters: t.hyperparameters)
    t.runIteration()
    #expect(abs((psi(t) - 1) / 0.01 - v.psi) < 2e-3)
    #expect(abs((theta(t) - 1) / 0.01 - v.theta) < 2e-3)
    // Pure rotation at (0, 0) only for c = 0: here the data pulls ψ up when θ < c.
    #expect(
      DiracGame.vectorField(theta: 0, psi: 0, dataPoint: 2, hyperparameters: t.hyperparameters)
        .psi > 0)
  }

  /// The minimax game conserves θ² + ψ² along its field (it is a pure rotation for c = 0),
  /// which is why alternating steps circle; R1 makes it shrink.
  @Test func theMinimaxFieldIsARotationThatR1Damps() throws {
    var h = Hyperparameters(loss: .minimax)
    for (theta, psi) in [(1.0, 1.0), (-0.3, 2.0), (1.5, -0.7)] {
      let v = DiracGame.vectorField(theta: theta, psi: psi, dataPoint: 0, hyperparameters: h)
      #expect(abs(theta * v.theta + psi * v.psi) < 1e-6)
    }
    h.stabilizers.penalty = .r1
    let v = DiracGame.vectorField(theta: 1, psi: 1, dataPoint: 0, hyperparameters: h)
    #expect(1 * v.theta + 1 * v.psi < -1)
  }

  /// δ_c, the Dirac-GAN's data: all its mass at c, no density, shown over c ± 1.
  @Test func thePointMass() {
    let d = Distribution.point(-1.5)
    #expect(d.cdf(-1.6) == 0 && d.cdf(-1.5) == 1)
    #expect(d.quantile(0.01) == -1.5 && d.quantile(0.99) == -1.5)
    #expect(d.mean == -1.5 && d.standardDeviation == 0)
    #expect(d.density(-1.5) == nil && !d.hasExactDensity)
    #expect(d.range(tail: 1e-3) == -2.5...(-0.5))
    var rng = Xoshiro256(seed: 1)
    #expect(d.sample(using: &rng) == -1.5)
    var buffer = [Float](repeating: 0, count: 19)
    buffer.withUnsafeMutableBufferPointer { d.fill($0, using: &rng) }
    #expect(buffer.allSatisfy { $0 == -1.5 })
  }
}
