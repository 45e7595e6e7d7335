// The batched dense kernels of the scalar MLPs (Perceptron.swift has the equations they
// serve). Activations are stored sample-major: row s holds the P = paddedWidth floats of one
// sample, the layer width padded to a multiple of 16 so that every row is a whole number of
// SIMD16 vectors. Padding units have zero weights and biases, so they carry zero activations
// and receive zero gradients: the padding is exact. Row counts are padded to a multiple of
// `rowBlock` (rows beyond the batch hold zero gradients).
//
// Each kernel is the plain loop in its doc comment, reordered: the sums are the same sums
// over the same terms (and so the tests compare them with plain loops), blocked so that many
// independent fused multiply-adds are in flight and each loaded vector is used several times.
//
// Every function here is inlined where it is called (`@inline(__always) @inlinable`), so it
// is compiled for the caller's CPU: GANCore's copy for the build's baseline and
// GANKernelsWide's for AVX-512 (KernelDispatch.swift in GANCore picks one at run time). The
// `wide` argument picks the register block for that copy: 8 × 32 where the registers are
// 512 bits (sixteen 16-float accumulators in 32 zmm registers), 4 × 16 where they are 256
// bits (each accumulator takes two of 16 ymm registers; the wide block would spill). Both
// blocks form every sum in the same order, so every copy gives the same bits (KernelTests).

public typealias Vector = SIMD16<Float>

@inline(__always) @inlinable
public func load(_ p: UnsafePointer<Float>) -> Vector {
  UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
}

@inline(__always) @inlinable
public func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
}

/// Rounds `n` up to a multiple of `multiple`.
@inline(__always) @inlinable
public func roundUp(_ n: Int, _ multiple: Int) -> Int { (n + multiple - 1) / multiple * multiple }

/// Rows of every batched buffer are padded to a multiple of this (rows beyond the batch hold
/// zero inputs and zero gradients), so that the kernels below need no remainder code.
public let rowBlock = 8

/// `n` rows padded to a whole number of row blocks.
@inline(__always) @inlinable
public func paddedRows(_ n: Int) -> Int { roundUp(n, rowBlock) }

