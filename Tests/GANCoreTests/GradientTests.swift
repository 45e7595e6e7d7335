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

  @Test(arguments: Activation.allCases, shapes)
  func perceptronGradientsMatchFiniteDifferences(activation: Activation, shape: (Int, Int)) {
    // 7 rows pad to 8: the check covers the row padding too.
    let architecture = Architecture(width: shape.0, hiddenLayers: shape.1, activation: activation)
    let net = Perceptron(architecture: architecture)
    var rng = Xoshiro256(seed: 42)
    net.initialize(using: &rng)
    let xs: [Float] = (0..<7).map { _ in 4 * rng.nextUnitFloat() - 2 }
    let c: [Float] = (0..<7).map { _ in 2 * rng.nextUnitFloat() - 1 }
    let ws = Workspace(capacity: 7, architecture: architecture)
    _ = weightedOutput(net, ws, xs, c)
    for i in 0..<8 { ws.outputGradient[i] = i < 7 ? c[i] : 0 }
    net.backward(ws, rows: 7, parameterGradients: true, inputGradient: true)
    let analytic = Array(UnsafeBufferPointer(start: net.gradients, count: net.parameterCount))
    let inputGradient = (0..<7).map { Double(ws.inputGradient[$0]) }

    // A smaller step for ReLU nets makes crossing a kink rarer.
    let h: Float = activation == .tanh ? 1e-2 : 1e-3
    var checked = 0
    var agreed = 0
    for index in 0..<net.parameterCount {
      let saved = net.parameters[index]
      net.parameters[index] = saved + h
      net.parametersChanged()
      let plus = weightedOutput(net, ws, xs, c)
      net.parameters[index] = saved - h
      net.parametersChanged()
      let minus = weightedOutput(net, ws, xs, c)
      net.parameters[index] = saved
      net.parametersChanged()
      let numeric = (plus - minus) / Double(2 * h)
      if saved == 0 && analytic[index] == 0 && numeric == 0 { continue }  // padding
      checked += 1
      if close(Double(analytic[index]), numeric) { agreed += 1 }
    }
    #expect(checked == architecture.parameterCount)
    // ReLU nets have kinks that a finite step can cross; smooth nets must agree everywhere.
    if activation == .tanh {
      #expect(agreed == checked)
    } else {
      #expect(Double(agreed) >= 0.9 * Double(checked))
    }

    for s in 0..<7 {
      var shifted = xs
      shifted[s] += h
      let plus = weightedOutput(net, ws, shifted, c)
      shifted[s] -= 2 * h
      let minus = weightedOutput(net, ws, shifted, c)
      let numeric = (plus - minus) / Double(2 * h)
      if activation == .tanh { #expect(close(inputGradient[s], numeric)) }
    }
  }

  @Test(arguments: Loss.allCases)
  func lossGradientsMatchTheirLosses(loss: Loss) {
    let outputs: [Float] = [-6, -2.5, -0.3, 0, 0.4, 1.7, 3, 7.5]
    let n = outputs.count
    let gradient = UnsafeMutablePointer<Float>.allocate(capacity: 2 * n)
    defer { gradient.deallocate() }
    let doubled = outputs + outputs
    doubled.withUnsafeBufferPointer {
      loss.discriminatorGradient(output: $0.baseAddress!, into: gradient, real: n, fake: n)
    }
    let h = 1e-4
    for i in 0..<n {
      let o = Double(outputs[i])
      let real = (loss.discriminatorRealLoss(o + h) - loss.discriminatorRealLoss(o - h)) / (2 * h)
      let fake = (loss.discriminatorFakeLoss(o + h) - loss.discriminatorFakeLoss(o - h)) / (2 * h)
      #expect(close(Double(gradient[i]) * Double(n), real, relative: 1e-3, absolute: 1e-5))
      #expect(close(Double(gradient[n + i]) * Double(n), fake, relative: 1e-3, absolute: 1e-5))
    }
    outputs.withUnsafeBufferPointer {
      loss.generatorGradient(output: $0.baseAddress!, into: gradient, count: n)
    }
    for i in 0..<n {
      let o = Double(outputs[i])
      let numeric = (loss.generatorLoss(o + h) - loss.generatorLoss(o - h)) / (2 * h)
      #expect(close(Double(gradient[i]) * Double(n), numeric, relative: 1e-3, absolute: 1e-5))
    }
  }

  /// The generator's gradient flows through D: check the whole chain G → D → loss.
  @Test(arguments: Loss.allCases)
  func generatorGradientThroughDiscriminator(loss: Loss) {
    let architecture = Architecture(width: 6, hiddenLayers: 2)
    let g = Perceptron(architecture: architecture)
    let d = Perceptron(architecture: architecture)
    var rng = Xoshiro256(seed: 9)
    g.initialize(using: &rng)
    d.initialize(using: &rng)
    let m = 5
    let z: [Float] = (0..<m).map { _ in 2 * rng.nextUnitFloat() - 1 }
    let gw = Workspace(capacity: m, architecture: architecture)
    let dw = Workspace(capacity: m, architecture: architecture)
    func generatorLoss() -> Double {
      for i in 0..<m { gw.input[i] = z[i] }
      g.forward(gw, rows: m)
      for i in 0..<m { dw.input[i] = gw.output[i] }
      d.forward(dw, rows: m)
      return (0..<m).reduce(0) { $0 + loss.generatorLoss(Double(dw.output[$1])) } / Double(m)
    }
    _ = generatorLoss()
    loss.generatorGradient(output: dw.output, into: dw.outputGradient, count: m)
    for i in m..<8 { dw.outputGradient[i] = 0 }
    d.backward(dw, rows: m, parameterGradients: false, inputGradient: true)
    for i in 0..<8 { gw.outputGradient[i] = i < m ? dw.inputGradient[i] : 0 }
    g.backward(gw, rows: m, parameterGradients: true, inputGradient: false)
    let h: Float = 1e-2
    for index in 0..<g.parameterCount where g.parameters[index] != 0 {
      let saved = g.parameters[index]
      g.parameters[index] = saved + h
      g.parametersChanged()
      let plus = generatorLoss()
      g.parameters[index] = saved - h
      g.parametersChanged()
      let minus = generatorLoss()
      g.parameters[index] = saved
      g.parametersChanged()
      let numeric = (plus - minus) / Double(2 * h)
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
}
