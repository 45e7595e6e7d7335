import GANKernels
import Testing

@testable import GANCore

/// Spectral normalisation of D: the gradient through M/σ(M), σ after training, and exact
/// continuation from a checkpoint.
@Suite struct SpectralNormalizationTests {
  /// ℒ(raw) = Σₛ cₛ·D_SN(xₛ) with u and v held fixed, against central differences of the
  /// same function of the raw parameters (Float, tanh: smooth).
  @Test func rawGradientMatchesFiniteDifferences() {
    let fixture = NetFixture(width: 20, layers: 3, activation: .tanh)
    let net = fixture.net
    let sn = SpectralNormalization(net)
    for _ in 0..<5 { sn.powerIterate() }
    sn.normalize(into: net)
    let xs = fixture.inputs.map(Float.init)
    let c = fixture.outputGradients.map(Float.init)
    let ws = Workspace(capacity: xs.count, architecture: net.architecture)
    func loss() -> Double {
      for (i, x) in xs.enumerated() { ws.input[i] = x }
      for i in xs.count..<paddedRows(xs.count) { ws.input[i] = 0 }
      net.forward(ws, rows: xs.count)
      return xs.indices.reduce(0) { $0 + Double(c[$1]) * Double(ws.output[$1]) }
    }
    _ = loss()
    for s in 0..<paddedRows(xs.count) { ws.outputGradient[s] = s < xs.count ? c[s] : 0 }
    net.backward(ws, rows: xs.count, parameterGradients: true, inputGradient: false)
    let raw = allocateFloats(net.parameterCount)
    defer { raw.deallocate() }
    sn.rawGradient(net.gradients, normalized: net.parameters, into: raw)
    let h: Float = 1e-2
    var mismatches = 0
    var checked = 0
    for index in 0..<net.parameterCount where fixture.isParameter[index] {
      let saved = sn.raw[index]
      sn.raw[index] = saved + h
      sn.normalize(into: net)
      let plus = loss()
      sn.raw[index] = saved - h
      sn.normalize(into: net)
      let minus = loss()
      sn.raw[index] = saved
      sn.normalize(into: net)
      let numeric = (plus - minus) / Double(2 * h)
      checked += 1
      if abs(Double(raw[index]) - numeric) > 2e-2 * max(abs(numeric), 0.05) { mismatches += 1 }
    }
    #expect(checked == net.architecture.parameterCount)
    #expect(mismatches == 0, "\(mismatches) of \(checked) raw gradients disagree")
  }

  /// The largest singular value of a P×P block in Double, by many power iterations.
  func spectralNorm(_ p: UnsafePointer<Float>, width: Int, padded: Int) -> Double {
    var v = [Double](repeating: 1, count: width)
    var sigma = 0.0
    for _ in 0..<300 {
      var u = [Double](repeating: 0, count: width)
      for i in 0..<width {
        for j in 0..<width { u[i] += Double(p[i * padded + j]) * v[j] }
      }
      var w = [Double](repeating: 0, count: width)
      for i in 0..<width {
        for j in 0..<width { w[j] += Double(p[i * padded + j]) * u[i] }
      }
      sigma = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
      v = w.map { $0 / sigma }
      sigma = sigma.squareRoot()
    }
    return sigma
  }

  /// After training, every weight block of D has spectral norm 1 (the power iteration has
  /// caught up), and the biases are free.
  @Test func trainedBlocksHaveSpectralNormOne() throws {
    let trainer = Trainer(
      config: TrainingConfig(
        target: try Target.parse("normal(4,0.5)"),
        architecture: Architecture(width: 16, hiddenLayers: 3),
        hyperparameters: Hyperparameters(
          batchSize: 64, stabilizers: Stabilizers(spectralNorm: true)),
        seed: 5))
    for _ in 0..<300 { trainer.runIteration() }
    let d = trainer.discriminator
    let layout = d.layout
    let w = d.paddedWidth
    for l in 1..<3 {
      let sigma = spectralNorm(d.parameters + layout.weights(l), width: 16, padded: w)
      #expect(abs(sigma - 1) < 0.02, "layer \(l): sigma \(sigma)")
    }
    for offset in [layout.inputWeights, layout.outputWeights] {
      let norm = (0..<16).reduce(0.0) {
        $0 + Double(d.parameters[offset + $1] * d.parameters[offset + $1])
      }
      #expect(abs(norm.squareRoot() - 1) < 1e-5)
    }
    #expect(trainer.state.spectralState.count == SpectralNormalization.stateCount(d.architecture))
  }

  /// A trainer restored from a checkpoint taken with spectral normalisation on continues
  /// bit for bit, through plain, unrolled and extragradient steps.
  @Test(arguments: [UpdateScheme.alternating, .extragradient])
  func checkpointsContinueExactly(scheme: UpdateScheme) throws {
    var h = Hyperparameters(batchSize: 32)
    h.stabilizers = Stabilizers(updateScheme: scheme, spectralNorm: true)
    h.stabilizers.unrolledSteps = scheme == .alternating ? 2 : 0
    let original = Trainer(
      config: TrainingConfig(
        target: try Target.parse("normal(4,0.5)"),
        architecture: Architecture(width: 8, hiddenLayers: 2), hyperparameters: h, seed: 9))
    for _ in 0..<25 { original.runIteration() }
    let copy = try Trainer(state: original.state)
    for _ in 0..<25 {
      original.runIteration()
      copy.runIteration()
    }
    #expect(copy.state == original.state)
  }

  /// Switching off keeps D's function (its normalized weights become its raw ones);
  /// switching on changes it and is refused by nothing.
  @Test func switchingOffKeepsD() throws {
    let trainer = Trainer(
      config: TrainingConfig(
        target: try Target.parse("normal(4,0.5)"),
        architecture: Architecture(width: 8, hiddenLayers: 2),
        hyperparameters: Hyperparameters(batchSize: 32), seed: 2))
    #expect(trainer.apply(.setSpectralNorm(true)))
    for _ in 0..<10 { trainer.runIteration() }
    let before = trainer.discriminatorReadout(at: [1, 3, 5])
    #expect(trainer.apply(.setSpectralNorm(false)))
    #expect(trainer.discriminatorReadout(at: [1, 3, 5]) == before)
    #expect(trainer.state.spectralState.isEmpty)
  }
}
