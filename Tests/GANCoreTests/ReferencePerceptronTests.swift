import GANKernels
import Testing

@testable import GANCore

/// A net with random parameters and a batch of inputs at which no pre-activation of any
/// layer lies within `kinkMargin` of 0, so that ReLU and leaky ReLU are differentiable at
/// every point used, with room to spare for Float32 rounding and finite-difference steps.
struct NetFixture {
  static let kinkMargin = 1e-3

  let net: Perceptron
  let reference: ReferencePerceptron
  /// P values per row (a pack's side by side; P = 1 for a plain net).
  let inputs: [Double]
  /// ∂ℒ/∂y per row: ℒ = Σₛ gₛ·y(xₛ).
  let outputGradients: [Double]
  /// P: the net's inputs per row (a D judging packs of P samples).
  var pack: Int { net.inputs }

  /// 13 rows: padded to 16, so the row padding of the kernels is covered.
  init(
    width: Int, layers: Int, activation: Activation, rows: Int = 13, seed: UInt64 = 42,
    pack: Int = 1
  ) {
    let architecture = Architecture(width: width, hiddenLayers: layers, activation: activation)
    net = Perceptron(architecture: architecture, role: .discriminator, inputs: pack)
    var rng = Xoshiro256(seed: seed)
    net.initialize(using: &rng)
    let reference = ReferencePerceptron(net)
    var inputs: [Double] = []
    while inputs.count < rows * pack {
      let x = (0..<pack).map { _ in Double(4 * rng.nextUnitFloat() - 2) }
      let pass = reference.forward(pack: x)
      let nearest = pass.preActivations.joined().map(abs).min() ?? 1
      if nearest >= Self.kinkMargin { inputs += x }
    }
    self.reference = reference
    self.inputs = inputs
    outputGradients = (0..<rows).map { _ in Double(2 * rng.nextUnitFloat() - 1) }
  }

  /// The fast net's forward and backward passes over the batch: y, the padded parameter
  /// gradient buffer, ∂ℒ/∂x.
  func fastPasses() -> (outputs: [Double], parameters: [Double], inputs: [Double]) {
    let rows = outputGradients.count
    let ws = Workspace(capacity: rows, architecture: net.architecture, inputsPerRow: pack)
    for (i, x) in inputs.enumerated() { ws.input[i] = Float(x) }
    net.forward(ws, rows: rows)
    let outputs = (0..<rows).map { Double(ws.output[$0]) }
    for s in 0..<paddedRows(rows) {
      ws.outputGradient[s] = s < rows ? Float(outputGradients[s]) : 0
    }
    net.backward(ws, rows: rows, parameterGradients: true, inputGradient: true)
    let parameters = (0..<net.parameterCount).map { Double(net.gradients[$0]) }
    return (outputs, parameters, (0..<rows * pack).map { Double(ws.inputGradient[$0]) })
  }

  /// Which entries of the padded parameter buffer are real parameters (the rest is padding).
  var isParameter: [Bool] {
    let ones = ReferencePerceptron.Gradients(
      weights: reference.weights.map { $0.map { $0.map { _ in 1 } } },
      biases: reference.biases.map { $0.map { _ in 1 } }, inputs: [])
    return ReferencePerceptron.padded(ones, like: net).map { $0 == 1 }
  }
}

extension ReferencePerceptron {
  /// Every parameter's central difference (f(θ + h) − f(θ − h)) / 2h of `f`, in Double, with
  /// the shapes of `weights` and `biases`.
  func centralDifferences(step h: Double, of f: (ReferencePerceptron) -> Double) -> Gradients {
    func difference(_ change: (inout ReferencePerceptron, Double) -> Void) -> Double {
      var plus = self
      change(&plus, h)
      var minus = self
      change(&minus, -h)
      return (f(plus) - f(minus)) / (2 * h)
    }
    var numeric = Gradients(
      weights: weights.map { $0.map { $0.map { _ in 0 } } },
      biases: biases.map { $0.map { _ in 0 } },
      inputs: [])
    for l in numeric.weights.indices {
      for i in numeric.weights[l].indices {
        for j in numeric.weights[l][i].indices {
          numeric.weights[l][i][j] = difference { $0.weights[l][i][j] += $1 }
        }
      }
      for j in numeric.biases[l].indices {
        numeric.biases[l][j] = difference { $0.biases[l][j] += $1 }
      }
    }
    return numeric
  }
}

