import GANKernels
import Testing

@testable import GANCore

/// Central finite differences against the exact backward passes. Losses are accumulated in
/// Double from Float32 outputs; the tolerance reflects Float32 forward precision.
@Suite struct GradientTests {
  /// Relative agreement with an absolute floor for gradients near zero.
  func close(_ a: Double, _ b: Double, relative: Double = 2e-2, absolute: Double = 2e-3) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b)) + absolute
  }

  /// L(θ) = Σ_s c_s · net(x_s) for fixed inputs x and weights c: dL/dout = c.
  func weightedOutput(_ net: Perceptron, _ ws: Workspace, _ xs: [Float], _ c: [Float]) -> Double {
    for (i, x) in xs.enumerated() { ws.input[i] = x }
    net.forward(ws, rows: xs.count)
    var sum = 0.0
    for i in xs.indices { sum += Double(c[i]) * Double(ws.output[i]) }
    return sum
  }

  /// (width, hidden layers): width 5 pads to 16 (the kernels' 16-wide blocks), 20 to 32 and
  /// 40 to 48 (their 32-wide blocks, with and without a 16-wide remainder).
  static let shapes = [(5, 1), (5, 3), (20, 2), (40, 2)]

  /// ℒ = Σₛ gₛ·y(xₛ) by the reference net, in Double.
  static func weightedOutput(
    _ net: ReferencePerceptron, _ inputs: [Double], _ outputGradients: [Double]
  ) -> Double {
    zip(inputs, outputGradients).reduce(0) { $0 + $1.1 * net.forward($1.0).output }
  }

  /// Every parameter gradient and every input gradient of the fast net against central
  /// differences of the loss in Double (step 1e-6: truncation and rounding errors near
  /// 1e-10). The inputs keep every pre-activation at least 1e-3 from 0, a thousand steps
  /// away, so no difference crosses a ReLU kink and the check is exact for every activation.
  @Test(arguments: Activation.allCases, shapes)
  func perceptronGradientsMatchFiniteDifferences(activation: Activation, shape: (Int, Int)) {
    let fixture = NetFixture(width: shape.0, layers: shape.1, activation: activation)
    let fast = fixture.fastPasses()
    let (xs, gs) = (fixture.inputs, fixture.outputGradients)
    let step = 1e-6
    // The numeric gradients, laid out like the fast net's gradient buffer.
    let numeric = fixture.reference.centralDifferences(step: step) {
      Self.weightedOutput($0, xs, gs)
    }
    let expected = ReferencePerceptron.padded(numeric, like: fixture.net)
    let isParameter = fixture.isParameter
    #expect(isParameter.filter { $0 }.count == fixture.net.architecture.parameterCount)
    let mismatches = Self.disagreeing(
      fast.parameters, expected: expected, isParameter: isParameter)
    #expect(
      mismatches.isEmpty,
      "\(mismatches.count) parameters disagree, from index \(mismatches.first ?? -1)")

    for s in xs.indices {
      let numericInput =
        (Self.weightedOutput(fixture.reference, [xs[s] + step], [gs[s]])
          - Self.weightedOutput(fixture.reference, [xs[s] - step], [gs[s]])) / (2 * step)
      #expect(abs(fast.inputs[s] - numericInput) <= 1e-3 * (abs(numericInput) + 1e-3))
    }
  }

  /// The same check with Float32 finite differences of the fast net itself (smooth tanh
  /// only: no reference involved, so a mistake shared by both nets cannot hide).
  @Test(arguments: shapes)
  func fastTanhNetMatchesItsOwnFiniteDifferences(shape: (Int, Int)) {
    let fixture = NetFixture(width: shape.0, layers: shape.1, activation: .tanh)
    let fast = fixture.fastPasses()
    let net = fixture.net
    let xs = fixture.inputs.map(Float.init)
    let c = fixture.outputGradients.map(Float.init)
    let ws = Workspace(capacity: xs.count, architecture: net.architecture)
    let h: Float = 1e-2
    let isParameter = fixture.isParameter
    var mismatches: [Int] = []
    for index in 0..<net.parameterCount where isParameter[index] {
      let saved = net.parameters[index]
      net.parameters[index] = saved + h
      net.parametersChanged()
      let plus = weightedOutput(net, ws, xs, c)
      net.parameters[index] = saved - h
      net.parametersChanged()
      let minus = weightedOutput(net, ws, xs, c)
      net.parameters[index] = saved
      net.parametersChanged()
      if !close(fast.parameters[index], (plus - minus) / Double(2 * h)) {
        mismatches.append(index)
      }
    }
    #expect(
      mismatches.isEmpty,
      "\(mismatches.count) parameters disagree, from index \(mismatches.first ?? -1)")
  }

  /// The generator's gradient flows through D: check the whole chain G → D → loss.
  @Test(arguments: Loss.allCases)
  func generatorGradientThroughDiscriminator(loss: Loss) {
    let architecture = Architecture(width: 6, hiddenLayers: 2)
    let g = Perceptron(architecture: architecture, role: .generator)
    let d = Perceptron(architecture: architecture, role: .discriminator)
    var rng = Xoshiro256(seed: 9)
    g.initialize(using: &rng)
    d.initialize(using: &rng)
    let m = 5
    let z: [Float] = (0..<m).map { _ in 2 * rng.nextUnitFloat() - 1 }
    let gw = Workspace(capacity: m, architecture: architecture)
    let dw = Workspace(capacity: m, architecture: architecture)
    // D on a batch of data, which the relativistic loss reads (it does not depend on G).
    let data: [Float] = [3.5, 4.2, 4.0, 3.1]
    let dataWork = Workspace(capacity: data.count, architecture: architecture)
    for (i, x) in data.enumerated() { dataWork.input[i] = x }
    d.forward(dataWork, rows: data.count)
    let onData = (0..<data.count).map { dataWork.output[$0] }
    func generatorLoss() -> Double {
      loss.generatorLoss(
        fake: criticOfGenerator(g, d, z: z, gw: gw, dw: dw), real: onData.map(Double.init))
    }
    _ = generatorLoss()
    onData.withUnsafeBufferPointer {
      loss.generatorGradient(output: dw.output, into: dw.outputGradient, count: m, data: $0)
    }
    for i in m..<8 { dw.outputGradient[i] = 0 }
    d.backward(dw, rows: m, parameterGradients: false, inputGradient: true)
    for i in 0..<8 { gw.outputGradient[i] = i < m ? dw.inputGradient[i] : 0 }
    g.backward(gw, rows: m, parameterGradients: true, inputGradient: false)
    for (index, numeric) in centralDifferences(of: generatorLoss, in: g) {
      #expect(close(Double(g.gradients[index]), numeric, absolute: 1e-3))
    }
  }

  @Test func fastTanhIsAccurate() {
    var worst: Double = 0
    var x = -12.0
    while x <= 12 {
      worst = max(worst, abs(Double(fastTanh(Float(x))) - _tanh(x)))
      x += 0.0007
    }
    #expect(worst < 1e-6)
  }

  /// The indices of real parameters whose fast gradient is off the numeric one by more than
  /// 1e-3 relative (with a floor at 1e-6 of the largest).
  static func disagreeing(_ fast: [Double], expected: [Double], isParameter: [Bool]) -> [Int] {
    let scale = expected.map(abs).max() ?? 1
    return expected.indices.filter { i in
      isParameter[i] && abs(fast[i] - expected[i]) > 1e-3 * (abs(expected[i]) + 1e-3 * scale)
    }
  }
}
