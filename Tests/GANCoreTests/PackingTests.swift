import GANKernels
import Testing

@testable import GANCore

/// PacGAN's packed D (PackedInput.swift): exact gradients for every input of a pack, the
/// plain net untouched at P = 1, a live change of P that keeps D on the diagonal, and the
/// combinations that are refused.
@Suite struct PackingTests {
  /// ℒ = Σₛ gₛ·y(packₛ) by the reference net, in Double; `inputs` holds P values per row.
  static func weightedOutput(
    _ net: ReferencePerceptron, _ inputs: [Double], _ outputGradients: [Double]
  ) -> Double {
    let p = net.inputs
    return outputGradients.enumerated().reduce(0) { sum, row in
      sum + row.element
        * net.forward(pack: Array(inputs[row.offset * p..<(row.offset + 1) * p])).output
    }
  }

  /// Every parameter gradient of a packed D (the P input rows included) and the gradient
  /// with respect to every sample of every pack, against central differences in Double
  /// (GradientTests' check, for P = 2 and 3).
  @Test(arguments: Activation.allCases, [2, 3])
  func packedGradientsMatchFiniteDifferences(activation: Activation, pack: Int) {
    for shape in GradientTests.shapes {
      let fixture = NetFixture(
        width: shape.0, layers: shape.1, activation: activation, pack: pack)
      let fast = fixture.fastPasses()
      let (xs, gs) = (fixture.inputs, fixture.outputGradients)
      let step = 1e-6
      let numeric = fixture.reference.centralDifferences(step: step) {
        Self.weightedOutput($0, xs, gs)
      }
      let expected = ReferencePerceptron.padded(numeric, like: fixture.net)
      let isParameter = fixture.isParameter
      // P·H input weights where the plain net has H.
      #expect(
        isParameter.filter { $0 }.count
          == fixture.net.architecture.parameterCount + (pack - 1) * shape.0)
      let mismatches = GradientTests.disagreeing(
        fast.parameters, expected: expected, isParameter: isParameter)
      #expect(
        mismatches.isEmpty,
        "\(shape): \(mismatches.count) parameters disagree, from \(mismatches.first ?? -1)")
      // ∂ℒ/∂xₛ,ⱼ for each sample j of each pack s: how G's gradient reaches it.
      for i in xs.indices {
        var plus = xs
        plus[i] += step
        var minus = xs
        minus[i] -= step
        let numericInput =
          (Self.weightedOutput(fixture.reference, plus, gs)
            - Self.weightedOutput(fixture.reference, minus, gs)) / (2 * step)
        #expect(
          abs(fast.inputs[i] - numericInput) <= 1e-3 * (abs(numericInput) + 1e-3),
          "\(shape): input \(i % pack) of pack \(i / pack)")
      }
    }
  }

  /// ℛ(θ) = (1/n) Σₛ φ(‖∇ₓD(packₛ)‖) by the reference net in Double.
  static func penalty(
    _ net: ReferencePerceptron, _ inputs: [Double], _ shape: SlopePenaltyShape
  ) -> Double {
    let p = net.inputs
    let n = inputs.count / p
    return (0..<n).reduce(0) { sum, s in
      let slopes = net.slopes(pack: Array(inputs[s * p..<(s + 1) * p]))
      return sum + shape.value(slopes.reduce(0) { $0 + $1 * $1 }.squareRoot())
    } / Double(n)
  }

  /// R1/R2 and the interpolate penalties on a D of packs: the norm of the input gradient
  /// over the pack, its θ-gradient (P tangent passes, the chain through the norm) against
  /// central differences of ℛ computed in Double by the reference net; and the reference's
  /// per-input slopes against differences of its output.
  @Test(arguments: Activation.allCases, [2, 3])
  func packedPenaltyGradientsMatchFiniteDifferences(activation: Activation, pack: Int) {
    for shape in [(5, 1), (20, 2)] {
      for penaltyShape in SlopePenaltyTests.penaltyShapes {
        let fixture = NetFixture(
          width: shape.0, layers: shape.1, activation: activation, pack: pack)
        if case .slopeAboveOne = penaltyShape {
          // Steeper, so that the one-sided penalty is not zero (as in SlopePenaltyTests).
          let net = fixture.net
          for c in 0..<net.paddedWidth { net.parameters[net.layout.outputWeights + c] *= 30 }
          net.parametersChanged()
        }
        let reference = ReferencePerceptron(fixture.net)
        let xs = fixture.inputs
        let n = fixture.outputGradients.count
        if pack == 2, let first = xs.first {
          let h = 1e-6
          let numeric =
            (reference.forward(pack: [first + h, xs[1]]).output
              - reference.forward(pack: [first - h, xs[1]]).output) / (2 * h)
          #expect(abs(reference.slopes(pack: [first, xs[1]])[0] - numeric) < 1e-6)
        }
        let ws = SlopeWorkspace(
          rows: n, architecture: fixture.net.architecture, inputsPerRow: pack)
        for i in 0..<ws.rows * pack { ws.input[i] = i < xs.count ? Float(xs[i]) : 0 }
        let value = fixture.net.slopePenalty(ws, count: n, shape: penaltyShape)
        SlopePenaltyTests.expectMatchesReference(
          value: value, gradient: ws.parameterGradients, reference: reference, fixture: fixture,
          label: "\(shape) \(penaltyShape)"
        ) { Self.penalty($0, xs, penaltyShape) }
      }
    }
  }

  /// At P = 1 the layout is the plain one, block for block.
  @Test func oneInputIsThePlainLayout() {
    for architecture in [Architecture(), Architecture(width: 5, hiddenLayers: 3)] {
      let plain = architecture.layout
      let packed = architecture.layout(inputs: 1)
      #expect(packed.count == plain.count && packed.packedInputWeights(0) == plain.inputWeights)
      // A packed layout keeps every plain block where it was and appends P − 1 rows.
      let four = architecture.layout(inputs: 4)
      #expect(four.outputBias == plain.outputBias && four.inputBias == plain.inputBias)
      #expect(four.count == plain.count + 3 * architecture.paddedWidth)
      #expect(four.packedInputWeights(1) == plain.count)
    }
  }

  /// G's gradient through a packed D (P·m samples of G, m packs): the whole chain
  /// G → D → loss against finite differences of G's loss.
  @Test(arguments: [Loss.nonsaturating, .minimax, .hinge])
  func generatorGradientThroughPackedDiscriminator(loss: Loss) {
    let architecture = Architecture(width: 6, hiddenLayers: 2)
    let p = 3
    let g = Perceptron(architecture: architecture, role: .generator)
    let d = Perceptron(architecture: architecture, role: .discriminator, inputs: p)
    var rng = Xoshiro256(seed: 9)
    g.initialize(using: &rng)
    d.initialize(using: &rng)
    let m = 5
    let n = p * m
    let z: [Float] = (0..<n).map { _ in 2 * rng.nextUnitFloat() - 1 }
    let gw = Workspace(capacity: n, architecture: architecture)
    let dw = Workspace(capacity: m, architecture: architecture, inputsPerRow: p)
    func generatorLoss() -> Double {
      loss.generatorLoss(fake: criticOfGenerator(g, d, z: z, gw: gw, dw: dw), real: [])
    }
    _ = generatorLoss()
    loss.generatorGradient(output: dw.output, into: dw.outputGradient, count: m)
    for i in m..<paddedRows(m) { dw.outputGradient[i] = 0 }
    d.backward(dw, rows: m, parameterGradients: false, inputGradient: true)
    for i in 0..<paddedRows(n) { gw.outputGradient[i] = i < n ? dw.inputGradient[i] : 0 }
    g.backward(gw, rows: n, parameterGradients: true, inputGradient: false)
    let differences = centralDifferences(of: generatorLoss, in: g)
    for (index, numeric) in differences {
      let exact = Double(g.gradients[index])
      #expect(abs(exact - numeric) <= 2e-2 * max(abs(exact), abs(numeric)) + 1e-3)
    }
    #expect(differences.count == architecture.parameterCount)
  }

  func trainer(pack: Int, _ configure: (inout Hyperparameters) -> Void = { _ in }) -> Trainer {
    var h = Hyperparameters(batchSize: 24)
    h.stabilizers.pack = pack
    configure(&h)
    #expect(h.problem == nil)
    return Trainer(
      config: TrainingConfig(
        target: try! Target.parse("mix(normal(-2,0.5),normal(2,0.5))"),
        architecture: Architecture(width: 8, hiddenLayers: 2), hyperparameters: h, seed: 5))
  }

  /// A change of P keeps D's function on the diagonal (the curve on the screen), starts
  /// D's optimizer afresh, and training goes on.
  @Test func changingThePackKeepsDOnTheDiagonal() {
    let t = trainer(pack: 2)
    for _ in 0..<30 { t.runIteration() }
    let xs = stride(from: -4.0, through: 4.0, by: 0.5).map { $0 }
    let before = t.discriminatorReadout(at: xs)
    for p in [4, 1, 3] {
      #expect(t.apply(.setPack(p)))
      #expect(t.discriminator.inputs == p)
      #expect(t.state.discriminatorOptimizerSteps == 0)
      let after = t.discriminatorReadout(at: xs)
      for (a, b) in zip(before, after) { #expect(abs(a - b) < 1e-5) }
    }
    for _ in 0..<10 { #expect(t.runIteration()) }
    #expect(t.discriminatorReadout(at: xs) != before)
  }

  /// A packed run continued from its checkpoint is the same run, bit for bit, through a
  /// change of P as well.
  @Test func aPackedCheckpointContinuesExactly() throws {
    let t = trainer(pack: 3)
    for _ in 0..<12 { t.runIteration() }
    t.apply(.setPack(2))
    t.runIteration()
    let copy = try Trainer(state: t.state)
    for _ in 0..<8 {
      t.runIteration()
      copy.runIteration()
    }
    #expect(copy.state == t.state)
  }

  /// Packing trains with every fix but spectral normalisation.
  @Test func packingCombinesWithTheOtherFixes() {
    let settings: [(inout Hyperparameters) -> Void] = [
      { $0.stabilizers.unrolledSteps = 3 },
      { $0.stabilizers.instanceNoise = 0.5 },
      { $0.stabilizers.updateScheme = .simultaneous },
      { $0.stabilizers.updateScheme = .extragradient },
      { $0.loss = .hinge },
      { $0.stabilizers.penalty = .r1 },
      { $0.stabilizers.penalty = .r2 },
      { $0.loss = .wassersteinGP },
      { $0.loss = .wassersteinLP },
    ]
    for configure in settings {
      let t = trainer(pack: 2, configure)
      for _ in 0..<20 { #expect(t.runIteration()) }
      #expect(t.discriminatorLoss.isFinite && t.generatorLoss.isFinite)
    }
  }

  /// Out of range, or with spectral normalisation: one line, and the trainer refuses it
  /// live.
  @Test func badPacksAndCombinationsAreRefused() {
    var h = Hyperparameters()
    for p in [0, 9, -1] {
      h.stabilizers.pack = p
      #expect(h.problem == "pack size P must be between 1 and 8, got \(p)")
    }
    h.stabilizers.pack = 2
    #expect(h.problem == nil)
    var spectral = h
    spectral.stabilizers.spectralNorm = true
    #expect(spectral.problem?.hasPrefix("--pack does not combine with --spectral-norm") == true)
    let t = trainer(pack: 1) { $0.stabilizers.spectralNorm = true }
    #expect(!t.apply(.setPack(2)))
    #expect(!t.apply(.setPack(9)))
    #expect(t.discriminator.inputs == 1)
  }
}
