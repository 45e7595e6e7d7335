import Testing

@testable import GANCore

/// The paper's results, checked numerically.
@Suite struct TheoryTests {
  /// Sets G to an almost linear map z ↦ 3 + 3z (tanh units used in their linear regime), so
  /// p_g is close to uniform on (0, 6) and overlaps p_data = N(4, 0.5).
  func freezeGeneratorNearLinear(_ trainer: Trainer) {
    let g = trainer.generator
    let layout = g.layout
    g.parameters.update(repeating: 0, count: layout.count)
    g.parameters[layout.inputWeights] = 0.1
    g.parameters[layout.weights(1)] = 1
    g.parameters[layout.outputWeights] = 30
    g.parameters[layout.outputBias] = 3
    g.parametersChanged()
  }

  /// Proposition 1. Least squares with targets 0 and 1 has the same optimal D, so its score
  /// must approach the same D*.
  @Test(arguments: [Loss.nonsaturating, .leastSquares])
  func discriminatorApproachesOptimalForFrozenGenerator(_ loss: Loss) throws {
    let target = try Target.parse("normal(4,0.5)")
    var h = Hyperparameters(batchSize: 512, discriminatorStepSize: 2e-3)
    h.loss = loss
    let trainer = Trainer(config: TrainingConfig(target: target, hyperparameters: h, seed: 3))
    freezeGeneratorNearLinear(trainer)
    for _ in 0..<3000 { trainer.discriminatorStep() }
    h.discriminatorStepSize = 2e-4
    trainer.setHyperparameters(h)
    for _ in 0..<1500 { trainer.discriminatorStep() }

    // p_g from a fine histogram of many G samples; D* = p_data / (p_data + p_g).
    let lower = -1.0
    let upper = 7.0
    let bins = 160
    let width = (upper - lower) / Double(bins)
    let samples = trainer.generateSamples(count: 400_000, seed: 5).map(Double.init)
    let modelMass = binProbabilities(samples, lower: lower, upper: upper, bins: bins)
    let dataMass = binProbabilities(target.distribution, lower: lower, upper: upper, bins: bins)
    let centers = (0..<bins).map { lower + (Double($0) + 0.5) * width }
    let d = trainer.discriminatorReadout(at: centers)
    var error = 0.0
    var weight = 0.0
    for i in 0..<bins where dataMass[i] + modelMass[i] > 0 {
      let optimal = dataMass[i] / (dataMass[i] + modelMass[i])
      let w = 0.5 * (dataMass[i] + modelMass[i])
      error += w * abs(d[i] - optimal)
      weight += w
    }
    #expect(error / weight < 0.05, "\(loss): mean |D - D*| = \(error / weight)")
  }

  @Test func criterionIsMinusLogFourForIdenticalSamples() throws {
    var rng = Xoshiro256(seed: 1)
    let target = try Target.parse("bimodal")
    let a = (0..<10_000).map { _ in target.distribution.sample(using: &rng) }
    let b = (0..<10_000).map { _ in target.distribution.sample(using: &rng) }
    func criterion(_ p: [Double], _ q: [Double]) -> Double {
      -_log(4) + 2
        * jensenShannon(
          binProbabilities(p, lower: -5, upper: 5, bins: 200),
          binProbabilities(q, lower: -5, upper: 5, bins: 200))
    }
    #expect(abs(criterion(a, a) + _log(4)) < 1e-12)
    #expect(abs(criterion(a, b) + _log(4)) < 0.02)
  }

  /// Theorem 1 as an identity: V(G, D*) = −log 4 + 2·JSD(p_data ‖ p_g), by quadrature for two
  /// known densities.
  @Test func valueAtOptimalDiscriminatorIsTheVirtualCriterion() {
    let pData = Distribution.normal(mean: 0, standardDeviation: 1)
    let pModel = Distribution.normal(mean: 1.5, standardDeviation: 0.7)
    var value = 0.0
    var jsd = 0.0
    let dx = 1e-3
    var x = -12.0
    while x < 12 {
      let p = pData.density(x)!
      let q = pModel.density(x)!
      if p > 1e-300 && q > 1e-300 {
        let optimal = p / (p + q)
        value += (p * _log(optimal) + q * _log(q / (p + q))) * dx
        let m = 0.5 * (p + q)
        jsd += (0.5 * p * _log(p / m) + 0.5 * q * _log(q / m)) * dx
      }
      x += dx
    }
    #expect(abs(value - (-_log(4) + 2 * jsd)) < 1e-6)
    #expect(jsd > 0.1)
  }
}