/// Y[n×P] = X[n×P] · W[P×P] (+ bias), that is
///
///     Y[s][j] = bias[j] + Σᵢ X[s][i] · W[i][j]
///
/// n is a multiple of 8, P a multiple of 16. The layers' aˡ = hˡ⁻¹·Wˡ + bˡ (with the batch
/// as X) and δˡ⁻¹ = δˡ·(Wˡ)ᵀ (with the transposed copy as W, no bias).
/// Blocked 8 rows × 32 columns: 16 accumulators stay in registers, enough independent
/// fused multiply-adds to hide their latency (4 rows × 32 reached 87% of the FMA peak at
/// P = 32, 8 rows 96%), and each W row loaded serves eight samples.
@inline(__always) @inlinable
public func multiply(
  _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
  into y: UnsafeMutablePointer<Float>, rows n: Int, width paddedWidth: Int, wide: Bool
) {
  guard wide else {
    multiplyNarrow(x, w, bias: bias, into: y, rows: n, width: paddedWidth)
    return
  }
  var r = 0
  while r < n {
    let x0 = x + r * paddedWidth
    let y0 = y + r * paddedWidth
    var c = 0
    // Block: rows r…r+7, columns c…c+31. Accumulator aRH holds Y[r+R][c+16H …], started at
    // the bias; each step of the loop adds X[r+R][i]·W[i][c …] for one i (`xi` points at
    // X[r][i], `wRow` at W[i][c]).
    while c + 32 <= paddedWidth {
      let b0 = bias.map { load($0 + c) } ?? Vector()
      let b1 = bias.map { load($0 + c + 16) } ?? Vector()
      var a00 = b0
      var a01 = b1
      var a10 = b0
      var a11 = b1
      var a20 = b0
      var a21 = b1
      var a30 = b0
      var a31 = b1
      var a40 = b0
      var a41 = b1
      var a50 = b0
      var a51 = b1
      var a60 = b0
      var a61 = b1
      var a70 = b0
      var a71 = b1
      var wRow = w + c
      var xi = x0
      for _ in 0..<paddedWidth {
        let w0 = load(wRow)
        let w1 = load(wRow + 16)
        a00.addProduct(xi[0], w0)
        a01.addProduct(xi[0], w1)
        a10.addProduct(xi[paddedWidth], w0)
        a11.addProduct(xi[paddedWidth], w1)
        a20.addProduct(xi[2 * paddedWidth], w0)
        a21.addProduct(xi[2 * paddedWidth], w1)
        a30.addProduct(xi[3 * paddedWidth], w0)
        a31.addProduct(xi[3 * paddedWidth], w1)
        a40.addProduct(xi[4 * paddedWidth], w0)
        a41.addProduct(xi[4 * paddedWidth], w1)
        a50.addProduct(xi[5 * paddedWidth], w0)
        a51.addProduct(xi[5 * paddedWidth], w1)
        a60.addProduct(xi[6 * paddedWidth], w0)
        a61.addProduct(xi[6 * paddedWidth], w1)
        a70.addProduct(xi[7 * paddedWidth], w0)
        a71.addProduct(xi[7 * paddedWidth], w1)
        wRow += paddedWidth
        xi += 1
      }
      let out = y0 + c
      store(a00, out)
      store(a01, out + 16)
      store(a10, out + paddedWidth)
      store(a11, out + paddedWidth + 16)
      store(a20, out + 2 * paddedWidth)
      store(a21, out + 2 * paddedWidth + 16)
      store(a30, out + 3 * paddedWidth)
      store(a31, out + 3 * paddedWidth + 16)
      store(a40, out + 4 * paddedWidth)
      store(a41, out + 4 * paddedWidth + 16)
      store(a50, out + 5 * paddedWidth)
      store(a51, out + 5 * paddedWidth + 16)
      store(a60, out + 6 * paddedWidth)
      store(a61, out + 6 * paddedWidth + 16)
      store(a70, out + 7 * paddedWidth)
      store(a71, out + 7 * paddedWidth + 16)
      c += 32
    }
    if c < paddedWidth {
      // The remaining 16 columns (P = 16, 48, …): the same sums, one vector per row.
      let b0 = bias.map { load($0 + c) } ?? Vector()
      var a0 = b0
      var a1 = b0
      var a2 = b0
      var a3 = b0
      var a4 = b0
      var a5 = b0
      var a6 = b0
      var a7 = b0
      var wRow = w + c
      var xi = x0
      for _ in 0..<paddedWidth {
        let w0 = load(wRow)
        a0.addProduct(xi[0], w0)
        a1.addProduct(xi[paddedWidth], w0)
        a2.addProduct(xi[2 * paddedWidth], w0)
        a3.addProduct(xi[3 * paddedWidth], w0)
        a4.addProduct(xi[4 * paddedWidth], w0)
        a5.addProduct(xi[5 * paddedWidth], w0)
        a6.addProduct(xi[6 * paddedWidth], w0)
        a7.addProduct(xi[7 * paddedWidth], w0)
        wRow += paddedWidth
        xi += 1
      }
      let out = y0 + c
      store(a0, out)
      store(a1, out + paddedWidth)
      store(a2, out + 2 * paddedWidth)
      store(a3, out + 3 * paddedWidth)
      store(a4, out + 4 * paddedWidth)
      store(a5, out + 5 * paddedWidth)
      store(a6, out + 6 * paddedWidth)
      store(a7, out + 7 * paddedWidth)
    }
    r += 8
  }
}

