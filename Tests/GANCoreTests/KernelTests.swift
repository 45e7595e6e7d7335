import GANKernels
import GANKernelsWide
import Testing

@testable import GANCore

/// The blocked kernels against plain loops in Double, at every column-block shape: P = 16
/// (the 16-wide remainder only), 32, 48 (both), 128 (several blocks).
@Suite struct KernelTests {
  func randomFloats(_ count: Int, _ rng: inout Xoshiro256) -> UnsafeMutablePointer<Float> {
    let buffer = allocateFloats(count)
    for i in 0..<count { buffer[i] = 2 * rng.nextUnitFloat() - 1 }
    return buffer
  }

  @Test(arguments: [16, 32, 48, 128], [8, 24])
  func multiplyMatchesPlainLoops(width p: Int, rows n: Int) {
    var rng = Xoshiro256(seed: UInt64(p * 100 + n))
    let x = randomFloats(n * p, &rng)
    let w = randomFloats(p * p, &rng)
    let bias = randomFloats(p, &rng)
    let y = allocateFloats(n * p)
    defer { for b in [x, w, bias, y] { b.deallocate() } }
    multiply(x, w, bias: bias, into: y, rows: n, width: p)
    var worst = 0.0
    for s in 0..<n {
      for j in 0..<p {
        var exact = Double(bias[j])
        for i in 0..<p { exact += Double(x[s * p + i]) * Double(w[i * p + j]) }
        worst = max(worst, abs(Double(y[s * p + j]) - exact))
      }
    }
    #expect(worst < 1e-4)
  }

  @Test(arguments: [16, 32, 48, 128], [8, 24])
  func multiplyTransposedMatchesPlainLoops(width p: Int, rows n: Int) {
    var rng = Xoshiro256(seed: UInt64(p * 100 + n + 1))
    let x = randomFloats(n * p, &rng)
    let a = randomFloats(n * p, &rng)
    let g = allocateFloats(p * p)
    defer { for b in [x, a, g] { b.deallocate() } }
    multiplyTransposed(x, a, into: g, rows: n, width: p)
    var worst = 0.0
    for i in 0..<p {
      for c in 0..<p {
        var exact = 0.0
        for s in 0..<n { exact += Double(x[s * p + i]) * Double(a[s * p + c]) }
        worst = max(worst, abs(Double(g[i * p + c]) - exact))
      }
    }
    #expect(worst < 1e-4)
  }

  /// Every copy of the kernels forms every entry as the same chain of fused multiply-adds,
  /// so each equals a scalar chain in Float bit for bit: both register blocks (8 × 32 and
  /// 4 × 16) compiled here, and the AVX-512 copy (GANKernelsWide) where this CPU runs it. A
  /// recording made on one CPU re-simulates on another.
  @Test(arguments: [16, 32, 48, 128], [8, 24])
  func everyCopyIsTheSameFusedChains(width p: Int, rows n: Int) {
    var rng = Xoshiro256(seed: UInt64(p * 100 + n + 2))
    let x = randomFloats(n * p, &rng)
    let w = randomFloats(p * p, &rng)
    let bias = randomFloats(p, &rng)
    let a = randomFloats(n * p, &rng)
    let outputs = (0..<6).map { _ in allocateFloats(max(n, p) * p) }
    defer { for b in [x, w, bias, a] + outputs { b.deallocate() } }
    GANKernels.multiply(x, w, bias: bias, into: outputs[0], rows: n, width: p, wide: true)
    GANKernels.multiply(x, w, bias: bias, into: outputs[1], rows: n, width: p, wide: false)
    GANKernels.multiplyTransposed(x, a, into: outputs[3], rows: n, width: p, wide: true)
    GANKernels.multiplyTransposed(x, a, into: outputs[4], rows: n, width: p, wide: false)
    let wideCopies = KernelDispatch.wide
    if wideCopies {
      multiplyWide(x, w, bias: bias, into: outputs[2], rows: n, width: p)
      multiplyTransposedWide(x, a, into: outputs[5], rows: n, width: p)
    }
    let products = wideCopies ? outputs[0...2] : outputs[0...1]
    let gradients = wideCopies ? outputs[3...5] : outputs[3...4]
    var mismatches = 0
    for s in 0..<n {
      for j in 0..<p {
        var chain = bias[j]
        for i in 0..<p { chain = chain.addingProduct(x[s * p + i], w[i * p + j]) }
        for y in products where y[s * p + j].bitPattern != chain.bitPattern { mismatches += 1 }
      }
    }
    for i in 0..<p {
      for c in 0..<p {
        var chain: Float = 0
        for s in 0..<n { chain = chain.addingProduct(x[s * p + i], a[s * p + c]) }
        for g in gradients where g[i * p + c].bitPattern != chain.bitPattern { mismatches += 1 }
      }
    }
    #expect(mismatches == 0)
  }

  /// The whole training passes: the AVX-512 copy and the build's own copy write the same
  /// bits, for every activation, one and three hidden layers (on a CPU without AVX-512 there
  /// is one copy and nothing to compare).
  @Test(arguments: Activation.allCases, [1, 3])
  func theWideAndBaselineTrainingPassesAgree(activation: Activation, layers: Int) throws {
    guard KernelDispatch.wide else { return }
    let architecture = Architecture(
      width: 40, hiddenLayers: layers, activation: activation, model: .perceptron)
    var runs: [[UInt32]] = []
    for wide in [true, false] {
      var rng = Xoshiro256(seed: 17)
      let net = Perceptron(architecture: architecture, role: .discriminator)
      net.initialize(using: &rng)
      let ws = Workspace(capacity: 37, architecture: architecture)
      for s in 0..<37 {
        ws.input[s] = 4 * rng.nextUnitFloat() - 2
        ws.outputGradient[s] = rng.nextUnitFloat() - 0.5
      }
      let rows = paddedRows(37)
      if wide {
        forwardPassWide(net.pass, ws.buffers, rows: rows, inputLayer: true)
        _ = backwardPassWide(
          net.pass, ws.buffers, rows: rows, parameterGradients: true, inputGradient: true,
          inputLayer: true)
      } else {
        forwardPass(net.pass, ws.buffers, rows: rows, inputLayer: true, wide: false)
        backwardPass(
          net.pass, ws.buffers, rows: rows, parameterGradients: true, inputGradient: true,
          inputLayer: true, wide: false)
      }
      let outputs = (0..<rows).map { ws.output[$0].bitPattern }
      let inputGradients = (0..<37).map { ws.inputGradient[$0].bitPattern }
      let gradients = (0..<net.parameterCount).map { net.gradients[$0].bitPattern }
      runs.append(outputs + inputGradients + gradients)
    }
    #expect(runs[0] == runs[1])
  }

  @Test(arguments: [16, 32, 48, 128])
  func transposeSwapsRowsAndColumns(width p: Int) {
    let w = allocateFloats(p * p)
    let t = allocateFloats(p * p)
    defer { for b in [w, t] { b.deallocate() } }
    for i in 0..<(p * p) { w[i] = Float(i) }
    GANKernels.transpose(w, into: t, width: p)
    var mismatches = 0
    for i in 0..<p {
      for j in 0..<p where t[j * p + i] != w[i * p + j] { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }
}
