// The batched dense kernels of the scalar MLPs. Activations are stored sample-major: row s
// holds the P floats of one sample, where P is the layer width padded to a multiple of 16 so
// that every row is a whole number of SIMD16 vectors. Padding units have zero weights and
// biases, so they carry zero activations and receive zero gradients: the padding is exact.
// Row counts are padded to a multiple of 4 (rows beyond the batch hold zero gradients).

@usableFromInline typealias Vector = SIMD16<Float>

@inline(__always) @usableFromInline
func load(_ p: UnsafePointer<Float>) -> Vector {
  UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
}

@inline(__always) @usableFromInline
func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
}

/// Rounds `n` up to a multiple of `multiple`.
@inline(__always)
public func roundUp(_ n: Int, _ multiple: Int) -> Int { (n + multiple - 1) / multiple * multiple }

/// Y[n×P] = X[n×P] · W[P×P] (+ bias). n is a multiple of 4, P a multiple of 16.
/// Blocked 4 rows × 32 columns so that 8 accumulators stay in registers.
func multiply(
  _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
  into y: UnsafeMutablePointer<Float>, rows n: Int, width p: Int
) {
  var r = 0
  while r < n {
    let x0 = x + r * p
    let x1 = x0 + p
    let x2 = x1 + p
    let x3 = x2 + p
    var c = 0
    while c + 32 <= p {
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
      var wRow = w + c
      for i in 0..<p {
        let w0 = load(wRow)
        let w1 = load(wRow + 16)
        a00.addProduct(x0[i], w0)
        a01.addProduct(x0[i], w1)
        a10.addProduct(x1[i], w0)
        a11.addProduct(x1[i], w1)
        a20.addProduct(x2[i], w0)
        a21.addProduct(x2[i], w1)
        a30.addProduct(x3[i], w0)
        a31.addProduct(x3[i], w1)
        wRow += p
      }
      let y0 = y + r * p + c
      store(a00, y0)
      store(a01, y0 + 16)
      store(a10, y0 + p)
      store(a11, y0 + p + 16)
      store(a20, y0 + 2 * p)
      store(a21, y0 + 2 * p + 16)
      store(a30, y0 + 3 * p)
      store(a31, y0 + 3 * p + 16)
      c += 32
    }
    if c < p {  // one remaining 16-wide column block
      let b0 = bias.map { load($0 + c) } ?? Vector()
      var a0 = b0
      var a1 = b0
      var a2 = b0
      var a3 = b0
      var wRow = w + c
      for i in 0..<p {
        let w0 = load(wRow)
        a0.addProduct(x0[i], w0)
        a1.addProduct(x1[i], w0)
        a2.addProduct(x2[i], w0)
        a3.addProduct(x3[i], w0)
        wRow += p
      }
      let y0 = y + r * p + c
      store(a0, y0)
      store(a1, y0 + p)
      store(a2, y0 + 2 * p)
      store(a3, y0 + 3 * p)
    }
    r += 4
  }
}

/// G[P×P] = Xᵀ · A over n rows: the weight gradient of a dense layer with input X and
/// pre-activation gradient A. Blocked 4 input units × 32 output units.
func multiplyTransposed(
  _ x: UnsafePointer<Float>, _ a: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>,
  rows n: Int, width p: Int
) {
  var i = 0
  while i < p {
    var c = 0
    while c + 32 <= p {
      var g00 = Vector()
      var g01 = Vector()
      var g10 = Vector()
      var g11 = Vector()
      var g20 = Vector()
      var g21 = Vector()
      var g30 = Vector()
      var g31 = Vector()
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
        xRow += p
        aRow += p
      }
      let g0 = g + i * p + c
      store(g00, g0)
      store(g01, g0 + 16)
      store(g10, g0 + p)
      store(g11, g0 + p + 16)
      store(g20, g0 + 2 * p)
      store(g21, g0 + 2 * p + 16)
      store(g30, g0 + 3 * p)
      store(g31, g0 + 3 * p + 16)
      c += 32
    }
    if c < p {
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
        xRow += p
        aRow += p
      }
      let out = g + i * p + c
      store(g0, out)
      store(g1, out + p)
      store(g2, out + 2 * p)
      store(g3, out + 3 * p)
    }
    i += 4
  }
}

/// Column sums of A[n×P] into s[P] (bias gradients).
func columnSums(
  _ a: UnsafePointer<Float>, into s: UnsafeMutablePointer<Float>, rows n: Int, width p: Int
) {
  var c = 0
  while c < p {
    var acc = Vector()
    var row = a + c
    for _ in 0..<n {
      acc += load(row)
      row += p
    }
    store(acc, s + c)
    c += 16
  }
}

/// t[j][i] = w[i][j] for a P×P matrix.
func transpose(_ w: UnsafePointer<Float>, into t: UnsafeMutablePointer<Float>, width p: Int) {
  for i in 0..<p {
    for j in 0..<p { t[j * p + i] = w[i * p + j] }
  }
}

/// True when none of `count` floats is NaN or infinite (x·0 is 0 only for finite x).
func allFinite(_ x: UnsafePointer<Float>, count: Int) -> Bool {
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
  @inline(__always) @usableFromInline
  mutating func addProduct(_ s: Float, _ v: Self) { self = self.addingProduct(s, v) }
}