/// G[P×P] = Xᵀ · A over n rows, that is
///
///     G[i][j] = Σₛ X[s][i] · A[s][j]
///
/// the weight gradient ∂ℒ/∂Wˡ = Σₛ (hˡ⁻¹)ᵀ·δˡ of a layer with input X = hˡ⁻¹ and delta
/// A = δˡ. Blocked 8 input units × 32 output units, as `multiply`.
@inline(__always) @inlinable
public func multiplyTransposed(
  _ x: UnsafePointer<Float>, _ a: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>,
  rows n: Int, width paddedWidth: Int, wide: Bool
) {
  guard wide else {
    multiplyTransposedNarrow(x, a, into: g, rows: n, width: paddedWidth)
    return
  }
  var i = 0
  while i < paddedWidth {
    var c = 0
    // Block: G rows i…i+7, columns c…c+31. Accumulator gRH holds G[i+R][c+16H …]; each
    // step of the loop adds X[s][i+R]·A[s][c …] for one sample s (`xRow` points at X[s][i],
    // `aRow` at A[s][c]).
    while c + 32 <= paddedWidth {
      var g00 = Vector()
      var g01 = Vector()
      var g10 = Vector()
      var g11 = Vector()
      var g20 = Vector()
      var g21 = Vector()
      var g30 = Vector()
      var g31 = Vector()
      var g40 = Vector()
      var g41 = Vector()
      var g50 = Vector()
      var g51 = Vector()
      var g60 = Vector()
      var g61 = Vector()
      var g70 = Vector()
      var g71 = Vector()
      var xRow = x + i
      var aRow = a + c
      for _ in 0..<n {
        let a0 = load(aRow)
        let a1 = load(aRow + 16)
        g00.addProduct(xRow[0], a0)
        g01.addProduct(xRow[0], a1)
        g10.addProduct(xRow[1], a0)
        g11.addProduct(xRow[1], a1)
        g20.addProduct(xRow[2], a0)
        g21.addProduct(xRow[2], a1)
        g30.addProduct(xRow[3], a0)
        g31.addProduct(xRow[3], a1)
        g40.addProduct(xRow[4], a0)
        g41.addProduct(xRow[4], a1)
        g50.addProduct(xRow[5], a0)
        g51.addProduct(xRow[5], a1)
        g60.addProduct(xRow[6], a0)
        g61.addProduct(xRow[6], a1)
        g70.addProduct(xRow[7], a0)
        g71.addProduct(xRow[7], a1)
        xRow += paddedWidth
        aRow += paddedWidth
      }
      let out = g + i * paddedWidth + c
      store(g00, out)
      store(g01, out + 16)
      store(g10, out + paddedWidth)
      store(g11, out + paddedWidth + 16)
      store(g20, out + 2 * paddedWidth)
      store(g21, out + 2 * paddedWidth + 16)
      store(g30, out + 3 * paddedWidth)
      store(g31, out + 3 * paddedWidth + 16)
      store(g40, out + 4 * paddedWidth)
      store(g41, out + 4 * paddedWidth + 16)
      store(g50, out + 5 * paddedWidth)
      store(g51, out + 5 * paddedWidth + 16)
      store(g60, out + 6 * paddedWidth)
      store(g61, out + 6 * paddedWidth + 16)
      store(g70, out + 7 * paddedWidth)
      store(g71, out + 7 * paddedWidth + 16)
      c += 32
    }
    if c < paddedWidth {
      // The remaining 16 columns, as in `multiply`.
      var g0 = Vector()
      var g1 = Vector()
      var g2 = Vector()
      var g3 = Vector()
      var g4 = Vector()
      var g5 = Vector()
      var g6 = Vector()
      var g7 = Vector()
      var xRow = x + i
      var aRow = a + c
      for _ in 0..<n {
        let a0 = load(aRow)
        g0.addProduct(xRow[0], a0)
        g1.addProduct(xRow[1], a0)
        g2.addProduct(xRow[2], a0)
        g3.addProduct(xRow[3], a0)
        g4.addProduct(xRow[4], a0)
        g5.addProduct(xRow[5], a0)
        g6.addProduct(xRow[6], a0)
        g7.addProduct(xRow[7], a0)
        xRow += paddedWidth
        aRow += paddedWidth
      }
      let out = g + i * paddedWidth + c
      store(g0, out)
      store(g1, out + paddedWidth)
      store(g2, out + 2 * paddedWidth)
      store(g3, out + 3 * paddedWidth)
      store(g4, out + 4 * paddedWidth)
      store(g5, out + 5 * paddedWidth)
      store(g6, out + 6 * paddedWidth)
      store(g7, out + 7 * paddedWidth)
    }
    i += 8
  }
}

/// `multiply` in blocks of 4 rows × 16 columns, for code compiled for 256-bit registers
/// (`wide` false): 4 accumulators take 8 of the 16 registers, and each step of the loop adds
/// X[r+R][i]·W[i][c …] to each, the same terms in the same order as the wide block.
@inline(__always) @inlinable
public func multiplyNarrow(
  _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
  into y: UnsafeMutablePointer<Float>, rows n: Int, width paddedWidth: Int
) {
  var r = 0
  while r < n {
    let x0 = x + r * paddedWidth
    let y0 = y + r * paddedWidth
    var c = 0
    while c < paddedWidth {
      let b = bias.map { load($0 + c) } ?? Vector()
      var a0 = b
      var a1 = b
      var a2 = b
      var a3 = b
      var wRow = w + c
      var xi = x0
      for _ in 0..<paddedWidth {
        let w0 = load(wRow)
        a0.addProduct(xi[0], w0)
        a1.addProduct(xi[paddedWidth], w0)
        a2.addProduct(xi[2 * paddedWidth], w0)
        a3.addProduct(xi[3 * paddedWidth], w0)
        wRow += paddedWidth
        xi += 1
      }
      let out = y0 + c
      store(a0, out)
      store(a1, out + paddedWidth)
      store(a2, out + 2 * paddedWidth)
      store(a3, out + 3 * paddedWidth)
      c += 16
    }
    r += 4
  }
}

