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

  /// Both blockings (`wideVectors`: 8 × 32 for 512-bit builds, 4 × 16 below) form every
  /// entry as the same chain of fused multiply-adds, so each equals a scalar chain in Float
  /// bit for bit: a recording made by one build re-simulates in the other.
  @Test(arguments: [16, 32, 48, 128], [8, 24])
  func bothBlockingsAreTheSameFusedChains(width p: Int, rows n: Int) {
    var rng = Xoshiro256(seed: UInt64(p * 100 + n + 2))
    let x = randomFloats(n * p, &rng)
    let w = randomFloats(p * p, &rng)
    let bias = randomFloats(p, &rng)
    let a = randomFloats(n * p, &rng)
    let outputs = (0..<4).map { _ in allocateFloats(max(n, p) * p) }
    defer { for b in [x, w, bias, a] + outputs { b.deallocate() } }
    multiply(x, w, bias: bias, into: outputs[0], rows: n, width: p)
    multiplyNarrow(x, w, bias: bias, into: outputs[1], rows: n, width: p)
    multiplyTransposed(x, a, into: outputs[2], rows: n, width: p)
    multiplyTransposedNarrow(x, a, into: outputs[3], rows: n, width: p)
    var mismatches = 0
    for s in 0..<n {
      for j in 0..<p {
        var chain = bias[j]
        for i in 0..<p { chain = chain.addingProduct(x[s * p + i], w[i * p + j]) }
        for y in outputs[0...1] where y[s * p + j].bitPattern != chain.bitPattern {
          mismatches += 1
        }
      }
    }
    for i in 0..<p {
      for c in 0..<p {
        var chain: Float = 0
        for s in 0..<n { chain = chain.addingProduct(x[s * p + i], a[s * p + c]) }
        for g in outputs[2...3] where g[i * p + c].bitPattern != chain.bitPattern {
          mismatches += 1
        }
      }
    }
    #expect(mismatches == 0)
  }

  @Test(arguments: [16, 32, 48, 128])
  func transposeSwapsRowsAndColumns(width p: Int) {
    let w = allocateFloats(p * p)
    let t = allocateFloats(p * p)
    defer { for b in [w, t] { b.deallocate() } }
    for i in 0..<(p * p) { w[i] = Float(i) }
    transpose(w, into: t, width: p)
    var mismatches = 0
    for i in 0..<p {
      for j in 0..<p where t[j * p + i] != w[i * p + j] { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }
}