/// The fast, padded, blocked Float32 net against the plain Double one: same outputs, same
/// parameter gradients, same input gradients, up to Float32 rounding (and the fast tanh's
/// 3e-7), for every activation and for widths that exercise each kernel path.
@Suite struct ReferencePerceptronTests {
  /// Width 5 pads to 16 (the kernels' 16-wide remainder only), 20 to 32 and 32 to itself
  /// (one 32-wide block), 40 to 48 (a 32-wide block and a 16-wide remainder).
  static let shapes = [(5, 1), (5, 2), (20, 2), (20, 3), (32, 1), (32, 2), (32, 4), (40, 2)]

  /// |fast − exact| relative to the largest exact value of the vector: Float32 sums of a few
  /// hundred terms stay near 1e-6 of it (measured: at most 1.1e-6).
  static func worstError(_ fast: [Double], _ exact: [Double]) -> Double {
    let scale = max(exact.map(abs).max() ?? 0, 1e-30)
    return zip(fast, exact).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
  }

  @Test(arguments: Activation.allCases, shapes)
  func fastNetMatchesTheReference(activation: Activation, shape: (Int, Int)) {
    let fixture = NetFixture(width: shape.0, layers: shape.1, activation: activation)
    let fast = fixture.fastPasses()
    let exactOutputs = fixture.inputs.map { fixture.reference.forward($0).output }
    let exact = fixture.reference.gradients(
      inputs: fixture.inputs, outputGradients: fixture.outputGradients)
    let exactParameters = ReferencePerceptron.padded(exact, like: fixture.net)

    #expect(Self.worstError(fast.outputs, exactOutputs) < 1e-5)
    #expect(Self.worstError(fast.inputs, exact.inputs) < 1e-5)
    // Every real parameter's gradient, each one relative to its own size where that is
    // larger than the floor (so a wrong bias vector or a swapped block cannot pass)…
    let isParameter = fixture.isParameter
    let scale = exactParameters.map(abs).max() ?? 1
    var worst = 0.0
    for i in exactParameters.indices where isParameter[i] {
      let error = abs(fast.parameters[i] - exactParameters[i])
      worst = max(worst, error / (abs(exactParameters[i]) + 1e-3 * scale))
    }
    #expect(worst < 2e-4)  // measured: at most 2.6e-5
    // … and exactly zero in the padding.
    let padding = exactParameters.indices.filter { !isParameter[$0] && fast.parameters[$0] != 0 }
    #expect(padding.isEmpty)
  }

  /// The fixture's inputs really are away from every kink: the check above would otherwise
  /// hinge on rounding.
  @Test(arguments: [Activation.relu, .leakyReLU])
  func inputsAvoidTheKinks(activation: Activation) {
    let fixture = NetFixture(width: 20, layers: 3, activation: activation)
    for x in fixture.inputs {
      let nearest = fixture.reference.forward(x).preActivations.joined().map(abs).min() ?? 0
      #expect(nearest >= NetFixture.kinkMargin)
    }
  }

  @Test func referenceComputesAKnownNet() {
    // 1 → 2 → 1 with tanh, parameters set by hand: y = w·tanh(x·u + b) + c.
    let net = Perceptron(
      architecture: Architecture(width: 2, hiddenLayers: 1), role: .discriminator)
    let layout = net.layout
    net.parameters[layout.inputWeights] = 0.5
    net.parameters[layout.inputWeights + 1] = -1
    net.parameters[layout.inputBias] = 0.25
    net.parameters[layout.inputBias + 1] = 0
    net.parameters[layout.outputWeights] = 2
    net.parameters[layout.outputWeights + 1] = 3
    net.parameters[layout.outputBias] = -1
    net.parametersChanged()
    let reference = ReferencePerceptron(net)
    let x = 0.8
    let h0 = _tanh(0.5 * x + 0.25)
    let h1 = _tanh(-x)
    #expect(abs(reference.forward(x).output - (2 * h0 + 3 * h1 - 1)) < 1e-15)
    let g = reference.gradients(inputs: [x], outputGradients: [1])
    // ∂y/∂x = 2·(1 − h0²)·0.5 + 3·(1 − h1²)·(−1).
    #expect(abs(g.inputs[0] - (2 * (1 - h0 * h0) * 0.5 - 3 * (1 - h1 * h1))) < 1e-15)
    #expect(abs(g.biases[1][0] - 1) < 1e-15)
    #expect(abs(g.weights[1][0][0] - h0) < 1e-15)
    #expect(abs(g.weights[0][0][1] - 3 * (1 - h1 * h1) * x) < 1e-15)
  }
}