/// `multiplyTransposed` in blocks of 4 input units × 16 output units, for code compiled for
/// 256-bit registers (`wide` false), the same terms in the same order as the wide block.
@inline(__always) @inlinable
public func multiplyTransposedNarrow(
  _ x: UnsafePointer<Float>, _ a: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>,
  rows n: Int, width paddedWidth: Int
) {
  var i = 0
  while i < paddedWidth {
    var c = 0
    while c < paddedWidth {
      var g0 = Vector()
      var g1 = Vector()
      var g2 = Vector()
      var g3 = Vector()
      var xRow = x + i
      var aRow = a + c
      for _ in 0..<n {
        let a0 = load(aRow)
        g0.addProduct(xRow[0], a0)
        g1.addProduct(xRow[1], a0)
        g2.addProduct(xRow[2], a0)
        g3.addProduct(xRow[3], a0)
        xRow += paddedWidth
        aRow += paddedWidth
      }
      let out = g + i * paddedWidth + c
      store(g0, out)
      store(g1, out + paddedWidth)
      store(g2, out + 2 * paddedWidth)
      store(g3, out + 3 * paddedWidth)
      c += 16
    }
    i += 4
  }
}

/// Column sums of A[n×P] into s[P]: s[j] = Σₛ A[s][j], the bias gradient ∂ℒ/∂bˡ = Σₛ δˡ.
@inline(__always) @inlinable
public func columnSums(
  _ a: UnsafePointer<Float>, into s: UnsafeMutablePointer<Float>, rows n: Int,
  width paddedWidth: Int
) {
  var c = 0
  while c < paddedWidth {
    var acc = Vector()
    var row = a + c
    for _ in 0..<n {
      acc += load(row)
      row += paddedWidth
    }
    store(acc, s + c)
    c += 16
  }
}

/// t[j][i] = w[i][j] for a P×P matrix (P a multiple of 16): the (Wˡ)ᵀ that the backward
/// pass multiplies by in δˡ⁻¹ = δˡ·(Wˡ)ᵀ. By 16×16 blocks transposed in registers: viewing a block as 256 floats with a 4-bit row index above a 4-bit column index,
/// one round of unzipping row pairs (even lanes of each pair to the first eight rows, odd lanes
/// to the last eight) rotates that 8-bit index right by one bit, so four rounds swap row and
/// column. Element by element the transpose cost 10× as much (strided scalar stores).
@inline(__always) @inlinable
public func transpose(
  _ w: UnsafePointer<Float>, into t: UnsafeMutablePointer<Float>, width paddedWidth: Int
) {
  var i = 0
  while i < paddedWidth {
    var j = 0
    while j < paddedWidth {
      var rows = InlineArray<16, Vector>(repeating: Vector())
      let source = w + (i &* paddedWidth &+ j)
      for k in 0..<16 { rows[k] = load(source + k &* paddedWidth) }
      for _ in 0..<4 {
        var next = rows
        for k in 0..<8 {
          let pair = SIMD32(lowHalf: rows[2 &* k], highHalf: rows[2 &* k &+ 1])
          next[k] = pair.evenHalf
          next[k &+ 8] = pair.oddHalf
        }
        rows = next
      }
      let destination = t + (j &* paddedWidth &+ i)
      for k in 0..<16 { store(rows[k], destination + k &* paddedWidth) }
      j += 16
    }
    i += 16
  }
}

/// True when none of `count` floats is NaN or infinite (x·0 is 0 only for finite x).
@inline(__always) @inlinable
public func allFinite(_ x: UnsafePointer<Float>, count: Int) -> Bool {
  var acc = Vector()
  var i = 0
  while i + 16 <= count {
    acc = acc.addingProduct(load(x + i), 0)
    i += 16
  }
  var tail: Float = 0
  while i < count {
    tail += x[i] * 0
    i += 1
  }
  return acc == Vector() && tail == 0
}

extension SIMD16 where Scalar == Float {
  @inline(__always) @inlinable
  public mutating func addProduct(_ s: Float, _ v: Self) { self = self.addingProduct(s, v) }
}
